"""Source of notebooks/05_continuous_improvement.ipynb."""

from build_notebooks import code, md

from helpers.pdca import cycle_question_ids, stage_question_ids
from helpers.rootcause import fishbone_question_ids, five_whys_question_ids

TITLE = "Continuous improvement"

CELLS = [
    md(
        """
        # Continuous improvement: better service, one cycle at a time

        - **What you will do:** find a problem in customer feedback and data, and find its
        cause. Then plan a change, make it, check the result and decide what to do next.
        - **What you will learn:** the Plan, Do, Check, Act cycle, Pareto charts, the 5 whys, the
        fishbone diagram, SMART objectives and how this links to ISO 9001.
        - **What you need:** about 2 hours, spread over a few weeks. You need one change you can
        make at work, and some feedback or figures about it.
        """
    ),
    md(
        """
        ## What continuous improvement means

        Continuous improvement is a habit, not a single event. You make a small change, you
        measure what it did, and you use what you learned to plan the next change. Over months,
        many small steps add up to a much better service.

        The cycle has four stages: **Plan, Do, Check, Act** (PDCA). W. Edwards Deming, who made it
        famous, preferred the word **Study** to Check, because the point is to learn, not only to
        tick a box.
        """
    ),
    md(
        """
        > **Common mistake:** calling one change "continuous improvement". A new form or a new
        > script is a change. It becomes continuous improvement when you check it, learn from it
        > and plan the next step. One full cycle, with a clear next step, is what you need. A
        > second cycle is good practice if you have time.
        """
    ),
    code(
        'helpers.forms.long_text("05.intro.cycle", '
        '"In your own words: why is improvement a cycle and not a one-off change?", words=(40, 120))',
        criteria=["IMP.MODELS.1"],
    ),
    md(
        """
        ## Step 1: Find an improvement area in the data

        Start from evidence, not from a hunch. The chart below counts the complaints of our
        practice organisation, Brightwater Energy, for 2024 and 2025, by what they were about.
        Brightwater is invented; its figures come from its sample complaints log.

        A **Pareto chart** puts the biggest group first. The line shows the running total as a
        percentage. The coloured bars are the **vital few** (the others are grey): the groups
        that make up about 80 % of all complaints. Fixing these helps the most customers.
        """
    ),
    md(
        """
        You can draw the same chart from your own complaints log. Choose your file below (a CSV
        or Excel file with a date and a category for each complaint), or keep the sample.
        Names and contact details are replaced before anything is shown. The chart changes by
        itself when you choose a file.
        """,
        tags=["learner-guidance"],
    ),
    code('helpers.datasource.data_choice("complaints")'),
    code(
        'helpers.rootcause.show_pareto("complaints", "category")',
        criteria=["IMP.PLAN.1", "IMP.MODELS.2"],
    ),
    md(
        """
        > **Common mistake:** relying on one story. "A customer shouted at me about bills" is a
        > start, but your assessor wants numbers **and** comments. The count shows how big the
        > problem is. The comments show what it feels like for customers.

        Now look at your own workplace. Name the data or feedback you used: a complaints log, a
        survey, call figures, reviews. Say what the numbers and the comments tell you.
        """
    ),
    code(
        'helpers.forms.long_text("05.area.evidence", '
        '"Which data and feedback did you look at, and what do they show?", '
        '"Name each source and its dates. Quote a figure and a comment (no customer names).", '
        "words=(60, 200))",
        criteria=["IMP.PLAN.1", "IMP.REVIEW.2"],
    ),
    code(
        'helpers.forms.long_text("05.area.choice", '
        '"Which improvement area will you work on, and why this one first?", words=(30, 120))',
        criteria=["IMP.PLAN.1", "IMP.MODELS.4"],
    ),
    md(
        """
        ## Step 2: Find the root cause

        A symptom is what customers notice. A root cause is why it happens. If you only treat the
        symptom, the problem comes back.

        ### The 5 whys

        Write the problem, then ask "why?" and write the answer. Ask "why?" about that answer,
        and so on. Five is a rule of thumb, not a law. The fifth answer is not always the root
        cause: stop when you reach a cause you can act on, and check it against the data.
        """
    ),
    code(
        "helpers.rootcause.five_whys_form()",
        questions=five_whys_question_ids(),
        criteria=["IMP.PLAN.2", "IMP.MODELS.2"],
    ),
    md(
        """
        ### The fishbone diagram

        A fishbone (or Ishikawa) diagram helps a team think of causes under six headings:
        people, methods, machines, materials, measurement and environment. Do this with your
        colleagues: they see causes you do not. Write each cause on its own line.
        """
    ),
    code(
        "helpers.rootcause.fishbone_form()",
        questions=fishbone_question_ids(),
        criteria=["IMP.PLAN.2", "IMP.CHANGE.2"],
    ),
    md(
        "Your fishbone is drawn below as a diagram. It changes by itself as you type.",
        tags=["learner-guidance"],
    ),
    code("helpers.rootcause.show_fishbone()", criteria=["IMP.PLAN.2"]),
    md(
        """
        ## Step 3: Plan

        A good plan says:

        - what is wrong, and how you know;
        - what causes it;
        - what you aim to achieve;
        - who will do what, and when;
        - how you will know it worked.

        Write objectives and success criteria that are **SMART**:
        """
    ),
    code("helpers.smart.show_guide()"),
    md(
        """
        Here is a worked example: the first cycle of Brightwater Energy's plan, after its move to
        paperless billing. It is an example from the sample organisation, not your evidence. Its
        figures come from the sample data. Notice how each part links to the evidence, and how
        the Act stage leads into the next cycle.
        """
    ),
    code("helpers.pdca.show_example_plan()", criteria=["IMP.MODELS.2"]),
    md(
        """
        > **Common mistake:** planning alone. Changes that are done *to* people meet resistance.
        > Give every action an owner, and talk to the people it affects before you start.

        Fill in the plan for your first cycle. The SMART check under the form updates as you
        type: it tells you what is still missing.
        """
    ),
    md(
        """
        Type each date the UK way, for example 14/04/2025 or 14 April 2025. The date is shown
        back to you in words, so you can see it was understood.
        """,
        tags=["learner-guidance"],
    ),
    code(
        "helpers.pdca.plan_form(1)",
        questions=stage_question_ids(1, "plan"),
        criteria=["IMP.PLAN.1", "IMP.PLAN.2", "IMP.PLAN.3", "IMP.PLAN.4"],
    ),
    md(
        """
        The timeline shows your actions as bars, with today's date as a dashed line. It changes
        by itself when you change an action or a date. If an action cannot be drawn, the
        timeline says why under the chart.
        """
    ),
    code("helpers.pdca.timeline(1)", criteria=["IMP.PLAN.4"]),
    md(
        """
        ## Step 4: Do

        Make the change and keep a log as you go. Write the date, what happened, who was
        involved, and where the evidence is (an email, a photo, a new script, meeting notes).
        Keep to your organisation's policies. For example, do not copy customer details into your
        log. Check that a change does not shut out customers who need another way to contact you.
        """
    ),
    code(
        "helpers.pdca.do_form(1)",
        questions=stage_question_ids(1, "do"),
        criteria=["IMP.CHANGE.1", "IMP.CHANGE.3"],
    ),
    code(
        'helpers.forms.long_text("05.do.involvement", '
        '"Who did you involve, and how did you bring them with you?", words=(40, 150))',
        criteria=["IMP.CHANGE.2"],
    ),
    code(
        'helpers.forms.long_text("05.do.rules", '
        '"Which policies or laws did you keep to while you made the change?", '
        '"For example data protection, equality or your complaints policy.", words=(30, 120))',
        criteria=["IMP.CHANGE.4"],
    ),
    md(
        """
        ## Step 5: Check

        > **Common mistake:** not measuring after the change. Without a "before" and an "after"
        > figure, nobody can tell whether it worked, including you.

        Here is a worked example from the sample organisation, Brightwater Energy. The centre
        brought in paperless billing in January 2025 (the dashed line). The chart shows
        first-contact resolution each month, with the average before and after the change.
        """
    ),
    code(
        'helpers.pdca.show_sample_check("first_contact_resolution_pct", "2025-01")',
        criteria=["IMP.REVIEW.1"],
    ),
    md(
        """
        Look closely at the months after the change. Resolution fell at first, while customers
        and staff got used to the new way, then climbed back above its old level by the summer.
        A team that checked only once, in February, might have dropped a change that later
        worked. Check more than once, and say which months you compared.

        Now record your own check. Give the periods you compared, the figures, and what customers
        and colleagues said.
        """
    ),
    code(
        "helpers.pdca.check_form(1)",
        questions=stage_question_ids(1, "check"),
        criteria=["IMP.REVIEW.1", "IMP.REVIEW.2", "IMP.REVIEW.3"],
    ),
    md(
        "Your before and after figures are drawn below. The chart changes as you type them.",
        tags=["learner-guidance"],
    ),
    code("helpers.pdca.check_chart(1)", criteria=["IMP.REVIEW.1"]),
    code(
        'helpers.forms.long_text("05.check.criteria_met", '
        '"Did you meet your success criteria? Quote the figures.", words=(30, 120))',
        criteria=["IMP.REVIEW.3"],
    ),
    md(
        """
        ## Step 6: Act

        Decide what to do with the change. **Adopt** it if it worked, so it becomes the normal
        way of working. **Adapt** it if it partly worked. **Abandon** it if it did not, and say
        what you learned. Then say what the next cycle will try.
        """
    ),
    code(
        "helpers.pdca.act_form(1)",
        questions=stage_question_ids(1, "act"),
        criteria=["IMP.REVIEW.4", "IMP.REVIEW.5"],
    ),
    md(
        """
        ## Keep going: the next cycle

        Continuous improvement shows over time. One full cycle with a clear next step meets the
        criteria. A second cycle is good practice: it shows the improvement being kept up and
        built on. Use what the first cycle taught you to plan it. The four tabs below hold Plan,
        Do, Check and Act for cycle 2. Leave them empty if you have not started it yet.
        """
    ),
    code(
        "helpers.pdca.cycle_form(2)",
        questions=cycle_question_ids(2),
        criteria=["IMP.PLAN.3", "IMP.PLAN.4", "IMP.CHANGE.3", "IMP.REVIEW.1", "IMP.REVIEW.5"],
    ),
    md(
        """
        ## The link to ISO 9001

        ISO 9001 is the international standard for quality management. It is built on the same
        Plan, Do, Check, Act cycle, and it asks organisations to keep improving (it calls this
        "continual improvement"). Its 2024 amendment also asks them to think about whether
        climate change matters to their business. If your organisation holds ISO 9001, or the
        Customer Service Excellence standard, your PDCA log is the kind of evidence its
        auditors look for.

        > **Common mistake:** improving something nobody asked for. Link your change to your
        > organisation's service strategy or business goals, so managers see why it matters.
        """
    ),
    code(
        'helpers.forms.long_text("05.iso.link", '
        "\"How does your improvement fit your organisation's quality system, standards or "
        'business goals?", words=(40, 150))',
        criteria=["IMP.MODELS.3", "IMP.MODELS.4"],
    ),
    md(
        """
        ## Your whole plan

        This is your plan as it will appear in your evidence file. It shows your latest answers
        by itself.
        """
    ),
    code("helpers.pdca.show_plan()", criteria=["IMP.PLAN.4", "IMP.CHANGE.3", "IMP.REVIEW.4"]),
    md(
        """
        ## Reflection

        Look back at your improvement. What did the review teach you? What will you do
        differently next time, and how will you keep the improvement going?
        """
    ),
    code(
        'helpers.forms.long_text("05.reflection.next", '
        '"What did you learn, and how will it shape your next improvement?", words=(80, 250))',
        criteria=["IMP.REVIEW.5", "IMP.MODELS.1"],
    ),
    md(
        """
        ## What your assessor will look for

        These checks update as you type. They are a guide to help you, not a mark.
        """
    ),
    code('helpers.feedback.assessor_checks("05")'),
]
