"""The JSON report; its shape is documented in docs/json-format.md and kept stable."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from valuelint import __version__
from valuelint.reporters import ReportOptions
from valuelint.reporters.summary import Summary, summarize
from valuelint.result import PostResult
from valuelint.rule import Rule

FORMAT_VERSION = 1


def summary_to_dict(summary: Summary, skipped: int) -> dict[str, Any]:
    """The report's ``summary`` object (docs/json-format.md#the-summary); ``skipped``
    files were left out under ``force-exclude``."""
    document = asdict(summary)
    document["by_code"] = dict(document["by_code"])
    # "errors", "warnings" and "infos" count findings; said once more without the
    # ambiguity of "errors" beside "files_with_errors" (problems that stopped a check).
    document["findings_by_severity"] = {"error": document["errors"],
                                        "warning": document["warnings"],
                                        "info": document["infos"]}
    document["files_left_out"] = skipped
    document["languages"] = dict(document["languages"])
    return document


def render(
    results: Sequence[PostResult], rules: Mapping[str, type[Rule]], options: ReportOptions,
) -> str:
    document = {
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "files": [r.to_dict() for r in results],
        "summary": summary_to_dict(summarize(results), options.skipped),
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
