"""The JSON report; its shape is documented in docs/json-format.md and kept stable."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from valuelint import __version__
from valuelint.reporters import ReportOptions
from valuelint.reporters.summary import summarize
from valuelint.result import PostResult
from valuelint.rule import Rule

FORMAT_VERSION = 1


def render(
    results: Sequence[PostResult], rules: Mapping[str, type[Rule]], options: ReportOptions,
) -> str:
    summary = asdict(summarize(results))
    summary["by_code"] = dict(summary["by_code"])
    # "errors", "warnings" and "infos" count findings; said once more without the
    # ambiguity of "errors" beside "files_with_errors" (problems that stopped a check).
    summary["findings_by_severity"] = {"error": summary["errors"],
                                       "warning": summary["warnings"],
                                       "info": summary["infos"]}
    summary["files_left_out"] = options.skipped
    summary["languages"] = dict(summary["languages"])
    document = {
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "files": [r.to_dict() for r in results],
        "summary": summary,
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
