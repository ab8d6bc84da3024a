"""`gimlint lsp` driven by a real LSP client (pygls), the way an editor does it.

Opens an export in a folder whose gimlint.toml lowers GIM003 to a warning, checks the
published diagnostics (positions in UTF-16 units, severities from the config), asks for the
GIM001 quick fix, applies its workspace edit to the text, sends the edited text back and
checks that GIM001 is gone; then hovers an option name. Opens an export that starts with a
byte-order mark and applies its OPT006 quick fixes. Sends requests the server must refuse
(invalid params, an unknown method) and checks the JSON-RPC errors pygls raises for them,
then shuts down and checks the exit code: 0 after shutdown, 1 in a second session that
exits without it.

Usage: python lsp-client.py PATH_TO_GIMLINT
"""

import asyncio
import concurrent.futures
import json
import pathlib
import sys
import tempfile

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams, JsonRpcMethodNotFound
from pygls.lsp.client import BaseLanguageClient

# "é" is one UTF-16 unit but two UTF-8 bytes: a server that counts bytes is off by one.
EXPORT = (
    "; exporté le 2026-11-20\r\n"
    "[gim-etl]\r\n"
    "days-to-keep-gim-facts=400\r\n"
    "\r\n"
    "[schedule]\r\n"
    "run-scheduler=TRUE\r\n"
    "run-aggregates=true\r\n"
)
CONFIG = '[severity]\nGIM003 = "warning"\n'
# Editors that keep a byte-order mark send it as the first character: a server that counts
# positions from after it is off by one unit on line 0 and by three bytes everywhere.
BOM_EXPORT = "\ufeff[gim-etl ]\ndays-to-keep-gim-facts=400 \nk=𝄞é \n"
ENV = {"SOURCE_DATE_EPOCH": "1795000000", "PATH": "/usr/bin:/bin"}


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Applies LSP text edits (UTF-16 positions) to `text`, last edit first."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        before = sum(len(line) for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return before + index
            units += len(char.encode("utf-16-le")) // 2
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def raw_request(client: BaseLanguageClient, message: dict) -> asyncio.Future:
    """Sends `message` as it is (pygls would check the params of a known method first) and
    returns what pygls makes of the response: its result, or the JsonRpcException for its
    error. Uses pygls 2.1.1's private table of awaited responses (the version is pinned)."""
    answer: concurrent.futures.Future = concurrent.futures.Future()
    client.protocol._request_futures[message["id"]] = answer
    body = json.dumps(message).encode()
    client._server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    return asyncio.wrap_future(answer)


async def session(gimlint: str, folder: pathlib.Path) -> None:
    (folder / "gimlint.toml").write_text(CONFIG)
    export = folder / "gim.cfg"
    export.write_text(EXPORT, newline="")
    uri = export.as_uri()

    client = BaseLanguageClient("gimlint-ci", "1")
    published: asyncio.Queue = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    await client.start_io(gimlint, "lsp", env=ENV)
    result = await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=folder.as_uri())
    )
    assert result.capabilities.hover_provider, result.capabilities
    assert result.capabilities.code_action_provider, result.capabilities
    client.initialized(types.InitializedParams())

    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="ini", version=1, text=EXPORT)
        )
    )
    diagnostics = (await asyncio.wait_for(published.get(), 10)).diagnostics
    by_code = {d.code: d for d in diagnostics}
    assert set(by_code) >= {"GIM001", "GIM003"}, diagnostics
    gim001 = by_code["GIM001"]
    assert gim001.severity == types.DiagnosticSeverity.Error, gim001
    assert (gim001.range.start.line, gim001.range.start.character) == (5, 14), gim001.range
    assert (gim001.range.end.line, gim001.range.end.character) == (5, 18), gim001.range
    # gimlint.toml beside the file lowered GIM003: the server uses the CLI's configuration.
    assert by_code["GIM003"].severity == types.DiagnosticSeverity.Warning, by_code["GIM003"]

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=gim001.range,
            context=types.CodeActionContext(diagnostics=[gim001]),
        )
    )
    fix = next(a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("GIM001"))
    assert fix.kind == types.CodeActionKind.QuickFix, fix
    fixed = apply(EXPORT, fix.edit.changes[uri])
    assert fixed == EXPORT.replace("run-scheduler=TRUE", "run-scheduler=false"), repr(fixed)

    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    after = (await asyncio.wait_for(published.get(), 10)).diagnostics
    codes = {d.code for d in after}
    assert "GIM001" not in codes and "GIM003" in codes, after

    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=5, character=3),
        )
    )
    assert "[schedule] run-scheduler" in hover.contents.value, hover

    bom_uri = (folder / "bom.cfg").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=bom_uri, language_id="ini", version=1, text=BOM_EXPORT)
        )
    )
    bom_diagnostics = (await asyncio.wait_for(published.get(), 10)).diagnostics
    blanks = sorted(
        (d.range.start.line, d.range.start.character, d.range.end.character)
        for d in bom_diagnostics
        if d.code == "OPT006"
    )
    assert blanks == [(0, 9, 10), (1, 26, 27), (2, 5, 6)], bom_diagnostics
    bom_actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=bom_uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=3, character=0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    edits = [e for a in bom_actions if a.title.startswith("OPT006") for e in a.edit.changes[bom_uri]]
    fixed_bom = apply(BOM_EXPORT, edits)
    assert fixed_bom == "\ufeff[gim-etl]\ndays-to-keep-gim-facts=400\nk=𝄞é\n", repr(fixed_bom)

    for number, (method, params, refused) in enumerate([
        ("textDocument/hover", None, JsonRpcInvalidParams),
        ("textDocument/hover", {"textDocument": {"uri": 5}, "position": {"line": 0, "character": 0}}, JsonRpcInvalidParams),
        ("gimlint/unknown", {}, JsonRpcMethodNotFound),
    ]):
        request = {"jsonrpc": "2.0", "id": f"refused-{number}", "method": method, "params": params}
        try:
            await asyncio.wait_for(raw_request(client, request), 10)
        except refused:
            pass
        else:
            raise AssertionError(f"{method} {params} was not refused with {refused.__name__}")

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    assert client._server.returncode == 0, client._server.returncode
    assert await client._server.stderr.read() == b""

    # LSP: `exit` without `shutdown` ends the server with exit code 1.
    second = BaseLanguageClient("gimlint-ci", "1")
    await second.start_io(gimlint, "lsp", env=ENV)
    await second.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    second.exit(None)
    await second.stop()
    assert second._server.returncode == 1, second._server.returncode
    print(
        f"LSP client: ok ({len(diagnostics)} diagnostics, fix applied, hover shown, BOM export "
        "fixed, bad requests refused, exit codes 0 and 1)"
    )


async def main(gimlint: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        await session(gimlint, pathlib.Path(folder))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
