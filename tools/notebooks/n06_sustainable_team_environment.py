"""Source of notebooks/06_sustainable_team_environment.ipynb."""

from build_notebooks import code, md

TITLE = "A sustainable team environment"

CELLS = [
    md(
        """
        # A sustainable team environment

        - **What you will do:** describe roles and expectations in your team and set team and
        personal goals. Read a team dashboard, and think about support and the work environment.
        - **What you will learn:** why a secure, supported team gives better service, how to set
        SMART goals, how to show results fairly, and what "OSA" means.
        - **What you need:** about 1 hour, and your own team in mind.
        """
    ),
    md(
        """
        ## Why the team matters to customers

        Customers feel looked after when the person helping them is calm, skilled and sure of
        what to do. That comes from the team around them. People feel secure at work when they
        know four things:

        - what is expected of them;
        - how to meet it;
        - that help is there when they need it;
        - that their work is seen and valued.
        """
    ),
    code(
        'helpers.forms.checklist("06.expectations.security", '
        '"Which of these are true for you at work today?", '
        '["I know what is expected of me", "I know how to meet those expectations", '
        '"I have the support I need to do the work", '
        '"I see the results of my work and they are recognised"])',
        criteria=["TEAM.GOALS.1"],
    ),
    md(
        """
        ## Expectations and roles

        Everyone should know their role and what "good" looks like. Say it plainly, so there is
        little room for misunderstanding. Regular feedback tells people how they are doing, and
        makes it safe to ask questions.
        """
    ),
    code(
        'helpers.forms.long_text("06.expectations.roles", '
        '"Describe your role and the roles around you. How are expectations shared, and how do '
        'you get feedback?", words=(60, 200))',
        criteria=["TEAM.GOALS.1"],
    ),
    md(
        """
        ## Goals for the team and for you

        Good goals are **SMART**. The table shows the common form. Some writers use other words
        for some of the letters. That is fine, as long as the goal is clear.
        """
    ),
    code("helpers.smart.show_guide()"),
    md(
        """
        Explain **why** each goal matters for customers and for the organisation: people care
        more about a goal when they can see its purpose. Give each goal an owner. The SMART check
        under each table tells you what is missing.
        """
    ),
    code(
        'helpers.team.goals_form("06.goals.team", "Team goals", '
        '"One goal per row, with who owns it (often the whole team).")',
        criteria=["TEAM.GOALS.2"],
    ),
    code(
        'helpers.team.goals_form("06.goals.individual", "Your own goals", '
        '"One or two goals for you, agreed with your team leader.")',
        criteria=["TEAM.GOALS.2"],
    ),
    code(
        'helpers.forms.long_text("06.goals.why", '
        '"Why do these goals matter to customers and to your organisation? How will you '
        'follow them up and celebrate them?", words=(40, 150))',
        criteria=["TEAM.GOALS.2"],
    ),
    md(
        """
        ## Making results visible

        Seeing results keeps people motivated. Praise in a team meeting, a thank-you card or a
        shared dashboard all help. Later in this section you will weigh up whether comparing
        people's results helps a team or harms it.

        The dashboard below uses the Brightwater Energy sample: invented figures for 12 agents,
        with their names removed. Each small chart shows one measure. The bold line is the
        team's middle value (the median). Each thin grey line is one person. This dashboard shows
        no names and no ranking. That is one way to show results, not the only one.
        """
    ),
    md(
        """
        If your team keeps similar figures, you can choose your own file below instead of the
        sample. Ask your manager first, and use codes rather than names for people. The
        dashboard changes by itself when you choose a file.
        """,
        tags=["learner-guidance"],
    ),
    code('helpers.datasource.data_choice("team_kpi")'),
    code("helpers.team.show_team_dashboard()", criteria=["TEAM.RESULTS.1"]),
    md(
        """
        Look at the start of 2025, when the centre moved customers to paperless billing. How did
        wellbeing and customer satisfaction move at the same time? What happened later in 2025?
        """
    ),
    code(
        'helpers.forms.long_text("06.results.reading", '
        '"What does the dashboard tell you about the team? What would you celebrate, and what '
        'would you look into?", words=(50, 200))',
        criteria=["TEAM.RESULTS.1", "TEAM.WORKPLACE.2"],
    ),
    code(
        'helpers.forms.long_text("06.results.own_team", '
        '"How are results made visible in your own team? Is it fair to everyone?", '
        "words=(40, 150))",
        criteria=["TEAM.RESULTS.1"],
    ),
    md(
        """
        ### Friendly competition: help or harm?

        One of the articles this course draws on says that when results are visible, people
        start to compete, and that this can be healthy and encouraging. Competition can make
        work more fun. It shows that each person's part matters. A shared challenge, such as
        "clear every email by Friday", can pull a team together.

        Competition has risks too:

        - **Pressure.** People near the bottom can feel anxious or ashamed. Stress builds up,
        and people may go off sick or leave.
        - **Gaming the measure.** People may chase the number instead of helping the customer.
        For example, they may rush calls to cut handling time, or close a case before the
        problem is solved.
        - **Blame.** A low figure often has causes a person cannot control, such as a harder
        queue or a system fault. A ranking can turn people against each other instead of
        against the cause.

        Some ways to keep competition healthy:

        - compete as a team against a goal, not person against person;
        - measure quality as well as speed, so nobody wins by cutting corners;
        - let each person see their own figures in private, and share team figures openly;
        - celebrate effort and improvement, not only the top score;
        - ask the team how it feels, and change the approach if people struggle.

        There is no single right answer. It depends on your team, your measures and how it is
        done. Decide what you would do, and say why.
        """
    ),
    code(
        'helpers.forms.long_text("06.results.competition", '
        '"Would some friendly competition help your team? Say what it would look like, which '
        "risks you see (pressure, gaming the measure, blame) and how you would keep it "
        'healthy.", words=(60, 200))',
        criteria=["TEAM.RESULTS.1"],
    ),
    md(
        """
        ## Support and care

        When someone asks for help, it is tempting for a team leader to say "here, I'll show you"
        and fix it. That solves today's problem but teaches little. A coaching leader says, in
        effect: "this is yours to solve, and I am right here with you". The person keeps the task
        and builds the skill, with help close by.

        Good support also means the right tools, time and training, and room to grow.
        """
    ),
    code(
        'helpers.forms.long_text("06.support.coaching", '
        '"Describe a time you were supported in this way, or supported someone else. What '
        'happened, and what was learned?", words=(60, 200))',
        criteria=["TEAM.RESULTS.2"],
    ),
    code(
        'helpers.forms.long_text("06.support.resources", '
        '"Which tools, time and training help your team work well? What is missing?", '
        "words=(40, 150))",
        criteria=["TEAM.RESULTS.2"],
    ),
    md(
        """
        ## The organisational and social work environment

        "OSA" is a Swedish short name for the **organisational and social work environment**:
        workload, working hours, how work is organised and how people treat each other. Sweden
        had rules on this from 2016 (AFS 2015:4). From 1 January 2025 those rules became part of
        a new set of regulations, AFS 2023:2.

        In the UK, the Management of Health and Safety at Work Regulations 1999 (regulation 3)
        say that employers must assess the risks to health and safety at work. The Health and
        Safety Executive (HSE) is clear that this includes work-related stress. Its Management
        Standards look at six areas: demands, control, support, relationships, role and change.
        Sources: [the Regulations on legislation.gov.uk](https://www.legislation.gov.uk/uksi/1999/3242/regulation/3)
        and [the HSE Management Standards](https://www.hse.gov.uk/stress/standards/).
        """
    ),
    code(
        'helpers.forms.long_text("06.environment.osa", '
        '"Describe the work environment in your team: workload, hours, and how people treat '
        'each other. How is it looked after?", words=(60, 200))',
        criteria=["TEAM.WORKPLACE.1"],
    ),
    md(
        """
        ## How a sustainable team keeps service good

        A team that is stretched for too long gets tired, makes more mistakes and loses people.
        New staff take time to learn, so service suffers. A team with clear roles, fair goals,
        visible results and real support can keep good service going month after month.
        """
    ),
    code(
        'helpers.forms.long_text("06.environment.quality", '
        '"How does a sustainable team keep service quality high over time? Use an example from '
        'the dashboard or from your own team.", words=(60, 200))',
        criteria=["TEAM.WORKPLACE.2"],
    ),
    md(
        """
        ## Reflection on your own team

        Think about your own team, not the sample one.
        """
    ),
    code(
        'helpers.forms.long_text("06.reflection.own_team", '
        '"What works well in your team? What one thing would you change, and what will you '
        'do about it?", words=(60, 200))',
        criteria=["TEAM.GOALS.1", "TEAM.RESULTS.2", "TEAM.WORKPLACE.1", "TEAM.WORKPLACE.2"],
    ),
    md(
        """
        ## What your assessor will look for

        These checks update as you type. They are a guide to help you, not a mark.
        """
    ),
    code('helpers.feedback.assessor_checks("06")'),
]
