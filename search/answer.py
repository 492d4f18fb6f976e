"""The answer record every front end prints: ``Answer`` and its JSON contract.

``Answer.to_dict()`` / ``Answer.to_json()`` produce exactly (automated evaluation depends on it)::

    {"question", "intent", "found": bool, "answer": str,
     "agencies": [{"name", "role", "region"}],
     "targets": [{"indicator", "value", "unit", "year", "region", "qualifier"}],
     "evidence": [{"source", "doc_title", "region", "clause_no", "heading", "text", "score", "page", "pages"}]}

``page`` is the PDF page the clause starts on and ``pages`` every page it spans (``[3, 4]``); 0 and
``[]`` when the source is not a PDF or the page is unknown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

ROLE_LABELS = {"lead": "牵头", "co": "配合", "implementing": "落实"}

NO_AGENCY_SENTENCE = "文件未指明该条款的责任部门"
UNREADABLE_AGENCY_SENTENCE = "该条款写有责任标注“{raw}”，但未能从中识别出责任部门，请以原文为准"


def no_agency_sentence(unreadable_annotation: str) -> str:
    """What to say when no agency was extracted: "names no agency" only when nothing was unreadable."""
    if unreadable_annotation:
        return UNREADABLE_AGENCY_SENTENCE.format(raw=unreadable_annotation)
    return NO_AGENCY_SENTENCE


@dataclass(frozen=True)
class AnswerAgency:
    """An agency in an answer: qualified name as written, its role on the chosen clause."""

    name: str
    role: str  # lead | co | implementing
    region: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "region": self.region}


@dataclass(frozen=True)
class AnswerTarget:
    """A quantified target quoted in an answer."""

    indicator: str
    value: str
    unit: str = ""
    year: int | None = None
    region: str = ""
    qualifier: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "value": self.value,
            "unit": self.unit,
            "year": self.year,
            "region": self.region,
            "qualifier": self.qualifier,
        }


@dataclass(frozen=True)
class Evidence:
    """A clause quoted as evidence."""

    source: str  # file name as ingested
    doc_title: str
    region: str
    clause_no: str  # display numbering path, e.g. 三（九）
    heading: str
    text: str
    score: float = 0.0
    clause_id: str = ""  # not part of the JSON contract; lets front ends link to the clause
    page_start: int = 0  # first PDF page of the clause (1-based; 0 unknown / not a PDF)
    page_end: int = 0  # last PDF page

    @property
    def pages(self) -> list[int]:
        """Every PDF page the clause spans, first to last ([] when unknown)."""
        if self.page_start <= 0:
            return []
        return list(range(self.page_start, max(self.page_start, self.page_end) + 1))

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "doc_title": self.doc_title,
            "region": self.region,
            "clause_no": self.clause_no,
            "heading": self.heading,
            "text": self.text,
            "score": round(float(self.score), 4),
            "page": self.page_start,
            "pages": self.pages,
        }


@dataclass(frozen=True)
class Answer:
    """The answer to one question."""

    question: str
    intent: str
    found: bool
    answer: str
    agencies: tuple[AnswerAgency, ...] = ()
    targets: tuple[AnswerTarget, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    # one answer per region when the question names several regions or asks across regions
    # ("太原和晋城…", "各省…分别是多少"); ``region`` says which region a part answers for
    parts: tuple["Answer", ...] = ()
    region: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract as a plain dict (keys in contract order; ``parts`` only when present)."""
        out = {
            "question": self.question,
            "intent": self.intent,
            "found": bool(self.found),
            "answer": self.answer,
            "agencies": [a.to_dict() for a in self.agencies],
            "targets": [t.to_dict() for t in self.targets],
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.parts:
            out["parts"] = [dict(p.to_dict(), region=p.region) for p in self.parts]
        return out

    def to_json(self, indent: int | None = None) -> str:
        """The JSON contract as text (UTF-8 characters kept, one line unless ``indent``)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @property
    def lead(self) -> list[str]:
        return [a.name for a in self.agencies if a.role == "lead"]

    @property
    def co(self) -> list[str]:
        return [a.name for a in self.agencies if a.role == "co"]

    def format_text(self, max_evidence: int = 3, max_chars: int = 240) -> str:
        """A plain-text rendering for terminals: answer, agencies, targets, evidence."""
        lines = [f"问：{self.question}", f"答：{self.answer}"]
        if self.agencies:
            by_role: dict[str, list[str]] = {}
            for a in self.agencies:
                by_role.setdefault(a.role, []).append(a.name)
            for role in ("lead", "co", "implementing"):
                if by_role.get(role):
                    lines.append(f"  {ROLE_LABELS[role]}：{'、'.join(by_role[role])}")
        for t in self.targets:
            extra = "，".join(x for x in (t.qualifier, f"{t.year}年" if t.year else "") if x)
            lines.append(f"  目标：{t.indicator} {t.value}" + (f"（{extra}）" if extra else ""))
        for i, e in enumerate(self.evidence[:max_evidence], start=1):
            text = e.text if len(e.text) <= max_chars else e.text[:max_chars] + "…"
            lines.append(f"  [{i}] {e.doc_title or e.source} {e.clause_no} {e.heading}  (score {e.score:.3f})")
            lines.append(f"      {text}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format_text()
