"""Hostile input: whatever is in a blog repository, valuelint finishes with a report.

Every input below is built by the test itself. Each one is checked by the real
command line, between two ordinary posts, with ``--format json --output-file``;
for each, valuelint must

* finish within a time bound that grows with what it has to read:
  :data:`BOUND_BASE` seconds plus :data:`BOUND_PER_MB` seconds per megabyte;
* use at most :data:`MEMORY_LIMIT` of memory (the peak resident set of the
  process, as the kernel reports it when the process is reaped);
* report either a result or exactly one one-line error naming the file, never
  a traceback, and exit 0 or 1 for results, 2 when any file could not be
  checked, as docs/configuration.md documents;
* check the two ordinary posts of the same run.

Starting a Python process and importing spaCy takes a few seconds, so one
driver process imports valuelint once and then runs each case's command line
in a process of its own, forked from it (``os.fork``): the case gets its own
memory, exit status and resource usage, and its time does not include the
imports. The last test runs every input at once in one ordinary
``python -m valuelint`` process with two worker processes.

Root reads files whatever their permissions, so the cases about permissions
run their command as an unprivileged user (uid 65534) when the tests run as
root; without root they use the permissions as they are.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

#: Seconds any case may take, whatever its size.
BOUND_BASE = 20.0
#: Seconds more for each megabyte valuelint has to read.
BOUND_PER_MB = 30.0
#: Peak memory any case may use.
MEMORY_LIMIT = 1024**3
#: The user the permission cases run as when the tests run as root.
UNPRIVILEGED = 65534

#: An ordinary post, checked before and after each hostile input.
ORDINARY = """\
# Reading a stack trace

A stack trace lists the calls that led to an error, innermost last. Start at
the bottom: the last line names the exception and its message, and the frame
above it shows the line that raised it. Work upward until you reach your own
code; that frame is usually where the fix belongs.

Keep the trace when you report a bug. It tells the maintainer which version
ran, which path the program took and where it stopped.
"""

#: A post with findings (a sales pitch), for the cases whose twin is compared.
PITCH = """\
---
title: Our new course
---
# Our new course

Buy now and save! This is the best course you will ever take.
Studies show that readers love it, and you won't believe what happens next.

- Act now: the offer ends tonight.
- Click here to learn more.
"""


# --------------------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Case:
    """A hostile input, how to build it and what valuelint must make of it."""

    name: str
    build: Callable[[Path], list[str]]
    """Writes the input into the case folder; returns the paths to check."""
    error: str = ""
    """Words of the one-line error expected for the input; empty: a result is expected."""
    mb: float = 0.0
    """Megabytes valuelint has to read (not what it refuses unread)."""
    twin: bool = False
    """The input holds PITCH in another encoding or line ending: same findings expected."""
    reports: tuple[str, ...] | None = None
    """The paths the report lists between the ordinary posts (default: what build returns)."""
    unprivileged: bool = False
    slow: bool = False
    args: tuple[str, ...] = ()
    notes: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def bound(self) -> float:
        return BOUND_BASE + BOUND_PER_MB * self.mb


def _put(folder: Path, name: str, data: str | bytes) -> list[str]:
    (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return [name]


Content = str | bytes | Callable[[], str | bytes]


def _writer(name: str, data: Content) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        return _put(folder, name, data() if callable(data) else data)

    return build


def _laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "---\n" + "\n".join(lines) + "\n---\n# Laughs\n\nText.\n"


def _fifty_mb() -> bytes:
    paragraph = ("A sentence that a writer could have written about builds. " * 12 + "\n\n")
    return (paragraph.encode() * (50_000_000 // len(paragraph) + 1))[:50_000_000]


def _symlink_loop(folder: Path) -> list[str]:
    os.symlink("loop-b.md", folder / "loop-a.md")
    os.symlink("loop-a.md", folder / "loop-b.md")
    return ["loop-a.md"]


def _dangling(folder: Path) -> list[str]:
    os.symlink("gone.md", folder / "dangling.md")
    return ["dangling.md"]


def _unreadable(folder: Path) -> list[str]:
    (folder / "secret.md").write_text(ORDINARY, "utf-8")
    (folder / "secret.md").chmod(0)
    return ["secret.md"]


def _unreadable_in_folder(folder: Path) -> list[str]:
    posts = folder / "posts"
    posts.mkdir()
    (posts / "public.md").write_text(ORDINARY, "utf-8")
    (posts / "secret.md").write_text(ORDINARY, "utf-8")
    (posts / "secret.md").chmod(0)
    return ["posts"]


def _unlistable(folder: Path) -> list[str]:
    posts = folder / "posts"
    (posts / "private").mkdir(parents=True)
    (posts / "public.md").write_text(ORDINARY, "utf-8")
    (posts / "private" / "draft.md").write_text(ORDINARY, "utf-8")
    (posts / "private").chmod(0)
    return ["posts"]


def _io_error(folder: Path) -> list[str]:
    # Reading the start of a process's own memory fails with EIO, for root too:
    # what a failing disk gives.
    os.symlink("/proc/self/mem", folder / "failing-disk.md")
    return ["failing-disk.md"]


def _named_pipe(folder: Path) -> list[str]:
    os.mkfifo(folder / "pipe.md")
    return ["pipe.md"]


def _non_utf8_name(folder: Path) -> list[str]:
    path = Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9.md"))
    path.write_text(ORDINARY, "utf-8")
    return [path.name]


def _markdown_named_folder(folder: Path) -> list[str]:
    posts = folder / "posts"
    (posts / "drafts.md").mkdir(parents=True)
    (posts / "drafts.md" / "inside.md").write_text(ORDINARY, "utf-8")
    (posts / "notes.md").write_text(ORDINARY, "utf-8")
    os.symlink(".", posts / "again")
    return ["posts"]


def _twin(encode: Callable[[str], bytes]) -> Callable[[], bytes]:
    return lambda: encode(PITCH)


CASES: list[Case] = [
    Case("invalid-utf8", _writer("latin1.md", b"# Caf\xe9\n\nCaf\xe9 au lait.\n"),
         error="not valid UTF-8 (byte 0xe9 on line 1)"),
    Case("utf8-bom", _writer("bom.md", _twin(lambda t: codecs.BOM_UTF8 + t.encode())), twin=True),
    Case("utf16-le-bom", _writer("utf16le.md", _twin(lambda t: t.encode("utf-16"))), twin=True),
    Case("utf16-be-bom", _writer("utf16be.md", _twin(
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"))), twin=True),
    Case("utf16-no-bom", _writer("utf16.md", _twin(lambda t: t.encode("utf-16-le"))),
         error="UTF-16 text without a byte-order mark"),
    Case("crlf", _writer("crlf.md", _twin(lambda t: t.replace("\n", "\r\n").encode())), twin=True),
    Case("lone-cr", _writer("cr.md", _twin(lambda t: t.replace("\n", "\r").encode())), twin=True),
    Case("mixed-line-endings", _writer("mixed.md", _twin(lambda t: "".join(
        line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(t.split("\n")[:-1])
    ).encode())), twin=True),
    Case("nul-bytes", _writer("nul.md", b"# Title\n\nSome\x00text.\n"),
         error="binary file (contains NUL bytes)"),
    Case("file-50mb", _writer("huge.md", _fifty_mb),
         error="file is 50.0 MB, over the 5 MB limit (max-file-size-mb)"),
    Case("line-5mb", _writer("one-line.md", lambda: ("word " * 1_000_000)[:4_999_999]),
         mb=5.0, slow=True),
    Case("blockquotes-10000", _writer("quotes.md", "> " * 10_000 + "deep words\n"), mb=0.02),
    Case("lists-10000", _writer("lists.md", "- " * 5_000 + "1. " * 5_000 + "item\n"), mb=0.03),
    Case("quotes-and-lists-10000", _writer("mixed-nesting.md", "> - " * 5_000 + "x\n"),
         mb=0.02),
    Case("headings-100000", _writer("headings.md", lambda: "".join(
        f"## Heading {n}\n" for n in range(100_000))), mb=1.7, slow=True),
    Case("unclosed-code-fence", _writer("fence.md", "# Code\n\n```python\nprint('x')\n\nmore\n")),
    Case("unclosed-html-comment", _writer("comment.md", "# Title\n\n<!-- never closed\n\nText.\n")),
    Case("front-matter-never-closed", _writer("open.md", "---\ntitle: Open\n\n# Body\n\nText.\n"),
         error="YAML front matter opened with '---' is never closed"),
    Case("toml-never-closed", _writer("open-toml.md", '+++\ntitle = "Open"\n\n# Body\n'),
         error="TOML front matter opened with '+++' is never closed"),
    Case("billion-laughs", _writer("laughs.md", _laughs),
         error="YAML front matter expands to more than 10000 values"),
    Case("yaml-python-tag", lambda folder: _put(folder, "tag.md", (
        "---\ntitle: !!python/object/apply:os.system ['touch executed']\n---\n# Body\n")),
        error="could not determine a constructor for the tag"),
    Case("toml-does-not-parse", _writer("bad.md", '+++\ntitle = \n+++\n# Body\n'),
         error="TOML front matter does not parse: Invalid value (line 2, column 9)"),
    Case("json-does-not-parse", _writer("bad-json.md", '{\n"title": "x",\n}\n# Body\n'),
         error="JSON front matter does not parse"),
    Case("title-is-a-list", _writer("title-list.md", "---\ntitle: [a, b]\n---\n# Body\n\nText.\n")),
    Case("title-is-a-number", _writer("title-number.md", "---\ntitle: 42\n---\n\nText.\n")),
    Case("empty-file", _writer("empty.md", b""), error="file is empty"),
    Case("blank-file", _writer("blank.md", " \n\t\n\r\n"), error="file is empty"),
    Case("only-front-matter", _writer("only-front.md", "---\ntitle: Only\ntags: [a]\n---\n")),
    Case("symlink-loop", _symlink_loop, error="cannot read: Too many levels of symbolic links"),
    Case("dangling-symlink", _dangling, error="no such file or directory"),
    Case("permission-denied", _unreadable, error="cannot read: Permission denied",
         unprivileged=True),
    Case("permission-denied-in-folder", _unreadable_in_folder,
         error="cannot read: Permission denied", unprivileged=True),
    Case("unlistable-folder", _unlistable, error="Permission denied", unprivileged=True),
    Case("read-error", _io_error, error="cannot read: Input/output error"),
    Case("named-pipe", _named_pipe, error="is a named pipe, not a regular file"),
    Case("spaces-and-non-ascii-name", _writer("my post é 日本.md", ORDINARY)),
    Case("non-utf8-file-name", _non_utf8_name),
    Case("folder-named-like-markdown", _markdown_named_folder,
         reports=("posts/notes.md", "posts/drafts.md/inside.md")),
    # Template syntax that never closes, once made each later opening search to the end.
    Case("unclosed-liquid-tags", _writer("liquid.md", "# T\n\n" + "{% if " * 60_000 + "\n"),
         mb=0.36),
    Case("unclosed-shortcodes", _writer("shortcodes.md", "# T\n\n" + "{{< x " * 60_000 + "\n"),
         mb=0.36),
    Case("unclosed-highlight-regions", _writer("highlight.md", "# T\n\n" + (
        "{% highlight python %}\nx = 1\n" * 20_000)), mb=0.6),
    Case("unclosed-html-comments", _writer("comments.md", "<div>\n" + "<!-- " * 80_000 + "\n"),
         mb=0.4),
    Case("kramdown-attributes-on-one-line", _writer("ial.md", "# T\n\n" + "{: .x " * 60_000),
         mb=0.36),
    Case("nested-html-links", _writer("links.md", "# T\n\n" + "<a href=x>w " * 30_000 + "\n"),
         mb=0.36),
    Case("jsx-tags-then-text", _writer("tags.mdx", "# T\n\n" + "<a /><b />" * 20 + "x\n" * 2_000),
         mb=0.01),
    Case("nested-brackets", _writer("brackets.md", "# T\n\n" + "^[" * 60_000 + "\n"), mb=0.12),
    Case("many-lines", _writer("lines.md", lambda: "a\n\n" * 110_000),
         error="too many lines to check in one post"),
    Case("much-markdown", _writer("emphasis.md", lambda: "*a* " * 130_000),
         error="too much Markdown to check in one post", mb=0.52),
    Case("much-prose", _writer("words.md", lambda: "a " * 2_000_000),
         error="too much prose to check in one post", mb=4.0),
]


# --------------------------------------------------------------------------- the driver


def _warm_up() -> None:
    """Import and load everything a check needs, once, before any case forks.

    A case run as an unprivileged user may not be able to read the Python
    installation, so nothing it needs may be left to import.
    """
    import importlib
    import pkgutil

    import valuelint
    from valuelint.config import Config
    from valuelint.engine import check_text
    from valuelint.plugins import load_rules

    for module in ("concurrent.futures.process", "multiprocessing.connection",
                   "multiprocessing.context", "multiprocessing.queues",
                   "multiprocessing.synchronize", "multiprocessing.popen_fork"):
        importlib.import_module(module)
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "ascii",
                     "latin-1"):
        codecs.lookup(encoding)
    for info in pkgutil.walk_packages(valuelint.__path__, "valuelint."):
        importlib.import_module(info.name)
    check_text(PITCH + ORDINARY, "warm-up.md", Config(), load_rules())


def _child(job: dict[str, Any]) -> None:
    """In the forked process: run the command line of one case; never returns."""
    code = 70
    try:
        os.chdir(job["cwd"])
        empty_in, writer = os.pipe()
        os.close(writer)
        os.dup2(empty_in, 0)
        for fd, name in ((1, "stdout"), (2, "stderr")):
            os.dup2(os.open(job[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), fd)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(job["kill_after"])
        if job["unprivileged"] and os.geteuid() == 0:
            os.setgroups([])
            os.setgid(UNPRIVILEGED)
            os.setuid(UNPRIVILEGED)
        sys.argv = ["valuelint", *job["args"]]
        from valuelint.cli import exit_code

        code = exit_code()
    except BaseException:
        traceback.print_exc()  # what the interpreter does with an uncaught exception
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def drive() -> None:
    """The driver process: warm up once, then fork one process per case (JSON on stdin)."""
    jobs = json.load(sys.stdin)
    _warm_up()
    for job in jobs:
        sys.stdout.flush()
        sys.stderr.flush()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(job)
        _, status, usage = os.wait4(pid, 0)
        print(json.dumps({
            "name": job["name"], "wall": time.monotonic() - started,
            "exit": os.waitstatus_to_exitcode(status), "peak_kb": usage.ru_maxrss,
        }), flush=True)


@dataclass
class Run:
    """What one case's command did."""

    case: Case
    exit: int
    wall: float
    peak: int
    """Peak resident memory in bytes."""
    stdout: str
    stderr: str
    report: bytes

    def files(self) -> list[dict[str, Any]]:
        files: list[dict[str, Any]] = json.loads(self.report.decode("utf-8"))["files"]
        return files


def _case_dir(root: Path, case: Case) -> Path:
    folder = root / case.name
    folder.mkdir()
    (folder / ".git").mkdir()
    (folder / "before.md").write_text(PITCH if case.twin else ORDINARY, "utf-8")
    (folder / "after.md").write_text(ORDINARY, "utf-8")
    if case.unprivileged:
        folder.chmod(0o777)
    return folder


def _run_cases(root: Path, cases: list[Case]) -> dict[str, Run]:
    jobs, folders = [], {}
    for case in cases:
        folder = folders[case.name] = _case_dir(root, case)
        paths = case.build(folder)
        jobs.append({
            "name": case.name, "cwd": str(folder), "unprivileged": case.unprivileged,
            "stdout": str(root / f"{case.name}.stdout"),
            "stderr": str(root / f"{case.name}.stderr"),
            "kill_after": int(case.bound * 2 + 30),
            "args": ["check", "--format", "json", "--jobs", "1", "--output-file",
                     str(folder / "report.json"), *case.args, "before.md", *paths, "after.md"],
        })
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
            "import test_hostile; test_hostile.drive()")
    proc = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(jobs), capture_output=True, text=True,
        cwd=root, env={**os.environ, "NO_COLOR": "1"}, check=False,
        timeout=120 + sum(job["kill_after"] for job in jobs),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    runs = {}
    for line in proc.stdout.splitlines():
        done = json.loads(line)
        case = next(c for c in cases if c.name == done["name"])
        report = folders[case.name] / "report.json"
        runs[case.name] = Run(
            case, done["exit"], done["wall"], done["peak_kb"] * 1024,
            (root / f"{case.name}.stdout").read_text("utf-8", "replace"),
            (root / f"{case.name}.stderr").read_text("utf-8", "replace"),
            report.read_bytes() if report.exists() else b"",
        )
    return runs


@pytest.fixture(scope="module")
def corpus() -> Iterator[Path]:
    """A folder every user can enter (the permission cases run as an unprivileged user)."""
    root = Path(tempfile.mkdtemp(prefix="valuelint-hostile-"))
    root.chmod(0o755)
    yield root
    for folder, dirs, _ in os.walk(root):
        for name in dirs:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(0o755)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def fast_runs(corpus: Path) -> dict[str, Run]:
    (corpus / "fast").mkdir()
    return _run_cases(corpus / "fast", [c for c in CASES if not c.slow])


@pytest.fixture(scope="module")
def slow_runs(corpus: Path) -> dict[str, Run]:
    (corpus / "slow").mkdir()
    return _run_cases(corpus / "slow", [c for c in CASES if c.slow])


# --------------------------------------------------------------------------- the checks


def _skip_unless_possible(case: Case) -> None:
    if case.unprivileged and os.geteuid() != 0:
        probe = Path(tempfile.mkdtemp())
        try:
            (probe / "x").write_text("x")
            (probe / "x").chmod(0)
            try:
                (probe / "x").read_bytes()
            except PermissionError:
                return
            pytest.skip("this user reads files whatever their permissions, and is not root "
                        "(which could run the case as an unprivileged user)")
        finally:
            (probe / "x").chmod(0o644)
            shutil.rmtree(probe)
    if case.name == "read-error" and not Path("/proc/self/mem").exists():
        pytest.skip("no /proc/self/mem on this system to make a read fail")


def _assert_run(run: Run) -> None:
    case = run.case
    where = f"{case.name}: exit {run.exit}, stderr:\n{run.stderr[-2000:]}"
    assert "Traceback" not in run.stderr + run.stdout, where
    assert run.exit in (0, 1, 2), where
    assert run.wall < case.bound, f"{case.name} took {run.wall:.1f} s, bound {case.bound:.0f} s"
    assert run.peak < MEMORY_LIMIT, f"{case.name} used {run.peak / 2**20:.0f} MB"
    files = run.files()
    paths = [f["path"] for f in files]
    hostile = files[1:-1]
    assert paths[0] == "before.md" and paths[-1] == "after.md", paths
    for ordinary in (files[0], files[-1]):
        assert ordinary["errors"] == [] and isinstance(ordinary["score"], int), ordinary
    if case.reports is not None:
        assert sorted(paths[1:-1]) == sorted(case.reports), paths
    errors = [line for line in run.stderr.splitlines() if ": error: " in line]
    if case.error:
        assert run.exit == 2, where
        failed = [f for f in hostile if f["errors"]]
        assert len(failed) == 1, hostile
        assert len(failed[0]["errors"]) == 1 and case.error in failed[0]["errors"][0], failed
        assert failed[0]["score"] is None
        assert errors == [f"{failed[0]['path']}: error: {failed[0]['errors'][0]}"], where
        others = [f for f in hostile if not f["errors"]]
    else:
        assert run.exit in (0, 1), where
        assert errors == [], where
        others = hostile
    assert others or case.error, hostile
    for result in others:
        assert isinstance(result["score"], int) and 0 <= result["score"] <= 100, result
    if case.twin:
        twin = files[1]
        assert twin["findings"] == files[0]["findings"], "findings differ from the twin's"
        assert twin["score"] == files[0]["score"] and twin["findings"]
    if case.name == "non-utf8-file-name":
        # The name cannot be shown as it is; it is shown, and the report stays UTF-8.
        assert len(hostile) == 1 and hostile[0]["path"].startswith("caf"), hostile


@pytest.mark.parametrize("case", [c for c in CASES if not c.slow], ids=lambda c: c.name)
def test_hostile_input(case: Case, fast_runs: dict[str, Run]) -> None:
    _skip_unless_possible(case)
    _assert_run(fast_runs[case.name])


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if c.slow], ids=lambda c: c.name)
def test_large_hostile_input(case: Case, slow_runs: dict[str, Run]) -> None:
    _assert_run(slow_runs[case.name])


def test_yaml_tags_never_run_code(fast_runs: dict[str, Run], corpus: Path) -> None:
    assert not (corpus / "fast" / "yaml-python-tag" / "executed").exists()


# --------------------------------------------------------------------------- all at once


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int]:
    """Exit code and peak memory (bytes) of a process and the workers it waited for."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, usage.ru_maxrss * 1024
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"no exit within {timeout:.0f} s")
        time.sleep(0.05)


def test_every_hostile_input_in_one_run_with_workers(tmp_path: Path) -> None:
    """One ordinary process with two workers checks the whole corpus, file by file."""
    blog = tmp_path / "blog"
    blog.mkdir()
    (blog / ".git").mkdir()
    (blog / "aaa-first.md").write_text(ORDINARY, "utf-8")
    (blog / "zzz-last.md").write_text(ORDINARY, "utf-8")
    cases = [c for c in CASES if not c.slow and not c.unprivileged]
    bound = BOUND_BASE + sum(c.bound for c in cases) / 4
    for case in cases:
        folder = blog / case.name
        folder.mkdir()
        case.build(folder)
    out = tmp_path / "report.json"
    started = time.monotonic()
    with open(tmp_path / "stderr", "wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "valuelint", "check", "blog", "--jobs", "2",
             "--format", "json", "--output-file", str(out)],
            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=stderr,
            env={**os.environ, "NO_COLOR": "1"},
        )
        code, peak = _wait(proc, bound * 3)
    wall = time.monotonic() - started
    messages = (tmp_path / "stderr").read_text("utf-8", "replace")
    assert "Traceback" not in messages, messages[-3000:]
    assert code == 2, messages[-3000:]
    assert wall < bound, f"{wall:.0f} s, bound {bound:.0f} s"
    assert peak < MEMORY_LIMIT, f"{peak / 2**20:.0f} MB"
    reported = json.loads(out.read_bytes().decode("utf-8"))["files"]
    # The folder's own entry, last, holds the site-level findings about the blog.
    assert reported[-1]["path"] == "blog/" and not reported[-1]["errors"], reported[-1]
    files = reported[:-1]
    paths = [f["path"] for f in files]
    assert len(paths) == len(set(paths))
    # Folder by folder: the blog's own two posts, then each case's folder in name order.
    assert paths[:2] == ["blog/aaa-first.md", "blog/zzz-last.md"], paths
    folders = [path.split("/")[1] for path in paths[2:]]
    assert folders == sorted(folders), paths
    for case in cases:
        mine = [f for f in files if f["path"].startswith(f"blog/{case.name}/")]
        assert mine, case.name
        failed = [f for f in mine if f["errors"]]
        if case.error:
            # Found by walking the folder, both links of a loop are files that cannot be read.
            assert failed and all(case.error in f["errors"][0] for f in failed), (case.name, mine)
        else:
            assert not failed, (case.name, failed)
    error_lines = [line for line in messages.splitlines() if ": error: " in line]
    assert len(error_lines) == sum(len(f["errors"]) for f in files)


def test_the_cases_build_what_they_say(tmp_path: Path) -> None:
    """The inputs are what their names promise (so a passing case means something)."""
    built = {}
    for case in CASES:
        if case.slow or case.name in ("file-50mb",):
            continue
        folder = tmp_path / case.name
        folder.mkdir()
        built[case.name] = [folder / p for p in case.build(folder)]
    assert stat.S_ISFIFO(os.lstat(built["named-pipe"][0]).st_mode)
    assert os.readlink(built["symlink-loop"][0]) == "loop-b.md"
    assert built["utf8-bom"][0].read_bytes().startswith(codecs.BOM_UTF8)
    assert built["utf16-le-bom"][0].read_bytes().startswith(codecs.BOM_UTF16_LE)
    assert b"\r\n" in built["crlf"][0].read_bytes()
    assert b"\n" not in built["lone-cr"][0].read_bytes()
    assert built["blockquotes-10000"][0].read_text().count(">") == 10_000
    assert os.fsencode(built["non-utf8-file-name"][0]).endswith(b"/caf\xe9.md")
    with pytest.raises(UnicodeDecodeError):
        os.fsencode(built["non-utf8-file-name"][0]).decode("utf-8")
