"""Which rules run: ``select``, ``extend-select`` and ``ignore`` by code, prefix or name.

As in flake8 and ruff, the most specific selector wins: ``ignore = ["PROMO"]``
with ``select = ["PROMO002"]`` keeps PROMO002 and drops the rest of PROMO. A
rule name counts as fully specific. At equal specificity, ``ignore`` wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

__all__ = ["decide", "is_selected", "is_selected_layered", "specificity"]

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


def decide(
    code: str, name: str, select: tuple[str, ...], ignore: tuple[str, ...],
    extend_select: tuple[str, ...] = (),
) -> bool | None:
    """Whether these selectors turn the rule on or off; None when none of them names it."""
    chosen = max(_best(code, name, select), _best(code, name, extend_select))
    dropped = _best(code, name, ignore)
    if chosen < 0 and dropped < 0:
        return None
    return chosen > dropped


@lru_cache(maxsize=4096)
def is_selected(
    code: str, name: str, select: tuple[str, ...], ignore: tuple[str, ...],
    extend_select: tuple[str, ...] = (),
) -> bool:
    """True when the rule runs under these selectors."""
    return decide(code, name, select, ignore, extend_select) is True


@lru_cache(maxsize=4096)
def is_selected_layered(
    code: str, name: str, config: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    cli_select: tuple[str, ...] | None, cli_ignore: tuple[str, ...],
    cli_extend_select: tuple[str, ...],
) -> bool:
    """Selection with the command line as a second layer over the configuration.

    ``config`` is (select, ignore, extend-select). ``--select`` starts afresh
    from no rules; otherwise the configuration decides, except for rules that
    ``--extend-select`` or ``--ignore`` name, which the command line decides
    (most specific first, ``--ignore`` winning ties).
    """
    # --select starts from no rules: the configuration's choice no longer counts.
    base = cli_select is None and is_selected(code, name, *config)
    cli = decide(code, name, cli_select or (), cli_ignore, cli_extend_select)
    return base if cli is None else cli
