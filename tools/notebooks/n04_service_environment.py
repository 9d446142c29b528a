"""Source of notebooks/04_service_environment.ipynb."""

from build_notebooks import code, md

TITLE = "The customer-service environment"

CELLS = [
    md(
        """
        # The customer-service environment

        - **What you will do:** map how your organisation is set up and follow a customer's
        journey through its teams. Apply the law to your own tasks, read service levels, work
        through a complaint and keep a log of best practice.
        - **What you will learn:** how every team, not just the front line, shapes the
        customer's experience, and what happens when a handover or a law is missed.
        - **What you need:** about 75 minutes. Knowledge of your own workplace. The examples
        use **Brightwater Energy**, an invented energy supplier.
        """
    ),
    md(
        """
        ## Service is more than the brand

        A brand is the name, the logo and the promise. Customer service is what people actually
        experience when they deal with you. A smart logo cannot make up for a bill that is
        wrong or a call that is never returned.

        > **Common mistake:** writing about the logo, the colours or the advert. Your assessor
        > wants the whole experience: what the customer did, felt and got.
        """
    ),
    code(
        'helpers.forms.long_text("04.brand.experience", '
        '"Describe one contact where the service matched, or did not match, '
        "your brand's promise\", words=(40, 150))",
        criteria=["ENV.STRUCTURE.1"],
    ),
    md(
        """
        ## Step 1: How your organisation is set up

        In a **centralised** structure, one team handles customers for the whole
        organisation, often in one contact centre. It is consistent, but it can feel distant.
        In a **decentralised** structure, each branch or product team looks after its own
        customers. It is closer to them, but standards can differ. Many organisations mix both.
        """
    ),
    code(
        "helpers.service.org_structure_form()",
        criteria=["ENV.STRUCTURE.1"],
        questions=["04.structure.type", "04.structure.effect", "04.structure.roles"],
    ),
    md(
        """
        ## Step 2: The customer journey across teams

        A customer sees only a few steps. Behind them, other teams do their part: metering,
        billing, IT and finance. Each time work passes from one team to another there is a
        **handover**. That is where things most often go wrong.

        > **Common mistake:** thinking service is only the job of the front line. If IT or
        > finance gets it wrong, the customer feels it just the same.
        """
    ),
    md(
        """
        The table starts with a Brightwater example: a customer phones about a high bill.
        Replace it with a journey from your own workplace. Add a row for each step, including
        the ones the customer never sees. For each handover, say what can go wrong and what
        it means for the customer.
        """
    ),
    code(
        "helpers.journey.journey_table()",
        criteria=["ENV.STRUCTURE.2"],
        questions=["04.journey.steps"],
    ),
    md(
        """
        The diagram draws your journey. Each team has its own column. Steps the customer sees
        are blue; steps behind the scenes are orange. A thick red edge and a dashed arrow mark
        a handover that can fail, and its effect is listed on the right. After you change the
        table, run the next two cells again (click each and press **Shift** and **Enter**).
        """
    ),
    code("helpers.journey.saved_journey_diagram()", criteria=["ENV.STRUCTURE.2"]),
    code("helpers.journey.saved_journey_hints()"),
    md(
        """
        ## Step 3: The law in your daily work

        Three laws shape almost every customer contact: the Consumer Rights Act 2015, the
        Equality Act 2010 and data protection law (the Data Protection Act 2018 and UK GDPR).
        The table says what each one asks and what a breach costs, with a link to the official
        text (source: legislation.gov.uk).
        """
    ),
    code(
        "helpers.service.legislation_table(['consumer_rights_2015', 'equality_2010', "
        "'data_protection_2018', 'uk_gdpr'])",
        criteria=["ENV.LAW.1", "ENV.LAW.2"],
    ),
    md(
        """
        Now make it yours. In each row, name a law and say what it changes in a task you do.
        Then say what would happen to the customer and to the business if the law were breached.

        > **Common mistake:** reciting what a law says without the consequences. The hints
        > under the table tell you when a row has no consequence yet.
        """
    ),
    code(
        "helpers.service.legislation_impact_table()",
        criteria=["ENV.LAW.1", "ENV.LAW.2"],
        questions=["04.law.impact"],
    ),
    md(
        """
        ## Step 4: Service standards and how they are measured

        A **service level agreement** (SLA) is a promise about service, such as "we answer 75
        out of every 100 emails within one day". Each channel has its own target time. The
        chart shows how often Brightwater met its target time, month by month, against its
        goal of 75 % (source: Brightwater sample data, 2024 to 2025).
        """
    ),
    md(
        """
        To use your own response times, choose the file here. It needs the month, the
        channel, the target time and the share of contacts answered within it. Then open the
        **Run** menu and choose **Run All Cells**.
        """
    ),
    code('helpers.datasource.data_choice("sla_response_times")'),
    code("helpers.service.show_sla_chart()", criteria=["ENV.STANDARDS.1"]),
    code(
        'helpers.forms.long_text("04.sla.reading", '
        '"What does the chart tell you, and which channel would you look at first?", '
        "words=(40, 150))",
        criteria=["ENV.STANDARDS.1"],
    ),
    md(
        """
        There are three common ways to measure service. **Mystery shopping** sends a trained
        person to act as a customer and report what happens. A **customer survey** asks real
        customers how it felt. A **KPI** (key performance indicator) is a number your systems
        count, such as emails answered within a day. Pick the best one for each question.
        """
    ),
    code(
        "helpers.service.measure_fit_task()",
        criteria=["ENV.STANDARDS.2"],
        questions=[
            f"04.measure.{n}"
            for n in (
                "greeting",
                "satisfaction",
                "email_sla",
                "accessibility",
                "first_contact",
                "branch",
                "own_example",
            )
        ],
    ),
    md(
        """
        ## Step 5: Handling a complaint with HEAT

        **HEAT** is a simple way to handle an upset customer: **H**ear them out,
        **E**mpathise, **A**pologise, and **T**ake ownership (some say "take action"). Read the
        complaint, then write what you would say and do at each step.
        """
    ),
    code(
        "helpers.service.heat_form()",
        criteria=["ENV.COMPLAINTS.1"],
        questions=[
            f"04.heat.{n}"
            for n in ("hear", "empathise", "apologise", "take_ownership", "follow_up")
        ],
    ),
    md(
        """
        ## Step 6: Best practice keeps moving

        Two standards describe excellent service. The UK government's **Customer Service
        Excellence** standard has five criteria: customer insight; the culture of the
        organisation; information and access; delivery; and timeliness and quality of service.
        **ISO 23592:2021** sets out principles and a model for service excellence.

        > **Common mistake:** treating best practice as a checklist you finish once. Standards
        > change, and so do customers. Keep a dated log and add to it over the course.
        """
    ),
    code(
        "helpers.service.best_practice_log()",
        criteria=["ENV.PRACTICE.1"],
        questions=["04.best_practice.log"],
    ),
    md(
        """
        Attach any evidence of your research and how you used it. For example: notes from a
        webinar, a page of a standard you compared against, or an email sharing what you learned.
        """
    ),
    code(
        'helpers.attachments.attachment_box("service-best-practice", "Evidence of best practice")',
        criteria=["ENV.PRACTICE.1"],
    ),
    md(
        """
        ## Check your work

        These ticks show what your assessor will look for in this notebook. They are guidance,
        not a mark. They update as you type.
        """
    ),
    code('helpers.feedback.assessor_checks("04")'),
]
