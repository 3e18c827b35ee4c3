"""The cyclic garbage collector, tuned for a command that loads much and frees little.

CPython runs a collection each time 700 more container objects have been
made than freed. Importing spaCy, building its pipeline and reading the word
lists make hundreds of thousands of objects that live as long as the process,
and checking a post makes many short-lived ones that reference counting
already frees: collecting every 700 of them found almost nothing and took 6%
of a run (0.85 s of 14 s over a third of the benchmark corpus, 0.1 s of a
one-post run). valuelint's command and its worker processes collect every
200,000 instead, as mypy does.
"""

from __future__ import annotations

import gc
import sys

#: Young-generation size, then how many collections of each generation trigger
#: one of the next; the same as mypy's.
THRESHOLDS = (200_000, 30, 30)


def tune_gc() -> None:
    """Collect cyclic garbage less often in this process (CPython only)."""
    if sys.implementation.name == "cpython":
        gc.set_threshold(*THRESHOLDS)
