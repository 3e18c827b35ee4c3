"""JSON Lines: one JSON object per line, each written and flushed as soon as it is known.

A ``file`` line is a post's entry of the JSON report (docs/json-format.md), a
``site`` line the site findings of a post or of a whole site, and the last
line, ``summary``, the report's summary. Every line is counted into the
summary as it is written, so writing a report of any length holds counters,
not results (docs/json-format.md#json-lines).
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from valuelint import __version__
from valuelint.reporters import ReportOptions
from valuelint.reporters.json import FORMAT_VERSION, summary_to_dict
from valuelint.reporters.summary import Summary, Tally
from valuelint.result import PostResult
from valuelint.rule import Rule

__all__ = ["LineWriter", "render"]


def _line(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


class LineWriter:
    """Writes a JSON Lines report to ``stream`` one line at a time, counting as it goes."""

    def __init__(self, stream: TextIO, *, flush: bool = True) -> None:
        self._stream = stream
        self._flush = flush
        self.tally = Tally()

    def _write(self, document: Mapping[str, Any]) -> None:
        self._stream.write(_line(document))
        if self._flush:
            self._stream.flush()

    def entry(self, result: PostResult) -> None:
        """A report entry: a post (``file``) or a whole site's folder (``site``)."""
        self.tally.add(result)
        self._write({"type": "site" if result.site else "file", **result.to_dict()})

    def site_findings(self, result: PostResult, *, was_failing: bool) -> None:
        """The site findings of a post already written: ``result`` holds them (and
        whether they fail); ``was_failing`` is whether the post's own line failed."""
        self.tally.add_findings(result.findings,
                                now_failing=result.failing and not was_failing)
        self._write({"type": "site", **result.to_dict()})

    def summary(self, skipped: int = 0) -> Summary:
        """The last line; returns what it says."""
        summary = self.tally.summary()
        self._write({"type": "summary", **summary_to_dict(summary, skipped),
                     "version": __version__, "format_version": FORMAT_VERSION})
        return summary


def render(
    results: Sequence[PostResult], rules: Mapping[str, type[Rule]], options: ReportOptions,
) -> str:
    """The whole report at once, for results already gathered (``valuelint site``):
    a post's site findings are in its ``file`` line, as in the JSON report."""
    buffer = io.StringIO()
    writer = LineWriter(buffer, flush=False)
    for result in results:
        writer.entry(result)
    writer.summary(options.skipped)
    return buffer.getvalue()

