"""The numbers behind benchmarks/quality.py: rank measures, length bands, targets
and the lines that show them.

Pure functions of lists of numbers, with no import of valuelint and no data, so
tests can check each one on numbers whose answer is known.
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


def ranks(values: Sequence[float]) -> list[float]:
    """Average ranks (1-based), ties sharing the mean of their positions."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def auc(scores: Sequence[float], positive: Sequence[bool]) -> float:
    """ROC AUC: chance a random positive outscores a random negative (ties count half);
    NaN when one of the two classes is empty."""
    r = ranks(scores)
    n_pos = sum(positive)
    n_neg = len(positive) - n_pos
    if not n_pos or not n_neg:
        return float("nan")
    rank_sum = sum(rank for rank, p in zip(r, positive, strict=True) if p)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def pearson(a: Sequence[float], b: Sequence[float]) -> float:
    """Pearson correlation; NaN when either side is constant."""
    ma, mb = statistics.fmean(a), statistics.fmean(b)
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b, strict=True))
    var = (sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b)) ** 0.5
    return cov / var if var else float("nan")


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman rank correlation (Pearson of average ranks)."""
    return pearson(ranks(a), ranks(b))


def partial_spearman(x: Sequence[float], y: Sequence[float], z: Sequence[float]) -> float:
    """Spearman correlation of ``x`` and ``y`` with ``z`` held fixed, by the standard
    partial formula over the three Spearman correlations:
    (r_xy - r_xz r_yz) / sqrt((1 - r_xz^2) (1 - r_yz^2)).

    When ``x`` or ``y`` is a monotone function of ``z`` (|r| = 1) nothing is left
    once ``z`` is known, and the result is 0. Any monotone transform of ``z`` (words
    or log words) gives the same figure, as ranks do not change."""
    r_xy, r_xz, r_yz = spearman(x, y), spearman(x, z), spearman(y, z)
    if any(math.isnan(r) for r in (r_xy, r_xz, r_yz)):
        return float("nan")
    left = (1 - r_xz ** 2) * (1 - r_yz ** 2)
    if left <= 1e-12:
        return 0.0
    return (r_xy - r_xz * r_yz) / math.sqrt(left)


def pairwise(groups: dict[str, list[tuple[float, float]]]) -> float:
    """Within each group of (vote, score) items, how often the higher-voted item also
    scores higher (pairs of equal votes skipped, equal scores count half)."""
    right = total = 0.0
    for items in groups.values():
        for i, (vote_a, score_a) in enumerate(items):
            for vote_b, score_b in items[i + 1:]:
                if vote_a == vote_b:
                    continue
                total += 1
                if score_a == score_b:
                    right += 0.5
                elif (vote_a > vote_b) == (score_a > score_b):
                    right += 1
    return right / total if total else float("nan")


def length_bands(lengths: Sequence[float], n: int = 5) -> list[int]:
    """Each item's band, 0 to ``n - 1``: how many of the ``n``-quantile cuts of
    ``lengths`` (quintiles by default) lie below it. Items of equal length always
    share a band, so heavy ties can leave a band empty."""
    if len(lengths) < 2:
        return [0] * len(lengths)
    cuts = statistics.quantiles(lengths, n=n, method="inclusive")
    return [bisect_left(cuts, value) for value in lengths]


@dataclass(frozen=True, slots=True)
class Banded:
    """AUC within each length band, and their mean and minimum over the bands where
    both classes are present."""

    per_band: tuple[tuple[int, int, float], ...]
    """(band, items, AUC) for each band, in band order; AUC is NaN with one class."""

    @property
    def valid(self) -> list[float]:
        return [value for _, _, value in self.per_band if not math.isnan(value)]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.valid) if self.valid else float("nan")

    @property
    def minimum(self) -> float:
        return min(self.valid) if self.valid else float("nan")


def banded_auc(scores: Sequence[float], positive: Sequence[bool], bands: Sequence[int]) -> Banded:
    """:func:`auc` computed separately within each band."""
    per_band = []
    for band in sorted(set(bands)):
        members = [i for i, b in enumerate(bands) if b == band]
        per_band.append((band, len(members), auc([scores[i] for i in members],
                                                 [positive[i] for i in members])))
    return Banded(tuple(per_band))


def largest_share(values: Sequence[Hashable]) -> tuple[Hashable, float]:
    """The most common value and the share of items that hold it (the smallest such
    value when several are as common, so the answer is the same every run)."""
    if not values:
        return None, float("nan")
    counts = Counter(values)
    top = max(counts.values())
    value = min((v for v, c in counts.items() if c == top), key=repr)
    return value, top / len(values)


def best_direction_auc(lengths: Sequence[float], positive: Sequence[bool]) -> tuple[float, str]:
    """The word-count baseline: AUC of length alone in whichever direction does better,
    and that direction (``longer`` or ``shorter`` positives)."""
    value = auc(lengths, positive)
    if math.isnan(value) or value >= 0.5:
        return value, "longer"
    return 1 - value, "shorter"


@dataclass(frozen=True, slots=True)
class Target:
    """A figure's goal: ``at least`` (``>=``), ``at most`` (``<=``) or ``below`` (``<``)."""

    op: str
    bound: float

    def met(self, value: float) -> bool:
        if math.isnan(value):
            return False
        if self.op == ">=":
            return value >= self.bound
        if self.op == "<=":
            return value <= self.bound
        if self.op == "<":
            return value < self.bound
        raise ValueError(f"unknown comparison {self.op!r}")

    def mark(self, value: float) -> str:
        return "met" if self.met(value) else "MISSED"

    def __str__(self) -> str:
        bound = f"{self.bound:.2f}" if 0 < abs(self.bound) < 1 else f"{self.bound:g}"
        return f"{self.op} {bound}"


def row(label: str, value: float | None, target: Target | None = None,
        baseline: str = "", unit: str = "", digits: int = 3) -> str:
    """One measure: its figure, the word-count baseline and the target with met/MISSED
    (``n/a`` when there is no figure)."""
    missing = value is None or math.isnan(value)
    shown = "n/a" if missing else f"{value:.{digits}f}{unit}"
    line = f"  {label:<58} {shown:>6}"
    if baseline:
        line += f"   {baseline}"
    if target is not None:
        mark = "n/a" if value is None or missing else target.mark(value)
        line += f"   target {target}{unit}: {mark}"
    return line


def summary(sections: Sequence[tuple[str, list[str]]]) -> list[str]:
    """Every measure with a target, counted, and each missed one with its section."""
    held = [(name, line) for name, lines in sections for line in lines
            if line.endswith((": met", ": MISSED", ": n/a"))]
    if not held:
        return []
    missed = [(name, line) for name, line in held if line.endswith(": MISSED")]
    unmeasured = sum(line.endswith(": n/a") for _, line in held)
    out = [f"targets: {len(held) - len(missed) - unmeasured} met, {len(missed)} MISSED, "
           f"{unmeasured} without a figure (n/a), of {len(held)}"]
    out += [f"  MISSED {name}: {' '.join(line.removesuffix(': MISSED').split())}"
            for name, line in missed]
    return out
