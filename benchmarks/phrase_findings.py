"""How often the phrase rules fire on honest and on promotional posts.

Counts the findings of the rules that report listed phrases (PROM001,
PROM002, PROM005, PROM006, PROM008, BAIT001; BAIT003 apart, as it is
advisory) at warning or error, over the honest posts of ``../shared/corpus/``,
the informational and promotional posts of ``../shared/data/blog-categories/``
and ``../shared/data/blog-categories-more/`` (labels from their authors'
categories), and the example drafts in ``examples/``. With ``--list FILE`` it
writes every finding, with its place, for reading by hand.

    python benchmarks/phrase_findings.py [--list findings.tsv]

These figures are on the data the rules and word lists were tuned on; the
posts are read in place, never copied.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from valuelint.config import parse_config
from valuelint.engine import check_text
from valuelint.plugins import load_rules

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
RULES = load_rules()
CONFIG = parse_config({"select": ["PROM", "BAIT"]}, None, RULES)
PHRASE_RULES = ("PROM001", "PROM002", "PROM005", "PROM006", "PROM008", "BAIT001", "BAIT003")
ADVISORY = ("BAIT003",)


def labelled(folder: Path, label: str) -> list[Path]:
    """Posts of a labelled set (``labels.csv``: ``key`` under ``posts/``, ``label``)."""
    with (folder / "labels.csv").open(encoding="utf-8") as handle:
        return [folder / "posts" / row["key"] for row in csv.DictReader(handle)
                if row["label"] == label]


def sets() -> Iterator[tuple[str, list[Path]]]:
    corpus = SHARED / "corpus"
    yield "corpus (honest)", sorted(p for p in corpus.rglob("*")
                                    if p.suffix in (".md", ".markdown"))
    for name in ("blog-categories", "blog-categories-more"):
        folder = SHARED / "data" / name
        if (folder / "labels.csv").exists():
            yield f"{name} informational", labelled(folder, "informational")
            yield f"{name} promotional", labelled(folder, "promotional")
    yield "examples", sorted((REPO / "examples").glob("*.md"))


def count(name: str, paths: list[Path], listing: TextIO | None) -> str:
    findings: Counter[str] = Counter()
    posts: Counter[str] = Counter()
    for path in paths:
        result = check_text(path.read_text("utf-8"), str(path), CONFIG, RULES, path)
        seen = set()
        for finding in result.findings:
            if finding.code not in PHRASE_RULES:
                continue
            if finding.severity.value == "info" and finding.code not in ADVISORY:
                continue
            findings[finding.code] += 1
            seen.add(finding.code)
            if listing is not None:
                listing.write(f"{name}\t{path}:{finding.line}\t{finding.code}\t"
                              f"{finding.severity.value}\t{finding.message}\n")
        posts.update(seen)
    total = sum(n for code, n in findings.items() if code not in ADVISORY)
    detail = ", ".join(f"{code} {findings[code]} in {posts[code]} posts"
                       for code in sorted(findings))
    return f"{name}: {len(paths)} posts, {total} findings at warning or error ({detail})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, help="write every finding to this file")
    args = parser.parse_args()
    print("Phrase-rule findings (figures on the data the rules were tuned on; BAIT003 is "
          "advisory and counted apart)")
    listing = args.list.open("w", encoding="utf-8") if args.list else None
    try:
        for name, paths in sets():
            print(count(name, paths, listing))
    finally:
        if listing is not None:
            listing.close()


if __name__ == "__main__":
    main()
