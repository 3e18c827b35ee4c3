"""Named signals of a post: the figures a writer would count, with their lines."""

from __future__ import annotations

import json
import math
import re
from importlib.resources import files

import pytest

from conftest import EXAMPLES, REPO
from valuelint.config import Config
from valuelint.engine import check_text
from valuelint.plugins import load_rules
from valuelint.signals import FAMILIES, MEANINGS, Signals, check_with_signals

RULES = load_rules()
CONFIG = Config()

RELEASE_NOTE = """\
---
title: "haven 2.3.0 released"
---

haven 2.3.0 is out. It reads SAS files written by version 9.4 and is 30% faster on
large files: a 2 GB file now loads in 40 s instead of 58 s.

```r
install.packages("haven")
```

Upgrade from 2.2.1 with the command above. For example, `read_sas()` now keeps labels.

```r
library(haven)
df <- read_sas("data.sas7bdat")
```

| function | before | after |
| --- | --- | --- |
| read_sas | 58 s | 40 s |

```r
write_sas(df, "out.sas7bdat")
```

Thanks to the R Consortium for funding this work. See the
[changelog](https://haven.tidyverse.org/news/) and the [install guide](/install/).
"""

SALES = """\
# The best tool you will ever buy!

We built our platform for teams like yours. Our team knows what our customers need, and we
deliver it! Why wait? Sign up today! Our plans start at nothing. We are the best.
We are the best.
"""


def signals_of(text: str, name: str = "post.md") -> Signals:
    _, signals = check_with_signals(text, name, CONFIG, RULES)
    assert signals is not None
    return signals


def test_a_release_note_counts_its_code_blocks_versions_and_measurements() -> None:
    signals = signals_of(RELEASE_NOTE)
    code = signals["shape.code_blocks"]
    assert code.value == 3
    assert code.lines == (8, 14, 23)
    assert signals.value("shape.code_lines") == 4
    versions = signals["specificity.versions"]
    # "2.3.0" and "version 9.4" on line 5, "2.2.1" on line 12.
    assert versions.value == 3
    assert versions.lines == (5, 12)
    # 30%, 2 GB, 40 s, 58 s; and the table's 58 s and 40 s.
    assert signals.value("specificity.measurements") == 6
    assert signals["specificity.measurements"].lines == (5, 6, 21)
    assert signals.value("shape.tables") == 1
    assert signals["shape.tables"].lines == (19,)
    assert signals.value("specificity.examples") == 1
    assert signals["specificity.examples"].lines == (12,)
    assert signals.value("shape.external_links") == 1
    assert signals.value("shape.internal_links") == 1
    assert signals["shape.external_links"].lines == (28,)
    assert signals.value("shape.inline_code") == 1
    assert signals.value("specificity.names") == 1  # R Consortium
    assert signals.value("title.number") == 1
    assert signals.value("title.words") == 3


def test_a_sales_pitch_speaks_for_itself_and_shouts() -> None:
    signals = signals_of(SALES)
    assert signals.value("title.exclamation") == 1
    assert signals.value("voice.we_rate") > 15  # we/our in about one word of five
    assert signals.value("voice.you_rate") < signals.value("voice.we_rate") / 2
    assert signals.value("voice.questions") == 1
    assert signals["voice.questions"].lines == (4,)
    # The title's heading, "deliver it!" and "Sign up today!".
    assert signals.value("voice.exclamations") == 3
    assert signals["voice.exclamations"].lines == (1, 3, 4)
    assert signals.value("density.repeated_sentences") == 1
    assert signals["density.repeated_sentences"].lines == (5,)
    assert signals.value("shape.code_blocks") == 0
    assert signals.value("specificity.versions") == 0


def test_finding_counts_are_the_reported_findings() -> None:
    text = (EXAMPLES / "promo-launch.md").read_text("utf-8")
    result, signals = check_with_signals(text, "promo-launch.md", CONFIG, RULES)
    assert signals is not None
    by_code: dict[str, list[int]] = {}
    for finding in result.findings:
        by_code.setdefault(finding.code, []).append(finding.line)
    assert by_code, "the promotional example reports findings"
    for code, lines in by_code.items():
        signal = signals[f"findings.rule.{code}"]
        assert signal.value == len(lines)
        assert signal.lines == tuple(sorted(set(lines)))
    promotion = [f for f in result.findings if f.category.value == "promotion"]
    assert signals.value("findings.category.promotion") == len(promotion)
    assert sum(signals.value(f"findings.severity.{s}") for s in ("error", "warning", "info")) \
        == len(result.findings)
    # A rule that reported nothing counts 0.
    assert signals.value("findings.rule.BAIT003") == 0


def test_signals_do_not_change_the_check() -> None:
    text = (EXAMPLES / "how-to-profile-python.md").read_text("utf-8")
    result, signals = check_with_signals(text, "how-to.md", CONFIG, RULES)
    plain = check_text(text, "how-to.md", CONFIG, RULES)
    assert signals is not None
    assert (result.score, result.breakdown, result.findings) == \
        (plain.score, plain.breakdown, plain.findings)
    assert signals.value("length.words") == plain.words
    assert signals.value("length.log_words") == pytest.approx(math.log1p(plain.words))


def test_every_post_has_every_named_signal_in_order() -> None:
    for text in (RELEASE_NOTE, SALES, "", "---\ntitle: Only a title\n---\n"):
        signals = signals_of(text)
        fixed = [s.name for s in signals if s.name in MEANINGS]
        assert fixed == list(MEANINGS)
        rules = [s.name for s in signals if s.name not in MEANINGS]
        assert all(name.startswith("findings.rule.") for name in rules)
        assert rules == sorted(rules)
        assert all(math.isfinite(s.value) for s in signals)


def test_a_post_that_cannot_be_read_has_no_signals() -> None:
    result, signals = check_with_signals("---\ntitle: [unclosed\n---\n", "bad.md", CONFIG, RULES)
    assert signals is None
    assert result.errors


def test_docs_list_every_signal_with_its_meaning() -> None:
    text = (REPO / "docs" / "signals.md").read_text("utf-8")
    table = text.split("| signal | meaning |", 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| (.+?) \|$", table, re.MULTILINE)
    assert rows == [*MEANINGS.items(), *FAMILIES.items()]


def test_the_shipped_value_model_reads_only_signals_valuelint_computes() -> None:
    """The coefficients file names signals by name: a renamed or dropped signal, or a
    rule code that no longer exists, must be refitted (benchmarks/fit_value_model.py)."""
    model = json.loads((files("valuelint_rules") / "data" / "value_model.json").read_text("utf-8"))
    assert model["provenance"]["command"] == "python benchmarks/fit_value_model.py"
    assert (REPO / "benchmarks" / "fit_value_model.py").is_file()
    assert model["format"] == 2
    assert set(model["dimensions"]) == {"promotion", "bait", "evidence", "substance"}
    assert set(model["combine"]["weights"]) == {"substance", "promotion", "bait", "evidence",
                                                "structure", "readability"}
    assert sum(model["combine"]["weights"].values()) == pytest.approx(1)
    for dimension in model["dimensions"].values():
        assert dimension["scores"] in ("against", "for")
        assert dimension["calibration"]
        assert math.isfinite(dimension["intercept"])
        assert dimension["terms"]
        for term in dimension["terms"]:
            name = term["signal"]
            if name.startswith("findings.rule."):
                assert name.removeprefix("findings.rule.") in RULES, name
            else:
                assert name in MEANINGS, name
            assert not name.startswith("length."), "length alone must not raise a score"
            assert term["transform"] in model["transforms"]
            assert term["scale"] > 0
            assert all(math.isfinite(term[key]) for key in ("mean", "scale", "weight"))


def test_first_person_singular_money_and_word_length() -> None:
    signals = signals_of(
        "I paid $120 a night and my friend paid 90 dollars.\n\n"
        "The room cost me EUR 80 more than we expected.\n")
    # I, my, me of 18 words; "we" counts for the first person plural only.
    assert signals.value("voice.i_rate") == pytest.approx(100 * 3 / 18)
    assert signals.value("voice.we_rate") == pytest.approx(100 * 1 / 18)
    money = signals["specificity.money"]
    assert money.value == 3
    assert money.lines == (1, 3)
    letters = len("I paid a night and my friend paid dollars The room cost me EUR more than we "
                  "expected".replace(" ", ""))
    assert signals.value("voice.word_length") == pytest.approx(letters / 18)
    plain = signals_of("We wrote 3 tests in 40 ms. A night was long.\n")
    assert plain.value("voice.i_rate") == 0
    assert plain.value("specificity.money") == 0


@pytest.mark.parametrize(("title", "you", "me"), [
    ("You won't believe what my cat did", 1.0, 1.0),
    ("Why your builds are slow", 1.0, 0.0),
    ("How I cut our build time in half", 0.0, 1.0),
    ("Yourself-hosted runners, Iowa and Mine Safety", 0.0, 0.0),
])
def test_a_title_that_speaks_to_the_reader_or_for_its_writer(title: str, you: float,
                                                             me: float) -> None:
    signals = signals_of(f'---\ntitle: "{title}"\n---\n\nA paragraph of text.\n')
    assert signals.value("title.you") == you
    assert signals.value("title.i") == me
    assert signals["title.you"].lines == (2,)
