"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from valuelint import __version__
from valuelint.reporters import ReportOptions
from valuelint.result import PostResult
from valuelint.rule import Fix, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": rule.summary()},
        "help": {"text": rule.documentation(), "markdown": rule.documentation()},
        **({"helpUri": rule.url()} if rule.url() else {}),
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
        "properties": {"category": rule.category.value, "tags": [rule.category.value]},
    }


def _fix(fix: Fix, uri: str) -> dict[str, Any]:
    """A finding's fix as a SARIF ``fix``: its edits as replacements in the post."""
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri},
            "replacements": [{
                "deletedRegion": {"startLine": edit.line, "startColumn": edit.column,
                                  "endLine": edit.end_line, "endColumn": edit.end_column},
                "insertedContent": {"text": edit.text},
            } for edit in fix.edits],
        }],
    }


def render(
    results: Sequence[PostResult], rules: Mapping[str, type[Rule]], options: ReportOptions,
) -> str:
    codes = sorted(rules)
    index = {code: i for i, code in enumerate(codes)}
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for result in results:
        uri = quote(result.path, safe="/")
        location = {"physicalLocation": {"artifactLocation": {"uri": uri}}}
        for error in result.errors:
            notifications.append({"level": "error", "message": {"text": error},
                                  "locations": [location]})
        for f in result.findings:
            entry: dict[str, Any] = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity.value],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                }}],
            }
            if f.code in index:
                entry["ruleIndex"] = index[f.code]
            if f.fix is not None:
                entry["fixes"] = [_fix(f.fix, uri)]
            sarif_results.append(entry)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "valuelint",
            "version": __version__,
            "informationUri": "https://github.com/valuelint/valuelint",
            "rules": [_rule_descriptor(rules[code]) for code in codes],
        }},
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "scores": {r.path: r.score for r in results if r.score is not None},
            "languages": {r.path: r.language for r in results if r.language},
            "skippedRules": {r.path: list(r.skipped) for r in results if r.skipped},
        },
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False,
                               "toolExecutionNotifications": notifications}]
    else:
        run["invocations"] = [{"executionSuccessful": True}]
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
