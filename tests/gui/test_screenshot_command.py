"""``screening-app screenshot``: named screens over a throw-away demo workspace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from screening_app.cli import main
from screening_app.commands.screenshot import SCREEN_NAMES
from screening_app.ui.screens import SCREENS


def test_the_command_lists_every_screen_the_interface_can_render(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["screenshot", "--list"]) == 0
    listed = json.loads(capsys.readouterr().out)["screens"]
    assert listed == list(SCREEN_NAMES) == list(SCREENS)


def test_an_unknown_screen_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screenshot", "--screen", "nowhere", "--out", "x.png"]) == 2
    assert "unknown screen 'nowhere'" in capsys.readouterr().err


def test_the_flag_screen_renders_an_image_of_the_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "flag.png"
    code = main(
        [
            "screenshot",
            "--screen",
            "flag",
            "--lang",
            "en",
            "--interview-lang",
            "ti",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["out"] == str(out)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 860)
    # The red flag banner is there: a strip of its colour near the top of the window.
    banner = image.pixelColor(640, 160)
    assert (banner.red(), banner.green(), banner.blue()) == (0x8E, 0x1B, 0x1B)
