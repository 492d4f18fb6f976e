"""The answer record every front end prints: ``Answer`` and its JSON contract.

``Answer.to_dict()`` / ``Answer.to_json()`` produce exactly (automated evaluation depends on it)::

    {"question", "intent", "found": bool, "answer": str,
     "agencies": [{"name", "role", "region", "how", "confidence"}],
     "targets": [{"indicator", "value", "unit", "year", "region", "qualifier"}],
     "evidence": [{"source", "doc_title", "region", "clause_no", "heading", "text", "score", "page", "pages"}]}

plus, when the answer is split by region (``parts``, below), ``"target_table"`` (when a part states a
target) and ``"parts"``, in that order.

``page`` is the PDF page the clause starts on and ``pages`` every page it spans (``[3, 4]``); 0 and
``[]`` when the source is not a PDF or the page is unknown. An agency's ``how`` says how its role was
read (:data:`DERIVATIONS`: ``written`` in the annotation, ``first_listed`` convention, ``carry_over``
note, ``prose`` …) and ``confidence`` is the responsibility's (1.0 annotation, 0.9 carry-over note, 0.6
prose); ``""`` / ``null`` when unknown. ``target_table`` is :func:`target_table`: one row per target
with the region of its document, its base and target year and its clause.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

ROLE_LABELS = {"lead": "牵头", "co": "配合", "implementing": "落实"}

NO_AGENCY_SENTENCE = "文件未指明该条款的责任部门"
UNREADABLE_AGENCY_SENTENCE = "该条款写有责任标注“{raw}”，但未能从中识别出责任部门，请以原文为准"


MENTIONED_AGENCY_SENTENCE = "文件未以责任标注指明该条款的责任部门；条文中提到{names}，其职责请以原文为准"
# the clause names bodies for its other measures, none for the one asked about
OTHER_ITEM_AGENCY_SENTENCE = "该条款未为所问事项写明责任部门（同一条款的其他事项写明了{names}）"


def no_agency_sentence(unreadable_annotation: str, mentioned: tuple[str, ...] | list[str] = ()) -> str:
    """What to say when no agency was extracted: "names no agency" only when nothing was unreadable and the
    clause names no department at all; bodies its text mentions in a form not read as a responsibility are
    quoted, never asserted."""
    if unreadable_annotation:
        return UNREADABLE_AGENCY_SENTENCE.format(raw=unreadable_annotation)
    if mentioned:
        return MENTIONED_AGENCY_SENTENCE.format(names="、".join(mentioned))
    return NO_AGENCY_SENTENCE


# --------------------------------------------------------------------------- how a role was read
# Written role words in an annotation: 牵头 / 主责 / 负总责 lead, 配合 / 协办 / 参与 / 协助 co.
LEAD_WORDS_RE = re.compile(r"牵头|主责|负总责|逗号前")
CO_WORDS_RE = re.compile(r"配合|协办|参与|协助|会同")

#: how a role was read -> (Chinese label, English gloss); the keys are the JSON's ``how`` values
DERIVATIONS: dict[str, tuple[str, str]] = {
    "written": ("标注写明", "written in the annotation"),
    "first_listed": ("列首位惯例", "first listed = lead (genre convention)"),
    "listed_after": ("列于首位之后", "listed after the lead"),
    "lower_level": ("下级单位负责落实", "a body of a lower level implements"),
    "carry_over": ("承接说明", "carry-over note"),
    "prose": ("正文表述", "stated in prose"),
    "contact": ("联系处室", "the division named to contact"),
    "issuer": ("印发机关", "the document's issuer"),
    "actor": ("正文主语（无责任标注）", "the actor of the asked sentence, in a clause without annotation"),
}


def role_derivation(role: str, source: str, evidence: str = "") -> str:
    """How a role was read: one of :data:`DERIVATIONS`' keys.

    Args:
        role: ``lead`` / ``co`` / ``implementing``.
        source: ``annotation`` / ``carry_over`` / ``prose`` (``Responsibility.source``).
        evidence: the annotation or sentence it came from.
    """
    if source == "carry_over":
        return "carry_over"
    if source in ("prose", "contact"):
        return source
    if role == "lead":
        return "written" if LEAD_WORDS_RE.search(evidence or "") else "first_listed"
    if role == "co":
        return "written" if CO_WORDS_RE.search(evidence or "") or "牵头" in (evidence or "") else "listed_after"
    return "lower_level"


def responsibility_how(responsibility: Any) -> tuple[str, float | None]:
    """(how the role was read, confidence) of a ``Responsibility`` (or anything with ``role``,
    ``source``, ``evidence`` and ``confidence``): what an answer's agency and the UI's chips show."""
    how = role_derivation(
        getattr(responsibility, "role", ""), getattr(responsibility, "source", "annotation"),
        getattr(responsibility, "evidence", ""),
    )
    confidence = getattr(responsibility, "confidence", None)
    return how, (float(confidence) if confidence is not None else None)


@dataclass(frozen=True)
class AnswerAgency:
    """An agency in an answer: qualified name as written, its role on the chosen clause, and how that
    role was read (``how``, a key of :data:`DERIVATIONS`) with the responsibility's ``confidence``.

    ``how`` and ``confidence`` do not take part in equality: the same agency in the same role is one
    agency of an answer however each clause stated it.
    """

    name: str
    role: str  # lead | co | implementing
    region: str = ""
    how: str = field(default="", compare=False)
    confidence: float | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "region": self.region, "how": self.how,
                "confidence": self.confidence}


@dataclass(frozen=True)
class AnswerTarget:
    """A quantified target quoted in an answer."""

    indicator: str
    value: str
    unit: str = ""
    year: int | None = None
    region: str = ""
    qualifier: str = ""
    # not part of the targets contract; they fill the answer's target_table
    base_year: int | None = field(default=None, compare=False)
    clause_id: str = field(default="", compare=False)

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
            table = target_table(self)
            if table:
                out["target_table"] = table
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


TARGET_TABLE_KEYS: tuple[str, ...] = (
    "region", "indicator", "value", "base_year", "target_year", "qualifier", "clause_id", "doc_id",
)


def target_table(answer: Answer) -> list[dict[str, Any]]:
    """The targets of an answer as table rows, one per target (per region part, in part order).

    Each row holds :data:`TARGET_TABLE_KEYS`: the region is the target's document's (the region of the
    evidence quoting its clause), else the part's, else the target's own; ``doc_id`` is the clause's
    document. The API, ``policykg ask --json`` (``"target_table"``) and the UI's target table are built
    from these rows.

    Args:
        answer: an answer, with or without per-region ``parts``.

    Returns:
        The rows ([] when the answer states no target).
    """
    rows: list[dict[str, Any]] = []
    for part in [p for p in answer.parts if p.found] or ([answer] if not answer.parts else []):
        doc_region = {e.clause_id.split("#", 1)[0]: e.region for e in part.evidence if e.clause_id and e.region}
        for t in part.targets:
            doc_id = t.clause_id.split("#", 1)[0] if t.clause_id else ""
            rows.append(
                {
                    "region": doc_region.get(doc_id) or part.region or t.region,
                    "indicator": t.indicator,
                    "value": t.value,
                    "base_year": t.base_year,
                    "target_year": t.year,
                    "qualifier": t.qualifier,
                    "clause_id": t.clause_id,
                    "doc_id": doc_id,
                }
            )
    return rows
