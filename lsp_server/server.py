"""The language server: documents in, `linter.lint_source` diagnostics out, nothing else.

Push diagnostics are debounced per document (a newer version cancels the pending
lint, and a result is published only for the version it was computed from); clients
that offer pull diagnostics (`textDocument/diagnostic`) get those instead. Every
handler turns failures into a logged message or an LSP error: the server keeps serving.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import JsonRPCNotification, LanguageServerProtocol
from pygls.uris import to_fs_path

from linter import __version__
from linter.config import CONFIG_FILENAMES, Config
from linter.diagnostic import Diagnostic, Fix

from . import convert
from .positions import PositionMap
from .settings import (
    DEFAULT_DEBOUNCE_MS,
    ConfigProblem,
    ConfigResolver,
    EditorSettings,
    parse_settings,
)

log = logging.getLogger("replylint.lsp")

IGNORE_COMMAND = "replylint.ignoreRule"
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.replylint"
_WARM_REPLY = "Hi [Customer Name], thanks for waiting: your refund is on its way. ^JD"
_SETTINGS_TIMEOUT_S = 2.0

T = TypeVar("T")


@dataclass
class LintResult:
    """One lint of one document version, kept for code actions, hover and pull requests."""

    version: int | None
    text: str
    config: Config | ConfigProblem
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lsp: list[types.Diagnostic] = field(default_factory=list)


class ReplylintProtocol(LanguageServerProtocol):
    """pygls, plus an answer to requests whose params do not parse.

    pygls drops such a request without a response, and the client waits forever;
    we answer it with InvalidParams (as JSON-RPC asks) and carry on.
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except Exception as error:
            if "id" not in data or "method" not in data:
                raise
            log.warning("malformed %s request: %r", data.get("method"), error)
            invalid = JsonRpcInvalidParams(f"invalid params for {data['method']}")
            self._send_response(data["id"], error=invalid.to_response_error())
            # Handled: hand pygls a no-op notification ("$/" methods may be ignored).
            return JsonRPCNotification(method="$/replylint/malformed", params=None,
                                       jsonrpc=self.VERSION)


class ReplylintServer(LanguageServer):
    def __init__(self) -> None:
        # Full sync: replies are short, and pygls' incremental sync splits lines with
        # str.splitlines (which also breaks on U+2028 etc.), unlike LSP clients.
        super().__init__("replylint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Full,
                         protocol_cls=ReplylintProtocol)
        self.settings = EditorSettings()
        self.resolver = ConfigResolver()
        self.results: dict[str, LintResult] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.pull_mode = False
        self.markdown_hover = True
        self.code_description = True
        self.document_changes = False
        self.refresh_support = False
        self.settings_from_init = False
        self.pull_offered = False
        self.default_debounce_ms = DEFAULT_DEBOUNCE_MS
        self._warm: asyncio.Future[Any] | None = None
        self._settings_ready: asyncio.Event | None = None
        self._reported: set[str] = set()

    # --- state ----------------------------------------------------------------

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or "utf-16")

    def document(self, uri: str) -> Any | None:
        """The open document, or None: never read an unknown URI from disk."""
        return self.workspace.text_documents.get(uri)

    def root_path(self) -> Path | None:
        root = self.workspace.root_path
        return Path(root) if root else None

    def folder_for(self, uri: str) -> Path | None:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return Path(path).parent if path else self.root_path()

    async def ready(self) -> None:
        """Wait for the warm-up (spaCy load) and the first settings, whichever is pending."""
        if self._warm is not None:
            try:
                await asyncio.shield(self._warm)
            except Exception:  # a failed warm-up is reported by the lint that follows
                pass
        if self._settings_ready is not None:
            try:
                await asyncio.wait_for(self._settings_ready.wait(), _SETTINGS_TIMEOUT_S)
            except TimeoutError:
                self._settings_ready.set()

    # --- linting --------------------------------------------------------------

    def lint_document(self, uri: str) -> LintResult | None:
        """Lint the document's current text, reusing the last result for the same version."""
        document = self.document(uri)
        if document is None:
            return None
        text, version = document.source, document.version
        config = self.resolver.resolve(self.folder_for(uri), self.settings)
        cached = self.results.get(uri)
        if (cached is not None and cached.version == version and cached.text == text
                and cached.config == config):
            return cached
        result = LintResult(version, text, config)
        problem = config.message if isinstance(config, ConfigProblem) else None
        problem = problem or (self.settings.problem.message if self.settings.problem else None)
        if problem:
            self.report_once(problem)
            result.lsp = [convert.problem_diagnostic(problem)]
        elif isinstance(config, Config):
            result.diagnostics, errors = self.run_engine(text, config)
            positions = PositionMap(text, self.encoding)
            result.lsp = [convert.to_lsp(d, positions, version, self.code_description)
                          for d in result.diagnostics]
            result.lsp.extend(convert.problem_diagnostic(e, "input") for e in errors)
        self.results[uri] = result
        return result

    def run_engine(self, text: str, config: Config) -> tuple[list[Diagnostic], list[str]]:
        """lint_source, plus a per-rule retry so one crashing rule cannot hide the others."""
        from linter.engine import ReplyTooLong, active_rules, lint_source

        try:
            return lint_source(text, config=config), []
        except ReplyTooLong as error:
            return [], [f"replylint: {error}"]
        except Exception:
            log.exception("lint failed; retrying rule by rule")
        diagnostics: list[Diagnostic] = []
        for active in active_rules(config):
            try:
                diagnostics.extend(lint_source(text, config=config.narrowed(select=(active.code,))))
            except Exception as error:
                self.report_once(f"replylint: rule {active.code} ({active.name}) crashed: "
                                 f"{type(error).__name__}: {error}",
                                 detail=traceback.format_exc())
        diagnostics.sort(key=lambda d: (d.start, d.end, d.code))
        return diagnostics, []

    def report_once(self, message: str, detail: str = "") -> None:
        """Tell the user about a problem once (not on every keystroke); always log it."""
        self.window_log_message(types.LogMessageParams(
            type=types.MessageType.Error, message=f"{message}\n{detail}".strip()))
        if message not in self._reported:
            self._reported.add(message)
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=message))

    def publish(self, uri: str, result: LintResult) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=result.version, diagnostics=result.lsp))

    def schedule(self, uri: str, delay_s: float) -> None:
        """Lint `uri` after `delay_s`; a later call for the same document replaces this one."""
        if self.pull_mode:
            return
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay_s))

    async def _lint_later(self, uri: str, delay_s: float) -> None:
        task = asyncio.current_task()
        try:
            if delay_s > 0:
                await asyncio.sleep(delay_s)
            await self.ready()
            document = self.document(uri)
            if document is None:
                return
            wanted = document.version
            result = self.lint_document(uri)
            # Drop a stale result: a newer version has its own lint pending.
            if result is not None and result.version == wanted == self.document(uri).version:
                self.publish(uri, result)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            self.report_once(f"replylint: could not lint {uri}: {error!r}",
                             detail=traceback.format_exc())
        finally:
            if self.pending.get(uri) is task:
                del self.pending[uri]

    def relint_all(self) -> None:
        """Config or settings changed: every open document's diagnostics may be stale."""
        self.results.clear()
        self._reported.clear()
        if self.pull_mode:
            if self.refresh_support:
                self.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    # --- settings ---------------------------------------------------------------

    def apply_settings(self, raw: Any) -> None:
        self.settings = parse_settings(raw, self.default_debounce_ms)
        # "push" forces push even for clients that offer pull; "pull" needs the client's offer.
        self.pull_mode = self.pull_offered and self.settings.diagnostic_mode != "push"

    async def pull_settings(self) -> None:
        try:
            answer = await self.workspace_configuration_async(types.ConfigurationParams(
                items=[types.ConfigurationItem(section="replylint")]))
            if answer and answer[0] is not None:
                self.apply_settings(answer[0])
        except Exception as error:
            log.warning("workspace/configuration failed: %r", error)
        finally:
            if self._settings_ready is not None:
                self._settings_ready.set()


def _capability(root: Any, *path: str) -> Any:
    for name in path:
        root = getattr(root, name, None)
        if root is None:
            return None
    return root


def _guard(default: T) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Run a request handler; on an unexpected error log it and answer `default`."""

    def decorator(handler: Callable[..., T]) -> Callable[..., T]:
        def wrapped(ls: ReplylintServer, params: Any) -> T:
            try:
                return handler(ls, params)
            except Exception as error:
                ls.report_once(f"replylint: {handler.__name__} failed: {error!r}",
                               detail=traceback.format_exc())
                return default

        wrapped.__name__ = handler.__name__
        return wrapped

    return decorator


def build_server() -> ReplylintServer:
    server = ReplylintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: ReplylintServer, params: types.InitializeParams) -> None:
        caps = params.capabilities
        options = params.initialization_options
        ls.settings_from_init = bool(options)
        ls.pull_offered = _capability(caps, "text_document", "diagnostic") is not None
        ls.apply_settings(options or {})
        formats = _capability(caps, "text_document", "hover", "content_format")
        ls.markdown_hover = formats is None or types.MarkupKind.Markdown in formats
        ls.code_description = _capability(
            caps, "text_document", "publish_diagnostics", "code_description_support") is not False
        ls.document_changes = bool(_capability(
            caps, "workspace", "workspace_edit", "document_changes"))
        ls.refresh_support = bool(_capability(caps, "workspace", "diagnostics", "refresh_support"))

    @server.feature(types.INITIALIZED)
    async def initialized(ls: ReplylintServer, params: types.InitializedParams) -> None:
        loop = asyncio.get_running_loop()
        # spaCy loads on the first lint (~1 s): do it now, off the event loop.
        ls._warm = loop.run_in_executor(None, _warm_up)
        caps = ls.client_capabilities
        if not ls.settings_from_init and _capability(caps, "workspace", "configuration"):
            ls._settings_ready = asyncio.Event()
            asyncio.ensure_future(ls.pull_settings())
        if _capability(caps, "workspace", "did_change_watched_files", "dynamic_registration"):
            await _watch_config_files(ls)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ReplylintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ReplylintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.settings.debounce_ms / 1000)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ReplylintServer, params: types.DidSaveTextDocumentParams) -> None:
        if Path(to_fs_path(params.text_document.uri) or "").name in CONFIG_FILENAMES:
            ls.relint_all()  # for clients that do not watch files for us

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ReplylintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.results.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: ReplylintServer,
                                       params: types.DidChangeConfigurationParams) -> None:
        if params.settings:
            ls.apply_settings(params.settings)
        elif _capability(ls.client_capabilities, "workspace", "configuration"):
            await ls.pull_settings()
        ls.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: ReplylintServer,
                                 params: types.DidChangeWatchedFilesParams) -> None:
        if any(Path(to_fs_path(change.uri) or "").name in CONFIG_FILENAMES
               for change in params.changes):
            ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
        identifier="replylint", inter_file_dependencies=False, workspace_diagnostics=False))
    async def pull_diagnostics(ls: ReplylintServer, params: types.DocumentDiagnosticParams
                               ) -> types.DocumentDiagnosticReport:
        await ls.ready()
        uri = params.text_document.uri
        try:
            result = ls.lint_document(uri)
        except Exception as error:
            ls.report_once(f"replylint: could not lint {uri}: {error!r}",
                           detail=traceback.format_exc())
            result = None
        if result is None:
            log.warning("diagnostics requested for unknown document %s", uri)
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        result_id = f"{result.version}:{id(result)}"
        if params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=result.lsp, result_id=result_id)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_guard(None)
    def hover(ls: ReplylintServer, params: types.HoverParams) -> types.Hover | None:
        result = ls.results.get(params.text_document.uri)
        if result is None or ls.document(params.text_document.uri) is None:
            return None
        positions = PositionMap(result.text, ls.encoding)
        offset = positions.offset(params.position)
        hits = [d for d in result.diagnostics if d.start <= offset <= d.end]
        text = convert.hover_text((d.code for d in hits), ls.markdown_hover)
        if text is None:
            return None
        kind = types.MarkupKind.Markdown if ls.markdown_hover else types.MarkupKind.PlainText
        span = positions.range(min(d.start for d in hits), max(d.end for d in hits))
        return types.Hover(contents=types.MarkupContent(kind=kind, value=text), range=span)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]))
    @_guard(None)
    def code_actions(ls: ReplylintServer, params: types.CodeActionParams
                     ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        if ls.document(uri) is None:
            log.warning("code actions requested for unknown document %s", uri)
            return None
        only = params.context.only

        def wanted(kind: str) -> bool:
            return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)

        actions: list[types.CodeAction] = []
        if wanted(types.CodeActionKind.QuickFix):
            actions.extend(_quick_fixes(ls, uri, params.context.diagnostics))
        if wanted(FIX_ALL_KIND):
            fix_all = _fix_all(ls, uri)
            if fix_all is not None:
                actions.append(fix_all)
        return actions

    @server.command(IGNORE_COMMAND)
    def ignore_rule(ls: ReplylintServer, code: str, uri: str) -> dict[str, Any] | None:
        from linter.config_edit import ConfigEditError, add_ignore, config_file_for

        folder = ls.folder_for(uri)
        if folder is None:
            ls.report_once("replylint: no folder to write the config to (save the file first)")
            return None
        target = config_file_for(folder, ls.root_path())
        try:
            changed = add_ignore(target, code)
        except (ConfigEditError, OSError) as error:
            ls.report_once(f"replylint: could not add {code} to {target}: {error}")
            return None
        ls.window_show_message(types.ShowMessageParams(
            type=types.MessageType.Info,
            message=f"replylint: ignoring {code} in {target}" if changed
            else f"replylint: {code} was already ignored in {target}"))
        ls.relint_all()
        return {"path": str(target), "changed": changed}

    return server


def _warm_up() -> None:
    from linter.engine import lint

    lint(_WARM_REPLY)


async def _watch_config_files(ls: ReplylintServer) -> None:
    watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILENAMES]
    try:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[
            types.Registration(
                id="replylint-config-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                    watchers=watchers),
            )]))
    except Exception as error:  # the stat-based cache still picks changes up on the next lint
        log.warning("could not register config file watchers: %r", error)


def _quick_fixes(ls: ReplylintServer, uri: str,
                 diagnostics: list[types.Diagnostic]) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    ignored: set[str] = set()
    for diagnostic in diagnostics:
        if diagnostic.source != convert.SOURCE or not isinstance(diagnostic.code, str):
            continue
        code = diagnostic.code
        fix, version = _fix_of(ls, uri, diagnostic)
        if fix:
            actions.append(types.CodeAction(
                title=fix.get("title", f"Fix {code}"),
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=bool(fix.get("safe")),
                edit=_workspace_edit(ls, uri, version, convert.text_edits(fix)),
            ))
        if code not in ignored and convert.rule_for(code) is not None:
            ignored.add(code)
            actions.append(types.CodeAction(
                title=f"Ignore {code} in this workspace (replylint config)",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                command=types.Command(title=f"Ignore {code}", command=IGNORE_COMMAND,
                                      arguments=[code, uri]),
            ))
    return actions


def _fix_of(ls: ReplylintServer, uri: str, diagnostic: types.Diagnostic
            ) -> tuple[dict[str, Any] | None, int | None]:
    """The fix the diagnostic carries in `data`; for clients that drop `data` (Emacs),
    the fix of the matching diagnostic from the last lint."""
    data = diagnostic.data
    if isinstance(data, dict) and "fix" in data:
        return data["fix"], data.get("version")
    result = ls.results.get(uri)
    if result is None:
        return None, None
    for known in result.lsp:
        if known.code == diagnostic.code and known.range == diagnostic.range:
            data = known.data or {}
            return data.get("fix"), result.version
    return None, None


def _fix_all(ls: ReplylintServer, uri: str) -> types.CodeAction | None:
    result = ls.lint_document(uri)
    if result is None:
        return None
    safe = [d.fix for d in result.diagnostics if d.fix is not None and d.fix.safe]
    edits = convert.non_overlapping(edit for fix in safe for edit in fix.edits)
    if not edits:
        return None
    positions = PositionMap(result.text, ls.encoding)
    combined = convert.fix_data(Fix("all", tuple(edits), True), positions)
    return types.CodeAction(
        title="Fix all safe replylint problems",
        kind=FIX_ALL_KIND,
        edit=_workspace_edit(ls, uri, result.version, convert.text_edits(combined)),
    )


def _workspace_edit(ls: ReplylintServer, uri: str, version: int | None,
                    edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    if ls.document_changes:
        # Versioned: the client refuses the edit if the text changed since the lint.
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
            edits=list(edits))])
    return types.WorkspaceEdit(changes={uri: list(edits)})


def main(debounce_ms: int | None = None) -> None:
    server = build_server()
    if debounce_ms is not None:
        server.default_debounce_ms = debounce_ms
        server.apply_settings({})
    server.start_io()
