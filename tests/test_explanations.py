"""Every point of a score is explained: contributions of signals and findings, on real posts."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, invoke, put
from valuelint.config import Config
from valuelint.plugins import load_rules
from valuelint.scoring import SHOWN_POINTS, score_post, typical_score
from valuelint.signals import MEANINGS, check_with_signals
from valuelint.value_model import ModelError, load_model, parse_model

RULES = load_rules()
EXAMPLE_POSTS = sorted(path.name for path in EXAMPLES.glob("*.md"))


@pytest.mark.parametrize("example", EXAMPLE_POSTS)
def test_contributions_add_up_to_the_weighted_score(example: str) -> None:
    text = (EXAMPLES / example).read_text("utf-8")
    result, signals = check_with_signals(text, example, Config(), RULES)
    assert signals is not None
    scored = score_post(result.findings, signals)
    total = typical_score() + sum(c.points for c in scored.contributions)
    assert total == pytest.approx(scored.weighted, abs=1e-9)
    assert result.contributions == tuple(c for c in scored.contributions
                                         if abs(c.points) >= SHOWN_POINTS)
    assert 0 < len(result.contributions) < len(scored.contributions)
    assert result.score == scored.score


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _card(project: Path, example: str) -> list[str]:
    put(project, example, (EXAMPLES / example).read_text("utf-8"))
    code, out, _ = invoke("score", example)
    assert code == 0
    return out.splitlines()


def _section(lines: list[str], title: str) -> list[str]:
    start = lines.index(f"  {title}") + 1
    found = []
    for line in lines[start:]:
        if not line.startswith("    "):
            break
        found.append(line)
    return found


POINTS = re.compile(r"^\s+([+-]\d+(?:\.\d)?)\s+(\w+)\s+(\S+)")


def test_the_score_card_of_a_sales_pitch_names_the_signals_that_lowered_it(
    project: Path,
) -> None:
    lines = _card(project, "promo-launch.md")
    assert any(line.startswith("Against a typical post (") for line in lines)
    lowered = _section(lines, "Lowered it:")
    assert 1 <= len(lowered) <= 5
    parsed = [POINTS.match(line) for line in lowered]
    assert all(parsed), lowered
    points = [float(m.group(1)) for m in parsed if m]
    assert all(p < 0 for p in points)
    assert points == sorted(points)  # the largest loss first
    hard_sell = [line for line in lowered if "PROM001: " in line]
    assert hard_sell and re.search(r"\d+ findings, lines \d+", hard_sell[0])
    raised = _section(lines, "Raised it:")
    assert len(raised) <= 5 and all(float(POINTS.match(r).group(1)) > 0  # type: ignore[union-attr]
                                    for r in raised)


def test_every_contribution_names_a_documented_signal(project: Path) -> None:
    put(project, "how-to.md", (EXAMPLES / "how-to-profile-python.md").read_text("utf-8"))
    code, out, _ = invoke("score", "how-to.md", "--format", "json")
    entry = json.loads(out)
    assert code == 0 and entry["contributions"]
    for c in entry["contributions"]:
        assert c["signal"] in MEANINGS or re.fullmatch(r"findings\.rule\.[A-Z]+\d{3}", c["signal"])
        assert c["points"] != 0
        assert c["dimension"] in entry["breakdown"]
    sizes = [abs(c["points"]) for c in entry["contributions"]]
    assert sizes == sorted(sizes, reverse=True)
    # The card shows the JSON's own words for the largest contributions.
    code, card, _ = invoke("score", "how-to.md")
    for c in entry["contributions"][:3]:
        assert c["text"] in card


def test_a_hard_sell_line_costs_the_promotion_dimension_and_says_where(project: Path) -> None:
    base = (EXAMPLES / "opinion-static-sites.md").read_text("utf-8")
    put(project, "plain.md", base)
    put(project, "selling.md", base + "\nBuy now! Limited time offer, act now.\n")
    _, plain, _ = invoke("score", "plain.md", "--format", "json")
    _, selling, _ = invoke("score", "selling.md", "--format", "json")
    plain_entry, selling_entry = json.loads(plain), json.loads(selling)
    assert selling_entry["breakdown"]["promotion"] < plain_entry["breakdown"]["promotion"]
    assert selling_entry["score"] < plain_entry["score"]
    last = len(base.splitlines()) + 2
    [hard_sell] = [c for c in selling_entry["contributions"]
                   if c["signal"] == "findings.rule.PROM001" and c["dimension"] == "promotion"]
    assert hard_sell["points"] < 0 and hard_sell["lines"] == [last]


# --------------------------------------------------------------------------- the data file


def _shipped() -> dict[str, Any]:
    from importlib.resources import files

    text = files("valuelint_rules").joinpath("data", "value_model.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_the_shipped_model_reads_and_every_term_is_a_named_signal() -> None:
    model = load_model()
    assert set(model.dimensions) >= {"promotion", "bait", "evidence"}
    for dimension in model.dimensions.values():
        for term in dimension.terms:
            assert term.signal in MEANINGS or term.signal.startswith("findings.rule."), term
            assert not term.signal.startswith("length."), "length is never a term"
    assert sum(model.combine.weights.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(format=1), "format is 1, valuelint reads 2"),
    (lambda d: d["dimensions"]["promotion"]["terms"][0].update(scale=0),
     "dimensions.promotion.terms[0].scale must be positive"),
    (lambda d: d["dimensions"]["promotion"]["terms"][0].update(transform="cube"),
     "dimensions.promotion.terms[0] needs a signal and a known transform"),
    (lambda d: d["dimensions"]["bait"].update(scores="sideways"),
     "dimensions.bait.scores must be 'against' or 'for'"),
    (lambda d: d["combine"]["weights"].pop("bait"), "combine.weights has no weight for bait"),
    (lambda d: d["dimensions"]["evidence"].update(intercept="high"),
     "dimensions.evidence.intercept is not a finite number"),
])
def test_a_malformed_data_file_is_refused_with_what_is_wrong(change: Any, message: str) -> None:
    data = copy.deepcopy(_shipped())
    change(data)
    with pytest.raises(ModelError, match=re.escape(message)):
        parse_model(data)


def test_the_cap_line_and_the_contributions_tell_the_same_weighted_mean(project: Path) -> None:
    lines = _card(project, "promo-launch.md")
    [cap_line] = [line for line in lines if line.startswith("Score capped")]
    weighted = int(re.search(r"the weighted mean alone is (\d+)", cap_line).group(1))  # type: ignore[union-attr]
    typical = float(re.search(r"Against a typical post \((\d+)\)",  # type: ignore[union-attr]
                              "\n".join(lines)).group(1))
    _, out, _ = invoke("score", "promo-launch.md", "--format", "json")
    contributions = json.loads(out)["contributions"]
    total = typical_score() + sum(c["points"] for c in contributions)
    assert abs(total - weighted) <= 0.5 + 0.005 * len(contributions)
    assert abs(typical - typical_score()) <= 0.5
