from __future__ import annotations

import logging
import threading
from pathlib import Path

from longform_desktop.log import log_file, setup_logging


def test_records_and_thread_crashes_reach_the_rotating_file(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    assert path == log_file(tmp_path)
    logging.getLogger("longform_desktop.storage.db").info("migrated to schema 3")

    def crash() -> None:
        raise RuntimeError("worker fell over")

    worker = threading.Thread(target=crash, name="worker-1")
    worker.start()
    worker.join()
    for handler in logging.getLogger("longform_desktop").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "migrated to schema 3" in text
    assert "worker-1" in text and "worker fell over" in text and "Traceback" in text
    setup_logging(tmp_path)  # idempotent: no handler is added twice
    assert len(logging.getLogger("longform_desktop").handlers) == 2


def test_records_before_a_deferred_file_are_written_into_it(tmp_path: Path) -> None:
    from longform_desktop.log import open_log_file

    path = setup_logging(tmp_path, defer_file=True)
    logging.getLogger("longform_desktop.app").info("before the first paint")
    assert not path.exists()
    open_log_file(tmp_path)
    logging.getLogger("longform_desktop.app").info("after it")
    for handler in logging.getLogger("longform_desktop").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert text.index("before the first paint") < text.index("after it")
