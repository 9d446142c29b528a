"""The learner profile: saved like any answer, shown on the evidence cover page."""

from __future__ import annotations

from typing import Any

from .store import AnswerStore, shared_store

# Question id -> (key used on the cover page, label shown to the learner, help text)
PROFILE_FIELDS: dict[str, tuple[str, str, str]] = {
    "00.profile.name": ("name", "Your full name", "As your assessor knows you."),
    "00.profile.learner_id": (
        "learner_id",
        "Your learner number",
        "Your college or awarding body gives you this.",
    ),
    "00.profile.centre": ("centre", "Your college or training centre", ""),
    "00.profile.organisation": (
        "organisation",
        "Your employer or organisation",
        "Where you work as a customer-service "
        "practitioner. You can use a general description if you prefer.",
    ),
    "00.profile.job_role": ("job_role", "Your job role", "For example: customer adviser."),
}


def profile_form(store: AnswerStore | None = None) -> Any:
    """The profile as a group of short text boxes."""
    from .forms import FormGroup, short_text

    forms = [
        short_text(qid, label, help, store=store)
        for qid, (_key, label, help) in PROFILE_FIELDS.items()
    ]
    return FormGroup(forms, title="About you")


def load_profile(store: AnswerStore | None = None) -> dict[str, str]:
    """The profile as ``{"name": ..., "learner_id": ..., ...}``; missing fields are ''."""
    store = store or shared_store()
    return {key: str(store.load(qid) or "") for qid, (key, _l, _h) in PROFILE_FIELDS.items()}


def save_profile(values: dict[str, str], store: AnswerStore) -> None:
    """Fill profile fields (used by ``coursework release --roster``)."""
    by_key = {key: qid for qid, (key, _l, _h) in PROFILE_FIELDS.items()}
    for key, value in values.items():
        if key in by_key and value:
            store.save(by_key[key], value)
