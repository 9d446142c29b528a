"""Source of notebooks/07_reflection_and_evidence.ipynb."""

from build_notebooks import code, md

TITLE = "Reflection and your evidence pack"

REF = ["REF.REFLECT.1", "REF.REFLECT.2"]

CELLS = [
    md(
        """
        # Reflection and your evidence pack

        - **What you will do:** look back on your project with the Gibbs cycle, check which
        criteria your evidence covers, sign a declaration and build the file you hand in.
        - **What you will learn:** how to reflect in a way an assessor can follow, and how to link
        what you did to the law, your organisation's policy and the difference it made.
        - **What you need:** about 60 minutes, and your answers from notebooks 01 to 06.
        """
    ),
    md(
        """
        ## The Gibbs reflective cycle

        Graham Gibbs (1988) set out six stages for thinking about an experience: description,
        feelings, evaluation, analysis, conclusion and action plan. Each box below is one stage.
        Write about one real piece of work from this project, such as the change you monitored or
        the promotion you ran.

        Good reflection does more than retell the story. It says **why** things went as they did,
        **which law or policy** shaped your choices, and **what impact** your action had, with a
        figure where you have one.
        """
    ),
    md(
        """
        ### Stage 1 and 2: what happened and how it felt

        Start with the facts: what you did, when and with whom. Then say honestly how you and
        others felt. Feelings are evidence too: they show what you noticed.
        """
    ),
    code('helpers.reflection.gibbs_stage("07.gibbs.description")', criteria=["REF.REFLECT.1"]),
    code('helpers.reflection.gibbs_stage("07.gibbs.feelings")', criteria=["REF.REFLECT.1"]),
    md(
        """
        ### Stage 3 and 4: what went well, and why

        In the evaluation, give both sides. In the analysis, explain the reasons. This is the place
        to name the law or policy that applied, for example UK GDPR when you used customer
        comments, or your organisation's environmental policy. Say what your action changed.
        """
    ),
    code('helpers.reflection.gibbs_stage("07.gibbs.evaluation")', criteria=REF),
    code(
        'helpers.reflection.gibbs_stage("07.gibbs.analysis")',
        criteria=["REF.REFLECT.1", "REF.REFLECT.2", "SUS.WHY.1"],
    ),
    md(
        """
        ### Stage 5 and 6: what you learned and what comes next

        A conclusion says what you would keep and what you would change. The action plan is your
        next cycle of improvement: name the step, who it involves and by when. Improvement is
        ongoing, not a one-off.
        """
    ),
    code('helpers.reflection.gibbs_stage("07.gibbs.conclusion")', criteria=["REF.REFLECT.1"]),
    code(
        'helpers.reflection.gibbs_stage("07.gibbs.action_plan")',
        criteria=["REF.REFLECT.1", "IMP.REVIEW.5"],
    ),
    md(
        """
        ## Linking your actions to law, policy and impact

        Assessors look for clear links. Fill in one row for each action you took. Name the law or
        policy it connects to and the impact, with a figure where you can.
        """
    ),
    code(
        'helpers.reflection.action_links("07.links.actions")',
        criteria=["REF.REFLECT.2", "SUS.WHY.1", "IMP.CHANGE.4"],
    ),
    md(
        """
        The box below updates as you type. It shows what your assessor will look for in this
        notebook. It is guidance to help you, not a mark.
        """,
        tags=["learner-guidance"],
    ),
    code('helpers.feedback.assessor_checks("07")'),
    md(
        """
        ## Which criteria your evidence covers

        This table checks every answer you have saved against the assessment criteria. Each
        criterion shows **Evidence found**, **Partly** or **Not yet**, and where the evidence is.
        It updates by itself when you change an answer, in this notebook or any other. These are
        automatic checks: your assessor makes the final decision.
        """,
        # the pack has its own coverage matrix; this table (no-export) and its words stay here
        tags=["learner-guidance"],
    ),
    code("helpers.reflection.coverage_view()", tags=["no-export"]),
    md(
        """
        ## Declaration of authenticity

        Your assessor needs to know the work is yours. Read the declaration, tick the box, type
        your full name and today's date (for example 14/04/2025). The time you sign is saved
        with your answers. Your evidence pack shows the same words.
        """
    ),
    code(
        'helpers.reflection.declaration_form("07.declaration.agree", "07.declaration.name", '
        '"07.declaration.date")',
        requirements=["DECLARATION"],
    ),
    md(
        """
        ## Build your evidence pack

        Press the button. It uses every notebook with your saved answers, so the charts are up
        to date, then makes one web page and a zip file in your exports folder. This takes under
        a minute. When it is done, the button gives you a link to open your pack and a link to
        download the zip file. Hand the zip file to your assessor.

        If a section could not be made, the pack says so and names the reason. Open that
        notebook and fix what it says, then build the pack again. If the button does not work,
        ask your tutor: they can build the pack for you.
        """,
        tags=["learner-guidance"],
    ),
    code("helpers.reflection.export_button()", tags=["no-export"]),
]
