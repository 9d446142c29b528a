"""The law in daily customer-service work: the reference table and the learner's impact table.

Pure parts: :func:`legislation_html`, :func:`impact_hints`. Notebook edges:
:func:`legislation_table`, :func:`legislation_impact_table`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..panels import Panel
from ..views import escape

if TYPE_CHECKING:
    from ..legislation import Law
    from ..store import AnswerStore


def legislation_html(laws: Sequence[Law]) -> str:
    """Laws as an escaped table with a plain link to each official text (nothing is loaded)."""
    head = "".join(
        f'<th scope="col">{c}</th>'
        for c in (
            "Law or standard",
            "What it requires",
            "What it means in customer service",
            "If breached: the customer",
            "If breached: the business",
        )
    )
    rows = "".join(
        "<tr>"
        f'<td><a href="{escape(law.official_url)}" rel="noopener noreferrer" '
        f'target="_blank">{escape(law.title)}</a><br><small>Checked {law.year_checked}, '
        f"{escape(law.source)}</small></td>"
        f"<td>{escape(law.requires)}</td>"
        f"<td>{escape(law.customer_service_meaning)}</td>"
        f"<td>{escape(law.breach_cost_customer)}</td>"
        f"<td>{escape(law.breach_cost_business)}</td>"
        "</tr>"
        for law in laws
    )
    return (
        '<table class="cw-legislation" style="font-size:0.9em">'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def legislation_table(
    keys: Sequence[str] | None = None,
    *,
    notebook: str | None = None,
    leave_out: Sequence[str] = (),
) -> Any:
    """The reference table of laws for a notebook: those with ``keys`` in that order, or the rows
    the reference file places in ``notebook`` (its notebooks column, so a tutor's new row shows
    without a code change), or all of them; ``leave_out`` drops rows shown elsewhere."""
    from IPython.display import HTML

    from ..errors import ReferenceDataError
    from ..legislation import keys_for, load_legislation

    laws = load_legislation()
    if notebook is not None and not keys:
        keys = keys_for(notebook, laws)
    if keys:
        unknown = [k for k in keys if k not in {law.key for law in laws}]
        if unknown:
            raise ReferenceDataError(
                "A law this notebook lists is missing from the course's list of laws "
                f"({len(unknown)} missing). Ask your tutor to check the reference file."
            )
        chosen = list(keys)
        laws = sorted(
            (law for law in laws if law.key in chosen), key=lambda law: chosen.index(law.key)
        )
    laws = [law for law in laws if law.key not in set(leave_out)]
    return HTML(legislation_html(laws))


IMPACT_LAW = "Law or standard"
IMPACT_TASK = "What it changes in my daily tasks"
IMPACT_CUSTOMER = "If it is breached: what happens to the customer"
IMPACT_BUSINESS = "If it is breached: what happens to the business"
IMPACT_COLUMNS = [IMPACT_LAW, IMPACT_TASK, IMPACT_CUSTOMER, IMPACT_BUSINESS]


def impact_hints(rows: Sequence[Mapping[str, Any]], laws: Sequence[Law]) -> list[str]:
    """Formative hints for the legislation impact table (row numbers as the learner sees them)."""
    from ..legislation import find_law

    hints: list[str] = []
    named = 0
    for number, row in enumerate(rows, start=1):
        law_text = str(row.get(IMPACT_LAW) or "").strip()
        cells = {c: str(row.get(c) or "").strip() for c in IMPACT_COLUMNS}
        if not any(cells.values()):
            continue
        if not law_text:
            hints.append(f"Row {number}: name the law or standard this row is about.")
            continue
        named += 1
        law = find_law(law_text, laws)
        label = law.title if law else law_text
        if not cells[IMPACT_TASK]:
            hints.append(
                f"Row {number} ({label}): say what it changes in one of your daily tasks, "
                "for example how you handle a refund or a customer's details."
            )
        if not cells[IMPACT_CUSTOMER] and not cells[IMPACT_BUSINESS]:
            example = f" For example: {law.breach_cost_business}" if law else ""
            hints.append(
                f"Row {number} names {label} but not what happens if it is breached. Say what "
                f"it would cost the customer and the business.{example}"
            )
        elif not cells[IMPACT_CUSTOMER]:
            hints.append(f"Row {number} ({label}): add what a breach means for the customer.")
        elif not cells[IMPACT_BUSINESS]:
            hints.append(f"Row {number} ({label}): add what a breach costs the business.")
        if law is None:
            hints.append(
                f'Row {number}: "{law_text}" is not in the reference list above. Check the full '
                "name and year (that is fine if it is a rule specific to your sector)."
            )
    if named < 2:
        hints.append("Name at least two laws that affect your role, each with its consequences.")
    return hints


def legislation_impact_table(store: AnswerStore | None = None) -> Panel:
    """The learner's legislation impact table, with hints when a law has no consequence."""
    from ..forms import table
    from ..legislation import load_legislation

    laws = load_legislation()
    form = table(
        "04.law.impact",
        "How the law shapes my daily work",
        IMPACT_COLUMNS,
        help="One law per row. Say what it changes in a task you do, and what a breach costs.",
        starting_rows=[{}, {}],
        store=store,
    )
    return Panel([form], hints=lambda: impact_hints(form.value or [], laws))
