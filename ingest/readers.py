"""Read policy documents (.txt, .pdf, .docx, .html) into plain text.

Every failure is an :class:`IngestError` naming the file and the reason (Chinese / English).
PDF pages are separated by form feeds (``\\f``) so that :mod:`ingest.repair` can tell running
page headers and footers from body text.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ingest.errors import DocumentTooLargeError, IngestError

SUPPORTED_EXTENSIONS: tuple[str, ...] = (".txt", ".pdf", ".docx", ".html", ".htm")
DEFAULT_MAX_BYTES = 50_000_000
# Ceiling on a document's extracted text (UTF-8 bytes). Parse time and memory are linear in the text
# size (about 1 s per MB of text on one core, issue 12), and so is indexing, which is slower still; real
# plans are 10-100 kB and a national five-year plan under 1 MB, so 20 MB is a bundle of documents or a
# broken extraction, refused up front instead of tying up ingest for minutes and gigabytes.
DEFAULT_MAX_TEXT_BYTES = 20_000_000

# A PDF whose extracted text has fewer meaningful characters than this per page has no text layer.
MIN_CHARS_PER_PAGE = 20
# Text with more than this share of control / undecodable characters is binary garbage.
MAX_GARBAGE_RATIO = 0.05
# HTML elements that never hold the document body.
HTML_NOISE_TAGS: tuple[str, ...] = ("script", "style", "noscript", "nav", "header", "footer", "aside", "iframe", "form")
# Characters of scripts no Chinese policy text is written in — Latin letters with diacritics, IPA and modifier letters,
# combining marks, Cyrillic and every later alphabet up to Greek Extended: a text layer decoded through a wrong font map
# reads as them ("到2025̠，全ˏ生态环境ɑ量Ń续改善" for 到2025年，全市生态环境质量持续改善; pdf2 468). Greek stays out:
# μg/m³, β and Δ are the genre's own. (The pipeline's warning of a text layer still garbled counts the same characters.)
MISREAD_CHAR_RE = re.compile(r"[\u0100-\u036F\u0400-\u1FFF]")
# a page of pypdfium2's reading with at least this many such characters is read again by pdfplumber (whose font handling
# differs), and the reading with fewer of them is kept; a Greek-free page of the genre holds none
MISREAD_MIN_CHARS = 2
# Chinese characters: a second reading of a page that has fewer of them lost text (:func:`better_reading`), and the
# pipeline weighs misread letters against them
CJK_CHAR_RE = re.compile(r"[\u4e00-\u9fff]")
# UTF-16 without a byte-order mark (some Windows exports), tried when a .txt file has NUL bytes (every
# ASCII character, newlines included, has a NUL byte in UTF-16). NUL parity alone cannot tell the byte
# order (一 U+4E00, frequent in Chinese, has a NUL low byte) nor text from binary, so both orders decode
# the first UTF16_SAMPLE_BYTES and one is accepted when at least UTF16_MIN_TEXT_SHARE of its characters
# are ordinary policy-text characters (_TEXT_CHAR_RE) and at least UTF16_MIN_MARK_SHARE are punctuation
# or line breaks (_TEXT_MARK_RE; the seeds have 9-12 %). Binary read as UTF-16 scores at most 0.82 / 0.
UTF16_SAMPLE_BYTES = 8192
UTF16_MIN_TEXT_SHARE = 0.95
UTF16_MIN_MARK_SHARE = 0.02
# Characters of policy text: whitespace, printable ASCII and Latin-1 (·°×), general punctuation (—“”…),
# letterlike and number forms, arrows and maths (℃ Ⅲ ≤), circled numbers, box drawing and shapes (■●),
# CJK punctuation, enclosed CJK and squared units (㉑ ㎡), CJK ideographs, full-width forms.
_TEXT_CHAR_RE = re.compile(
    "[\t\n\r\f\x20-\x7e\xa0-\xff\u2010-\u203b\u2100-\u22ff\u2460-\u25ff\u3000-\u303f\u3200-\u33ff"
    "\u4e00-\u9fff\uff00-\uffef]"
)
_TEXT_MARK_RE = re.compile("[，。、；：！？（）“”《》\n ,.;:]")
# Chinese encodings charset-normalizer may report for GB text; GB18030 decodes them all.
GB_FAMILY: frozenset[str] = frozenset({"gb2312", "gbk", "gb18030", "hz", "big5", "cp950", "big5hkscs"})


def iter_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and directories (recursively) into a sorted list of supported files.

    Args:
        paths: files or directories. Files named explicitly are kept whatever their extension
            (so that parsing reports the unsupported type); directories contribute only files
            with a supported extension.

    Returns:
        The files, directories expanded in sorted order, without duplicates.
    """
    seen: set[Path] = set()
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        found = (
            sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS)
            if path.is_dir()
            else [path]
        )
        for p in found:
            if p not in seen:
                seen.add(p)
                out.append(p)
    return out


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read one document as plain text.

    Args:
        path: a .txt, .pdf, .docx, .html or .htm file.
        max_bytes: files larger than this are refused.

    Returns:
        The raw text (not yet repaired); PDF pages are separated by ``\\f``.

    Raises:
        IngestError: missing, empty, too large, unsupported, binary, encrypted, corrupt or
            scanned (no text layer) input.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        raise IngestError(
            path, f"不支持的文件类型 / unsupported file type {suffix or '(none)'!r}; supported: {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    if not path.is_file():
        raise IngestError(path, "文件不存在 / file not found")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(path, "空文件 / empty file")
    if size > max_bytes:
        raise IngestError(path, f"文件过大 / file too large: {size} bytes > limit {max_bytes}")
    data = path.read_bytes()
    if suffix == ".txt":
        text = _decode(path, data)
    elif suffix == ".pdf":
        text = _read_pdf(path, data)
    elif suffix == ".docx":
        text = _read_docx(path, data)
    else:
        text = _read_html(path, data)
    _check_text(path, text)
    return text


def check_text_size(path: Path | str, text: str, max_text_bytes: int = DEFAULT_MAX_TEXT_BYTES) -> None:
    """Refuse a text over ``max_text_bytes`` (UTF-8 bytes) with :class:`DocumentTooLargeError` naming the file,
    the size and the limit."""
    if len(text) * 4 <= max_text_bytes:  # no UTF-8 character is longer than 4 bytes: within the limit
        return
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_text_bytes:
        raise DocumentTooLargeError(str(path), size, max_text_bytes)


def _garbage_ratio(text: str) -> float:
    """Share of characters that are control characters or U+FFFD (whitespace excluded)."""
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\t\n\r\f"))
    return bad / len(text)


def _check_text(path: Path, text: str) -> None:
    if not text.strip():
        raise IngestError(path, "文件没有文本内容 / no text content")
    ratio = _garbage_ratio(text)
    if ratio > MAX_GARBAGE_RATIO:
        raise IngestError(path, f"二进制或乱码内容 / binary or garbled content ({ratio:.0%} control or undecodable characters)")


def _decode(path: Path, data: bytes) -> str:
    """Decode text bytes: BOMs first, then strict UTF-8, then charset-normalizer (GB -> GB18030)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        text = decode_utf16_without_bom(data)
        if text is None:
            raise IngestError(path, "二进制文件 / binary file (NUL bytes)")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(path, "无法识别文本编码 / undetectable text encoding (binary file?)")
    encoding = best.encoding.lower().replace("_", "")
    if encoding in GB_FAMILY or encoding.startswith("gb"):
        # GB2312/GBK guesses are subsets of GB18030; decode with the superset.
        return data.decode("gb18030", errors="replace")
    return str(best)


def utf16_text_shares(text: str) -> tuple[float, float]:
    """(share of ordinary text characters, share of punctuation and line breaks) in ``text``."""
    if not text:
        return 0.0, 0.0
    return len(_TEXT_CHAR_RE.findall(text)) / len(text), len(_TEXT_MARK_RE.findall(text)) / len(text)


def decode_utf16_without_bom(data: bytes) -> str | None:
    """Decode UTF-16 text that has no byte-order mark, or None when the bytes are not that.

    Both byte orders decode the first :data:`UTF16_SAMPLE_BYTES`; the one that reads as text
    (:func:`utf16_text_shares` at least :data:`UTF16_MIN_TEXT_SHARE` / :data:`UTF16_MIN_MARK_SHARE`) wins,
    the higher text share first (the wrong order turns ，。 and newlines into unrelated scripts; binary data
    fails both). An odd last byte is dropped.
    """
    even = data[: len(data) - len(data) % 2]
    sample = even[:UTF16_SAMPLE_BYTES]
    shares = {enc: utf16_text_shares(sample.decode(enc, errors="replace")) for enc in ("utf-16-le", "utf-16-be")}
    encoding = max(shares, key=lambda enc: shares[enc])
    text_share, mark_share = shares[encoding]
    if text_share < UTF16_MIN_TEXT_SHARE or mark_share < UTF16_MIN_MARK_SHARE:
        return None
    try:
        return even.decode(encoding)
    except UnicodeDecodeError:  # unpaired surrogates further on: not UTF-16 text
        return None


def _read_pdf(path: Path, data: bytes) -> str:
    """Text layer of a PDF: pypdfium2, then pdfplumber, then pypdf; OCR only if tesseract has chi_sim."""
    tail = data[-2048:]
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise IngestError(path, "不是有效的 PDF 文件 / not a PDF file (no %PDF header)")
    if b"%%EOF" not in tail:
        raise IngestError(path, "PDF 文件不完整或已损坏 / truncated or corrupt PDF (no %%EOF trailer)")
    if _pdf_needs_password(data):
        raise IngestError(path, "PDF 已加密，需要密码 / encrypted PDF (password protected)")
    errors: list[str] = []
    pages: list[str] | None = None
    for engine in (_pdf_pages_pdfium, _pdf_pages_pdfplumber, _pdf_pages_pypdf):
        try:
            pages = engine(data)
            break
        except Exception as e:  # noqa: BLE001 - try the next engine, report all if none works
            errors.append(f"{engine.__name__.removeprefix('_pdf_pages_')}: {type(e).__name__}: {e}")
    if pages is None:
        raise IngestError(path, "PDF 文件已损坏，无法读取 / corrupt PDF: " + "; ".join(errors))
    if not errors:  # (pypdfium2 read it)
        pages = reread_misdecoded_pages(data, pages)
    meaningful = sum(1 for ch in "".join(pages) if not ch.isspace())
    if meaningful < MIN_CHARS_PER_PAGE * max(1, len(pages)) / 4:
        ocr = _ocr_pdf(data)
        if ocr is None:
            raise IngestError(path, "扫描件无文本层 / scanned PDF without a text layer (install tesseract with chi_sim to OCR it)")
        pages = ocr
    return "\f".join(pages)


def misread_chars(text: str) -> int:
    """How many characters of ``text`` belong to scripts no Chinese policy text uses (:data:`MISREAD_CHAR_RE`)."""
    return len(MISREAD_CHAR_RE.findall(text))


def better_reading(first: str, second: str) -> str:
    """Of two readings of one page (pypdfium2's ``first``, pdfplumber's ``second``), ``second`` when it holds fewer
    misread characters (:func:`misread_chars`) and has lost nothing — as many Chinese characters, no unmapped glyph
    written "(cid:…)" —, else ``first``."""
    if (
        misread_chars(second) < misread_chars(first)
        and "(cid:" not in second
        and len(CJK_CHAR_RE.findall(second)) >= len(CJK_CHAR_RE.findall(first))
    ):
        return second
    return first


def reread_misdecoded_pages(data: bytes, pages: list[str]) -> list[str]:
    """pypdfium2's ``pages`` of the PDF ``data``, each page holding :data:`MISREAD_MIN_CHARS` or more misread characters
    read again by pdfplumber (those pages only, the file opened once) and replaced by :func:`better_reading`; the others as
    they are."""
    suspect = [i for i, text in enumerate(pages) if misread_chars(text) >= MISREAD_MIN_CHARS]
    if not suspect:
        return pages
    try:
        again = _pdf_pages_pdfplumber(data, suspect)
    except Exception:  # noqa: BLE001 - pypdfium2's reading stands when pdfplumber cannot read the file
        return pages
    out = list(pages)
    for i, text in zip(suspect, again):
        out[i] = better_reading(pages[i], text)
    return out


def _pdf_needs_password(data: bytes) -> bool:
    """Whether a PDF is encrypted with a password needed to open it. Many published plans are encrypted with an
    owner password only (printing or copying restricted): they open with the empty password and are read."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        return bool(reader.is_encrypted) and not reader.decrypt("")
    except Exception:  # noqa: BLE001 - corrupt files are reported by the extractors
        return False


def _pdf_pages_pdfium(data: bytes) -> list[str]:
    # pypdfium2 ships with pdfplumber and reads the same text layer ~50x faster than pdfminer.
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return pages
    finally:
        doc.close()


def _pdf_pages_pdfplumber(data: bytes, only: list[int] | None = None) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if only is None:
            return [page.extract_text() or "" for page in pdf.pages]
        # (one reading per page asked, in order: a page pdfplumber does not have reads as empty, never as the next one)
        return [(pdf.pages[i].extract_text() or "") if i < len(pdf.pages) else "" for i in only]


def _pdf_pages_pypdf(data: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [page.extract_text() or "" for page in reader.pages]


def _tesseract_has_chi_sim() -> bool:
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in (out.stdout + out.stderr).split()


def _ocr_pdf(data: bytes) -> list[str] | None:
    """OCR every page with tesseract (chi_sim); None when tesseract or chi_sim is missing."""
    if not _tesseract_has_chi_sim():
        return None
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    pages: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(len(doc)):
            image_path = Path(tmp) / f"page{i}.png"
            doc[i].render(scale=300 / 72).to_pil().save(image_path)
            out = subprocess.run(
                ["tesseract", str(image_path), "stdout", "-l", "chi_sim"], capture_output=True, text=True, timeout=300, check=False
            )
            pages.append(out.stdout)
    doc.close()
    return pages


def _read_docx(path: Path, data: bytes) -> str:
    """Paragraphs and table rows (cells joined by tabs) in body order."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - python-docx raises several unrelated types
        raise IngestError(path, f"无法读取 DOCX 文件 / unreadable or corrupt .docx: {type(e).__name__}: {e}") from e
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip()
                    if value and (not cells or cells[-1] != value):  # merged cells repeat their text
                        cells.append(value)
                if cells:
                    lines.append("\t".join(cells))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _read_html(path: Path, data: bytes) -> str:
    """Visible body text without navigation, headers, footers, scripts and styles."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(list(HTML_NOISE_TAGS)):
        tag.decompose()
    root = soup.body or soup
    lines = (line.strip() for line in root.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)
