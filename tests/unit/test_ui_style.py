"""The style sheet: every size filled in, every image it names shipped."""

from __future__ import annotations

import re
from pathlib import Path

from screening_app.ui.style import style_sheet


def test_the_style_sheet_has_no_unfilled_placeholder() -> None:
    assert "$" not in style_sheet(150)


def test_every_image_the_style_sheet_names_exists() -> None:
    urls = re.findall(r"url\(([^)]+)\)", style_sheet(100))
    assert urls, "the combo box arrow is drawn from an image"
    assert [url for url in urls if not Path(url).is_file()] == []
