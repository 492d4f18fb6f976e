"""One writer at a time per store folder: an advisory file lock (``fcntl.flock``) held for a whole write.

``ingest`` and ``remove`` take it for their whole run (graph writes, index build and save), so two
writers started together never both read the old state and overwrite each other's documents: the
second waits (with a message) for up to ``timeout`` seconds, then is refused with a clear error.
The kernel drops the lock when its process dies, so a ``kill -9`` never leaves a stale lock.
Readers never take it: they see whole generations (see ``graph.store.GraphStore.generation``).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest.errors import StoreBusyError

LOCK_FILE = "write.lock"
POLL_S = 0.2


@contextmanager
def write_lock(
    store_dir: Path, timeout: float = 600.0, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the store folder's write lock for the block.

    Args:
        store_dir: the store folder (created if missing); the lock file is ``store_dir/write.lock``.
        timeout: seconds to wait for another writer; 0 refuses at once.
        on_wait: called once with a bilingual message when the lock is held by someone else.
    Raises:
        StoreBusyError: another writer still holds the lock after ``timeout`` (names the folder and
            the other writer's pid).
    """
    store_dir = Path(store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    path = store_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(path)
                if time.monotonic() >= deadline:
                    raise StoreBusyError(store_dir, holder, timeout) from None
                if on_wait is not None and not told:
                    on_wait(
                        f"另一个写入进程（pid {holder}）正在写 {store_dir}，等待中… / another writer (pid {holder}) "
                        f"is writing {store_dir}; waiting…"
                    )
                    told = True
                time.sleep(POLL_S)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip() or "?"
    except (OSError, UnicodeDecodeError):
        return "?"
