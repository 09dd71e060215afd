"""Reading gettext catalogs (forms and interface) with babel, cached per file version.

A catalog is ``<lang>.po``; a compiled ``<lang>.mo`` beside it may be used instead. Review
state lives in two places: the catalog headers ``X-Translation-Complete: yes|no`` and
``X-Translation-Review: reviewed|unreviewed``, and a translator comment ``# reviewed`` on an
entry that a native speaker checked inside an otherwise unreviewed catalog. A compiled
catalog keeps the headers but not the comments, so readers that need per-entry review
(interview texts) prefer the ``.po``; the interface, which only needs the messages, prefers
an up-to-date ``.mo``.
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.parser import HeaderParser
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import PoFileError, PoFileParser

from screening_app.core.errors import FormError

HEADER_COMPLETE = "X-Translation-Complete"
HEADER_REVIEW = "X-Translation-Review"
REVIEWED_COMMENT = "reviewed"

MessageText = str | tuple[str, ...]


@dataclass(frozen=True)
class CatalogEntry:
    """One message of a catalog, reduced to what the application reads."""

    context: str | None
    source: MessageText
    translation: MessageText
    fuzzy: bool
    reviewed: bool

    @property
    def usable(self) -> bool:
        """A fuzzy or empty translation is never shown: the source text is shown instead."""
        if self.fuzzy:
            return False
        if isinstance(self.translation, tuple):
            return all(self.translation)
        return bool(self.translation)


@dataclass(frozen=True)
class MessageCatalog:
    """A loaded catalog: its headers (names in lower case) and its entries."""

    path: Path
    headers: Mapping[str, str]
    entries: tuple[CatalogEntry, ...]
    babel_catalog: Catalog = field(repr=False, compare=False)

    @property
    def language(self) -> str:
        return self.headers.get("language", "")

    @property
    def complete(self) -> bool:
        return self.headers.get(HEADER_COMPLETE.lower(), "").lower() == "yes"

    @property
    def reviewed(self) -> bool:
        return self.headers.get(HEADER_REVIEW.lower(), "").lower() == "reviewed"

    @functools.cached_property
    def by_context(self) -> Mapping[str | None, CatalogEntry]:
        """Entries by ``msgctxt``; form catalogs have one entry per context."""
        return {entry.context: entry for entry in self.entries}

    def gnu_translations(self) -> gettext.GNUTranslations:
        """The catalog as a standard-library translations object (plural rules included)."""
        if self.path.suffix == ".mo":
            with self.path.open("rb") as stream:
                return gettext.GNUTranslations(stream)
        buffer = io.BytesIO()
        write_mo(buffer, self.babel_catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)


def load_catalog(po_path: Path, *, prefer_compiled: bool) -> MessageCatalog | None:
    """The catalog at ``po_path`` (or its compiled twin), or ``None`` when neither exists.

    With ``prefer_compiled`` a ``.mo`` not older than the ``.po`` is read instead of it; a
    stale ``.mo`` is ignored so an edited ``.po`` always wins.
    """
    chosen = _choose_file(po_path, prefer_compiled=prefer_compiled)
    if chosen is None:
        return None
    stat = chosen.stat()
    return _read_cached(chosen, stat.st_mtime_ns, stat.st_size)


def _choose_file(po_path: Path, *, prefer_compiled: bool) -> Path | None:
    mo_path = po_path.with_suffix(".mo")
    has_po, has_mo = po_path.is_file(), mo_path.is_file()
    if has_po and has_mo and prefer_compiled:
        fresh = mo_path.stat().st_mtime_ns >= po_path.stat().st_mtime_ns
        return mo_path if fresh else po_path
    if has_po:
        return po_path
    return mo_path if has_mo else None


@functools.lru_cache(maxsize=64)
def _read_cached(path: Path, mtime_ns: int, size: int) -> MessageCatalog:
    # mtime and size are part of the cache key so that an edited file is read again.
    del mtime_ns, size
    if path.suffix == ".mo":
        return _read_mo_file(path)
    return _read_po_file(path)


class _HeaderKeepingCatalog(Catalog):
    """babel keeps only the headers it knows; this also keeps the ``X-`` ones."""

    raw_headers: dict[str, str]

    def __setitem__(self, id: str | tuple[str, ...] | list[str], message: Message) -> None:
        if not id and isinstance(message.string, str):
            self.raw_headers = _parse_headers(message.string)
        super().__setitem__(id, message)


def _parse_headers(text: str) -> dict[str, str]:
    parsed = HeaderParser().parsestr(text)
    return {name.lower(): value.strip() for name, value in parsed.items()}


def _read_po_file(path: Path) -> MessageCatalog:
    catalog = _HeaderKeepingCatalog()
    catalog.raw_headers = {}
    try:
        with path.open("rb") as stream:
            PoFileParser(catalog, ignore_obsolete=True, abort_invalid=True).parse(stream)
    except (OSError, UnicodeDecodeError, PoFileError) as exc:
        raise FormError(f"{path}: cannot read catalog ({exc})") from exc
    return MessageCatalog(path, catalog.raw_headers, _entries(catalog), catalog)


def _read_mo_file(path: Path) -> MessageCatalog:
    try:
        data = path.read_bytes()
        catalog = read_mo(io.BytesIO(data))
        info = gettext.GNUTranslations(io.BytesIO(data)).info()
    except (OSError, UnicodeDecodeError) as exc:
        raise FormError(f"{path}: cannot read compiled catalog ({exc})") from exc
    headers = {name.lower(): value.strip() for name, value in info.items()}
    return MessageCatalog(path, headers, _entries(catalog), catalog)


def _entries(catalog: Catalog) -> tuple[CatalogEntry, ...]:
    return tuple(_entry(message) for message in catalog if message.id)


def _entry(message: Message) -> CatalogEntry:
    source = message.id if isinstance(message.id, str) else tuple(message.id)
    raw = message.string
    translation: MessageText
    if raw is None:
        translation = ""
    elif isinstance(raw, str):
        translation = raw
    else:
        translation = tuple(raw)
    comments = {comment.strip().lower() for comment in message.user_comments}
    context: object = message.context
    if isinstance(context, bytes):
        # babel's .mo reader leaves contexts undecoded.
        context = context.decode("utf-8")
    return CatalogEntry(
        context=context if isinstance(context, str) else None,
        source=source,
        translation=translation,
        fuzzy=message.fuzzy,
        reviewed=REVIEWED_COMMENT in comments,
    )
