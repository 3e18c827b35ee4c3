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

:func:`check_site` judges the posts and runs the site checks (``valuelint site``)
over them in one pass over the texts: every post's row as above, and a pandas
DataFrame of the site findings (:func:`site_dataframe` gives the findings alone).
The texts stay on the workers: the client receives small per-post records, the
near-duplicate pairs and the repeated paragraphs; see :func:`check_site` and
:mod:`valuelint.site.sharded`.
"""

from __future__ import annotations

import json
import os
import pickle
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from valuelint.api import Linter
from valuelint.cache import finding_from_json, finding_to_json
from valuelint.config import Config, ConfigError
from valuelint.result import PostResult
from valuelint.rule import Severity
from valuelint.runner import display_path
from valuelint.scoring import DIMENSIONS
from valuelint.site.analysis import SiteAnalysis, features_for
from valuelint.site.generators import is_section_index
from valuelint.site.posts import Features, post_from_json, post_to_json
from valuelint.site.rules import RULES, BoilerplateParagraph, NearDuplicatePost, StaleDraft
from valuelint.site.sharded import (
    PostRecord,
    analyse_records,
    band_keys,
    measure,
    pack,
    post_features,
)
from valuelint.site.timeline import today
from valuelint.source import resolved

try:
    import dask
    import dask.dataframe as dd
    import pandas as pd
except ImportError as exc:  # pragma: no cover - the extra is installed with the tests
    raise ImportError(
        f"valuelint.dask needs Dask and pandas ({exc.name} is missing): "
        'pip install "valuelint[dask]"') from None

__all__ = [
    "DIMENSION_COLUMNS", "FINDING_COLUMNS", "RESULT_COLUMNS", "SiteCheck", "check_site",
    "lint_dataframe", "site_dataframe",
]

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
           ids: pd.Series | None, site: bool = False) -> pd.DataFrame:
    columns: dict[str, Any] = {}
    if id_column is not None and ids is not None:
        columns[id_column] = ids.array
    types = _dtypes()
    if site:
        types.update(_SITE_DTYPES)
    for name, dtype in types.items():
        columns[name] = pd.array([row[name] for row in rows], dtype=dtype)
    return pd.DataFrame(columns, index=index)


def _lint_partition(
    part: pd.DataFrame, pickled: bytes, text_column: str, id_column: str | None,
    path_column: str | None, metadata_columns: tuple[str, ...],
    features: _SiteOptions | None = None, partition_info: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """One partition's posts judged: one row per post, in the partition's order; with
    ``features``, each post's site features too (the columns of :data:`_SITE_DTYPES`)."""
    rows = []
    keys = part[id_column] if id_column is not None else part.index.to_series()
    paths = part[path_column].tolist() if path_column is not None else [None] * len(part)
    extra = [part[name].tolist() for name in metadata_columns]
    number = partition_info["number"] if partition_info is not None else 0
    for at, (key, text) in enumerate(zip(keys, part[text_column], strict=True)):
        path = _row_path(paths[at], key)
        metadata = _metadata({name: values[at] for name, values in
                              zip(metadata_columns, extra, strict=True)}, metadata_columns)
        result = _judge(_linter(pickled), text, path, metadata, text_column)
        row = _result_row(result)
        if features is not None:
            row.update(_site_row(result, text, metadata, features, number * 2 ** 32 + at))
        rows.append(row)
    ids = part[id_column] if id_column is not None else None
    return _frame(rows, part.index, id_column, ids, features is not None)


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
    ``<id>.md`` (``<index>.md`` without ``id_column``: mind that ``read_parquet``
    gives each partition its own index from 0). ``metadata_columns`` are
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


# --------------------------------------------------------------------------- site checks

@dataclass(frozen=True, slots=True)
class _SiteOptions:
    """What the workers need of the site's configuration (small: it is in every task)."""

    features: Features
    near_min_words: int
    """SITE001 ``min-words``: shorter posts are never near-duplicates."""


#: The columns the site checks add to each post's row, and their types.
_SITE_DTYPES: dict[str, str] = {
    # The post's place in the frame: partition number * 2**32 + row in the partition.
    "order": "int64",
    "checked": "bool",
    "warnings": "string",
    "post": "string",
    "near": "bool",
    "paragraph_post": "bool",
    "paragraphs": "string",
    "shingles": "object",
}


def _site_row(result: PostResult, text: Any, metadata: Mapping[str, Any] | None,
              options: _SiteOptions, order: int) -> dict[str, Any]:
    """A post's site features: a small record for the client, its shingles (packed) and its
    paragraphs for the cluster."""
    checked = not result.errors and result.score is not None
    made = None
    if checked and isinstance(text, str):
        made = post_features(text, result.path, options.features, metadata)
    row: dict[str, Any] = {"order": order, "checked": checked and made is not None,
                           "warnings": "[]", "post": "", "near": False,
                           "paragraph_post": False, "paragraphs": "[]", "shingles": b""}
    if made is None:
        return row
    post, shingles = made
    saved = post_to_json(post)
    paragraphs = saved.pop("paragraphs")
    del saved["sketch"]
    member = not post.draft and not is_section_index(Path(result.path))
    warning = Severity.WARNING.rank
    row.update(
        warnings=json.dumps([finding_to_json(f) for f in result.findings
                             if f.severity.rank >= warning]),
        post=json.dumps(saved),
        near=member and post.word_count >= options.near_min_words and bool(shingles),
        paragraph_post=member and bool(paragraphs),
        paragraphs=json.dumps(paragraphs),
        shingles=pack(shingles),
    )
    return row


def _bucket_rows(part: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """(bucket, order) for each band of each post's MinHash signature."""
    buckets: list[int] = []
    orders: list[int] = []
    for order, shingles in zip(part["order"], part["shingles"], strict=True):
        keys = band_keys(shingles, threshold)
        buckets.extend(keys)
        orders.extend([int(order)] * len(keys))
    return pd.DataFrame({"bucket": pd.array(buckets, dtype="int64"),
                         "order": pd.array(orders, dtype="int64")})


def _bucket_pairs(part: pd.DataFrame) -> pd.DataFrame:
    """Every pair of posts sharing a bucket (all of a bucket's rows are in one partition)."""
    firsts: list[int] = []
    seconds: list[int] = []
    for _, members in part.groupby("bucket", sort=False)["order"]:
        if len(members) < 2:
            continue
        ordered = sorted(set(members.tolist()))
        for at, first in enumerate(ordered):
            for second in ordered[at + 1:]:
                firsts.append(first)
                seconds.append(second)
    return pd.DataFrame({"first": pd.array(firsts, dtype="int64"),
                         "second": pd.array(seconds, dtype="int64")})


def _measured_pairs(part: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The candidate pairs that are near-duplicates, with their similarity."""
    found: dict[str, list[Any]] = {"first": [], "second": [], "similarity": []}
    for first, second, a, b in zip(part["first"], part["second"], part["first_shingles"],
                                   part["second_shingles"], strict=True):
        value = measure(a, b, threshold)
        if value is not None:
            found["first"].append(int(first))
            found["second"].append(int(second))
            found["similarity"].append(value)
    return pd.DataFrame({"first": pd.array(found["first"], dtype="int64"),
                         "second": pd.array(found["second"], dtype="int64"),
                         "similarity": pd.array(found["similarity"], dtype="float64")})


def _paragraph_rows(part: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph that could be boilerplate: its hash, its post, where it is."""
    rows: dict[str, list[Any]] = {"key": [], "order": [], "at": [], "line": [], "words": [],
                                  "preview": []}
    for order, saved in zip(part["order"], part["paragraphs"], strict=True):
        for at, (line, key, words, preview) in enumerate(json.loads(saved)):
            rows["key"].append(key - 2 ** 64 if key >= 2 ** 63 else key)  # as int64
            rows["order"].append(int(order))
            rows["at"].append(at)
            rows["line"].append(line)
            rows["words"].append(words)
            rows["preview"].append(preview)
    return pd.DataFrame({
        **{name: pd.array(rows[name], dtype="int64") for name in ("key", "order", "at",
                                                                   "line", "words")},
        "preview": pd.array(rows["preview"], dtype="string"),
    })


def _near_duplicates(mapped: dd.DataFrame, threshold: float) -> dd.DataFrame:
    """The near-duplicate pairs (first, second: the posts' ``order``; similarity), found
    on the cluster: bucket rows shuffled by bucket, candidate pairs deduplicated, each
    joined with both posts' shingles and measured."""
    near = mapped[mapped["near"]][["order", "shingles"]]
    buckets = near.map_partitions(_bucket_rows, threshold, meta=pd.DataFrame({
        "bucket": pd.array([], dtype="int64"), "order": pd.array([], dtype="int64")}))
    pairs_meta = pd.DataFrame({"first": pd.array([], dtype="int64"),
                               "second": pd.array([], dtype="int64")})
    candidates = (buckets.shuffle(on="bucket")
                  .map_partitions(_bucket_pairs, meta=pairs_meta)
                  .drop_duplicates(split_out=True))
    joined = (candidates
              .merge(near.rename(columns={"order": "first", "shingles": "first_shingles"}),
                     on="first")
              .merge(near.rename(columns={"order": "second", "shingles": "second_shingles"}),
                     on="second"))
    measured = joined.map_partitions(_measured_pairs, threshold, meta=pd.DataFrame({
        "first": pd.array([], dtype="int64"), "second": pd.array([], dtype="int64"),
        "similarity": pd.array([], dtype="float64")}))
    return measured


def _repeated_paragraphs(mapped: dd.DataFrame, min_posts: int) -> dd.DataFrame:
    """The paragraphs whose words are in at least ``min_posts`` posts, grouped by their
    hash on the cluster: only those (with their previews) come to the client."""
    posts = mapped[mapped["paragraph_post"]][["order", "paragraphs"]]
    paragraphs = posts.map_partitions(_paragraph_rows, meta=_paragraph_rows(
        pd.DataFrame({"order": pd.array([], dtype="int64"),
                      "paragraphs": pd.array([], dtype="string")})))
    holders = paragraphs[["key", "order"]].drop_duplicates(split_out=True)
    counts = holders.groupby("key").size(split_out=True)
    repeated = counts[counts >= min_posts].to_frame("posts").reset_index()[["key"]]
    return paragraphs.merge(repeated, on="key")


@dataclass(frozen=True)
class SiteCheck:
    """What :func:`check_site` found: every post's judgement, and the site's findings."""

    scores: dd.DataFrame
    """:func:`lint_dataframe`'s frame for the same posts (computed once, persisted)."""
    findings: pd.DataFrame
    """The site findings: ``path``, then the keys of a finding in the JSON report
    (``code``, ``name``, ``category``, ``severity``, ``message``, ``line``, ``column``,
    ``end_line``, ``end_column``, ``url``), as ``valuelint site --format json`` lists
    them: by post in the frame's order, then those about the whole site, on the site's
    folder (ending in ``/``)."""
    analysis: SiteAnalysis
    """The site analysis behind the findings (its near-duplicate clusters, repeated
    paragraphs and the other figures ``valuelint site`` shows)."""


FINDING_COLUMNS: tuple[str, ...] = (
    "path", "code", "name", "category", "severity", "message", "line", "column", "end_line",
    "end_column", "url",
)


def _findings_frame(analysis: SiteAnalysis) -> pd.DataFrame:
    rows = [{"path": path, **finding.to_dict()} for path, finding in analysis.findings()]
    types = {"line": "int64", "column": "int64", "end_line": "int64", "end_column": "int64"}
    return pd.DataFrame({name: pd.array([row[name] for row in rows],
                                        dtype=types.get(name, "string"))
                         for name in FINDING_COLUMNS})


def _site_config(linter: Linter, folder: Path) -> Config:
    """The site's configuration, as ``valuelint site`` reads it for the site's folder,
    without SITE009 (a draft in a table has no file whose age could be read)."""
    config = linter.configs.for_path(folder)
    errors = [error for rule in RULES for error in rule.option_errors(config.rule_options(rule))]
    if errors:
        raise ConfigError("; ".join(errors))
    return replace(config, cli_ignore=(*config.cli_ignore, StaleDraft.code))


def _records(frame: pd.DataFrame, kept: pd.DataFrame) -> list[PostRecord]:
    """The client's record of each checked post, in the frame's order."""
    by_post: dict[int, list[list[Any]]] = {}
    for row in kept.sort_values(["order", "at"]).itertuples(index=False):
        by_post.setdefault(int(row.order), []).append(
            [int(row.line), int(row.key) % 2 ** 64, int(row.words), str(row.preview)])
    records = []
    seen: set[str] = set()
    for row in frame.sort_values("order").itertuples(index=False):
        if row.path in seen:
            raise ValueError(f"two posts have the path '{row.path}': the site checks tell "
                             "posts apart by path (give a path_column or an id_column "
                             "whose values are unique)")
        seen.add(row.path)
        if not row.checked:
            continue
        saved = json.loads(row.post)
        saved["paragraphs"] = by_post.get(int(row.order), [])
        saved["sketch"] = []
        post = post_from_json(saved, Path(row.path), row.path)
        findings = tuple(finding_from_json(f) for f in json.loads(row.warnings))
        records.append(PostRecord(row.path, PostResult(
            path=row.path, score=int(row.score), findings=findings), post))
    return records


def check_site(
    ddf: dd.DataFrame, text_column: str, *, id_column: str | None = None,
    path_column: str | None = None, metadata_columns: Sequence[str] = (),
    config: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    select: Iterable[str] | str | None = None, ignore: Iterable[str] | str | None = None,
    root: str | os.PathLike[str] | None = None, site: str | os.PathLike[str] = ".",
) -> SiteCheck:
    """Judge every post of ``ddf`` and check them as one site, as ``valuelint site`` checks
    a folder of the same posts: every post's judgement (:func:`lint_dataframe`'s frame)
    and the site findings, from one pass over the texts.

    The arguments are :func:`lint_dataframe`'s; ``site`` is the site's folder
    (relative to ``root``): its configuration chooses the site rules and their
    options, and findings about the whole site are shown on it. Posts come in the
    frame's order (``valuelint site`` takes them in the order it walks the
    folder: the order of some messages follows it). A post is a draft when its front
    matter or a metadata column says so (``draft: true``, ``published: false``) or
    its path is in a ``_drafts`` folder. SITE009 (stale drafts) does not run: a
    draft in a table has no file whose age could be read. Posts are told apart by
    their paths: two rows with the same path raise ``ValueError``.

    How the work is shared: each worker judges its posts and works out their site
    features in the same pass; the result is persisted on the cluster. The client
    receives each checked post's small record (title, description, date, draft
    state, line ends, its findings at warning and above: no text, no shingles),
    the near-duplicate pairs, and the paragraphs repeated in at least ``min-posts``
    posts. Near-duplicate candidates are posts sharing a bucket of one band of a
    MinHash signature (a shuffle by bucket on the cluster); each candidate pair is
    joined with both posts' shingles and measured there, exactly (see
    :mod:`valuelint.site.sharded`). Paragraphs are grouped by their hash on the
    cluster too, and only those held by enough posts come back. The site rules then
    run on the client, as they do for ``valuelint site``.
    """
    metadata = tuple(metadata_columns)
    _check_columns(ddf, text_column, id_column, path_column, metadata)
    linter = _make_linter(config, select, ignore, root)
    pickled = pickle.dumps(linter)
    folder = Path(site)
    shown = (folder.as_posix() if not folder.is_absolute()
             else display_path(folder, linter.root))
    display = shown if shown.endswith("/") else shown + "/"
    site_root = resolved(linter.root / folder)
    site_config = _site_config(linter, site_root)
    near_options = site_config.rule_options(NearDuplicatePost)
    options = _SiteOptions(features_for(site_config), int(near_options["min-words"]))
    empty = ddf._meta.iloc[:0]
    meta = _frame([], empty.index, id_column,
                  empty[id_column] if id_column is not None else None, site=True)
    mapped = ddf.map_partitions(
        _lint_partition, pickled, text_column, id_column, path_column, metadata, options,
        meta=meta, enforce_metadata=False, align_dataframes=False).persist()
    # The judgements are kept on the cluster for the caller; the features (the shingles
    # above all) are let go once the site's pairs and paragraphs are computed.
    columns = [*([id_column] if id_column is not None else []), *RESULT_COLUMNS]
    scores = mapped[columns].persist()
    wanted = [mapped[["order", "path", "score", "checked", "warnings", "post"]]]
    near_on = site_config.selects(NearDuplicatePost.code, NearDuplicatePost.name)
    if near_on:
        wanted.append(_near_duplicates(mapped, float(near_options["threshold"])))
    if site_config.selects(BoilerplateParagraph.code, BoilerplateParagraph.name):
        wanted.append(_repeated_paragraphs(
            mapped, int(site_config.rule_options(BoilerplateParagraph)["min-posts"])))
    computed = list(dask.compute(*wanted))
    frame = computed.pop(0)
    measured: dict[tuple[str, str], float] = {}
    if near_on:
        paths = dict(zip(frame["order"].tolist(), frame["path"].tolist(), strict=True))
        for first, second, similarity in computed.pop(0).itertuples(index=False):
            measured[(paths[int(first)], paths[int(second)])] = float(similarity)
    kept = computed.pop(0) if computed else pd.DataFrame(
        {name: [] for name in ("order", "at", "line", "key", "words", "preview")})
    records = _records(frame, kept)

    def file_config(path: Path) -> Config | None:
        try:
            return linter.configs.for_path(path)
        except ConfigError:
            return None

    analysis = analyse_records(records, site_root, display, site_config, file_config,
                               today(), measured)
    return SiteCheck(scores, _findings_frame(analysis), analysis)


def site_dataframe(
    ddf: dd.DataFrame, text_column: str, *, id_column: str | None = None,
    path_column: str | None = None, metadata_columns: Sequence[str] = (),
    config: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    select: Iterable[str] | str | None = None, ignore: Iterable[str] | str | None = None,
    root: str | os.PathLike[str] | None = None, site: str | os.PathLike[str] = ".",
) -> pd.DataFrame:
    """The site findings ``valuelint site`` reports for the posts of ``ddf`` (a pandas
    DataFrame: :attr:`SiteCheck.findings`); see :func:`check_site`, which also gives
    every post's judgement from the same pass."""
    return check_site(ddf, text_column, id_column=id_column, path_column=path_column,
                      metadata_columns=metadata_columns, config=config, select=select,
                      ignore=ignore, root=root, site=site).findings
