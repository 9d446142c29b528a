"""Charts shared by the notebooks: each returns a :class:`Chart` carrying its figure and alt text.

Charts use the Okabe-Ito colour-blind-safe palette, label both axes with units, and describe
what they show in generated alt text. Nothing here calls ``show()`` or writes files; displaying
a :class:`Chart` in a notebook gives a PNG ``<img>`` with the alt text, which works with
JavaScript off and survives export to HTML.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .beforeafter import BeforeAfter, all_months_before_vs_after, month_text
from .views import escape

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Okabe and Ito (2008), "Color Universal Design": safe for the common forms of colour blindness.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
PALETTE = [OKABE_ITO[name] for name in ("blue", "orange", "bluish_green", "vermillion", "sky_blue")]
# A neutral grey beside the Okabe-Ito colours, for what the eye should pass over.
NEUTRAL_GREY = "#999999"


@dataclass
class Chart:
    """A figure and the sentence that describes it for people who cannot see it."""

    figure: Figure
    alt_text: str

    def png_bytes(self, dpi: int = 100) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
        return buffer.getvalue()

    def html(self) -> str:
        """An ``<img>`` with the PNG inline and the alt text, plus the text as a caption."""
        data = base64.b64encode(self.png_bytes()).decode("ascii")
        alt = escape(self.alt_text)
        return (
            f'<figure class="coursework-chart"><img src="data:image/png;base64,{data}" '
            f'alt="{alt}" style="max-width:100%"><figcaption>{alt}</figcaption></figure>'
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/html": self.html(), "text/plain": self.alt_text}


def _new_axes(ax: Axes | None, size: tuple[float, float] = (8, 4)) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax  # type: ignore[return-value]
    from matplotlib.figure import Figure

    # A bare Figure (not pyplot) keeps no global state and needs no GUI: rendering uses Agg.
    figure = Figure(figsize=size, layout="constrained")
    return figure, figure.add_subplot()


def _thousands() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}")


def nice_number(value: float) -> str:
    """41234 -> "41,200"; 82.46 -> "82.5"; 0.0123 -> "0.0123" (three significant figures)."""
    if value != value:  # NaN
        return "no data"
    if abs(value) >= 100:
        from math import floor, log10

        digits = floor(log10(abs(value))) + 1
        return f"{round(value, 3 - digits):,.0f}"
    return f"{value:.3g}"


# --- Before and after ---------------------------------------------------------------------------


def _month_name(month: str) -> str:
    import pandas as pd

    return pd.Timestamp(f"{month}-01").strftime("%B %Y")


def _span_words(first: str, last: str, fallback: str) -> str:
    """ "in 2024" when a span is exactly one calendar year, else the fallback wording."""
    if first[:4] == last[:4] and first[5:] == "01" and last[5:] == "12":
        return f"in {first[:4]}"
    return fallback


def before_after_alt_text(numbers: BeforeAfter, label: str, unit: str = "") -> str:
    """E.g. "Printed bills fell from a monthly mean of 39,000 in 2024 to 18,500 in 2025, down 52 %".

    When ``unit`` is "%" the change is given in percentage points, which is what people mean.
    """
    import pandas as pd

    suffix = " %" if unit == "%" else ""

    change = pd.Period(numbers.change_month, freq="M")
    before_words = _span_words(
        numbers.first_month, str(change - 1), f"before {_month_name(numbers.change_month)}"
    )
    after_words = _span_words(
        numbers.change_month, numbers.last_month, f"from {_month_name(numbers.change_month)}"
    )
    if numbers.months_before == 0 or numbers.months_after == 0:
        side = "before" if numbers.months_before == 0 else "after"
        return (
            f"{label} by month. There are no months {side} {_month_name(numbers.change_month)}, "
            "so no before-and-after comparison can be made."
        )
    pct = numbers.change_pct
    points = numbers.mean_after - numbers.mean_before
    size = f"{abs(points):.1f} percentage points" if suffix else f"{abs(pct):.0f} %"
    before = nice_number(numbers.mean_before) + suffix
    after = nice_number(numbers.mean_after) + suffix
    if pct != pct or (abs(points) < 0.05 if suffix else abs(pct) < 0.5):
        return (
            f"{label} stayed about the same: a monthly mean of {before} {before_words} "
            f"and {after} {after_words}."
        )
    verb, direction = ("fell", "down") if points < 0 else ("rose", "up")
    return (
        f"{label} {verb} from a monthly mean of {before} {before_words} "
        f"to {after} {after_words}, {direction} {size}."
    )


def change_title(numbers: BeforeAfter, unit: str = "") -> str:
    """ ": -53 % after the change" (or percentage points for % figures; nothing without data)."""
    if unit == "%":
        points = numbers.mean_after - numbers.mean_before
        if points != points:
            return ""
        return f": {points:+.1f} percentage points after the change"
    pct = numbers.change_pct
    if pct != pct:
        return ""
    return (
        ": about the same after the change"
        if round(pct) == 0
        else f": {pct:+.0f} % after the change"
    )


def before_after_chart(
    frame: pd.DataFrame,
    metric: str,
    change_date: Any,
    *,
    label: str | None = None,
    unit: str = "per month",
    change_label: str = "Change made",
    month_column: str = "month",
    ax: Axes | None = None,
) -> Chart:
    """Monthly line of ``metric`` with the change date and the before and after means marked.

    The means are :func:`helpers.beforeafter.all_months_before_vs_after`: every month before
    the change against every month from it on.
    """
    import pandas as pd

    label = label or metric.replace("_", " ").capitalize()
    numbers = all_months_before_vs_after(frame, metric, change_date, month_column)
    months = pd.to_datetime(frame[month_column].map(month_text) + "-01")
    values = pd.to_numeric(frame[metric], errors="coerce")
    # Matplotlib's stubs say float, but it plots dates natively.
    change: Any = pd.Timestamp(f"{numbers.change_month}-01")
    first: Any = months.min()
    last: Any = months.max()
    figure, axes = _new_axes(ax)
    axes.plot(months, values, marker="o", color=OKABE_ITO["blue"], label=label)
    axes.axvline(change, color=OKABE_ITO["vermillion"], linestyle="--", label=change_label)
    for mean, start, end, colour, name in (
        (numbers.mean_before, first, change, OKABE_ITO["orange"], "Mean before"),
        (numbers.mean_after, change, last, OKABE_ITO["bluish_green"], "Mean after"),
    ):
        if mean == mean:
            axes.hlines(mean, start, end, colors=colour, linestyles=":", linewidth=2.5)
            axes.plot([], [], color=colour, linestyle=":", linewidth=2.5, label=name)
    axes.set_xlabel("Month")
    axes.set_ylabel(f"{label} ({unit})")
    axes.set_title(label + change_title(numbers, unit))
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_formatter(_thousands())
    axes.legend(loc="best", fontsize="small")
    axes.figure.autofmt_xdate()
    return Chart(figure, before_after_alt_text(numbers, label, unit))


# --- Hotspots -----------------------------------------------------------------------------------


def hotspot_alt_text(spots: pd.DataFrame, period: str, shown: int) -> str:
    """E.g. "Biggest sources of emissions in 2024: Office gas heating 78,500 kg CO2e (28 %), ..."."""
    top = spots.head(3)
    parts = [
        f"{item} {nice_number(float(kg))} kg CO2e ({share:.0f} %)"
        for item, kg, share in zip(top["item"], top["kg_central"], top["share_pct"], strict=True)
    ]
    total = float(spots["kg_central"].sum())
    return (
        f"Bar chart of the {shown} biggest sources of emissions in {period}, "
        f"out of {nice_number(total)} kg CO2e in all. Largest: " + "; ".join(parts) + "."
    )


def hotspot_chart(
    spots: pd.DataFrame, period: str = "the period", top: int = 8, ax: Axes | None = None
) -> Chart:
    """Horizontal bars of kg CO2e per item (biggest at the top) with low-high ranges as whiskers.

    ``spots`` is :func:`helpers.footprint.hotspots` for one period.
    """
    shown = spots.head(top).iloc[::-1]
    figure, axes = _new_axes(ax, size=(8, 0.45 * len(shown) + 1.5))
    errors = [
        (shown["kg_central"] - shown["kg_low"]).clip(lower=0),
        (shown["kg_high"] - shown["kg_central"]).clip(lower=0),
    ]
    axes.barh(
        shown["item"],
        shown["kg_central"],
        xerr=errors,
        color=OKABE_ITO["blue"],
        ecolor=OKABE_ITO["black"],
        capsize=3,
    )
    axes.set_xlabel(f"Greenhouse gas emissions in {period} (kg CO2e; whiskers: low to high)")
    axes.set_ylabel("Activity")
    axes.xaxis.set_major_formatter(_thousands())
    axes.set_title(f"Where the emissions come from ({period})")
    return Chart(figure, hotspot_alt_text(spots, period, len(shown)))
