"""GitLab Code Quality: the JSON array GitLab shows in merge requests and pipelines.

Each finding becomes one issue with ``description``, ``check_name``,
``fingerprint``, ``severity`` and ``location`` (path and begin/end lines), as
GitLab's Code Quality report format asks. The fingerprint identifies an issue
across commits: it is made from the path, the rule, the message and how many
times the same message came before in that file, not from the line, so an
issue that moves down the file when text is added above it is not new.

A file that could not be checked is a ``critical`` issue; a post whose score is
below ``fail-under`` a ``major`` one.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from valuelint.reporters import ReportOptions
from valuelint.result import PostResult
from valuelint.rule import Rule

__all__ = ["render"]

#: valuelint severity -> GitLab severity (info, minor, major, critical, blocker).
SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
_CATEGORY = {"thin": "Complexity", "promotion": "Style", "bait": "Style",
             "evidence": "Clarity", "readability": "Clarity", "structure": "Style",
             "metadata": "Style"}


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256("\0".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def render(
    results: Sequence[PostResult], rules: Mapping[str, type[Rule]], options: ReportOptions,
) -> str:
    issues: list[dict[str, Any]] = []
    for result in results:
        seen: Counter[tuple[str, str]] = Counter()
        for error in result.errors:
            seen[("error", error)] += 1
            issues.append({
                "type": "issue",
                "check_name": "valuelint-error",
                "description": f"could not be checked: {error}",
                "categories": ["Bug Risk"],
                "severity": "critical",
                "fingerprint": _fingerprint(result.path, "error", error,
                                            seen[("error", error)]),
                "location": {"path": result.path, "lines": {"begin": 1, "end": 1}},
            })
        for f in result.findings:
            seen[(f.code, f.message)] += 1
            issue: dict[str, Any] = {
                "type": "issue",
                "check_name": f.code,
                "description": f"{f.code} [{f.name}] {f.message}",
                "categories": [_CATEGORY.get(f.category.value, "Style")],
                "severity": SEVERITY[f.severity.value],
                "fingerprint": _fingerprint(result.path, f.code, f.message,
                                            seen[(f.code, f.message)]),
                "location": {"path": result.path,
                             "lines": {"begin": f.line, "end": max(f.end_line, f.line)}},
            }
            if f.url:
                issue["content"] = {"body": f"See {f.url}"}
            issues.append(issue)
        if result.score_fails:
            issues.append({
                "type": "issue",
                "check_name": "valuelint-score",
                "description": (f"reader-value score {result.score}/100 is below "
                                f"fail-under {result.fail_under:g}"),
                "categories": ["Complexity"],
                "severity": "major",
                "fingerprint": _fingerprint(result.path, "score"),
                "location": {"path": result.path, "lines": {"begin": 1, "end": 1}},
            })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
