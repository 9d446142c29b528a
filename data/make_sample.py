"""Make the sample data of the fictional "Brightwater Energy" customer-service centre.

Brightwater Energy is invented. So are its customers, staff, comments and numbers. The script
uses a fixed random seed, so running it again writes byte-for-byte the same files::

    python data/make_sample.py            # writes data/sample/*.csv
    python data/make_sample.py OUT_DIR    # writes somewhere else (used by the tests)

The story the numbers tell: January 2024 to December 2025, paperless billing and e-signatures
introduced in January 2025, a paperless-billing awareness campaign in March 2025. Paper falls
but does not vanish; digital contacts rise; satisfaction dips early in 2025 and then recovers;
gas and electricity use are higher in winter.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20250101
SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
MONTHS = pd.period_range("2024-01", "2025-12", freq="M")
CHANGE_MONTH = pd.Period("2025-01", freq="M")
CUSTOMERS = 60_000

FIRST_NAMES = [
    "Amara", "Ben", "Chloe", "Dev", "Eleri", "Farah", "George", "Hannah", "Imran", "Jess",
    "Kwame", "Lucy", "Mo", "Niamh", "Owen", "Priya", "Rhys", "Sian", "Tom", "Una", "Vik",
    "Wendy", "Yusuf", "Zoe",
]  # fmt: skip
SURNAMES = [
    "Adeyemi", "Bell", "Clarke", "Davies", "Evans", "Fraser", "Gill", "Hughes", "Iqbal",
    "Jones", "Khan", "Lewis", "Morgan", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts",
    "Shah", "Taylor", "Walsh", "Young",
]  # fmt: skip
# Ofcom keeps these ranges for drama, so they can never reach a real person.
DRAMA_PHONES = ["07700 900{:03d}", "020 7946 0{:03d}", "0113 496 0{:03d}"]


def _seasonal(month: pd.Period, winter: float, summer: float) -> float:
    """A smooth yearly cycle: highest in January, lowest in July."""
    weight = (np.cos(2 * np.pi * (month.month - 1) / 12) + 1) / 2
    return float(summer + (winter - summer) * weight)


def _months_since_change(month: pd.Period) -> int:
    return (month - CHANGE_MONTH).n


def _paperless_pct(month: pd.Period) -> float:
    step = _months_since_change(month)
    if step < 0:
        return 30.0 + 0.25 * (step + 24)
    return min(84.0, 55.0 + 2.6 * step)


def _csat_pct(month: pd.Period) -> float:
    """About 82 % in 2024, a dip of a few points in early 2025, then recovery."""
    step = _months_since_change(month)
    if step < 0:
        return 82.0
    dips = {0: 77.5, 1: 78.0, 2: 79.5, 3: 81.0}
    return dips.get(step, min(85.0, 82.0 + 0.35 * (step - 3)))


def monthly_operations(rng: np.random.Generator) -> pd.DataFrame:
    """One row per month of activity counts, energy, travel and service results."""
    rows = []
    for month in MONTHS:
        after = month >= CHANGE_MONTH
        step = max(0, _months_since_change(month))
        paperless = _paperless_pct(month) + rng.normal(0, 0.3)
        printed_bills = CUSTOMERS * (1 - paperless / 100) * rng.normal(1, 0.01)
        letters = (4_200 if after else 9_000) * rng.normal(1, 0.04) - (80 * step if after else 0)
        sheets = printed_bills * 2 + letters * 1.5 + (14_000 if after else 20_000)
        wobble = rng.normal(1, 0.03)
        rows.append(
            {
                "month": str(month),
                "printed_bills": round(printed_bills),
                "letters_posted": round(letters),
                "paper_reams": round(sheets / 500),
                "office_kwh": round(_seasonal(month, 46_000, 31_000) * wobble),
                "gas_kwh": round(_seasonal(month, 62_000, 9_000) * rng.normal(1, 0.05)),
                "water_m3": round(330 * rng.normal(1, 0.05)),
                "emails_sent": round(
                    (96_000 + 400 * (month.month)) * (1.45 if after else 1) * rng.normal(1, 0.03)
                ),
                "chat_sessions": round(
                    (6_000 + 60 * _months_since_change(month))
                    * (1.9 if after else 1)
                    * rng.normal(1, 0.04)
                ),  # fmt: skip
                "call_minutes": round(
                    _seasonal(month, 470_000, 380_000) * (0.9 if after else 1) * rng.normal(1, 0.03)
                ),
                "video_call_minutes": round((14_000 + 450 * (step + 12 if after else 0)) * wobble),
                "car_petrol_km": round((5_200 - 90 * step) * rng.normal(1, 0.06)),
                "car_diesel_km": round((6_800 - 160 * step) * rng.normal(1, 0.06)),
                "car_electric_km": round((900 + 230 * step) * rng.normal(1, 0.06)),
                "van_diesel_km": round((11_500 - 260 * step) * rng.normal(1, 0.05)),
                "van_electric_km": round((1_200 + 240 * step) * rng.normal(1, 0.05)),
                "e_signatures": round((1_400 + 190 * step) * rng.normal(1, 0.05)) if after else 0,
                "paperless_accounts_pct": round(paperless, 1),
                "csat_pct": round(_csat_pct(month) + rng.normal(0, 0.5), 1),
                "complaints": 0,  # filled from the complaints log so the two agree
                "first_contact_resolution_pct": round(
                    _csat_pct(month) - 9.5 + rng.normal(0, 0.8), 1
                ),
            }
        )
    return pd.DataFrame(rows)


COMPLAINT_CATEGORIES = {
    "billing error": "The bill showed the wrong amount.",
    "meter reading": "An estimated meter reading was used instead of the customer's own.",
    "smart meter installation": "The smart meter engineer did not arrive on the booked day.",
    "payment plan": "The direct debit was raised without warning.",
    "paperless switch problem": "The customer could not open the bill sent by email.",
    "staff attitude": "The customer felt the adviser did not listen.",
    "delayed response": "No reply was received within the promised time.",
}
COMPLAINT_CHANNELS = ["phone", "email", "chat", "letter"]


def _complaint_weights(month: pd.Period) -> list[float]:
    step = _months_since_change(month)
    paperless = 0.0 if step < 0 else (14.0 if step < 4 else 4.0)
    return [22, 18, 14, 12, paperless, 8, 12]


def complaints(rng: np.random.Generator) -> pd.DataFrame:
    """A log of formal complaints: about 16 a month, with a rise as paperless billing starts."""
    categories = list(COMPLAINT_CATEGORIES)
    rows = []
    for month in MONTHS:
        step = _months_since_change(month)
        expected = 15 + (9 if 0 <= step < 4 else 0)
        weights = np.array(_complaint_weights(month))
        for _ in range(int(rng.poisson(expected))):
            received = month.start_time + pd.Timedelta(
                days=int(rng.integers(0, month.days_in_month))
            )
            category = str(rng.choice(categories, p=weights / weights.sum()))
            days_open = int(rng.gamma(2.0, 4.0)) + 1
            resolved = received + pd.Timedelta(days=days_open)
            rows.append(
                {
                    "date_received": received.strftime("%Y-%m-%d"),
                    "channel": str(rng.choice(COMPLAINT_CHANNELS, p=[0.45, 0.3, 0.15, 0.1])),
                    "category": category,
                    "summary": COMPLAINT_CATEGORIES[category],
                    "date_resolved": ""
                    if resolved > pd.Timestamp("2025-12-31")
                    else resolved.strftime("%Y-%m-%d"),
                    "escalated": "yes" if days_open > 14 or rng.random() < 0.06 else "no",
                }
            )
    frame = pd.DataFrame(rows).sort_values("date_received", kind="stable").reset_index(drop=True)
    frame.insert(0, "complaint_id", [f"C{n:04d}" for n in range(1, len(frame) + 1)])
    return frame


FEEDBACK_CHANNELS = ["phone", "email", "chat", "letter", "video"]
# Comments about paperless bills and e-signatures only appear once those exist (2025).
GOOD_COMMENTS = [
    "The adviser sorted my bill out in one call.",
    "Chat was quick and the answer was clear.",
    "Friendly staff and the engineer turned up on time.",
]
GOOD_COMMENTS_AFTER = [
    "Really pleased with the paperless bill, it arrives on time.",
    "Signing the contract online took two minutes.",
    "Easy to read email bill, thank you.",
]
MIXED_COMMENTS = [
    "Got there in the end but I had to explain twice.",
    "Waited a while on the phone, the adviser was helpful though.",
]
MIXED_COMMENTS_AFTER = [
    "The email bill is fine but I miss having paper for my records.",
    "The e-signature link expired before I could use it.",
]
POOR_COMMENTS = [
    "Three letters about the same thing in one week.",
    "On hold for forty minutes.",
    "My meter reading was ignored again.",
]
POOR_COMMENTS_AFTER = [
    "I could not open the PDF bill and nobody called back.",
    "Switched to paperless without asking me. My mum cannot use email.",
]
PERSONAL_TEMPLATES = [
    "{name} on the phone was brilliant, please thank her.",
    "Please reply to {email} not my old address.",
    "Call me back on {phone}, I am in after 5.",
    "Ask {name} to ring {phone} about the refund.",
    "I emailed {email} twice and heard nothing.",
]


def _person(rng: np.random.Generator) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _comment(rng: np.random.Generator, score: int, name: str, after: bool) -> str:
    if rng.random() < 0.2:
        template = str(rng.choice(PERSONAL_TEMPLATES))
        first, last = name.split(" ", 1)
        email = f"{first.lower()}.{last.lower().replace(chr(39), '')}@example.com"
        phone = str(rng.choice(DRAMA_PHONES)).format(int(rng.integers(0, 1000)))
        staff = str(rng.choice(FIRST_NAMES))
        return template.format(name=staff, email=email, phone=phone)
    if score >= 4:
        pool = GOOD_COMMENTS + (GOOD_COMMENTS_AFTER if after else [])
    elif score == 3:
        pool = MIXED_COMMENTS + (MIXED_COMMENTS_AFTER if after else [])
    else:
        pool = POOR_COMMENTS + (POOR_COMMENTS_AFTER if after else [])
    return str(rng.choice(pool))


def feedback(rng: np.random.Generator, operations: pd.DataFrame) -> pd.DataFrame:
    """Customer comments with a 1-5 score that follows the month's satisfaction."""
    csat = dict(zip(operations["month"], operations["csat_pct"], strict=True))
    rows = []
    for month in MONTHS:
        mean_score = 1 + 4 * (csat[str(month)] - 40) / 55
        for _ in range(int(rng.integers(10, 16))):
            day = month.start_time + pd.Timedelta(days=int(rng.integers(0, month.days_in_month)))
            score = int(np.clip(round(rng.normal(mean_score, 1.0)), 1, 5))
            name = _person(rng)
            rows.append(
                {
                    "date": day.strftime("%Y-%m-%d"),
                    "channel": str(rng.choice(FEEDBACK_CHANNELS, p=[0.4, 0.25, 0.2, 0.05, 0.1])),
                    "score": score,
                    "customer_name": name,
                    "comment": _comment(rng, score, name, month >= CHANGE_MONTH),
                }
            )
    frame = pd.DataFrame(rows).sort_values("date", kind="stable").reset_index(drop=True)
    frame.insert(0, "feedback_id", [f"F{n:04d}" for n in range(1, len(frame) + 1)])
    return frame


SLA_TARGETS = {"phone": 5, "email": 1440, "chat": 2, "letter": 7200}
SLA_SHARE = {"phone": 0.62, "email": 0.24, "chat": 0.1, "letter": 0.04}


def sla_response_times(rng: np.random.Generator) -> pd.DataFrame:
    """Monthly contacts and response times per channel against the service-level target."""
    rows = []
    for month in MONTHS:
        step = _months_since_change(month)
        strain = 1.35 if 0 <= step < 3 else 1.0
        for channel, target in SLA_TARGETS.items():
            share = SLA_SHARE[channel] * (1.6 if channel == "chat" and step >= 0 else 1)
            median = target * 0.7 * strain * rng.normal(1, 0.08)
            within = np.clip(100 - 40 * median / target + rng.normal(0, 1.5), 40, 99)
            rows.append(
                {
                    "month": str(month),
                    "channel": channel,
                    "contacts": round(21_000 * share * rng.normal(1, 0.04)),
                    "target_minutes": target,
                    "median_response_minutes": round(median, 1),
                    "pct_within_target": round(float(within), 1),
                }
            )
    return pd.DataFrame(rows)


def team_kpi(rng: np.random.Generator) -> pd.DataFrame:
    """Twelve anonymised agents, one row per agent per month."""
    agents = [f"Agent {chr(ord('A') + n)}" for n in range(12)]
    skill = dict(zip(agents, rng.normal(0, 3, len(agents)), strict=True))
    rows = []
    for month in MONTHS:
        dip = _csat_pct(month) - 82.0
        for agent in agents:
            rows.append(
                {
                    "month": str(month),
                    "agent": agent,
                    "first_contact_resolution_pct": round(
                        float(np.clip(72 + skill[agent] + dip + rng.normal(0, 2), 40, 99)), 1
                    ),
                    "csat_pct": round(
                        float(np.clip(82 + skill[agent] + dip + rng.normal(0, 2), 40, 99)), 1
                    ),
                    "average_handling_minutes": round(
                        float(np.clip(7.5 - skill[agent] / 3 + rng.normal(0, 0.5), 3, 15)), 1
                    ),
                    "wellbeing_score": int(np.clip(round(7 + dip / 2 + rng.normal(0, 1.2)), 1, 10)),
                }
            )
    return pd.DataFrame(rows)


SURVEY_COMMENTS = {
    ("before", "colleague"): ["Not sure how to explain paperless to older customers.", "", ""],
    ("after", "colleague"): [
        "The crib sheet helped me talk customers through it.",
        "I now offer paperless on every call.",
        "",
    ],
    ("before", "customer"): ["I did not know there was an email bill.", "", ""],
    ("after", "customer"): [
        "Saw the poster in the email and switched.",
        "Still want paper, glad it is an option.",
        "",
        "",
    ],
}


def promotion_survey(rng: np.random.Generator) -> pd.DataFrame:
    """Short surveys before (February) and after (April) the March 2025 campaign."""
    rows = []
    plan = [("colleague", 30), ("customer", 90)]
    for stage, month, lift, uses in [
        ("before", "2025-02", 0.0, 0.5),
        ("after", "2025-04", 1.3, 0.7),
    ]:
        start = pd.Period(month, freq="M")
        for audience, count in plan:
            base = 3.0 if audience == "colleague" else 2.2
            for _ in range(count):
                day = start.start_time + pd.Timedelta(days=int(rng.integers(0, 28)))
                rows.append(
                    {
                        "audience": audience,
                        "stage": stage,
                        "date": day.strftime("%Y-%m-%d"),
                        "awareness_score": int(np.clip(round(rng.normal(base + lift, 0.9)), 1, 5)),
                        "uses_paperless": "yes" if rng.random() < uses else "no",
                        "comment": str(rng.choice(SURVEY_COMMENTS[(stage, audience)])),
                    }
                )
    frame = pd.DataFrame(rows)
    frame.insert(0, "respondent_id", [f"R{n:03d}" for n in range(1, len(frame) + 1)])
    return frame


def make_all() -> dict[str, pd.DataFrame]:
    """Every sample table, keyed by file name without ``.csv``."""
    rng = np.random.default_rng(SEED)
    operations = monthly_operations(rng)
    complaint_log = complaints(rng)
    per_month = complaint_log["date_received"].str[:7].value_counts()
    operations["complaints"] = [int(per_month.get(m, 0)) for m in operations["month"]]
    return {
        "monthly_operations": operations,
        "feedback": feedback(rng, operations),
        "complaints": complaint_log,
        "sla_response_times": sla_response_times(rng),
        "team_kpi": team_kpi(rng),
        "promotion_survey": promotion_survey(rng),
    }


def write_all(out_dir: Path = SAMPLE_DIR) -> list[Path]:
    """Write every sample table as UTF-8 CSV with Unix line endings; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in make_all().items():
        path = out_dir / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE_DIR
    for written_path in write_all(target):
        print(written_path)
