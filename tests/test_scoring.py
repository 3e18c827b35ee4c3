"""The reader-value score: ``score_findings`` is a pure function of a post's findings."""

from __future__ import annotations

import json
import random as random_module
import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import EXAMPLES, REPO
from valuelint.cli import app
from valuelint.rule import Category, Finding, Severity
from valuelint.scoring import (
    DIMENSIONS,
    WEIGHTS,
    Score,
    finding_cost,
    score_findings,
    typical_score,
)
from valuelint.value_model import load_model

DIMENSION_OF = {category: name for name, cats in DIMENSIONS.items() for category in cats}
#: Each dimension of a typical post, unrounded.
TYPICAL_VALUES = {name: (load_model().dimensions[name].typical
                         if name in load_model().dimensions else 100.0) for name in DIMENSIONS}


def finding(category: Category = Category.PROMOTION, severity: Severity = Severity.WARNING,
            line: int = 1, weight: float = 1.0, code: str = "TEST001") -> Finding:
    return Finding(code=code, name="test-rule", category=category, severity=severity,
                   message=f"{category.value} {severity.value}", line=line, column=1,
                   end_line=line, end_column=2, weight=weight)


findings_strategy = st.lists(
    st.builds(
        finding,
        category=st.sampled_from(list(Category)),
        severity=st.sampled_from(list(Severity)),
        line=st.integers(min_value=1, max_value=500),
        weight=st.floats(min_value=0.0, max_value=3.0, allow_nan=False),
    ),
    max_size=40,
)


#: The breakdown of a typical post with no finding (every fitted signal at its mean).
TYPICAL = score_findings([])


def test_no_findings_leaves_every_dimension_where_the_typical_post_is() -> None:
    model = load_model()
    assert TYPICAL.reasons == () and TYPICAL.contributions == ()
    for name in DIMENSIONS:
        fitted = model.dimensions.get(name)
        assert TYPICAL.breakdown[name] == (round(fitted.typical) if fitted else 100), name
    assert TYPICAL.weighted == pytest.approx(typical_score())
    assert TYPICAL.score == documented_score(TYPICAL.weighted, TYPICAL.cap)


@given(findings_strategy)
def test_scores_are_bounded(findings: list[Finding]) -> None:
    scored = score_findings(findings)
    assert 0 <= scored.score <= 100
    assert all(0 <= value <= 100 for value in scored.breakdown.values())
    assert set(scored.breakdown) == set(WEIGHTS)


@given(findings_strategy, findings_strategy)
def test_more_findings_never_raise_the_score(base: list[Finding], extra: list[Finding]) -> None:
    assert score_findings(base + extra).score <= score_findings(base).score
    before = score_findings(base).breakdown
    after = score_findings(base + extra).breakdown
    assert all(after[name] <= before[name] for name in before)


@given(findings_strategy, st.data())
def test_a_severer_finding_never_raises_the_score(findings: list[Finding],
                                                  data: st.DataObject) -> None:
    if not findings:
        return
    index = data.draw(st.integers(0, len(findings) - 1))
    changed = list(findings)
    old = changed[index]
    changed[index] = finding(old.category, Severity.ERROR, old.line, old.weight)
    assert score_findings(changed).score <= score_findings(findings).score


@given(findings_strategy, st.randoms())
def test_the_score_does_not_depend_on_finding_order(findings: list[Finding],
                                                    random: random_module.Random) -> None:
    shuffled = list(findings)
    random.shuffle(shuffled)
    first, second = score_findings(findings), score_findings(shuffled)
    assert first.score == second.score
    assert first.breakdown == second.breakdown


def test_each_finding_costs_more_the_severer_it_is() -> None:
    scores = [score_findings([finding(severity=s)]).score
              for s in (Severity.INFO, Severity.WARNING, Severity.ERROR)]
    assert scores[0] > scores[1] > scores[2]


def test_each_extra_finding_costs_something_until_the_floor() -> None:
    scores = [score_findings([finding(line=i) for i in range(n)]).score for n in range(6)]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores)


def _lowered(scored: Score) -> set[str]:
    return {name for name, value in scored.breakdown.items()
            if value < TYPICAL.breakdown[name]}


def test_findings_count_against_their_own_dimension() -> None:
    assert _lowered(score_findings([finding(Category.BAIT, Severity.ERROR)])) == {"bait"}


def test_metadata_findings_count_as_structure() -> None:
    scored = score_findings([finding(Category.METADATA, Severity.WARNING)])
    assert _lowered(scored) == {"structure"}


def test_a_zero_weight_finding_costs_nothing() -> None:
    scored = score_findings([finding(severity=Severity.ERROR, weight=0.0)])
    assert scored.weighted == TYPICAL.weighted


@pytest.mark.parametrize("category", [Category.PROMOTION, Category.BAIT, Category.THIN])
def test_a_post_dominated_by_one_key_problem_is_capped_below_40(category: Category) -> None:
    findings = [finding(category, Severity.ERROR, line=i) for i in range(12)]
    scored = score_findings(findings)
    # The other five dimensions are untouched, so the weighted mean alone stays far
    # higher; the cap on the weakest key dimension brings it below 40.
    assert scored.weighted >= TYPICAL.weighted - 30
    assert scored.capped
    assert scored.score < 40


def _documented(pattern: str) -> str:
    text = (REPO / "docs" / "scoring.md").read_text("utf-8")
    match = re.search(pattern, text, re.M)
    assert match, f"docs/scoring.md no longer states {pattern}"
    return match.group(1)


def documented_score(weighted: float, cap: float) -> int:
    """The score by docs/scoring.md's formula: the capped weighted mean plus its stated
    share S of the weighted mean above the cap, at most 100."""
    share = float(_documented(r"^score\s*=\s*round\(min\(min\(weighted, cap\) \+ ([\d.]+) \S"))
    assert share == load_model().combine.above_cap
    return round(min(min(weighted, cap) + share * max(0.0, weighted - cap), 100))


def _documented_cap_margin() -> int:
    """N in docs/scoring.md's ``cap = 100 x min(kept(substance), ...) + N``."""
    return int(_documented(
        r"^cap\s*=\s*100 \S min\(kept\(substance\), kept\(promotion\), kept\(bait\)\) \+ (\d+)$"))


def _documented_penalty(severity: Severity) -> float:
    """The penalty docs/scoring.md states for ``severity``."""
    line = _documented(r"^finding_penalty = (.+)$")
    return float(dict(part.split() for part in line.split(", "))[severity.value])


@pytest.mark.parametrize(("found", "dimensions"), [
    ([finding(Category.PROMOTION, Severity.ERROR)], {"promotion"}),
    ([finding(Category.BAIT, Severity.ERROR, weight=1.2)], {"bait"}),
    ([finding(Category.THIN, Severity.WARNING, weight=2.0)], {"substance"}),
    # The lowest key dimension sets the cap; evidence only lowers the weighted mean.
    ([finding(Category.PROMOTION, Severity.ERROR), finding(Category.EVIDENCE, Severity.INFO)],
     {"promotion", "evidence"}),
])
def test_dimensions_and_cap_follow_the_documented_formula(
    found: list[Finding], dimensions: set[str],
) -> None:
    margin = _documented_cap_margin()
    scored = score_findings(found)
    assert _lowered(scored) == dimensions
    values = dict(TYPICAL_VALUES)
    kept = dict.fromkeys(values, 1.0)
    for f in found:
        name = DIMENSION_OF[f.category]
        kept[name] *= 1 - _documented_penalty(f.severity) * f.weight
        values[name] *= 1 - _documented_penalty(f.severity) * f.weight
    assert scored.breakdown == {name: round(value) for name, value in values.items()}
    weighted = sum(WEIGHTS[name] * value for name, value in values.items())
    cap = 100 * min(kept[name] for name in ("substance", "promotion", "bait")) + margin
    assert scored.weighted == pytest.approx(weighted)
    assert scored.cap == pytest.approx(cap)
    assert scored.score == documented_score(weighted, cap)


def test_findings_in_minor_dimensions_are_not_capped() -> None:
    findings = [finding(Category.READABILITY, Severity.ERROR, line=i) for i in range(12)]
    scored = score_findings(findings)
    assert scored.breakdown["readability"] == 0
    assert not scored.capped
    assert scored.weighted == pytest.approx(TYPICAL.weighted - 100 * WEIGHTS["readability"]
                                            * (1 - 0.55 ** 12))


@given(st.lists(st.sampled_from(list(Category)), unique_by=lambda c: DIMENSION_OF[c],
                min_size=2),
       st.lists(st.sampled_from(list(Severity)), min_size=6, max_size=6),
       st.lists(st.floats(0.1, 3.0), min_size=6, max_size=6))
def test_reasons_are_sorted_by_how_much_they_cost(
    categories: list[Category], severities: list[Severity], weights: list[float],
) -> None:
    findings = [finding(c, s, line=i + 1, weight=w)
                for i, (c, s, w) in enumerate(zip(categories, severities, weights, strict=False))]
    reasons = score_findings(findings).reasons
    assert len(reasons) == min(3, len(findings))

    def cost(f: Finding) -> float:
        name = DIMENSION_OF[f.category]
        return finding_cost(f) * WEIGHTS[name] * TYPICAL_VALUES[name]

    costs = [cost(f) for f in reasons]
    # The scorer ranks by cost x 100 x weight: equal costs may differ in the last bit.
    assert all(first >= second - 1e-9 for first, second in pairwise(costs))
    rest = [cost(f) for f in findings if f not in reasons]
    if rest:
        assert min(costs) >= max(rest) - 1e-9


def test_the_costliest_findings_are_the_reasons() -> None:
    small = finding(Category.READABILITY, Severity.INFO, line=1)
    big = finding(Category.PROMOTION, Severity.ERROR, line=9)
    middle = finding(Category.BAIT, Severity.WARNING, line=5)
    tiny = finding(Category.STRUCTURE, Severity.INFO, line=2)
    assert score_findings([small, big, middle, tiny]).reasons == (big, middle, tiny)
    assert score_findings([small, big], reasons=1).reasons == (big,)


def test_score_findings_is_pure() -> None:
    findings = [finding(Category.BAIT, Severity.ERROR), finding(Category.THIN)]
    copy = list(findings)
    first = score_findings(findings)
    assert score_findings(findings) == first
    assert findings == copy


# --------------------------------------------------------------------------- real posts


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("example", "low", "high"), [
    ("how-to-profile-python.md", 70, 100),
    ("opinion-static-sites.md", 70, 100),
    ("thin-update.md", 0, 49),
    ("promo-launch.md", 0, 39),
    ("bait-giveaway.md", 0, 39),
])
def test_example_posts_land_where_a_reader_would_put_them(
    project: Path, example: str, low: int, high: int,
) -> None:
    (project / example).write_text((EXAMPLES / example).read_text("utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["score", example])
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    score = int(first.rsplit(" ", 1)[1].split("/")[0])
    assert low <= score <= high, first


def test_an_opinion_post_ending_with_a_question_to_readers_has_no_bait_finding(
    project: Path,
) -> None:
    example = "opinion-static-sites.md"
    text = (EXAMPLES / example).read_text("utf-8")
    assert "What do you think?" in text
    (project / example).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", example, "--format", "json"])
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["code"] for f in findings if f["category"] == "bait"] == []
