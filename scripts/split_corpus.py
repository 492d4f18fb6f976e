"""Split ../shared/corpus/pdf2 into a development half and a frozen half, stratified.

Strata: level (from the title: national / provincial / city / county), annotated (three or more
responsibility keywords), table-bearing (a 序号 column or a 分工表). Within each stratum
files are ordered by a SHA-256 of their name and dealt alternately, so the split is reproducible
and independent of anything the system extracts. Writes data/eval/splits.json.

    python scripts/split_corpus.py ../shared/corpus/pdf2
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ingest.regions import province_names, short_name  # noqa: E402  (the gazetteer: one home for region names)

# province-level units by their short forms (北京, 内蒙古, 广西 …), longest first
PROVINCES = "|".join(sorted({short_name(p) for p in province_names()}, key=len, reverse=True))


def pdf_text(path: Path) -> str:
    """The text layer of a PDF, pages joined."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def features(path: Path) -> dict:
    """Level, annotated and table flags of one file, from its name and raw text only."""
    name = re.sub(r"^\d+、", "", path.stem)
    text = re.sub(r"\s", "", pdf_text(path))
    keywords = len(re.findall(r"牵头|责任单位|责任部门|按职责分工|配合单位", text))
    table = bool(re.search(r"分工表|牵头单位配合单位|责任单位完成时限|序号", text))
    if re.match(r"^[\u4e00-\u9fff]{2,4}市[\u4e00-\u9fff]{1,4}区|^[\u4e00-\u9fff]{2,3}[区县]", name) and not re.match(
        f"({PROVINCES})", name
    ):
        level = "county"
    elif re.match(r"^[\u4e00-\u9fff]{2,4}市", name) and not re.match("(北京|天津|上海|重庆)市", name):
        level = "city"
    elif re.match(f"({PROVINCES})", name):
        level = "provincial"
    else:
        level = "national"
    return {"file": path.name, "level": level, "annotated": keywords >= 3, "table": table}


def main(folder: str) -> None:
    """Write data/eval/splits.json for the PDFs in ``folder``."""
    strata: dict[tuple, list[dict]] = defaultdict(list)
    for path in sorted(p for p in Path(folder).iterdir() if p.suffix.lower() == ".pdf"):
        row = features(path)
        strata[(row["level"], row["annotated"], row["table"])].append(row)
    split = {"development": [], "frozen": []}
    for key in sorted(strata):
        rows = sorted(strata[key], key=lambda r: hashlib.sha256(r["file"].encode()).hexdigest())
        for i, row in enumerate(rows):
            split["development" if i % 2 == 0 else "frozen"].append(row)
    out = Path(__file__).resolve().parent.parent / "data" / "eval" / "splits.json"
    doc = {
        "about": "One split of ../shared/corpus/pdf2 for all generalisation work (issues 9, 10): the development "
        "half is read and fixed against; the frozen half is not opened until a measurement. Made by "
        "scripts/split_corpus.py (stratified by level, annotated, table-bearing; SHA-256 order).",
        "corpus": "../shared/corpus/pdf2",
        **{k: sorted(v, key=lambda r: r["file"]) for k, v in split.items()},
    }
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for k, v in split.items():
        print(k, len(v), sum(r["annotated"] for r in v), "annotated", sum(r["table"] for r in v), "tables")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/pdf2")
