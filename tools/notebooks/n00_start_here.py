"""Source of notebooks/00_start_here.ipynb."""

from build_notebooks import code, md

TITLE = "Start here"

CELLS = [
    md(
        """
        # Start here: how these notebooks work

        - **What you will do:** learn how to use this notebook, fill in your profile and try a
        practice answer.
        - **What you will learn:** how to run the page, where your answers are saved and what to
        do if something goes wrong.
        - **What you need:** about 15 minutes. You do not need to know anything about computer code.
        """
    ),
    md(
        """
        ## What a notebook is

        A notebook is a web page made of blocks called **cells**. Some cells hold text, like this
        one. Others hold a small instruction for the computer, which makes a box, a table or a
        chart appear underneath. We have hidden those instructions, so you only see a thin bar
        where they are. You never need to open or change them.
        """
    ),
    md(
        """
        ## How to run the page

        1. Open the **Run** menu at the top and choose **Run All Cells**.
        2. Wait a moment. Boxes and tables appear under the text.
        3. Do this every time you open a notebook, so that your saved answers appear.

        You can also run one cell: click it and press **Shift** and **Enter** together.
        """
    ),
    md(
        """
        ## Where your answers are saved

        Your answers are **saved as you type**. There is nothing to press. Under each box you will
        see "Saved" and the time. If you see a red **Not saved** message, read it. It says what is
        wrong. Your words stay in the box until the problem is fixed.

        Your answers are kept in one file in the `coursework` folder, with backups made every ten
        minutes while you work. Closing the page or switching off the computer does not lose them.
        """
    ),
    md(
        """
        ## If the page says the kernel died or restarted

        The **kernel** is the part of the computer that runs the notebook. If it stops, your saved
        answers are safe. Open the **Kernel** menu, choose **Restart Kernel and Run All Cells**, and
        your answers come back in their boxes. If it keeps happening, tell your tutor.
        """
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
        """
    ),
    code(
        'helpers.forms.long_text("00.practice.first_answer", '
        '"What does good customer service mean to you?", words=(20, 80))'
    ),
    md(
        """
        ## Check it worked

        Now check that your answers are safe. Open the **Kernel** menu and choose **Restart
        Kernel and Run All Cells**. Your practice answer should come back in its box. Then go on
        to the next notebook.
        """
    ),
]
