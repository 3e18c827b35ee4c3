"""Interrupted runs, for real: SIGINT, SIGTERM and a worker killed with SIGKILL.

A folder of 200 posts is checked by ``python -m valuelint check`` in a subprocess with
two workers, ``--format json --output-file`` and a cache folder of its own. Once the
run has started (the cache holds entries and the workers are up), it is interrupted.
Then:

* the output file is the complete report of an earlier run, byte for byte, or the
  complete report of this one: never a partial file, and no temporary file beside it;
* the process exits: SIGINT with code 130 and nothing but one-line messages on
  stderr (no traceback); SIGTERM by the signal;
* every cache entry left is valid JSON holding a result, and the next run takes
  every one of them from the cache;
* the next run gives the same report, byte for byte, as a run never interrupted;
* valuelint wrote nothing outside the cache folder and the output file: the tree of
  the posts (names and bytes) is the same before and after.

A worker killed with SIGKILL does not stop the run: it finishes, lists every post in
order, reports the posts that were in flight as errors (``WORKER_LOST``, exit 2) and
every other post as an uninterrupted run does.

The processes are found through ``/proc/<pid>/task/*/children`` (Linux only).
"""

from __future__ import annotations

import base64
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import split_timings
from valuelint.cache import CACHE_FORMAT, ENTRIES, finding_from_json, result_from_json
from valuelint.runner import WORKER_LOST
from valuelint.site.posts import post_from_json

pytestmark = [
    pytest.mark.skipif(not Path("/proc/self/task").is_dir() or sys.platform != "linux",
                       reason="finds worker processes through /proc (Linux)"),
    pytest.mark.slow,  # each test runs valuelint twice over 200 posts: about 15 s
]

POSTS = 200
#: Seconds any run may take before the test gives up on it (and kills it).
TIMEOUT = 180.0

WORDS = ("build", "cache", "query", "server", "release", "latency", "index", "reader",
         "Python", "Linux", "measured", "fixed", "the", "a", "we", "our", "you", "it",
         "best", "amazing", "Buy now", "click here", "TODO", "42", "90%", "studies show",
         "because", "then", "took", "seconds", "café", "日本語")


def _post(rng: random.Random, number: int) -> str:
    def sentence() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))) + "."

    front = f"---\ntitle: Post {number}\ndescription: {sentence()}\n---\n" \
        if number % 2 else ""
    paragraphs = "\n\n".join(" ".join(sentence() for _ in range(rng.randint(2, 4)))
                             for _ in range(rng.randint(1, 3)))
    return f"{front}# Post {number}: {sentence()}\n\n{paragraphs}\n\n- {sentence()}\n"


@dataclass(frozen=True)
class Blog:
    root: Path
    """The working folder of every run (the posts are in ``root/blog``)."""
    baseline: bytes
    """The report of a run never interrupted."""


def _command(out: Path, cache: Path) -> list[str]:
    return [sys.executable, "-m", "valuelint", "check", "blog", "--jobs", "2",
            "--format", "json", "--output-file", str(out), "--cache-dir", str(cache)]


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", **extra}


def _run(root: Path, out: Path, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(out, cache), cwd=root, env=_env(**env), capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Blog:
    root = tmp_path_factory.mktemp("interrupt")
    posts = root / "blog"
    (posts / ".git").mkdir(parents=True)
    rng = random.Random(5)
    for number in range(POSTS):
        folder = posts / f"{number // 50:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"post-{number:03d}.md").write_text(_post(rng, number), "utf-8")
    baseline = root / "baseline"
    baseline.mkdir()
    done = _run(root, baseline / "report.json", baseline / "cache")
    assert done.returncode in (0, 1), done.stderr[-3000:]
    return Blog(root, (baseline / "report.json").read_bytes())


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder``, with a file's bytes (None for a folder)."""
    found: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        found[name] = None if path.is_dir() else path.read_bytes()
    return found


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.extend(int(child) for child in task.read_text().split())
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, dead but not yet reaped, is not running)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


def _entries(cache: Path) -> list[Path]:
    """The cache's result entries (not the temporary files they are written through)."""
    return sorted(p for p in (cache / ENTRIES).glob("*/*.json") if not p.name.startswith("."))


@dataclass
class Started:
    proc: subprocess.Popen[bytes]
    workers: list[int]
    stdout: Path
    stderr: Path


def _start(blog: Blog, work: Path, *, min_entries: int = 3) -> Started:
    """Start a run and wait until it is under way: workers up, entries in its cache."""
    cache, out = work / "cache", work / "out" / "report.json"
    stdout, stderr = work / "stdout", work / "stderr"
    with open(stdout, "wb") as so, open(stderr, "wb") as se:
        # A session of its own: a signal to its process group reaches valuelint and
        # its workers, as Ctrl-C in a terminal does, and nothing else.
        proc = subprocess.Popen(_command(out, cache), cwd=blog.root, env=_env(),
                                stdout=so, stderr=se, start_new_session=True)
    deadline = time.monotonic() + TIMEOUT
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) >= 2 and len(_entries(cache)) >= min_entries:
            break
        time.sleep(0.02)
    if proc.poll() is not None:
        raise AssertionError(f"the run ended (exit {proc.returncode}) before it could be "
                             f"interrupted: {stderr.read_text('utf-8', 'replace')[-2000:]}")
    if time.monotonic() >= deadline:
        proc.kill()
        proc.wait()
        raise AssertionError("the run never got under way")
    return Started(proc, workers, stdout, stderr)


def _wait(proc: subprocess.Popen[bytes]) -> int:
    try:
        return proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise AssertionError(f"no exit within {TIMEOUT:.0f} s") from None


def _gone(pids: list[int], within: float) -> list[int]:
    """The processes of ``pids`` still running after ``within`` seconds."""
    deadline = time.monotonic() + within
    left = [pid for pid in pids if _alive(pid)]
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = [pid for pid in left if _alive(pid)]
    return left


def _kill(pids: list[int]) -> None:
    """End the processes this test started and left behind (by their ids)."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue


@pytest.fixture
def work(tmp_path: Path) -> Iterator[Path]:
    """A folder for one run's cache, output and logs; the earlier report already there."""
    (tmp_path / "out").mkdir()
    yield tmp_path


EARLIER = b'{"files": [], "summary": {}, "note": "the report of an earlier run"}\n'


def assert_wrote_nothing_else(blog: Blog, work: Path, before: dict[str, bytes | None]) -> None:
    """The working folder and the posts unchanged; only the cache and the output file new."""
    assert _tree(blog.root) == before, "valuelint changed the working folder or the posts"
    assert sorted(p.name for p in work.iterdir()) == ["cache", "out", "stderr", "stdout"]


def assert_output_whole(out: Path, blog: Blog) -> bytes:
    """The output file is the earlier report or a complete one, with nothing beside it."""
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name], (
        f"left beside the output file: {sorted(p.name for p in out.parent.iterdir())}")
    data = out.read_bytes()
    assert data == EARLIER or json.loads(data)["summary"]["files"] >= POSTS, data[:200]
    return data


def assert_cache_sound(cache: Path, *, temporary_allowed: bool) -> int:
    """Every entry left is a whole, valid entry: a post's result or what the site checks
    keep.

    Returns how many results there are.
    """
    names = {p.name for p in cache.iterdir()}
    assert {".gitignore", "CACHEDIR.TAG", ENTRIES} <= names, names
    temporary = [p for p in (cache / ENTRIES).glob("*/.*")]
    if not temporary_allowed:
        assert temporary == [], temporary
    results = 0
    for entry in _entries(cache):
        data = json.loads(entry.read_bytes())
        assert data["valuelint_cache"] == CACHE_FORMAT and isinstance(data["key"], str)
        if "value" in data:  # something the site checks keep
            value = data["value"]
            if isinstance(value, str):  # a near-duplicate candidate's shingles
                assert len(base64.b64decode(value, validate=True)) % 8 == 0
            elif isinstance(value, list):  # the site's near-duplicate pairs
                assert all(len(pair) == 3 for pair in value), value
            elif "files" in value:  # the site's findings: each one reads back
                stored = [f for _, findings in value["files"] for f in findings]
                assert all(finding_from_json(f).code for f in [*stored, *value["site"]])
            else:  # a post's features
                post_from_json(value, Path("post.md"), "post.md")
            continue
        result = result_from_json(data["result"])
        assert result.path.startswith("blog/"), result.path
        results += 1
    return results


def assert_next_run_recovers(blog: Blog, work: Path, entries: int) -> None:
    """The next run takes every entry from the cache and reports what an unbroken run does."""
    out = work / "out" / "report.json"
    done = _run(blog.root, out, work / "cache", VALUELINT_PROFILE="1")
    assert done.returncode in (0, 1), done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    _, stats = split_timings(done.stderr)
    assert stats["cached"] == entries, (stats, entries)
    assert out.read_bytes() == blog.baseline, "the next run's report differs from an unbroken run's"
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


def _interrupt(blog: Blog, work: Path, signum: int, *,
               group: bool) -> tuple[int, str, list[int]]:
    """Run, send ``signum`` once it is under way (to valuelint, or to its process group
    with its workers); the exit code, stderr and the workers."""
    (work / "out" / "report.json").write_bytes(EARLIER)
    before = _tree(blog.root)
    started = _start(blog, work)
    if group:
        os.killpg(started.proc.pid, signum)
    else:
        started.proc.send_signal(signum)
    code = _wait(started.proc)
    assert_wrote_nothing_else(blog, work, before)
    stderr = started.stderr.read_text("utf-8", "replace")
    return code, stderr, started.workers


def test_sigint(blog: Blog, work: Path) -> None:
    """Ctrl-C (to the process group, as a terminal sends it): exit 130 once the workers
    finish their post, no traceback, nothing broken."""
    code, stderr, workers = _interrupt(blog, work, signal.SIGINT, group=True)
    assert code == 130, stderr[-3000:]
    assert "Traceback" not in stderr, stderr[-3000:]
    assert all(line.startswith("valuelint: ") for line in stderr.splitlines()), stderr
    assert _gone(workers, 10.0) == [], "worker processes left running after Ctrl-C"
    assert (work / "out" / "report.json").read_bytes() == EARLIER
    assert_output_whole(work / "out" / "report.json", blog)
    entries = assert_cache_sound(work / "cache", temporary_allowed=False)
    assert 3 <= entries < POSTS
    assert_next_run_recovers(blog, work, entries)


def test_sigterm(blog: Blog, work: Path) -> None:
    """SIGTERM to valuelint (``kill PID``): exit 143, no report written, the cache sound."""
    code, stderr, workers = _interrupt(blog, work, signal.SIGTERM, group=False)
    _kill(_gone(workers, 2.0))
    assert code == 128 + signal.SIGTERM, stderr[-3000:]
    assert stderr.splitlines()[-1:] == ["valuelint: terminated"], stderr[-3000:]
    assert "Traceback" not in stderr, stderr[-3000:]
    assert (work / "out" / "report.json").read_bytes() == EARLIER
    assert_output_whole(work / "out" / "report.json", blog)
    # A process ended by a signal cannot remove the temporary file it was writing.
    entries = assert_cache_sound(work / "cache", temporary_allowed=True)
    assert 3 <= entries < POSTS
    assert_next_run_recovers(blog, work, entries)


def test_sigterm_stops_the_workers(blog: Blog, work: Path) -> None:
    """After SIGTERM, no worker process is left running."""
    (work / "out" / "report.json").write_bytes(EARLIER)
    started = _start(blog, work, min_entries=1)
    started.proc.send_signal(signal.SIGTERM)
    _wait(started.proc)
    left = _gone(started.workers, 5.0)
    _kill(left)
    assert left == [], f"worker processes {left} still running 5 s after SIGTERM"


def test_a_worker_ends_on_a_sigterm_of_its_own(blog: Blog, work: Path) -> None:
    """``kill`` of one worker ends it: the workers do not keep the signals the main process
    held while it started them."""
    started = _start(blog, work, min_entries=1)
    worker = started.workers[0]
    deadline = time.monotonic() + 10.0
    held = _held_signals(worker)
    while held and time.monotonic() < deadline:  # until the worker has started up
        time.sleep(0.02)
        held = _held_signals(worker)
    if held is None:
        _wait(started.proc)
        pytest.fail("the worker ended without a signal, still holding SIGINT and SIGTERM")
    os.kill(worker, signal.SIGTERM)
    left = _gone([worker], 10.0)
    code = _wait(started.proc)
    _kill(left)
    assert not held, f"a worker keeps {held} held"
    assert left == [], "a worker ignored SIGTERM"
    assert code in (0, 1, 2)


def _held_signals(pid: int) -> set[int] | None:
    """Which of SIGINT and SIGTERM process ``pid`` holds back; None once it has ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text("ascii")
    except OSError:
        return None
    mask = int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("SigBlk:")), 16)
    return {sig for sig in (signal.SIGINT, signal.SIGTERM) if mask >> (sig - 1) & 1}


HELD = """
import os, signal, sys
from valuelint.parallel import signals_held

class Arrived(Exception):
    pass

def arrive(signum, frame):
    raise Arrived

signal.signal(signal.SIGTERM, arrive)
inside = "not sent"
try:
    with signals_held():
        os.kill(os.getpid(), signal.SIGTERM)
        inside = "held"
except Arrived:
    print(inside, "then arrived")
"""


def test_sigterm_held_while_workers_start_arrives_when_they_have_started() -> None:
    """A SIGTERM sent while the pool starts its workers does not interrupt it halfway
    (which would leave workers no one stops): it arrives, whole, right after."""
    proc = subprocess.run([sys.executable, "-c", HELD], capture_output=True, text=True,
                          timeout=TIMEOUT, check=False)
    assert proc.stdout.strip() == "held then arrived", proc.stderr[-2000:]


def test_killed_worker(blog: Blog, work: Path) -> None:
    """A worker killed with SIGKILL: the run finishes and says which posts it lost."""
    out = work / "out" / "report.json"
    out.write_bytes(EARLIER)
    before = _tree(blog.root)
    started = _start(blog, work)
    os.kill(started.workers[0], signal.SIGKILL)
    code = _wait(started.proc)
    stderr = started.stderr.read_text("utf-8", "replace")
    assert "Traceback" not in stderr, stderr[-3000:]
    assert_wrote_nothing_else(blog, work, before)
    assert _gone(_children(started.proc.pid) + started.workers, 10.0) == []
    assert_output_whole(out, blog)
    report = json.loads(out.read_bytes())["files"]
    baseline = json.loads(blog.baseline)["files"]
    assert [f["path"] for f in report] == [f["path"] for f in baseline]
    lost = [f for f in report if f["errors"]]
    if lost:
        assert code == 2, stderr[-3000:]
    else:  # the worker was between posts: nothing lost
        assert code in (0, 1), stderr[-3000:]
    for mine, theirs in zip(report, baseline, strict=True):
        if mine["errors"]:
            assert mine["errors"] == [WORKER_LOST] and mine["score"] is None, mine
            assert f"{mine['path']}: error: {WORKER_LOST}" in stderr
        elif mine["path"].endswith(".md"):
            assert mine == theirs, mine["path"]
        # (The blog-wide result, "blog/", counts only the posts checked.)
    assert len(lost) < POSTS // 2, "the run did not go on with new workers"
    # The other worker may have stored a post just before the broken pool stopped it.
    entries = assert_cache_sound(work / "cache", temporary_allowed=True)
    assert POSTS - len(lost) <= entries <= POSTS
    assert_next_run_recovers(blog, work, entries)
