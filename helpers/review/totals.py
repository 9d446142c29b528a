"""Notebook 01's footprint views: the table, the groups and the hotspot chart, kept up to date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers import datasource
from helpers.errors import Problem
from helpers.views import Block, escape

from .common import (
    EXTRA_QUESTION,
    FOOTPRINT_ANSWERS,
    OPERATIONS,
    amount_text,
    calls_key,
    current_period,
    factors_for,
)
from .factors import extra_inventory, sources_text

if TYPE_CHECKING:
    import pandas as pd

    from helpers.live import LiveView


def _footprint_and_problems() -> tuple[pd.DataFrame, list[Problem]]:
    import pandas as pd

    from helpers import footprint
    from helpers.store import shared_store

    store = shared_store()
    operations = datasource.table(OPERATIONS)
    period = current_period(operations)
    factors = factors_for(period)
    inventory = footprint.inventory_from_operations(operations, period, calls=calls_key())
    first = inventory.iloc[0] if len(inventory) else None
    extra, problems = extra_inventory(
        store.load(EXTRA_QUESTION),
        factors,
        str(first["period"]) if first is not None else period,
        int(first["months"]) if first is not None else 12,
    )
    combined = pd.concat([inventory, extra], ignore_index=True) if len(extra) else inventory
    return footprint.footprint(combined, factors), problems


def current_footprint() -> pd.DataFrame:
    """The footprint of the chosen year: the operations data plus the learner's extra activities."""
    return _footprint_and_problems()[0]


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


def footprint_block() -> Block:
    """The footprint table for the chosen year, biggest first, with the factor set and sources.

    With the learner's own file it says first what the footprint covers and leaves out, so a
    smaller file's total is not mistaken for a smaller impact.
    """
    from helpers import footprint
    from helpers.plots import nice_number
    from helpers.views import table_html

    result, problems = _footprint_and_problems()
    period = list(footprint.periods_in(result))[0]
    sums = footprint.total(result)
    months = int(result["months"].iloc[0]) if len(result) else 0
    when = period
    if months != 12:
        when += f" ({months} month{'s' if months != 1 else ''} of data)"
    heading = (
        f"Carbon footprint for {when}: about {nice_number(sums['kg_central'])} kg CO2e "
        f"(range {nice_number(sums['kg_low'])} to {nice_number(sums['kg_high'])})."
    )
    rows = footprint_rows(result)
    notes = [footprint.factor_set_note(result), sources_text(result, factors_for(period))]
    notes = [note for note in notes if note]
    body = f"<p><strong>{escape(heading)}</strong></p>{table_html(rows)}" + "".join(
        f'<p style="font-size:smaller">{escape(note)}</p>' for note in notes
    )
    text = "\n".join([heading, *(" | ".join(row.values()) for row in rows), *notes])
    loaded = datasource.load(OPERATIONS)
    covers = footprint.coverage_note(loaded.frame.columns, own_file=not loaded.choice.is_sample)
    if covers:
        body = f'<p class="cw-coverage"><strong>{escape(covers)}</strong></p>' + body
        text = covers + "\n" + text
    if problems:
        warning = "Some of your extra activities were left out:\n" + "\n".join(
            f"Extra activities, {problem}" for problem in problems
        )
        body = f'<p role="alert">{escape(warning).replace(chr(10), "<br>")}</p>' + body
        text = warning + "\n" + text
    return Block(body, text)


def footprint_table() -> LiveView:
    """:func:`footprint_block`, following the year, extra activities, calls and data choice."""
    from helpers.live import live

    return live(
        lambda: footprint_block().html,
        answers=FOOTPRINT_ANSWERS,
        data=[OPERATIONS],
        alt="The carbon footprint table for the year under review.",
    )


def group_block() -> Block:
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


def group_summary() -> LiveView:
    """:func:`group_block`, kept up to date."""
    from helpers.live import live

    return live(
        lambda: group_block().html,
        answers=FOOTPRINT_ANSWERS,
        data=[OPERATIONS],
        alt="The footprint split into physical channels, digital channels and premises.",
    )


def hotspot_figure(top: int = 8) -> Any:
    """The hotspot chart (a :class:`helpers.plots.Chart`) for the chosen year."""
    from helpers import plots
    from helpers.footprint import hotspots, periods_in

    result = current_footprint()
    return plots.hotspot_chart(hotspots(result), list(periods_in(result))[0], top=top)


def hotspot_chart(top: int = 8) -> LiveView:
    """The hotspot chart for the chosen year, redrawn when the year or the data changes."""
    from helpers.live import live

    return live(
        lambda: hotspot_figure(top),
        answers=FOOTPRINT_ANSWERS,
        data=[OPERATIONS],
        alt="A bar chart of the biggest sources of carbon in the year under review.",
    )


_PAPER_AND_POST = ("letter", "printed", "paper")


def paper_share_block() -> Block:
    """How much of the footprint paper and post make up, in the data now in use."""
    from helpers import footprint

    result = current_footprint()
    whole = footprint.total(result)["kg_central"]
    paper = float(result.loc[result["key"].str.startswith(_PAPER_AND_POST), "kg_central"].sum())
    whose = (
        "the sample organisation's figures"
        if datasource.load(OPERATIONS).choice.is_sample
        else "your figures"
    )
    period = list(footprint.periods_in(result))[0] if len(result) else ""
    if not whole:
        text = ""
    elif not paper:
        text = f"In {whose} for {period} there are no paper or post figures to compare."
    else:
        text = (
            f"In {whose} for {period}, paper and post make up {share_text(100 * paper / whole)} "
            "of the footprint."
        )
    return Block(f"<p>{escape(text)}</p>" if text else "", text)


def paper_share() -> LiveView:
    """:func:`paper_share_block`, following the year and the data choice."""
    from helpers.live import live

    return live(
        lambda: paper_share_block().html,
        answers=FOOTPRINT_ANSWERS,
        data=[OPERATIONS],
        alt="The share of the footprint from paper and post.",
    )
