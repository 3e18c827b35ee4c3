"""``valuelint server``: the language server, driven over stdio by a real LSP client.

Each test starts the server as a subprocess (``python -m valuelint server``) in a
temporary workspace, with the client capabilities Neovim or VS Code announce
(pytest-lsp's recorded ones), and talks to it as the editor would: it opens,
edits, saves and closes documents, applies the code actions' workspace edits to
its own copy of the text and checks the server's next diagnostics.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from conftest import install, run_valuelint, with_path
from test_plugins import make_pack

pytestmark = pytest.mark.asyncio

EDITORS = ["neovim", "visual-studio-code"]
TIMEOUT = 30.0

POST = """\
# What we learned moving our builds to ARM

We moved the build farm of our open-source compiler from x86 to ARM machines in
March, and the bill fell by a third. The surprise was elsewhere!!!

Three things broke: a test that assumed little-endian floats, a vendored zlib
with hand-written assembly, and our own timing checks.
"""
"""A short honest post with one row of exclamation marks (PROM010) on line 4."""
SHOUT = POST.splitlines()[3].index("!!!")


@dataclass
class Editor:
    """A client connected to a server, and what the server sent it."""

    client: LanguageClient
    workspace: Path
    published: list[types.PublishDiagnosticsParams] = field(default_factory=list)
    registrations: list[types.Registration] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    encoding: str = "utf-16"
    lens_refreshes: int = 0

    def uri(self, name: str) -> str:
        return (self.workspace / name).as_uri()

    def open(self, name: str, text: str, language: str = "markdown",
             uri: str | None = None) -> str:
        uri = uri or self.uri(name)
        self.texts[uri] = text
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1,
                                                 text=text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.texts[uri] = text
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri,
                                                                version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    async def diagnostics(self, uri: str, after: int = 0,
                          version: int | None = None) -> list[types.Diagnostic]:
        """The first diagnostics published for ``uri`` after the ``after``-th
        publication (of any document), for ``version`` when given."""
        def found() -> types.PublishDiagnosticsParams | None:
            return next((p for p in self.published[after:] if p.uri == uri
                         and (version is None or p.version == version)), None)

        await wait_for(lambda: found() is not None)
        params = found()
        assert params is not None
        return list(params.diagnostics)

    async def check(self, uri: str, text: str) -> list[types.Diagnostic]:
        """Replace the document's text and return the diagnostics of that version."""
        mark = len(self.published)
        version = self.change(uri, text)
        return await self.diagnostics(uri, mark, version)

    async def actions(self, uri: str, diagnostic: types.Diagnostic,
                      only: list[str] | None = None) -> list[types.CodeAction]:
        found = await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=only)))
        return [a for a in found or () if isinstance(a, types.CodeAction)]

    def apply(self, uri: str, edit: types.WorkspaceEdit | None) -> str:
        """The document's text with ``edit`` applied, as the editor applies it."""
        assert edit is not None and edit.changes is not None
        return apply_edits(self.texts[uri], list(edit.changes[uri]), self.encoding)


async def wait_for(condition: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("the server did not answer in time")
        await asyncio.sleep(0.02)


def offset_of(text: str, position: types.Position, encoding: str) -> int:
    """The offset in ``text`` of an LSP position (lines split at \\r\\n, \\r and \\n)."""
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    start = starts[position.line]
    units = 0
    at = start
    while units < position.character:
        char = text[at]
        units += len(char.encode("utf-8")) if encoding == "utf-8" else (
            2 if ord(char) > 0xFFFF and encoding == "utf-16" else 1)
        at += 1
    return at


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    spans = sorted(((offset_of(text, e.range.start, encoding),
                     offset_of(text, e.range.end, encoding), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return [str(d.code) for d in diagnostics if d.code is not None]


def only(diagnostics: list[types.Diagnostic], code: str) -> types.Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, codes(diagnostics)
    return found[0]


async def start(workspace: Path, editor: str, *, options: Any = None,
                folders: list[Path] | None = None, settings: dict[str, Any] | None = None,
                env: dict[str, str] | None = None) -> Editor:
    """A client with ``editor``'s capabilities connected to a new server."""
    client = LanguageClient(converter_factory=default_converter, configuration=settings)
    session = Editor(client, workspace)

    def published(_: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        session.published.append(params)

    def register(_: LanguageClient, params: types.RegistrationParams) -> None:
        session.registrations.extend(params.registrations)

    def refresh(_: LanguageClient, params: None) -> None:
        session.lens_refreshes += 1

    register_lsp_features(client, {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: published,
        types.CLIENT_REGISTER_CAPABILITY: register,
        types.WORKSPACE_CODE_LENS_REFRESH: refresh,
    })
    await client.start_io(sys.executable, "-m", "valuelint", "server", cwd=workspace,
                          env={**os.environ, **(env or {})})
    roots = folders or [workspace]
    result = await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(editor), root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=r.as_uri(), name=r.name) for r in roots],
        initialization_options=options))
    encoding = result.capabilities.position_encoding
    session.encoding = str(getattr(encoding, "value", encoding) or "utf-16")
    return session


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A project folder (a git work tree, where configuration files stop being looked for)."""
    root = tmp_path / "blog"
    (root / ".git").mkdir(parents=True)
    return root


@pytest_asyncio.fixture(params=EDITORS)
async def editor(request: pytest.FixtureRequest, workspace: Path) -> AsyncIterator[Editor]:
    session = await start(workspace, request.param)
    yield session
    await session.client.shutdown_session()
    await session.client.stop()


# --------------------------------------------------------------------------- diagnostics


async def test_open_change_save_and_close(editor: Editor) -> None:
    uri = editor.open("post.md", POST)
    found = await editor.diagnostics(uri)
    shouting = only(found, "PROM010")
    assert shouting.source == "valuelint"
    assert shouting.range == types.Range(start=types.Position(line=3, character=SHOUT),
                                         end=types.Position(line=3, character=SHOUT + 3))
    assert shouting.severity == types.DiagnosticSeverity.Information
    assert shouting.code_description is not None
    assert shouting.code_description.href.endswith("/docs/rules/PROM010.md")
    assert "row of exclamation marks" in shouting.message
    assert isinstance(shouting.data, dict) and "fix" in shouting.data

    fixed = await editor.check(uri, POST.replace("elsewhere!!!", "elsewhere."))
    assert "PROM010" not in codes(fixed)

    mark = len(editor.published)
    editor.save(uri)
    assert "PROM010" not in codes(await editor.diagnostics(uri, mark))

    mark = len(editor.published)
    editor.close(uri)
    assert await editor.diagnostics(uri, mark) == []


async def test_a_newer_edit_cancels_the_stale_check(editor: Editor) -> None:
    uri = editor.open("post.md", POST)
    await editor.diagnostics(uri)
    mark = len(editor.published)
    for count in range(5):  # typing faster than the debounce
        last = editor.change(uri, POST.replace("!!!", "!!!" + " word" * count))
    await editor.diagnostics(uri, mark, last)
    await asyncio.sleep(0.6)
    assert [p.version for p in editor.published[mark:]] == [last]


async def test_the_buffer_is_checked_not_the_file_on_disk(editor: Editor) -> None:
    (editor.workspace / "post.md").write_text(POST.replace("!!!", "."), encoding="utf-8")
    uri = editor.open("post.md", POST)
    assert "PROM010" in codes(await editor.diagnostics(uri))


async def test_an_untitled_document_is_checked(editor: Editor) -> None:
    uri = editor.open("", POST, uri="untitled:Untitled-1")
    assert "PROM010" in codes(await editor.diagnostics(uri))


async def test_a_document_that_is_not_markdown_gets_no_diagnostics(editor: Editor) -> None:
    uri = editor.open("notes.txt", POST, language="plaintext")
    assert await editor.diagnostics(uri) == []


# --------------------------------------------------------------------------- positions

LINE = "Our 😀 team in 東京 shipped it!!! and the rest"


@pytest.mark.parametrize(("editor_name", "encoding", "column"), [
    # "Our ", the emoji, " team in ", the two CJK characters, " shipped it", then "!!!":
    # an emoji is 4 bytes in UTF-8 and 2 units in UTF-16, a CJK character 3 and 1.
    pytest.param("neovim", "utf-8", 4 + 4 + 9 + 6 + 11, id="neovim-utf-8"),
    pytest.param("visual-studio-code", "utf-16", 4 + 2 + 9 + 2 + 11, id="vscode-utf-16"),
])
async def test_a_finding_after_an_emoji_and_cjk_lands_exactly(
    workspace: Path, editor_name: str, encoding: str, column: int,
) -> None:
    session = await start(workspace, editor_name)
    try:
        assert session.encoding == encoding
        text = POST.replace(POST.splitlines()[3], LINE)
        uri = session.open("post.md", text)
        shouting = only(await session.diagnostics(uri), "PROM010")
        assert shouting.range.start == types.Position(line=3, character=column)
        assert shouting.range.end == types.Position(line=3, character=column + 3)
        lines = text.splitlines()
        assert apply_edits(text, [types.TextEdit(range=shouting.range, new_text="")],
                           encoding).splitlines()[3] == lines[3].replace("!!!", "")
    finally:
        await session.client.shutdown_session()
        await session.client.stop()


async def test_utf_8_is_chosen_whenever_the_client_offers_it(workspace: Path) -> None:
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(position_encodings=[
        types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf8])
    client = LanguageClient(converter_factory=default_converter)
    register_lsp_features(client)
    await client.start_io(sys.executable, "-m", "valuelint", "server", cwd=workspace)
    try:
        result = await client.initialize_session(types.InitializeParams(
            capabilities=capabilities, root_uri=workspace.as_uri()))
        assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    finally:
        await client.shutdown_session()
        await client.stop()


async def test_a_byte_order_mark_and_crlf_line_breaks_keep_positions(editor: Editor) -> None:
    text = "\ufeff" + POST.replace("\n", "\r\n")
    uri = editor.open("post.md", text)
    shouting = only(await editor.diagnostics(uri), "PROM010")
    assert shouting.range.start == types.Position(line=3, character=SHOUT)


# --------------------------------------------------------------------------- hover


async def test_hover_shows_the_rule_page(editor: Editor) -> None:
    uri = editor.open("post.md", POST)
    shouting = only(await editor.diagnostics(uri), "PROM010")
    shown = await editor.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=shouting.range.start))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.kind == types.MarkupKind.Markdown
    page = shown.contents.value
    assert page.startswith("**PROM010** `shouting`")
    for section in ("What it does", "Why it matters to readers", "Use instead"):
        assert f"### {section}\n" in page
    assert "## Example" not in page
    nothing = await editor.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=6, character=2)))
    assert nothing is None


# --------------------------------------------------------------------------- code actions


CALM = POST.replace("elsewhere!!!", "elsewhere.")


NEXT_LINE = "<!-- valuelint-disable-next-line PROM010 -->"
THIS_LINE = "<!-- valuelint-disable-line PROM010 -->"


@pytest.mark.parametrize(("text", "line", "written"), [
    # Inside a paragraph a comment line would split it: the comment goes at the line's end.
    pytest.param(POST, 3, f"elsewhere!!! {THIS_LINE}\n", id="inside-a-paragraph"),
    pytest.param(CALM + "Still compiling, and cheaper!!!\n", 7,
                 f"cheaper!!! {THIS_LINE}\n", id="the-last-line-of-a-paragraph"),
    pytest.param(CALM + "\nWhat a week!!!\n", 8, f"\n\n{NEXT_LINE}\nWhat a week!!!\n",
                 id="a-paragraph-of-its-own"),
    # Indented as the item above's content, the comment belongs to it: the list goes on.
    pytest.param(CALM + "\n- one item\n- and a loud one!!!\n- and a third\n", 9,
                 f"- one item\n  {NEXT_LINE}\n- and a loud one!!!\n", id="a-list-item"),
    pytest.param(CALM + "\n| Machine | Result |\n| --- | --- |\n| ARM | a third cheaper!!! |\n",
                 10, f"| ARM | a third cheaper!!! {THIS_LINE} |\n", id="a-table-row"),
])
async def test_disable_on_this_line(editor: Editor, text: str, line: int, written: str) -> None:
    uri = editor.open("post.md", text)
    found = await editor.diagnostics(uri)
    shouting = only(found, "PROM010")
    assert shouting.range.start.line == line
    actions = await editor.actions(uri, shouting)
    disable = [a for a in actions if a.title == "Disable PROM010 (shouting) on this line"]
    assert len(disable) == 1 and disable[0].command is None
    assert disable[0].kind == types.CodeActionKind.QuickFix
    changed = editor.apply(uri, disable[0].edit)
    assert written in changed
    after = await editor.check(uri, changed)
    assert "PROM010" not in codes(after)
    # The rest of the post reads as before: the same other findings, on the same lines.
    moved = 1 if changed.count("\n") > text.count("\n") else 0
    before = sorted((str(d.code), d.range.start.line + (moved if d.range.start.line >= line
                                                       else 0)) for d in found
                    if d.code != "PROM010")
    assert sorted((str(d.code), d.range.start.line) for d in after) == before


async def test_disable_in_this_file_goes_after_the_front_matter(editor: Editor) -> None:
    text = "---\ntitle: ARM builds!!!\n---\n" + POST
    uri = editor.open("post.md", text)
    found = await editor.diagnostics(uri)
    in_front_matter = [d for d in found if d.code == "PROM010" and d.range.start.line == 1]
    titles = [a.title for a in await editor.actions(uri, in_front_matter[0])] \
        if in_front_matter else []
    if in_front_matter:  # no line comment can go in front matter
        assert "Disable PROM010 (shouting) on this line" not in titles
    body = [d for d in found if d.code == "PROM010" and d.range.start.line == 6]
    assert len(body) == 1
    actions = await editor.actions(uri, body[0])
    disable = [a for a in actions if a.title == "Disable PROM010 (shouting) in this file"]
    assert len(disable) == 1
    changed = editor.apply(uri, disable[0].edit)
    assert changed.startswith("---\ntitle: ARM builds!!!\n---\n"
                              "<!-- valuelint-disable-file PROM010 -->\n# What we learned")
    assert "PROM010" not in codes(await editor.check(uri, changed))


# --------------------------------------------------------------------------- a rule pack

PACK = '''\
from valuelint.rule import Category, Fix, Rule, Severity


class Typo(Rule):
    """Reports "teh" and offers "the".

    ## What it does
    Reports the typo "teh".

    ## Why it matters to readers
    Typos distract.

    ## Example
    teh post

    ## Use instead
    the post
    """

    code = "TEST001"
    name = "teh-typo"
    category = Category.READABILITY
    severity = Severity.WARNING

    def check(self, ctx):
        for block in ctx.document.iter_prose():
            start = block.text.find("teh")
            while start != -1:
                edit = ctx.edit(block, start, start + 3, "the")
                fix = Fix('Replace "teh" with "the"', (edit,)) if edit else None
                yield ctx.finding('"teh" is a typo of "the"', block=block, start=start,
                                  end=start + 3, fix=fix)
                start = block.text.find("teh", start + 3)


class Explodes(Rule):
    """Fails on a post that says EXPLODE.

    ## What it does
    Nothing useful.

    ## Why it matters to readers
    It does not.

    ## Example
    EXPLODE

    ## Use instead
    Anything else.
    """

    code = "TEST002"
    name = "explodes"
    category = Category.THIN

    def check(self, ctx):
        if "EXPLODE" in ctx.document.source:
            raise RuntimeError("the rule broke on purpose")
        return iter(())


RULES = (Typo, Explodes)
'''


@pytest.fixture(scope="session")
def test_pack(builder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A rule pack, really installed, with a rule offering a fix and a rule that raises."""
    source = make_pack(tmp_path_factory.mktemp("server-pack") / "src",
                       "valuelint-server-test-pack", "server_test_pack", PACK)
    return install(builder, source, source.parent / "site")


@pytest_asyncio.fixture(params=EDITORS)
async def with_pack(request: pytest.FixtureRequest, workspace: Path,
                    test_pack: Path) -> AsyncIterator[Editor]:
    session = await start(workspace, request.param, env=with_path(test_pack))
    yield session
    await session.client.shutdown_session()
    await session.client.stop()


TYPOS = POST.replace("the bill", "teh bill").replace("our own", "teh our own")


async def test_a_fix_is_a_preferred_quick_fix(with_pack: Editor) -> None:
    uri = with_pack.open("post.md", TYPOS)
    found = await with_pack.diagnostics(uri)
    typos = [d for d in found if d.code == "TEST001"]
    assert len(typos) == 2
    assert isinstance(typos[0].data, dict) and typos[0].data["fix"]["title"] == \
        'Replace "teh" with "the"'
    actions = await with_pack.actions(uri, typos[0])
    fix = [a for a in actions if a.title == 'Replace "teh" with "the"']
    assert len(fix) == 1 and fix[0].is_preferred and fix[0].command is None
    changed = with_pack.apply(uri, fix[0].edit)
    assert "the bill" in changed and "teh our own" in changed
    assert len([d for d in await with_pack.check(uri, changed) if d.code == "TEST001"]) == 1


async def test_a_fix_lands_in_a_file_with_a_byte_order_mark_and_crlf(with_pack: Editor) -> None:
    # The first line is where a byte-order mark shifts columns.
    text = "\ufeff" + TYPOS.replace("What we", "What teh team").replace("\n", "\r\n")
    uri = with_pack.open("post.md", text)
    typos = [d for d in await with_pack.diagnostics(uri) if d.code == "TEST001"]
    assert [d.range.start.line for d in typos] == [0, 3, 6]
    for typo, fixed in zip(typos, ("teh team", "teh bill", "teh our"), strict=True):
        fix = [a for a in await with_pack.actions(uri, typo)
               if a.title == 'Replace "teh" with "the"']
        assert with_pack.apply(uri, fix[0].edit) == text.replace(fixed, fixed.replace("teh", "the"))


async def test_fix_all_applies_every_safe_fix(with_pack: Editor) -> None:
    uri = with_pack.open("post.md", TYPOS)
    found = await with_pack.diagnostics(uri)
    actions = await with_pack.actions(uri, found[0], only=["source.fixAll"])
    assert [a.kind for a in actions] == ["source.fixAll.valuelint"]
    action = actions[0]
    if action.edit is None:  # the client resolves it
        action = await with_pack.client.code_action_resolve_async(action)
    changed = with_pack.apply(uri, action.edit)
    # The pack's fixes and valuelint's own (PROM010's "!!!") in one edit.
    assert changed == TYPOS.replace("teh", "the").replace("elsewhere!!!", "elsewhere!")
    left = codes(await with_pack.check(uri, changed))
    assert "TEST001" not in left and "PROM010" not in left


SHOUTED = POST + "\nWe shipped it today. Read the notes 😀 and 発表 again?!?!\n"


async def test_a_built_in_rule_fix_is_a_quick_fix_and_fix_all_takes_every_one(
        editor: Editor) -> None:
    """PROM010's rows of exclamation marks, one after an emoji and CJK text on its line."""
    uri = editor.open("post.md", SHOUTED)
    rows = [d for d in await editor.diagnostics(uri) if d.code == "PROM010"]
    assert [d.range.start.line for d in rows] == [3, 8]
    fix = [a for a in await editor.actions(uri, rows[1])
           if a.kind == types.CodeActionKind.QuickFix and a.is_preferred]
    assert [a.title for a in fix] == ['Collapse "?!?!" to "?!"']
    changed = editor.apply(uri, fix[0].edit)
    assert changed == SHOUTED.replace("again?!?!", "again?!")
    left = [d for d in await editor.check(uri, changed) if d.code == "PROM010"]
    assert [d.range.start.line for d in left] == [3]
    actions = await editor.actions(uri, left[0], only=["source.fixAll"])
    action = actions[0]
    if action.edit is None:
        action = await editor.client.code_action_resolve_async(action)
    fixed = editor.apply(uri, action.edit)
    assert fixed == changed.replace("elsewhere!!!", "elsewhere!")
    assert "PROM010" not in codes(await editor.check(uri, fixed))


async def test_a_rule_that_raises_is_reported_and_the_server_goes_on(with_pack: Editor) -> None:
    uri = with_pack.open("post.md", POST + "\nEXPLODE\n")
    found = await with_pack.diagnostics(uri)
    failed = [d for d in found if "could not fully check" in d.message]
    assert len(failed) == 1
    assert "TEST002" in failed[0].message and "the rule broke on purpose" in failed[0].message
    assert "PROM010" in codes(found)  # the other rules still ran
    await wait_for(lambda: any("TEST002" in m.message and m.type == types.MessageType.Error
                               for m in with_pack.client.log_messages))
    await with_pack.check(uri, POST + "\nEXPLODE again\n")
    assert len([m for m in with_pack.client.log_messages if "TEST002" in m.message]) == 1
    assert "PROM010" not in codes(await with_pack.check(uri, POST.replace("!!!", ".")))


# --------------------------------------------------------------------------- the score


async def test_code_lens_and_score_card(editor: Editor) -> None:
    (editor.workspace / "post.md").write_text(POST, encoding="utf-8")
    uri = editor.open("post.md", POST)
    await editor.diagnostics(uri)
    lenses = await editor.client.text_document_code_lens_async(types.CodeLensParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert lenses is not None and len(lenses) == 1
    lens = lenses[0]
    assert lens.range.start == types.Position(line=0, character=0)
    assert lens.command is not None and lens.command.command == "valuelint.showScore"
    assert re.fullmatch(r"Reader value \d{1,3}/100 - lowest: [a-z]+ \d{1,3}", lens.command.title)
    card = await editor.client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=lens.command.command, arguments=list(lens.command.arguments or ())))
    score = run_valuelint("score", "post.md", cwd=editor.workspace)
    assert score.code == 0, score.stderr
    assert card == score.stdout.rstrip("\n")
    assert any(m.message == card for m in editor.client.messages)
    if editor.client.capabilities and editor.client.capabilities.workspace and \
            editor.client.capabilities.workspace.code_lens:  # VS Code refreshes its lenses
        assert editor.lens_refreshes > 0
    shown_before = len(editor.client.messages)
    quiet = await editor.client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=lens.command.command,
        arguments=[*(lens.command.arguments or ()), {"message": False}]))
    assert quiet == card
    await asyncio.sleep(0.2)
    assert not any(m.message == card for m in editor.client.messages[shown_before:])
    shown = re.search(r"reader-value score (\d+)/100", card)
    assert shown is not None and lens.command.title.startswith(
        f"Reader value {shown.group(1)}/100")


# --------------------------------------------------------------------------- configuration


async def test_a_configuration_file_change_is_picked_up(editor: Editor) -> None:
    uri = editor.open("post.md", POST)
    assert "PROM010" in codes(await editor.diagnostics(uri))
    config = editor.workspace / "valuelint.toml"
    config.write_text('ignore = ["PROM010"]\n', encoding="utf-8")
    mark = len(editor.published)
    editor.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]))
    assert "PROM010" not in codes(await editor.diagnostics(uri, mark))


async def test_vs_code_is_asked_to_watch_configuration_files(workspace: Path) -> None:
    session = await start(workspace, "visual-studio-code")
    try:
        await wait_for(lambda: bool(session.registrations))
        registration = session.registrations[0]
        assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        options = registration.register_options
        patterns = {w["globPattern"] if isinstance(w, dict) else w.glob_pattern
                    for w in (options["watchers"] if isinstance(options, dict)
                              else options.watchers)}  # type: ignore[union-attr]
        assert patterns == {"**/.valuelint.toml", "**/valuelint.toml", "**/pyproject.toml"}
    finally:
        await session.client.shutdown_session()
        await session.client.stop()


async def test_a_broken_configuration_is_reported_and_the_last_good_one_kept(
    editor: Editor,
) -> None:
    config = editor.workspace / "valuelint.toml"
    config.write_text('ignore = ["PROM010"]\n', encoding="utf-8")
    uri = editor.open("post.md", POST)
    assert "PROM010" not in codes(await editor.diagnostics(uri))

    config.write_text('ignore = ["PROM010"\nselect = 3\n', encoding="utf-8")
    mark = len(editor.published)
    editor.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    on_config = await editor.diagnostics(config.as_uri(), mark)
    assert len(on_config) == 1
    assert on_config[0].severity == types.DiagnosticSeverity.Error
    assert "not valid TOML" in on_config[0].message
    post = await editor.diagnostics(uri, mark)
    assert "PROM010" not in codes(post)  # still the last configuration that worked
    await wait_for(lambda: any("not valid TOML" in m.message
                               and m.type == types.MessageType.Error
                               for m in editor.client.messages))

    config.write_text('ignore = ["THIN"]\n', encoding="utf-8")
    mark = len(editor.published)
    editor.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    assert await editor.diagnostics(config.as_uri(), mark) == []
    assert "PROM010" in codes(await editor.diagnostics(uri, mark))


async def test_a_configuration_broken_from_the_start_is_reported(workspace: Path) -> None:
    (workspace / "pyproject.toml").write_text(
        '[tool.valuelint]\nselect = ["NOPE999"]\n', encoding="utf-8")
    session = await start(workspace, "neovim")
    try:
        uri = session.open("post.md", POST)
        assert "PROM010" in codes(await session.diagnostics(uri))  # the defaults
        on_config = await session.diagnostics((workspace / "pyproject.toml").as_uri())
        assert "'NOPE999' matches no installed rule" in on_config[0].message
    finally:
        await session.client.shutdown_session()
        await session.client.stop()


@pytest.mark.parametrize("editor_name", EDITORS)
async def test_settings_override_the_configuration(workspace: Path, editor_name: str) -> None:
    (workspace / "valuelint.toml").write_text('ignore = ["PROM010"]\n', encoding="utf-8")
    session = await start(workspace, editor_name, options={"select": ["PROM010"]})
    try:
        uri = session.open("post.md", POST)
        assert codes(await session.diagnostics(uri)) == ["PROM010"]
        session.client.set_configuration({"ignore": ["PROM"]}, section="valuelint")
        mark = len(session.published)
        session.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings=None))
        assert "PROM010" not in codes(await session.diagnostics(uri, mark))
    finally:
        await session.client.shutdown_session()
        await session.client.stop()


async def test_run_on_save_checks_on_save_only(workspace: Path) -> None:
    session = await start(workspace, "neovim", options={"run": "onSave"})
    try:
        uri = session.open("post.md", POST)
        await session.diagnostics(uri)
        mark = len(session.published)
        session.change(uri, POST.replace("!!!", "."))
        await asyncio.sleep(1.0)
        assert session.published[mark:] == []
        session.save(uri)
        assert "PROM010" not in codes(await session.diagnostics(uri, mark))
    finally:
        await session.client.shutdown_session()
        await session.client.stop()


async def test_each_workspace_folder_has_its_own_configuration(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        (folder / ".git").mkdir(parents=True)
    (second / "valuelint.toml").write_text('ignore = ["PROM010"]\n', encoding="utf-8")
    session = await start(first, "visual-studio-code", folders=[first, second])
    try:
        one = session.open("", POST, uri=(first / "post.md").as_uri())
        two = session.open("", POST, uri=(second / "post.md").as_uri())
        assert "PROM010" in codes(await session.diagnostics(one))
        assert "PROM010" not in codes(await session.diagnostics(two))
    finally:
        await session.client.shutdown_session()
        await session.client.stop()


async def test_a_post_over_the_size_limit_gets_one_diagnostic(editor: Editor) -> None:
    (editor.workspace / "valuelint.toml").write_text("max-file-size-mb = 0.0001\n",
                                                     encoding="utf-8")
    uri = editor.open("post.md", POST)
    found = await editor.diagnostics(uri)
    assert len(found) == 1
    assert "over the 0.0001 MB limit (max-file-size-mb)" in found[0].message


# --------------------------------------------------------------------------- the process


async def test_shutdown_and_exit_end_the_process(workspace: Path) -> None:
    session = await start(workspace, "neovim")
    uri = session.open("post.md", POST)
    await session.diagnostics(uri)
    process = session.client._server
    assert process is not None
    await session.client.shutdown_session()
    assert process.returncode == 0
    await session.client.stop()


async def test_a_client_that_watches_no_files_still_gets_configuration_changes(
    workspace: Path,
) -> None:
    session = await start(workspace, "neovim")  # Neovim registers no file watchers
    try:
        uri = session.open("post.md", POST)
        assert "PROM010" in codes(await session.diagnostics(uri))
        (workspace / "pyproject.toml").write_text(
            '[tool.valuelint]\nignore = ["PROM010"]\n', encoding="utf-8")
        assert "PROM010" not in codes(await session.check(uri, POST + "\nOne more line.\n"))
    finally:
        await session.client.shutdown_session()
        await session.client.stop()


@pytest.mark.parametrize(("options", "said"), [
    pytest.param(None, "1 finding at or above fail-on and the score is below fail-under "
                 "(fail-on warning, fail-under 50)", id="default"),
    pytest.param({"failOn": "info"}, "2 findings at or above fail-on and the score is below "
                 "fail-under (fail-on info, fail-under 50)", id="fail-on-info"),
])
async def test_the_score_lens_says_whether_the_post_fails(
    workspace: Path, options: dict[str, str] | None, said: str,
) -> None:
    session = await start(workspace, "visual-studio-code", options=options)
    try:
        uri = session.open("post.md", POST)
        await session.diagnostics(uri)
        lenses = await session.client.text_document_code_lens_async(types.CodeLensParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        assert lenses and lenses[0].command is not None
        assert lenses[0].command.tooltip == f"Fails valuelint check: {said}; show the score card"
    finally:
        await session.client.shutdown_session()
        await session.client.stop()


async def test_run_manual_checks_only_when_asked(workspace: Path) -> None:
    session = await start(workspace, "neovim", options={"run": "manual"})
    try:
        uri = session.open("post.md", POST)
        await asyncio.sleep(1.0)
        assert session.published == []
        await session.client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="valuelint.check", arguments=[uri]))
        assert "PROM010" in codes(await session.diagnostics(uri))
    finally:
        await session.client.shutdown_session()
        await session.client.stop()


async def test_a_setting_that_cannot_be_used_is_shown_and_the_defaults_used(
    workspace: Path,
) -> None:
    session = await start(workspace, "neovim", options={"run": "sometimes", "select": ["PROM"]})
    try:
        uri = session.open("post.md", POST)
        assert "THIN001" in codes(await session.diagnostics(uri))
        await wait_for(lambda: any(
            m.message == "valuelint: valuelint.run: expected onType, onSave, manual, got "
            "'sometimes'" for m in session.client.messages))
    finally:
        await session.client.shutdown_session()
        await session.client.stop()


async def test_the_server_ends_when_the_editor_goes_away(workspace: Path) -> None:
    """An editor that dies closes the server's input: the server ends, nothing is left."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "valuelint", "server", cwd=workspace,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    assert process.stdin is not None
    process.stdin.close()
    assert await asyncio.wait_for(process.wait(), TIMEOUT) == 0
