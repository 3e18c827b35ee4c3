"""Every ``valuelint`` command the README and docs/*.md show, run for real.

Commands are read from the fenced blocks of README.md and docs/*.md (the rule
pages are generated and checked by test_docs.py):

- in ``sh``, ``shell``, ``bash`` and ``console`` blocks, each line (after an
  optional ``$ ``) whose command, or one of its ``&&``-joined parts, is
  ``valuelint ...`` or ``.../valuelint ...``;
- in ``text`` and ``console`` blocks, ``$ valuelint ...`` lines, with the lines
  that follow up to the next ``$ `` line as the output they show; and synopsis
  lines (``valuelint ARGS   what it does``, two or more spaces before the
  description).

Each command runs in a subprocess in a temporary blog laid out as the docs
describe (see ``layout``); placeholders such as ``FILE`` and ``DIR`` are
replaced through ``PLACEHOLDERS``, and a command that cannot run as shown is
listed in ``SKIPPED`` with the reason. The shown output is compared with the
real output by *shape*, not by exact score or message, so that tuning a rule
does not break the docs: a finding line must have a counterpart with the same
path, rule code and name; a score line one with the same path and verdict, with
a reason after the verdict exactly when the doc shows one; the summary line the
same words with the numbers left out; JSON the keys the doc shows. Where the doc
elides lines (``...``), its lines must appear in the real output in the same
order; where it does not, line for line. A command that no longer exists, an
option it no longer has, or output of another shape fails with the doc and line.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, REPO, Outcome, run_valuelint

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]

# Words a doc writes for "a path of yours", and what the test runs instead.
PLACEHOLDERS = {
    "FILE": "examples/promo-launch.md",
    "DIR": "examples",
    "[DIR]": "examples",
    "PATHS": "examples",
    "[PATHS]...": "examples",
    "PATH": "examples/promo-launch.md",
    "CODE": "PROM001",
}

# (doc, command as shown) -> why it is not run.
SKIPPED: dict[tuple[str, str], str] = {
    ("docs/configuration.md", "valuelint server"):
        "the language server talks LSP on stdin and stdout (tests/test_server.py drives it)",
}

# The folder a doc's commands run in, when not the blog's root (see ``layout``).
DOC_FOLDER = {"docs/json-format.md": "json-example", "docs/fixes.md": "fixes-example"}

SHELL_BLOCKS = {"sh", "shell", "bash", "console"}
OUTPUT_BLOCKS = {"text", "console"}
ELISION = {"...", "…"}


@dataclass(frozen=True)
class DocCommand:
    """One command a doc shows, with the output it shows after it (if any)."""

    doc: str
    line: int
    command: str
    output: tuple[str, ...] | None

    @property
    def where(self) -> str:
        return f"{self.doc}:{self.line}"


_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_SYNOPSIS = re.compile(r"^(valuelint(?: [\w./\[\]-]+)+)(?: {2,}\S.*)?$")


def _valuelint_part(command: str) -> str | None:
    """The ``valuelint ...`` part of a shell line, or None."""
    for part in command.split("&&"):
        part = part.strip()
        first, _, rest = part.partition(" ")
        if first == "valuelint" or first.endswith("/valuelint"):
            return re.sub(r"\s+#.*$", "", f"valuelint {rest}").strip()
    return None


def doc_commands() -> list[DocCommand]:
    found: list[DocCommand] = []
    for path in DOCS:
        text = path.read_text("utf-8")
        doc = path.relative_to(REPO).as_posix()
        for fence in _FENCE.finditer(text):
            lang, body = fence.group(1), fence.group(2)
            first_line = text.count("\n", 0, fence.start(2)) + 1
            lines = body.splitlines()
            for i, line in enumerate(lines):
                number = first_line + i
                prompted = line.startswith("$ ")
                shown = line[2:] if prompted else line
                if lang in SHELL_BLOCKS and (prompted or lang != "console"):
                    command = _valuelint_part(shown)
                    if command is not None:
                        output = _output_after(lines, i) if lang == "console" else None
                        found.append(DocCommand(doc, number, command, output))
                elif lang in OUTPUT_BLOCKS and prompted and shown.startswith("valuelint"):
                    found.append(DocCommand(doc, number, shown.strip(), _output_after(lines, i)))
                elif lang == "text" and (m := _SYNOPSIS.match(line)):
                    found.append(DocCommand(doc, number, m.group(1), None))
    return found


def _output_after(lines: list[str], index: int) -> tuple[str, ...] | None:
    output: list[str] = []
    for line in lines[index + 1:]:
        if line.startswith("$ "):
            break
        output.append(line)
    return tuple(output) if any(line.strip() for line in output) else None


# --------------------------------------------------------------------------- the blog


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blog repository laid out as the docs describe it.

    ``examples/`` is a copy of the repository's examples; ``blog/`` holds the
    example posts too. The repository has a ``main`` branch, a tag ``v1.4``
    and a remote-tracking ``origin/main`` at its first commit, and one post in
    ``blog/`` changed since, for ``--diff`` and ``--changed-since``.
    ``json-example/`` is the folder docs/json-format.md describes (outside the
    repository, so that its broken post does not reach the other commands).
    ``fixes-example/`` holds a copy of the examples of its own, which the
    ``--fix`` command of docs/fixes.md rewrites.
    """
    base = tmp_path_factory.mktemp("docs-commands")
    root = base / "blog"
    shutil.copytree(EXAMPLES, root / "examples",
                    ignore=shutil.ignore_patterns(".valuelint_cache", "__pycache__", "*.egg-info"))
    (root / "blog").mkdir()
    for post in sorted(EXAMPLES.glob("*.md")):
        shutil.copy2(post, root / "blog" / post.name)
    _git(root, "init", "--quiet", "--initial-branch", "main")
    _git(root, "add", "--all")
    _git(root, "-c", "user.name=A Writer", "-c", "user.email=writer@example.com",
         "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "Posts")
    _git(root, "tag", "v1.4")
    _git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    changed = root / "blog" / "how-to-profile-python.md"
    changed.write_text(changed.read_text("utf-8") + "\nOne more paragraph, written today.\n",
                       encoding="utf-8")
    json_example = base / "json-example"
    (json_example / "posts").mkdir(parents=True)
    _git(json_example, "init", "--quiet")
    (json_example / "posts" / "launch.md").write_text("# Launch\n\nBuy now and save.\n",
                                                      encoding="utf-8")
    (json_example / "posts" / "old.md").write_bytes(b"# Old\n\nCaf\xe9 notes.\n")
    shutil.copytree(EXAMPLES, base / "fixes-example" / "examples",
                    ignore=shutil.ignore_patterns(".valuelint_cache", "__pycache__", "*.egg-info"))
    return base


# --------------------------------------------------------------------------- shapes

_FINDING = re.compile(r"^(?P<path>.+?):\d+:\d+: (?P<code>[A-Z]+[0-9]+) \[(?P<name>[a-z0-9-]+)\] \S")
_SCORE = re.compile(r"^(?P<path>.+?): score \d+/100 \((?P<verdict>[a-z]+)(?P<reason>:[^)]*)?\)$")
_ERROR = re.compile(r"^(?P<path>.+?): error: \S")
_GITHUB = re.compile(r"^::(?P<level>[a-z]+) ")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def shape(line: str) -> tuple[str, ...]:
    """What a line of output is, leaving out what tuning a rule changes."""
    line = line.rstrip()
    if m := _FINDING.match(line):
        return ("finding", m["path"], m["code"], m["name"])
    if m := _SCORE.match(line):
        return ("score", m["path"], m["verdict"], "with a reason" if m["reason"] else "bare")
    if m := _ERROR.match(line):
        return ("error", m["path"])
    if m := _GITHUB.match(line):
        return ("annotation", m["level"])
    # Numbers out, and the plural "s" of the word after a number: "1 file" = "6 files".
    words = re.sub(r"N (\w+?)s\b", r"N \1", _NUMBER.sub("N", " ".join(line.split())))
    return ("summary" if words.startswith("Checked ") else "line", words)


def describe(sig: tuple[str, ...]) -> str:
    kind = sig[0]
    if kind == "finding":
        return f"a finding {sig[2]} [{sig[3]}] on {sig[1]}"
    if kind == "score":
        return f"a score line of {sig[1]} '({sig[2]}...)' ({sig[3]})"
    if kind == "error":
        return f"an error line of {sig[1]}"
    if kind == "annotation":
        return f"a GitHub '::{sig[1]}' annotation"
    return f"a {kind} line like {sig[1]!r}"


def _compare_lines(shown: tuple[str, ...], real: str) -> list[str]:
    wanted = [line for line in shown if line.strip() and line.strip() not in ELISION]
    elided = len(wanted) < sum(1 for line in shown if line.strip())
    real_lines = [line for line in real.splitlines() if line.strip()]
    got = [shape(line) for line in real_lines]
    problems = []
    if elided:
        position = 0
        for line in wanted:
            sig = shape(line)
            try:
                position = got.index(sig, position) + 1
            except ValueError:
                alike = [r for r, s in zip(real_lines, got, strict=True) if s[:2] == sig[:2]]
                problems.append(f"shown {line!r} is {describe(sig)}; the real output has "
                                "none after the lines before it"
                                + (f" (it prints {alike[0]!r})" if alike else ""))
    else:
        for i, line in enumerate(wanted):
            sig = shape(line)
            if i >= len(got):
                problems.append(f"shown {line!r}: the real output ends before it")
            elif got[i] != sig:
                problems.append(f"shown {line!r} is {describe(sig)}; the real line {i + 1} "
                                f"is {describe(got[i])}")
        if len(got) > len(wanted):
            problems.append(f"the real output has {len(got) - len(wanted)} more lines than "
                            "shown (show them, or elide them with '...')")
    return problems


def _missing_keys(shown: Any, real: Any, where: str = "") -> list[str]:
    if isinstance(shown, dict):
        if not isinstance(real, dict):
            return [f"{where or 'the document'} is an object in the doc, not in the output"]
        missing = []
        for key, value in shown.items():
            if key not in real:
                missing.append(f"{where}.{key}".lstrip("."))
            else:
                missing.extend(_missing_keys(value, real[key], f"{where}.{key}"))
        return missing
    if isinstance(shown, list) and isinstance(real, list):
        return [problem for i, item in enumerate(shown) if i < len(real)
                for problem in _missing_keys(item, real[i], f"{where}[{i}]")]
    return []


def _compare(shown: tuple[str, ...], outcome: Outcome) -> list[str]:
    text = "\n".join(shown).strip()
    if text.startswith(("{", "[")):
        try:
            shown_json = json.loads(text)
        except ValueError:
            pass
        else:
            try:
                real_json = json.loads(outcome.stdout)
            except ValueError:
                return ["the doc shows JSON, the real output is not JSON"]
            return [f"the doc shows the key {key!r}, the real output has no such key"
                    for key in _missing_keys(shown_json, real_json)]
    # A terminal shows the two streams in the order they were written: what a run says
    # on standard error may come before its report (``check --fix``) or after it.
    problems = _compare_lines(shown, outcome.stdout + outcome.stderr)
    if problems and outcome.stderr.strip() \
            and not _compare_lines(shown, outcome.stderr + outcome.stdout):
        return []
    return problems


# --------------------------------------------------------------------------- running

_USAGE_ERROR = ("Usage:", "No such command", "No such option", "Traceback")


def _argv(command: DocCommand) -> list[str]:
    words = shlex.split(command.command, comments=True)
    assert words[0] == "valuelint"
    argv = []
    for word in words[1:]:
        if word in PLACEHOLDERS:
            argv.append(PLACEHOLDERS[word])
        elif re.fullmatch(r"\[?[A-Z][A-Z_]+\]?(\.\.\.)?", word):
            pytest.fail(f"{command.where}: `{command.command}` has the placeholder {word!r}: "
                        "map it to an example in PLACEHOLDERS, or list the command in SKIPPED")
        else:
            argv.append(word)
    return argv


def _output_file(argv: list[str]) -> str | None:
    for flag in ("-o", "--output-file"):
        if flag in argv and argv.index(flag) + 1 < len(argv):
            return argv[argv.index(flag) + 1]
    if argv and argv[0] == "report":
        return "valuelint-report.html"
    return None


COMMANDS = doc_commands()


def test_the_docs_show_commands_to_run() -> None:
    """The extraction works: the README's example and the docs' CI commands are found."""
    shown = {(c.doc, c.command) for c in COMMANDS}
    assert ("README.md", "valuelint check examples/promo-launch.md") in shown
    assert ("README.md", "valuelint check examples/") in shown
    assert ("docs/ci.md", "valuelint check --diff origin/main") in shown
    assert any(c.output for c in COMMANDS if c.doc == "README.md")
    assert all(key in shown for key in SKIPPED), "SKIPPED names a command no doc shows"


@pytest.mark.parametrize("command", COMMANDS, ids=[c.where for c in COMMANDS])
def test_doc_command_runs_and_shows_output_of_the_same_shape(
    command: DocCommand, layout: Path, tmp_path: Path,
) -> None:
    reason = SKIPPED.get((command.doc, command.command))
    if reason:
        pytest.skip(f"{command.where}: {reason}")
    argv = _argv(command)
    cwd = layout / DOC_FOLDER.get(command.doc, "blog")
    written = _output_file(argv)
    if written and written != "-":
        (cwd / written).unlink(missing_ok=True)
    outcome = run_valuelint(*argv, cwd=cwd, env={"VALUELINT_CACHE_DIR": str(tmp_path / "cache")})
    ran = f"{command.where}: `{command.command}` (run as `valuelint {shlex.join(argv)}`)"
    said = f"\n--- stdout:\n{outcome.stdout[-3000:]}\n--- stderr:\n{outcome.stderr[-3000:]}"
    assert not any(marker in outcome.stderr for marker in _USAGE_ERROR), (
        f"{ran} is not a valid command any more (exit code {outcome.code}){said}")
    if command.output is None:
        assert outcome.code in (0, 1), (
            f"{ran} exits {outcome.code}: it could not check what the doc runs it on{said}")
    if written and written != "-":
        page = cwd / written
        assert page.is_file() and page.stat().st_size > 0, f"{ran} did not write {written}"
        if written.endswith(".html"):
            assert "<html" in page.read_text("utf-8").lower(), f"{ran}: {written} is not HTML"
    if command.output is not None:
        problems = _compare(command.output, outcome)
        assert not problems, (f"{ran} shows output of another shape than valuelint prints:\n  "
                              + "\n  ".join(problems) + said)


# --------------------------------------------------------------------------- --help


def _help_options(*command: str) -> set[str]:
    outcome = run_valuelint(*command, "--help")
    assert outcome.code == 0, outcome.stderr
    options = set()
    in_options = False
    for line in outcome.stdout.splitlines():
        if line.startswith("Options:"):
            in_options = True
        elif in_options and line.lstrip().startswith("-"):
            spec = line.strip().split("  ")[0]
            options.update(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", spec))
    return options - {"--help"}


def _help_commands() -> list[str]:
    text = run_valuelint("--help").stdout
    listed = text.split("Commands:", 1)[1]
    return re.findall(r"^  ([a-z][\w-]*)\s", listed, re.MULTILINE)


def _command_line_section() -> str:
    text = (REPO / "docs" / "configuration.md").read_text("utf-8")
    return text.split("## The command line\n", 1)[1].split("\n## ", 1)[0]


def _documented_options(section: str, name: str) -> str:
    """The part of the command-line section that documents ``valuelint NAME``'s options."""
    if name == "check":
        return section.split("### `valuelint check`", 1)[-1].split("\n### ", 1)[0]
    rows = re.findall(rf"^\| `{name}\b.*$", section, re.MULTILINE)
    return "\n".join(rows)


def test_configuration_docs_list_every_command_and_option() -> None:
    """docs/configuration.md's command-line section covers all of ``--help``, and no more."""
    section = _command_line_section()
    synopsis = re.findall(r"^valuelint (\S+)", section, re.MULTILINE)
    missing = []
    for name in _help_commands():
        if name not in synopsis:
            missing.append(f"the command `valuelint {name}` is not in the synopsis")
        where = _documented_options(section, name)
        for option in sorted(_help_options(name)):
            if f"`{option}" not in where and f", {option}" not in where:
                missing.append(f"`valuelint {name} {option}` is not documented")
    formats = re.search(r"Output format: ([^.]*?)\.", " ".join(
        run_valuelint("check", "--help").stdout.split()))
    assert formats, "`valuelint check --help` no longer lists its output formats"
    for fmt in re.split(r", | or ", formats.group(1)):
        if not re.search(rf"`--format [^`]*\b{fmt}\b", section):
            missing.append(f"`valuelint check --format {fmt}` is not documented")
    assert not missing, "docs/configuration.md, 'The command line':\n  " + "\n  ".join(missing)
    known = set().union(*(_help_options(name) for name in _help_commands()),
                        {"--version", "--help"})
    unknown = sorted(set(re.findall(r"(?<![\w-])(--[a-z][\w-]*)", section)) - known)
    assert not unknown, f"docs/configuration.md documents options valuelint lacks: {unknown}"


def _inline_commands() -> Iterator[tuple[str, str]]:
    for path in DOCS:
        text = path.read_text("utf-8")
        for m in re.finditer(r"`(valuelint [^`]+)`", text):
            line = text.count("\n", 0, m.start()) + 1
            yield f"{path.relative_to(REPO).as_posix()}:{line}", m.group(1)


def test_every_command_named_in_the_text_exists_with_its_options() -> None:
    """`valuelint COMMAND --option` in running text names a real command and option."""
    commands = set(_help_commands())
    options = {name: _help_options(name) for name in commands}
    wrong = []
    for where, shown in _inline_commands():
        words = shown.split()
        name = words[1]
        if not re.fullmatch(r"--?[a-z][\w-]*|[a-z][\w-]*", name):
            continue  # a placeholder (`valuelint COMMAND --help`) or not a command line
        if name.startswith("-"):
            if name not in {"--help", "--version"}:
                wrong.append(f"{where}: `{shown}`: valuelint has no option {name}")
            continue
        if name not in commands:
            wrong.append(f"{where}: `{shown}`: valuelint has no command {name!r}")
            continue
        for word in words[2:]:
            option = word.split("=")[0]
            if option.startswith("-") and option != "-" and option not in options[name] | {
                    "--help"}:
                wrong.append(f"{where}: `{shown}`: `valuelint {name}` has no option {option}")
    assert not wrong, "\n".join(wrong)


def test_output_excerpts_name_real_rules() -> None:
    """Output shown without its command (pre-commit's, site findings) names real rules.

    Such excerpts cannot be run as shown, but each finding line in them must
    still have the shape valuelint prints and pair a rule code with its name.
    """
    listed = run_valuelint("rules", "--format", "json").json()
    rules = {rule["code"]: rule["name"] for rule in listed}
    wrong, seen = [], 0
    for path in DOCS:
        text = path.read_text("utf-8")
        for fence in _FENCE.finditer(text):
            if fence.group(1) not in OUTPUT_BLOCKS:
                continue
            first_line = text.count("\n", 0, fence.start(2)) + 1
            for i, line in enumerate(fence.group(2).splitlines()):
                if m := _FINDING.search(line):
                    seen += 1
                    where = f"{path.relative_to(REPO).as_posix()}:{first_line + i}"
                    if rules.get(m["code"]) != m["name"]:
                        wrong.append(f"{where}: {m['code']} [{m['name']}] is not an installed "
                                     f"rule (its name is {rules.get(m['code'])!r})")
    assert seen >= 5, f"only {seen} finding lines found in the docs' output blocks"
    assert not wrong, "\n".join(wrong)
