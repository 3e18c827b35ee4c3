"""The LSP handlers: documents in, diagnostics, actions, hover and the score out.

Checks run in one worker thread (:attr:`ValuelintServer.executor`): the event loop
keeps answering while a post is judged, and a process is never started.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Thread
from typing import Any

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from valuelint import __version__
from valuelint.config import CONFIG_FILES, ConfigError
from valuelint.server.actions import (
    FIX_ALL,
    SHOW_SCORE,
    code_actions,
    code_lens,
    hover,
    wanted,
)
from valuelint.server.checking import Check, Checker
from valuelint.server.diagnostics import config_diagnostic, diagnostics
from valuelint.server.fixing import fix_all, minimal_edit
from valuelint.server.positions import UTF8, UTF16, Lines
from valuelint.server.scheduling import DEBOUNCE, Scheduler
from valuelint.server.settings import Settings, SettingsError, parse_settings

__all__ = ["CHECK", "ValuelintServer", "create_server"]

CHECK = "valuelint.check"
WATCHER_ID = "valuelint-configuration-files"
logger = logging.getLogger(__name__)


class ValuelintProtocol(LanguageServerProtocol):
    """pygls' protocol, choosing UTF-8 positions whenever the client offers them."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Any:
        general = params.capabilities.general
        offered = general.position_encodings if general is not None else None
        if general is not None and offered and UTF8 in offered:
            general.position_encodings = [types.PositionEncodingKind.Utf8]
        return (yield from super().lsp_initialize(params))


class ValuelintServer(LanguageServer):
    """The server's state: settings, open documents and their latest checks."""

    def __init__(self) -> None:
        super().__init__("valuelint", __version__, protocol_cls=ValuelintProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.checker = Checker()
        self.scheduler = Scheduler()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="valuelint-check")
        self.checks: dict[str, Check] = {}
        self.languages: dict[str, str] = {}
        self.base = Settings()
        self.folders: dict[str, Path] = {}
        self.config_diagnostics: set[str] = set()
        self.said: set[str] = set()
        """Messages shown or logged once (a broken configuration, a failing rule)."""

    # ----------------------------------------------------------------- helpers

    @property
    def encoding(self) -> str:
        chosen = self.workspace.position_encoding
        return str(getattr(chosen, "value", chosen) or UTF16)

    def lines(self, text: str) -> Lines:
        return Lines(text, self.encoding)

    def run_mode(self, uri: str) -> str:
        return self.checker.folder_of(uri).settings.run

    def show(self, message: str, kind: types.MessageType, once: bool = True) -> None:
        if once and message in self.said:
            return
        self.said.add(message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def log(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def set_folders(self, settings: dict[str, Settings]) -> None:
        """Give each folder ("" for documents outside them) its settings and Linter."""
        for uri, chosen in settings.items():
            root = self.folders.get(uri)
            try:
                self.checker.set_folder(uri, root, chosen)
            except ConfigError as exc:
                self.show(f"valuelint: settings of {root or 'the workspace'}: {exc}; "
                          "using the defaults", types.MessageType.Error)
                self.checker.set_folder(uri, root, Settings(run=chosen.run))

    async def check_now(self, uri: str) -> Check | None:
        """Check the open document's current text in the worker thread and publish the
        result, unless the document changed or closed meanwhile."""
        if uri not in self.scheduler.versions:
            return None
        version = self.scheduler.versions[uri]
        text = self.workspace.get_text_document(uri).source
        if self.checker.configuration_moved(uri):
            self.configuration_changed(but=uri)
        loop = asyncio.get_running_loop()
        check = await loop.run_in_executor(self.executor, self.checker.check, uri, version,
                                           text, self.languages.get(uri))
        if not self.scheduler.current(uri, version):
            return None  # a newer edit has its own check coming
        self.checks[uri] = check
        self.publish(check)
        return check

    async def latest(self, uri: str, make: bool | None = None) -> Check | None:
        """The check of the document's current version, made now when there is none
        (``make``; default: unless the folder's ``run`` setting is ``manual``)."""
        check = self.checks.get(uri)
        if check is not None and self.scheduler.current(uri, check.version):
            return check
        if make is None:
            make = self.run_mode(uri) != "manual"
        return await self.check_now(uri) if make else None

    def publish(self, check: Check) -> None:
        lines = self.lines(check.text)
        crash = f"valuelint failed on {check.uri}:\n{check.crash}"
        if check.crash and crash not in self.said:
            self.said.add(crash)
            self.log(crash)
        result = check.result
        for error in result.errors if result is not None else ():
            message = f"{check.uri}: {error}"
            if error.startswith("rule ") and message not in self.said:
                self.said.add(message)  # once, not at every pause in typing
                self.log(message)
        if check.config_error is not None and check.config_file is not None:
            self.publish_config_error(check)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=check.uri, diagnostics=diagnostics(check, lines), version=check.version))
        if get_capability(self.client_capabilities, "workspace.code_lens.refresh_support",
                          False):
            self.workspace_code_lens_refresh(None)

    def publish_config_error(self, check: Check) -> None:
        assert check.config_error is not None and check.config_file is not None
        uri = from_fs_path(str(check.config_file)) or check.config_file.as_uri()
        try:
            text = check.config_file.read_text("utf-8", errors="replace")
        except OSError:
            text = ""
        self.config_diagnostics.add(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=[config_diagnostic(check, text)]))
        self.show(f"valuelint: {check.config_error}. Documents are checked with the last "
                  "configuration that worked until it is fixed.", types.MessageType.Error)

    def schedule_check(self, uri: str, delay: float = 0.0) -> None:
        """Check the document ``delay`` seconds from now (instead of any pending check)."""
        self.scheduler.schedule(uri, lambda: self.check_now(uri), delay)

    def recheck_all(self, but: str = "") -> None:
        for uri in list(self.scheduler.versions):
            if uri != but and self.run_mode(uri) != "manual":
                self.schedule_check(uri)

    def configuration_changed(self, but: str = "") -> None:
        """A configuration file changed: read them all again, and check every document
        (but ``but``, being checked)."""
        for uri in self.config_diagnostics:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.config_diagnostics.clear()
        self.said.clear()
        self.checker.reload()
        self.recheck_all(but)

    async def pull_settings(self) -> None:
        """Ask the client for each folder's ``valuelint`` settings (when it can say)."""
        chosen = {uri: self.base for uri in ("", *self.folders)}
        if get_capability(self.client_capabilities, "workspace.configuration", False):
            scopes = list(chosen)
            try:
                values = await self.workspace_configuration_async(types.ConfigurationParams(
                    items=[types.ConfigurationItem(scope_uri=uri or None, section="valuelint")
                           for uri in scopes]))
            except Exception as exc:  # a client that cannot answer keeps the others
                self.log(f"valuelint: workspace/configuration failed: {exc}",
                         types.MessageType.Warning)
                values = []
            for uri, value in zip(scopes, values, strict=False):
                if value:
                    try:
                        chosen[uri] = parse_settings(value)
                    except SettingsError as exc:
                        self.show(f"valuelint: {exc}", types.MessageType.Error)
        self.set_folders(chosen)

    async def watch_configuration(self) -> None:
        """Ask the client to report changes of configuration files (when it can)."""
        if not get_capability(self.client_capabilities,
                              "workspace.did_change_watched_files.dynamic_registration", False):
            return
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
        try:
            await self.client_register_capability_async(types.RegistrationParams(registrations=[
                types.Registration(
                    id=WATCHER_ID, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(
                        watchers=watchers))]))
        except Exception as exc:
            self.log(f"valuelint: cannot watch configuration files: {exc}",
                     types.MessageType.Warning)


def _folders(params: types.InitializeParams) -> dict[str, Path]:
    found: dict[str, Path] = {}
    given = list(params.workspace_folders or ())
    if not given and params.root_uri:
        given = [types.WorkspaceFolder(uri=params.root_uri, name="root")]
    for folder in given:
        path = to_fs_path(folder.uri)
        if path:
            found[folder.uri] = Path(path)
    return found


def create_server(preload: Thread | None = None) -> ValuelintServer:
    """A server with every handler registered; ``preload`` is a thread loading the
    language pipeline, which checks wait for."""
    server = ValuelintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: ValuelintServer, params: types.InitializeParams) -> None:
        ls.folders = _folders(params)
        try:
            ls.base = parse_settings(params.initialization_options)
        except SettingsError as exc:
            ls.show(f"valuelint: {exc}", types.MessageType.Error)
        ls.set_folders({uri: ls.base for uri in ("", *ls.folders)})

    @server.feature(types.INITIALIZED)
    async def initialized(ls: ValuelintServer, params: types.InitializedParams) -> None:
        # spaCy loads while the editor opens the file; checks queue behind it.
        ls.executor.submit(ls.checker.warm, preload)
        await ls.watch_configuration()
        before = {uri: f.settings for uri, f in ls.checker.folders.items()}
        await ls.pull_settings()
        if before != {uri: f.settings for uri, f in ls.checker.folders.items()}:
            ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ValuelintServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.scheduler.versions[uri] = params.text_document.version
        ls.languages[uri] = params.text_document.language_id
        if ls.run_mode(uri) != "manual":
            ls.schedule_check(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ValuelintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.scheduler.versions[uri] = params.text_document.version
        if ls.run_mode(uri) == "onType":
            ls.schedule_check(uri, DEBOUNCE)
        else:
            ls.scheduler.cancel(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ValuelintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if Path(to_fs_path(uri) or uri).name in CONFIG_FILES:
            ls.configuration_changed()
        elif ls.run_mode(uri) != "manual":
            ls.schedule_check(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ValuelintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.scheduler.cancel(uri)
        ls.scheduler.versions.pop(uri, None)
        ls.languages.pop(uri, None)
        ls.checks.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: ValuelintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(Path(to_fs_path(change.uri) or change.uri).name in CONFIG_FILES
               for change in params.changes):
            ls.configuration_changed()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def settings_changed(ls: ValuelintServer,
                               params: types.DidChangeConfigurationParams) -> None:
        given = params.settings
        if isinstance(given, dict) and isinstance(given.get("valuelint"), dict):
            try:
                ls.base = parse_settings(given["valuelint"])
            except SettingsError as exc:
                ls.show(f"valuelint: {exc}", types.MessageType.Error)
        await ls.pull_settings()
        ls.said.clear()
        ls.recheck_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders_changed(ls: ValuelintServer,
                        params: types.DidChangeWorkspaceFoldersParams) -> None:
        for removed in params.event.removed:
            ls.folders.pop(removed.uri, None)
            ls.checker.folders.pop(removed.uri, None)
        for added in params.event.added:
            path = to_fs_path(added.uri)
            if path:
                ls.folders[added.uri] = Path(path)
        ls.set_folders({uri: ls.base for uri in ls.folders if uri not in ls.checker.folders})
        ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True))
    async def actions(ls: ValuelintServer,
                      params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        check = await ls.latest(uri)
        if check is None or check.result is None:
            return None
        lines = ls.lines(check.text)
        only: Sequence[str] | None = params.context.only
        found = code_actions(check, lines, params.range, only)
        if wanted(FIX_ALL, only) and any(f.fix for f in check.result.findings):
            action = types.CodeAction(title="Fix all valuelint findings with a safe fix",
                                      kind=FIX_ALL, data={"uri": uri})
            if not get_capability(ls.client_capabilities,
                                  "text_document.code_action.resolve_support", None):
                action = await resolve(ls, action)
            found.append(action)
        return found or None

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def resolve(ls: ValuelintServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        uri = data.get("uri")
        if action.kind != FIX_ALL or not isinstance(uri, str) or uri not in ls.scheduler.versions:
            return action
        version = ls.scheduler.versions[uri]
        text = ls.workspace.get_text_document(uri).source
        language = ls.languages.get(uri)

        def findings_of(current: str) -> Any:
            checked = ls.checker.check(uri, version, current, language)
            return checked.result.findings if checked.result is not None else ()

        loop = asyncio.get_running_loop()
        fixed = await loop.run_in_executor(ls.executor, fix_all, text, findings_of)
        edit = minimal_edit(text, fixed.text, ls.lines(text))
        action.edit = types.WorkspaceEdit(changes={uri: [edit] if edit else []})
        return action

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: ValuelintServer, params: types.HoverParams) -> types.Hover | None:
        check = await ls.latest(params.text_document.uri)
        if check is None:
            return None
        return hover(check, ls.lines(check.text), params.position)

    @server.feature(types.TEXT_DOCUMENT_CODE_LENS)
    async def lens(ls: ValuelintServer, params: types.CodeLensParams) -> list[types.CodeLens]:
        uri = params.text_document.uri
        check = ls.checks.get(uri) or await ls.latest(uri)
        return code_lens(check) if check is not None else []

    @server.command(SHOW_SCORE)
    async def show_score(ls: ValuelintServer, *args: Any) -> str | None:
        uri = args[0] if args and isinstance(args[0], str) else None
        check = await ls.latest(uri, make=True) if uri else None
        if check is None or check.result is None or check.score is None:
            ls.show("valuelint: this document has no score (it is not checked, or could "
                    "not be)", types.MessageType.Warning, once=False)
            return None
        from valuelint.cli import score_card

        card = score_card(check.result, check.score)
        # A client that shows the returned card itself passes {"message": false}.
        options = args[1] if len(args) > 1 and isinstance(args[1], dict) else {}
        if options.get("message", True) is not False:
            ls.show(card, types.MessageType.Info, once=False)
        ls.log(card, types.MessageType.Info)
        return card

    @server.command(CHECK)
    async def check_command(ls: ValuelintServer, *args: Any) -> None:
        uri = args[0] if args and isinstance(args[0], str) else None
        if uri:
            await ls.check_now(uri)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: ValuelintServer, params: None) -> None:
        ls.scheduler.cancel_all()
        ls.executor.shutdown(wait=False, cancel_futures=True)

    return server
