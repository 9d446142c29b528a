"""Word patterns find the same matches as the plain case-blind search, on any text.

:class:`helpers.feedback.vocabulary.Words` searches lower-cased text when that cannot change a
match; these tests compare it with ``re.search(pattern, text, re.IGNORECASE)`` on the
vocabulary's own words, on letters that only match when case is ignored, and on random text.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.feedback import vocabulary
from helpers.feedback.vocabulary import Words, words

PATTERNS = {name: value for name, value in vars(vocabulary).items() if isinstance(value, Words)}
# Letters that ignoring case pairs with ASCII ones (Kelvin sign, long s, dotted and dotless i),
# letters that lower-case to two, accents, a final sigma, and the words the patterns look for.
ODD = "\u212a\u017f\u0130\u0131\u00c9\u00e9\u00df\u1e9e\u03a3\u00a3\u2019\u00a0_-"
WORDS = [w for p in PATTERNS.values() for w in re.findall(r"[a-z]{3,}", p.pattern)]


def plain(pattern: Words, text: str) -> tuple[int, int, str] | None:
    found = pattern.blind.search(text)
    return None if found is None else (found.start(), found.end(), found.group(0))


def fast(pattern: Words, text: str) -> tuple[int, int, str] | None:
    found = pattern.search(text)
    return None if found is None else (found.start(), found.end(), found.group(0))


text_of_words = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(list(ODD)), st.text(max_size=4)),
    max_size=12,
).map(lambda parts: " ".join(parts))
cased = st.tuples(text_of_words, st.sampled_from([str.upper, str.lower, str.title, str])).map(
    lambda pair: pair[1](pair[0])
)


def test_every_ignore_case_pattern_of_the_vocabulary_is_a_words() -> None:
    assert {"LAW", "CLAIM", "PLAN", "DATE", "CAVEAT"} <= PATTERNS.keys()
    for name, value in vars(vocabulary).items():
        if isinstance(value, re.Pattern):
            assert not value.flags & re.IGNORECASE, name


@settings(max_examples=300, deadline=None)
@given(cased)
def test_words_match_as_the_case_blind_search_does(text: str) -> None:
    for name, pattern in PATTERNS.items():
        assert fast(pattern, text) == plain(pattern, text), name


def test_letters_that_only_match_ignoring_case_still_match() -> None:
    law, energy = vocabulary.LAW, vocabulary.ENERGY
    assert fast(energy, "1 \u212aWh a month") == (2, 5, "\u212aWh")  # Kelvin sign for K
    assert fast(law, "the \u0130CO fined them") == plain(law, "the \u0130CO fined them")
    assert fast(words("gas"), "GA\u017f bill") == (0, 3, "GA\u017f")  # long s for s
    assert fast(law, "Under UK GDPR, ...") == (6, 13, "UK GDPR")  # the learner's own capitals


def test_a_pattern_with_capital_letters_is_searched_plainly() -> None:
    upper = Words(r"\bISO\b")
    assert upper.exact is None
    assert fast(upper, "iso 9001") == (0, 3, "iso")
