"""The kinds of table the notebooks read: their canonical columns and the words learners
use for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Column types: month, date, count (whole numbers >= 0), number (>= 0, optional unit),
# percent (0-100), score (whole number in low..high), text, choice (one of ``choices``),
# yesno (becomes True/False), id (text that identifies a row).


@dataclass(frozen=True)
class Column:
    """One canonical column of a kind of table."""

    name: str
    type: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    # "customer" or "colleague" when the column holds people's names (used by helpers.redact).
    person: str | None = None
    description: str = ""

    @property
    def heading(self) -> str:
        """The column's name in words, as a file's heading would say it ("Office kWh",
        "CSAT %"): what learners read instead of the key; the reader matches it back."""
        return column_words(self.name)


_WORDS = {"kwh": "kWh", "m3": "m³", "pct": "%", "csat": "CSAT", "id": "ID", "e": "E-"}


def column_words(name: str) -> str:
    """A column key in words (``csat_pct`` -> "CSAT %"); a name that is not a key (a learner's
    own heading) comes back as it is."""
    if not name or name != name.lower() or " " in name:
        return name
    text = " ".join(_WORDS.get(part, part) for part in name.split("_")).replace("E- ", "E-")
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class TableKind:
    """A kind of table a notebook reads, with its columns and the columns that identify a row."""

    name: str
    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    one_row_per: str = "record"

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def _count(name: str, *aliases: str, **kw: Any) -> Column:
    return Column(name, "count", aliases=aliases, **kw)


def _number(name: str, unit: str, *aliases: str, **kw: Any) -> Column:
    return Column(name, "number", aliases=aliases, unit=unit, **kw)


def _percent(name: str, *aliases: str, **kw: Any) -> Column:
    return Column(name, "percent", aliases=aliases, low=0, high=100, **kw)


_MONTH = Column("month", "month", required=True, aliases=("period", "month ending", "month start"))

KINDS: dict[str, TableKind] = {
    kind.name: kind
    for kind in [
        TableKind(
            "monthly_operations",
            "Monthly operations",
            (
                _MONTH,
                _count("printed_bills", "bills printed", "paper bills", "printed bills sent"),
                _count("letters_posted", "letters sent", "letters", "posted letters"),
                _count("paper_reams", "reams", "reams of paper", "paper"),
                _number(
                    "office_kwh",
                    "kwh",
                    "kwh",
                    "electricity",
                    "electricity kwh",
                    "office electricity",
                    "office electricity kwh",
                    "office energy kwh",
                    "electricity used",
                ),
                _number("gas_kwh", "kwh", "gas", "gas used", "office gas kwh"),
                _number("water_m3", "m3", "water", "water used", "water m³"),
                _count("emails_sent", "emails", "emails out", "outgoing emails"),
                _count("chat_sessions", "chats", "live chat", "web chats", "chat"),
                _number("call_minutes", "minutes", "phone minutes", "call time", "calls minutes"),
                _number(
                    "video_call_minutes", "minutes", "video minutes", "video calls", "video call"
                ),
                _number("car_petrol_km", "km", "petrol car km", "petrol car", "car petrol"),
                _number("car_diesel_km", "km", "diesel car km", "diesel car", "car diesel"),
                _number(
                    "car_electric_km", "km", "electric car km", "electric car", "ev km", "car ev"
                ),
                _number("van_diesel_km", "km", "diesel van km", "diesel van", "van diesel"),
                _number("van_electric_km", "km", "electric van km", "electric van", "van ev"),
                _count("e_signatures", "esignatures", "electronic signatures", "e signed"),
                _percent("paperless_accounts_pct", "paperless pct", "paperless accounts"),
                _percent("csat_pct", "csat", "customer satisfaction", "satisfaction pct"),
                _count("complaints", "complaints received", "complaint count"),
                _percent(
                    "first_contact_resolution_pct", "fcr", "fcr pct", "first contact resolution"
                ),
            ),
            key=("month",),
            one_row_per="month",
        ),
        TableKind(
            "feedback",
            "Customer feedback",
            (
                Column("feedback_id", "id", aliases=("id", "ref", "reference", "feedback ref")),
                Column(
                    "date",
                    "date",
                    required=True,
                    aliases=("date received", "received", "submitted", "feedback date"),
                ),
                Column("channel", "text", aliases=("contact channel", "source", "via")),
                Column("score", "score", low=1, high=5, aliases=("rating", "stars", "mark")),
                Column(
                    "customer_name",
                    "text",
                    person="customer",
                    aliases=("name", "customer", "contact", "contact name", "full name"),
                ),
                Column(
                    "comment",
                    "text",
                    required=True,
                    aliases=("comments", "feedback", "verbatim", "free text", "customer comment"),
                ),
            ),
            key=("feedback_id",),
            one_row_per="comment",
        ),
        TableKind(
            "complaints",
            "Complaints log",
            (
                Column("complaint_id", "id", aliases=("id", "ref", "reference", "case")),
                Column(
                    "date_received",
                    "date",
                    required=True,
                    aliases=("date", "received", "date opened", "opened", "logged"),
                ),
                Column("channel", "text", aliases=("contact channel", "source", "via")),
                Column("category", "text", aliases=("type", "reason", "complaint type")),
                Column("summary", "text", aliases=("description", "details", "complaint")),
                Column(
                    "date_resolved", "date", aliases=("resolved", "date closed", "closed", "done")
                ),
                Column("escalated", "yesno", aliases=("escalation", "was escalated")),
            ),
            key=("complaint_id",),
            one_row_per="complaint",
        ),
        TableKind(
            "sla_response_times",
            "Service-level response times",
            (
                _MONTH,
                Column("channel", "text", required=True, aliases=("contact channel",)),
                _count("contacts", "contacts handled", "volume", "contact volume"),
                _number("target_minutes", "minutes", "target", "sla target", "target time"),
                _number(
                    "median_response_minutes",
                    "minutes",
                    "median response",
                    "median response time",
                    "response time",
                ),
                _percent("pct_within_target", "within target", "within sla", "pct within sla"),
            ),
            key=("month", "channel"),
            one_row_per="month and channel",
        ),
        TableKind(
            "team_kpi",
            "Team KPIs",
            (
                _MONTH,
                Column(
                    "agent",
                    "text",
                    required=True,
                    person="colleague",
                    aliases=("adviser", "advisor", "colleague", "team member", "staff", "name"),
                ),
                _percent("first_contact_resolution_pct", "fcr", "fcr pct"),
                _percent("csat_pct", "csat", "customer satisfaction"),
                _number(
                    "average_handling_minutes",
                    "minutes",
                    "aht",
                    "average handling time",
                    "handling time",
                ),
                Column(
                    "wellbeing_score",
                    "score",
                    low=1,
                    high=10,
                    aliases=("wellbeing", "well being", "wellbeing score 1 10"),
                ),
            ),
            key=("month", "agent"),
            one_row_per="month and team member",
        ),
        TableKind(
            "promotion_survey",
            "Promotion survey",
            (
                Column("respondent_id", "id", aliases=("respondent", "id", "ref")),
                Column(
                    "audience",
                    "choice",
                    choices=("colleague", "customer"),
                    aliases=("group", "respondent type"),
                ),
                Column("stage", "choice", required=True, choices=("before", "after")),
                Column("date", "date", aliases=("survey date", "date completed")),
                Column("awareness_score", "score", low=1, high=5, aliases=("awareness", "aware")),
                Column("uses_paperless", "yesno", aliases=("paperless", "uses paperless billing")),
                Column("comment", "text", aliases=("comments", "feedback", "free text")),
            ),
            key=("respondent_id", "stage"),
            one_row_per="survey answer",
        ),
        TableKind(
            "contact_log",
            "Contact log (one row per contact)",
            (
                Column("date", "date", required=True, aliases=("contact date", "date of contact")),
                Column("channel", "text", required=True, aliases=("contact channel", "via")),
                _number("duration_minutes", "minutes", "duration", "minutes", "length"),
                _count("pages", "pages printed", "printed pages", "sheets"),
                _number("km", "km", "distance", "distance km", "travel km"),
            ),
            one_row_per="contact",
        ),
    ]
}
