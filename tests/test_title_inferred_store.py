"""``Document.title_inferred`` survives both graph stores (stored only when set)."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_file

DATA = Path(__file__).resolve().parent.parent / "data"


def test_title_inferred_round_trips(store) -> None:
    shanxi = parse_file(DATA / "shanxi-2014-2015-jienengjianpai.txt")
    taiyuan = parse_file(DATA / "taiyuan-shisiwu-jienengjianpai.txt")
    assert shanxi.document.title_inferred and not taiyuan.document.title_inferred
    store.write_document(shanxi)
    store.write_document(taiyuan)
    assert store.document(shanxi.document.doc_id) == shanxi.document
    assert store.document(taiyuan.document.doc_id) == taiyuan.document
    assert {d.doc_id: d.title_inferred for d in store.documents()} == {
        shanxi.document.doc_id: True,
        taiyuan.document.doc_id: False,
    }
