"""How fast ``valuelint server`` answers an editor: start-up, each edit, and memory.

Run from the repository root with the interpreter valuelint is installed in::

    .venv/bin/python benchmarks/server.py                # about a minute on 2 cores
    .venv/bin/python benchmarks/server.py --quick        # a few seconds: small numbers
    .venv/bin/python benchmarks/server.py --server /path/to/valuelint --post my-post.md

The server runs as a real subprocess over stdio (``valuelint server``), driven by a
small JSON-RPC client in this file that speaks as an editor does (it answers
``workspace/configuration`` and capability registrations). The post is the one of
the corpus (``../shared/corpus``) whose length is closest to 2,000 words. It measures,
in this order:

1. Start-up: from starting the process (initialize, initialized and didOpen sent at
   once, as an editor does on opening a file) to the post's first
   ``publishDiagnostics``. Target: at most 1.5 s.
2. An edit: one word of the post replaced (the whole text sent, as the server asks
   for full sync), then ``didSave``, with ``run = "onSave"``: the server checks at
   once, so the time from ``didChange`` to the ``publishDiagnostics`` of that version
   is the check without the debounce. Each edit waits for its diagnostics before the
   next. Targets: p50 at most 60 ms, p95 at most 150 ms.
3. The same with ``run = "onType"`` and no save: the server waits for the writer to
   pause (its debounce, ``valuelint.server.scheduling.DEBOUNCE``) before checking;
   printed with the debounce subtracted, as a cross-check of 2.
4. Memory: the server's resident set (``VmRSS`` in ``/proc/PID/status``) after 10
   edits and after 1,000 (the edits of 2 count). Target: within 20%.
5. Shutdown: ``shutdown`` and ``exit`` answered, and the process gone.

Numbers depend on the machine and on what else it runs: the load average is printed
at the start and at the end.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import queue
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SUFFIXES = (".md", ".markdown", ".mdx")
WORDS = 2_000

#: The targets, in seconds and as a share.
STARTUP_TARGET = 1.5
P50_TARGET = 0.060
P95_TARGET = 0.150
MEMORY_SPREAD = 0.20

#: The server's debounce when valuelint.server.scheduling cannot be imported here.
DEFAULT_DEBOUNCE = 0.3
TIMEOUT = 60.0

_WORD = re.compile(r"(?<![\w`/.-])[a-z]{4,}(?![\w`/.-])")


# --------------------------------------------------------------------------- the client


class ServerDied(RuntimeError):
    """The server ended, or did not answer in time."""


@dataclass
class Message:
    """A message from the server, with the moment it was read."""

    at: float
    body: dict[str, Any]


@dataclass
class Client:
    """A minimal LSP client over a subprocess's standard input and output."""

    process: subprocess.Popen[bytes]
    settings: dict[str, Any]
    inbox: queue.Queue[Message | None] = field(default_factory=queue.Queue)
    next_id: int = 0
    stderr: list[bytes] = field(default_factory=list)

    @classmethod
    def start(cls, command: Sequence[str], settings: dict[str, Any], cwd: Path) -> Client:
        process = subprocess.Popen(list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, cwd=cwd)
        client = cls(process, settings)
        threading.Thread(target=client._read, daemon=True).start()
        threading.Thread(target=client._drain_stderr, daemon=True).start()
        return client

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            body = _read_message(stdout)
            if body is None:
                self.inbox.put(None)
                return
            self.inbox.put(Message(time.perf_counter(), body))

    def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)

    def send(self, body: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **body}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(data), data))
        stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def receive(self, timeout: float = TIMEOUT) -> Message:
        """The next message that is not a request from the server (those are answered)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise ServerDied(f"no message from the server in {timeout:.0f} s") from None
            if message is None:
                tail = b"".join(self.stderr[-20:]).decode("utf-8", "replace")
                raise ServerDied(f"the server ended (exit code {self.process.poll()})\n{tail}")
            if "method" in message.body and "id" in message.body:
                self._answer(message.body)
                continue
            return message

    def _answer(self, request: dict[str, Any]) -> None:
        method = request["method"]
        result: Any = None
        if method == "workspace/configuration":
            result = [self.settings if item.get("section") == "valuelint" else None
                      for item in request["params"]["items"]]
        self.send({"id": request["id"], "result": result})

    def response(self, request_id: int, timeout: float = TIMEOUT) -> Message:
        while True:
            message = self.receive(timeout)
            if message.body.get("id") == request_id:
                return message

    def diagnostics(self, uri: str, version: int, timeout: float = TIMEOUT) -> Message:
        """The first ``publishDiagnostics`` for ``uri`` at ``version`` (or later)."""
        while True:
            message = self.receive(timeout)
            params = message.body.get("params") or {}
            if (message.body.get("method") == "textDocument/publishDiagnostics"
                    and params.get("uri") == uri
                    and (params.get("version") is None or params["version"] >= version)):
                return message


def _read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length is None:
        return None
    data = stream.read(length)
    return json.loads(data) if len(data) == length else None


CAPABILITIES: dict[str, Any] = {
    "general": {"positionEncodings": ["utf-16"]},
    "workspace": {"configuration": True, "workspaceFolders": True,
                  "didChangeConfiguration": {"dynamicRegistration": True}},
    "textDocument": {
        "synchronization": {"didSave": True, "dynamicRegistration": True},
        "publishDiagnostics": {"relatedInformation": True, "versionSupport": True,
                               "codeDescriptionSupport": True, "dataSupport": True},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": [
            "quickfix", "source", "source.fixAll"]}}},
    },
}


# --------------------------------------------------------------------------- a session


@dataclass
class Session:
    client: Client
    uri: str
    text: str
    version: int = 1
    rng: random.Random = field(default_factory=lambda: random.Random(19))

    def edit(self, save: bool) -> float:
        """Replace one word of the post; seconds from didChange to its diagnostics."""
        matches = list(_WORD.finditer(self.text))
        word, other = self.rng.sample(matches, 2)
        self.text = self.text[:word.start()] + other.group() + self.text[word.end():]
        self.version += 1
        sent = time.perf_counter()
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": self.uri, "version": self.version},
            "contentChanges": [{"text": self.text}]})
        if save:
            self.client.notify("textDocument/didSave", {"textDocument": {"uri": self.uri}})
        return self.client.diagnostics(self.uri, self.version).at - sent

    def set_run(self, run: str) -> None:
        """Change the ``run`` setting as an editor does (the server asks for it)."""
        self.client.settings = {**self.client.settings, "run": run}
        self.client.notify("workspace/didChangeConfiguration",
                           {"settings": {"valuelint": self.client.settings}})


@dataclass(frozen=True)
class Startup:
    """Seconds from starting the server to its answer to initialize and to the post's first
    diagnostics, and how many diagnostics those were."""

    initialized: float
    diagnosed: float
    diagnostics: int
    cpu: float
    """The server's CPU seconds until then (all its threads)."""


def open_session(command: Sequence[str], post: Path, run: str) -> tuple[Session, Startup]:
    """Start the server and open the post in it."""
    settings = {"run": run}
    started = time.perf_counter()
    client = Client.start(command, settings, post.parent)
    root = post.parent.resolve().as_uri()
    initialize = client.request("initialize", {
        "processId": os.getpid(), "rootUri": root, "capabilities": CAPABILITIES,
        "initializationOptions": settings, "clientInfo": {"name": "valuelint-benchmark"},
        "workspaceFolders": [{"uri": root, "name": post.parent.name}]})
    uri = post.resolve().as_uri()
    text = post.read_text("utf-8")
    answered = client.response(initialize).at
    client.notify("initialized", {})
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    first = client.diagnostics(uri, 1)
    return Session(client, uri, text), Startup(answered - started, first.at - started,
                                               len(first.body["params"]["diagnostics"]),
                                               cpu_seconds(client.process.pid))


def stop(session: Session) -> tuple[float, int | None]:
    """Shut the server down; (seconds until the process is gone, its exit code)."""
    client = session.client
    started = time.perf_counter()
    try:
        client.response(client.request("shutdown", None), timeout=10)
        client.notify("exit", None)
        code: int | None = client.process.wait(timeout=10)
    except (ServerDied, subprocess.TimeoutExpired, BrokenPipeError):
        client.process.kill()
        client.process.wait()
        code = None
    return time.perf_counter() - started, code


# --------------------------------------------------------------------------- figures


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ServerDied(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds process ``pid`` has used (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(share * len(ordered)))) - 1]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def pick_post(corpus: Path, words: int = WORDS) -> Path:
    """The corpus post whose length in words is closest to ``words`` (ties: by path)."""
    posts = sorted(p for p in corpus.rglob("*") if p.suffix in SUFFIXES and p.is_file())
    if not posts:
        raise SystemExit(f"server.py: no posts in {corpus}")
    return min(posts, key=lambda p: (abs(len(p.read_text("utf-8").split()) - words), str(p)))


def debounce() -> tuple[float, str]:
    """The server's debounce in seconds, and where the figure comes from."""
    try:
        scheduling = importlib.import_module("valuelint.server.scheduling")
    except ImportError:
        return DEFAULT_DEBOUNCE, "this script's default: valuelint.server is not importable here"
    return float(scheduling.DEBOUNCE), "valuelint.server.scheduling.DEBOUNCE"


def milliseconds(values: Sequence[float]) -> str:
    return (f"p50 {1000 * percentile(values, 0.5):6.1f} ms, p95 "
            f"{1000 * percentile(values, 0.95):6.1f} ms, mean "
            f"{1000 * statistics.mean(values):6.1f} ms, max {1000 * max(values):6.1f} ms")


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--server", default=None,
                        help="the valuelint command to run as `valuelint server` (default: "
                             "this Python's `-m valuelint`)")
    parser.add_argument("--post", type=Path, default=None,
                        help="the post to edit (default: the corpus post closest to "
                             f"{WORDS:,} words)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--edits", type=int, default=200, help="timed edits (default 200)")
    parser.add_argument("--typing-edits", type=int, default=30,
                        help="edits timed with run=onType (default 30)")
    parser.add_argument("--memory-edits", type=int, default=1_000,
                        help="edits before the last memory reading (default 1000)")
    parser.add_argument("--starts", type=int, default=5,
                        help="server starts timed; the median is compared with the target "
                             "(default 5)")
    parser.add_argument("--quick", action="store_true",
                        help="1 start, 20 edits, 3 with onType, memory after 50: a smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.starts, args.edits, args.typing_edits, args.memory_edits = 1, 20, 3, 50
    if args.starts < 1:
        parser.error("--starts must be at least 1")
    if args.memory_edits < max(10, args.edits):
        parser.error("--memory-edits must be at least 10 and at least --edits")
    command = ([args.server, "server"] if args.server
               else [sys.executable, "-m", "valuelint", "server"])
    post = args.post or pick_post(args.corpus.resolve())
    if not post.is_file():
        print(f"server.py: no post at {post}", file=sys.stderr)
        return 2
    text = post.read_text("utf-8")
    waits, waits_from = debounce()

    print(f"valuelint server benchmark: {' '.join(command)}")
    print(f"  post: {post} ({len(text.split()):,} words, {len(text):,} characters)")
    print(f"  {os.cpu_count()} CPUs ({cpu_model()}); {load()} at the start; "
          f"Python {sys.version.split()[0]}")
    print(f"  started {time.strftime('%Y-%m-%d %H:%M:%S')}\n", flush=True)

    print(f"1. Start-up to the first diagnostics (process start, initialize, didOpen), "
          f"{args.starts} start{'s' if args.starts > 1 else ''}")
    starts: list[Startup] = []
    try:
        for number in range(args.starts):
            session, startup = open_session(command, post, "onSave")
            starts.append(startup)
            print(f"  initialize answered after {startup.initialized:.2f} s, first diagnostics "
                  f"after {startup.diagnosed:.2f} s ({startup.diagnostics} diagnostics); "
                  f"the server's CPU time until then {startup.cpu:.2f} s", flush=True)
            if number < args.starts - 1:
                stop(session)
    except ServerDied as exc:
        print(f"server.py: the server did not start: {exc}", file=sys.stderr)
        return 2
    median = statistics.median(s.diagnosed for s in starts)
    print(f"  median {median:.2f} s [{verdict(median <= STARTUP_TARGET)}: target <= "
          f"{STARTUP_TARGET} s]", flush=True)
    pid = session.client.process.pid
    try:
        print(f"\n2. didChange to publishDiagnostics, run=onSave (change and save: no "
              f"debounce), {args.edits} edits of one word each")
        memory: dict[int, float] = {}
        times: list[float] = []
        cpu_before = cpu_seconds(pid)
        for done in range(1, args.memory_edits + 1):
            seconds = session.edit(save=True)
            if done <= args.edits:
                times.append(seconds)
            if done in (10, args.memory_edits):
                memory[done] = resident_mb(pid)
            if done == args.edits:
                cpu = (cpu_seconds(pid) - cpu_before) / args.edits
                p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
                print(f"  {milliseconds(times)} [{verdict(p50 <= P50_TARGET)}: p50 target "
                      f"<= {1000 * P50_TARGET:.0f} ms; {verdict(p95 <= P95_TARGET)}: p95 "
                      f"target <= {1000 * P95_TARGET:.0f} ms]", flush=True)
                print(f"  the server's CPU time per edit: {1000 * cpu:.1f} ms (CPU time: "
                      f"little changed by other processes); {load()}", flush=True)

        print(f"\n3. didChange to publishDiagnostics, run=onType (no save), {args.typing_edits} "
              f"edits, the server's debounce ({1000 * waits:.0f} ms, {waits_from}) subtracted")
        session.set_run("onType")
        try:  # the recheck a change of settings causes
            session.client.diagnostics(session.uri, session.version, timeout=5)
        except ServerDied:
            if session.client.process.poll() is not None:
                raise
        typing = [session.edit(save=False) - waits for _ in range(args.typing_edits)]
        print(f"  {milliseconds(typing)}", flush=True)

        print("\n4. Resident memory of the server process (VmRSS)")
        first, last = memory[10], memory[args.memory_edits]
        change = last / first - 1
        print(f"  after 10 edits {first:.0f} MB, after {args.memory_edits:,} edits {last:.0f} MB: "
              f"{100 * change:+.1f}% [{verdict(abs(change) <= MEMORY_SPREAD)}: target within "
              f"{100 * MEMORY_SPREAD:.0f}%]", flush=True)
    finally:
        seconds, code = stop(session)
    print(f"\n5. Shutdown: the process ended {1000 * seconds:.0f} ms after `shutdown`, "
          f"exit code {code}")
    print(f"\n{load()} at the end; finished {time.strftime('%Y-%m-%d %H:%M:%S')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
