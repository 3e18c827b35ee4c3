"""Months, quarters and today's date, for cadence and trends."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

__all__ = ["Silence", "month_counts", "month_key", "months_between", "period_key",
           "silences", "today"]


def today() -> date:
    """Today (UTC), or the day of ``SOURCE_DATE_EPOCH`` when that is set to a timestamp."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        except (ValueError, OverflowError, OSError):
            pass
    return datetime.now(UTC).date()


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def period_key(day: date, period: str) -> str:
    """``2024-05`` by month, ``2024Q2`` by quarter."""
    if period == "month":
        return month_key(day)
    return f"{day.year:04d}Q{(day.month - 1) // 3 + 1}"


def months_between(first: date, last: date) -> list[str]:
    """Every month from ``first``'s to ``last``'s, both included."""
    months: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return months


def month_counts(days: Iterable[date]) -> list[tuple[str, int]]:
    """Posts per month, every month from the first post's to the last's (0 included)."""
    days = list(days)
    if not days:
        return []
    counts = Counter(month_key(day) for day in days)
    return [(month, counts.get(month, 0)) for month in months_between(min(days), max(days))]


@dataclass(frozen=True, slots=True)
class Silence:
    """A run of months without a post, and the burst before it."""

    first: str
    """First silent month (``YYYY-MM``)."""
    last: str
    months: int
    before: tuple[tuple[str, int], ...]
    """The months before the silence (up to ``burst-months``) and their posts."""

    @property
    def burst(self) -> int:
        return sum(count for _, count in self.before)


def silences(counts: list[tuple[str, int]], min_months: int, burst_months: int) -> list[Silence]:
    """Runs of at least ``min_months`` empty months between the first post and the last."""
    found: list[Silence] = []
    index = 0
    while index < len(counts):
        if counts[index][1]:
            index += 1
            continue
        end = index
        while end < len(counts) and not counts[end][1]:
            end += 1
        length = end - index
        if length >= min_months and index > 0 and end < len(counts):
            before = tuple(counts[max(0, index - burst_months):index])
            found.append(Silence(counts[index][0], counts[end - 1][0], length, before))
        index = end
    return found
