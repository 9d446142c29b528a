"""Carbon footprint arithmetic: activity inventory x emission factors = kg CO2e.

Everything here is pure: frames in, frames out, no files and no widgets.

An **inventory** is a frame with one row per activity and period:

========== ==========================================================================
item       what the learner calls it ("Printed bills posted")
key        the emission-factor key in ``data/reference/emission_factors.csv``
quantity   how much, in the factor's unit (kWh, km, letters, minutes, ...)
period     a label such as "2024" or "2025-01"
months     how many months the period covers (used for fair per-month comparisons)
========== ==========================================================================

:func:`footprint` multiplies each quantity by the low, central and high factor. Without a factor
frame it picks, for each period, the UK Government factor set of the data's year
(:func:`helpers.reference.factor_set`); the result's ``factor_set`` column and
:func:`factor_set_note` say which set was used. :func:`coverage_note` says what a footprint
from a learner's smaller file covers and leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from helpers.errors import DataError, Problem
from helpers.words import joined_with_and

if TYPE_CHECKING:
    import pandas as pd

INVENTORY_COLUMNS = ["item", "key", "quantity", "period", "months"]
RESULT_COLUMNS = ["kg_low", "kg_central", "kg_high"]

# Which kind of channel or resource an activity belongs to (for the physical vs digital view).
GROUP_LABELS = {
    "physical": "Physical channels (paper, post, travel)",
    "digital": "Digital channels (email, chat, calls, video)",
    "premises": "Premises (energy and water)",
}
_GROUP_BY_PREFIX = {
    "letter": "physical",
    "printed": "physical",
    "paper": "physical",
    "car": "physical",
    "van": "physical",
    "rail": "physical",
    "email": "digital",
    "live_chat": "digital",
    "video_call": "digital",
    "voip": "digital",
    "phone": "digital",
    "data_transfer": "digital",
    "electricity": "premises",
    "natural_gas": "premises",
    "water": "premises",
    "homeworking": "premises",
}

# monthly_operations column -> (what it is, factor keys). Office electricity counts twice:
# generation and the grid losses on the way. Printed bills count as posted letters here because
# their paper is already in paper_reams and their printing in office_kwh.
OPERATIONS_ACTIVITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "printed_bills": ("Printed bills posted", ("letter_posted",)),
    "letters_posted": ("Letters posted", ("letter_posted",)),
    "paper_reams": ("Paper bought (reams)", ("paper_ream_virgin",)),
    "office_kwh": ("Office electricity", ("electricity_generation", "electricity_td")),
    "gas_kwh": ("Office gas heating", ("natural_gas",)),
    "water_m3": ("Water", ("water_supply",)),
    "emails_sent": ("Emails sent", ("email_short",)),
    "chat_sessions": ("Live chat sessions", ("live_chat_session",)),
    "call_minutes": ("Phone calls", ("phone_call_mobile_minute",)),
    "video_call_minutes": ("Video calls", ("video_call_camera_on",)),
    "car_petrol_km": ("Petrol car visits", ("car_petrol",)),
    "car_diesel_km": ("Diesel car visits", ("car_diesel",)),
    "car_electric_km": ("Electric car visits", ("car_electric",)),
    "van_diesel_km": ("Diesel van visits", ("van_diesel",)),
    "van_electric_km": ("Electric van visits", ("van_electric",)),
}


# How the centre's phone calls travel: the learner chooses in notebook 01. Option label -> key.
MOBILE_CALLS = "phone_call_mobile_minute"
INTERNET_CALLS = "voip_call_minute"
CALL_CHOICES: dict[str, str] = {
    "Over the mobile phone network": MOBILE_CALLS,
    "Over the internet (VoIP, or a softphone on the computer)": INTERNET_CALLS,
}


def call_factor_key(answer: object = None) -> str:
    """The factor key for the learner's answer about how calls travel (mobile when unanswered).

    Accepts an option label of :data:`CALL_CHOICES` or a factor key itself.
    """
    text = str(answer or "")
    if text in CALL_CHOICES.values():
        return text
    return CALL_CHOICES.get(text, MOBILE_CALLS)


def _with_calls(keys: tuple[str, ...], calls: str) -> tuple[str, ...]:
    return tuple(calls if key == MOBILE_CALLS else key for key in keys)


def channel_group(key: str) -> str:
    """``"physical"``, ``"digital"`` or ``"premises"`` for a factor key (``"other"`` if unknown)."""
    for prefix, group in _GROUP_BY_PREFIX.items():
        if key.startswith(prefix):
            return group
    return "other"


def select_months(months: pd.Series, period: str | tuple[str, str]) -> pd.Series:
    """True for months (``YYYY-MM`` text) inside ``period``: "2024", "2024-03" or a (first, last) pair."""
    text = months.astype(str).str[:7]
    if isinstance(period, tuple):
        first, last = period
        return (text >= first[:7]) & (text <= last[:7])
    return text.str.startswith(period)


def period_label(period: str | tuple[str, str]) -> str:
    """ "2024" stays "2024"; ("2024-01", "2024-06") becomes "2024-01 to 2024-06"."""
    return f"{period[0]} to {period[1]}" if isinstance(period, tuple) else period


def inventory_from_operations(
    frame: pd.DataFrame,
    period: str | tuple[str, str],
    label: str | None = None,
    *,
    calls: str = MOBILE_CALLS,
) -> pd.DataFrame:
    """Sum a monthly-operations frame over ``period`` into an inventory (one row per factor key).

    Columns the frame lacks are skipped, so a learner's smaller file still works (say so with
    :func:`coverage_note`). ``calls`` is the factor key for call minutes (:func:`call_factor_key`).
    """
    import pandas as pd

    chosen = frame.loc[select_months(frame["month"], period)]
    if chosen.empty:
        raise DataError(
            f"There are no months in {period_label(period)} in the data. "
            "Choose a period the file covers."
        )
    rows = []
    for column, (item, keys) in OPERATIONS_ACTIVITIES.items():
        if column not in chosen.columns:
            continue
        total = float(pd.to_numeric(chosen[column], errors="coerce").fillna(0).sum())
        for key in _with_calls(keys, calls):
            rows.append(
                {
                    "item": item,
                    "key": key,
                    "quantity": total,
                    "period": label or period_label(period),
                    "months": len(chosen),
                }
            )
    return pd.DataFrame(rows, columns=INVENTORY_COLUMNS)


# contact-log channel -> [(what it is, factor key, the log column that measures it)]; "count"
# means one unit per contact. Unknown channels are left out of the footprint, not guessed.
CONTACT_LOG_ACTIVITIES: dict[str, list[tuple[str, str, str]]] = {
    "phone": [("Phone calls", "phone_call_mobile_minute", "duration_minutes")],
    "email": [("Emails sent", "email_short", "count")],
    "chat": [("Live chat sessions", "live_chat_session", "count")],
    "letter": [
        ("Letters posted", "letter_posted", "count"),
        ("Printed pages", "printed_page", "pages"),
    ],
    "video": [("Video calls", "video_call_camera_on", "duration_minutes")],
    "field visit": [("Field visits (average van)", "van_average", "km")],
}


def _distinct_months(dates: pd.Series) -> int:
    """How many calendar months the dates fall in: distinct days first (cheap), then months."""
    import numpy as np

    days = dates.dropna().to_numpy().astype("datetime64[D]").astype(np.int64)
    if not len(days):
        return 0
    seen = np.flatnonzero(np.bincount(days - days.min())) + days.min()
    return len(np.unique(seen.astype("datetime64[D]").astype("datetime64[M]")))


def inventory_from_contact_log(
    frame: pd.DataFrame, period: str | tuple[str, str] | None = None
) -> pd.DataFrame:
    """An inventory from a contact log (one row per contact: date, channel, minutes, pages, km).

    Totals are grouped once per channel, so a million-row log takes a single pass.
    """
    import numpy as np
    import pandas as pd

    dates = pd.to_datetime(frame["date"], errors="coerce")
    chosen = frame
    if period is not None:
        first, last = period if isinstance(period, tuple) else (period, period)
        inside = (dates >= pd.Period(first).start_time) & (dates <= pd.Period(last).end_time)
        chosen, dates = frame.loc[inside], dates[inside]
    # Sum on category codes (one numpy pass per column), then merge spellings such as "Phone"
    # and "phone ".
    codes, spellings = pd.factorize(chosen["channel"], use_na_sentinel=True)
    names = pd.Index([str(name).strip().lower() for name in spellings])
    known = codes >= 0
    everything = bool(known.all())  # usually: then no row needs leaving out
    if not everything:
        codes = codes[known]
    width = len(names)
    per_code = {"count": np.bincount(codes, minlength=width).astype(float)}
    for column in ("duration_minutes", "pages", "km"):
        values = chosen[column] if column in chosen.columns else pd.Series(0.0, chosen.index)
        if not pd.api.types.is_numeric_dtype(values):
            values = pd.to_numeric(values, errors="coerce")
        weights = values.to_numpy(dtype=float, na_value=0.0)
        weights = weights if everything else weights[known]
        per_code[column] = np.bincount(codes, weights=weights, minlength=width)
    totals: Any = pd.DataFrame(per_code, index=names).groupby(level=0).sum()
    months = _distinct_months(dates)
    label = period_label(period) if period is not None else "the whole log"
    rows = [
        {"item": item, "key": key, "quantity": float(totals.loc[name, column]),
         "period": label, "months": int(months)}
        for name, parts in CONTACT_LOG_ACTIVITIES.items()
        if name in totals.index
        for item, key, column in parts
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=INVENTORY_COLUMNS)


def check_inventory(inventory: pd.DataFrame, factors: pd.DataFrame) -> list[Problem]:
    """Problems with an inventory: unknown factor keys, missing or negative quantities."""
    import pandas as pd

    problems = []
    quantities = pd.to_numeric(inventory["quantity"], errors="coerce")
    for number, (key, value, raw) in enumerate(
        zip(inventory["key"], quantities, inventory["quantity"], strict=True), start=1
    ):
        if key not in factors.index:
            problems.append(
                Problem(
                    f'"{key}" is not in the emission factors list.',
                    row=number,
                    column="key",
                    fix="Choose an activity from the list.",
                )
            )
        if pd.isna(value):
            problems.append(Problem(f'"{raw}" is not a number.', row=number, column="quantity"))
        elif value < 0:
            problems.append(
                Problem(
                    f"{raw} is below zero.", row=number, column="quantity", fix="Use 0 or more."
                )
            )
    return problems


def data_year(period: object) -> int | None:
    """The year a period's data falls in: "2024" or "2024-03" -> 2024; "2024-07 to 2025-06" ->
    the year with most of its months (the earlier on a tie); None when no year is named.
    """
    import pandas as pd

    text = str(period)
    months = re.findall(r"\b((?:19|20)\d\d)-(\d\d)\b", text)
    if len(months) >= 2:
        first, last = (pd.Period(f"{y}-{m}", freq="M") for y, m in (months[0], months[-1]))
        if last >= first:
            counts: dict[int, int] = {}
            for month in pd.period_range(first, last, freq="M"):
                counts[month.year] = counts.get(month.year, 0) + 1
            return max(sorted(counts), key=lambda year: counts[year])
    years = re.findall(r"\b((?:19|20)\d\d)\b", text)
    return int(years[0]) if years else None


def footprint(inventory: pd.DataFrame, factors: pd.DataFrame | None = None) -> pd.DataFrame:
    """kg CO2e (low, central, high) for each inventory row, with the factor's unit and group.

    ``factors`` is :func:`helpers.reference.load_emission_factors` (indexed by key). Without
    it, each period is counted with the UK Government factor set of its data's year
    (:func:`data_year`, :func:`helpers.reference.factor_set`). Column ``factor_set`` names the
    set used for each row. Raises :class:`DataError` listing every bad row.
    """
    import pandas as pd

    if factors is None:
        return _footprint_by_year(inventory)
    problems = check_inventory(inventory, factors)
    if problems:
        raise DataError("Some activities could not be counted:", problems)
    result = inventory.copy()
    result["quantity"] = pd.to_numeric(result["quantity"]).astype(float)
    if "months" not in result.columns:
        result["months"] = 1
    chosen = factors.loc[result["key"]]
    result["unit"] = chosen["unit"].to_numpy()
    result["group"] = [channel_group(key) for key in result["key"]]
    for level in ("low", "central", "high"):
        result[f"kg_{level}"] = result["quantity"] * chosen[level].to_numpy()
    if "factor_set" in chosen.columns:
        result["factor_set"] = chosen["factor_set"].to_numpy()
    return result.reset_index(drop=True)


def _footprint_by_year(inventory: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    from .reference import factor_set, load_factor_table

    table = load_factor_table()
    if inventory.empty:
        return footprint(inventory, factor_set(None, table=table).frame)
    years = [data_year(period) for period in inventory["period"]]
    parts = []
    for year in dict.fromkeys(years):
        rows = inventory.loc[[y == year for y in years]]
        parts.append((rows.index, footprint(rows, factor_set(year, table=table).frame)))
    result = pd.concat([part.set_index(index) for index, part in parts]).sort_index()
    return result.reset_index(drop=True)


def factor_set_note(result: pd.DataFrame) -> str:
    """Which UK Government factor set(s) a footprint used, and for which data, in words."""
    from .reference import describe_factor_set, factor_set, load_factor_table

    if "factor_set" not in result.columns or result.empty:
        return ""
    table = load_factor_table()
    notes = []
    for period in dict.fromkeys(result["period"]):
        wanted = data_year(period)
        notes.append(factor_set(wanted, table=table).describe())
    if not notes:
        return describe_factor_set(None, int(result["factor_set"].max()))
    return " ".join(dict.fromkeys(notes))


def by_item(result: pd.DataFrame) -> pd.DataFrame:
    """Totals per item and period (electricity's two factors add up to one line)."""
    return result.groupby(["period", "item"], sort=False, as_index=False).agg(
        group=("group", "first"),
        months=("months", "first"),
        **{column: (column, "sum") for column in RESULT_COLUMNS},
    )


def by_group(result: pd.DataFrame) -> pd.DataFrame:
    """Totals per channel group (physical, digital, premises) and period, with share of the total."""
    totals = result.groupby(["period", "group"], sort=False, as_index=False)[RESULT_COLUMNS].sum()
    period_total = totals.groupby("period")["kg_central"].transform("sum")
    totals["share_pct"] = 100 * totals["kg_central"] / period_total
    totals["label"] = totals["group"].map(GROUP_LABELS).fillna("Other")
    return totals


def hotspots(result: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Items ranked by central kg CO2e, biggest first, with share of the total and rank."""
    items = by_item(result).sort_values("kg_central", ascending=False, kind="stable")
    items["share_pct"] = 100 * items["kg_central"] / items["kg_central"].sum()
    items["rank"] = range(1, len(items) + 1)
    items = items.reset_index(drop=True)
    return items.head(top) if top else items


def change_between(result: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    """Per item, kg CO2e per month in two periods and the change (kg and %).

    Per-month figures make a 3-month period fair against a 12-month one.
    """
    import pandas as pd

    items = by_item(result)
    columns = []
    for period, name in ((before, "before"), (after, "after")):
        part = items.loc[items["period"] == period]
        if part.empty:
            raise DataError(f'There is no footprint for the period "{period}".')
        per_month = part.set_index("item")["kg_central"] / part.set_index("item")["months"]
        columns.append(per_month.rename(f"kg_per_month_{name}"))
    table = pd.concat(columns, axis=1).fillna(0.0)
    table["change_kg"] = table["kg_per_month_after"] - table["kg_per_month_before"]
    before_values = table["kg_per_month_before"].where(table["kg_per_month_before"] != 0)
    table["change_pct"] = 100 * table["change_kg"] / before_values
    table = table.reset_index().rename(columns={"index": "item"})
    return table.sort_values("change_kg", kind="stable").reset_index(drop=True)


def total(result: pd.DataFrame, period: str | None = None) -> dict[str, float]:
    """Total kg CO2e (low, central, high), for one period or all rows."""
    rows = result if period is None else result.loc[result["period"] == period]
    return {column: float(rows[column].sum()) for column in RESULT_COLUMNS}


def periods_in(result: pd.DataFrame) -> Iterable[str]:
    """The period labels of a footprint, in order of appearance."""
    return list(dict.fromkeys(result["period"]))


def monthly_footprint(
    operations: pd.DataFrame,
    factors: pd.DataFrame | None = None,
    level: str = "central",
    *,
    calls: str = MOBILE_CALLS,
) -> pd.Series:
    """kg CO2e for each month of a monthly-operations frame (``level``: low, central or high).

    The same mapping as :func:`inventory_from_operations`, one month at a time, so a footprint
    can be charted before and after a change like any other monthly figure. Without
    ``factors`` each month is counted with the factor set of its own year.
    """
    import pandas as pd

    from .reference import factor_set, load_factor_table

    kg = pd.Series(0.0, index=operations.index, name=f"kg_co2e_{level}")
    if factors is None:
        table = load_factor_table()
        years = operations["month"].map(data_year)
        for year in dict.fromkeys(years):
            rows = (
                operations.loc[years == year] if year is not None else operations.loc[years.isna()]
            )
            frame = factor_set(year, table=table).frame
            kg.loc[rows.index] = monthly_footprint(rows, frame, level, calls=calls)
        return kg
    per_key = {str(key): float(value) for key, value in factors[level].to_dict().items()}
    for column, (_, keys) in OPERATIONS_ACTIVITIES.items():
        if column in operations.columns:
            amounts = pd.to_numeric(operations[column], errors="coerce").fillna(0).astype(float)
            per_unit = sum(per_key[key] for key in _with_calls(keys, calls))
            kg += amounts * per_unit
    return kg


# What a footprint can cover, in the learner's words, in the order a reader expects.
_COVERAGE: dict[str, tuple[str, ...]] = {
    "electricity": ("office_kwh",),
    "gas heating": ("gas_kwh",),
    "water": ("water_m3",),
    "paper": ("paper_reams",),
    "post": ("printed_bills", "letters_posted"),
    "travel": (
        "car_petrol_km",
        "car_diesel_km",
        "car_electric_km",
        "van_diesel_km",
        "van_electric_km",
    ),
    "email": ("emails_sent",),
    "live chat": ("chat_sessions",),
    "phone calls": ("call_minutes",),
    "video calls": ("video_call_minutes",),
}


def covered_parts(columns: Iterable[str]) -> tuple[list[str], list[str]]:
    """(what the footprint covers, what it leaves out) for a monthly-operations file's columns."""
    present = set(columns)
    covered = [name for name, cols in _COVERAGE.items() if present & set(cols)]
    missing = [name for name, cols in _COVERAGE.items() if not present & set(cols)]
    return covered, missing


def coverage_note(columns: Iterable[str], *, own_file: bool = True) -> str:
    """What a footprint from a file with these columns covers, in words (empty when complete).

    "Your file has electricity only, so this footprint covers electricity, not paper, post,
    travel, ..." -- so a smaller total is not mistaken for a smaller impact.
    """
    covered, missing = covered_parts(columns)
    if not missing:
        return ""
    whose = "Your file" if own_file else "The data"
    if not covered:
        return (
            f"{whose} has none of the figures a footprint is counted from (electricity, gas, "
            "water, paper, post, travel, email, chat or calls), so there is no footprint to show."
        )
    parts, lacking = joined_with_and(covered), joined_with_and(missing)
    has = f"{parts} only" if len(covered) <= 2 else parts
    return (
        f"{whose} has {has}, so this footprint covers {parts}, not "
        f"{lacking}. It is not the whole footprint of your work: add what is missing "
        "as extra activities, or say in your answer what it leaves out."
    )
