"""Source of notebooks/03_promoting_sustainable_practice.ipynb."""

from build_notebooks import code, md

TITLE = "Promote sustainable practice"

GUIDANCE = ["learner-guidance"]

CELLS = [
    md(
        """
        # Promote sustainable practice to colleagues and customers

        - **What you will do:** plan a campaign that helps people choose a greener way to be
        served. Check its green claims, attach what you made, show how people reacted and link
        it to customer service.
        - **What you will learn:** how to plan a promotion, how to make green claims you can
        prove, how to show its reception with numbers and comments, and why the law and
        ethics support the change.
        - **What you need:** about 75 minutes. The materials you made (a poster, an email, some
        slides, meeting minutes) if you have them. If not, use the sample organisation.
        """
    ),
    md(
        """
        ## Why promotion matters

        A greener process only works if people use it. Colleagues need to know how to offer it.
        Customers need a reason to choose it. So your evidence must show two things: what you
        did to promote the change, and how people received it.

        The examples use **Brightwater Energy**, an invented energy supplier. In January 2025
        it started paperless billing and e-signatures. In March 2025 it ran a campaign to
        explain them to colleagues and customers.
        """
    ),
    md(
        """
        > **Common mistakes:**
        > - Keeping the change inside the office. Customers and colleagues must take part, or
        >   nothing changes.
        > - Calling a cost cut "green". Say what the benefit is for the planet, not only for
        >   the budget.
        > - Mixing up a nice logo with good service. Promotion is about what people
        >   experience, not how the brand looks.
        """
    ),
    md(
        """
        ## Step 1: Plan your promotion

        Fill in your plan. Pick one audience to start with. Keep the message short and in words
        your audience uses. The dates matter: you will ask people before and after.
        """
    ),
    code(
        "helpers.promotion.promotion_plan_form()",
        criteria=["SUS.PROMOTE.1"],
        questions=[
            f"03.promotion.{n}"
            for n in ("audience", "message", "channels", "start", "end", "materials")
        ],
    ),
    md(
        """
        ## Step 2: Make green claims you can prove

        A **green claim** says that something is better for the environment: "paperless bills
        save paper", "our service is carbon neutral". Customers trust such claims, so the law
        expects them to be true.

        The Competition and Markets Authority (CMA) wrote the **Green Claims Code** in 2021.
        It says an environmental claim must:

        - be true and accurate;
        - be clear, with only one meaning;
        - not leave out or hide anything important;
        - make only fair and meaningful comparisons;
        - think about the whole life of the product or service;
        - be backed up with evidence.

        A misleading green claim is an unfair practice under consumer law. Since 6 April 2025,
        under the **Digital Markets, Competition and Consumers Act 2024**, the CMA can decide
        for itself that a business broke consumer law. It can fine the business up to 10 % of
        its worldwide turnover (source: the Act and the CMA's guidance, see the table below).
        """
    ),
    code(
        "helpers.service.legislation_table(['cma_green_claims_code', 'dmcc_2024'])",
        criteria=["SUS.WHY.1"],
    ),
    md(
        """
        For example, Brightwater's first poster said "Go paperless and save the planet". That
        is vague, and it cannot be proved. Email bills still use energy in phones, computers
        and data centres. The checked poster says: "With email bills, no paper bill or
        envelope is printed or posted for your account." Every word of that can be shown.

        > **Common mistake:** calling a change "green" or "carbon neutral" without proof.
        > Say exactly what is better, and keep the evidence.
        """
    ),
    md(
        """
        Check your own promotion. Copy its main green claim, tick each principle it meets,
        and say what proves it. If it fails a principle, rewrite the claim.
        """
    ),
    code(
        "helpers.promotion.green_claims_form()",
        criteria=["SUS.PROMOTE.4"],
        questions=["03.claims.claim", "03.claims.checked", "03.claims.evidence"],
    ),
    md(
        """
        ## Step 3: Attach your materials

        Add the things you made or used: a poster, an email, slides or the minutes of a team
        meeting. Write a caption for each one, so your assessor knows what it shows and when
        it was used. Files up to 20 MB are accepted: pictures, PDF, saved emails, Word,
        PowerPoint, Excel, CSV and text files.
        """
    ),
    code(
        'helpers.attachments.attachment_box("promotion-materials", "Your promotional materials")',
        criteria=["SUS.PROMOTE.1"],
    ),
    md(
        """
        ## Step 4: How was it received?

        Reception is how people reacted. Numbers show how much changed. Comments show why.
        Your assessor looks for both.

        ### The numbers

        Brightwater asked 120 people in February 2025, before the campaign, and 120 in April,
        after it. Each person scored their awareness of paperless billing from 1 (not aware) to 5
        (fully aware). The chart compares the averages (source: Brightwater sample survey).
        """
    ),
    md(
        """
        If you ran your own survey, choose its file here. It needs a column for who answered
        (colleague or customer), the stage (before or after), the date and an awareness score
        from 1 to 5. The chart and the comments update by themselves when you choose.
        """,
        tags=GUIDANCE,
    ),
    code('helpers.datasource.data_choice("promotion_survey")'),
    code("helpers.promotion.show_awareness_chart()", criteria=["SUS.PROMOTE.2"]),
    md(
        """
        ### What people said

        These are the comments people gave after the campaign. Names, email addresses and
        phone numbers are replaced before they are shown, to protect the people who answered.
        """
    ),
    code("helpers.promotion.reception_comments()", criteria=["SUS.PROMOTE.2"]),
    md(
        """
        Now sum up the reception of **your** promotion. Use numbers where you have them, and
        quote one or two comments. Say what did not go well, too.
        """
    ),
    code(
        'helpers.forms.long_text("03.reception.summary", '
        '"How was your promotion received?", words=(60, 200))',
        criteria=["SUS.PROMOTE.2"],
    ),
    md(
        """
        Attach your evidence of reception: survey results, replies to your email, feedback
        forms or meeting minutes.
        """
    ),
    code(
        'helpers.attachments.attachment_box("promotion-reception", '
        '"Evidence of how it was received")',
        criteria=["SUS.PROMOTE.2"],
    ),
    md(
        """
        ## Step 5: Link it to customer service

        A good promotion changes more than awareness. It should show up in customer-service
        results: satisfaction, complaints, waste and the number of contacts. The table compares
        the monthly averages before and after your change date, the one you gave in notebook
        02. Until you give one, it uses January 2025, when Brightwater's paperless billing
        started (source: Brightwater sample data).
        """
    ),
    md(
        """
        The table uses your monthly figures if you chose a file in notebook 01 or 02. You can
        change that choice here too. The table updates by itself when you change the file or
        the change date.
        """,
        tags=GUIDANCE,
    ),
    code('helpers.datasource.data_choice("monthly_operations")'),
    code("helpers.promotion.show_outcome_table()", criteria=["SUS.PROMOTE.3"]),
    md(
        """
        A change in the numbers rarely has one cause. Complaints might rise while people learn a new system,
        then fall. Say what changed, by how much, and what else might explain it.
        """
    ),
    code(
        "helpers.promotion.outcome_link_form()",
        criteria=["SUS.PROMOTE.3"],
        questions=["03.outcomes.link", "03.outcomes.next"],
    ),
    md(
        """
        ## Step 6: Why it matters: policy, law and ethics

        Your change sits inside rules. Some are laws. Some are your organisation's own
        policies. Others are about doing the right thing. The table lists the laws and
        standards that most often apply, with a link to each official text.
        """
    ),
    code(
        "helpers.service.legislation_table(notebook='03', "
        "leave_out=['cma_green_claims_code', 'dmcc_2024'])",
        criteria=["SUS.WHY.1"],
    ),
    md(
        """
        Do not just name a law. Say what it asks of you, and what a breach would cost the
        customer and the business.
        """
    ),
    code(
        'helpers.forms.long_text("03.rationale.law_and_policy", '
        '"Which law and which policy support your change, and what would a breach cost?", '
        "words=(60, 200))",
        criteria=["SUS.WHY.1"],
    ),
    code(
        'helpers.forms.long_text("03.rationale.ethics", '
        '"Why is the change right, beyond saving money?", words=(40, 150))',
        criteria=["SUS.WHY.1"],
    ),
    md(
        """
        ### Protecting people

        Going green must not shut anyone out. Some customers cannot use email or an app, so the
        Equality Act 2010 expects an accessible choice, such as paper or large print. A new
        digital system also holds personal data, so the Data Protection Act 2018 applies.
        """
    ),
    code(
        'helpers.forms.long_text("03.rationale.data_and_access", '
        '"How does your change protect personal data and keep the service accessible?", '
        "words=(40, 150))",
        criteria=["SUS.WHY.2"],
    ),
    md(
        """
        ## Check your work

        These automatic checks show what your assessor will look for in this notebook. They
        are not a mark: your assessor decides.
        """
    ),
    md("The checks update as you type.", tags=GUIDANCE),
    code('helpers.feedback.assessor_checks("03")'),
]
