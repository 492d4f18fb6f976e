"""The original behind an answer: the source file, its PDF pages as images, the clause's lines on them.

- :func:`keep_original` copies an ingested file into the store folder (``originals/<doc_id><suffix>``),
  and :func:`original_path` finds it again (or, for documents ingested before copies were kept, the
  path ingest read, when that file still has the bytes ingest saw: ``Document.file_hash``).
- :func:`render_page` draws one PDF page with pypdfium2 and marks boxes on it;
  :func:`clause_boxes` finds a clause's characters on a page from the PDF text layer (pdfplumber
  character boxes; this works for the scanned-then-OCRed PDFs of the corpus too, whose OCR text layer
  sits over the image) and merges them into one box per line.
- :func:`page_png` puts the two together and caches the PNG in ``<store>/pages/``.

Coordinates: pdfplumber boxes are PDF points from the crop box's top-left corner, the PNG is the crop
box rendered at ``scale`` pixels per point.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import NotFoundError
from ingest.records import Clause, Document
from ingest.repair import normalise_chars

#: folders inside the store folder
ORIGINALS_DIR = "originals"
PAGES_DIR = "pages"
#: pixels per PDF point (1.5 = 108 dpi: an A4 page is 893 x 1263 px, readable, ~150-400 kB)
DEFAULT_SCALE = 1.5
#: highlight fill (RGBA) drawn over the clause's lines, and the outline colour
HIGHLIGHT_FILL = (255, 214, 0, 90)
HIGHLIGHT_OUTLINE = (230, 120, 0, 255)
#: length of the character runs matched between the clause text and a page's text layer
GRAM = 8
#: share of a character's height it must overlap a line by to be on that line (the digits of some
#: PDFs come in another font whose boxes sit a third of a line lower than the Chinese around them)
LINE_OVERLAP = 0.2
#: a clause's first / last characters searched for on its first / last page, longest first
END_PROBES: tuple[int, ...] = (16, 10, 6, 4)
# Characters the extraction paths write differently (half-width brackets from pdfplumber, a
# full-width point between digits): folded the same way on both sides before comparing.
_FOLD = {"(": "（", ")": "）", "．": ".", "∶": "："}


@dataclass(frozen=True)
class Box:
    """A rectangle on a page, in PDF points from the crop box's top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float


def _fold(text: str) -> str:
    out = normalise_chars(text)
    return "".join(_FOLD.get(ch, ch) for ch in out if not ch.isspace())


def _safe_name(doc_id: str) -> str:
    """doc_id as one file name (a file stem: never a path); anything else is hashed."""
    if doc_id and doc_id not in (".", "..") and "/" not in doc_id and "\\" not in doc_id and "\x00" not in doc_id:
        return doc_id
    return hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:32]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ----------------------------------------------------------------------------- originals
def keep_original(store_dir: Path, doc_id: str, source: Path) -> Path:
    """Copy an ingested file into ``<store_dir>/originals/<doc_id><suffix>`` (atomically; replaces an
    earlier copy of the same document, other suffixes included).

    Returns:
        The copy's path.
    """
    folder = Path(store_dir) / ORIGINALS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    name = _safe_name(doc_id)
    target = folder / f"{name}{Path(source).suffix.lower()}"
    fd, tmp = tempfile.mkstemp(prefix=".orig-", dir=folder)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for other in folder.glob(f"{name}.*"):
        if other != target and other.stem == name:
            other.unlink(missing_ok=True)
    return target


def remove_original(store_dir: Path, doc_id: str) -> None:
    """Delete the kept copy of a removed document (any suffix); nothing when there is none."""
    folder = Path(store_dir) / ORIGINALS_DIR
    name = _safe_name(doc_id)
    for other in folder.glob(f"{name}.*") if folder.is_dir() else ():
        if other.stem == name:
            other.unlink(missing_ok=True)


def original_path(store_dir: Path, document: Document) -> Path | None:
    """The document's source file: the copy in the store folder, else the path ingest read when that
    file is still the one ingested (same sha256); None when neither is available."""
    folder = Path(store_dir) / ORIGINALS_DIR
    name = _safe_name(document.doc_id)
    suffix = Path(document.source).suffix.lower()
    kept = folder / f"{name}{suffix}"
    if kept.is_file():
        return kept
    if document.path and document.file_hash:
        path = Path(document.path)
        if path.is_file() and file_sha256(path) == document.file_hash:
            return path
    return None


def require_original(store_dir: Path, document: Document) -> Path:
    """:func:`original_path`, or NotFoundError naming the document."""
    path = original_path(store_dir, document)
    if path is None:
        raise NotFoundError(
            f"原文件不可用 / the original file of {document.doc_id} ({document.source}) is not kept in the store "
            f"and is no longer at {document.path or 'its ingest path'}; ingest it again to keep a copy"
        )
    return path


# ----------------------------------------------------------------------------- pages
def page_count(pdf: Path) -> int:
    """Number of pages of a PDF."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _check_page(pdf: Path, page: int) -> int:
    n = page_count(pdf)
    if not 1 <= page <= n:
        raise NotFoundError(f"页码超出范围 / {pdf.name} has pages 1-{n}, not page {page}")
    return n


def _page_chars(pdf: Path, page: int) -> tuple[list[tuple[str, Box]], tuple[float, float]]:
    """Folded non-space characters of one page's text layer with their boxes, and the crop-box origin."""
    import pdfplumber

    out: list[tuple[str, Box]] = []
    with pdfplumber.open(str(pdf)) as doc:
        p = doc.pages[page - 1]
        x0, top = float(p.cropbox[0]), float(p.cropbox[1])
        for ch in p.chars:
            box = Box(float(ch["x0"]) - x0, float(ch["top"]) - top, float(ch["x1"]) - x0, float(ch["bottom"]) - top)
            for folded in _fold(ch.get("text") or ""):
                out.append((folded, box))
    return out, (x0, top)


def _span_on_page(clause_text: str, page_text: str, first: bool, last: bool) -> tuple[int, int] | None:
    """The stretch of the page's (folded) text that belongs to the clause.

    On the clause's first page it starts at the clause's opening characters, else at the first
    run of :data:`GRAM` characters the page shares with the clause (a continued clause starts at the
    top of the page, after any running header, which the clause does not contain). Symmetrically it
    ends at the clause's closing characters on its last page, else at the last shared run.
    """
    if len(clause_text) < 2 or not page_text:
        return None
    size = min(GRAM, len(clause_text))
    grams = {clause_text[i : i + size] for i in range(len(clause_text) - size + 1)}
    shared = [q for q in range(len(page_text) - size + 1) if page_text[q : q + size] in grams]
    start = end = None
    if first:
        for n in END_PROBES:
            q = page_text.find(clause_text[:n]) if len(clause_text) >= n else -1
            if q >= 0:
                start = q
                break
    if start is None and shared:
        start = shared[0]
    if start is None:
        return None
    if last:
        for n in END_PROBES:
            q = page_text.find(clause_text[-n:], start) if len(clause_text) >= n else -1
            if q >= 0:
                end = q + n
                break
    if end is None:
        after = [q for q in shared if q >= start]
        end = after[-1] + size if after else None
    if end is None or end <= start:
        return None
    return start, end


def _lines(boxes: Sequence[Box]) -> list[Box]:
    """Character boxes merged into one box per text line (in reading order of the input): a character
    that overlaps the current line vertically by :data:`LINE_OVERLAP` of its height continues it."""
    lines: list[Box] = []
    for b in boxes:
        height = max(b.bottom - b.top, 1.0)
        if lines:
            cur = lines[-1]
            overlap = min(cur.bottom, b.bottom) - max(cur.top, b.top)
            if overlap >= LINE_OVERLAP * min(height, cur.bottom - cur.top) and b.x0 >= cur.x0 - height:
                # the line keeps its first character's height (digits of another font sit lower)
                lines[-1] = Box(min(cur.x0, b.x0), cur.top, max(cur.x1, b.x1), cur.bottom)
                continue
        lines.append(b)
    return lines


def clause_boxes(pdf: Path, page: int, clause: Clause) -> list[Box]:
    """The clause's lines on one PDF page (one box per line; [] when the clause is not on that page).

    Args:
        pdf: the source PDF.
        page: 1-based page number.
        clause: the clause (its text and ``page_start`` / ``page_end``).

    Raises:
        NotFoundError: the page does not exist.
    """
    _check_page(pdf, page)
    if clause.page_start and not clause.page_start <= page <= max(clause.page_start, clause.page_end):
        return []
    chars, _ = _page_chars(pdf, page)
    page_text = "".join(ch for ch, _ in chars)
    first = clause.page_start in (0, page)
    last = clause.page_end in (0, page) or clause.page_end < clause.page_start
    span = _span_on_page(_fold(clause.text), page_text, first, last)
    if span is None:
        return []
    return _lines([box for _, box in chars[span[0] : span[1]]])


def render_page(pdf: Path, page: int, boxes: Sequence[Box] = (), scale: float = DEFAULT_SCALE) -> bytes:
    """One PDF page as PNG bytes, with ``boxes`` highlighted.

    Raises:
        NotFoundError: the page does not exist.
    """
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    _check_page(pdf, page)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[page - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        doc.close()
    if boxes:
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        pad = 1.5
        for b in boxes:
            rect = ((b.x0 - pad) * scale, (b.top - pad) * scale, (b.x1 + pad) * scale, (b.bottom + pad) * scale)
            draw.rectangle(rect, fill=HIGHLIGHT_FILL, outline=HIGHLIGHT_OUTLINE, width=2)
        image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def page_png(
    store_dir: Path, document: Document, page: int, clause: Clause | None = None, scale: float = DEFAULT_SCALE
) -> Path:
    """A page of the document's original PDF as a PNG file, cached in ``<store_dir>/pages/``.

    Args:
        store_dir: the store folder (originals and the page cache live there).
        document: the document (its original is found with :func:`original_path`).
        page: 1-based page number.
        clause: highlight this clause's lines (it must belong to ``document``).
        scale: pixels per PDF point.

    Returns:
        The cached PNG (rendered on first request; the cache key includes the original's content, the
        clause and the scale, so a re-ingested file never shows an old image).

    Raises:
        NotFoundError: no original, not a PDF, no such page, or a clause of another document.
    """
    pdf = require_original(store_dir, document)
    if pdf.suffix.lower() != ".pdf":
        raise NotFoundError(f"不是 PDF 文件，没有页面图像 / {document.source} is not a PDF: it has no page images")
    if clause is not None and clause.doc_id != document.doc_id:
        raise NotFoundError(f"条款不属于该文件 / clause {clause.clause_id} is not in document {document.doc_id}")
    version = (document.file_hash or document.content_hash or file_sha256(pdf))[:16]
    key = f"p{int(page)}-s{scale:g}"
    if clause is not None:
        key += "-" + hashlib.sha256(f"{clause.clause_id}\n{clause.text}".encode("utf-8")).hexdigest()[:16]
    folder = Path(store_dir) / PAGES_DIR / f"{_safe_name(document.doc_id)}-{version}"
    target = folder / f"{key}.png"
    if target.is_file():
        return target
    boxes = clause_boxes(pdf, page, clause) if clause is not None else []
    data = render_page(pdf, page, boxes, scale)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".page-", suffix=".png", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


__all__ = [
    "Box",
    "clause_boxes",
    "keep_original",
    "original_path",
    "page_count",
    "page_png",
    "render_page",
    "require_original",
]
