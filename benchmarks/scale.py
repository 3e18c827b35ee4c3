"""How valuelint scales: the command line and Dask on this machine, and 100,000 posts.

Run from the repository root with the interpreter valuelint is installed in,
with the ``dask`` extra (``pip install -e ".[dask]"``)::

    .venv/bin/python benchmarks/scale.py                  # about 50 minutes on 2 cores
    .venv/bin/python benchmarks/scale.py --quick          # a few minutes: small sizes
    .venv/bin/python benchmarks/scale.py --sizes 10000,100000 --skip-corpus
    .venv/bin/python benchmarks/scale.py --corpus-only     # sections 1 and 2

It measures, in this order:

1. What a Dask worker costs to start: a LocalCluster of one worker process, then
   a one-post frame judged twice; the first time pays for the worker's Linter
   (rules, configuration, spaCy's pipeline), the second does not.
2. Throughput over the corpus (``../shared/corpus``): ``valuelint check CORPUS
   --no-cache --format json`` with ``--jobs 1`` and ``--jobs 2`` (a folder, so
   the site checks run too: their share is printed), and
   ``valuelint.dask.lint_dataframe`` on a LocalCluster of 1 and of 2 worker
   processes (one thread each), the whole result computed into the client; the
   first run on fresh workers and a second on the same workers. Every post's
   score from Dask is compared with the command line's.
3. Synthetic posts: the corpus repeated, every copy changed by a seeded random
   generator (see ``synthetic_text``), made on the workers partition by
   partition (``dask.dataframe.from_map``: the client never holds the texts)
   and written as Parquet files in a temporary folder, untimed. Then the site
   checks (``valuelint.dask.check_site``: near-duplicates by MinHash band
   buckets and a shuffle) on ``--site-size`` of them: seconds, findings by
   code, and the planted near-copies.
4. ``lint_dataframe`` over the first N synthetic posts for each N of
   ``--sizes``, on 2 worker processes, a fresh cluster for each size, every
   column of the results read on the workers (only a line per partition comes
   back). Printed: wall seconds per post, posts per second, the workers' CPU
   seconds per post, and the peak resident memory of each worker process (its
   ``VmHWM``). The target: wall time per post flat within 15% from the
   smallest size to the largest, and peak memory flat.

Numbers depend on the machine and on what else it is doing: the load average
is printed at the start, before each size and at the end.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SUFFIXES = (".md", ".markdown", ".mdx")

#: Time per post may vary this much from the smallest synthetic size to the largest.
SCALING_SPREAD = 0.15
DEFAULT_SIZES = (10_000, 30_000, 100_000)
QUICK_SIZES = (2_000, 4_000)

#: Synthetic copies: most are rewritten (this share of their words replaced), so that
#: copies of one post are not near-duplicates of each other...
REWRITE_SHARE = 0.25
#: ...and this share are near-copies of the copy before them (NEAR_SHARE of words replaced).
NEAR_COPIES = 0.10
NEAR_SHARE = 0.02

_WORD = re.compile(r"[A-Za-z]{2,}")
_TITLE = re.compile(r"""^(title\s*[=:]\s*)('''|\"\"\"|["']|)(.*?)\2\s*$""", re.MULTILINE)


# --------------------------------------------------------------------------- the posts


def corpus_posts(corpus: Path) -> list[Path]:
    """The corpus's posts, sorted by path (as valuelint walks a folder)."""
    return sorted(p for p in corpus.rglob("*") if p.suffix in SUFFIXES and p.is_file())


def split_front_matter(text: str) -> tuple[str, str]:
    """``(front matter with its fences, body)``; no front matter gives ``("", text)``."""
    for fence in ("---", "+++"):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, len(fence))
            if end != -1:
                stop = text.find("\n", end + 1 + len(fence))
                stop = len(text) if stop == -1 else stop + 1
                return text[:stop], text[stop:]
    return "", text


def replace_words(body: str, share: float, rng: random.Random) -> str:
    """``body`` with about ``share`` of its words (letters only: never Markdown syntax,
    code spans or URLs' punctuation) replaced by other words of the same body."""
    pieces = re.split(r"(\s+)", body)
    words = [i for i, piece in enumerate(pieces) if _WORD.fullmatch(piece)]
    if len(words) < 2:
        return body
    vocabulary = [pieces[i] for i in words]
    for i in words:
        if rng.random() < share:
            pieces[i] = rng.choice(vocabulary)
    return "".join(pieces)


def _body(original: str, post: int, copy: int) -> tuple[str, bool]:
    """Copy ``copy`` of a post's body, and whether it is a near-copy of copy ``copy - 1``."""
    if copy == 0:
        return original, False
    rng = random.Random(f"{post}:{copy}")
    if rng.random() < NEAR_COPIES:
        before, _ = _body(original, post, copy - 1)
        return replace_words(before, NEAR_SHARE, rng), True
    return replace_words(original, REWRITE_SHARE, rng), False


def synthetic_text(original: str, post: int, copy: int) -> tuple[str, bool]:
    """Copy number ``copy`` of the corpus's post number ``post``, and whether it is planted
    as a near-duplicate.

    Copy 0 is the post itself. Each later copy is, by a generator seeded with
    ``(post, copy)``: with chance NEAR_COPIES, a near-copy of the copy before it (2% of
    its words replaced: a near-duplicate valuelint site should report); otherwise a
    rewrite of the post (a quarter of its words replaced by other words of the post:
    about as long, the same vocabulary, not a near-duplicate of the other copies). Its
    title gets the copy's number, so that titles differ as a series' do. Same
    arguments, same text.
    """
    front, body = split_front_matter(original)
    text, near = _body(body, post, copy)
    if copy and front:
        front = _TITLE.sub(lambda m: f"{m[1]}{m[2]}{m[3]} {copy}{m[2]}", front, count=1)
    return front + text, near


def synthetic_partition(bounds: tuple[int, int], corpus: str) -> Any:
    """Posts ``start`` to ``stop - 1`` of the synthetic table, read and made on a worker.

    Post ``n`` is copy ``n // len(corpus)`` of the corpus's post ``n % len(corpus)``.
    Columns: ``slug``, ``path`` (``copyNNNN/`` and the post's path in the corpus),
    ``body``, ``near`` (planted near-copy).
    """
    import pandas as pd

    folder = Path(corpus)
    files = corpus_posts(folder)
    start, stop = bounds
    rows = []
    read: dict[int, str] = {}
    for number in range(start, stop):
        copy, post = divmod(number, len(files))
        if post not in read:
            read[post] = files[post].read_text("utf-8")
        text, near = synthetic_text(read[post], post, copy)
        relative = files[post].relative_to(folder).as_posix()
        rows.append({"slug": f"{number:07d}", "path": f"copy{copy:04d}/{relative}",
                     "body": text, "near": near})
    return pd.DataFrame(rows, columns=["slug", "path", "body", "near"])


def synthetic_frame(size: int, partition_size: int, corpus: Path) -> Any:
    import dask.dataframe as dd
    import pandas as pd

    bounds = [(start, min(start + partition_size, size))
              for start in range(0, size, partition_size)]
    meta = pd.DataFrame({"slug": pd.Series(dtype="object"), "path": pd.Series(dtype="object"),
                         "body": pd.Series(dtype="object"), "near": pd.Series(dtype="bool")})
    return dd.from_map(synthetic_partition, bounds, corpus=str(corpus), meta=meta,
                       enforce_metadata=False)


def write_corpus(corpus: Path, folder: Path, partitions: int) -> None:
    """The corpus as Parquet files in ``folder``: ``slug``, ``path`` (relative to the
    corpus), ``body``."""
    import pandas as pd

    rows = [{"slug": p.relative_to(corpus).with_suffix("").as_posix(),
             "path": p.relative_to(corpus).as_posix(), "body": p.read_text("utf-8")}
            for p in corpus_posts(corpus)]
    folder.mkdir(parents=True)
    for number in range(partitions):
        pd.DataFrame(rows[number::partitions]).to_parquet(
            folder / f"part.{number}.parquet", index=False)


# --------------------------------------------------------------------------- measuring


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def _worker_stats() -> dict[str, float]:
    """Run in a worker process: its resident memory now and at its peak, in MB, and the
    CPU seconds it has used."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    found = {"rss": 0.0, "peak": 0.0, "cpu": usage.ru_utime + usage.ru_stime}
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    found["rss"] = int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    found["peak"] = int(line.split()[1]) / 1024
    except OSError:  # not Linux: the resident size now, as psutil sees it
        import psutil

        found["rss"] = found["peak"] = psutil.Process().memory_info().rss / 2**20
    return found


@contextmanager
def cluster(workers: int) -> Iterator[tuple[Any, float]]:
    """A fresh LocalCluster of ``workers`` processes of one thread each, its client, and
    the seconds it took to start."""
    from dask.distributed import Client, LocalCluster

    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as local, \
            Client(local) as client:
        client.wait_for_workers(workers)
        yield client, time.perf_counter() - started


def worker_memory(client: Any) -> list[dict[str, float]]:
    return list(client.run(_worker_stats).values())


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


SUMMARY = ("posts", "scored", "score_sum", "findings", "failing", "errors", "result_bytes")


def summarize(part: Any) -> Any:
    """One row per partition: every column of the results read (computed fully), little
    sent back."""
    import pandas as pd

    findings = part["findings"].map(lambda text: len(json.loads(text)))
    return pd.DataFrame({"posts": [len(part)], "scored": [int(part["score"].notna().sum())],
                         "score_sum": [int(part["score"].fillna(0).sum())],
                         "findings": [int(findings.sum())],
                         "failing": [int(part["failing"].sum())],
                         "errors": [int((part["errors"] != "[]").sum())],
                         "result_bytes": [int(part["result"].str.len().sum())]})


# --------------------------------------------------------------------------- sections


def worker_start(corpus: Path, post: Path, other: Path) -> list[str]:
    """A fresh worker judges ``post``, then ``other``: the first pays for its Linter.

    Two posts, not one twice: Dask would hand back the result of the same graph it
    still holds."""
    import pandas as pd
    from dask import dataframe as dd

    from valuelint.dask import lint_dataframe

    def one(file: Path) -> Any:
        frame = dd.from_pandas(pd.DataFrame({
            "slug": [file.stem], "path": [file.relative_to(corpus).as_posix()],
            "body": [file.read_text("utf-8")]}), npartitions=1)
        return lint_dataframe(frame, "body", id_column="slug", path_column="path",
                              root=corpus)

    with cluster(1) as (client, started):
        first, _ = timed(lambda: one(post).compute())
        again, _ = timed(lambda: one(other).compute())
        memory = worker_memory(client)[0]
    return [f"  LocalCluster of 1 worker process started in {started:.2f} s",
            f"  a post on the fresh worker {first:.2f} s, the next post of about its size "
            f"{again:.2f} s:",
            f"  a worker's first partition costs {first - again:.2f} s more "
            "(its Linter: rules, configuration, spaCy's pipeline)",
            f"  a worker holding the Linter: {memory['rss']:.0f} MB resident"]


@dataclass
class CliRun:
    jobs: int
    seconds: float
    cpu: float
    files: int
    site: float
    scores: dict[str, int | None]


def cli_run(corpus: Path, jobs: int) -> CliRun:
    with tempfile.TemporaryDirectory(prefix="valuelint-scale-") as temp:
        output = Path(temp) / "report.json"
        command = [sys.executable, "-m", "valuelint", "check", str(corpus), "--no-cache",
                   "--jobs", str(jobs), "--format", "json", "--exit-zero",
                   "--output-file", str(output)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False,
                              env={**os.environ, "VALUELINT_PROFILE": "1", "NO_COLOR": "1"})
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise SystemExit(f"scale.py: {' '.join(command)} exited with status "
                             f"{proc.returncode}:\n{proc.stderr[-3000:]}")
        report = json.loads(output.read_text("utf-8"))
    timings: dict[str, Any] = {}
    for line in proc.stderr.splitlines():
        if line.startswith("valuelint: timings "):
            timings = json.loads(line.removeprefix("valuelint: timings "))
    shown = corpus.relative_to(REPO.parent).as_posix() if corpus.is_relative_to(
        REPO.parent) else corpus.as_posix()
    scores = {}
    for entry in report["files"]:
        if entry.get("site"):
            continue
        path = str(entry["path"])
        key = path.split(shown + "/", 1)[-1]
        scores[key] = entry["score"]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return CliRun(jobs, seconds, cpu, int(timings.get("files", len(scores))),
                  float(timings.get("phases", {}).get("site", 0.0)), scores)


def dask_corpus(corpus: Path, folder: Path, workers: int, warm: bool
                ) -> tuple[float, float, Any, list[dict[str, float]]]:
    """The corpus (Parquet files in ``folder``) judged on a fresh cluster of ``workers``
    processes, the whole result computed into the client. ``warm``: each worker first
    judges one post of another frame, so that its Linter is loaded before the clock
    starts."""
    import dask.dataframe as dd

    from valuelint.dask import lint_dataframe

    files = sorted(str(file) for file in folder.glob("*.parquet"))
    with cluster(workers) as (client, started):
        if warm:
            first = dd.read_parquet(files[:workers]).map_partitions(lambda part: part.head(1))
            lint_dataframe(first, "body", id_column="slug", path_column="path",
                           root=corpus).compute()
        frame = dd.read_parquet(files)
        seconds, results = timed(lambda: lint_dataframe(
            frame, "body", id_column="slug", path_column="path", root=corpus).compute())
        memory = worker_memory(client)
    return started, seconds, results, memory


@dataclass
class SizeRun:
    size: int
    partitions: int
    seconds: float
    totals: dict[str, int]
    memory: list[dict[str, float]]
    load_before: str
    load_after: str

    @property
    def per_post(self) -> float:
        return self.seconds / self.size

    @property
    def cpu_per_post(self) -> float:
        """Worker CPU seconds per post (fresh workers: their start is in it)."""
        return sum(m["cpu"] for m in self.memory) / self.size


def write_synthetic(folder: Path, size: int, workers: int, partition_size: int,
                    corpus: Path) -> float:
    """Write ``size`` synthetic posts as Parquet files (one a partition) into ``folder``,
    made on the workers; the seconds it took."""
    with cluster(workers) as _:
        seconds, _ = timed(lambda: synthetic_frame(size, partition_size, corpus).to_parquet(
            folder, write_index=False))
    return seconds


def read_synthetic(folder: Path, size: int, partition_size: int) -> Any:
    """The first ``size`` posts (rounded up to whole partitions) of the synthetic table."""
    import dask.dataframe as dd

    files = sorted(folder.glob("part.*.parquet"), key=lambda p: int(p.stem.split(".")[1]))
    wanted = -(-size // partition_size)
    if len(files) < wanted:
        raise SystemExit(f"scale.py: {len(files)} partitions written, {wanted} wanted")
    return dd.read_parquet([str(file) for file in files[:wanted]])


def synthetic_run(folder: Path, corpus: Path, size: int, workers: int,
                  partition_size: int) -> SizeRun:
    from valuelint.dask import lint_dataframe

    before = load()
    frame = read_synthetic(folder, size, partition_size)
    results = lint_dataframe(frame, "body", id_column="slug", path_column="path", root=corpus)
    with cluster(workers) as (client, _):
        import pandas as pd

        meta = pd.DataFrame({name: pd.Series(dtype="int64") for name in SUMMARY})
        seconds, summary = timed(lambda: results.map_partitions(summarize, meta=meta).compute())
        memory = worker_memory(client)
    totals = {name: int(summary[name].sum()) for name in summary.columns}
    return SizeRun(totals["posts"], frame.npartitions, seconds, totals, memory, before, load())


def site_run(folder: Path, corpus: Path, size: int, workers: int,
             partition_size: int) -> list[str]:
    try:
        from valuelint.dask import check_site
    except ImportError as exc:
        return [f"  skipped: valuelint.dask.check_site cannot be imported ({exc})"]
    frame = read_synthetic(folder, size, partition_size)
    with cluster(workers) as (client, _):
        planted = int(frame["near"].sum().compute())
        seconds, checked = timed(lambda: check_site(
            frame, "body", id_column="slug", path_column="path", root=corpus))
        memory = worker_memory(client)
    codes = Counter(checked.findings["code"])
    clusters = checked.analysis.duplicates
    lines = [f"  {size:,} posts, {planted:,} of them planted near-copies of the copy before "
             f"them: check_site took {seconds:.1f} s ({1000 * seconds / size:.1f} ms per "
             "post: judging every post, site features, LSH, the site rules)",
             f"  near-duplicate clusters {len(clusters):,}; findings by code: "
             + ", ".join(f"{code} {count:,}" for code, count in sorted(codes.items())),
             "  peak worker memory: " + ", ".join(f"{m['peak']:.0f} MB" for m in memory)]
    return lines


# --------------------------------------------------------------------------- main


def _sizes(value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "")) for part in value.split(",") if part)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 10000,100000, got {value}"
                                         ) from None
    if not sizes or min(sizes) <= 0:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return tuple(sorted(sizes))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", type=_sizes, default=None,
                        help="synthetic sizes, e.g. 10000,30000,100000 (the default)")
    parser.add_argument("--quick", action="store_true",
                        help=f"sizes {','.join(map(str, QUICK_SIZES))} and a small site run")
    parser.add_argument("--workers", type=int, default=2, help="workers of the synthetic runs")
    parser.add_argument("--partition-size", type=int, default=500,
                        help="posts per partition of the synthetic runs (default 500)")
    parser.add_argument("--site-size", type=int, default=None,
                        help="synthetic posts for the site checks (default 10000; 0: none)")
    parser.add_argument("--skip-corpus", action="store_true",
                        help="skip the worker start and the corpus runs (sections 1 and 2)")
    parser.add_argument("--corpus-only", action="store_true",
                        help="only the worker start and the corpus runs (sections 1 and 2)")
    args = parser.parse_args(argv)
    corpus: Path = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    try:
        import dask
        import distributed
        import pandas
    except ImportError as exc:
        print(f"scale.py needs Dask ({exc.name} is missing): pip install -e \".[dask]\"",
              file=sys.stderr)
        return 2
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    site_size = args.site_size if args.site_size is not None else (
        2_000 if args.quick else 10_000)
    posts = corpus_posts(corpus)
    words = sum(len(p.read_text("utf-8").split()) for p in posts)
    print(f"valuelint scale benchmark: {corpus} ({len(posts)} posts, {words:,} words)")
    print(f"  {os.cpu_count()} CPUs; {load()} at the start; Python {sys.version.split()[0]}; "
          f"dask {dask.__version__}, distributed {distributed.__version__}, "
          f"pandas {pandas.__version__}")
    print(f"  started {time.strftime('%Y-%m-%d %H:%M:%S')}\n", flush=True)

    if not args.skip_corpus:
        sizes_sorted = sorted(posts, key=lambda p: (p.stat().st_size, str(p)))
        typical = sizes_sorted[len(sizes_sorted) // 2]
        print(f"1. What a Dask worker costs to start (one post: {typical.relative_to(corpus)})")
        print("\n".join(worker_start(corpus, typical, sizes_sorted[len(sizes_sorted) // 2 + 1])),
              flush=True)

        print("\n2. Throughput over the corpus (posts per second; one run each)")
        cli: dict[int, CliRun] = {}
        for jobs in (1, 2):
            checked = cli_run(corpus, jobs)
            cli[jobs] = checked
            posts_only = checked.seconds - checked.site
            print(f"  valuelint check --jobs {jobs}: {checked.files} posts in "
                  f"{checked.seconds:6.2f} s wall, {checked.cpu:6.2f} s CPU: "
                  f"{checked.files / checked.seconds:5.1f} posts/s "
                  f"(of which site checks {checked.site:.2f} s; without them "
                  f"{checked.files / posts_only:5.1f} posts/s)", flush=True)
        partitions = 16
        with tempfile.TemporaryDirectory(prefix="valuelint-scale-") as temp:
            folder = Path(temp) / "corpus"
            write_corpus(corpus, folder, partitions)
            for workers in (1, 2):
                for warm in (False, True):
                    started, seconds, results, memory = dask_corpus(corpus, folder, workers,
                                                                    warm)
                    count = len(results)
                    differ = [path for path, score in zip(results["path"], results["score"],
                                                          strict=True)
                              if cli[1].scores.get(str(path), -1)
                              != (None if pandas.isna(score) else int(score))]
                    print(f"  Dask, {workers} worker process{'es' if workers > 1 else ''}, "
                          f"{'warm (Linter loaded)' if warm else 'fresh'}: {count} posts in "
                          f"{seconds:6.2f} s: {count / seconds:5.1f} posts/s; peak per worker "
                          + ", ".join(f"{m['peak']:.0f} MB" for m in memory)
                          + f"; scores unlike the command line's: {len(differ)}"
                          + (f" (e.g. {differ[0]})" if differ else "")
                          + f" (cluster up in {started:.1f} s, {partitions} partitions)",
                          flush=True)

    if args.corpus_only:
        print(f"\n{load()} at the end; finished {time.strftime('%Y-%m-%d %H:%M:%S')}")
        return 0
    workdir = tempfile.TemporaryDirectory(prefix="valuelint-scale-")
    folder = Path(workdir.name) / "posts"
    largest = max(*sizes, site_size)
    print(f"\n3. Synthetic posts: the corpus repeated, each copy changed (see synthetic_text); "
          f"{args.partition_size} posts a partition")
    seconds = write_synthetic(folder, largest, args.workers, args.partition_size, corpus)
    print(f"  {largest:,} posts made on {args.workers} workers and written as Parquet in "
          f"{seconds:.1f} s (not timed below)", flush=True)
    if site_size:
        print(f"  site checks (valuelint.dask.check_site) on {args.workers} worker processes:")
        print("\n".join(site_run(folder, corpus, site_size, args.workers,
                                 args.partition_size)), flush=True)

    print(f"\n4. Time per post and memory by size: lint_dataframe on {args.workers} worker "
          "processes (1 thread each), a fresh cluster for each size, the results read "
          "whole on the workers")
    print(f"  {'posts':>9} {'parts':>5} {'wall s':>8} {'ms/post':>8} {'posts/s':>7} "
          f"{'worker CPU ms/post':>18}  peak RSS per worker")
    runs: list[SizeRun] = []
    for size in sizes:
        run = synthetic_run(folder, corpus, size, args.workers, args.partition_size)
        runs.append(run)
        peak_text = ", ".join(f"{m['peak']:.0f} MB" for m in run.memory)
        print(f"  {run.size:>9,} {run.partitions:5d} {run.seconds:8.1f} "
              f"{1000 * run.per_post:8.2f} {run.size / run.seconds:7.1f} "
              f"{1000 * run.cpu_per_post:18.2f}  {peak_text}   ({run.load_before} before, "
              f"{run.load_after.split(' ', 2)[2]} after; findings "
              f"{run.totals['findings']:,}, failing {run.totals['failing']:,}, "
              f"errors {run.totals['errors']})", flush=True)
    workdir.cleanup()
    if len(runs) > 1:
        per_post = [run.per_post for run in runs]
        spread = max(per_post) / min(per_post) - 1
        ratio = runs[-1].per_post / runs[0].per_post
        cpu = [run.cpu_per_post for run in runs]
        cpu_spread = max(cpu) / min(cpu) - 1
        peaks = [max(m["peak"] for m in run.memory) for run in runs]
        print(f"  wall time per post at {runs[-1].size:,} / at {runs[0].size:,}: {ratio:.3f}; "
              f"spread over all sizes {100 * spread:.1f}% "
              f"[{'PASS' if spread <= SCALING_SPREAD else 'MISS'}: target within "
              f"{100 * SCALING_SPREAD:.0f}%]; worker CPU per post: ratio "
              f"{runs[-1].cpu_per_post / runs[0].cpu_per_post:.3f}, spread "
              f"{100 * cpu_spread:.1f}%")
        print("  the larger worker's peak RSS by size: "
              + ", ".join(f"{peak:.0f} MB" for peak in peaks)
              + f" ({100 * (peaks[-1] / peaks[0] - 1):+.1f}% from {runs[0].size:,} to "
              f"{runs[-1].size:,} posts)")
    if runs:
        mean = statistics.mean(run.per_post for run in runs)
        cpu_mean = statistics.mean(run.cpu_per_post for run in runs)
        print(f"  for an estimate: {1000 * mean:.2f} ms of wall per post on {args.workers} "
              f"workers ({args.workers * 1000 * mean:.1f} ms of one worker's wall, "
              f"{1000 * cpu_mean:.1f} ms of worker CPU per post)")

    print(f"\n{load()} at the end; finished {time.strftime('%Y-%m-%d %H:%M:%S')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
