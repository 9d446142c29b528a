"""Source of notebooks/01_sustainability_review.ipynb."""

from build_notebooks import code, md

TITLE = "Review your service's environmental impact"

GUIDANCE = ["learner-guidance"]

CELLS = [
    md(
        """
        # Review your service's environmental impact

        - **What you will do:** look at every way your team serves customers and work out the
        carbon footprint of each one. Then name the impacts and propose changes backed by figures.
        - **What you will learn:** which channels use the most energy and materials, why digital
        channels count too, and how customers shape the impact.
        - **What you need:** about 60 minutes. Your own monthly figures if you have them
        (a spreadsheet of paper, post, energy, emails, calls and travel). If not, use the sample.
        """
    ),
    md(
        """
        ## Your data

        The pages use the sample data of **Brightwater Energy**, an invented energy supplier,
        until you choose your own file. You can choose it here or in notebook 02: the choice is
        remembered, and the tables and charts below change to your figures by themselves.
        """,
        tags=GUIDANCE,
    ),
    code('helpers.datasource.data_choice("monthly_operations")'),
    md(
        """
        Choose the year you will review. A whole year is fairer than one month, because heating
        and lighting change with the seasons.
        """
    ),
    code('helpers.review.period_form("01.review.period")', criteria=["SUS.REVIEW.1"]),
    md(
        """
        ## Step 1: Review your channels

        A **channel** is a way you deal with customers: printed bills, letters, phone calls,
        emails, live chat, video calls and visits. Each one uses something up: paper, fuel or
        electricity. The building you work in uses energy and water too.

        > **Common mistake:** thinking only about paper. Emails, chats and calls feel free, but
        > they run on computers, networks and data centres that use electricity. Review both
        > physical **and** digital channels.
        """
    ),
    md(
        """
        The table starts with the channels found in the data. While you use the sample, each
        of those rows says **Example from the sample organisation**: it describes Brightwater
        Energy, not your workplace. Check each row. Press **Confirm** when a row is right for
        your workplace, or change it. Then add the channels the data does not show, such as
        leaflets, your website or face-to-face meetings.
        """
    ),
    code('helpers.review.channels_form("01.review.channels")', criteria=["SUS.REVIEW.1"]),
    md(
        """
        ### How your calls travel

        Phone calls cause very different amounts of carbon depending on how they travel. A call
        over the mobile network uses masts and the whole network. A call over the internet
        (VoIP, or a softphone on the computer) uses the adviser's computer and the internet.
        Say which your centre mostly uses: the footprint below counts your calls that way.
        """
    ),
    code('helpers.review.call_type_form("01.review.call_type")', criteria=["SUS.REVIEW.1"]),
    md(
        """
        ### Activities your data does not show

        Does your team do something the data misses, such as printing leaflets, travelling by
        train or working from home? Add it below so that it counts in the footprint. Each
        activity needs an **emission factor**: the amount of greenhouse gas caused by one unit,
        such as one kWh or one km. Choose the factor from the list in the table, and give the
        amount in the unit shown beside it. The footprint below adds it straight away.
        """
    ),
    code("helpers.review.factor_list()"),
    code(
        'helpers.review.extra_activities_form("01.review.extra_activities")',
        criteria=["SUS.REVIEW.1"],
    ),
    md(
        """
        ## Step 2: Work out the carbon footprint

        A **carbon footprint** adds up the greenhouse gases that an activity causes. It is
        measured in kilograms of carbon dioxide equivalent (**kg CO2e**). We multiply each amount
        by an **emission factor**. The UK Government publishes a new set of factors each year;
        the footprint uses the set for the year of your data.
        """
    ),
    code("helpers.review.factor_notes()"),
    md(
        """
        Some factors are well measured. Others, such as the ones for emails and live chat, are
        rough estimates. So each line shows a low to high range as well as a central figure.
        """
    ),
    code("helpers.review.footprint_table()", criteria=["SUS.REVIEW.1", "SUS.REVIEW.2"]),
    md(
        """
        ### Physical, digital and premises

        This table groups the lines: physical channels (paper, post and travel), digital
        channels (email, chat, calls and video) and the premises (energy and water).
        """
    ),
    code("helpers.review.group_summary()", criteria=["SUS.REVIEW.1"]),
    md(
        """
        ### Where are the hotspots?

        A **hotspot** is an activity that causes a large share of the total. The chart shows the
        biggest ones first. The thin lines show the range from low to high.

        > **Common mistake:** paper-only thinking again. Paper is easy to see, but it is often a
        > small part of the total: energy, heating and travel can be far bigger. Look at the
        > chart before you decide what matters most.
        """
    ),
    code("helpers.review.hotspot_chart()", criteria=["SUS.REVIEW.2", "SUS.REVIEW.3"]),
    code("helpers.review.paper_share()"),
    md(
        """
        ## Step 3: Name the impacts

        Your assessor looks for three kinds of impact: **energy** (electricity, gas and fuel),
        **waste** (paper thrown away, old equipment) and **resources** (paper, water, materials).
        Use figures from the table above in each box.
        """
    ),
    code(
        'helpers.review.impacts_form("01.impacts.energy", "01.impacts.waste", '
        '"01.impacts.resources")',
        criteria=["SUS.REVIEW.2"],
    ),
    md(
        """
        ### The customer's role

        Customers shape the impact too. They choose paper or email bills. They phone, chat or
        write. They are in, or out, when an engineer calls, which may mean a second trip.

        > **Common mistake:** looking only inside the organisation. Say what customers do, and
        > how your service could make the greener choice the easy one for them.
        """
    ),
    code(
        'helpers.review.customer_role_form("01.impacts.customer_role")',
        criteria=["SUS.REVIEW.4"],
    ),
    md(
        """
        ## Step 4: Propose improvements

        Propose two or three changes. For each one, give the **figure** from your review that
        shows why it matters, and say what it would change in energy, waste or resources.

        > **Common mistake:** calling a cost saving a green benefit. Cheaper is not always
        > greener. Moving paper bills to a print company may save money but use the same paper.
        > Say what falls: kWh, sheets of paper, litres of fuel or kg CO2e.
        """
    ),
    code(
        'helpers.review.improvements_form("01.improvements.proposals")',
        criteria=["SUS.REVIEW.3"],
    ),
    md(
        """
        ### Keep changes fair and safe

        A greener change must still work for every customer. Some people cannot use email or
        apps. The Equality Act 2010 expects reasonable adjustments, such as keeping paper bills
        for those who need them. Digital records hold personal data, which UK GDPR says
        you must keep safe and no longer than needed.
        """
    ),
    code(
        'helpers.review.access_and_data_form("01.improvements.access_and_data")',
        criteria=["SUS.WHY.2"],
    ),
    md(
        """
        ## Check your work

        These ticks show what an assessor will look for in this notebook. They update as you
        type. They are guidance, not a mark.
        """,
        tags=GUIDANCE,
    ),
    code('helpers.feedback.assessor_checks("01")'),
]
