"""Notebook 01's emission factors: the list in words, the extra activities, the notes on figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers import datasource
from helpers.errors import Problem
from helpers.example_rows import RowsEditor
from helpers.views import Block, escape

from .common import (
    EXTRA_QUESTION,
    OPERATIONS,
    PERIOD_QUESTION,
    current_period,
    factors_for,
    quietly,
)

if TYPE_CHECKING:
    import pandas as pd

    from helpers.forms import Form
    from helpers.live import LiveView

EXTRA_COLUMNS = ["Activity", "Emission factor", "Amount in the year"]

_OLD_FACTOR_COLUMN = "Factor key"  # answers saved before factors were chosen from a list


def factor_options(factors: pd.DataFrame) -> list[tuple[str, str]]:
    """Drop-down options for the factors: ("National rail (per passenger-km)", "National rail")."""
    seen: dict[str, str] = {}
    for row in factors.to_dict("records"):
        name = str(row["activity"])
        seen.setdefault(name, f"{name} (per {row['unit']})")
    return [(label, name) for name, label in seen.items()]


def _factor_key(wanted: str, factors: pd.DataFrame) -> str | None:
    """The key of a factor named in words (or, in older answers, by its key)."""
    by_name = {str(name).strip().lower(): str(key) for key, name in factors["activity"].items()}
    if wanted in factors.index:
        return wanted
    return by_name.get(wanted.strip().lower())


def extra_inventory(
    rows: Any, factors: pd.DataFrame, period: str, months: int
) -> tuple[pd.DataFrame, list[Problem]]:
    """Inventory rows from the learner's extra-activities table, and a problem per bad row.

    The factor is the name chosen from the list ("National rail"); answers saved before the
    list may give a key ("rail_national"). Amounts may carry commas or units ("1,200 km").
    Empty rows are skipped.
    """
    import pandas as pd

    from helpers.data import parse_number
    from helpers.footprint import INVENTORY_COLUMNS

    good, problems = [], []
    for number, row in enumerate(rows if isinstance(rows, list) else [], start=1):
        row = row if isinstance(row, dict) else {}
        wanted = str(row.get("Emission factor") or row.get(_OLD_FACTOR_COLUMN) or "").strip()
        activity = str(row.get("Activity") or "").strip()
        amount_text_ = str(row.get("Amount in the year") or "").strip()
        if not (wanted or activity or amount_text_):
            continue
        key = _factor_key(wanted, factors) if wanted else None
        try:
            amount = parse_number(amount_text_)
        except ValueError:
            amount = None
        if key is None:
            problems.append(
                Problem(
                    f'"{wanted}" is not in the list of emission factors.'
                    if wanted
                    else "No emission factor is chosen.",
                    row=number,
                    column="Emission factor",
                    fix="Choose a factor from the list.",
                )
            )
        if amount is None or amount < 0:
            problems.append(
                Problem(
                    f'"{amount_text_}" is not an amount.',
                    row=number,
                    column="Amount in the year",
                    fix="Type a number of 0 or more, such as 1200.",
                )
            )
        if key is not None and amount is not None and amount >= 0:
            item = activity or str(factors.loc[key, "activity"])
            good.append(
                {"item": item, "key": key, "quantity": amount, "period": period, "months": months}
            )
    return pd.DataFrame(good, columns=INVENTORY_COLUMNS), problems


def factor_rows(factors: pd.DataFrame) -> list[dict[str, str]]:
    """The factors in words: what, per what, the central figure, the range and the source."""
    from helpers.plots import nice_number

    return [
        {
            "Activity": str(row["activity"]),
            "Counted per": str(row["unit"]),
            "kg CO2e (central)": nice_number(float(row["central"])),
            "Low to high": f"{nice_number(float(row['low']))} to {nice_number(float(row['high']))}",
            "Source": f"{row['source']} ({row['year']})",
        }
        for row in factors.to_dict("records")
    ]


def factor_list_block() -> Block:
    """The emission factors a learner can choose from, folded away until opened."""
    from helpers.views import table_html

    operations = datasource.table(OPERATIONS)
    rows = factor_rows(factors_for(current_period(operations)))
    text = "\n".join(
        f"{r['Activity']}: {r['kg CO2e (central)']} kg CO2e per {r['Counted per']}" for r in rows
    )
    return Block(
        "<details><summary>Show the list of emission factors</summary>"
        + table_html(rows, align_left=True)
        + "</details>",
        text,
    )


def factor_list() -> LiveView:
    """The emission factors a learner can choose from (those for the year under review)."""
    from helpers.live import live

    return live(
        lambda: factor_list_block().html,
        answers=[PERIOD_QUESTION],
        data=[OPERATIONS],
        alt="The list of emission factors, with their sources.",
    )


def extra_activities_form(question_id: str = EXTRA_QUESTION) -> Form:
    """Activities the data does not show (leaflets, rail trips, homeworking), a factor for each.

    The factor is chosen from a drop-down list of factor names in words.
    """
    options = factor_options(factors_for(""))
    names = {name.lower(): name for _, name in options}
    editor = RowsEditor(EXTRA_COLUMNS, choices={"Emission factor": options})

    def show(saved: Any) -> None:
        editor.write(_named_factors(saved, names))

    form = editor.form(
        question_id,
        "Activities your data does not show",
        help="One activity per row. Choose the emission factor from the list and give the "
        "amount for the whole year in the unit shown beside the factor (for example "
        "20000 printed pages, or 1200 passenger-km by train).",
        write=show,
    )
    if form.store.load(question_id) is None:
        quietly(form, lambda: editor.add_row({}))
    return form


def _named_factors(saved: Any, names: dict[str, str]) -> Any:
    """Saved rows with the factor given by name (older answers gave a key: named from it)."""
    if not isinstance(saved, list):
        return saved
    keys = {str(key): str(name) for key, name in factors_for("")["activity"].items()}
    rows = []
    for row in saved:
        if not isinstance(row, dict):
            return saved  # the form says it cannot show it
        wanted = str(row.get("Emission factor") or row.get(_OLD_FACTOR_COLUMN) or "").strip()
        named = keys.get(wanted) or names.get(wanted.lower()) or wanted
        rows.append(
            {
                "Activity": row.get("Activity", ""),
                "Emission factor": named,
                "Amount in the year": row.get("Amount in the year", ""),
            }
        )
    return rows


def electricity_text(factors: pd.DataFrame) -> str:
    """What one kWh of grid electricity counts as, split into generation and grid losses."""
    from helpers.plots import nice_number

    rows: dict[Any, Any] = factors.to_dict("index")
    generation, losses = rows["electricity_generation"], rows["electricity_td"]
    both = float(generation["central"]) + float(losses["central"])
    return (
        f"For example, with the {generation['year']} factors each kWh of UK grid electricity "
        f"counts as about {nice_number(both)} kg "
        f"CO2e: {nice_number(float(generation['central']))} kg for generating it, plus "
        f"{nice_number(float(losses['central']))} kg for the electricity lost in the wires on "
        "the way (transmission and distribution losses). Source: "
        f"{short_source(generation['source'], generation['year'])}."
    )


def email_text(factors: pd.DataFrame) -> str:
    """How emails are counted, and the figures by type of email, from the factor file."""
    from helpers.footprint import OPERATIONS_ACTIVITIES

    rows: dict[Any, Any] = factors.to_dict("index")
    kinds = [row for key, row in rows.items() if str(key).startswith("email_")]
    if not kinds:
        return ""
    counted = rows.get(OPERATIONS_ACTIVITIES["emails_sent"][1][0])
    parts = [
        f"{str(row['activity']).removeprefix('Email: ').split(' (')[0].lower()} "
        f"{_grams(row['central'])}"
        for row in kinds
    ]
    text = (
        f"{short_source(kinds[0]['source'], kinds[0]['year'])} gives a rough figure for each "
        f"type of email: {', '.join(parts)} of CO2e."
    )
    if counted is not None:
        name = str(counted["activity"]).removeprefix("Email: ").split(" (")[0].lower()
        text += (
            f" The footprint counts every email sent as a {name} email "
            f"({_grams(counted['central'])}); long emails and attachments count for more."
        )
    return text


def _grams(kg: Any) -> str:
    """0.0003 -> "0.3 g"; 0.017 -> "17 g"."""
    return f"{1000 * float(kg):.2g} g"


def factor_notes_block() -> Block:
    """The electricity and email figures for the data's year, in sentences."""
    operations = datasource.table(OPERATIONS)
    factors = factors_for(current_period(operations))
    lines = [text for text in (electricity_text(factors), email_text(factors)) if text]
    return Block("".join(f"<p>{escape(line)}</p>" for line in lines), "\n".join(lines))


def factor_notes() -> LiveView:
    """:func:`factor_notes_block`, following the year and the data choice."""
    from helpers.live import live

    return live(
        lambda: factor_notes_block().html,
        answers=[PERIOD_QUESTION],
        data=[OPERATIONS],
        alt="How electricity and emails are counted.",
    )


def short_source(source: Any, year: Any = None) -> str:
    """The publication of a factor's source, without the table and row ("...2025 (DESNZ)"),
    with its year in brackets when the name does not already say it."""
    name = str(source).split(";")[0].strip()
    return name if year is None or str(year) in name else f"{name} ({year})"


def sources_text(result: pd.DataFrame, factors: pd.DataFrame) -> str:
    """The sources of the factors this footprint used, each once, in order of first use."""
    rows: dict[Any, Any] = factors.to_dict("index")
    used = [key for key in dict.fromkeys(result["key"]) if key in rows]
    sources = dict.fromkeys(short_source(rows[key]["source"], rows[key]["year"]) for key in used)
    return "Sources of the factors: " + "; ".join(sources) + "." if sources else ""
