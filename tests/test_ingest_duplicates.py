"""A renamed copy of a stored file is reported ("already stored as …") and not stored twice, unless forced.

Duplicates are told by the content hash (sha256 of the repaired text), so a copy under another file
name, or the same text saved with other line endings, is the same document.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from search.embedder import HashingEmbedder
from search.service import PolicyKG

SEEDS = Path(__file__).resolve().parent.parent / "data"
TAIYUAN = "taiyuan-shisiwu-jienengjianpai"


def _service(store, tmp_path: Path) -> PolicyKG:
    return PolicyKG(store, tmp_path / "index", lambda: HashingEmbedder(dim=64))


def _copy(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    shutil.copy(SEEDS / f"{TAIYUAN}.txt", path)
    return path


def test_renamed_copy_is_reported_not_added(store, tmp_path: Path) -> None:
    kg = _service(store, tmp_path)
    assert kg.ingest([SEEDS / f"{TAIYUAN}.txt"]).added == (TAIYUAN,)
    stats = store.stats()

    report = kg.ingest([_copy(tmp_path, "太原市节能减排方案（副本）.txt")])
    assert report.ok and not report.added and not report.updated and not report.index_rebuilt
    assert report.duplicates == (("太原市节能减排方案（副本）.txt", TAIYUAN),)
    assert f"already stored as {TAIYUAN}" in str(report)
    assert report.to_dict()["duplicates"] == [
        {"path": "太原市节能减排方案（副本）.txt", "existing": TAIYUAN, "message": f"already stored as {TAIYUAN}"}
    ]
    assert [d.doc_id for d in store.documents()] == [TAIYUAN]
    assert store.stats() == stats


def test_two_copies_in_one_run_store_one(store, tmp_path: Path) -> None:
    kg = _service(store, tmp_path)
    first, second = _copy(tmp_path, "a-copy.txt"), _copy(tmp_path, "b-copy.txt")
    report = kg.ingest([first, second])
    assert report.added == ("a-copy",) and report.duplicates == (("b-copy.txt", "a-copy"),)


def test_force_stores_the_copy_and_same_name_is_still_skipped(store, tmp_path: Path) -> None:
    kg = _service(store, tmp_path)
    kg.ingest([SEEDS / f"{TAIYUAN}.txt"])
    assert kg.ingest([SEEDS / f"{TAIYUAN}.txt"]).skipped == (TAIYUAN,)  # same name, same content: unchanged
    forced = kg.ingest([_copy(tmp_path, "copy.txt")], force=True)
    assert forced.added == ("copy",) and not forced.duplicates
    assert sorted(d.doc_id for d in store.documents()) == ["copy", TAIYUAN]
