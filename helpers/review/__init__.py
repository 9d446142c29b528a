"""Notebook 01 (sustainability review): one-line calls that compose data, footprint and forms.

Each public function is what one notebook cell calls. The arithmetic lives in
:mod:`helpers.footprint` and the charts in :mod:`helpers.plots`; this package only joins them to
the learner's data choice and the answer store. Everything shown that depends on an answer or
the data choice updates by itself (:mod:`helpers.live`): the ``*_block`` functions build what
is shown, and the cell functions wrap them in a live view. The pieces: :mod:`.common` (ids, the
year, the calls), :mod:`.factors` (factor list, extra activities), :mod:`.totals` (footprint
table and charts), :mod:`.rows` (the table whose rows say where they came from).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers import datasource

# Released notebooks 01 and 02 call ``helpers.review.data_choice``: the one chooser, re-exported.
from helpers.datasource import data_choice as data_choice
from helpers.example_rows import SOURCE_COLUMN, RowsEditor, example_source, refresh_examples

from .common import (
    CALLS_QUESTION,
    CHANNELS_QUESTION,
    EXTRA_QUESTION,
    OPERATIONS,
    PERIOD_QUESTION,
    amount_text,
    calls_key,
    chosen_period,
    current_period,
    factors_for,
    quietly,
    whole_years,
)
from .factors import (
    EXTRA_COLUMNS,
    electricity_text,
    email_text,
    extra_activities_form,
    extra_inventory,
    factor_list,
    factor_list_block,
    factor_notes,
    factor_notes_block,
    factor_options,
    factor_rows,
    short_source,
    sources_text,
)
from .totals import (
    current_footprint,
    footprint_block,
    footprint_rows,
    footprint_table,
    group_block,
    group_summary,
    hotspot_chart,
    hotspot_figure,
    paper_share,
    paper_share_block,
    range_text,
    share_text,
)

if TYPE_CHECKING:
    import pandas as pd

    from helpers.forms import Form, FormGroup

__all__ = [
    "CALLS_QUESTION",
    "CHANNELS_QUESTION",
    "EXTRA_QUESTION",
    "OPERATIONS",
    "PERIOD_QUESTION",
    "RowsEditor",
    "current_period",
    "example_source",
    "factors_for",
    "quietly",
    "EXTRA_COLUMNS",
    "SOURCE_COLUMN",
    "access_and_data_form",
    "amount_text",
    "call_type_form",
    "calls_key",
    "channel_rows",
    "channels_form",
    "chosen_period",
    "current_footprint",
    "customer_role_form",
    "data_choice",
    "electricity_text",
    "email_text",
    "extra_activities_form",
    "extra_inventory",
    "factor_list",
    "factor_list_block",
    "factor_notes",
    "factor_notes_block",
    "factor_options",
    "factor_rows",
    "footprint_block",
    "footprint_rows",
    "footprint_table",
    "group_block",
    "group_summary",
    "hotspot_chart",
    "hotspot_figure",
    "impacts_form",
    "improvements_form",
    "paper_share",
    "paper_share_block",
    "period_form",
    "range_text",
    "refresh_examples",
    "share_text",
    "short_source",
    "sources_text",
    "whole_years",
]

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


# --- Period and calls -----------------------------------------------------------------------------


def period_form(question_id: str = PERIOD_QUESTION) -> Form:
    """Pick the year to review; the years on offer follow the data choice."""
    from helpers import forms
    from helpers.live import on_change

    form = forms.single_choice(
        question_id,
        "Which year will you review?",
        whole_years(datasource.table(OPERATIONS)),
        help="If you do not choose, the review uses the first whole year in the data.",
    )

    def follow_the_data() -> None:
        years = whole_years(datasource.table(OPERATIONS))
        if list(form.control.options) != years:
            saved = form.store.load(question_id)

            def show() -> None:
                form.control.options = years
                form.control.value = saved if saved in years else None

            quietly(form, show)

    on_change(follow_the_data, data=[OPERATIONS])
    return form


def call_type_form(question_id: str = CALLS_QUESTION) -> Form:
    """How the learner's centre makes its calls, with each kind's figure and source."""
    from helpers import forms
    from helpers.footprint import CALL_CHOICES

    factors: dict[Any, Any] = factors_for("").to_dict("index")
    lines = []
    for label, key in CALL_CHOICES.items():
        if key in factors:
            row = factors[key]
            grams = 1000 * float(row["central"])
            lines.append(
                f"{label.split(' (')[0]}: about {grams:.2g} g CO2e a minute "
                f"({short_source(row['source'], row['year'])})."
            )
    return forms.single_choice(
        question_id,
        "How do most of your centre's phone calls travel?",
        list(CALL_CHOICES),
        help=" ".join(lines)
        + " If you are not sure, ask your team leader. Until you choose, the footprint counts "
        "calls over the mobile network.",
    )


# --- Channels ------------------------------------------------------------------------------------

CHANNEL_COLUMNS = [
    "Channel or activity",
    "Physical, digital or premises",
    "What it uses",
    "How much",
]


def channel_rows(result: pd.DataFrame, source: str | None = None) -> list[dict[str, str]]:
    """Starting rows for the channels table: one per item, with the amount used in the period.

    ``result`` is a footprint (it carries each item's unit and group). With ``source`` (see
    :func:`helpers.example_rows.example_source`) each row says where it came from.
    """
    from helpers.footprint import GROUP_LABELS

    rows = []
    for item, part in result.groupby("item", sort=False):
        first = part.iloc[0]
        group = GROUP_LABELS.get(str(first["group"]), str(first["group"]))
        row = {
            "Channel or activity": str(item),
            "Physical, digital or premises": group.split(" (")[0],
            "What it uses": USES.get(str(item), ""),
            "How much": f"{amount_text(first['quantity'], first['unit'])} in {first['period']}",
        }
        if source:
            row[SOURCE_COLUMN] = source
        rows.append(row)
    return rows


def data_rows() -> list[dict[str, str]]:
    """The channels of the chosen year, marked as the sample's examples or the learner's file."""
    from helpers import footprint

    loaded = datasource.load(OPERATIONS)
    operations = datasource.table(OPERATIONS)
    period = current_period(operations)
    inventory = footprint.inventory_from_operations(operations, period, calls=calls_key())
    result = footprint.footprint(inventory, factors_for(period))
    return channel_rows(result, example_source(loaded.choice.is_sample))


def channels_form(question_id: str = CHANNELS_QUESTION) -> Form:
    """The review table of channels, filled in from the data, each row marked until confirmed.

    Rows from the sample say "Example from the sample organisation" until the learner confirms
    or changes them; with the learner's own file the rows come from that file. The examples
    follow the year and the data choice by themselves; the learner's own rows stay.
    """
    from helpers.live import on_change

    editor = RowsEditor(CHANNEL_COLUMNS, marks_source=True)

    def show(saved: Any) -> None:
        editor.write(refresh_examples(saved, data_rows(), CHANNEL_COLUMNS[0]))

    form = editor.form(
        question_id,
        "Your review of physical and digital channels",
        help="Check each row. Press Confirm when a row is right for your workplace, or change "
        "it. Add the channels the data misses (for example leaflets, the website or "
        "face-to-face visits).",
        write=show,
    )
    if form.store.load(question_id) is None:
        quietly(form, lambda: show(None))

    on_change(
        lambda: quietly(form, lambda: show(form.store.load(question_id))),
        answers=[PERIOD_QUESTION, CALLS_QUESTION],
        data=[OPERATIONS],
    )
    return form


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
