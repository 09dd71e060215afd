"""``nrm import``: packet files in, one JSON Lines record and one receipt file out per packet.

Accepted and duplicate packets get ``<receipts>/<packet id>.receipt`` (the stored receipt
bytes, so importing again rewrites the very same file). A rejected packet is moved to the
quarantine folder as ``<sha256>.age`` with ``<sha256>.reason`` (JSON: reason, hash, time)
and, when the packet could be read, its signed rejection receipt ``<sha256>.receipt``.
Quarantined names come from the content hash, never from the original file name.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screening_app.core.clock import utc_iso
from screening_app.core.errors import UsageError
from screening_app.nrm.intake import Intake, IntakeResult
from screening_app.packets.format import MAX_PACKET_BYTES
from screening_app.packets.receipts import RECEIPT_SUFFIX

# A batch is committed once it holds this many packets or bytes, whichever comes first.
BATCH_PACKETS = 64
BATCH_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class ImportRecord:
    """What one file became; ``as_json`` is the JSON Lines record."""

    file: Path
    status: str
    packet_id: str | None
    reason: str | None
    receipt: Path | None

    def as_json(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "packet_id": self.packet_id,
            "status": self.status,
            "reason": self.reason,
            "receipt": str(self.receipt) if self.receipt else None,
        }


def packet_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Files named on the command line, and the regular files (not hidden) of folders."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                child
                for child in path.iterdir()
                if child.is_file() and not child.name.startswith(".")
            )
        elif path.is_file():
            yield path
        else:
            raise UsageError(f"no such file or folder: {path}")


def _drain(waiting: deque[Settled], keep: int) -> Iterator[ImportRecord]:
    """Give out the records of the oldest batches once their receipt files are written."""
    while len(waiting) > keep:
        for record, written in waiting.popleft():
            if written is not None:
                written.result()
            yield record


def _write_file(target: Path, data: bytes) -> None:
    """Temporary file then rename: a reader never sees half a receipt. Not fsynced: the
    database holds every receipt and the file can be written again from it."""
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    temp.write_bytes(data)
    os.replace(temp, target)


Settled = list[tuple[ImportRecord, "Future[None] | None"]]


class PacketImporter:
    """Imports packet files. Receipt files are written by a few threads while the next
    batch is being verified: creating a file costs about as much as opening a packet."""

    def __init__(
        self, intake: Intake, receipts_dir: Path, quarantine_dir: Path, writers: int = 4
    ) -> None:
        self.intake = intake
        self.receipts_dir = receipts_dir
        self.quarantine_dir = quarantine_dir
        receipts_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        quarantine_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._writers = ThreadPoolExecutor(writers, thread_name_prefix="receipt-writer")

    def close(self) -> None:
        self._writers.shutdown(wait=True)

    def import_files(self, paths: Iterable[Path]) -> Iterator[ImportRecord]:
        """Import files in batches (one durable commit per batch); one record per file, in
        order, each given out once its batch is committed and its receipt file written."""
        batch: list[tuple[Path, bytes]] = []
        size = 0
        waiting: deque[Settled] = deque()
        for path in paths:
            loaded = self._load(path)
            if isinstance(loaded, ImportRecord):
                waiting.append(self._settle(batch))
                waiting.append([(loaded, None)])
                yield from _drain(waiting, keep=0)
                batch, size = [], 0
                continue
            batch.append((path, loaded))
            size += len(loaded)
            if len(batch) >= BATCH_PACKETS or size >= BATCH_BYTES:
                waiting.append(self._settle(batch))
                yield from _drain(waiting, keep=1)
                batch, size = [], 0
        waiting.append(self._settle(batch))
        yield from _drain(waiting, keep=0)

    def import_file(self, path: Path) -> ImportRecord:
        (record,) = self.import_files([path])
        return record

    def _load(self, path: Path) -> bytes | ImportRecord:
        """The file's bytes, or the record of why it was not read (size checked first)."""
        try:
            if path.stat().st_size > MAX_PACKET_BYTES:
                reason = f"the packet is larger than the {MAX_PACKET_BYTES}-byte limit"
                return self.quarantine(path, f"oversize-{secrets.token_hex(8)}", reason, None)
            with path.open("rb") as stream:
                return stream.read(MAX_PACKET_BYTES + 1)
        except FileNotFoundError:
            # Another importer working on the same folder moved it to quarantine.
            reason = "the file disappeared before it was read"
            return ImportRecord(path, "rejected", None, reason, None)

    def _settle(self, batch: list[tuple[Path, bytes]]) -> Settled:
        if not batch:
            return []
        results = self.intake.receive_batch([data for _, data in batch])
        settled: Settled = []
        for (path, _), result in zip(batch, results, strict=True):
            if result.status == "rejected":
                record = self.quarantine(path, result.sha256, result.reason or "", result)
                settled.append((record, None))
                continue
            target = self.receipts_dir / f"{result.packet_id}{RECEIPT_SUFFIX}"
            written = self._writers.submit(_write_file, target, result.receipt)
            settled.append(
                (ImportRecord(path, result.status, result.packet_id, None, target), written)
            )
        return settled

    def quarantine(
        self, path: Path, name: str, reason: str, result: IntakeResult | None
    ) -> ImportRecord:
        folder = self.quarantine_dir
        note = {
            "reason": reason,
            "sha256": result.sha256 if result else None,
            "packet_id": result.packet_id if result else None,
            "quarantined": utc_iso(self.intake.clock.now()),
        }
        _write_file(folder / f"{name}.reason", (json.dumps(note, indent=2) + "\n").encode())
        receipt_path = None
        if result is not None:
            receipt_path = folder / f"{name}{RECEIPT_SUFFIX}"
            _write_file(receipt_path, result.receipt)
        # A concurrent importer may have moved it already; the reason file is written anyway.
        with contextlib.suppress(FileNotFoundError):
            shutil.move(path, folder / f"{name}.age")
        packet_id = result.packet_id if result else None
        return ImportRecord(path, "rejected", packet_id, reason, receipt_path)

    def quarantine_upload(self, data: bytes, result: IntakeResult) -> ImportRecord:
        """Quarantine a rejected packet that arrived over HTTP rather than as a file."""
        temp = self.quarantine_dir / f".{result.sha256}.{secrets.token_hex(4)}.upload"
        temp.write_bytes(data)
        return self.quarantine(temp, result.sha256, result.reason or "", result)
