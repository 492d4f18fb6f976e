"""Reading the TAB-separated data files under ``ingest/dictionaries`` (aliases, successions, region groups …)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ingest.errors import DictionaryError


def data_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, TAB-split stripped columns) of the non-blank, non-comment lines of a data file.

    Raises:
        DictionaryError: the file cannot be read (names the file and the reason).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise DictionaryError(f"{path}: cannot read dictionary file / 无法读取词典文件: {e}") from e
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        yield lineno, [c.strip() for c in line.rstrip("\n").split("\t")]
