"""A pytest-lsp client that waits for the diagnostics of one document version, and the
text helpers the end-to-end tests share (positions in any encoding, applying edits)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = Path(__file__).resolve().parents[2]

# Recorded capabilities of real clients; together they negotiate all three encodings.
PROFILES = {
    "visual-studio-code": "utf-16",  # sends no positionEncodings: LSP's UTF-16 default
    "neovim@v0.10.0": "utf-16",
    "neovim@v0.11.0": "utf-8",
    "emacs@v29.1": "utf-32",
}


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    register_lsp_features(client, {method: handler for method, handler
                                   in DEFAULT_CLIENT_FEATURES.items()
                                   if method != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS})
    client.published = []  # type: ignore[attr-defined]
    client.waiters = []  # type: ignore[attr-defined]

    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(ls: LanguageClient, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)  # type: ignore[attr-defined]
        for predicate, future in list(ls.waiters):  # type: ignore[attr-defined]
            if not future.done() and predicate(params):
                future.set_result(params)

    return client


def server_config(*command: str) -> ClientServerConfig:
    return ClientServerConfig(server_command=[sys.executable, *(command or ("-m", "lsp_server"))],
                              client_factory=make_client)


def capabilities(profile: str) -> types.ClientCapabilities:
    return client_capabilities(profile)


async def wait_published(client: LanguageClient, predicate: Callable[[Any], bool],
                         after: int = 0, timeout: float = 30) -> types.PublishDiagnosticsParams:
    """The first publishDiagnostics (from index `after` on) matching `predicate`."""
    for params in client.published[after:]:  # type: ignore[attr-defined]
        if predicate(params):
            return params
    future: asyncio.Future[types.PublishDiagnosticsParams] = (
        asyncio.get_running_loop().create_future())
    client.waiters.append((predicate, future))  # type: ignore[attr-defined]
    return await asyncio.wait_for(future, timeout)


def pull_mode(client: LanguageClient) -> bool:
    caps = client.capabilities
    return bool(caps and caps.text_document and caps.text_document.diagnostic is not None)


async def diagnostics_for(client: LanguageClient, uri: str, version: int,
                          after: int = 0) -> list[types.Diagnostic]:
    """The server's diagnostics for `uri` at `version`, the way this client gets them."""
    if pull_mode(client):
        report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        assert report.kind == "full"
        return list(report.items)
    params = await wait_published(
        client, lambda p: p.uri == uri and p.version == version, after=after)
    return list(params.diagnostics)


def column(line_text: str, encoding: str) -> int:
    """Length of `line_text` in the code units of `encoding`."""
    if encoding == "utf-16":
        return len(line_text.encode("utf-16-le")) // 2
    if encoding == "utf-8":
        return len(line_text.encode("utf-8"))
    return len(line_text)


def position_of(text: str, offset: int, encoding: str) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    line_start = text.rfind("\n", 0, offset) + 1
    return line, column(text[line_start:offset], encoding)


def offset_of(text: str, position: types.Position, encoding: str) -> int:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return start + index
        units += column(char, encoding)
    return start + len(line)


def apply_text_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    spans = [(offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding),
              e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_for(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.document_changes:
        return [e for change in edit.document_changes
                if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
                for e in change.edits]
    return list((edit.changes or {}).get(uri, []))


async def raw_request(client: LanguageClient, method: str, params: Any) -> Any:
    """Send `params` as they are (even malformed) and return the raw JSON result.

    Also sidesteps lsprotocol's client-side parsing, which reads any code action that
    has a `command` as a bare Command.
    """
    msg_id = f"raw-{uuid.uuid4()}"
    future: concurrent.futures.Future[Any] = concurrent.futures.Future()
    client.protocol._request_futures[msg_id] = future
    client.protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "method": method,
                                "params": params})
    return await asyncio.wrap_future(future)


def structure_actions(client: LanguageClient, raw: list[dict[str, Any]] | None
                      ) -> list[types.CodeAction]:
    converter = client.protocol._converter
    return [converter.structure(item, types.CodeAction) for item in raw or []
            if not isinstance(item.get("command"), str)]
