"""Learner-facing text of every notebook: structure, plain UK English, safe links, cited figures.

Reads the notebook JSON only (no kernels), so the whole file runs in well under a second.
The checker functions are tested on small strings first, so a pass means something.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.paths import NOTEBOOKS as NOTEBOOK_DIR

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
SETUP_CELL = "import helpers\nhelpers.start()"
MAX_AVERAGE_WORDS = 20
MAX_SENTENCE_WORDS = 40
MAX_CODE_LINES = 3

# --- reading the notebook -----------------------------------------------------------------------


def load(path: Path) -> list[dict[str, Any]]:
    """The cells of a notebook, each with its source joined into one string."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if isinstance(cell["source"], list):
            cell["source"] = "".join(cell["source"])
    return cells


def markdown(cells: list[dict[str, Any]]) -> list[str]:
    return [c["source"] for c in cells if c["cell_type"] == "markdown"]


def without_fences(text: str) -> str:
    """Markdown with fenced code blocks removed (their lines are not prose or headings)."""
    return re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", text, flags=re.M | re.S)


# --- headings -----------------------------------------------------------------------------------

HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$|<h([1-6])\b[^>]*>(.*?)</h\1>", re.M | re.I)


def headings(texts: list[str]) -> list[tuple[int, str]]:
    """(level, text) of every Markdown or HTML heading, in order."""
    found = []
    for text in texts:
        for match in HEADING.finditer(without_fences(text)):
            if match.group(1):
                found.append((len(match.group(1)), match.group(2)))
            else:
                found.append((int(match.group(3)), match.group(4)))
    return found


def heading_problems(found: list[tuple[int, str]]) -> list[str]:
    problems = []
    ones = [text for level, text in found if level == 1]
    if len(ones) != 1:
        problems.append(f"expected exactly one H1, found {len(ones)}: {ones}")
    previous = 0
    for level, text in found:
        if level > previous + 1:
            problems.append(f"H{level} '{text}' follows H{previous}: a level is skipped")
        previous = level
    return problems


# --- code cells ---------------------------------------------------------------------------------


def code_problem(source: str) -> str | None:
    """Why a code cell is not one short helper call, or None when it is."""
    if source == SETUP_CELL:
        return None
    if source.count("\n") + 1 > MAX_CODE_LINES:
        return f"more than {MAX_CODE_LINES} lines"
    try:
        body = ast.parse(source).body
    except SyntaxError as error:
        return f"not valid Python: {error}"
    if len(body) != 1:
        return f"{len(body)} statements, not one"
    statement = body[0]
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return "not a single call"
    target = statement.value.func
    while isinstance(target, ast.Attribute):
        target = target.value
    if not (isinstance(target, ast.Name) and target.id == "helpers"):
        return "does not call a helpers function"
    return None


# --- UK spelling --------------------------------------------------------------------------------

# US "-ize" verbs written "-ise" in this course; stems avoid words spelt -ize everywhere (size, prize).
IZE_STEMS = (
    "apolog|agon|author|categor|central|characteri|critic|custom|decentral|digit|emphas|"
    "empath|energ|familiar|final|general|harmon|item|jeopard|legal|local|maxim|memor|minim|"
    "mobil|modern|monet|neutral|normal|optim|organ|penal|personal|prior|public|real|recogn|"
    "revital|scrutin|social|special|stabil|standard|subsid|summar|symbol|sympath|synchron|"
    "util|visual"
)
US_SPELLING = re.compile(
    r"\b(?:"
    rf"(?:{IZE_STEMS})iz(?:e|es|ed|ing|ation|ations|er|ers|able)"
    r"|(?:anal|paral|catal|dial)yz(?:e|es|ed|ing|er|ers)"
    r"|(?:col|behavi|fav|hon|lab|neighb|hum|rum|flav|endeav|harb|vap|sav|od|arm|val|vig|tum)"
    r"or(?:s|ed|ing|ful|ite|ites|able|al|hood)?"
    r"|cent(?:er|ers|ered)|(?:kilo|centi|milli)meters?|(?:milli)?liters?|fiber|theater"
    r"|defense|offense|pretense|enrollment|fulfillment|installment|skillful|willful"
    r"|(?:cancel|travel|label|model|fuel|total|signal)(?:ed|ing)"
    r")\b",
    re.I,
)


def prose(text: str) -> str:
    """Markdown text with code spans, fences, link targets and HTML tags removed."""
    text = without_fences(text)
    text = re.sub(r"`[^`]*`", " code ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"https?://\S+", " ", text)


def us_spellings(text: str) -> list[str]:
    return [match.group(0) for match in US_SPELLING.finditer(prose(text))]


# --- sentence length ----------------------------------------------------------------------------

NAVIGATION = re.compile(r"^(Previous|Next): \[")
ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|etc|vs|approx|no|Dr|Mr|Mrs|Ms|St)\.", re.I)
INITIAL = re.compile(r"\b([A-Z])\.(?=\s)")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)*]*\s+")


def units(text: str) -> list[str]:
    """Paragraphs and list items of a Markdown cell, headings and tables left out."""
    found: list[list[str]] = []
    fresh = True
    for raw in prose(text).splitlines():
        line = re.sub(r"^\s*(>\s*)*", "", raw)
        if not line.strip() or line.startswith("#") or line.startswith("|"):
            fresh = True
            continue
        item = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if item or fresh:
            found.append([])
            line = item.group(1) if item else line
        found[-1].append(line.strip())
        fresh = False
    return [" ".join(lines) for lines in found]


def sentences(text: str) -> list[str]:
    """Sentences of a Markdown cell (list items count as sentences of their own)."""
    out = []
    for unit in units(text):
        guarded = INITIAL.sub(r"\1<dot>", ABBREVIATIONS.sub(r"\1<dot>", unit))
        for part in SENTENCE_END.split(guarded):
            part = part.replace("<dot>", ".").strip()
            if word_count(part):
                out.append(part)
    return out


def word_count(sentence: str) -> int:
    return sum(1 for token in sentence.split() if re.search(r"[A-Za-z0-9£]", token))


def notebook_sentences(cells: list[dict[str, Any]]) -> list[str]:
    return [s for text in markdown(cells) if not NAVIGATION.match(text) for s in sentences(text)]


# --- links --------------------------------------------------------------------------------------

LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.M)
HTML_HREF = re.compile(r"<a\b[^>]*\bhref\s*=\s*[\"']?([^\"'\s>]*)", re.I)
AUTOLINK = re.compile(r"<([a-z][a-z0-9+.-]*:[^>\s]*)>", re.I)
PLAIN_WEB = re.compile(r"^https?://[^\s\"'<>]+$")
NOTEBOOK_LINK = re.compile(r"^(?:\./)?[\w.-]+\.ipynb(?:#[\w.-]+)?$")
FORBIDDEN = re.compile(
    r"<\s*(script|iframe|object|embed)\b|<img\b[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", re.I
)


def link_problems(text: str) -> list[str]:
    text = without_fences(text)
    problems = []
    targets = [m.group(3) for m in LINK.finditer(text) if not m.group(1)]
    targets += REFERENCE.findall(text) + HTML_HREF.findall(text) + AUTOLINK.findall(text)
    for target in targets:
        if not (PLAIN_WEB.match(target) or NOTEBOOK_LINK.match(target)):
            problems.append(f"link to {target!r} is neither a plain http(s) nor a notebook link")
    for match in LINK.finditer(text):
        if match.group(1):
            image, alt = match.group(3), match.group(2).strip()
            if re.match(r"^([a-z]+:|//)", image, re.I):
                problems.append(f"image loaded from outside the notebook folder: {image!r}")
            if not alt:
                problems.append(f"image {image!r} has no alt text")
    problems += [f"forbidden HTML: {m.group(0)!r}" for m in FORBIDDEN.finditer(text)]
    return problems


# --- cited emission figures ---------------------------------------------------------------------

EMISSION_FIGURE = re.compile(
    r"\d[\d,]*(?:\.\d+)?\s*(?:to\s+\d[\d,]*(?:\.\d+)?\s*)?"
    r"(?:kg|g|grams?|kilo(?:gram)?s?|tonnes?|t)\s+(?:of\s+)?(?:CO2|CO₂|carbon)",
    re.I,
)
SOURCE_NAMED = re.compile(
    r"DESNZ|UK Government|conversion factors|Berners-Lee|Obringer|Carbon Trust|Aslan"
    r"|Royal Mail|\bsource",
    re.I,
)


def uncited_figures(text: str) -> list[str]:
    if SOURCE_NAMED.search(text):
        return []
    return [m.group(0) for m in EMISSION_FIGURE.finditer(prose(text))]


# --- misconception call-outs --------------------------------------------------------------------

# The misconceptions the issues asked for, each in a "Common mistake" call-out of its notebook.
MISCONCEPTIONS = {
    "01_sustainability_review": {
        "paper-only thinking": r"only about paper",
        "a cost saving called a green benefit": r"cost saving a green benefit",
        "ignoring the customer's role": r"only inside the organisation",
    },
    "02_before_and_after": {"monitoring once": r"monitoring once and stopping"},
    "03_promoting_sustainable_practice": {
        "the change kept inside the office": r"inside the office",
        "a cost cut called green": r"cost cut",
    },
    "04_service_environment": {
        "brand image mistaken for service": r"logo",
        "frontline-only thinking": r"only the job of the front line",
        "reciting law without consequences": r"reciting what a law says",
    },
    "05_continuous_improvement": {
        "one change called continuous improvement": r"calling one change",
        "no measurement after the change": r"not measuring after the change",
        "anecdote only": r"relying on one story",
        "stakeholders not involved": r"planning alone",
    },
}


def callouts(text: str) -> list[str]:
    """The "Common mistake" block quotes of a Markdown cell, each as one line of text."""
    quotes = re.findall(r"(?:^ {0,3}>.*(?:\n|$))+", without_fences(text), re.M)
    joined = [" ".join(re.sub(r"^ {0,3}>\s?", "", line) for line in q.splitlines()) for q in quotes]
    return [" ".join(q.split()) for q in joined if re.search(r"common mistakes?:", q, re.I)]


# --- the checkers catch what they should --------------------------------------------------------


def test_heading_checker_finds_a_skipped_level_and_a_second_h1() -> None:
    good = ["# Title\n\n## A", "### A.1\n\n```\n# not a heading\n```", "## B"]
    assert heading_problems(headings(good)) == []
    bad = heading_problems(headings(["# One", "### Skipped", "# Two"]))
    assert bad[0].startswith("expected exactly one H1, found 2")
    assert "H3 'Skipped' follows H1" in bad[1]
    assert heading_problems(headings(["## Before", "# Title"]))  # H2 before any H1


def test_code_checker_accepts_one_helper_call_only() -> None:
    assert code_problem('helpers.forms.long_text("01.a.b", "Q?", words=(1, 2))') is None
    assert code_problem(SETUP_CELL) is None
    assert code_problem("import helpers\nhelpers.x()") == "2 statements, not one"
    assert code_problem("x = helpers.y()") == "not a single call"
    assert code_problem("print('hi')") == "does not call a helpers function"
    assert code_problem("helpers.a(\n1,\n2,\n3)") == "more than 3 lines"


def test_spelling_checker_flags_us_forms_only() -> None:
    text = (
        "Organize the colors and analyze behavior at the center; cancelled? no, canceled, 3 liters."
    )
    found = ["Organize", "colors", "analyze", "behavior", "center", "canceled", "liters"]
    assert us_spellings(text) == found
    uk = "Organise the colours, analyse behaviour, empathise, size, prize, the meter, 3 litres."
    assert us_spellings(uk + " `organization.csv` [link](http://x.org/color)") == []


def test_sentence_splitter_counts_words_and_keeps_initials_and_list_items() -> None:
    text = (
        "# Heading words\n\nW. Edwards Deming made it famous, e.g. in Japan. Then it spread!\n\n"
        "- **First item:** one two\n  three.\n- Second item\n\n> **Mistake:** quoted text."
    )
    assert sentences(text) == [
        "W. Edwards Deming made it famous, e.g. in Japan.",
        "Then it spread!",
        "**First item:** one two three.",
        "Second item",
        "**Mistake:** quoted text.",
    ]
    assert word_count("**First item:** one two three. -") == 5


def test_link_checker_refuses_network_images_scripts_and_odd_targets() -> None:
    fine = "[GOV.UK](https://www.gov.uk/x) and [next](02_before_and_after.ipynb) ![Bars](bars.png)"
    assert link_problems(fine) == []
    bad = link_problems(
        "![](http://x.org/a.png) [a](javascript:alert(1)) [b](../data/README.md) "
        '<img src="https://x.org/t.gif"> <script>x</script> <iframe src="a"></iframe> '
        "<file:///etc/passwd>"
    )
    assert len(bad) == 8, bad


def test_figure_checker_wants_a_source_in_the_same_cell() -> None:
    assert uncited_figures("An email is about 4 g CO2e.") == ["4 g CO2"]
    assert uncited_figures("A video call is 150 to 1,000 g of CO2 an hour.") == [
        "150 to 1,000 g of CO2"
    ]
    assert uncited_figures("An email is about 4 g CO2e (Berners-Lee, 2020).") == []
    assert uncited_figures("We use 0.196 kg CO2e per kWh (source: DESNZ 2025).") == []


def test_callouts_are_found_in_block_quotes_only() -> None:
    text = "Intro.\n\n> **Common mistake:** thinking only\n> about paper.\n\n> A plain quote."
    assert callouts(text) == ["**Common mistake:** thinking only about paper."]
    assert callouts("**Common mistake:** not in a quote.") == []


# --- every notebook -----------------------------------------------------------------------------


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def cells(request: pytest.FixtureRequest) -> list[dict[str, Any]]:
    return load(request.param)


def test_there_are_notebooks_to_check() -> None:
    assert len(NOTEBOOKS) >= 8


def test_one_h1_and_headings_never_skip_a_level(cells: list[dict[str, Any]]) -> None:
    assert heading_problems(headings(markdown(cells))) == []


def test_header_says_what_you_will_do_learn_and_need(cells: list[dict[str, Any]]) -> None:
    first = markdown(cells)[0]
    assert first.lstrip().startswith("# "), "the first cell starts with the H1"
    for label in ("What you will do", "What you will learn", "What you need"):
        # Each on a line of its own (a list item), so it is not run into the one before.
        assert re.search(rf"^\s*[-*]\s+\*\*{label}:?\*\*", first, re.M), label


def test_every_code_cell_is_one_short_helper_call(cells: list[dict[str, Any]]) -> None:
    sources = [c["source"] for c in cells if c["cell_type"] == "code"]
    assert sources[0] == SETUP_CELL
    problems = {s: p for s in sources if (p := code_problem(s))}
    assert problems == {}


def test_markdown_uses_uk_spelling(cells: list[dict[str, Any]]) -> None:
    assert [word for text in markdown(cells) for word in us_spellings(text)] == []


def test_sentences_are_short(cells: list[dict[str, Any]]) -> None:
    found = notebook_sentences(cells)
    lengths = [word_count(s) for s in found]
    average = sum(lengths) / len(lengths)
    worst = sorted(zip(lengths, found, strict=True), reverse=True)[:5]
    report = "\n".join(f"  {n} words: {s}" for n, s in worst)
    assert average <= MAX_AVERAGE_WORDS, f"average {average:.1f} words; longest:\n{report}"
    too_long = [(n, s) for n, s in zip(lengths, found, strict=True) if n > MAX_SENTENCE_WORDS]
    assert too_long == [], f"sentences over {MAX_SENTENCE_WORDS} words:\n{report}"


def test_links_are_plain_and_nothing_loads_from_the_network(cells: list[dict[str, Any]]) -> None:
    assert [p for text in markdown(cells) for p in link_problems(text)] == []


def test_emission_figures_name_their_source(cells: list[dict[str, Any]]) -> None:
    assert [f for text in markdown(cells) for f in uncited_figures(text)] == []


@pytest.mark.parametrize(
    ("name", "topic", "pattern"),
    [
        (name, topic, pattern)
        for name, found in MISCONCEPTIONS.items()
        for topic, pattern in found.items()
    ],
)
def test_misconception_callouts_are_where_the_issues_asked(
    name: str, topic: str, pattern: str
) -> None:
    quotes = [
        q for text in markdown(load(NOTEBOOKS[0].parent / f"{name}.ipynb")) for q in callouts(text)
    ]
    assert any(re.search(pattern, q, re.I) for q in quotes), f"{name}: no call-out on {topic}"
