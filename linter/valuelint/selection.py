"""Which rules run: ``select``, ``extend-select`` and ``ignore`` by code, prefix or name.

As in flake8 and ruff, the most specific selector wins: ``ignore = ["PROMO"]``
with ``select = ["PROMO002"]`` keeps PROMO002 and drops the rest of PROMO. A
rule name counts as fully specific. At equal specificity, ``ignore`` wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

__all__ = ["is_selected", "specificity"]

_NAME = 100


def specificity(code: str, name: str, selector: str) -> int:
    """How specifically ``selector`` names the rule; -1 when it does not."""
    if selector == "ALL":
        return 0
    if selector == name:
        return _NAME
    if code.startswith(selector):
        return len(selector)
    return -1


def _best(code: str, name: str, selectors: Iterable[str]) -> int:
    return max((specificity(code, name, s) for s in selectors), default=-1)


@lru_cache(maxsize=4096)
def is_selected(
    code: str, name: str, select: tuple[str, ...], ignore: tuple[str, ...],
    extend_select: tuple[str, ...] = (),
) -> bool:
    """True when the rule runs under these selectors."""
    chosen = max(_best(code, name, select), _best(code, name, extend_select))
    return chosen >= 0 and chosen > _best(code, name, ignore)
