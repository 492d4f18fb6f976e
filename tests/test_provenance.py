"""Page-level provenance (issue 14, item 1): clause page spans and offsets, evidence pages, page images,
originals, the API routes — on real corpus PDFs (one of them scanned, with an OCR text layer)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
from pathlib import Path
from urllib.parse import quote

import pytest

from ingest.errors import NotFoundError
from ingest.pages import comparable, locate_clauses, page_at, page_starts
from ingest.pipeline import parse_file
from ingest.readers import read_text
from ingest.repair import PAGE_MARKER_RE, normalise_chars, repair_text
from ingest.structure import split_clauses
from search.answer import Evidence
from search.provenance import clause_boxes, keep_original, original_path, page_png, render_page
from tests import graph_samples as S

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SEED_TXT = sorted((ROOT / "data").glob("*.txt"))
WUHAN = CORPUS / "356、武汉市加快建立健全绿色低碳循环发展经济体系实施方案.pdf"
# scanned pages with an OCR text layer over the image
DALIAN_OCR = CORPUS / "362、大连市贯彻落实〈国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见〉实施方案.pdf"
SAMPLE = [
    CORPUS / "2、2030年前碳达峰行动方案.pdf",
    CORPUS / "134、河北省重点领域严格能效约束推进节能降碳实施方案.pdf",
    CORPUS / "244、2021年推动碳达峰、碳中和工作计划.pdf",
    WUHAN,
    DALIAN_OCR,
]
PROBE = 20  # characters of a clause's beginning / end looked for on its pages


def _pdf_pages(pdf: Path) -> list[str]:
    """The text layer of each page (pypdfium2, as ingest reads it), comparable form, page-number lines
    ("— 3 —") left out so that a clause running over a page break reads on."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()
    lines = (page.replace("\r", "\n").split("\n") for page in pages)
    return [comparable("\n".join(x for x in page if not PAGE_MARKER_RE.match(normalise_chars(x)))) for page in lines]


@pytest.fixture(scope="module")
def parsed() -> dict[Path, object]:
    return {pdf: parse_file(pdf) for pdf in SAMPLE}


def _on_claimed_pages(clause, pages: list[str]) -> bool:
    """The clause's first characters start on ``page_start`` and its last ones end on ``page_end``."""
    text = comparable(clause.text)
    head, tail = text[:PROBE], text[-PROBE:]
    span = pages[clause.page_start - 1 : clause.page_end]
    joined = "".join(span)
    h = joined.find(head)
    t = joined.rfind(tail)
    if h < 0 or t < 0:
        return False
    first_len = len(span[0])
    last_from = len(joined) - len(span[-1])
    return h < first_len and t + len(tail) > last_from


@pytest.mark.parametrize("pdf", SAMPLE, ids=lambda p: p.name[:12])
def test_clause_text_is_on_the_pages_it_claims(parsed, pdf):
    doc = parsed[pdf]
    pages = _pdf_pages(pdf)
    body = [c for c in doc.clauses if c.kind != "task" and len(comparable(c.text)) >= 4]
    assert body
    wrong = [(c.path, c.page_start, c.page_end) for c in body if not (1 <= c.page_start <= c.page_end <= len(pages))]
    assert not wrong, wrong
    off = [(c.path, c.page_start, c.page_end) for c in body if not _on_claimed_pages(c, pages)]
    assert not off, off  # all 1,341 clauses of the 41 corpus PDFs pass this check
    # the spans follow the document: page numbers never go back
    starts = [c.page_start for c in body]
    assert starts == sorted(starts)


def test_multi_page_clause(parsed):
    clause = next(c for c in parsed[WUHAN].clauses if c.path == "二（四）")
    assert (clause.page_start, clause.page_end) == (3, 4)  # "…武" on page 3, "汉经开区管委会）" on page 4
    assert clause.char_end > clause.char_start > 0


def test_character_offsets_point_into_the_repaired_text():
    path = SEED_TXT[0]
    parsed = parse_file(path)
    raw = read_text(path)
    text = repair_text(raw, title_hint=parsed.document.title)
    if parsed.document.content_hash != hashlib.sha256(text.encode()).hexdigest():
        text = repair_text(raw)  # the title was the file name's: repaired without a hint
    assert parsed.document.content_hash == hashlib.sha256(text.encode()).hexdigest()
    for c in parsed.clauses:
        assert c.page_start == c.page_end == 0  # not a PDF
        if c.kind == "task":
            continue
        assert c.char_end > c.char_start, c.clause_id
        assert text[c.char_start : c.char_end].endswith(c.text), c.clause_id
        # the number token is part of the span: "三、" / "（九）"
        if c.number:
            assert c.number in text[c.char_start : c.char_end - len(c.text) + len(c.number) + 2]


def test_page_map_through_repair():
    raw = "关于印发某某方案的通知\n— 1 —\f某某市“十四五”节能方案\n一、总体要求\n到2025年，单位GDP能耗下降\n— 2 —\f某某市“十四五”节能方案\n14.5%。\n二、保障措施\n加强领导。\n— 3 —"
    text = repair_text(raw)
    starts = page_starts(raw, text)
    assert len(starts) == 3 and starts[0] == 0
    assert page_at(starts, text.index("一、")) == 2
    assert page_at(starts, text.index("14.5%")) == 3
    assert page_at(starts, text.index("二、")) == 3
    clauses = locate_clauses(split_clauses(text, "x"), text, starts)
    one = next(c for c in clauses if c.path == "一")
    assert (one.page_start, one.page_end) == (2, 3)
    assert text[one.char_start : one.char_end].startswith("一、")


def test_page_fields_round_trip(store):
    p = S.taiyuan()
    moved = tuple(
        dataclasses.replace(c, page_start=i + 1, page_end=i + 2, char_start=10 * i, char_end=10 * i + 7)
        for i, c in enumerate(p.clauses)
    )
    p = dataclasses.replace(p, clauses=moved, document=dataclasses.replace(p.document, file_hash="ab" * 32))
    store.write_document(p)
    for c in p.clauses:
        assert store.clause(c.clause_id) == c
    assert store.document(S.TY).file_hash == "ab" * 32


def test_evidence_json_has_pages():
    e = Evidence("a.pdf", "T", "太原市", "三", "h", "text", 1.0, "a#三", page_start=3, page_end=4)
    d = e.to_dict()
    assert d["page"] == 3 and d["pages"] == [3, 4]
    d0 = Evidence("a.txt", "T", "", "三", "h", "text").to_dict()
    assert d0["page"] == 0 and d0["pages"] == []
    assert list(d)[-2:] == ["page", "pages"]


# --- page images and originals -----------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    return Image.open(io.BytesIO(data)).size


@pytest.mark.parametrize("pdf, path", [(WUHAN, "二（四）"), (DALIAN_OCR, "一（七）")], ids=["text", "ocr"])
def test_clause_boxes_cover_its_lines(parsed, pdf, path):
    clause = next(c for c in parsed[pdf].clauses if c.path == path)
    per_page = {n: clause_boxes(pdf, n, clause) for n in range(clause.page_start, clause.page_end + 1)}
    assert all(per_page.values()), per_page
    for boxes in per_page.values():
        tops = [b.top for b in boxes]
        assert tops == sorted(tops)  # one box per line, top to bottom
    other = clause.page_end + 1
    assert clause_boxes(pdf, other, clause) == []


def test_lines_of_a_known_clause(parsed):
    clause = next(c for c in parsed[WUHAN].clauses if c.path == "二（四）")
    assert len(clause_boxes(WUHAN, 3, clause)) == 7  # "壮大绿色环保产业…武" fills the last 7 lines of page 3
    assert len(clause_boxes(WUHAN, 4, clause)) == 1  # "汉经开区管委会）"


def test_page_png_is_rendered_once_and_cached(tmp_path, parsed):
    doc = parsed[WUHAN].document
    keep_original(tmp_path, doc.doc_id, WUHAN)
    clause = next(c for c in parsed[WUHAN].clauses if c.path == "二（四）")
    plain = page_png(tmp_path, doc, 3)
    marked = page_png(tmp_path, doc, 3, clause)
    assert plain != marked and plain.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert plain.read_bytes() != marked.read_bytes()
    stamp = marked.stat().st_mtime_ns
    assert page_png(tmp_path, doc, 3, clause) == marked and marked.stat().st_mtime_ns == stamp
    assert marked.parent.parent == tmp_path / "pages"
    w, h = _png_size(marked.read_bytes())
    assert 800 < w < 1000 and h > w  # A4 portrait at 1.5 px / pt
    with pytest.raises(NotFoundError, match="pages 1-"):
        page_png(tmp_path, doc, 99)


def test_original_is_kept_or_found_by_hash(tmp_path, parsed):
    doc = parsed[WUHAN].document
    assert doc.file_hash and len(doc.file_hash) == 64
    # not kept: the ingested path still holds the same bytes
    assert original_path(tmp_path, doc) == WUHAN
    # a different file at the ingested path is never served
    changed = dataclasses.replace(doc, file_hash="0" * 64)
    assert original_path(tmp_path, changed) is None
    kept = keep_original(tmp_path, doc.doc_id, WUHAN)
    assert kept == tmp_path / "originals" / f"{doc.doc_id}.pdf"
    assert original_path(tmp_path, changed) == kept
    assert kept.read_bytes() == WUHAN.read_bytes()


def test_render_page_without_boxes():
    data = render_page(DALIAN_OCR, 1, scale=0.5)
    assert data[:4] == b"\x89PNG"


# --- the facade and the API ----------------------------------------------------------------------


@pytest.fixture
def kg(tmp_path, parsed):
    from graph.networkx_store import NetworkxGraphStore
    from search.service import PolicyKG

    store = NetworkxGraphStore(tmp_path / "graph.json")
    p = parsed[WUHAN]
    store.write_document(p)
    service = PolicyKG(store, tmp_path / "index-networkx", lambda: None)
    service.keep_original(p.document.doc_id, WUHAN)
    yield service
    service.close()


def test_api_serves_page_images_and_originals(kg, parsed):
    from fastapi.testclient import TestClient

    from ui.api import create_app

    doc = parsed[WUHAN].document
    clause = next(c for c in parsed[WUHAN].clauses if c.path == "二（四）")
    with TestClient(create_app(service=kg)) as client:
        base = f"/documents/{quote(doc.doc_id, safe='')}"
        r = client.get(f"{base}/pages/3.png", params={"clause": clause.clause_id})
        assert r.status_code == 200 and r.headers["content-type"] == "image/png"
        assert r.content[:4] == b"\x89PNG"
        assert client.get(f"{base}/pages/99.png").status_code == 404
        assert client.get(f"{base}/pages/0.png").status_code == 422
        assert client.get(f"{base}/pages/3.png", params={"clause": "nope#一"}).status_code == 404
        r = client.get(f"{base}/original")
        assert r.status_code == 200 and r.content == WUHAN.read_bytes()
        assert "attachment" in r.headers["content-disposition"]
        missing = client.get("/documents/nope/original")
        assert missing.status_code == 404 and "nope" in json.loads(missing.text)["detail"]
