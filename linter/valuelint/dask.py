"""valuelint on Dask: judge the posts of a Dask DataFrame, and check them as a site.

``pip install "valuelint[dask]"``, then::

    import dask.dataframe as dd
    from valuelint.dask import lint_dataframe

    posts = dd.read_parquet("posts.parquet")
    scores = lint_dataframe(posts, "body", id_column="slug").compute()

:func:`lint_dataframe` maps every partition through :meth:`valuelint.Linter.lint_text`
(``map_partitions`` with an explicit ``meta``): one row per post, with its score, the
score of each dimension, and its findings. The task graph carries the
:class:`~valuelint.Linter` as its pickled arguments (a few hundred bytes); each worker
process builds it once, the first time one of its tasks needs it, and keeps it for
every later partition, so the rules, the configuration and the language pipeline
(spaCy, loaded by the first post a worker checks) are loaded once per worker and never
pickled.

Findings come as a JSON string column (``findings``: the JSON report's list of
findings, ``[f.to_dict() for f in result.findings]``), and the whole entry of the JSON
report as another (``result``: :meth:`valuelint.PostResult.to_dict`), not as a second
frame of one row per finding: a post's findings stay on its row through any
repartition, shuffle or join, the frame has one fixed schema whatever the rules find,
and ``json.loads`` (or ``explode`` and ``pandas.json_normalize``) gives a table of
findings where one is wanted.

:func:`site_dataframe` runs the site checks (``valuelint site``) over the same posts;
see its docstring for how the work is shared between the workers and the client.
"""

from __future__ import annotations

import json
import os
import pickle
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from valuelint.api import Linter
from valuelint.result import PostResult
from valuelint.scoring import DIMENSIONS

try:
    import dask.dataframe as dd
    import pandas as pd
except ImportError as exc:  # pragma: no cover - the extra is installed with the tests
    raise ImportError(
        f"valuelint.dask needs Dask and pandas ({exc.name} is missing): "
        'pip install "valuelint[dask]"') from None

__all__ = ["DIMENSION_COLUMNS", "RESULT_COLUMNS", "lint_dataframe"]

#: The score of each dimension, one column each (0-100; missing when not scored).
DIMENSION_COLUMNS: tuple[str, ...] = tuple(DIMENSIONS)

#: The columns :func:`lint_dataframe` adds, in order, after the id column (if any).
RESULT_COLUMNS: tuple[str, ...] = (
    "path", "score", *DIMENSION_COLUMNS, "words", "failing", "language", "errors",
    "findings", "result",
)

# --------------------------------------------------------------------------- one Linter a worker

#: The Linters built in this process, by the bytes they pickle as (their arguments).
_LINTERS: dict[bytes, Linter] = {}
_LINTERS_LOCK = threading.Lock()


def _linter(pickled: bytes) -> Linter:
    """The Linter ``pickled`` describes, built once in this process and kept."""
    found = _LINTERS.get(pickled)
    if found is None:
        with _LINTERS_LOCK:
            found = _LINTERS.get(pickled)
            if found is None:
                found = _LINTERS[pickled] = pickle.loads(pickled)
    return found


def _make_linter(config: str | os.PathLike[str] | Mapping[str, Any] | None,
                 select: Iterable[str] | str | None, ignore: Iterable[str] | str | None,
                 root: str | os.PathLike[str] | None) -> Linter:
    """The Linter the workers will use, made here first so that a bad configuration or
    selector is raised on the client, before any task runs.

    ``root`` defaults to the client's working folder, so that relative paths (and a
    relative ``config``) mean the same on every worker.
    """
    where = Path(root) if root is not None else Path.cwd()
    return Linter(config, select=select, ignore=ignore, root=where.absolute())


# --------------------------------------------------------------------------- rows

def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists, arrays: values, not missing
        return False


def _plain(value: Any) -> Any:
    """A table's value as front matter holds it: dates as dates, numbers as numbers."""
    if isinstance(value, pd.Timestamp):
        moment = value.to_pydatetime()
        if value.tzinfo is None and moment.time() == datetime.min.time():
            return moment.date()
        return moment
    if isinstance(value, datetime | date | str | bool | int | float):
        return value
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def _row_path(path: Any, key: Any) -> str:
    if not _missing(path):
        return str(path)
    return f"{key}.md"


def _metadata(row: Mapping[str, Any], columns: Sequence[str]) -> dict[str, Any] | None:
    found = {name: _plain(row[name]) for name in columns if not _missing(row[name])}
    return found or None


def _judge(linter: Linter, text: Any, path: str, metadata: Mapping[str, Any] | None,
           text_column: str) -> PostResult:
    if _missing(text):
        return PostResult(path=path, errors=(f"no text in column '{text_column}'",))
    if not isinstance(text, str):
        return PostResult(path=path, errors=(
            f"column '{text_column}' holds {type(text).__name__}, not text",))
    return linter.lint_text(text, path, metadata=metadata)


def _result_row(result: PostResult) -> dict[str, Any]:
    row: dict[str, Any] = {"path": result.path, "score": result.score}
    for name in DIMENSION_COLUMNS:
        row[name] = result.breakdown.get(name)
    row.update(
        words=result.words, failing=result.failing, language=result.language,
        errors=json.dumps(list(result.errors)),
        findings=json.dumps([f.to_dict() for f in result.findings]),
        result=json.dumps(result.to_dict()),
    )
    return row


def _dtypes() -> dict[str, str]:
    types = {"path": "string", "score": "Int64"}
    types.update({name: "Int64" for name in DIMENSION_COLUMNS})
    types.update(words="int64", failing="bool", language="string", errors="string",
                 findings="string", result="string")
    return types


def _frame(rows: list[dict[str, Any]], index: pd.Index, id_column: str | None,
           ids: pd.Series | None) -> pd.DataFrame:
    columns: dict[str, Any] = {}
    if id_column is not None and ids is not None:
        columns[id_column] = ids.array
    for name, dtype in _dtypes().items():
        columns[name] = pd.array([row[name] for row in rows], dtype=dtype)
    return pd.DataFrame(columns, index=index)


def _lint_partition(
    part: pd.DataFrame, pickled: bytes, text_column: str, id_column: str | None,
    path_column: str | None, metadata_columns: tuple[str, ...],
) -> pd.DataFrame:
    """One partition's posts judged: one row per post, in the partition's order."""
    linter = _linter(pickled) if len(part) else None
    rows = []
    keys = part[id_column] if id_column is not None else part.index.to_series()
    paths = part[path_column] if path_column is not None else None
    for at, (key, text) in enumerate(zip(keys, part[text_column], strict=True)):
        path = _row_path(paths.iloc[at] if paths is not None else None, key)
        metadata = (_metadata(part.iloc[at], metadata_columns) if metadata_columns
                    else None)
        assert linter is not None
        rows.append(_result_row(_judge(linter, text, path, metadata, text_column)))
    ids = part[id_column] if id_column is not None else None
    return _frame(rows, part.index, id_column, ids)


def _check_columns(ddf: dd.DataFrame, text_column: str, id_column: str | None,
                   path_column: str | None, metadata_columns: Sequence[str]) -> None:
    wanted = [("text_column", text_column), ("id_column", id_column),
              ("path_column", path_column),
              *(("metadata_columns", name) for name in metadata_columns)]
    for option, name in wanted:
        if name is not None and name not in ddf.columns:
            raise ValueError(f"{option}: the frame has no column '{name}' "
                             f"(it has {', '.join(map(str, ddf.columns))})")
    if id_column is not None and id_column in RESULT_COLUMNS:
        raise ValueError(f"id_column: '{id_column}' is the name of a result column; "
                         "rename it first")


def lint_dataframe(
    ddf: dd.DataFrame, text_column: str, *, id_column: str | None = None,
    path_column: str | None = None, metadata_columns: Sequence[str] = (),
    config: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    select: Iterable[str] | str | None = None, ignore: Iterable[str] | str | None = None,
    root: str | os.PathLike[str] | None = None,
) -> dd.DataFrame:
    """Judge every post of ``ddf`` (its text in ``text_column``): a lazy Dask DataFrame of
    results, one row per post, with the same index and partitions as ``ddf``.

    Columns: ``id_column`` (when given), then :data:`RESULT_COLUMNS`: ``path``,
    ``score`` (0-100, missing when the post could not be checked), one column per
    dimension (``substance``, ``promotion``, ``bait``, ``evidence``, ``readability``,
    ``structure``), ``words``, ``failing``, ``language``, ``errors`` (a JSON list of
    one-line problems), ``findings`` (a JSON list of the findings, as in the JSON
    report) and ``result`` (the post's whole entry of the JSON report, as JSON:
    :meth:`~valuelint.PostResult.to_dict`).

    A post is judged as if it were the file at its ``path_column`` value (relative
    to ``root``, default the client's working folder): that path picks its
    configuration and ``per-file-ignores``. Without ``path_column`` the path is
    ``<id>.md`` (``<index>.md`` without ``id_column``). ``metadata_columns`` are
    front matter given apart from the text (``title``, ``date``, ``lang``...): a
    non-missing value takes the place of the same key in the text's front matter.
    ``config``, ``select`` and ``ignore`` are :class:`valuelint.Linter`'s. A row
    whose text is missing, or whose front matter cannot be read, gets a result
    with ``errors`` and no score; nothing is raised for bad rows.

    Raises ``ValueError`` (:class:`valuelint.ConfigError` for the configuration)
    on the client, before anything is computed, for a column that is not in the
    frame, a configuration that cannot be used or a selector that names no rule.
    """
    metadata = tuple(metadata_columns)
    _check_columns(ddf, text_column, id_column, path_column, metadata)
    pickled = pickle.dumps(_make_linter(config, select, ignore, root))
    empty = ddf._meta.iloc[:0]
    meta = _frame([], empty.index, id_column,
                  empty[id_column] if id_column is not None else None)
    return ddf.map_partitions(
        _lint_partition, pickled, text_column, id_column, path_column, metadata,
        meta=meta, enforce_metadata=False, align_dataframes=False)

