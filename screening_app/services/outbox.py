"""The outbox: sealed packets waiting for their receipt.

``<workspace>/outbox/<packet id>.age`` holds every packet sent and not yet delivered, so a
packet can be pushed again or copied again to another channel until the recipient's
receipt arrives. The folder is owner-only (0700), like the workspace, and made on demand.

Once a receipt marks the packet delivered (or the intake refuses it), the file is deleted:
the office cannot open it anyway (it is sealed to the recipient), and its SHA-256 and the
signed receipt stay in the referral record, which is all the proof the office needs. A
packet lying about after delivery would only be one more copy of a person's data to lose.
"""

from __future__ import annotations

import os
from pathlib import Path

from screening_app.core.errors import ScreeningError
from screening_app.packets.seal import packet_path

OUTBOX = "outbox"


def outbox_dir(workspace_path: Path) -> Path:
    """The outbox folder, created owner-only if missing."""
    folder = workspace_path / OUTBOX
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError as exc:
        raise ScreeningError(f"cannot create the outbox folder {folder}: {exc.strerror}") from None
    return folder


def outbox_packet(workspace_path: Path, packet_id: str) -> Path:
    return packet_path(workspace_path / OUTBOX, packet_id)


def read_outbox_packet(workspace_path: Path, packet_id: str) -> bytes | None:
    """The packet file's bytes, or None when it is no longer in the outbox."""
    try:
        return outbox_packet(workspace_path, packet_id).read_bytes()
    except FileNotFoundError:
        return None


def remove_from_outbox(workspace_path: Path, packet_id: str) -> None:
    outbox_packet(workspace_path, packet_id).unlink(missing_ok=True)
