"""Notebook 01 (sustainability review): one-line calls that compose data, footprint and forms.

Each public function is what one notebook cell calls. The arithmetic lives in
:mod:`helpers.footprint` and the charts in :mod:`helpers.plots`; this module only joins them to
the learner's data choice and the answer store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers import datasource
from helpers.errors import Problem
from helpers.views import Block, escape

# Released notebooks 01 and 02 call ``helpers.review.data_choice``: the one chooser, re-exported.
from .datasource import data_choice as data_choice

if TYPE_CHECKING:
    import pandas as pd

    from helpers.forms import Form, FormGroup
    from helpers.plots import Chart

PERIOD_QUESTION = "01.review.period"
SOURCES_NOTE = (
    "Factors: UK Government GHG Conversion Factors for Company Reporting 2025 (DESNZ) for energy, "
    "travel, paper and water; Berners-Lee (2010, 2020) for email; Obringer and others (2021) for "
    "video calls; O2 and the Carbon Trust (2012) for phone calls; Royal Mail (2007) for letters; "
    "live chat is a project estimate. See data/README.md."
)

# What each activity uses up, in words a learner can put in their review.
USES = {
    "Printed bills posted": "paper, ink, printing energy, postal transport",
    "Letters posted": "paper, ink, printing energy, postal transport",
    "Paper bought (reams)": "trees, water and energy to make paper; waste when thrown away",
    "Office electricity": "electricity for lights, computers, printers and servers",
    "Office gas heating": "gas burnt for heating",
    "Water": "mains water (treated and pumped)",
    "Emails sent": "electricity in devices, networks and data centres",
    "Live chat sessions": "electricity in devices, networks and data centres",
    "Phone calls": "electricity in phones and networks",
    "Video calls": "electricity in devices and networks (more with cameras on)",
    "Petrol car visits": "petrol burnt on field visits",
    "Diesel car visits": "diesel burnt on field visits",
    "Electric car visits": "electricity for charging",
    "Diesel van visits": "diesel burnt on engineer visits",
    "Electric van visits": "electricity for charging",
}


# --- Period --------------------------------------------------------------------------------------


def whole_years(operations: pd.DataFrame) -> list[str]:
    """Calendar years with all 12 months in the data, oldest first (else every year present)."""
    years = operations["month"].astype(str).str[:4]
    counts = {str(year): int(count) for year, count in years.value_counts().items()}
    full = sorted(year for year, count in counts.items() if count >= 12)
    return full or sorted(counts)


def chosen_period(operations: pd.DataFrame, answer: Any) -> str:
    """The year the learner picked, if the data has it, else the first whole year."""
    years = whole_years(operations)
    return str(answer) if str(answer) in years else years[0]


def period_form(question_id: str = PERIOD_QUESTION) -> Form:
    """Pick the year to review (defaults to the first whole year in the data)."""
    from helpers import forms

    years = whole_years(datasource.table("monthly_operations"))
    return forms.single_choice(
        question_id,
        "Which year will you review?",
        years,
        help=f"If you do not choose, the review uses {years[0]}. Run the cells below again "
        "after choosing.",
    )


def _current_period(operations: pd.DataFrame) -> str:
    from helpers.store import shared_store

    return chosen_period(operations, shared_store().load(PERIOD_QUESTION))


# --- Channels ------------------------------------------------------------------------------------


_UNCOUNTED_UNITS = {"kWh", "km", "m3", "GB", "tonne", "passenger-km"}


def amount_text(quantity: float, unit: str) -> str:
    """12000, "letter" -> "12,000 letters"; 5.5, "kWh" -> "6 kWh"."""
    plural = quantity != 1 and unit not in _UNCOUNTED_UNITS and not unit.endswith("s")
    return f"{quantity:,.0f} {unit}{'s' if plural else ''}"


def channel_rows(result: pd.DataFrame) -> list[dict[str, str]]:
    """Starting rows for the channels table: one per item, with the amount used in the period.

    ``result`` is a footprint (it carries each item's unit and group).
    """
    from helpers.footprint import GROUP_LABELS

    rows = []
    for item, part in result.groupby("item", sort=False):
        first = part.iloc[0]
        group = GROUP_LABELS.get(str(first["group"]), str(first["group"]))
        rows.append(
            {
                "Channel or activity": str(item),
                "Physical, digital or premises": group.split(" (")[0],
                "What it uses": USES.get(str(item), ""),
                "How much": f"{amount_text(first['quantity'], first['unit'])} in {first['period']}",
            }
        )
    return rows


def channels_form(question_id: str = "01.review.channels") -> Form:
    """The review table of channels, pre-filled from the data for the chosen year."""
    from helpers import forms

    rows = channel_rows(current_footprint())
    return forms.table(
        question_id,
        "Your review of physical and digital channels",
        list(rows[0]) if rows else ["Channel or activity", "What it uses", "How much"],
        help="We filled this in from the data. Check each row, correct it and add channels "
        "the data misses (for example leaflets, the website or face-to-face visits).",
        starting_rows=rows,
    )


# --- Footprint -----------------------------------------------------------------------------------


EXTRA_QUESTION = "01.review.extra_activities"
EXTRA_COLUMNS = ["Activity", "Factor key", "Amount in the year"]


def extra_inventory(
    rows: Any, factors: pd.DataFrame, period: str, months: int
) -> tuple[pd.DataFrame, list[Problem]]:
    """Inventory rows from the learner's extra-activities table, and a problem per bad row.

    The factor may be given by its key ("rail_national") or its activity name ("National rail").
    Amounts may carry commas or units ("1,200 km"). Empty rows are skipped.
    """
    import pandas as pd

    from helpers.data import parse_number
    from helpers.footprint import INVENTORY_COLUMNS

    names = {str(key): str(name) for key, name in factors["activity"].items()}
    by_name = {name.strip().lower(): key for key, name in names.items()}
    good, problems = [], []
    for number, row in enumerate(rows if isinstance(rows, list) else [], start=1):
        cells = {column: str((row or {}).get(column) or "").strip() for column in EXTRA_COLUMNS}
        if not any(cells.values()):
            continue
        wanted = cells["Factor key"]
        key = wanted if wanted in names else by_name.get(wanted.lower())
        try:
            amount = parse_number(cells["Amount in the year"])
        except ValueError:
            amount = None
        if key is None:
            problems.append(
                Problem(
                    f'"{wanted}" is not in the list of emission factors.',
                    row=number,
                    column="Factor key",
                    fix="Copy a key from the list of factors above.",
                )
            )
        if amount is None or amount < 0:
            problems.append(
                Problem(
                    f'"{cells["Amount in the year"]}" is not an amount.',
                    row=number,
                    column="Amount in the year",
                    fix="Type a number of 0 or more, such as 1200.",
                )
            )
        if key is not None and amount is not None and amount >= 0:
            item = cells["Activity"] or names[key]
            good.append(
                {"item": item, "key": key, "quantity": amount, "period": period, "months": months}
            )
    return pd.DataFrame(good, columns=INVENTORY_COLUMNS), problems


def _footprint_and_problems() -> tuple[pd.DataFrame, list[Problem]]:
    import pandas as pd

    from helpers import footprint
    from helpers.reference import load_emission_factors
    from helpers.store import shared_store

    factors = load_emission_factors()
    operations = datasource.table("monthly_operations")
    inventory = footprint.inventory_from_operations(operations, _current_period(operations))
    first = inventory.iloc[0] if len(inventory) else None
    extra, problems = extra_inventory(
        shared_store().load(EXTRA_QUESTION),
        factors,
        str(first["period"]) if first is not None else _current_period(operations),
        int(first["months"]) if first is not None else 12,
    )
    combined = pd.concat([inventory, extra], ignore_index=True) if len(extra) else inventory
    return footprint.footprint(combined, factors), problems


def current_footprint() -> pd.DataFrame:
    """The footprint of the chosen year: the operations data plus the learner's extra activities."""
    return _footprint_and_problems()[0]


def factor_list() -> Block:
    """The emission factors a learner can use, with units, ranges and sources."""
    from helpers.plots import nice_number
    from helpers.reference import load_emission_factors
    from helpers.views import table_html

    rows = [
        {
            "Factor key": str(row["key"]),
            "Activity": str(row["activity"]),
            "kg CO2e per": str(row["unit"]),
            "Central": nice_number(float(row["central"])),
            "Low to high": f"{nice_number(float(row['low']))} to {nice_number(float(row['high']))}",
            "Source": f"{row['source']} ({row['year']})",
        }
        for row in load_emission_factors().to_dict("records")
    ]
    text = "\n".join(
        f"{r['Factor key']}: {r['Central']} kg CO2e per {r['kg CO2e per']}" for r in rows
    )
    return Block(
        "<details><summary>Show the list of emission factors</summary>"
        + table_html(rows)
        + "</details>",
        text,
    )


def extra_activities_form(question_id: str = EXTRA_QUESTION) -> Form:
    """Activities the data does not show (leaflets, rail trips, homeworking), with a factor each."""
    from helpers import forms

    return forms.table(
        question_id,
        "Activities your data does not show",
        EXTRA_COLUMNS,
        help="One activity per row. Pick a factor key from the list above and give the amount "
        "for the whole year in its unit, for example: Leaflets | printed_page | 20000.",
    )


def range_text(low: float, high: float) -> str:
    """ "359 to 20,300", or "single figure (no range)" when low and high are the same."""
    from helpers.plots import nice_number

    if nice_number(low) == nice_number(high):
        return "single figure (no range)"
    return f"{nice_number(low)} to {nice_number(high)}"


def share_text(share_pct: float) -> str:
    """33.2 -> "33 %"; 0.3 -> "under 1 %"."""
    return "under 1 %" if 0 < share_pct < 0.5 else f"{share_pct:.0f} %"


def footprint_rows(result: pd.DataFrame) -> list[dict[str, str]]:
    """Display rows: activity, amount, unit, kg CO2e (central, with the low-high range), share."""
    from helpers.footprint import hotspots
    from helpers.plots import nice_number

    amounts = {
        str(row["item"]): amount_text(float(row["quantity"]), str(row["unit"]))
        for row in result.drop_duplicates("item").to_dict("records")
    }
    return [
        {
            "Rank": str(spot["rank"]),
            "Activity": str(spot["item"]),
            "Amount": amounts[str(spot["item"])],
            "kg CO2e": nice_number(float(spot["kg_central"])),
            "Range (low to high)": range_text(float(spot["kg_low"]), float(spot["kg_high"])),
            "Share of total": share_text(float(spot["share_pct"])),
        }
        for spot in hotspots(result).to_dict("records")
    ]


def footprint_table() -> Block:
    """The footprint table for the chosen year, biggest first, with sources."""
    from helpers.footprint import periods_in, total
    from helpers.plots import nice_number
    from helpers.views import table_html

    result, problems = _footprint_and_problems()
    period = list(periods_in(result))[0]
    sums = total(result)
    months = int(result["months"].iloc[0]) if len(result) else 0
    if months != 12:
        period += f" ({months} month{'s' if months != 1 else ''} of data)"
    heading = (
        f"Carbon footprint for {period}: about {nice_number(sums['kg_central'])} kg CO2e "
        f"(range {nice_number(sums['kg_low'])} to {nice_number(sums['kg_high'])})."
    )
    rows = footprint_rows(result)
    body = (
        f"<p><strong>{escape(heading)}</strong></p>{table_html(rows)}"
        f'<p style="font-size:smaller">{escape(SOURCES_NOTE)}</p>'
    )
    text = heading + "\n" + "\n".join(" | ".join(row.values()) for row in rows)
    if problems:
        warning = "Some of your extra activities were left out:\n" + "\n".join(
            f"Extra activities, {problem}" for problem in problems
        )
        body = f'<p role="alert">{escape(warning).replace(chr(10), "<br>")}</p>' + body
        text = warning + "\n" + text
    return Block(body, text)


def group_summary() -> Block:
    """Physical channels vs digital channels vs premises, with shares of the total."""
    from helpers.footprint import by_group
    from helpers.plots import nice_number
    from helpers.views import table_html

    groups = by_group(current_footprint()).sort_values("kg_central", ascending=False)
    rows = [
        {
            "Group": str(row["label"]),
            "kg CO2e": nice_number(float(row["kg_central"])),
            "Share": f"{row['share_pct']:.0f} %",
        }
        for row in groups.to_dict("records")
    ]
    text = "; ".join(f"{r['Group']}: {r['kg CO2e']} kg CO2e ({r['Share']})" for r in rows)
    return Block(table_html(rows), text)


def hotspot_chart(top: int = 8) -> Chart:
    """The hotspot chart for the chosen year."""
    from helpers import plots
    from helpers.footprint import hotspots, periods_in

    result = current_footprint()
    return plots.hotspot_chart(hotspots(result), list(periods_in(result))[0], top=top)


# --- Impacts, customer's role and improvements ---------------------------------------------------


def impacts_form(
    energy_id: str = "01.impacts.energy",
    waste_id: str = "01.impacts.waste",
    resources_id: str = "01.impacts.resources",
) -> FormGroup:
    """Three boxes: the impact on energy, on waste and on resources."""
    from helpers import forms

    prompts = [
        (energy_id, "Energy", "Which activities use the most energy? Give the figure."),
        (waste_id, "Waste", "What waste do your channels create (paper, old equipment)?"),
        (resources_id, "Resources", "Which materials and resources are used up (paper, water)?"),
    ]
    return forms.FormGroup(
        [forms.long_text(qid, label, help, words=(20, 150)) for qid, label, help in prompts],
        title="The impacts you found",
    )


def customer_role_form(question_id: str = "01.impacts.customer_role") -> Form:
    """What customers do that adds to or cuts the impact."""
    from helpers import forms

    return forms.long_text(
        question_id,
        "The customer's role",
        "What do customers choose or do that adds to the impact, or cuts it? "
        "For example how they get their bills, how they contact you, or whether they are in "
        "when an engineer calls.",
        words=(30, 150),
    )


IMPROVEMENT_COLUMNS = [
    "Improvement",
    "The figure behind it",
    "Expected effect on energy, waste or resources",
    "Who it affects",
]


def improvements_form(question_id: str = "01.improvements.proposals") -> Form:
    """The table of proposed improvements, each with the figure that justifies it."""
    from helpers import forms

    return forms.table(
        question_id,
        "Your proposed improvements",
        IMPROVEMENT_COLUMNS,
        help="One improvement per row. In the second column give the number from your review "
        "that shows why it matters (for example 39,100 bills a month, or 33 % of emissions).",
    )


def access_and_data_form(question_id: str = "01.improvements.access_and_data") -> Form:
    """How the changes keep accessible alternatives and protect personal data."""
    from helpers import forms

    return forms.long_text(
        question_id,
        "Keeping changes fair and safe",
        "How will your changes keep a choice for customers who cannot go digital (Equality Act "
        "2010)? How will any personal data they need be kept safe (UK GDPR)?",
        words=(30, 150),
    )
