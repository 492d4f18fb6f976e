"""Pure helpers behind the Streamlit app: safe HTML fragments, graph elements, plain dicts.

Everything here is a function of its arguments (no Streamlit calls) so it is unit-testable and
the escaping rules live in one place:

* every piece of document or user text that goes into HTML passes through :func:`esc`
  (``html.escape``), and highlighting is applied to the *raw* text and escaped segment by segment,
  so ``<mark>`` is the only tag we ever add around document text;
* the graph component (st-link-analysis) writes node/edge properties into its info panel with
  ``innerHTML``, so every property value is ``html.escape``d, and the caption drawn on the canvas
  (plain text there, but also listed in the panel) has its markup characters replaced by their
  full-width forms, which read naturally in Chinese text and cannot form a tag.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

ROLE_LABELS: dict[str, str] = {"lead": "牵头", "co": "配合", "implementing": "落实"}
# chip colours per role: lead = deep red, co = blue, implementing = grey
ROLE_COLOURS: dict[str, tuple[str, str]] = {
    "lead": ("#b3261e", "#ffffff"),
    "co": ("#1a5fb4", "#ffffff"),
    "implementing": ("#5e5c64", "#ffffff"),
}

# question words that carry no content and should not be highlighted in evidence
_STOP_TERMS = frozenset(
    "哪个 哪些 什么 部门 单位 牵头 负责 是谁 由谁 谁 哪 多少 怎么 如何 是否 以及 关于 主要 "
    "请问 一下 目标 责任 配合 工作 的 了 吗 呢 和 与 及 由 是 在 对 有".split()
)
# characters that could start markup, mapped to full-width look-alikes for canvas captions
_CAPTION_SAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "`": "｀"})


# HTML special characters plus the characters Streamlit's Markdown renderer would interpret
# (emphasis, code, links, headings, tables, LaTeX ``$``), each as a character reference, in
# one pass so nothing is escaped twice. Character references are literal text in both
# HTML and Markdown.
_ESCAPE_TABLE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
        "*": "&#42;",
        "_": "&#95;",
        "`": "&#96;",
        "[": "&#91;",
        "]": "&#93;",
        "#": "&#35;",
        "~": "&#126;",
        "$": "&#36;",
        "|": "&#124;",
        "\\": "&#92;",
    }
)
# ASCII punctuation Markdown may interpret, for widget labels (no HTML allowed there)
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$<>&])")


def esc(text: object) -> str:
    """Escape any value for HTML rendered through ``st.markdown(..., unsafe_allow_html=True)``.

    Like ``html.escape`` (``None`` -> ""), and Markdown punctuation is escaped too, so document
    text can neither inject tags nor turn into emphasis, links or formulas.
    """
    return ("" if text is None else str(text)).translate(_ESCAPE_TABLE)


def md_text(text: object) -> str:
    """Backslash-escape Markdown punctuation for widget labels, captions and headers."""
    return _MD_SPECIALS.sub(r"\\\1", "" if text is None else str(text))


def plain(obj: Any) -> Any:
    """Turn records (dataclasses, objects with ``to_json``/``to_dict``, pydantic) into plain JSON-able data."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, Mapping):
        return {str(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [plain(v) for v in obj]
    for attr in ("to_json", "to_dict", "model_dump"):
        fn = getattr(obj, attr, None)
        if callable(fn):
            value = fn()
            if isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    return value
            return plain(value)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if hasattr(obj, "__dict__"):
        return {k: plain(v) for k, v in vars(obj).items() if not k.startswith("_")}
    return str(obj)


def field(obj: Any, name: str, default: Any = None) -> Any:
    """``obj.name`` or ``obj[name]`` (records and dicts alike)."""
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


# --------------------------------------------------------------------------- highlighting
def query_terms(question: str, extra: Iterable[str] = ()) -> list[str]:
    """Content terms of a question for highlighting (jieba search-mode tokens, longest first)."""
    terms: set[str] = {t.strip() for t in extra if t and len(t.strip()) >= 2}
    try:
        import jieba

        tokens = jieba.lcut_for_search(question or "")
    except Exception:  # jieba missing or failing must not break rendering
        tokens = re.findall(r"[A-Za-z0-9.]+|[\u4e00-\u9fff]{2,}", question or "")
    for tok in tokens:
        tok = tok.strip()
        if len(tok) < 2 or tok in _STOP_TERMS or not re.search(r"[\w\u4e00-\u9fff]", tok):
            continue
        terms.add(tok)
    return sorted(terms, key=lambda t: (-len(t), t))


def highlight(text: str, terms: Iterable[str]) -> str:
    """Escaped ``text`` with every occurrence of ``terms`` wrapped in ``<mark>`` (case-insensitive).

    Matching runs on the raw text and each segment is escaped on its own, so a term can never
    split an entity or inject markup.
    """
    text = text or ""
    terms = [t for t in terms if t]
    if not terms:
        return esc(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)), re.IGNORECASE)
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(esc(text[pos : m.start()]))
        out.append(f"<mark>{esc(m.group(0))}</mark>")
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out).replace("</mark><mark>", "")  # adjacent terms read as one highlight


# --------------------------------------------------------------------------- links and chips
def page_link(page: str, **params: object) -> str:
    """A relative, URL-encoded link to a page of the app, e.g. ``?page=documents&doc=…&clause=…``."""
    query = {"page": page, **{k: str(v) for k, v in params.items() if v not in (None, "")}}
    return "?" + urlencode(query)


def clause_link(doc_id: str, clause_id: str | None = None) -> str:
    """Link to a clause inside its document on the Documents page."""
    return page_link("documents", doc=doc_id, clause=clause_id)


def anchor(href: str, label: str) -> str:
    """An ``<a>`` opening in the same tab; ``href`` built by :func:`page_link` (escaped anyway)."""
    return f'<a href="{esc(href)}" target="_self">{esc(label)}</a>'


def chip(name: str, role: str) -> str:
    """A coloured agency chip; colour and label by role (lead / co / implementing)."""
    bg, fg = ROLE_COLOURS.get(role, ("#77767b", "#ffffff"))
    role_label = ROLE_LABELS.get(role, role)
    return (
        f'<span class="pkg-chip pkg-chip-{esc(role)}" style="background:{bg};color:{fg};'
        f'border-radius:1em;padding:0.15em 0.7em;margin:0 0.3em 0.3em 0;display:inline-block;">'
        f'<small style="opacity:.85">{esc(role_label)}</small> {esc(name)}</span>'
    )


def doc_id_of(source: str) -> str:
    """Document id from a source file name (NFKC-normalised stem; see ingest.records)."""
    import unicodedata
    from pathlib import PurePath

    return unicodedata.normalize("NFKC", PurePath(source or "").stem)


def answer_html(answer: Mapping[str, Any], evidence_links: list[str] | None = None) -> str:
    """The answer card: lead/co agency chips, targets and highlighted evidence clauses.

    Args:
        answer: ``Answer.to_json()`` (question, intent, found, answer, agencies, targets, evidence).
        evidence_links: one relative link per evidence item (to the clause in its document).
    Returns:
        HTML in which every value from the answer is escaped.
    """
    parts: list[str] = ['<div class="pkg-answer">']
    found = bool(answer.get("found"))
    if not found:
        parts.append(
            '<div class="pkg-notfound" style="border-left:4px solid #c64600;padding:.5em 1em;background:#fff4e5">'
            "<b>未找到</b> <small>not found</small><br>"
            f"{esc(answer.get('answer') or '资料库中没有找到能回答这个问题的条款。')}</div>"
        )
    else:
        parts.append(f'<p class="pkg-lead-text" style="font-size:1.1em">{esc(answer.get("answer", ""))}</p>')
    agencies = answer.get("agencies") or []
    if agencies:
        order = {"lead": 0, "co": 1, "implementing": 2}
        chips = "".join(
            chip(a.get("name", ""), a.get("role", ""))
            for a in sorted(agencies, key=lambda a: order.get(a.get("role", ""), 9))
        )
        parts.append(f'<div class="pkg-agencies"><b>责任单位</b> <small>agencies</small><br>{chips}</div>')
    targets = answer.get("targets") or []
    if targets:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{esc(t.get(k, '') if t.get(k) is not None else '')}</td>"
                for k in ("indicator", "value", "year", "region", "qualifier")
            )
            + "</tr>"
            for t in targets
        )
        parts.append(
            '<div class="pkg-targets"><b>目标</b> <small>targets</small><table>'
            "<tr><th>指标</th><th>目标值</th><th>年份</th><th>地区</th><th>限定</th></tr>"
            f"{rows}</table></div>"
        )
    evidence = answer.get("evidence") or []
    if evidence:
        terms = query_terms(answer.get("question", ""))
        parts.append('<div class="pkg-evidence"><b>依据条款</b> <small>evidence</small>')
        for i, ev in enumerate(evidence):
            link = evidence_links[i] if evidence_links and i < len(evidence_links) else None
            title = f"{ev.get('doc_title', '')} {ev.get('clause_no', '')} {ev.get('heading', '')}".strip()
            head = anchor(link, title) if link else esc(title)
            region = f" <small>（{esc(ev.get('region'))}）</small>" if ev.get("region") else ""
            parts.append(
                '<blockquote class="pkg-clause" style="border-left:4px solid #1a5fb4;margin:.5em 0;padding:.3em .8em">'
                f"<div>{head}{region}</div>"
                f'<div class="pkg-clause-text">{highlight(ev.get("text", ""), terms)}</div></blockquote>'
            )
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


# --------------------------------------------------------------------------- graph elements
EDGE_CAPTIONS: dict[str, str] = {
    "LEADS": "牵头",
    "CO_RESPONSIBLE": "配合",
    "IMPLEMENTS": "落实",
    "ABOUT": "主题",
    "HAS_TARGET": "目标",
    "SETS_TARGET": "目标",
}


def safe_caption(text: object, limit: int = 24) -> str:
    """A node caption safe both on the canvas and in the component's innerHTML info panel."""
    s = "" if text is None else str(text)
    s = s.translate(_CAPTION_SAFE)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _safe_props(props: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in props.items():
        if key in ("id", "label", "caption", "source", "target"):
            continue
        if isinstance(value, (list, tuple)):
            value = "、".join(str(v) for v in value)
        elif isinstance(value, Mapping):
            value = json.dumps(value, ensure_ascii=False)
        out[esc(key)] = esc(value)
    return out


def graph_elements(subgraph: Any) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """Cytoscape elements for st-link-analysis from a ``graph.store.Subgraph``.

    Node ids are opaque (``n0``, ``n1``…) so no document text reaches an id; the real node is
    returned in the second value (opaque id -> SubgraphNode) for click handling.

    Returns:
        ``({"nodes": [...], "edges": [...]}, {opaque_id: node})``
    """
    nodes = list(field(subgraph, "nodes", ()) or ())
    edges = list(field(subgraph, "edges", ()) or ())
    ids: dict[str, str] = {}
    by_opaque: dict[str, Any] = {}
    out_nodes: list[dict[str, Any]] = []
    for i, node in enumerate(nodes):
        real = str(field(node, "id"))
        oid = f"n{i}"
        ids[real] = oid
        by_opaque[oid] = node
        props = dict(field(node, "properties", {}) or {})
        data = {
            "id": oid,
            "label": safe_caption(field(node, "label", "Node"), 40),
            "caption": safe_caption(field(node, "caption", real)),
            "ref": esc(real),
            **_safe_props(props),
        }
        out_nodes.append({"data": data})
    out_edges: list[dict[str, Any]] = []
    for j, edge in enumerate(edges):
        s, t = ids.get(str(field(edge, "source"))), ids.get(str(field(edge, "target")))
        if s is None or t is None:
            continue  # edges to nodes outside the (limited) subgraph
        etype = str(field(edge, "type", ""))
        data = {
            "id": f"e{j}",
            "label": safe_caption(etype, 40),
            "caption": EDGE_CAPTIONS.get(etype, safe_caption(etype)),
            "source": s,
            "target": t,
            **_safe_props(dict(field(edge, "properties", {}) or {})),
        }
        out_edges.append({"data": data})
    return {"nodes": out_nodes, "edges": out_edges}, by_opaque


def iter_strings(value: Any) -> Iterable[str]:
    """Every string inside nested dicts/lists (used by tests to check for raw markup)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield str(k)
            yield from iter_strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from iter_strings(v)


# --------------------------------------------------------------------------- uploads
UPLOAD_TYPES: tuple[str, ...] = ("pdf", "docx", "txt", "html", "htm")


@dataclasses.dataclass(frozen=True)
class UploadPreview:
    """What the Ingest page shows for one uploaded file before it is stored."""

    name: str  # the original file name (base name only)
    ok: bool
    error: str = ""
    doc_id: str = ""
    title: str = ""
    doc_number: str = ""
    issuer: str = ""
    date: str = ""
    region: str = ""
    level: str = ""
    clauses: int = 0
    agencies: int = 0
    responsibilities: int = 0
    targets: int = 0
    warnings: tuple[str, ...] = ()
    outline: tuple[str, ...] = ()  # "path heading" of the first top-level sections

    def row(self) -> dict[str, Any]:
        """One row of the preview table."""
        return {
            "文件 file": self.name,
            "标题 title": self.title,
            "文号 number": self.doc_number,
            "地区 region": self.region,
            "条款 clauses": self.clauses,
            "责任 resp.": self.responsibilities,
            "目标 targets": self.targets,
            "状态 status": "可导入 ok" if self.ok else "错误 error",
        }


MAX_NAME_BYTES = 200  # below the usual 255-byte limit, leaving room for temp prefixes


def safe_upload_name(name: str) -> str:
    """The base name of an uploaded file (no directories: an upload cannot escape its temp dir)."""
    from pathlib import PurePosixPath, PureWindowsPath

    # control characters (a NUL byte makes every file call fail) are dropped; a file system takes
    # at most 255 bytes per name, so a long stem is shortened, keeping the suffix that picks the reader
    printable = "".join(ch for ch in (name or "") if ch.isprintable())
    base = PureWindowsPath(PurePosixPath(printable).name).name.strip()
    if base in ("", ".", ".."):
        return "upload.txt"
    suffix = PurePosixPath(base).suffix if len(PurePosixPath(base).suffix) <= 10 else ""
    stem = base[: len(base) - len(suffix)] if suffix else base
    while len((stem + suffix).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return (stem + suffix) or "upload.txt"


def save_upload(directory: Any, name: str, data: bytes) -> Any:
    """Write an upload into ``directory`` under its original (base) name; returns the path."""
    from pathlib import Path

    path = Path(directory) / safe_upload_name(name)
    path.write_bytes(data)
    return path


def parse_upload(name: str, data: bytes) -> UploadPreview:
    """Parse an uploaded file (a temp copy keeping its original name) without storing it.

    Args:
        name: the file name as uploaded (its stem becomes the doc_id, its suffix picks the reader).
        data: the file content.
    Returns:
        An :class:`UploadPreview`; ``ok`` is False and ``error`` names the reason when parsing fails.
    """
    import tempfile

    from ingest.errors import PolicyKGError

    base = safe_upload_name(name)
    with tempfile.TemporaryDirectory(prefix="policykg-upload-") as tmp:
        path = save_upload(tmp, base, data)
        try:
            from ingest.pipeline import parse_file

            parsed = parse_file(path)
        except PolicyKGError as e:
            reason = getattr(e, "reason", None) or str(e)
            return UploadPreview(name=base, ok=False, error=str(reason).replace(str(tmp), "").lstrip("/\\: "))
        except Exception as e:  # a reader bug must show as this file's error, not crash the page
            return UploadPreview(name=base, ok=False, error=f"{type(e).__name__}: {e}")
    doc = parsed.document
    top = [c for c in parsed.clauses if c.kind == "section"][:12]
    return UploadPreview(
        name=base,
        ok=True,
        doc_id=doc.doc_id,
        title=doc.title,
        doc_number=doc.doc_number,
        issuer=doc.issuer,
        date=doc.date,
        region=doc.region,
        level=doc.level,
        clauses=len(parsed.clauses),
        agencies=len(parsed.agencies),
        responsibilities=len(parsed.responsibilities),
        targets=len(parsed.targets),
        warnings=tuple(parsed.warnings),
        outline=tuple(f"{c.path} {c.heading}".strip() for c in top),
    )
