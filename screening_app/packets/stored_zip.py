"""The ZIP container inside a packet: members stored (never compressed), read strictly.

Writing: a plain ZIP that ``unzip``, Python's ``zipfile`` and every archive tool read, with a
fixed timestamp so the same members give the same bytes.

Reading accepts only what an honest writer produces for a packet: the expected member names,
each once, stored, no encryption or data descriptors, sizes within their limits, local
headers agreeing with the central directory, members laid end to end from the first byte,
and the end record at the very end without a comment. No byte goes unaccounted for, and
nothing is ever inflated, so a "zip bomb" has nothing to expand.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from screening_app.core.errors import IntegrityError

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
LOCAL_SIG = 0x04034B50
CENTRAL_SIG = 0x02014B50
END_SIG = 0x06054B50
STORED = 0
FLAG_UTF8 = 0x0800
VERSION = 20
DOS_TIME = 0  # 00:00:00
DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date ZIP can hold
MAX_EXTRA = 256


class ZipFormatError(IntegrityError):
    """The container is not a packet ZIP; the message says which rule it breaks."""


def build_stored_zip(members: Sequence[tuple[str, bytes]]) -> bytes:
    """A ZIP holding ``members`` in order, uncompressed."""
    parts: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, data in members:
        encoded = name.encode("ascii")
        crc = zlib.crc32(data)
        fixed = (VERSION, 0, STORED, DOS_TIME, DOS_DATE, crc, len(data), len(data))
        local = _LOCAL.pack(LOCAL_SIG, *fixed, len(encoded), 0) + encoded
        parts += [local, data]
        central.append(
            _CENTRAL.pack(CENTRAL_SIG, VERSION, *fixed, len(encoded), 0, 0, 0, 0, 0, offset)
            + encoded
        )
        offset += len(local) + len(data)
    directory = b"".join(central)
    count = len(members)
    end = _END.pack(END_SIG, 0, 0, count, count, len(directory), offset, 0)
    return b"".join(parts) + directory + end


@dataclass(frozen=True)
class _Entry:
    name: str
    flags: int
    crc: int
    size: int
    offset: int


def _read_end(data: bytes, count: int) -> tuple[int, int]:
    if len(data) < _END.size:
        raise ZipFormatError("the packet content is too short to be a ZIP")
    end = data[-_END.size :]
    sig, disk, cd_disk, on_disk, total, cd_size, cd_offset, comment = _END.unpack(end)
    if sig != END_SIG:
        raise ZipFormatError("the ZIP end record is missing (trailing bytes or a comment)")
    if comment or disk or cd_disk or on_disk != total:
        raise ZipFormatError("the ZIP end record has a comment or spans several disks")
    if total != count:
        raise ZipFormatError(f"the ZIP holds {total} members; a packet holds {count}")
    if cd_offset + cd_size != len(data) - _END.size:
        raise ZipFormatError("the ZIP central directory is not where the end record says")
    return cd_offset, cd_size


def _read_central(data: bytes, offset: int, limits: Mapping[str, int]) -> tuple[_Entry, int]:
    if offset + _CENTRAL.size > len(data):
        raise ZipFormatError("the ZIP central directory is cut short")
    fields = _CENTRAL.unpack_from(data, offset)
    sig, _made, _need, flags, method, _t, _d, crc, csize, usize, nlen, elen, clen = fields[:13]
    local_offset = fields[16]
    if sig != CENTRAL_SIG:
        raise ZipFormatError("a ZIP central directory entry is damaged")
    name_end = offset + _CENTRAL.size + nlen
    raw_name = data[offset + _CENTRAL.size : name_end]
    try:
        name = raw_name.decode("ascii")
    except UnicodeDecodeError:
        raise ZipFormatError("a ZIP member has a name that is not plain ASCII") from None
    if name not in limits:
        raise ZipFormatError(f"the ZIP holds an unexpected member {name!r}")
    if method != STORED:
        raise ZipFormatError(f"member {name} is compressed; packet members must be stored")
    if flags & ~FLAG_UTF8:
        raise ZipFormatError(f"member {name} is encrypted or uses a data descriptor")
    if csize != usize:
        raise ZipFormatError(f"member {name} has different stored and real sizes")
    if usize > limits[name]:
        raise ZipFormatError(f"member {name} is larger than its {limits[name]}-byte limit")
    if elen > MAX_EXTRA or clen:
        raise ZipFormatError(f"member {name} has a comment or oversized extra fields")
    return _Entry(name, flags, crc, usize, local_offset), name_end + elen


def _read_local(data: bytes, entry: _Entry, position: int) -> tuple[bytes, int]:
    if entry.offset != position:
        raise ZipFormatError(f"member {entry.name} is not where the directory says")
    if position + _LOCAL.size > len(data):
        raise ZipFormatError(f"member {entry.name} is cut short")
    sig, _need, flags, method, _t, _d, crc, csize, usize, nlen, elen = _LOCAL.unpack_from(
        data, position
    )
    start = position + _LOCAL.size
    name = data[start : start + nlen]
    if sig != LOCAL_SIG or name != entry.name.encode("ascii"):
        raise ZipFormatError(f"the local header of member {entry.name} is damaged")
    if (flags, method, crc, csize, usize) != (
        entry.flags,
        STORED,
        entry.crc,
        entry.size,
        entry.size,
    ):
        raise ZipFormatError(
            f"the local header of member {entry.name} disagrees with the directory"
        )
    if elen > MAX_EXTRA:
        raise ZipFormatError(f"member {entry.name} has oversized extra fields")
    data_start = start + nlen + elen
    content = data[data_start : data_start + entry.size]
    if len(content) != entry.size:
        raise ZipFormatError(f"member {entry.name} is cut short")
    if zlib.crc32(content) != entry.crc:
        raise ZipFormatError(f"member {entry.name} fails its CRC check")
    return content, data_start + entry.size


def read_stored_zip(data: bytes, limits: Mapping[str, int]) -> dict[str, bytes]:
    """Members of a packet ZIP by name. ``limits`` names every member and its largest size;
    the ZIP must hold exactly those members."""
    cd_offset, cd_size = _read_end(data, len(limits))
    entries: list[_Entry] = []
    position = cd_offset
    for _ in limits:
        entry, position = _read_central(data, position, limits)
        if any(e.name == entry.name for e in entries):
            raise ZipFormatError(f"member {entry.name} appears twice")
        entries.append(entry)
    if position != cd_offset + cd_size:
        raise ZipFormatError("the ZIP central directory has unaccounted bytes")
    members: dict[str, bytes] = {}
    position = 0
    for entry in entries:
        members[entry.name], position = _read_local(data, entry, position)
    if position != cd_offset:
        raise ZipFormatError("the ZIP holds bytes between its last member and its directory")
    return members
