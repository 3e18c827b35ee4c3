"""Which labelled blog posts the value model is fitted on and measured on: one choice for
benchmarks/fit_value_model.py and benchmarks/quality.py.

The blogs of ``../shared/data/blog-categories/`` and ``blog-categories-more/`` label
each post promotional or informational by its authors' categories (their READMEs say
how). One blog can hold most of a label (openSUSE alone would be most of the
promotional side), so each gives at most :data:`CAP` posts of each label, release
announcements counted apart, the first by key.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

#: Most posts taken from one blog for one label (releases counted apart).
CAP = 150


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file (texts may hold newlines and be long)."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def chosen_posts(folders: Sequence[Path]) -> list[tuple[Path, dict[str, str], str]]:
    """(folder, label row, blog) of each chosen post, folder by folder, sorted by key."""
    chosen: list[tuple[Path, dict[str, str], str]] = []
    for folder in folders:
        if not folder.exists():
            continue
        taken: Counter[tuple[str, str, bool]] = Counter()
        for entry in sorted(read_csv(folder / "labels.csv"), key=lambda e: e["key"]):
            if entry["label"] not in ("promotional", "informational"):
                continue
            blog = entry.get("blog") or entry.get("repo") or entry["key"].split("/", 1)[0]
            slot = (blog, entry["label"], entry["kind"] == "release")
            if taken[slot] >= CAP:
                continue
            taken[slot] += 1
            chosen.append((folder, entry, blog))
    return chosen
