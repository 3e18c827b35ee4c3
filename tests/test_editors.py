"""valuelint in real editors: the VS Code extension's build, and Neovim and Emacs end to end.

- The VS Code extension (``editors/vscode``) is built as docs/editors.md says:
  ``npm ci``, ``npm run compile`` (tsc, then esbuild's bundle) and ``vsce package``;
  the .vsix is opened and the bundle loaded in Node with nothing but ``vscode``
  missing. VS Code itself cannot run here (it needs a display and a download of
  the editor), so the extension's activation inside VS Code is not tested.
- Neovim (Debian's ``neovim``, 0.7) runs headless with the init.lua that
  docs/editors.md shows, opens a draft, and must receive valuelint's diagnostics,
  follow the writer's typing, apply a quick fix, show the score's code lens and a
  hover, through its own LSP client.
- Emacs (Debian's ``emacs-nox`` with ``elpa-eglot`` and ``elpa-markdown-mode``)
  runs in batch mode with the eglot setup docs/editors.md shows and must receive
  the diagnostics through Flymake.

Without node/npm, Neovim or Emacs a test is skipped, saying why; where the editors
are required (``VALUELINT_REQUIRE_EDITOR=1``, which ``.ci/run`` sets in CI) it
fails instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import NoReturn

import pytest

from conftest import REPO

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
    """The extension built from a clean copy of editors/vscode, as a .vsix."""
    node = _tool("node", "VALUELINT_NODE")
    npm = shutil.which("npm", path=str(Path(node).parent)) if node else None
    if node is None or npm is None:
        _no_editor("Node.js and npm are not installed (the VS Code extension needs them "
                   "to build)")
    if _node_major(node) < 20:
        _no_editor("the VS Code extension's build needs Node.js 20 or later")
    source = tmp_path_factory.mktemp("vscode") / "vscode"
    shutil.copytree(EXTENSION, source,
                    ignore=shutil.ignore_patterns("node_modules", "out", "*.vsix"))
    _run([npm, "ci", "--no-audit", "--no-fund"], source)
    _run([npm, "run", "compile"], source)
    _run([str(source / "node_modules" / ".bin" / "vsce"), "package", "--no-dependencies",
          "--out", "valuelint.vsix"], source)
    return source / "valuelint.vsix"


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
