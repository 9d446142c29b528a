"""Source of notebooks/04_service_environment.ipynb."""

from build_notebooks import code, md

TITLE = "The customer-service environment"

GUIDANCE = ["learner-guidance"]

CELLS = [
    md(
        """
        # The customer-service environment

        - **What you will do:** map how your organisation is set up and follow a customer's
        journey through its teams. Find its moments of truth. Apply the law to your own tasks
        and to customer data. Define a service level agreement, work through a complaint and
        keep a log of best practice.
        - **What you will learn:** how every team, not just the front line, shapes the
        customer's experience. How to listen, question and escalate well, and what happens
        when a handover or a law is missed.
        - **What you need:** about 100 minutes. Knowledge of your own workplace. The examples
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
        criteria=["ENV.BRAND.1"],
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
        a handover that can fail, and its effect is listed on the right.
        """
    ),
    md(
        "The diagram and the hints under it redraw themselves when you change the table.",
        tags=GUIDANCE,
    ),
    code("helpers.journey.saved_journey_diagram()", criteria=["ENV.STRUCTURE.2"]),
    code("helpers.journey.saved_journey_hints()"),
    md(
        """
        ### Moments of truth

        A **moment of truth** is any moment when a customer forms a view of your organisation.
        The idea comes from Jan Carlzon, who ran the airline SAS in the 1980s. Some moments
        matter more than others: the first contact, the moment something goes wrong, and the
        moment it is put right. One bad moment can undo many good ones.

        For Brightwater, the first email bill after a customer switches to paperless is a
        moment of truth. If it arrives on time and is clear, the customer trusts the change.
        If it goes to an old address, the customer loses trust in paperless billing and in
        Brightwater. Notice that a team behind the scenes (IT, which sends the bills) decides
        how this moment goes.
        """
    ),
    md(
        """
        Pick one moment of truth in your journey. Say what the customer expects at that
        moment, what makes it go well or badly, and which team affects it.
        """
    ),
    code(
        'helpers.forms.long_text("04.journey.moment", '
        '"A moment of truth in your customer journey", words=(40, 150))',
        criteria=["ENV.STRUCTURE.2"],
    ),
    md(
        """
        ## Step 3: The law in your daily work

        Three laws shape almost every customer contact: the Consumer Rights Act 2015, the
        Equality Act 2010 and data protection law (the Data Protection Act 2018 and UK GDPR).
        Since April 2025 the Digital Markets, Competition and Consumers Act 2024 lets the
        Competition and Markets Authority fine a business that breaks consumer law. Some
        sectors add their own rules, such as Ofgem's Standards of Conduct for energy suppliers
        and the FCA's Consumer Duty for financial services. The table says what each one asks
        and what a breach costs, with a link to the official text (source: legislation.gov.uk
        and each regulator's website).
        """
    ),
    code(
        "helpers.service.legislation_table(notebook='04', "
        "leave_out=['iso_23592', 'customer_service_excellence'])",
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
        ## Step 4: Customer relationships and customer data

        **Customer relationship management** (CRM) means building relationships with customers
        that last. CRM is also the name of the computer systems that record each customer's
        contacts, needs and history.

        - **Loyalty** is when customers choose you again and recommend you to others.
        - **Retention** is keeping the customers you have. A customer who leaves takes their
          future custom with them, and may tell others why.

        A good relationship needs data: who the customer is, how they like to be contacted and
        what has happened before. That data is personal data, so UK GDPR applies. Handle it
        ethically:

        - record only what you need, and keep it accurate and up to date;
        - keep it secure, and share it only with people who need it;
        - use it only for the reason the customer was told;
        - delete it when it is no longer needed.

        Marketing emails and texts to customers also need their consent in most cases (the
        Privacy and Electronic Communications Regulations 2003).
        """
    ),
    md(
        """
        For example, Brightwater's CRM record for one customer showed she had asked for paperless
        bills. But the record still held an old work email address, so her bills never arrived.
        Advisers now check the email address on every call. That keeps the data accurate and
        the bills arriving. Brightwater also rings any customer who has complained twice in
        three months, to put things right before they leave.

        > **Common mistake:** forgetting data protection when you handle feedback and
        > complaints. Notes about a customer are personal data too. Use them to solve the
        > problem, not to sell.
        """
    ),
    code(
        "helpers.service.customer_relationship_form()",
        criteria=["ENV.RELATIONSHIPS.1", "ENV.RELATIONSHIPS.2"],
        questions=["04.crm.loyalty", "04.crm.data"],
    ),
    md(
        """
        ## Step 5: Service standards, agreements and measures

        A **service standard** is a promise an organisation makes to its customers, such as
        "we answer every email within one working day". A **service level agreement** (SLA) is
        different. It is an agreement between two parties: two teams in the same organisation,
        or the organisation and a supplier. Each side knows what the other will deliver, how it
        is measured and by when.

        The chart shows how often Brightwater met its service standard on each channel, month
        by month. Each channel has its own target time, such as 5 minutes for a phone call and
        one day for an email. Brightwater's goal is to answer 75 % of contacts within the
        target time (source: Brightwater sample data, 2024 to 2025).
        """
    ),
    md(
        """
        To use your own response times, choose the file here. It needs the month, the
        channel, the target time and the share of contacts answered within it. The chart
        updates by itself when you choose.
        """,
        tags=GUIDANCE,
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
        ### Defining, managing and reporting an SLA

        An SLA only works if both parties agree it and check it. There are three parts to
        the work.

        - **Define it:** name the two parties, the service, the measure and the target, and
          what happens if the target is missed.
        - **Manage it:** watch the figures during the month, and act early when they start to
          slip.
        - **Report it:** share the results with both parties at set times. Give the reason for
          any miss and what will change.

        For example, Brightwater's contact centre has an SLA with its metering team. When an
        adviser asks for a meter reading to be checked, metering does it within 2 working days
        for 95 % of requests. Metering sends a report every week. If it misses the target two
        weeks running, the two team leaders meet to fix the cause. The SLA began after reading
        requests sat unseen in a shared inbox, the handover in the journey above.
        """
    ),
    md(
        """
        Define an SLA from your workplace. If you do not have one, write the SLA you would
        propose between your team and another team or a supplier.
        """
    ),
    code(
        "helpers.service.sla_definition_form()",
        criteria=["ENV.STANDARDS.1"],
        questions=[
            f"04.sla.{n}" for n in ("parties", "service", "target", "managing", "reporting")
        ],
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
        ## Step 6: Handling a complaint

        **HEAT** is a simple way to handle an upset customer: **H**ear them out,
        **E**mpathise, **A**pologise, and **T**ake ownership (some say "take action"). Read the
        complaint, then write what you would say and do at each step.

        This complaint is a practice scenario. Your answers show what you know. Your assessor
        may also ask for evidence of a real complaint you handled, such as a witness statement.
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
        ### Listening, questioning and adapting your style

        How you communicate decides how a complaint goes. Three techniques help most.

        - **Active listening:** let the customer finish. Note the key facts. Then sum up what
          you heard and check you have it right: "So your bills went to an old email address,
          and now you have a reminder for £240. Is that right?"
        - **Questioning:** open questions (what, how, why, tell me) let the customer explain in
          their own words. Closed questions (is, did, can) check a fact with a yes or a no.
          Start open, then close to confirm.
        - **Adapting your style:** match the customer and the channel. A worried customer on the
          phone needs a calm pace, plain words and reassurance. A business customer by email
          may want a short, exact answer with dates. Your tone, your words and, face to face,
          your body language all send a message.
        """
    ),
    code(
        "helpers.service.communication_form()",
        criteria=["ENV.COMMUNICATION.1"],
        questions=[f"04.communication.{n}" for n in ("listening", "questions", "adapting")],
    ),
    md(
        """
        ### When and how to escalate

        To **escalate** a complaint is to pass it to someone with more authority or more
        knowledge. It is part of taking ownership: owning a problem does not mean solving it
        alone. Escalate when:

        - the fix is beyond what you are allowed to agree, such as a large refund;
        - the customer is at risk or vulnerable, for example facing being cut off;
        - the same problem has come back, or it has not been solved in the time allowed;
        - the customer asks for a manager or mentions legal action.

        Escalate well. Pass on the full facts, so the customer never has to repeat the story.
        Tell the customer who will deal with it, and by when. Keep in touch until someone
        confirms they have taken it over.

        Brightwater's steps are: the adviser; then a team leader the same day; then the
        complaints team. If a complaint is not solved within eight weeks, the customer can take
        it to the free Energy Ombudsman. They can go sooner if Brightwater gives its final
        answer and they are still unhappy. Energy suppliers must tell customers this (source:
        the Gas and Electricity (Consumer Complaints Handling Standards) Regulations 2008).

        > **Common mistake:** escalating to get rid of a customer, or passing them on without
        > the facts. The customer then has to tell the story again, and trusts you less.
        """
    ),
    code(
        "helpers.service.escalation_form()",
        criteria=["ENV.COMPLAINTS.2"],
        questions=[f"04.escalation.{n}" for n in ("when", "handover", "own")],
    ),
    md(
        """
        ## Step 7: Best practice keeps moving

        Two standards describe excellent service. The UK government's **Customer Service
        Excellence** standard has five criteria: customer insight; the culture of the
        organisation; information and access; delivery; and timeliness and quality of service.
        **ISO 23592:2021** sets out principles and a model for service excellence.

        > **Common mistake:** treating best practice as a checklist you finish once. Standards
        > change, and so do customers. Keep a dated log and add to it over the course.
        """
    ),
    code(
        "helpers.service.legislation_table(['customer_service_excellence', 'iso_23592'])",
        criteria=["ENV.PRACTICE.1"],
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

        These automatic checks show what your assessor will look for in this notebook. They
        are not a mark: your assessor decides.
        """
    ),
    md("The checks update as you type.", tags=GUIDANCE),
    code('helpers.feedback.assessor_checks("04")'),
]
