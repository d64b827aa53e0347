"""The few Qt-namespace values the first paint needs, as the integers Qt defines.

PySide builds its ``Qt`` namespace on first access: some 100 Python enums, about 13 ms,
the largest single cost between PySide's import and the catalog's first paint (issue
13). The modules the first paint runs therefore never touch ``Qt``: they use these
values, which Qt's C++ API fixes (they are part of its binary compatibility promise;
``tests/ui/test_qt_constants.py`` checks them against PySide's enums), and reach
``QtCore.Qt`` only in code that runs later (a key press, a click, ``complete()``).
``tests/ui/test_first_paint_lean.py`` checks that the first paint leaves ``Qt`` unbuilt.
"""

from __future__ import annotations

ALIGN_LEFT = 0x0001  # Qt::AlignLeft
ALIGN_TOP = 0x0020  # Qt::AlignTop
TEXT_WORD_WRAP = 0x1000  # Qt::TextWordWrap
USER_ROLE = 0x0100  # Qt::UserRole, the first item-data role free for the application
