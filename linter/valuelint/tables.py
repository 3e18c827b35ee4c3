"""Posts held in a table: a Parquet, CSV or JSON Lines file with one post per row.

:func:`read_table` reads a table a batch of rows at a time (Parquet through
pyarrow's ``ParquetFile.iter_batches``, CSV and JSON Lines through the standard
library), so a table of a million posts is never in memory at once, and yields
a :class:`Row` per post: the text, the path it is configured as, its metadata
(front matter given apart from the text) and the key its result is reported
under. :func:`lint_table` judges each row with :meth:`valuelint.Linter.lint_text`.

The key of a row (the result's ``path``) is the id column's value when there is
an id column, else the path column's, else ``row N``; rows count from 1, a
CSV file's header not counted, a JSON Lines file's blank lines counted (so that
``row N`` is line N). A file valuelint cannot use (an unknown suffix, a file that
cannot be opened, a missing column) raises :class:`TableError` before any row
is judged; a row that cannot be judged (no text, a bad date) becomes a result
with an error naming the file and the row, and the other rows are still judged.

pyarrow is needed for Parquet only (``pip install "valuelint[parquet]"``) and
is imported only to read a Parquet file.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from valuelint.result import PostResult
from valuelint.runner import display_path

if TYPE_CHECKING:
    from valuelint.api import Linter

__all__ = ["Columns", "Row", "TableError", "lint_table", "read_table", "table_kind"]

#: Rows read at a time from a Parquet file.
BATCH_ROWS = 1024

#: The suffixes of the tables valuelint reads, and what each is.
KINDS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}

#: Metadata columns whose value must be a date (or a date and time).
DATE_COLUMNS = frozenset({"date"})

PYARROW_MISSING = 'reading Parquet needs pyarrow: pip install "valuelint[parquet]"'


class TableError(Exception):
    """A table valuelint cannot read at all; the message names the file, in one line."""


@dataclass(frozen=True, slots=True)
class Columns:
    """Which columns of a table hold what."""

    text: str
    """The post's Markdown (front matter included, if it has any)."""
    id: str | None = None
    """A value to key results by (a slug, a database id): the result's ``path``."""
    path: str | None = None
    """The path the post is configured as (``per-file-ignores``, the configuration file
    of its folder) and, without an id column, keyed by."""
    metadata: tuple[str, ...] = ()
    """Columns given to the post as front matter (``title``, ``date``...); ``lang`` is
    the language it is checked in."""

    def named(self) -> list[str]:
        """Every column named, once, in order."""
        names = [self.text, *(c for c in (self.id, self.path) if c), *self.metadata]
        return list(dict.fromkeys(names))


@dataclass(frozen=True, slots=True)
class Row:
    """One post of a table, or the reason it cannot be judged (``error``)."""

    number: int
    key: str
    """What the post's result is reported under (see the module's documentation)."""
    text: str = ""
    path: str = "post.md"
    """The path the post is checked as."""
    metadata: Mapping[str, Any] | None = None
    lang: str | None = None
    error: str | None = None


def table_kind(path: Path) -> str:
    """``parquet``, ``csv`` or ``jsonl``, from the file's suffix; raises :class:`TableError`."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise TableError(f"{display_path(path)}: not a table valuelint reads: name it "
                         ".parquet, .csv, "
                         ".jsonl or .ndjson")
    return kind


def _describe(value: Any) -> str:
    kinds = {bool: "true or false", int: "a number", float: "a number", list: "a list",
             dict: "an object"}
    return kinds.get(type(value), type(value).__name__)


def _as_date(value: Any) -> date | None:
    """A date column's value as front matter would hold it; None when it is not a date."""
    if isinstance(value, date):  # datetime too
        return value
    if isinstance(value, str):
        text = value.strip()
        for parse in (date.fromisoformat, datetime.fromisoformat):
            try:
                return parse(text)
            except ValueError:
                continue
    return None


def _row(number: int, values: Mapping[str, Any], columns: Columns, where: str) -> Row:
    """The :class:`Row` of a table's row (``values`` by column name; a missing key or
    ``None`` is null)."""
    ident = values.get(columns.id) if columns.id else None
    if isinstance(ident, float) and ident.is_integer():
        ident = int(ident)
    place = values.get(columns.path) if columns.path else None
    if ident is not None and str(ident) != "":
        key = str(ident)
    elif place is not None and str(place) != "":
        key = str(place)
    else:
        key = f"row {number}"
    label = f"{where}: row {number}" + (f" (id {key!r})" if columns.id and ident else "")

    def failed(problem: str) -> Row:
        return Row(number, key, error=f"{label}: {problem}")

    if columns.id and (ident is None or str(ident) == ""):
        return failed(f"id column {columns.id!r} is empty")
    text = values.get(columns.text)
    if text is None:
        return failed(f"text column {columns.text!r} is empty")
    if not isinstance(text, str):
        return failed(f"text column {columns.text!r} holds {_describe(text)}, not text")
    if not text.strip():
        return failed(f"text column {columns.text!r} is empty")
    if place is not None and not isinstance(place, str):
        return failed(f"path column {columns.path!r} holds {_describe(place)}, not a path")
    path = place or (f"{key}.md" if columns.id else "post.md")
    metadata: dict[str, Any] = {}
    lang: str | None = None
    for name in columns.metadata:
        value = values.get(name)
        if value is None:
            continue
        if name in DATE_COLUMNS:
            when = _as_date(value)
            if when is None:
                return failed(f"date column {name!r} holds {value!r}, not a date "
                              "(write it as 2024-05-01)")
            value = when
        if name == "lang":
            if not isinstance(value, str):
                return failed(f"lang column 'lang' holds {_describe(value)}, not a "
                              "language code")
            lang = value
            continue
        metadata[name] = value
    return Row(number, key, text, path, metadata or None, lang)


def read_table(path: Path, columns: Columns) -> Iterator[Row]:
    """Each row of the table at ``path``, read lazily.

    Raises :class:`TableError`, before the first row, for a file that is not a
    table valuelint reads, cannot be opened, or lacks a column of ``columns``
    (for JSON Lines: its first row lacks it); later, for a file that turns out
    unreadable part way (its rows so far have been yielded).
    """
    kind = table_kind(path)
    readers = {"parquet": _parquet_rows, "csv": _csv_rows, "jsonl": _jsonl_rows}
    rows = readers[kind](path, display_path(path), columns)
    # Open the file and check its columns now, not at the first row asked for.
    try:
        first = next(rows)
    except StopIteration:
        return iter(())
    return _chain(first, rows)


def _chain(first: Row, rest: Iterator[Row]) -> Iterator[Row]:
    yield first
    yield from rest


def _missing(shown: str, found: Sequence[str], columns: Columns) -> None:
    missing = [name for name in columns.named() if name not in found]
    if missing:
        listed = ", ".join(repr(name) for name in missing)
        have = ", ".join(repr(name) for name in found) or "none"
        raise TableError(f"{shown}: no column {listed} (the columns are {have})"
                         if len(missing) == 1 else
                         f"{shown}: no columns {listed} (the columns are {have})")


def _parquet_rows(path: Path, shown: str, columns: Columns) -> Iterator[Row]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise TableError(PYARROW_MISSING) from None
    import pyarrow

    try:
        table = pq.ParquetFile(path)
    except (OSError, pyarrow.ArrowException) as exc:
        raise TableError(f"{shown}: cannot read it as Parquet: {_reason(exc)}") from None
    _missing(shown, table.schema_arrow.names, columns)
    number = 0
    try:
        for batch in table.iter_batches(batch_size=BATCH_ROWS, columns=columns.named()):
            for values in batch.to_pylist():
                number += 1
                yield _row(number, values, columns, shown)
    except (OSError, pyarrow.ArrowException) as exc:
        raise TableError(f"{shown}: cannot read it {_after(number)}: {_reason(exc)}") from None


def _csv_rows(path: Path, shown: str, columns: Columns) -> Iterator[Row]:
    # A post is one field: far longer than the csv module's default limit of 128 KiB.
    csv.field_size_limit(sys.maxsize)
    try:
        stream = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise TableError(f"{shown}: cannot read it: {exc.strerror or exc}") from None
    number = 0
    with stream:
        try:
            reader = csv.DictReader(stream)
            _missing(shown, reader.fieldnames or [], columns)
            for values in reader:
                number += 1
                # No null in CSV: an empty field is a missing value.
                yield _row(number, {k: (v if v != "" else None) for k, v in values.items()},
                           columns, shown)
        except UnicodeDecodeError as exc:
            raise TableError(f"{shown}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x}) "
                             f"{_after(number)}; save it as UTF-8") from None
        except csv.Error as exc:
            raise TableError(f"{shown}: not CSV {_after(number)}: {exc}") from None


def _jsonl_rows(path: Path, shown: str, columns: Columns) -> Iterator[Row]:
    try:
        stream = path.open(encoding="utf-8")
    except OSError as exc:
        raise TableError(f"{shown}: cannot read it: {exc.strerror or exc}") from None
    checked = False
    number = 0
    with stream:
        try:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    values = json.loads(line)
                except ValueError as exc:
                    yield Row(number, f"row {number}",
                              error=f"{shown}: row {number}: not JSON: {exc}")
                    continue
                if not isinstance(values, dict):
                    yield Row(number, f"row {number}", error=f"{shown}: row {number}: "
                              f"{_describe(values)}, not an object of columns")
                    continue
                if not checked:
                    _missing(shown, list(values), columns)
                    checked = True
                yield _row(number, values, columns, shown)
        except UnicodeDecodeError as exc:
            raise TableError(f"{shown}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x}) "
                             f"{_after(number)}; save it as UTF-8") from None


def _after(rows: int) -> str:
    return f"after row {rows}" if rows else "before its first row"


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def lint_table(linter: Linter, rows: Iterator[Row]) -> Iterator[PostResult]:
    """Judge each row with ``linter``, in order; a row's result is keyed by its
    :attr:`Row.key` (the result's ``path``). A row that cannot be judged gives a
    result with its error; a :class:`TableError` part way gives a last result
    with that error, keyed by the file."""
    try:
        for row in rows:
            if row.error is not None:
                yield PostResult(path=row.key, errors=(row.error,))
                continue
            result = linter.lint_text(row.text, row.path, lang=row.lang, metadata=row.metadata)
            yield result if result.path == row.key else replace(result, path=row.key)
    except TableError as exc:
        message = str(exc)
        yield PostResult(path=message.split(": ", 1)[0], errors=(message,))
