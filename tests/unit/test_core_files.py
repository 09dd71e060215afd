"""Whole-or-nothing file writes: the old file or the whole new one, never a part."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from screening_app.core.errors import ScreeningError
from screening_app.core.files import write_atomically

# A child process that may write at most 4 KiB per file: the next write fails as it would on
# a full disk (EFBIG instead of ENOSPC), without needing a small file system.
LIMITED_WRITER = """
import resource, signal, sys
from pathlib import Path
from screening_app.core.errors import ScreeningError
from screening_app.core.files import write_atomically
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    write_atomically(Path(sys.argv[1]), b"n" * 100_000, "the packet")
except ScreeningError as exc:
    print(exc.message)
    sys.exit(3)
"""


def test_a_write_leaves_only_the_whole_owner_only_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    write_atomically(target, b"first")
    write_atomically(target, b"second, longer")
    assert target.read_bytes() == b"second, longer"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["out.bin"]


def test_a_write_that_runs_out_of_room_keeps_the_old_file_and_leaves_no_part(
    tmp_path: Path,
) -> None:
    target = tmp_path / "packet.age"
    target.write_bytes(b"old packet")
    done = subprocess.run(
        [sys.executable, "-c", LIMITED_WRITER, str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert done.stdout.startswith(f"cannot write the packet to {target}: ")
    assert target.read_bytes() == b"old packet"
    assert [path.name for path in tmp_path.iterdir()] == ["packet.age"]


def test_a_missing_folder_is_named_in_the_message(tmp_path: Path) -> None:
    missing = tmp_path / "usb-stick"
    with pytest.raises(ScreeningError, match=f"cannot write the report into {missing}"):
        write_atomically(missing / "report.pdf", b"%PDF-", "the report")
