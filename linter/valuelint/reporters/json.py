"""The JSON report; its shape is documented in docs/json-format.md and kept stable."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from valuelint import __version__
from valuelint.engine import FileResult
from valuelint.reporters import ReportOptions
from valuelint.reporters.summary import summarize
from valuelint.rule import Finding, Rule
from valuelint.scoring import Contribution

FORMAT_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code, "name": f.name, "category": f.category.value,
        "severity": f.severity.value, "message": f.message, "line": f.line,
        "column": f.column, "end_line": f.end_line, "end_column": f.end_column, "url": f.url,
    }


def contribution_dict(c: Contribution) -> dict[str, Any]:
    return {
        "dimension": c.dimension, "signal": c.signal, "points": round(c.points, 2),
        "value": round(c.value, 4), "typical": None if c.typical is None else round(c.typical, 4),
        "lines": list(c.lines), "text": c.describe(),
    }


def result_dict(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "score": result.score,
        "breakdown": dict(result.breakdown),
        "words": result.words,
        "failing": result.failing,
        "findings": [finding_dict(f) for f in result.findings],
        "reasons": [finding_dict(f) for f in result.reasons],
        "contributions": [contribution_dict(c) for c in result.contributions],
        "errors": list(result.errors),
        "language": result.language,
        "skipped_rules": list(result.skipped),
    }


def render(
    results: Sequence[FileResult], rules: Mapping[str, type[Rule]], options: ReportOptions,
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
        "files": [result_dict(r) for r in results],
        "summary": summary,
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
