"""Are valuelint's JSON reports byte for byte what a reference revision writes?

A change that only reshapes or speeds up valuelint must not change a single
byte of what it reports. This script writes the JSON reports of ``valuelint
check`` and ``valuelint site`` over the bundled examples and the real posts
beside the repository, once with the code of a reference revision and once
with the working tree, and compares them::

    .venv/bin/python benchmarks/reports.py --against v0.1.0   # or any revision
    .venv/bin/python benchmarks/reports.py --against HEAD~3 --only examples,corpus

The reference revision's ``linter/`` and ``rules/`` are exported (``git
archive``) into ``benchmarks/.reports/REV/``, which git ignores, and run with
the same interpreter and the same command lines, from the repository root,
with no cache. Its reports are kept there and reused on the next run. The
script prints one line per report and exits 1 when any differs, naming the
first differing line of each.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
KEPT = REPO / "benchmarks" / ".reports"

#: The folders reported on, by the name ``--only`` knows them by.
FOLDERS: dict[str, Path] = {
    "examples": REPO / "examples",
    "corpus": SHARED / "corpus",
    "blog-categories": SHARED / "data" / "blog-categories",
}
COMMANDS = ("check", "site")


@dataclass(frozen=True)
class Report:
    """One report: a command over a folder."""

    command: str
    folder: str

    @property
    def file_name(self) -> str:
        return f"{self.command}-{self.folder}.json"

    def argv(self) -> list[str]:
        target = os.path.relpath(FOLDERS[self.folder], REPO)
        return [sys.executable, "-m", "valuelint", self.command, "--format", "json",
                "--no-cache", "--exit-zero", target]


def write_report(report: Report, source: Path, out: Path) -> None:
    """Run ``report`` with the packages under ``source`` and write its JSON to ``out``."""
    env = {**os.environ, "NO_COLOR": "1",
           "PYTHONPATH": os.pathsep.join((str(source / "linter"), str(source / "rules")))}
    done = subprocess.run(report.argv(), cwd=REPO, env=env, capture_output=True)
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip()[-2000:]
        raise SystemExit(f"reports.py: {' '.join(report.argv()[2:])} with {source} exited "
                         f"{done.returncode}:\n{tail}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(done.stdout)


def resolve(revision: str) -> str:
    done = subprocess.run(["git", "rev-parse", "--verify", f"{revision}^{{commit}}"], cwd=REPO,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"reports.py: {revision!r} is not a revision of this repository")
    return done.stdout.strip()


def export(commit: str) -> Path:
    """The reference revision's source tree, exported once under ``benchmarks/.reports``."""
    tree = KEPT / commit / "tree"
    if (tree / "linter").is_dir():
        return tree
    tree.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as archive:
        subprocess.run(["git", "archive", "--format=tar", commit, "linter", "rules"], cwd=REPO,
                       stdout=archive, check=True)
        archive.seek(0)
        with tarfile.open(fileobj=archive) as tar:
            tar.extractall(tree, filter="data")
    return tree


def first_difference(expected: bytes, actual: bytes) -> str:
    for number, (old, new) in enumerate(
            zip(expected.splitlines(), actual.splitlines(), strict=False), start=1):
        if old != new:
            return (f"line {number}: expected {old.decode('utf-8', 'replace').strip()[:120]!r}, "
                    f"got {new.decode('utf-8', 'replace').strip()[:120]!r}")
    return f"one report is longer: {len(expected)} against {len(actual)} bytes"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--against", required=True, metavar="REV",
                        help="the git revision whose reports are the reference")
    parser.add_argument("--only", default=",".join(FOLDERS),
                        help="folders to report on, comma-separated (default: all)")
    args = parser.parse_args(argv)
    folders = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in folders if name not in FOLDERS]
    if unknown:
        parser.error(f"unknown folder {', '.join(unknown)}; known: {', '.join(FOLDERS)}")
    missing = [name for name in folders if not FOLDERS[name].is_dir()]
    if missing:
        parser.error(f"not found: {', '.join(str(FOLDERS[name]) for name in missing)}")

    commit = resolve(args.against)
    reference = export(commit)
    differing = 0
    with tempfile.TemporaryDirectory() as scratch:
        for folder in folders:
            for command in COMMANDS:
                report = Report(command, folder)
                expected_file = KEPT / commit / report.file_name
                if not expected_file.is_file():
                    write_report(report, reference, expected_file)
                actual_file = Path(scratch) / report.file_name
                write_report(report, REPO, actual_file)
                expected, actual = expected_file.read_bytes(), actual_file.read_bytes()
                if expected == actual:
                    print(f"same       {report.file_name} ({len(actual):,} bytes)")
                else:
                    differing += 1
                    print(f"DIFFERENT  {report.file_name}: {first_difference(expected, actual)}")
    print(f"{differing} of {len(folders) * len(COMMANDS)} reports differ from {commit[:12]}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
