"""A line-aware first pass over a .po file, for what babel's catalog does not keep.

Babel's reader drops unknown headers (``X-Translation-Complete``), merges duplicate
entries silently and knows header values but not their lines. This scan records exactly
those: header fields with lines, and where each live ``msgctxt`` appears.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.messages.pofile import unescape


@dataclass(frozen=True)
class HeaderField:
    value: str
    line: int


@dataclass
class PoScan:
    header: dict[str, HeaderField] = field(default_factory=dict)  # keys lower-cased
    header_line: int = 1  # line of the header's msgid ""
    contexts: list[tuple[str, int]] = field(default_factory=list)  # (msgctxt, line)


@dataclass
class _Entry:
    keyword: str = ""  # the keyword whose string lines are being read
    context: list[str] = field(default_factory=list)
    msgid: list[str] = field(default_factory=list)
    msgstr: list[tuple[str, int]] = field(default_factory=list)  # msgstr pieces with lines
    first_line: int = 0
    context_line: int = 0


def scan_po(text: str) -> PoScan:
    scan = PoScan()
    entry = _Entry()
    seen_entries = 0
    for index, raw in enumerate(text.splitlines()):
        line = raw.strip()
        number = index + 1
        if not line or line.startswith("#"):
            continue  # comments, and obsolete "#~" entries, which are not live
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            _append(entry, _decode(line), number)
            continue
        if keyword in ("msgctxt", "msgid") and entry.msgstr:
            _finish(entry, scan, seen_entries == 0)
            seen_entries += 1
            entry = _Entry()
        if not entry.first_line:
            entry.first_line = number
        entry.keyword = keyword
        if keyword == "msgctxt":
            entry.context_line = number
        _append(entry, _decode(rest.strip()), number)
    if entry.first_line:
        _finish(entry, scan, seen_entries == 0)
    return scan


def _decode(literal: str) -> str:
    if len(literal) >= 2 and literal.startswith('"') and literal.endswith('"'):
        return str(unescape(literal))
    return ""


def _append(entry: _Entry, piece: str, line: int) -> None:
    if entry.keyword == "msgctxt":
        entry.context.append(piece)
    elif entry.keyword in ("msgid", "msgid_plural"):
        if entry.keyword == "msgid":
            entry.msgid.append(piece)
    elif entry.keyword.startswith("msgstr"):
        entry.msgstr.append((piece, line))


def _finish(entry: _Entry, scan: PoScan, is_first: bool) -> None:
    if entry.context_line:
        scan.contexts.append(("".join(entry.context), entry.context_line))
        return
    if is_first and "".join(entry.msgid) == "":
        scan.header_line = entry.first_line
        scan.header = _header_fields(entry.msgstr)


def _header_fields(pieces: list[tuple[str, int]]) -> dict[str, HeaderField]:
    """``Name: value`` lines of the header, each with the line where it starts."""
    fields: dict[str, HeaderField] = {}
    pending = ""
    pending_line = 0
    for piece, line in pieces:
        for part in piece.splitlines(keepends=True):
            if not pending:
                pending_line = line
            pending += part
            if pending.endswith("\n"):
                _add_field(fields, pending, pending_line)
                pending = ""
    if pending:
        _add_field(fields, pending, pending_line)
    return fields


def _add_field(fields: dict[str, HeaderField], text: str, line: int) -> None:
    name, colon, value = text.strip().partition(":")
    if colon and name.strip():
        fields.setdefault(name.strip().lower(), HeaderField(value.strip(), line))
