"""The reader-value score: a post's signals and findings, through the fitted value model.

Four dimensions are fitted on labelled posts (:mod:`valuelint.value_model`):
each reads the post's named signals (docs/signals.md) through a logistic model
and gives a *model score* from 0 to 100. Findings then cost their dimension as
advice always has, a share of what is left for each::

    dimension = model score * product(1 - cost(finding))
    cost      = min(finding_penalty[severity] * weight, 0.95)

The two dimensions that are not fitted (structure, readability) start at 100.
The overall score is the weighted mean of the six, capped at what the findings
leave of the most affected of substance, promotion and bait plus the cap margin,
so that a post whose findings say it is mostly selling or mostly bait is never
lifted over the line by tidy headings (a share of the weighted mean above the
cap still counts, so that better posts still rank higher). The cap reads findings, not the models:
a model's estimate moves the weighted mean, and only advice with a line number
can hold a post down.
Every weight, penalty and coefficient comes from the data file; docs/scoring.md
prints them.

Every point is accounted for: :attr:`Score.contributions` splits the weighted
mean's distance from a *typical post* (every signal at its fitted mean, no
finding) among the signals and rules that moved it, and they add up exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from valuelint.rule import Category, Finding, Severity
from valuelint.signals import Signals, meaning
from valuelint.value_model import ValueModel, load_model

__all__ = [
    "DIMENSIONS",
    "KEY_DIMENSIONS",
    "MAX_COST",
    "PENALTY",
    "SHOWN_POINTS",
    "WEIGHTS",
    "Contribution",
    "Score",
    "finding_cost",
    "score_findings",
    "score_post",
    "typical_score",
]

#: Which categories feed each dimension.
DIMENSIONS: Mapping[str, tuple[Category, ...]] = {
    "substance": (Category.THIN,),
    "promotion": (Category.PROMOTION,),
    "bait": (Category.BAIT,),
    "evidence": (Category.EVIDENCE,),
    "readability": (Category.READABILITY,),
    "structure": (Category.STRUCTURE, Category.METADATA),
}

_MODEL = load_model()

#: Weight of each dimension in the overall score (they sum to 1), from the data file.
WEIGHTS: Mapping[str, float] = dict(_MODEL.combine.weights)

#: Share of a dimension one finding of weight 1 takes away, by severity, from the data file.
PENALTY: Mapping[Severity, float] = dict(_MODEL.combine.finding_penalty)

#: The most of its dimension one finding can take away.
MAX_COST = 0.95

#: Contributions smaller than this many points either way are not reported (the score card,
#: the JSON report and :attr:`valuelint.engine.PostResult.contributions` leave them out).
SHOWN_POINTS = 0.2

#: The dimensions whose lowest, plus the cap margin, caps the overall score.
KEY_DIMENSIONS = ("substance", "promotion", "bait")

_BY_CATEGORY = {category: name for name, cats in DIMENSIONS.items() for category in cats}
_RULE_SIGNAL = "findings.rule."


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one signal (or one rule's findings) did to a post's score."""

    dimension: str
    signal: str
    points: float
    """Points of the overall score it added (positive) or took away, against a typical post."""
    value: float
    """The post's value of the signal (for a rule: its number of findings)."""
    typical: float | None
    """The value a typical post of this length has; None for findings (a typical post has none)."""
    lines: tuple[int, ...] = ()

    def __reduce__(self) -> tuple[type[Contribution], tuple[object, ...]]:
        # A plain tuple: results cross from worker processes by the thousand.
        return (Contribution, (self.dimension, self.signal, self.points, self.value,
                               self.typical, self.lines))

    @property
    def meaning(self) -> str:
        return meaning(self.signal)

    def to_dict(self) -> dict[str, Any]:
        """The contribution as the JSON report writes it (docs/json-format.md#contributions)."""
        return {
            "dimension": self.dimension, "signal": self.signal, "points": round(self.points, 2),
            "value": round(self.value, 4),
            "typical": None if self.typical is None else round(self.typical, 4),
            "lines": list(self.lines), "text": self.describe(),
        }

    def describe(self) -> str:
        """One line a writer can read: the signal, its value against a typical post, lines."""
        if self.signal.startswith(_RULE_SIGNAL):
            count = round(self.value)
            text = (f"{self.signal[len(_RULE_SIGNAL):]}: {count} finding"
                    f"{'' if count == 1 else 's'}")
            if self.typical is not None:
                text += f" (typical {_number(self.typical)})"
        else:
            text = f"{self.signal} {_number(self.value)}"
            if self.typical is not None:
                text += f" (typical {_number(self.typical)})"
            text += f": {self.meaning}"
        if self.lines:
            text += f", {'line' if len(self.lines) == 1 else 'lines'} {line_ranges(self.lines)}"
        return text


def _number(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def line_ranges(lines: Sequence[int], most: int = 6) -> str:
    """``12-14, 30, 41`` for 12, 13, 14, 30, 41; at most ``most`` runs, then an ellipsis."""
    runs: list[list[int]] = []
    for line in sorted(set(lines)):
        if runs and line == runs[-1][1] + 1:
            runs[-1][1] = line
        else:
            runs.append([line, line])
    shown = [f"{a}" if a == b else f"{a}-{b}" for a, b in runs[:most]]
    return ", ".join(shown) + (", ..." if len(runs) > most else "")


@dataclass(frozen=True, slots=True)
class Score:
    """A post's score, its breakdown and what moved it."""

    score: int
    breakdown: dict[str, int]
    reasons: tuple[Finding, ...]
    """The findings that took the most off the score, largest first."""
    weighted: float = 100.0
    """The weighted mean of the dimensions, before the cap."""
    cap: float = 125.0
    """What the findings leave of the most affected key dimension (0-100) plus the margin."""
    kept: dict[str, float] = field(default_factory=dict)
    """What the findings leave of each dimension, 0-1 (1: no finding)."""
    clamped: tuple[Finding, ...] = ()
    """Findings whose cost was held to :data:`MAX_COST` of their dimension."""
    contributions: tuple[Contribution, ...] = ()
    """Every signal and rule that moved the weighted mean, largest first; they add up to
    ``weighted - typical``."""
    typical: float = 100.0
    """The weighted mean of a typical post: every signal at its fitted mean, no finding."""

    @property
    def capped(self) -> bool:
        """True when the cap, not the weighted mean, decided the score."""
        return self.score < round(min(self.weighted, 100.0))

    def limit_note(self) -> str:
        """One line saying which cap or clamp decided the score; empty when none did."""
        notes = []
        if self.capped:
            lowest = min(KEY_DIMENSIONS, key=lambda name: (self.kept[name], name))
            margin = _MODEL.combine.cap_margin
            share = _MODEL.combine.above_cap
            notes.append(f"capped at {self.cap:.0f}: the findings leave "
                         f"{100 * self.kept[lowest]:.0f}% of {lowest} + {margin:g}, and "
                         f"{share:.0%} of the weighted mean above that counts; the weighted "
                         f"mean alone is {round(self.weighted)}")
        if self.clamped:
            codes = ", ".join(sorted({f.code for f in self.clamped}))
            their = "its" if len(codes.split(", ")) == 1 else "each one's"
            notes.append(f"{codes} held to {MAX_COST:.0%} of {their} dimension "
                         "(a finding never takes all of it)")
        return ("Score " + "; ".join(notes) + ".") if notes else ""


def finding_cost(finding: Finding) -> float:
    """Share of its dimension one finding takes away (0-0.95)."""
    return min(PENALTY[finding.severity] * finding.weight, MAX_COST)


def _secant(model_score: float, typical: float, logit_change: float, slope: float) -> float:
    """Model-score points per unit of logit between the typical post and this one (the
    slope at the typical post when they coincide), so that terms split the change exactly."""
    if abs(logit_change) < 1e-9:
        return slope
    return (model_score - typical) / logit_change


def typical_score(model: ValueModel | None = None) -> float:
    """The weighted mean of a typical post under ``model`` (the shipped one by default)."""
    model = model or _MODEL
    return sum(weight * (model.dimensions[name].typical if name in model.dimensions else 100.0)
               for name, weight in model.combine.weights.items())


def score_post(findings: Iterable[Finding], signals: Signals | None, *,
               model: ValueModel | None = None, reasons: int = 3) -> Score:
    """Score a post from its (already filtered) findings and its signals.

    Without signals every fitted dimension reads the typical post, so the score
    is what the findings alone make of it.
    """
    model = model or _MODEL
    weights = model.combine.weights
    by_dimension: dict[str, list[Finding]] = {name: [] for name in DIMENSIONS}
    clamped: list[Finding] = []
    for finding in findings:
        by_dimension[_BY_CATEGORY[finding.category]].append(finding)
        if model.combine.finding_penalty[finding.severity] * finding.weight > MAX_COST:
            clamped.append(finding)
    words = signals.value("length.words") if signals is not None else 0.0

    points: dict[tuple[str, str], float] = {}
    details: dict[tuple[str, str], tuple[float, float | None, tuple[int, ...]]] = {}
    impact: list[tuple[float, Finding]] = []
    values: dict[str, float] = {}
    kept_of: dict[str, float] = {}
    for name in DIMENSIONS:
        weight = weights[name]
        fitted = model.dimensions.get(name)
        typical = fitted.typical if fitted else 100.0
        score = typical
        if fitted is not None and signals is not None:
            terms = [(term, term.weight * term.z(signals.value(term.signal), words))
                     for term in fitted.terms]
            change = sum(part for _, part in terms)
            score = fitted.model_score(fitted.intercept + change)
            p = score / 100
            slope = 100 * p * (1 - p) * (-1 if fitted.against else 1)
            per_logit = _secant(score, typical, change, slope)
        kept = 1.0
        costs = []
        for finding in by_dimension[name]:
            cost = finding_cost(finding)
            kept *= 1 - cost
            costs.append((math.log1p(-cost), finding))
        values[name] = score * kept
        kept_of[name] = kept
        if fitted is not None and signals is not None:
            for term, part in terms:
                key = (name, term.signal)
                points[key] = points.get(key, 0.0) + weight * per_logit * part * kept
                signal = signals[term.signal]
                details[key] = (signal.value, term.typical(words), signal.lines)
        total_log = sum(log for log, _ in costs)
        lost = weight * typical * (kept - 1)
        by_rule: dict[str, list[int]] = {}
        for log, finding in costs:
            share = lost * log / total_log if total_log else 0.0
            impact.append((-share, finding))
            key = (name, _RULE_SIGNAL + finding.code)
            points[key] = points.get(key, 0.0) + share
            by_rule.setdefault(finding.code, []).append(finding.line)
        for code, lines in by_rule.items():
            details.setdefault((name, _RULE_SIGNAL + code),
                               (float(len(lines)), None, tuple(sorted(set(lines)))))
    breakdown = {name: round(value) for name, value in values.items()}
    weighted = sum(weights[name] * value for name, value in values.items())
    cap = 100 * min(kept_of[name] for name in KEY_DIMENSIONS) + model.combine.cap_margin
    above = max(0.0, weighted - cap) * model.combine.above_cap
    overall = round(max(0.0, min(min(weighted, cap) + above, 100.0)))
    contributions = tuple(sorted(
        (Contribution(dimension, signal, amount, *details[(dimension, signal)])
         for (dimension, signal), amount in points.items()),
        key=lambda c: (-abs(c.points), c.dimension, c.signal)))
    ranked = sorted(impact, key=lambda item: (-item[0], item[1].sort_key()))
    return Score(overall, breakdown, tuple(f for _, f in ranked[:reasons]), weighted, cap,
                 kept_of, tuple(clamped), contributions, typical_score(model))


def score_findings(findings: Iterable[Finding], *, reasons: int = 3) -> Score:
    """Score from findings alone: every fitted dimension reads the typical post."""
    return score_post(findings, None, reasons=reasons)
