"""valuelint in real editors: the VS Code extension's build, and Neovim and Emacs end to end.

- The VS Code extension (``editors/vscode``) is built as docs/editors.md says:
  ``npm ci``, ``npm run compile`` (tsc, then esbuild's bundle) and ``vsce package``;
  the .vsix is opened and the bundle loaded in Node with nothing but ``vscode``
  missing. VS Code itself cannot run here (it needs a display and a download of
  the editor), so the extension's activation inside VS Code is not tested.
- Neovim (Debian's ``neovim``, 0.7) runs headless with the init.lua that
  docs/editors.md shows, opens a draft, and must receive valuelint's diagnostics
  where they are (after an emoji and CJK text), with the doc's settings applied,
  follow an unsaved edit, answer a hover, show the score's code lens and run it,
  and apply a quick fix chosen from ``vim.lsp.buf.code_action()``'s menu, through
  its own LSP client; the server must end with Neovim.
- Emacs (Debian's ``emacs-nox`` with ``elpa-eglot`` and ``elpa-markdown-mode``)
  runs in batch mode with the eglot setup docs/editors.md shows and must show the
  diagnostics through Flymake where they are, with the settings applied, follow an
  unsaved edit and apply a quick fix chosen from eglot's menu.

The editors start the ``valuelint`` installed beside this Python (or the one
``VALUELINT_SERVER`` names).

Without node/npm, Neovim or Emacs a test is skipped, saying why; where the editors
are required (``VALUELINT_REQUIRE_EDITOR=1``, which ``.ci/run`` sets in CI) it
fails instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any, NoReturn

import pytest

from conftest import REPO, assert_skipped_unless_required

EXTENSION = REPO / "editors" / "vscode"
EDITORS_DOC = REPO / "docs" / "editors.md"
#: Set where the editor tests must run (CI): a missing editor or Node fails them.
EDITOR_REQUIRED = os.environ.get("VALUELINT_REQUIRE_EDITOR", "") == "1"
#: The settings the server takes, and so the extension's settings besides the command.
SERVER_SETTINGS = {"select", "ignore", "failOn", "run"}

pytestmark = pytest.mark.slow


def _no_editor(reason: str) -> NoReturn:
    """Skip an editor test with ``reason`` on a developer's machine; fail it where required."""
    if EDITOR_REQUIRED:
        pytest.fail(f"{reason}; VALUELINT_REQUIRE_EDITOR=1 requires the editor tests to run",
                    pytrace=False)
    pytest.skip(reason)


def _run(argv: list[str], cwd: Path, timeout: float = 600,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          check=False, env={**os.environ, **(env or {})})
    assert proc.returncode == 0, (
        f"`{' '.join(argv)}` exited {proc.returncode}\n--- stdout:\n{proc.stdout[-4000:]}"
        f"\n--- stderr:\n{proc.stderr[-4000:]}")
    return proc


def _tool(name: str, override: str) -> str | None:
    """The program ``name`` on PATH, or the one the environment variable ``override`` names."""
    named = os.environ.get(override)
    if named is not None:
        return named if os.path.exists(named) else None
    return shutil.which(name)


# --------------------------------------------------------------------------- VS Code


def _node_major(node: str) -> int:
    version = subprocess.run([node, "--version"], capture_output=True, text=True,
                             check=False, timeout=30).stdout.strip()
    match = re.match(r"v(\d+)\.", version)
    return int(match.group(1)) if match else 0


@pytest.fixture(scope="module")
def vsix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The extension built from a clean copy of editors/vscode, as docs/editors.md builds it."""
    node = _tool("node", "VALUELINT_NODE")
    bin_dir = str(Path(node).parent) if node else None
    npm, npx = shutil.which("npm", path=bin_dir), shutil.which("npx", path=bin_dir)
    if node is None or npm is None or npx is None:
        _no_editor("Node.js and npm are not installed (the VS Code extension needs them "
                   "to build)")
    if _node_major(node) < 20:
        _no_editor("the VS Code extension's build needs Node.js 20 or later")
    source = tmp_path_factory.mktemp("vscode") / "vscode"
    shutil.copytree(EXTENSION, source,
                    ignore=shutil.ignore_patterns("node_modules", "out", "*.vsix"))
    steps = [shlex.split(line) for line in _doc_block("sh", "vsce package").splitlines()
             if line.strip()]
    assert [step[0] for step in steps] == ["cd", "npm", "npm", "npx", "code"], steps
    assert steps[0] == ["cd", "editors/vscode"] and steps[-1][1] == "--install-extension"
    tools = {"npm": npm, "npx": npx}
    for step in steps[1:-1]:
        _run([tools[step[0]], *step[1:]], source,
             env={"npm_config_audit": "false", "npm_config_fund": "false"})
    version = json.loads((source / "package.json").read_text("utf-8"))["version"]
    built = source / f"valuelint-{version}.vsix"
    assert steps[-1][2] == built.name, "docs/editors.md installs another file than it builds"
    return built


def test_the_vsix_holds_the_bundled_extension_and_its_settings(vsix: Path) -> None:
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("extension/package.json"))
        vsixmanifest = archive.read("extension.vsixmanifest").decode("utf-8")
    assert {"extension/out/extension.js", "extension/package.json", "extension/readme.md",
            "extension/LICENSE.txt"} <= names, sorted(names)
    assert not any(name.startswith("extension/node_modules/") for name in names), (
        "the bundle holds vscode-languageclient: node_modules must not be packaged")
    assert not any(name.startswith("extension/src/") for name in names)
    assert 'Id="valuelint"' in vsixmanifest and 'Publisher="valuelint"' in vsixmanifest
    assert manifest["main"] == "./out/extension.js"
    assert manifest["activationEvents"] == ["onLanguage:markdown", "onLanguage:mdx"]
    settings = manifest["contributes"]["configuration"]["properties"]
    assert set(settings) == {f"valuelint.{key}" for key in SERVER_SETTINGS | {"path", "args"}}
    assert settings["valuelint.path"]["default"] == "valuelint"
    assert settings["valuelint.run"]["enum"] == ["onType", "onSave", "manual"]
    assert settings["valuelint.run"]["default"] == "onType"
    assert settings["valuelint.failOn"]["enum"] == ["error", "warning", "info", None]
    commands = {entry["command"] for entry in manifest["contributes"]["commands"]}
    # The server's own commands (the score's code lens runs valuelint.showScore) and the
    # extension's.
    assert commands == {"valuelint.check", "valuelint.showScore", "valuelint.restart",
                        "valuelint.showOutput"}


# What the packaged bundle asks `require` for, loaded outside the source tree: `vscode`
# (given by the editor) answers with a stand-in whose every name is an empty class (the
# bundle subclasses some at load time); anything else must resolve from the .vsix.
_LOAD_BUNDLE = """
const Module = require("module");
function standIn() {
  return new Proxy(class {}, {
    get(target, name) {
      return typeof name === "symbol" || name === "prototype" ? target[name] : standIn();
    },
  });
}
const builtins = new Set(Module.builtinModules);
const asked = new Set();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const bare = request.replace(/^node:/, "");
  if (!/^[./]/.test(request) && !builtins.has(bare)) asked.add(request);
  if (request === "vscode") return standIn();
  return load.apply(this, arguments);
};
const extension = require(process.argv[1]);
console.log(JSON.stringify({asked: [...asked], exports: Object.keys(extension).sort(),
                            activate: typeof extension.activate,
                            deactivate: typeof extension.deactivate}));
"""


def test_the_packaged_extension_needs_nothing_but_vscode(vsix: Path, tmp_path: Path) -> None:
    """The .vsix works without node_modules: its bundle requires only ``vscode`` and Node's
    own modules, and exports ``activate`` and ``deactivate``."""
    node = _tool("node", "VALUELINT_NODE")
    assert node is not None
    with zipfile.ZipFile(vsix) as archive:
        archive.extractall(tmp_path)
    bundle = tmp_path / "extension" / "out" / "extension.js"
    proc = _run([node, "-e", _LOAD_BUNDLE, str(bundle)], tmp_path, timeout=60)
    loaded = json.loads(proc.stdout)
    assert loaded["asked"] == ["vscode"]
    assert loaded["activate"] == "function" and loaded["deactivate"] == "function"


def test_the_extension_defaults_are_settings_the_server_takes() -> None:
    """What the extension sends by default (initializationOptions) the server accepts."""
    settings_module = pytest.importorskip("valuelint.server.settings")
    manifest = json.loads((EXTENSION / "package.json").read_text("utf-8"))
    properties = manifest["contributes"]["configuration"]["properties"]
    defaults = {key.removeprefix("valuelint."): spec["default"]
                for key, spec in properties.items()
                if key.removeprefix("valuelint.") in SERVER_SETTINGS}
    assert set(defaults) == SERVER_SETTINGS
    parsed = settings_module.parse_settings(defaults)
    assert parsed.run == "onType" and parsed.select == () and parsed.fail_on is None


# --------------------------------------------------------------------------- the server


def _server_bin() -> Path:
    """The ``valuelint`` whose server the editors start: ``VALUELINT_SERVER`` names one,
    else the one installed beside this Python."""
    named = os.environ.get("VALUELINT_SERVER")
    if named:
        return Path(named)
    if importlib.util.find_spec("valuelint.server") is None:
        pytest.skip("this valuelint has no language server (valuelint.server)")
    return Path(sys.executable).parent / "valuelint"


#: A draft with findings after an emoji (two UTF-16 units, four UTF-8 bytes) and after
#: CJK text (one unit, three bytes): each editor must put them where they are.
DRAFT = """\
# Notes on moving our build cache

We moved the build to a new cache 🚀 and it is faster!!! The team measured it over a week.

中文的笔记 first, then THIS IS HUGE FOR EVERY TEAM and you should try it.

The cache keeps the compiled objects of each branch for seven days. A build that finds
its objects there skips the compiler; the others fill the cache as they go.
"""
#: What the writer types at the end of the draft, unsaved.
TYPED = "Smash that like button and tell your friends!!!"


def _where(line: str, text: str) -> tuple[int, int]:
    """The UTF-8 byte columns (0-based, end exclusive) of ``text`` in ``line``: where
    Neovim shows it."""
    start = line.index(text)
    return len(line[:start].encode()), len(line[:start + len(text)].encode())


def _editor_env(tmp_path: Path) -> dict[str, str]:
    """The editor's environment: valuelint's server first on PATH, a private home."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {**os.environ, "PATH": f"{_server_bin().parent}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "VALUELINT_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}


def _gone(pid: int, within: float = 10.0) -> bool:
    """Whether process ``pid`` has ended (or ends within ``within`` seconds)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return True
        if "\nState:\tZ" in status:
            return True
        time.sleep(0.1)
    return False


def _doc_block(language: str, marker: str) -> str:
    """The fenced ``language`` block of docs/editors.md that contains ``marker``."""
    text = EDITORS_DOC.read_text("utf-8")
    blocks = re.findall(rf"^```{language}\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    found: list[str] = [block for block in blocks if marker in block]
    assert len(found) == 1, f"docs/editors.md has {len(found)} {language} blocks with {marker!r}"
    return found[0]


# --------------------------------------------------------------------------- Neovim

#: After the doc's init.lua: what a writer does, recorded in the JSON file $VALUELINT_OUT.
NEOVIM_SCRIPT = r"""
local out = { steps = {}, messages = {}, notes = {} }
local show_message = vim.lsp.handlers["window/showMessage"]
vim.lsp.handlers["window/showMessage"] = function(err, result, ctx, config)
  table.insert(out.messages, result)
  return show_message(err, result, ctx, config)
end
vim.notify = function(message) table.insert(out.notes, message) end

local function shown(buf)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(found, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum,
      end_col = d.end_col, code = d.code, source = d.source, severity = d.severity,
      message = d.message })
  end
  table.sort(found, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return found
end

local function valuelint_client()
  for _, client in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do
    if client.name == "valuelint" then return client end
  end
end

local function any_on_line(buf, lnum, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.lnum == lnum and (code == nil or d.code == code) then return true end
  end
  return false
end

local function step(name, fn)
  local started = vim.loop.hrtime()
  local ok, err = xpcall(fn, debug.traceback)
  table.insert(out.steps, { name = name, ok = ok, error = err,
    ms = (vim.loop.hrtime() - started) / 1e6 })
  return ok
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local target = vim.fn.json_decode(os.getenv("VALUELINT_TARGET"))
  out.filetype = vim.bo[buf].filetype
  step("open", function()
    out.opened = vim.wait(90000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
    out.on_open = shown(buf)
    local client = valuelint_client()
    out.server_pid = client.rpc.pid
    out.offset_encoding = client.offset_encoding
    out.server_name = client.server_capabilities and vim.inspect(
      client.server_capabilities.executeCommandProvider)
  end)
  step("hover", function()
    vim.api.nvim_win_set_cursor(0, { target.bang_line + 1, target.bang_col })
    local answers = vim.lsp.buf_request_sync(buf, "textDocument/hover",
      vim.lsp.util.make_position_params(), 20000)
    for _, answer in pairs(answers or {}) do
      out.hover = answer.result and answer.result.contents
    end
  end)
  step("code lens", function()
    vim.lsp.codelens.refresh()
    vim.wait(20000, function() return #vim.lsp.codelens.get(buf) > 0 end, 20)
    out.lenses = {}
    for _, lens in ipairs(vim.lsp.codelens.get(buf)) do
      table.insert(out.lenses, { line = lens.range.start.line,
        title = lens.command and lens.command.title,
        command = lens.command and lens.command.command })
    end
    vim.api.nvim_win_set_cursor(0, { 1, 0 })
    local before = #out.messages
    vim.lsp.codelens.run()
    vim.wait(20000, function() return #out.messages > before end, 20)
  end)
  step("typing", function()
    local n = vim.api.nvim_buf_line_count(buf)
    vim.api.nvim_buf_set_lines(buf, n, n, false, { "", target.typed })
    out.typed_lnum = n + 1
    out.typed_seen = vim.wait(30000, function() return any_on_line(buf, n + 1) end, 20)
    out.after_typing = shown(buf)
  end)
  step("quick fix", function()
    vim.api.nvim_win_set_cursor(0, { target.bang_line + 1, target.bang_col })
    vim.ui.select = function(items, opts, on_choice)
      out.offered = {}
      for _, item in ipairs(items) do
        table.insert(out.offered, (opts.format_item(item)))
      end
      for _, item in ipairs(items) do
        if (opts.format_item(item)) == target.action then return on_choice(item) end
      end
      on_choice(nil)
    end
    vim.lsp.buf.code_action()
    local line = target.bang_line + 1  -- the comment goes on a line of its own above
    out.fixed = vim.wait(30000, function()
      local text = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1] or ""
      return text:find("!!!", 1, true) ~= nil and not any_on_line(buf, line, "PROM010")
        and any_on_line(buf, target.shout_line + 1, "PROM010")
    end, 20)
    out.after_fix = shown(buf)
  end)
  out.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  step("configuration file", function()
    local file = io.open(".valuelint.toml", "w")
    file:write('ignore = ["PROM010"]\n')
    file:close()
    local n = vim.api.nvim_buf_line_count(buf)
    vim.api.nvim_buf_set_lines(buf, n, n, false, { "", "One more line, after the change." })
    out.config_seen = vim.wait(30000, function()
      return not any_on_line(buf, target.shout_line + 1, "PROM010")
    end, 20)
    out.after_config = shown(buf)
  end)
end

vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    step("all", run)
    local file = io.open(os.getenv("VALUELINT_OUT"), "w")
    file:write(vim.fn.json_encode(out))
    file:close()
    vim.cmd("qall!")
  end,
})
"""


def _draft_and_setup(tmp_path: Path, fence: str, marker: str, shown_settings: str,
                     settings: str) -> tuple[Path, str]:
    """The draft in ``tmp_path/blog``, and the doc's setup (its ``fence`` block holding
    ``marker``) with the settings where the doc puts them changed to ``settings``: THIN001
    ignored must reach the server."""
    blog = tmp_path / "blog"
    blog.mkdir()
    (blog / "draft.md").write_text(DRAFT, encoding="utf-8")
    setup = _doc_block(fence, marker)
    assert setup.count(shown_settings) == 1
    return blog, setup.replace(shown_settings, settings)


def test_neovim_shows_valuelint_findings_fixes_and_the_score(tmp_path: Path) -> None:
    nvim = _tool("nvim", "VALUELINT_NVIM")
    if nvim is None:
        _no_editor("no Neovim installed (apt-get install neovim)")
    env = _editor_env(tmp_path)
    blog, setup = _draft_and_setup(
        tmp_path, "lua", "vim.lsp.start_client", 'settings = { run = "onType" },',
        'settings = { run = "onType", ignore = { "THIN001" } },')
    init = tmp_path / "init.lua"
    init.write_text(setup + NEOVIM_SCRIPT, "utf-8")
    lines = DRAFT.splitlines()
    bang_line = next(i for i, line in enumerate(lines) if "!!!" in line)
    shout_line = next(i for i, line in enumerate(lines) if "HUGE" in line)
    bang = _where(lines[bang_line], "!!!")
    shout = _where(lines[shout_line], "THIS IS HUGE FOR EVERY TEAM")
    target = {"bang_line": bang_line, "bang_col": bang[0], "shout_line": shout_line,
              "typed": TYPED,
              "action": "Disable PROM010 (shouting) on this line"}
    out = tmp_path / "neovim.json"
    env.update(VALUELINT_OUT=str(out), VALUELINT_TARGET=json.dumps(target))
    proc = subprocess.run([nvim, "--headless", "-u", str(init), "draft.md"], cwd=blog,
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert out.exists(), f"Neovim wrote no result\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    seen: dict[str, Any] = json.loads(out.read_text("utf-8"))
    failed = [s for s in seen["steps"] if not s["ok"]]
    assert not failed, failed
    assert seen["filetype"] == "markdown"
    assert seen["opened"], "no diagnostics arrived in Neovim"

    def at(diagnostics: list[dict[str, Any]], lnum: int,
           code: str = "PROM010") -> list[tuple[int, int]]:
        return [(d["col"], d["end_col"]) for d in diagnostics
                if d["lnum"] == lnum and d["code"] == code]

    # Findings arrive where they are, in Neovim's byte columns: after the emoji and the CJK.
    opened = seen["on_open"]
    assert {d["source"] for d in opened} == {"valuelint"}
    assert "THIN001" not in {d["code"] for d in opened}, "the settings did not arrive"
    assert at(opened, bang_line) == [bang]
    assert at(opened, shout_line) == [shout]
    assert all(re.fullmatch(r"[A-Z]+\d{3}", d["code"]) for d in opened)
    # Hover: the rule's page.
    hover = seen["hover"]["value"]
    assert "PROM010" in hover and "Why it matters to readers" in hover
    # The score's code lens on the first line, and its command shows the score card.
    assert [lens["line"] for lens in seen["lenses"]] == [0]
    assert re.fullmatch(r"Reader value \d+/100 - lowest: [a-z]+ \d+", seen["lenses"][0]["title"])
    assert seen["lenses"][0]["command"] == "valuelint.showScore"
    assert any("reader-value score" in m["message"] for m in seen["messages"]), seen["messages"]
    # An unsaved edit is checked: the typed line has its finding.
    typed = seen["typed_lnum"]
    assert seen["typed_seen"], seen["after_typing"]
    assert at(seen["after_typing"], typed) == [_where(TYPED, "!!!")]
    # The quick fix, chosen as a writer chooses it, is applied by Neovim as a text edit.
    assert target["action"] in seen["offered"]
    assert "Disable PROM010 (shouting) in this file" in seen["offered"]
    assert seen["fixed"], seen["after_fix"]
    assert seen["lines"][bang_line] == "<!-- valuelint-disable-next-line PROM010 -->"
    assert at(seen["after_fix"], bang_line + 1) == []
    assert at(seen["after_fix"], shout_line + 1) == [shout]
    # A configuration file written meanwhile applies at the next check (Neovim 0.7 watches
    # no files for the server).
    assert seen["config_seen"], seen["after_config"]
    assert "PROM010" not in {d["code"] for d in seen["after_config"]}
    # Quitting Neovim ends the server.
    assert _gone(seen["server_pid"]), "the server outlived Neovim"


# --------------------------------------------------------------------------- Emacs

#: After the doc's eglot setup: what a writer does, recorded in the JSON file $VALUELINT_OUT.
#: Batch Emacs is never idle, so the harness runs the idle timers (eglot sends an edit,
#: Flymake asks for diagnostics) where an editor would run them when the writer pauses.
EMACS_SCRIPT = r"""
(defvar valuelint-out nil)
(defvar valuelint-target (json-read-from-string (getenv "VALUELINT_TARGET")))
(defun valuelint-idle ()
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))
(defun valuelint-wait (seconds predicate)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (valuelint-idle)
      (accept-process-output nil 0.05))
    (if (funcall predicate) t :false)))
(defun valuelint-shown ()
  (vconcat
   (mapcar (lambda (d)
             (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
               (list :line (line-number-at-pos beg)
                     :column (save-excursion (goto-char beg) (- beg (line-beginning-position)))
                     :end_column (save-excursion (goto-char end)
                                                 (- end (line-beginning-position)))
                     :type (symbol-name (flymake-diagnostic-type d))
                     :text (flymake-diagnostic-text d))))
           (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a)
                                                        (flymake-diagnostic-beg b)))))))
(defun valuelint-on-line-p (line code)
  (cl-some (lambda (d) (and (= (line-number-at-pos (flymake-diagnostic-beg d)) line)
                            (string-match-p (regexp-quote (format "[%s]" code))
                                            (flymake-diagnostic-text d))))
           (flymake-diagnostics)))
(defun valuelint-record (&rest more)
  (setq valuelint-out (append valuelint-out more)))
(condition-case err
    (let ((bang-line (1+ (alist-get 'bang_line valuelint-target)))
          (shout-line (1+ (alist-get 'shout_line valuelint-target))))
      (find-file (car command-line-args-left))
      (setq command-line-args-left nil)
      (valuelint-record :mode (symbol-name major-mode))
      ;; What the command loop does after the command that opened the file.
      (run-hooks 'post-command-hook)
      (valuelint-record :opened (valuelint-wait 90 (lambda () (flymake-diagnostics)))
                        :on_open (valuelint-shown)
                        :server_pid (process-id (jsonrpc--process (eglot-current-server))))
      ;; The writer types a line at the end, unsaved.
      (goto-char (point-max))
      (insert "\n" (alist-get 'typed valuelint-target) "\n")
      (let ((typed (1- (line-number-at-pos (point-max)))))
        (valuelint-record
         :typed_line typed
         :typed_seen (valuelint-wait 30 (lambda () (valuelint-on-line-p typed "PROM010")))
         :after_typing (valuelint-shown)))
      ;; A quick fix, picked from eglot's menu at the "!!!".
      (goto-char (point-min))
      (forward-line (1- bang-line))
      (search-forward "!!!")
      (goto-char (match-beginning 0))
      (let ((offered nil) (last-nonmenu-event 13))
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (_prompt items &rest _)
                     (setq offered (mapcar #'car items))
                     (alist-get 'action valuelint-target))))
          (call-interactively #'eglot-code-actions))
        (valuelint-record :offered (vconcat offered)))
      (valuelint-record
       :fixed (valuelint-wait 30 (lambda ()
                                   (and (not (valuelint-on-line-p (1+ bang-line) "PROM010"))
                                        (valuelint-on-line-p (1+ shout-line) "PROM010"))))
       :after_fix (valuelint-shown)
       :lines (vconcat (split-string (buffer-string) "\n"))))
  (error (valuelint-record :error (format "%S" err))))
(with-temp-file (getenv "VALUELINT_OUT")
  (insert (json-encode valuelint-out)))
(kill-emacs 0)
"""


def _emacs_with_eglot(emacs: str, env: dict[str, str]) -> str | None:
    """Why this Emacs cannot run the eglot setup (None when it can)."""
    probe = subprocess.run(
        [emacs, "--batch", "--eval", "(progn (package-activate-all) (require 'eglot) "
         "(require 'markdown-mode) (princ emacs-version))"],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    if probe.returncode != 0:
        return ("Emacs has no eglot or markdown-mode "
                "(apt-get install elpa-eglot elpa-markdown-mode)")
    return None


def test_emacs_eglot_shows_valuelint_findings_and_applies_a_quick_fix(tmp_path: Path) -> None:
    emacs = _tool("emacs", "VALUELINT_EMACS")
    if emacs is None:
        _no_editor("no Emacs installed (apt-get install emacs-nox elpa-eglot "
                   "elpa-markdown-mode)")
    env = _editor_env(tmp_path)
    missing = _emacs_with_eglot(emacs, env)
    if missing:
        _no_editor(missing)
    blog, setup = _draft_and_setup(
        tmp_path, "elisp", "eglot-server-programs", '(:valuelint (:run "onType"))',
        '(:valuelint (:run "onType" :ignore ["THIN001"]))')
    (tmp_path / "setup.el").write_text(setup, "utf-8")
    (tmp_path / "test.el").write_text(EMACS_SCRIPT, "utf-8")
    lines = DRAFT.splitlines()
    bang_line = next(i for i, line in enumerate(lines) if "!!!" in line)
    shout_line = next(i for i, line in enumerate(lines) if "HUGE" in line)
    target = {"bang_line": bang_line, "shout_line": shout_line, "typed": TYPED,
              "action": "Disable PROM010 (shouting) on this line"}
    out = tmp_path / "emacs.json"
    env.update(VALUELINT_OUT=str(out), VALUELINT_TARGET=json.dumps(target))
    # package-activate-all: what an interactive Emacs does at start-up (batch Emacs does not).
    proc = subprocess.run(
        [emacs, "--batch", "--eval", "(package-activate-all)", "-l", str(tmp_path / "setup.el"),
         "-l", str(tmp_path / "test.el"), "draft.md"],
        cwd=blog, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert out.exists(), f"Emacs wrote no result\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    seen: dict[str, Any] = json.loads(out.read_text("utf-8"))
    assert "error" not in seen, seen
    assert seen["mode"] == "markdown-mode"
    assert seen["opened"] is True, "no diagnostics arrived in Emacs"

    def at(diagnostics: list[dict[str, Any]], line: int,
           code: str = "PROM010") -> list[tuple[int, int]]:
        return [(d["column"], d["end_column"]) for d in diagnostics
                if d["line"] == line + 1 and f"[{code}]" in d["text"]]

    def where(line: str, text: str) -> tuple[int, int]:  # Emacs counts characters
        return line.index(text), line.index(text) + len(text)

    opened = seen["on_open"]
    assert all(d["text"].startswith("valuelint [") for d in opened), opened
    assert not any("[THIN001]" in d["text"] for d in opened), "the settings did not arrive"
    assert at(opened, bang_line) == [where(lines[bang_line], "!!!")]
    assert at(opened, shout_line) == [where(lines[shout_line], "THIS IS HUGE FOR EVERY TEAM")]
    assert [d["type"] for d in opened if d["line"] == shout_line + 1] == ["eglot-warning"]
    assert seen["typed_seen"] is True, seen["after_typing"]
    assert at(seen["after_typing"], seen["typed_line"] - 1) == [where(TYPED, "!!!")]
    assert target["action"] in seen["offered"]
    assert seen["fixed"] is True, seen["after_fix"]
    assert seen["lines"][bang_line] == "<!-- valuelint-disable-next-line PROM010 -->"
    assert at(seen["after_fix"], bang_line + 1) == []
    assert _gone(seen["server_pid"]), "the server outlived Emacs"



# --------------------------------------------------------------------------- skipped or required


@pytest.mark.parametrize("required", [False, True])
def test_a_missing_editor_skips_its_test_unless_editors_are_required(
        required: bool, tmp_path: Path) -> None:
    assert_skipped_unless_required(
        Path(__file__).name, "test_neovim_shows_valuelint_findings_fixes_and_the_score",
        tool_variable="VALUELINT_NVIM", missing=tmp_path / "no-nvim",
        require_variable="VALUELINT_REQUIRE_EDITOR",
        reason="no Neovim installed (apt-get install neovim)",
        required_message="VALUELINT_REQUIRE_EDITOR=1 requires the editor tests to run",
        required=required)
