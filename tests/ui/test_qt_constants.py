"""The first paint's Qt values are Qt's own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from longform_desktop.ui import qt_constants

PAIRS = [
    (qt_constants.ALIGN_LEFT, Qt.AlignmentFlag.AlignLeft),
    (qt_constants.ALIGN_TOP, Qt.AlignmentFlag.AlignTop),
    (qt_constants.TEXT_WORD_WRAP, Qt.TextFlag.TextWordWrap),
    (qt_constants.USER_ROLE, Qt.ItemDataRole.UserRole),
]


@pytest.mark.parametrize(("ours", "qts"), PAIRS, ids=lambda v: str(v))
def test_the_values_are_qts(ours: int, qts: Qt.AlignmentFlag) -> None:
    assert ours == qts.value
