"""The PolicyKG facade's ingest lifecycle on both stores: per-file errors, nothing of a failed file stored.

The ranking model is irrelevant here, so the deterministic test embedder stands in for e5
(the real model is exercised by test_qa.py / test_qa_neo4j.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from search.embedder import HashingEmbedder
from search.service import PolicyKG

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def _service(store, tmp_path: Path) -> PolicyKG:
    return PolicyKG(store, tmp_path / "index", lambda: HashingEmbedder(dim=64))


def test_bad_files_are_reported_and_the_rest_is_stored(store, tmp_path: Path) -> None:
    good = tmp_path / "in" / "taiyuan-shisiwu-jienengjianpai.txt"
    good.parent.mkdir()
    shutil.copy(SEEDS / good.name, good)
    empty = good.parent / "empty.txt"
    empty.write_text("", encoding="utf-8")
    truncated = good.parent / "truncated.pdf"
    pdf = next(iter(sorted(CORPUS.glob("2、*.pdf"))))
    truncated.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 3])

    kg = _service(store, tmp_path)
    report = kg.ingest([good.parent])
    assert report.added == ("taiyuan-shisiwu-jienengjianpai",)
    failed = {Path(e.path).name: e.reason for e in report.failed}
    assert set(failed) == {"empty.txt", "truncated.pdf"}
    assert all(failed.values())
    assert [d.doc_id for d in store.documents()] == ["taiyuan-shisiwu-jienengjianpai"]


def test_a_broken_new_version_leaves_the_stored_one_untouched(store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    doc = folder / "jincheng-shisiwu-jienengjianpai.txt"
    shutil.copy(SEEDS / doc.name, doc)
    kg = _service(store, tmp_path)
    assert kg.ingest([doc]).ok
    before = store.stats()
    clauses_before = store.clauses("jincheng-shisiwu-jienengjianpai")

    doc.write_bytes(b"\x00\x01\x02\xff\xfe binary garbage \x00" * 50)
    report = kg.ingest([doc])
    assert not report.ok and Path(report.failed[0].path).name == doc.name
    assert store.stats() == before
    assert store.clauses("jincheng-shisiwu-jienengjianpai") == clauses_before


def test_reingest_skips_unchanged_and_remove_cleans_up(store, tmp_path: Path) -> None:
    kg = _service(store, tmp_path)
    paths = [SEEDS / "shanxi-2014-2015-jienengjianpai.txt", SEEDS / "liaoning-2014-2015-jienengjianpai.txt"]
    first = kg.ingest(paths)
    assert len(first.added) == 2 and first.index_rebuilt
    stats = store.stats()
    again = kg.ingest(paths)
    assert again.skipped == first.added and not again.added and not again.index_rebuilt
    assert store.stats() == stats

    assert kg.remove("shanxi-2014-2015-jienengjianpai")
    assert [d.doc_id for d in store.documents()] == ["liaoning-2014-2015-jienengjianpai"]
    assert not kg.remove("shanxi-2014-2015-jienengjianpai")
    # the rebuilt index no longer returns clauses of the removed document
    hits = kg.search("淘汰落后产能", k=20)
    assert hits and all(h.clause.doc_id == "liaoning-2014-2015-jienengjianpai" for h in hits)


def test_reingest_of_the_same_bytes_does_not_parse(store, tmp_path: Path, monkeypatch) -> None:
    """A warm re-ingest skips files whose bytes are stored (sha256), before parsing; --force parses."""
    import ingest.pipeline

    kg = _service(store, tmp_path)
    paths = [SEEDS / "shanxi-2014-2015-jienengjianpai.txt"]
    assert kg.ingest(paths).added == ("shanxi-2014-2015-jienengjianpai",)
    real_parse = ingest.pipeline.parse_file
    parsed: list[Path] = []
    monkeypatch.setattr(ingest.pipeline, "parse_file", lambda p, **kw: parsed.append(p) or real_parse(p, **kw))
    assert kg.ingest(paths).skipped == ("shanxi-2014-2015-jienengjianpai",) and parsed == []
    changed = tmp_path / "shanxi-2014-2015-jienengjianpai.txt"
    changed.write_text(paths[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")  # other bytes, same text
    assert kg.ingest([changed]).skipped == ("shanxi-2014-2015-jienengjianpai",) and parsed == [changed]
    assert kg.ingest(paths, force=True).updated == ("shanxi-2014-2015-jienengjianpai",)


def test_the_first_question_after_warm_up_uses_the_warmed_engine(store, tmp_path: Path) -> None:
    # a reader that warmed up must not find the store "changed" on its first question and reload
    # everything (seen at 5,000 documents: the first answer after warm-up paid the whole load again)
    writer = _service(store, tmp_path)
    assert writer.ingest([SEEDS / "taiyuan-shisiwu-jienengjianpai.txt"]).added
    reader = _service(store, tmp_path)
    reader.warm_up()
    engine = reader.engine
    assert reader.ask("太原市挥发性有机物综合整治由哪个部门牵头？").found
    assert reader.engine is engine
