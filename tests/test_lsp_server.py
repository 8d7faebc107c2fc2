"""End-to-end tests of the language server over stdio, as recorded real clients see it
(VS Code, Neovim 0.10 and 0.11, Emacs/eglot): one server process per test."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsp_profiles.harness import (
    PROFILES,
    apply_text_edits,
    capabilities,
    diagnostics_for,
    edits_for,
    position_of,
    raw_request,
    server_config,
    structure_actions,
    wait_published,
)
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

pytestmark = pytest.mark.slow

CRASHING_SERVER = Path(__file__).parent / "lsp_profiles" / "crashing_server.py"

SETTINGS = {"signature": {"agent": "^JD"}}
# The placeholder sits on line 2, after emoji (two UTF-16 units, four UTF-8 bytes each),
# accents and CJK: every encoding counts that prefix differently.
EMOJI_REPLY = ("Thanks for waiting 🙏\n"
               "Hi 👋🏽 Zoë 東京 [Customer Name], your refund is on its way. ^JD")
PLACEHOLDER = "[Customer Name]"


async def _start(client: LanguageClient, profile: str, root: Path,
                 options: dict | None = None) -> types.InitializeResult:
    result = await client.initialize_session(types.InitializeParams(
        capabilities=capabilities(profile),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="replies")],
        initialization_options=SETTINGS if options is None else options,
    ))
    client.encoding = str(result.capabilities.position_encoding or "utf-16")  # type: ignore
    return result


@pytest_lsp.fixture(config=server_config(), params=list(PROFILES))
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path):
    await _start(lsp_client, request.param, tmp_path)
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config(), params=["visual-studio-code", "neovim@v0.11.0"])
async def two_clients(lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path):
    """A push client (VS Code 1.65) and a pull client (Neovim 0.11)."""
    await _start(lsp_client, request.param, tmp_path)
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config(), params=["visual-studio-code"])
async def vscode(lsp_client: LanguageClient, tmp_path: Path):
    await _start(lsp_client, "visual-studio-code", tmp_path)
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config(str(CRASHING_SERVER)),
                    params=["visual-studio-code"])
async def crashing(lsp_client: LanguageClient, tmp_path: Path):
    await _start(lsp_client, "visual-studio-code", tmp_path)
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, name: str, text: str, language: str = "plaintext") -> str:
    uri = (client.root / name).as_uri()  # type: ignore[attr-defined]
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return uri


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def _codes(diagnostics: list[types.Diagnostic]) -> set[str]:
    return {str(d.code) for d in diagnostics}


def _only(diagnostics: list[types.Diagnostic], code: str) -> types.Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, diagnostics
    return found[0]


async def _code_actions(client: LanguageClient, uri: str, diagnostics: list[types.Diagnostic],
                        only: list[str] | None = None) -> list[types.CodeAction]:
    start = types.Position(line=0, character=0)
    params = types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=diagnostics[0].range if diagnostics else types.Range(start=start, end=start),
        context=types.CodeActionContext(diagnostics=diagnostics, only=only))
    raw = await raw_request(client, types.TEXT_DOCUMENT_CODE_ACTION,
                            client.protocol._converter.unstructure(params))
    return structure_actions(client, raw)


# --- diagnostics and positions -----------------------------------------------------------


async def test_diagnostics_on_open_sit_exactly_on_the_placeholder(client: LanguageClient):
    uri = _open(client, "reply.txt", EMOJI_REPLY)
    diagnostics = await diagnostics_for(client, uri, 1)

    placeholder = _only(diagnostics, "PLH001")
    start = EMOJI_REPLY.index(PLACEHOLDER)
    encoding = client.encoding  # type: ignore[attr-defined]
    assert (placeholder.range.start.line, placeholder.range.start.character) == position_of(
        EMOJI_REPLY, start, encoding)
    assert (placeholder.range.end.line, placeholder.range.end.character) == position_of(
        EMOJI_REPLY, start + len(PLACEHOLDER), encoding)
    assert placeholder.source == "replylint"
    assert placeholder.severity == types.DiagnosticSeverity.Error
    assert placeholder.data["fix"]["edits"]
    if client.capabilities.text_document.publish_diagnostics.code_description_support is False:
        assert placeholder.code_description is None  # Emacs 29 declares no support
    else:
        assert placeholder.code_description.href.endswith("/PLH001")


async def test_negotiated_encoding_follows_the_client(client: LanguageClient):
    preferred = client.capabilities.general and client.capabilities.general.position_encodings
    assert client.encoding == (preferred[0] if preferred else "utf-16")  # type: ignore


async def test_change_relints_with_the_new_version(client: LanguageClient):
    uri = _open(client, "reply.txt", EMOJI_REPLY)
    assert "PLH001" in _codes(await diagnostics_for(client, uri, 1))
    after = len(client.published)  # type: ignore[attr-defined]
    _change(client, uri, 2, EMOJI_REPLY.replace(PLACEHOLDER, "Dana"))
    assert "PLH001" not in _codes(await diagnostics_for(client, uri, 2, after=after))


async def test_markdown_quote_is_the_customer_context(client: LanguageClient):
    # The `>` quote is not linted: a placeholder in it belongs to the customer's message.
    text = ("> Where is my refund for [Customer Name]? 😡\n\n"
            "Hi 👋 Dana, the refund for [Customer Name] left today. ^JD")
    uri = _open(client, "reply.md", text, "markdown")
    found = [d for d in await diagnostics_for(client, uri, 1) if d.code == "PLH001"]
    assert len(found) == 1
    start = text.rindex(PLACEHOLDER)
    assert (found[0].range.start.line, found[0].range.start.character) == position_of(
        text, start, client.encoding)  # type: ignore[attr-defined]


async def test_close_clears_the_diagnostics(client: LanguageClient):
    uri = _open(client, "reply.txt", EMOJI_REPLY)
    assert await diagnostics_for(client, uri, 1)
    after = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    cleared = await wait_published(client, lambda p: p.uri == uri, after=after)
    assert list(cleared.diagnostics) == []


async def test_stale_results_are_dropped_and_only_the_changed_document_is_published(
        vscode: LanguageClient):
    other = _open(vscode, "other.txt", "Thanks, the refund left today.")
    await diagnostics_for(vscode, other, 1)
    uri = _open(vscode, "reply.txt", EMOJI_REPLY)
    await diagnostics_for(vscode, uri, 1)
    after = len(vscode.published)  # type: ignore[attr-defined]
    text = EMOJI_REPLY
    for version in range(2, 12):  # typing fast: each change supersedes the one before
        text += " ok"
        _change(vscode, uri, version, text)
    final = await diagnostics_for(vscode, uri, 11, after=after)
    _change(vscode, uri, 12, text + "!")  # a timer scheduled after any stray one
    await diagnostics_for(vscode, uri, 12, after=after)

    versions = [p.version for p in vscode.published[after:]]  # type: ignore[attr-defined]
    assert versions == sorted(versions), "an older result was published after a newer one"
    assert all(p.uri == uri for p in vscode.published[after:])  # type: ignore[attr-defined]
    assert "PLH001" in _codes(final)


# --- code actions ---------------------------------------------------------------------


async def test_quick_fixes_give_the_expected_reply(client: LanguageClient):
    text = "Hi 👋 [Customer Name], your refund is on its way 🚀"
    uri = _open(client, "reply.txt", text)
    diagnostics = await diagnostics_for(client, uri, 1)
    encoding = client.encoding  # type: ignore[attr-defined]

    sign = [a for a in await _code_actions(client, uri, [_only(diagnostics, "SIG001")])
            if a.edit is not None and a.kind == "quickfix"]
    assert len(sign) == 1 and "^JD" in sign[0].title
    signed = apply_text_edits(text, edits_for(sign[0].edit, uri), encoding)
    assert signed.startswith("Hi 👋 [Customer Name], your refund is on its way")
    assert "^JD" in signed

    remove = [a for a in await _code_actions(client, uri, [_only(diagnostics, "PLH001")])
              if a.edit is not None and a.kind == "quickfix"]
    assert len(remove) == 1
    unfilled = apply_text_edits(text, edits_for(remove[0].edit, uri), encoding)
    assert PLACEHOLDER not in unfilled and unfilled.endswith("your refund is on its way 🚀")

    after = len(client.published)  # type: ignore[attr-defined]
    _change(client, uri, 2, signed)
    assert "SIG001" not in _codes(await diagnostics_for(client, uri, 2, after=after))


async def test_fix_all_applies_every_safe_fix(two_clients: LanguageClient):
    client = two_clients
    text = "Hi 👋 Dana, your refund is on its way 🚀"
    uri = _open(client, "reply.txt", text)
    assert "SIG001" in _codes(await diagnostics_for(client, uri, 1))
    actions = await _code_actions(client, uri, [], only=["source.fixAll"])
    assert [a.kind for a in actions] == ["source.fixAll.replylint"]
    fixed = apply_text_edits(text, edits_for(actions[0].edit, uri),
                             client.encoding)  # type: ignore[attr-defined]
    after = len(client.published)  # type: ignore[attr-defined]
    _change(client, uri, 2, fixed)
    assert "SIG001" not in _codes(await diagnostics_for(client, uri, 2, after=after))
    assert "^JD" in fixed


async def test_ignore_action_writes_the_project_config(two_clients: LanguageClient):
    client = two_clients
    root: Path = client.root  # type: ignore[attr-defined]
    (root / "replylint.toml").write_text('# our brand\nchannel = "twitter"\n', encoding="utf-8")
    uri = _open(client, "reply.txt", "Hi [Customer Name], your refund is on its way. ^JD")
    diagnostics = await diagnostics_for(client, uri, 1)
    ignore = [a for a in await _code_actions(client, uri, [_only(diagnostics, "PLH001")])
              if a.command is not None]
    assert [a.title for a in ignore] == ["Ignore PLH001 in this workspace (replylint config)"]

    after = len(client.published)  # type: ignore[attr-defined]
    await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=ignore[0].command.command, arguments=ignore[0].command.arguments))
    config = (root / "replylint.toml").read_text(encoding="utf-8")
    assert config == '# our brand\nchannel = "twitter"\nignore = ["PLH001"]\n'
    assert "PLH001" not in _codes(await diagnostics_for(client, uri, 1, after=after))


# --- hover, config, robustness --------------------------------------------------------


async def test_hover_shows_the_rule_documentation(client: LanguageClient):
    uri = _open(client, "reply.txt", EMOJI_REPLY)
    placeholder = _only(await diagnostics_for(client, uri, 1), "PLH001")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=placeholder.range.start))
    assert hover is not None
    assert "PLH001" in hover.contents.value
    assert "## What it does" in hover.contents.value
    outside = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=0, character=0)))
    assert outside is None


async def test_edited_config_file_takes_effect_without_restart(two_clients: LanguageClient):
    client = two_clients
    root: Path = client.root  # type: ignore[attr-defined]
    uri = _open(client, "reply.txt", EMOJI_REPLY)
    assert "PLH001" in _codes(await diagnostics_for(client, uri, 1))

    (root / "replylint.toml").write_text('ignore = ["PLH001"]\n', encoding="utf-8")
    after = len(client.published)  # type: ignore[attr-defined]
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=(root / "replylint.toml").as_uri(),
                        type=types.FileChangeType.Created)]))
    assert "PLH001" not in _codes(await diagnostics_for(client, uri, 1, after=after))

    # Broken TOML: one clear diagnostic naming the file, and the server keeps serving.
    (root / "replylint.toml").write_text('ignore = ["PLH001"\n', encoding="utf-8")
    after = len(client.published)  # type: ignore[attr-defined]
    _change(client, uri, 2, EMOJI_REPLY + " ")
    broken = await diagnostics_for(client, uri, 2, after=after)
    assert len(broken) == 1 and broken[0].code == "config"
    assert "replylint.toml" in broken[0].message and "invalid TOML" in broken[0].message

    (root / "replylint.toml").write_text('channel = "email"\n', encoding="utf-8")
    after = len(client.published)  # type: ignore[attr-defined]
    _change(client, uri, 3, EMOJI_REPLY)
    assert "PLH001" in _codes(await diagnostics_for(client, uri, 3, after=after))


async def test_editor_settings_override_the_file(vscode: LanguageClient):
    root: Path = vscode.root  # type: ignore[attr-defined]
    (root / "replylint.toml").write_text('ignore = ["SIG001"]\n', encoding="utf-8")
    uri = _open(vscode, "reply.txt", "Hi [Customer Name], your refund is on its way.")
    assert "SIG001" not in _codes(await diagnostics_for(vscode, uri, 1))
    after = len(vscode.published)  # type: ignore[attr-defined]
    vscode.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"replylint": {"ignore": ["PLH001"], "channel": "", "select": []}}))
    codes = _codes(await diagnostics_for(vscode, uri, 1, after=after))
    assert "PLH001" not in codes and "SIG001" in codes

    after = len(vscode.published)  # type: ignore[attr-defined]
    vscode.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"replylint": {"channel": "fax"}}))
    bad = await diagnostics_for(vscode, uri, 1, after=after)
    assert [d.code for d in bad] == ["config"] and "replylint.channel" in bad[0].message


async def test_bad_requests_get_errors_and_the_server_keeps_serving(client: LanguageClient):
    with pytest.raises(JsonRpcException):
        await raw_request(client, types.TEXT_DOCUMENT_HOVER,
                          {"textDocument": {"uri": 42}, "position": "here"})
    unknown = (client.root / "never-opened.txt").as_uri()  # type: ignore[attr-defined]
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=unknown),
        position=types.Position(line=0, character=0)))
    assert hover is None
    assert await _code_actions(client, unknown, []) == []

    too_long = "Hi there. " * 11_000
    uri = _open(client, "huge.txt", too_long)
    problems = await diagnostics_for(client, uri, 1)
    assert [d.code for d in problems] == ["input"] and "characters" in problems[0].message

    uri = _open(client, "reply.txt", EMOJI_REPLY)
    assert "PLH001" in _codes(await diagnostics_for(client, uri, 1))


async def test_a_crashing_rule_is_reported_and_the_others_still_run(crashing: LanguageClient):
    text = "Hi [Customer Name] 💥, your refund is on its way"
    uri = _open(crashing, "reply.txt", text)
    codes = _codes(await diagnostics_for(crashing, uri, 1))
    assert "PLH001" not in codes and "SIG001" in codes
    assert any("PLH001" in m.message and "crashed" in m.message
               for m in crashing.messages)
    after = len(crashing.published)  # type: ignore[attr-defined]
    _change(crashing, uri, 2, text.replace("💥", "🙂"))
    assert "PLH001" in _codes(await diagnostics_for(crashing, uri, 2, after=after))

