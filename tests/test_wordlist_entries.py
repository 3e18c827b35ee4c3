"""Every phrase of every built-in word list that a rule reports is exercised.

For each entry, three sentences go through the rule that reports the list:
the phrase as the writer's own words (reported), the same sentence in
quotation marks (not reported), and the phrase in reported speech (not
reported). An entry marked ``{in-context}`` in its list counts only in a
context the rule checks itself, so its bare use is not expected to be
reported. Lists that support a rule's judgement without being
reported phrase by phrase are named in ``SUPPORTING`` with their reason.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from valuelint.config import Config, parse_config
from valuelint.engine import check_text
from valuelint.plugins import load_rules
from valuelint.wordlists import NUMBER, load_markers

RULES = load_rules()

#: Word list -> (rule that reports its phrases, (use, quoted, reported) templates).
_PHRASE = ("{Phrase}!", '"{Phrase}!" is the whole banner.', "A stranger messaged me: {phrase}!")
_CLAIM = ("The new release is {phrase}.", '"The new release is {phrase}." is gone now.',
          "The reviewer said the new release is {phrase}.")
REPORTED: dict[str, tuple[str, tuple[str, str, str]]] = {
    "hard_sell": ("PROM001", _PHRASE),
    "urgency": ("PROM006", _PHRASE),
    "engagement_bait": ("BAIT001", _PHRASE),
    "bait_follow": ("BAIT003", _PHRASE),
    "puffery": ("PROM002", _CLAIM),
    "promo_peacock": ("PROM003", _CLAIM),
    "promo_loaded": ("PROM004", _CLAIM),
    "promo_editorial": ("PROM004", _CLAIM),
    "promo_cta": ("PROM008", _PHRASE),
}
#: Options that make a density rule report a single phrase.
OPTIONS: dict[str, dict[str, Any]] = {"PROM008": {"min-count": 1, "min-density": 0.0}}

#: Lists not reported phrase by phrase, or whose rule weighs them with other
#: signals, and why (each one still loads and is used, see test_wordlists.py).
SUPPORTING = {
    "mention_callouts": "tells a bold callout label from a speaker's",
    "mention_directives": "frames before a phrase that make it addressed to the reader",
    "mention_fillers": "words skipped between a clause start and an imperative",
    "mention_negation": "frames that deny a phrase",
    "mention_past": "past-tense markers that make a phrase narrative",
    "mention_reporting": "frames that make a phrase reported",
    "mention_speakers": "interview speaker labels",
    "mention_subjects": "third-person subjects that make a phrase narrative",
    "mention_verbs": "first words that make a phrase an imperative",
    "bait_title_list_nouns": "nouns that make a title's leading number a listicle count",
    "bait_title_hype": "one of several signals weighed together in a title (BAIT002)",
    "clickbait": "one of several signals weighed together in a title (BAIT002)",
    "evid_concrete": "counted against evid_generic, never reported itself",
    "evid_generic": "counted against evid_concrete in a density (EVID005)",
    "evid_research": "reported only without a source nearby (EVID rules)",
    "weasel": "reported only without a source nearby (EVID rules)",
    "thin_placeholders": "reported by THIN rules with their own fixtures",
    "thin_stubs": "reported by THIN rules with their own fixtures",
    "thin_title_generic": "a title made only of these words is generic (THIN rules)",
}


def _shipped() -> list[str]:
    folder = resources.files("valuelint_rules").joinpath("wordlists")
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


def _config(code: str) -> Config:
    table: dict[str, Any] = {"select": [code]}
    if code in OPTIONS:
        table["rules"] = {code: OPTIONS[code]}
    return parse_config(table, None, RULES)


def _entries() -> list[Any]:
    params = []
    for name, (code, templates) in REPORTED.items():
        for phrase, markers in load_markers("valuelint_rules", name).items():
            params.append(pytest.param(code, phrase, markers, templates,
                                       id=f"{name}:{phrase}"))
    return params


def _say(template: str, phrase: str) -> str:
    text = phrase.replace(NUMBER, "5")
    return template.format(phrase=text, Phrase=text[:1].upper() + text[1:])


def _found(code: str, text: str) -> list[str]:
    result = check_text(text + "\n", "post.md", _config(code), RULES, Path("post.md"))
    assert not result.errors
    return [f.message for f in result.findings if f.code == code]


def test_every_shipped_list_is_exercised_or_named_as_supporting() -> None:
    assert sorted([*REPORTED, *SUPPORTING]) == _shipped()


@pytest.mark.parametrize(("code", "phrase", "markers", "templates"), _entries())
def test_entry_is_reported_as_a_use_and_not_as_a_mention(
        code: str, phrase: str, markers: frozenset[str], templates: tuple[str, str, str]) -> None:
    use, quoted, reported = (_say(t, phrase) for t in templates)
    if "in-context" not in markers:
        assert _found(code, use), f"{code} should report {use!r}"
    assert _found(code, quoted) == [], quoted
    assert _found(code, reported) == [], reported
