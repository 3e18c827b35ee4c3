"""The reader-value score: a pure function from findings to 0-100 and its breakdown.

Every finding counts against the dimension of its category. A dimension starts
at 100; each finding takes away a share of what is left, so two findings cost
more than one but a dimension never drops below 0:

    dimension = 100 * product(1 - penalty(severity) * weight)

The overall score is the weighted mean of the dimensions, capped at the lowest
of the three that weigh most (substance, promotion, bait) plus
:data:`CAP_MARGIN`, so that a post that is mostly selling or mostly bait can
never be lifted over the line by good grammar and headings. docs/scoring.md
explains each signal and weight.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from valuelint.rule import Category, Finding, Severity

__all__ = [
    "CAP_MARGIN",
    "DIMENSIONS",
    "PENALTY",
    "WEIGHTS",
    "Score",
    "score_findings",
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

#: Weight of each dimension in the overall score (they sum to 1).
WEIGHTS: Mapping[str, float] = {
    "substance": 0.25,
    "promotion": 0.25,
    "bait": 0.20,
    "evidence": 0.15,
    "structure": 0.10,
    "readability": 0.05,
}

#: Share of a dimension one finding of weight 1 takes away, by severity.
PENALTY: Mapping[Severity, float] = {
    Severity.ERROR: 0.45,
    Severity.WARNING: 0.20,
    Severity.INFO: 0.05,
}

#: The overall score is at most the lowest key dimension plus this.
CAP_MARGIN = 25.0
KEY_DIMENSIONS = ("substance", "promotion", "bait")

_BY_CATEGORY = {category: name for name, cats in DIMENSIONS.items() for category in cats}


@dataclass(frozen=True, slots=True)
class Score:
    """A post's score, its breakdown and the findings that cost it most."""

    score: int
    breakdown: dict[str, int]
    reasons: tuple[Finding, ...]
    """The findings that took the most off the score, largest first."""
    weighted: float = 100.0
    """The weighted mean of the dimensions, before the cap."""
    cap: float = 100.0 + CAP_MARGIN
    """The lowest key dimension plus :data:`CAP_MARGIN`."""
    clamped: tuple[Finding, ...] = ()
    """Findings whose cost was held to :data:`MAX_COST` of their dimension."""

    @property
    def capped(self) -> bool:
        """True when the cap, not the weighted mean, decided the score."""
        return round(min(self.cap, 100.0)) < round(min(self.weighted, 100.0))

    def limit_note(self) -> str:
        """One line saying which cap or clamp decided the score; empty when none did."""
        notes = []
        if self.capped:
            lowest = min(KEY_DIMENSIONS, key=lambda name: (self.breakdown[name], name))
            notes.append(f"capped at {round(self.cap)}: the lowest of substance, promotion "
                         f"and bait ({lowest} {self.breakdown[lowest]}) + {CAP_MARGIN:g}; "
                         f"the weighted mean alone is {round(self.weighted)}")
        if self.clamped:
            codes = ", ".join(sorted({f.code for f in self.clamped}))
            their = "its" if len(codes.split(", ")) == 1 else "each one's"
            notes.append(f"{codes} held to {MAX_COST:.0%} of {their} dimension "
                         "(a finding never takes all of it)")
        return ("Score " + "; ".join(notes) + ".") if notes else ""


#: The most of its dimension one finding can take away.
MAX_COST = 0.95


def finding_cost(finding: Finding) -> float:
    """Share of its dimension one finding takes away (0-0.95)."""
    return min(PENALTY[finding.severity] * finding.weight, MAX_COST)


def score_findings(findings: Iterable[Finding], *, reasons: int = 3) -> Score:
    """Score a post from its (already filtered) findings."""
    remaining = dict.fromkeys(DIMENSIONS, 1.0)
    impact: list[tuple[float, Finding]] = []
    clamped: list[Finding] = []
    for finding in findings:
        if PENALTY[finding.severity] * finding.weight > MAX_COST:
            clamped.append(finding)
        dimension = _BY_CATEGORY[finding.category]
        cost = finding_cost(finding)
        impact.append((remaining[dimension] * cost * 100 * WEIGHTS[dimension], finding))
        remaining[dimension] *= 1 - cost
    breakdown = {name: round(100 * value) for name, value in remaining.items()}
    weighted = sum(WEIGHTS[name] * 100 * value for name, value in remaining.items())
    cap = min(100 * remaining[name] for name in KEY_DIMENSIONS) + CAP_MARGIN
    overall = round(max(0.0, min(weighted, cap, 100.0)))
    ranked = sorted(impact, key=lambda item: (-item[0], item[1].sort_key()))
    return Score(overall, breakdown, tuple(f for _, f in ranked[:reasons]), weighted, cap,
                 tuple(clamped))
