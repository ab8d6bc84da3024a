"""`gimlint lsp` driven by a real LSP client (pygls), the way an editor does it.

Opens an export in a folder whose gimlint.toml lowers GIM003 to a warning, checks the
published diagnostics (positions in UTF-16 units, severities from the config), asks for the
GIM001 quick fix, applies its workspace edit to the text, sends the edited text back and
checks that GIM001 is gone; then hovers an option name and shuts down.

Usage: python lsp-client.py PATH_TO_GIMLINT
"""

import asyncio
import pathlib
import sys
import tempfile

from lsprotocol import types
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

    await client.start_io(gimlint, "lsp", env={"SOURCE_DATE_EPOCH": "1795000000", "PATH": "/usr/bin:/bin"})
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

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    print(f"LSP client: ok ({len(diagnostics)} diagnostics, fix applied, hover shown)")


async def main(gimlint: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        await session(gimlint, pathlib.Path(folder))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
