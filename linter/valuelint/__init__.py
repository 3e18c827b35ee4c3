"""valuelint: a content linter for blog drafts.

valuelint reads Markdown posts, flags what costs a writer their readers'
trust (thin content, hard selling, engagement bait, unsupported claims) and
gives every post a 0-100 reader-value score that explains itself.

The Python API (docs/api.md)::

    from valuelint import Linter

    linter = Linter(select=["THIN", "PROM"])
    result = linter.lint_text("# Title\\n\\nBuy now!\\n", "posts/launch.md")
    print(result.score, [f.code for f in result.findings])

The names below are imported when first used, so that ``import valuelint``
(and the command line's ``--help``) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from valuelint.api import Linter
    from valuelint.config import ConfigError
    from valuelint.plugins import PluginError
    from valuelint.result import PostResult
    from valuelint.rule import Category, Finding, Severity
    from valuelint.scoring import Contribution

#: The public names, and the module each comes from.
_EXPORTS = {
    "Linter": "valuelint.api",
    "PostResult": "valuelint.result",
    "Finding": "valuelint.rule",
    "Severity": "valuelint.rule",
    "Category": "valuelint.rule",
    "Contribution": "valuelint.scoring",
    "ConfigError": "valuelint.config",
    "PluginError": "valuelint.plugins",
}

__all__ = ["Category", "ConfigError", "Contribution", "Finding", "Linter", "PluginError",
           "PostResult", "Severity", "__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'valuelint' has no attribute '{name}'")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
