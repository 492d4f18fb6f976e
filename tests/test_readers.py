"""Readers: every supported format, and clear errors for bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.readers import iter_files, read_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "taiyuan-shisiwu-jienengjianpai.txt"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SMALL_PDF = CORPUS / "116、合肥市重点领域节能降碳技术改造实施方案.pdf"


def test_utf8_txt() -> None:
    assert "太原市“十四五”节能减排实施方案" in read_text(SEED)


def test_utf8_bom_txt(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "一、总体要求".encode())
    assert read_text(path) == "一、总体要求"


def test_gb18030_txt(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    original = SEED.read_text(encoding="utf-8")
    path.write_bytes(original.encode("gb18030"))
    assert read_text(path) == original


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_txt(tmp_path: Path, encoding: str) -> None:
    # a Windows export without a byte-order mark: NUL bytes, yet text
    path = tmp_path / f"{encoding}.txt"
    original = SEED.read_text(encoding="utf-8")
    path.write_bytes(original.encode(encoding))
    assert read_text(path) == original


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_chinese_only(tmp_path: Path, encoding: str) -> None:
    # full-width punctuation and no other ASCII than newlines: 一 (U+4E00) puts NUL bytes on the "wrong" side
    full_width = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"})
    text = SEED.read_text(encoding="utf-8").translate(full_width)
    original = "".join(ch for ch in text if not ch.isascii() or ch == "\n")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(original.encode(encoding))
    assert read_text(path) == original


def test_pdf_text_layer_has_page_breaks() -> None:
    text = read_text(SMALL_PDF)
    assert "合肥市" in text and "\f" in text


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某市节能实施方案")
    document.add_paragraph("一、重点任务")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "任务"
    table.cell(0, 1).text = "牵头单位"
    table.cell(1, 0).text = "工业节能"
    table.cell(1, 1).text = "市工信局"
    document.add_paragraph("本方案自印发之日起施行。")
    path = tmp_path / "plan.docx"
    document.save(path)
    assert read_text(path).split("\n") == ["某市节能实施方案", "一、重点任务", "任务\t牵头单位", "工业节能\t市工信局", "本方案自印发之日起施行。"]


def test_html_body_without_nav_and_script(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>t</title><style>p{color:red}</style></head><body>"
        "<header>政府门户网站</header><nav>首页 | 政策文件</nav>"
        "<div><p>一、总体要求</p><p>（一）指导思想。坚持节约优先。</p></div>"
        "<script>var x = '不应出现';</script><footer>版权所有</footer></body></html>",
        encoding="utf-8",
    )
    assert read_text(path) == "一、总体要求\n（一）指导思想。坚持节约优先。"


BAD_INPUTS = [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", bytes(range(256)) * 40, "binary"),
    ("nul-padded.txt", b"\x00\x01\x02\xff\xfe binary garbage \x00" * 50, "binary"),
    ("notes.xyz", "一、总体要求".encode(), "unsupported file type"),
    ("fake.pdf", b"just some text, not a pdf" * 10, "not a PDF"),
]


@pytest.mark.parametrize("name, data, reason", BAD_INPUTS)
def test_bad_inputs(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError, match=reason) as info:
        read_text(path)
    assert name in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="file not found"):
        read_text(tmp_path / "missing.txt")


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("一、总体要求\n" * 100, encoding="utf-8")
    with pytest.raises(IngestError, match="file too large"):
        read_text(path, max_bytes=100)


def test_truncated_pdf(tmp_path: Path) -> None:
    data = SMALL_PDF.read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(IngestError, match="truncated or corrupt PDF"):
        read_text(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(SMALL_PDF).pages[:1]:
        writer.add_page(page)
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buf.getvalue())
    with pytest.raises(IngestError, match="encrypted PDF"):
        read_text(path)


def test_pdf_with_an_owner_password_only_is_read(tmp_path: Path) -> None:
    # 南京江北新区 112 (pdf2) is published this way: copying restricted, opening free
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(SMALL_PDF).pages[:1]:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner-secret", permissions_flag=0)
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "restricted.pdf"
    path.write_bytes(buf.getvalue())
    assert read_text(path).strip() == read_text(SMALL_PDF).split("\f")[0].strip()


def test_pdf_without_text_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfWriter

    import ingest.readers as readers

    monkeypatch.setattr(readers, "_tesseract_has_chi_sim", lambda: False)
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buf.getvalue())
    with pytest.raises(IngestError, match="scanned PDF without a text layer"):
        read_text(path)


def test_iter_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.pdf", "sub/c.docx", "sub/d.html", "skip.xyz", "sub/e.png"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a.pdf", "b.txt", "sub/c.docx", "sub/d.html"]
    explicit = tmp_path / "skip.xyz"
    assert iter_files([explicit, explicit]) == [explicit]


MISDECODED = ROOT / "tests" / "fixtures" / "misdecoded"


# Characters of scripts no policy text uses are what a wrong font map makes of Chinese (pdf2 468 西安, as pypdfium2 reads
# it); the genre's own Greek (μg/m³, β) and full-width punctuation are none
@pytest.mark.parametrize(
    "text, misread",
    [
        ("到2025̠，全ˏ生态环境ɑ量Ń续改善ћ空气ɑ量М一步提升", 7),
        ("第一节 τŎ͚͗领导", 3),
        ("PM2.5年均浓度控制在35μg/m³以下", 0),
        ("减排系数β取0.98；Δ为修正值", 0),
        ("到2025年，政府采购绿色产品比例达到30%。", 0),
    ],
)
def test_misread_chars_counts_other_scripts_only(text: str, misread: int) -> None:
    from ingest.readers import misread_chars

    assert misread_chars(text) == misread


def test_pages_misdecoded_by_pdfium_are_read_by_pdfplumber() -> None:
    # two pages of pdf2 468 (its table of contents and the page of its 政府采购 target): pypdfium2 decodes its fonts into
    # Latin, IPA and Cyrillic letters, pdfplumber into the Chinese printed
    import re

    import pypdfium2 as pdfium

    from ingest.readers import misread_chars

    path = next(MISDECODED.glob("468、*.pdf"))
    doc = pdfium.PdfDocument(path)
    raw = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    assert all(misread_chars(page) >= 5 for page in raw)  # (the fixture still shows the fault)
    pages = [re.sub(r"\s+", "", page) for page in read_text(path).split("\f")]
    assert len(pages) == 2 and all(misread_chars(page) == 0 for page in pages)
    assert "强化组织领导" in pages[0]
    assert "政府采购绿色产品比例达到30%" in pages[1]


# which reading of a page stands: pdfplumber's only when it holds fewer misread letters and lost nothing (real lines of
# 468 as each library reads them; a reading emptied or of unmapped glyphs keeps pypdfium2's)
@pytest.mark.parametrize(
    "first, second, kept",
    [
        ("第一节 τŎ͚͗领导", "第一节 强化组织领导", "second"),
        ("到2025̠，全ˏ生态环境ɑ量Ń续改善", "到2025年，全市生态环境质量持续改善", "second"),
        ("到2025̠，全ˏ生态环境ɑ量Ń续改善", "", "first"),
        ("到2025̠，全ˏ生态环境ɑ量Ń续改善", "到(cid:4512)(cid:77)，全(cid:19)生态环境", "first"),
        ("PM2.5年均浓度35μg/m³", "PM2.5年均浓度35μg/m³", "first"),
    ],
)
def test_the_better_reading_of_a_page(first: str, second: str, kept: str) -> None:
    from ingest.readers import better_reading

    assert better_reading(first, second) == (second if kept == "second" else first)


@pytest.mark.parametrize(("name", "greek"), [("36、", "ͷ"), ("465、", "μ"), ("455、", "μ")])
def test_pages_with_greek_letters_are_no_suspects(name: str, greek: str) -> None:
    # Greek letters are the genre's own (μg/m³ in 南平 465 and 泰州 455; 36's ͷ, a letter of the Greek block the text layer
    # writes in a table): the pages holding them are not read again, pypdfium2's reading stands as it is
    import pypdfium2 as pdfium

    from ingest.readers import misread_chars

    path = next(p for p in (ROOT / "tests" / "fixtures").rglob(f"{name}*.pdf"))
    doc = pdfium.PdfDocument(path)
    raw = [doc[i].get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n") for i in range(len(doc))]
    holding = [page for page in raw if greek in page]
    assert holding and all(misread_chars(page) == 0 for page in holding)
    assert read_text(path).split("\f") == raw
