"""Reading the data files: the TAB-separated tables under ``ingest/dictionaries`` (aliases, successions, region
groups …) and the word lists under ``search/dictionaries`` (user dictionary, stop words)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ingest.errors import DictionaryError


def content_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line number, line as written) of the non-blank, non-comment (``#``) lines of a data or word-list file.

    Raises:
        DictionaryError: the file cannot be read (names the file and the reason).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise DictionaryError(f"{path}: cannot read dictionary file / 无法读取词典文件: {e}") from e
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield lineno, line


def data_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, TAB-split stripped columns) of the non-blank, non-comment lines of a data file.

    Raises:
        DictionaryError: the file cannot be read (names the file and the reason).
    """
    for lineno, line in content_lines(path):
        yield lineno, [c.strip() for c in line.split("\t")]
