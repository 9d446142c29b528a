"""Source of notebooks/00_start_here.ipynb."""

from build_notebooks import code, md

TITLE = "Start here"

GUIDANCE = ["learner-guidance"]

CELLS = [
    md(
        """
        # Start here: how these notebooks work

        - **What you will do:** learn how to use these pages, fill in your profile and try a
        practice answer.
        - **What you will learn:** how the pages work, where your answers are saved and what to
        do if something goes wrong.
        - **What you need:** about 15 minutes. You do not need to know anything about computer code.
        """
    ),
    md(
        """
        ## What a notebook is

        A notebook is a web page made of blocks called **cells**. Some cells hold text, like this
        one. Others make a box, a table or a chart appear. Each notebook gets itself ready when
        you open it: wait a moment and the boxes, tables and charts appear under the text. There
        is nothing to press and no computer code to read or change.
        """,
        tags=GUIDANCE,
    ),
    md(
        """
        ## Things update by themselves

        When you type an answer, pick a year or choose your own data file, the tables, charts
        and checks that use it change straight away, even in another notebook that is open
        beside this one. You never need to refresh or restart anything to see a change.
        """,
        tags=GUIDANCE,
    ),
    md(
        """
        ## Where your answers are saved

        Your answers are **saved as you type**. There is nothing to press. Under each box you will
        see "Saved" and the time. If you see a red **Not saved** message, read it. It says what is
        wrong. Your words stay in the box until the problem is fixed.

        Your answers are kept safely in your own coursework area, with backups made every ten
        minutes while you work. Closing the page or switching off the computer does not lose
        them.
        """,
        tags=GUIDANCE,
    ),
    md(
        """
        ## If the page says the kernel died or restarted

        The **kernel** is the part of the computer that runs the notebook. If it stops, your saved
        answers are safe. Open the **Kernel** menu and choose **Restart Kernel**. The notebook
        gets itself ready again, and your answers come back in their boxes. If it keeps
        happening, tell your tutor.
        """,
        tags=GUIDANCE,
    ),
    md(
        """
        ## Your profile

        Your assessor needs to know whose work this is. Fill in these boxes. They appear on the
        front page of the evidence file you hand in at the end.
        """
    ),
    code("helpers.profile.profile_form()"),
    md(
        """
        ## Practice answer

        Try typing in the box below. Write one or two sentences about what good customer service
        means to you. Then look under the box: you should see "Saved" and the time.
        """,
        tags=GUIDANCE,
    ),
    code(
        'helpers.forms.long_text("00.practice.first_answer", '
        '"What does good customer service mean to you?", words=(20, 80))'
    ),
    md(
        """
        ## Check it worked

        Now check that your answers are safe. Open the **Kernel** menu and choose **Restart
        Kernel**. The page gets itself ready again, and your practice answer comes back in its
        box. Then go on to the next notebook.
        """,
        tags=GUIDANCE,
    ),
]
