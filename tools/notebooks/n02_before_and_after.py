"""Source of notebooks/02_before_and_after.ipynb."""

from build_notebooks import code, md

TITLE = "Monitor a change: before and after"

GUIDANCE = ["learner-guidance"]

CELLS = [
    md(
        """
        # Monitor a change: before and after

        - **What you will do:** pick the figures that show whether a change worked and compare
        them before and after it. Then check again later and set them beside what customers said.
        - **What you will learn:** how to show a change with dated data, why one check is not
        enough, and why comments matter as much as numbers.
        - **What you need:** about 45 minutes, and monthly figures from before and after a
        change at work (or the sample data).
        """
    ),
    md(
        """
        ## Your data

        The sample is **Brightwater Energy**, an invented energy supplier. It made paperless
        billing the default and started e-signatures in **January 2025**.
        """
    ),
    md(
        """
        If you have monthly figures from your own workplace, choose your file here. The charts
        and tables in this notebook and in notebook 01 change to your figures by themselves.
        """,
        tags=GUIDANCE,
    ),
    code('helpers.datasource.data_choice("monthly_operations")'),
    md(
        """
        ## Step 1: Choose what to measure

        Pick two to four figures. Take at least one **environmental** figure (paper, energy or
        carbon footprint) and one **service** figure (satisfaction, complaints or first-contact
        resolution). A greener change that makes service worse is not a success.
        """
    ),
    code('helpers.monitoring.metrics_form("02.monitor.metrics")', criteria=["SUS.MONITOR.1"]),
    md(
        """
        Now give the date the change started. Months before it count as **before**; that month
        and the ones after count as **after**. The later notebooks compare before and after at
        the same date.
        """
    ),
    code(
        'helpers.monitoring.change_date_form("02.monitor.change_date")', criteria=["SUS.MONITOR.1"]
    ),
    code(
        'helpers.forms.long_text("02.monitor.change_what", "What changed on that date?", '
        "words=(20, 100))",
        criteria=["SUS.MONITOR.1"],
    ),
    md(
        """
        ## Step 2: Before and after

        Each chart shows the monthly figure as a blue line. The dashed line marks the change.
        The dotted lines show the monthly average before and after it. The title gives the
        change in per cent. The charts follow your ticks and your change date as you choose.
        """
    ),
    code("helpers.monitoring.before_after_charts()", criteria=["SUS.MONITOR.1"]),
    md(
        """
        ### Summary table

        The same figures in a table, ready to quote in your evidence. The carbon footprint comes
        from the monthly figures and emission factors, mostly the UK Government conversion
        factors. Each month is counted with the set for its own year. The source of each factor
        is in the list of emission factors in notebook 01.
        """
    ),
    code("helpers.monitoring.summary_table()", criteria=["SUS.MONITOR.1"]),
    md(
        """
        Say what the figures show. Quote at least two numbers, with their months. Say what
        else might explain a change, such as the weather or a price rise.
        """
    ),
    code(
        'helpers.forms.long_text("02.monitor.interpretation", '
        '"What do the figures show?", words=(50, 200))',
        criteria=["SUS.MONITOR.1"],
    ),
    md(
        """
        ## Step 3: Check again later

        > **Common mistake:** monitoring once and stopping. Early gains can fade as people slip
        > back into old habits, and early problems can settle down. Show a **second review
        > point**, and plan the next one.

        The table compares the first three months after the change with the latest three. Each
        is set against the same months a year earlier, so that winter heating does not look
        like a failure.
        """
    ),
    code("helpers.monitoring.second_review_table()", criteria=["SUS.MONITOR.2"]),
    code(
        'helpers.forms.long_text("02.monitor.second_review_notes", '
        '"What did the second review point show?", words=(30, 150))',
        criteria=["SUS.MONITOR.2"],
    ),
    md("Plan your next review point. Give a date and what you will compare."),
    code(
        'helpers.monitoring.second_review_form("02.monitor.second_review_date", '
        '"02.monitor.next_review")',
        criteria=["SUS.MONITOR.2"],
    ),
    md(
        """
        ## Step 4: What customers said

        Numbers show how much changed. Comments show how it felt to the customer and why. Put
        the two side by side. If you have your own file of customer comments, choose it here.
        """
    ),
    code('helpers.datasource.data_choice("feedback")'),
    md(
        """
        The table gives the scores before and after the change. Example comments follow, with
        names, emails and phone numbers replaced.
        """
    ),
    code("helpers.monitoring.feedback_summary()", criteria=["SUS.MONITOR.3", "SUS.WHY.2"]),
    md(
        """
        This box lists the personal data that was replaced in the comments, and how many of
        each. You can keep a column as it is only if you give a good reason.
        """
    ),
    code('helpers.datasource.redaction_report("feedback")', criteria=["SUS.WHY.2"]),
    code(
        'helpers.forms.long_text("02.monitor.qualitative", '
        '"What do the comments add to the figures?", '
        '"Quote one or two comments (no names) and say what they tell you.", words=(40, 150))',
        criteria=["SUS.MONITOR.3"],
    ),
    md(
        """
        ### Personal data in feedback

        Customer comments often hold names, emails and phone numbers. UK GDPR says use only what
        you need, keep it safe and delete it when you are done. Say how you handled it.
        """
    ),
    code(
        'helpers.forms.long_text("02.monitor.personal_data", '
        '"How did you protect customers\' personal data in this work?", words=(20, 100))',
        criteria=["SUS.WHY.2"],
    ),
    md(
        """
        ## Check your work

        These ticks show what an assessor will look for in this notebook. They update as you
        type. They are guidance, not a mark.
        """,
        tags=["learner-guidance"],
    ),
    code('helpers.feedback.assessor_checks("02")'),
]
