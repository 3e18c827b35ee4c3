"""How fast valuelint is, side by side with proselint, on a real blog corpus.

Run from the repository root with the interpreter valuelint is installed in::

    .venv/bin/python benchmarks/speed.py            # about 10 minutes on 2 cores
    .venv/bin/python benchmarks/speed.py --runs 1 --no-scaling   # a quick look

The first run creates a virtual environment for proselint (from the package
index) under ``benchmarks/.envs/``, which git ignores. Every number is a whole
process, started as a user starts it, timed from outside. In each round the
four corpus runs alternate: valuelint with an empty cache, valuelint again
with the cache that run filled, proselint, and ``floor.py`` (markdown-it-py and
spaCy's tokenizer alone, the floor under a cold run); then both tools check one
typical post (the post of median size). The script prints the median of the
rounds, the ratios, the peak memory of each process tree (all worker
processes added up), valuelint's time by phase (``VALUELINT_PROFILE=1``), what
a one-post run spends importing and loading, step by step, and valuelint's
time per post over 1, 2 and 4 copies of the corpus. The targets: a cold run
over the corpus within 2x floor.py's wall time, one typical post in 0.65 s,
a warm run 60x faster than proselint, time per post flat within 15% from 1x
to 4x the corpus, and peak memory under 400 MB.

A timed command that does not succeed (valuelint unable to check a post,
proselint or ``floor.py`` crashing) stops the benchmark with its exit status
and stderr: a failed run is quick, and is never timed as if it had done the
work. Figures per post divide by the number of files valuelint says it
checked (``VALUELINT_PROFILE=1``).

The corpus is ``../shared/corpus`` relative to the repository root unless
``--corpus`` names another folder. Numbers depend on the machine and on what
else it is doing: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
ENVS = REPO / "benchmarks" / ".envs"
PROSELINT_VERSION = "0.16.0"
SUFFIXES = (".md", ".markdown", ".mdx")

#: Targets, checked at the end. A cold run over the corpus takes at most this many
#: times floor.py's wall time (the two libraries valuelint is built on, alone).
COLD_FLOOR_TARGET = 2.0
#: A warm run over the corpus is at least this many times faster than proselint's.
WARM_TARGET = 60.0
#: One typical post, checked with an empty cache, in at most this many seconds of wall.
ONE_POST_SECONDS = 0.65
SCALING_SPREAD = 0.15
MEMORY_MB = 400.0


# --------------------------------------------------------------------------- measuring


@dataclass
class Measure:
    """One process run: wall and CPU time, peak memory of its tree, its stderr."""

    seconds: float
    cpu: float
    """User and system CPU seconds of the process and every process it waited for."""
    peak_mb: float
    code: int
    stderr: str


def _memory_kb(pid: int) -> int:
    """A process's proportional set size in kB: shared pages split among their sharers.

    Worker processes forked from valuelint share what the parent loaded;
    adding up their resident sizes would count those pages once per process.
    """
    for name, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(name, encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return 0


def _tree_memory(pid: int) -> int:
    """Memory in kB of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _memory_kb(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment every timed process runs in.

    Python may write and read its bytecode caches, as in an installed package
    (pip compiles every module it installs): a ``PYTHONDONTWRITEBYTECODE`` set
    in the shell would otherwise make valuelint's editable checkout compile
    its modules on every run, while proselint's installed ones never do.
    """
    env = {name: value for name, value in os.environ.items()
           if name != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "NO_COLOR": "1", **(extra or {})}


class RunFailed(SystemExit):
    """A timed command did not succeed: its time would not be the time of the work."""


def failed(command: Sequence[str | Path], code: int, stderr: str) -> RunFailed:
    how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
    tail = stderr.strip()[-3000:] or "(nothing: run the command to see its report)"
    return RunFailed(f"speed.py: {' '.join(str(c) for c in command)} {how}, so it is not "
                     f"timed; its stderr ends with:\n{tail}")


def measure(command: Sequence[str | Path], *, cwd: Path = REPO,
            env: dict[str, str] | None = None, ok: Collection[int] = (0,)) -> Measure:
    """Run ``command`` to the end, output discarded, sampling its memory every 50 ms.

    A command that exits with a status outside ``ok`` (or is killed) stops the
    benchmark with :class:`RunFailed`: a crash is quick, and must not be timed as
    a success.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen([str(c) for c in command], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True,
                            env=child_env(env))
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_memory(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    sampler.join()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in ok:
        raise failed(command, proc.returncode, stderr)
    return Measure(seconds, cpu, peak / 1024, proc.returncode, stderr)


@dataclass
class Series:
    name: str
    runs: list[Measure] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(m.seconds for m in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(m.cpu for m in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(m.peak_mb for m in self.runs)

    def line(self) -> str:
        times = ", ".join(f"{m.seconds:.2f}" for m in self.runs)
        return (f"  {self.name:<24} median {self.median:7.2f} s wall {self.cpu:7.2f} s CPU"
                f"   peak {self.peak_mb:4.0f} MB   (wall: {times})")


def timings(stderr: str) -> dict[str, object]:
    """valuelint's ``VALUELINT_PROFILE`` line, parsed."""
    for line in stderr.splitlines():
        if line.startswith("valuelint: timings "):
            data: dict[str, object] = json.loads(line.removeprefix("valuelint: timings "))
            return data
    raise SystemExit(f"valuelint printed no timings; its stderr was:\n{stderr}")


def checked_files(run: Measure, expected: int) -> int:
    """How many files a valuelint run says it checked; a number other than ``expected``
    (the posts this script finds) is printed, since per-post figures divide by it."""
    files = timings(run.stderr)["files"]
    if not isinstance(files, int) or files <= 0:
        raise RunFailed(f"speed.py: valuelint says it checked {files!r} files")
    if files != expected:
        print(f"  note: valuelint checked {files} files where this script counts {expected} "
              "posts; per-post figures divide by valuelint's number", flush=True)
    return files


# --------------------------------------------------------------------------- the tools


def proselint_command() -> list[str]:
    """proselint's command, installing it into benchmarks/.envs/ the first time."""
    env = ENVS / "proselint"
    binary = env / ("Scripts" if os.name == "nt" else "bin")
    proselint = binary / "proselint"
    if not proselint.exists():
        print(f"Creating {env.relative_to(REPO)} with proselint {PROSELINT_VERSION} "
              "(first run only)...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
        subprocess.run([str(binary / "python"), "-m", "pip", "install", "--quiet",
                        f"proselint=={PROSELINT_VERSION}"], check=True)
    return [str(proselint), "check"]


#: proselint's exit statuses for a run that checked every file: 1 says it found problems;
#: 2 (bad arguments), 3 (interrupted) and 4 (an error) say it did not do the work.
PROSELINT_OK = (0, 1)
#: valuelint with ``--exit-zero`` exits 0 whatever it finds; 2 says a file or the
#: configuration could not be read, so not every post was checked.
VALUELINT = [sys.executable, "-m", "valuelint", "check", "--exit-zero"]
#: The two parsing libraries alone, as valuelint's workers run them (see floor.py).
FLOOR = [sys.executable, str(REPO / "benchmarks" / "floor.py")]


def posts(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix in SUFFIXES and p.is_file())


def typical_post(corpus: Path) -> Path:
    """The post of median size (ties broken by path): neither a stub nor a book."""
    found = sorted(posts(corpus), key=lambda p: (p.stat().st_size, str(p)))
    return found[len(found) // 2]


# --------------------------------------------------------------------------- reports


def phase_table(data: dict[str, object], wall: float) -> list[str]:
    phases = data.get("phases")
    assert isinstance(phases, dict)
    total = sum(float(v) for v in phases.values()) or 1.0
    order = ["read", "cache", "parse", "language-load", "language", "rules", "score",
             "report", "workers-start"]
    lines = [f"    files {data['files']}, from the cache {data['cached']}, "
             f"worker processes {data['workers']}; process wall {wall:.2f} s, "
             f"of which checking {data['check_wall']} s"]
    lines.append("    phase           seconds (added up over processes)   share")
    for name in sorted(phases, key=lambda n: order.index(n) if n in order else 99):
        value = float(phases[name])
        lines.append(f"    {name:<15} {value:9.2f}                             "
                     f"{100 * value / total:5.1f}%")
    return lines


_IMPORT = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)")


def import_budget(post: Path) -> list[str]:
    """What a one-post run spends importing, by top-level package (``-X importtime``)."""
    with tempfile.TemporaryDirectory(prefix="valuelint-imports-") as cache:
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "valuelint", "check", "--exit-zero",
             "--cache-dir", cache, str(post)],
            cwd=REPO, capture_output=True, text=True, check=False, env=child_env())
    if proc.returncode != 0:
        raise failed(proc.args, proc.returncode, proc.stderr)
    by_package: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        match = _IMPORT.match(line)
        if match and not match.group(3):  # imported at top level, not by another import
            root = match.group(4).split(".")[0]
            by_package[root] = by_package.get(root, 0.0) + int(match.group(2)) / 1e6
    loads = load_budget()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - started
    lines = [f"    {name:<20} {seconds:6.2f} s" for name, seconds in
             sorted(by_package.items(), key=lambda item: -item[1]) if seconds >= 0.01]
    lines.append(f"    {'(all imports)':<20} {sum(by_package.values()):6.2f} s")
    lines.append("  what a one-post run loads, step by step (timed inside one process of its own):")
    lines.extend(f"    {name:<58} {seconds:6.3f} s" for name, seconds in loads)
    lines.append(f"    a bare Python start: {bare:.2f} s")
    return lines


#: Times, inside one process, each step a one-post run takes before it reads the
#: post, in the order the run takes them; prints one JSON list of [step, seconds].
_LOAD_STEPS = """
import json, time
steps = []
def step(name, started):
    steps.append((name, time.perf_counter() - started))
started = time.perf_counter()
import valuelint.cli
step("valuelint's command line and engine (import)", started)
started = time.perf_counter()
from valuelint.plugins import load_rules
load_rules()
step("the rule packs, through their entry points", started)
started = time.perf_counter()
from valuelint.language import import_spacy, get_pipeline
import_spacy()
step("spaCy (import)", started)
started = time.perf_counter()
get_pipeline("en")
step("the English pipeline: tokenizer, sentencizer, lemma table", started)
started = time.perf_counter()
from valuelint_rules.readability import syllables
syllables("word"), syllables("rustacean")
step("the syllable table and hyphenation patterns (first count)", started)
print(json.dumps(steps))
"""


def load_budget() -> list[tuple[str, float]]:
    """Each load step of a one-post run, timed in a process of its own: the difference
    of two whole processes would be mostly noise."""
    proc = subprocess.run([sys.executable, "-c", _LOAD_STEPS], cwd=REPO, capture_output=True,
                          text=True, check=False, env=child_env())
    if proc.returncode != 0:
        raise failed(proc.args, proc.returncode, proc.stderr)
    return [(str(name), float(seconds)) for name, seconds in json.loads(proc.stdout)]


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=3, help="rounds of timing (default 3)")
    parser.add_argument("--post-runs", type=int, default=7,
                        help="runs of each tool on one post (default 7)")
    parser.add_argument("--no-scaling", action="store_true",
                        help="skip the 1x/2x/4x corpus runs")
    args = parser.parse_args(argv)
    corpus: Path = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    proselint = proselint_command()
    count = len(posts(corpus))
    words = sum(len(p.read_text("utf-8", "replace").split()) for p in posts(corpus))
    post = typical_post(corpus)
    print(f"valuelint speed benchmark: {corpus} ({count} posts, {words:,} words, "
          f"{sum(p.stat().st_size for p in posts(corpus)) / 1e6:.1f} MB)")
    print(f"  {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f} at the start; "
          f"Python {sys.version.split()[0]}; proselint {PROSELINT_VERSION}")
    print(f"  typical post: {post.relative_to(corpus)} ({post.stat().st_size:,} bytes, "
          f"{len(post.read_text('utf-8').split())} words)\n")

    # Untimed: leaves the bytecode caches of valuelint's modules as an install would.
    measure([*VALUELINT, "--no-cache", post])
    measure([*proselint, post], ok=PROSELINT_OK)

    cold, warm = Series("valuelint, empty cache"), Series("valuelint, warm cache")
    prose = Series("proselint")
    floor = Series("floor.py (libraries only)")
    cold_timings: dict[str, object] = {}
    warm_timings: dict[str, object] = {}
    profile = {"VALUELINT_PROFILE": "1"}
    with tempfile.TemporaryDirectory(prefix="valuelint-bench-") as temp:
        cache = Path(temp) / "cache"
        for round_ in range(args.runs):
            print(f"round {round_ + 1}/{args.runs}: corpus ...", flush=True)
            shutil.rmtree(cache, ignore_errors=True)
            run = measure([*VALUELINT, "-q", "--cache-dir", cache, corpus], env=profile)
            cold.runs.append(run)
            cold_timings = timings(run.stderr)
            checked_files(run, count)
            run = measure([*VALUELINT, "-q", "--cache-dir", cache, corpus], env=profile)
            warm.runs.append(run)
            warm_timings = timings(run.stderr)
            if warm_timings["cached"] != warm_timings["files"]:
                print(f"  warning: the warm run found {warm_timings['cached']} of "
                      f"{warm_timings['files']} files in the cache: valuelint's or a rule "
                      "pack's source changed during the round?", flush=True)
            prose.runs.append(measure([*proselint, corpus], ok=PROSELINT_OK))
            floor.runs.append(measure([*FLOOR, corpus]))

        one_cold, one_warm = Series("valuelint, empty cache"), Series("valuelint, warm cache")
        one_prose = Series("proselint")
        one_timings: dict[str, object] = {}
        print("one post ...", flush=True)
        for _ in range(args.post_runs):
            shutil.rmtree(cache, ignore_errors=True)
            run = measure([*VALUELINT, "--cache-dir", cache, post], env=profile)
            one_cold.runs.append(run)
            one_timings = timings(run.stderr)
            one_warm.runs.append(measure([*VALUELINT, "--cache-dir", cache, post]))
            one_prose.runs.append(measure([*proselint, post], ok=PROSELINT_OK))
        budget = import_budget(post)

        scaling: list[tuple[int, int, Measure]] = []
        if not args.no_scaling:
            print("scaling ...", flush=True)
            for copies in (1, 2, 4):
                folder = Path(temp) / f"corpus-x{copies}"
                for i in range(copies):
                    shutil.copytree(corpus, folder / f"copy-{i}")
                run = measure([*VALUELINT, "-q", "--no-cache", folder], env=profile)
                # Per post means per post valuelint checked, whatever this script counts.
                files = checked_files(run, len(posts(folder)))
                scaling.append((copies, files, run))
                shutil.rmtree(folder)

    print("\nWhole corpus (median of rounds, alternating):")
    for series in (cold, warm, prose, floor):
        print(series.line())
    floor_ratio, warm_ratio = cold.median / floor.median, prose.median / warm.median
    print(f"  valuelint cold / floor.py:  {floor_ratio:.2f}x wall, "
          f"{cold.cpu / floor.cpu:.2f}x CPU   (target <= {COLD_FLOOR_TARGET:g}x wall; floor.py "
          "is markdown-it-py and spaCy's tokenizer alone)")
    room = floor.median * (COLD_FLOOR_TARGET - 1)
    print(f"  at {COLD_FLOOR_TARGET:g}x, valuelint's own work would have {room:.2f} s of wall "
          f"beyond floor.py's; a cold run takes {cold.median - floor.median:.2f} s beyond it")
    print(f"  proselint / valuelint cold: {prose.median / cold.median:.1f}x wall, "
          f"{prose.cpu / cold.cpu:.1f}x CPU")
    print(f"  proselint / valuelint warm: {warm_ratio:.1f}x wall, "
          f"{prose.cpu / warm.cpu:.1f}x CPU   (target >= {WARM_TARGET:g}x wall)")
    print("\nOne typical post (median):")
    for series in (one_cold, one_warm, one_prose):
        print(series.line())
    print(f"  valuelint cold: {one_cold.median:.2f} s wall (target <= {ONE_POST_SECONDS:g} s); "
          f"{one_cold.median / one_prose.median:.1f}x proselint's")

    print("\nvaluelint by phase, corpus, empty cache (last round):")
    print("\n".join(phase_table(cold_timings, cold.runs[-1].seconds)))
    print("valuelint by phase, corpus, warm cache (last round):")
    print("\n".join(phase_table(warm_timings, warm.runs[-1].seconds)))
    print("valuelint by phase, one post, empty cache (last run):")
    print("\n".join(phase_table(one_timings, one_cold.runs[-1].seconds)))
    print("Import and load budget of a one-post run "
          "(python -X importtime, cumulative, by package):")
    print("\n".join(budget))

    spread = 0.0
    if scaling:
        print("\nScaling (valuelint, no cache, copies of the corpus in a temporary folder):")
        per_post, cpu_per_post = [], []
        for copies, files, run in scaling:
            per_post.append(run.seconds / files)
            cpu_per_post.append(run.cpu / files)
            phases = timings(run.stderr)["phases"]
            site = float(phases.get("site", 0.0)) if isinstance(phases, dict) else 0.0
            print(f"  {copies}x  {files:5d} posts  {run.seconds:8.2f} s  "
                  f"{1000 * run.seconds / files:6.2f} ms/post wall  "
                  f"{1000 * run.cpu / files:6.2f} ms/post CPU   peak {run.peak_mb:5.0f} MB   "
                  f"(site-wide checks {site:.1f} s, {1000 * site / files:.2f} ms/post)")
        spread = (max(per_post) - min(per_post)) / min(per_post)
        cpu_spread = (max(cpu_per_post) - min(cpu_per_post)) / min(cpu_per_post)
        print(f"  time per post varies by {100 * spread:.1f}% wall, {100 * cpu_spread:.1f}% CPU "
              f"from 1x to 4x (target within {100 * SCALING_SPREAD:g}%)")

    peak = max(s.peak_mb for s in (cold, warm, one_cold, one_warm))
    if scaling:
        peak = max(peak, *(run.peak_mb for _, _, run in scaling))
    print(f"\nPeak memory of valuelint (all its processes, shared pages counted once): "
          f"{peak:.0f} MB "
          f"(target under {MEMORY_MB:g} MB)")
    print(f"Load average at the end: {os.getloadavg()[0]:.2f}")
    checks = [
        (f"cold corpus <= {COLD_FLOOR_TARGET:g}x floor.py", floor_ratio <= COLD_FLOOR_TARGET),
        (f"one post cold <= {ONE_POST_SECONDS:g} s", one_cold.median <= ONE_POST_SECONDS),
        (f"warm corpus >= {WARM_TARGET:g}x faster than proselint", warm_ratio >= WARM_TARGET),
        (f"peak memory < {MEMORY_MB:g} MB", peak < MEMORY_MB),
    ]
    if scaling:
        checks.append((f"time per post flat within {100 * SCALING_SPREAD:g}%",
                       spread <= SCALING_SPREAD))
    print("\nTargets:")
    for name, met in checks:
        print(f"  [{'met' if met else 'MISSED'}] {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
