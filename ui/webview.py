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


def _find_spans(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of every needle in ``text`` (brackets compared in either width)."""
    import unicodedata

    spans: list[tuple[int, int]] = []
    folded = unicodedata.normalize("NFKC", text)
    same_length = len(folded) == len(text)  # NFKC of brackets and commas keeps offsets
    for needle in needles:
        if not needle or len(needle) < 2:
            continue
        hay, pin = (folded, unicodedata.normalize("NFKC", needle)) if same_length else (text, needle)
        start = hay.find(pin)
        while start >= 0:
            end = start + len(pin)
            if not any(a < end and start < b for a, b in spans):
                spans.append((start, end))
            start = hay.find(pin, end)
    return sorted(spans)


def highlight_evidence(text: str, terms: Iterable[str], annotations: Iterable[str] = ()) -> str:
    """Escaped ``text``: question terms in ``<mark>``, responsibility annotations in ``<mark class="pkg-annot">``."""
    text = text or ""
    spans = _find_spans(text, annotations)
    out: list[str] = []
    pos = 0
    for a, b in spans:
        out.append(highlight(text[pos:a], terms))
        out.append(f'<mark class="pkg-annot">{esc(text[a:b])}</mark>')
        pos = b
    out.append(highlight(text[pos:], terms))
    return "".join(out)


# a sentence ends at 。！？； (the clause heading "…工程。" is a sentence of its own)
_SENTENCE_END_RE = re.compile(r"(?<=[。！？；!?;])")


def key_sentence(text: str, terms: Iterable[str], heading: str = "") -> str:
    """The sentence of ``text`` that matches most of the question's terms (not the bare heading).

    Ties go to the earlier sentence; with no match, the first sentence after the heading.
    """
    sentences = [s.strip() for s in _SENTENCE_END_RE.split(text or "") if s.strip()]
    body = [s for s in sentences if s.rstrip("。.；;") != (heading or "").strip()] or sentences
    if not body:
        return ""
    terms = [t for t in terms if t]

    def score(sentence: str) -> int:
        return sum(len(t) for t in terms if t.lower() in sentence.lower())

    best = max(range(len(body)), key=lambda i: (score(body[i]), -i))
    return body[best]


# --------------------------------------------------------------------------- links and chips
def page_link(page: str, **params: object) -> str:
    """A relative, URL-encoded link to a page of the app, e.g. ``?page=documents&doc=…&clause=…``."""
    query = {"page": page, **{k: str(v) for k, v in params.items() if v not in (None, "")}}
    return "?" + urlencode(query)


def clause_link(doc_id: str, clause_id: str | None = None) -> str:
    """Link to a clause inside its document on the Documents page."""
    return page_link("documents", doc=doc_id, clause=clause_id)


def anchor(href: str, label: str, new_tab: bool = False) -> str:
    """An ``<a>`` (same tab, or a new one); ``href`` built by :func:`page_link` (escaped anyway)."""
    target = ' target="_blank" rel="noopener"' if new_tab else ' target="_self"'
    return f'<a href="{esc(href)}"{target}>{esc(label)}</a>'


def absolute_link(base_url: str | None, link: str) -> str:
    """``link`` (``?page=…``) made absolute against the app's URL (``st.context.url``); relative without one."""
    if not base_url:
        return link
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", link.lstrip("?"), ""))


def chip(name: str, role: str, how: str = "", confidence: float | None = None) -> str:
    """A coloured agency chip; colour and label by role (lead / co / implementing).

    Args:
        how: how the role was read (a key of ``ui.names.DERIVATIONS``: written, first_listed,
            carry_over, prose …), shown under the name with ``confidence``; "" shows none.
    """
    from ui.names import DERIVATIONS, derivation_label

    bg, fg = ROLE_COLOURS.get(role, ("#77767b", "#ffffff"))
    role_label = ROLE_LABELS.get(role, role)
    derived = ""
    tip = ""
    if how:
        derived = f'<br><small class="pkg-how" style="opacity:.9">{esc(derivation_label(how, confidence))}</small>'
        tip = f' title="{esc(DERIVATIONS.get(how, (how, how))[1])}"'
    return (
        f'<span class="pkg-chip pkg-chip-{esc(role)}"{tip} style="background:{bg};color:{fg};'
        f'border-radius:1em;padding:0.15em 0.7em;margin:0 0.3em 0.3em 0;display:inline-block;line-height:1.25">'
        f'<small style="opacity:.85">{esc(role_label)}</small> {esc(name)}{derived}</span>'
    )


def doc_id_of(source: str) -> str:
    """Document id from a source file name (NFKC-normalised stem; see ingest.records)."""
    import unicodedata
    from pathlib import PurePath

    return unicodedata.normalize("NFKC", PurePath(source or "").stem)


def targets_table_html(rows: list[Mapping[str, Any]], links: list[str | None] | None = None) -> str:
    """A compact cross-region target table (``ui.names.TARGET_COLUMNS``); the 条款 cell links to the clause."""
    from ui.names import TARGET_COLUMNS

    head = "".join(f"<th>{esc(c)}</th>" for c in TARGET_COLUMNS)
    body = []
    for i, row in enumerate(rows):
        cells = []
        for col in TARGET_COLUMNS:
            value = row.get(col, "")
            link = links[i] if links and i < len(links) else None
            if col == "条款" and link:
                cells.append(f"<td>{anchor(link, str(value) or '原文', new_tab=True)}</td>")
            else:
                cells.append(f"<td>{esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="pkg-target-table"><tr>{head}</tr>{"".join(body)}</table>'


NOT_FOUND_HINT = (
    "可以换个说法再问：用文件里的说法（如“单位地区生产总值能耗”“挥发性有机物”），写明地区（省、市）和年份，"
    "或换一个更具体的措施名称。"
)


def covered_html(regions: list[str], n_docs: int) -> str:
    """What the store covers, for a "not found" answer: regions and document count, and a rewording hint."""
    shown = "、".join(regions[:40]) + ("…" if len(regions) > 40 else "")
    return (
        f'<div class="pkg-covered"><small>库中 {n_docs} 个文件，覆盖地区 / covered regions：{esc(shown)}<br>'
        f"{esc(NOT_FOUND_HINT)}</small></div>"
    )


def evidence_block_html(
    ev: Mapping[str, Any],
    terms: list[str],
    *,
    link: str | None = None,
    doc_name: str = "",
    annotations: Iterable[str] = (),
    open_full: bool = False,
) -> str:
    """One evidence clause: its citation, the key sentence and the responsibility annotation highlighted;
    the full text opens in place (``<details>``, no page load); a link opens the clause in its document.
    """
    annotations = [a for a in annotations if a]
    where = f"{ev.get('clause_no', '')} {ev.get('heading', '')}".strip()
    title = f"{doc_name} › {where}" if doc_name else f"{ev.get('doc_title', '')} {where}".strip()
    region = f" <small>（{esc(ev.get('region'))}）</small>" if ev.get("region") and not doc_name else ""
    pages = [p for p in ev.get("pages") or [] if isinstance(p, int) and p > 0]
    if pages:  # where to look in the PDF
        region += f" <small>第 {pages[0]}{'–' + str(pages[-1]) if pages[-1] != pages[0] else ''} 页</small>"
    text = ev.get("text", "") or ""
    key = key_sentence(text, terms, ev.get("heading", ""))
    shown_annotations = [a for a in annotations if a not in key]
    lines = []
    if key:
        lines.append(f'<div class="pkg-key">{highlight_evidence(key, terms, annotations)}</div>')
    for a in shown_annotations[:2]:
        lines.append(f'<div class="pkg-annot-line"><small>责任标注 / annotation</small> <mark class="pkg-annot">{esc(a)}</mark></div>')
    opened = " open" if open_full else ""
    jump = f' · {anchor(link, "在文件中打开 / open in document ↗", new_tab=True)}' if link else ""
    return (
        '<blockquote class="pkg-clause" style="border-left:4px solid #1a5fb4;margin:.5em 0;padding:.3em .8em">'
        f'<div class="pkg-cite"><b>{esc(title)}</b>{region}</div>'
        + "".join(lines)
        + f'<details class="pkg-full"{opened}><summary><small>全文 / full text{jump}</small></summary>'
        f'<div class="pkg-clause-text">{highlight_evidence(text, terms, annotations)}</div></details>'
        "</blockquote>"
    )


def answer_html(
    answer: Mapping[str, Any],
    evidence_links: list[str | None] | None = None,
    *,
    doc_names: list[str] | None = None,
    derivations: Mapping[str, tuple[str, float | None]] | None = None,
    annotations: list[list[str]] | None = None,
    target_rows: list[Mapping[str, Any]] | None = None,
    target_links: list[str | None] | None = None,
    covered: tuple[list[str], int] | None = None,
) -> str:
    """The answer card: agency chips (with how each role was read), targets, evidence.

    Args:
        answer: ``Answer.to_json()`` (question, intent, found, answer, agencies, targets, evidence, parts).
        evidence_links: one link per evidence item (to the clause in its document, opened in a new tab).
        doc_names: one document display name per evidence item (``ui.names.display_name``).
        derivations: agency name -> (how the role was read, confidence), for the chips of agencies whose
            JSON carries no ``how`` (the answer's own ``how`` / ``confidence`` come first).
        annotations: per evidence item, the responsibility annotations to highlight in it.
        target_rows: rows of ``ui.names.target_row`` to show as a table instead of the plain targets list
            (one row per region for a question across regions); ``target_links`` link their clauses.
        covered: (covered regions, number of documents), said under a "not found" answer.
    Returns:
        HTML in which every value from the answer is escaped.
    """
    parts: list[str] = ['<div class="pkg-answer">']
    found = bool(answer.get("found"))
    if not found:
        parts.append(
            '<div class="pkg-notfound" style="border-left:4px solid #c64600;padding:.5em 1em;background:#fff4e5">'
            "<b>未找到</b> <small>not found</small><br>"
            f"{esc(answer.get('answer') or '资料库中没有找到能回答这个问题的条款。')}"
            + (covered_html(*covered) if covered else "")
            + "</div>"
        )
    else:
        text = esc(answer.get("answer", "")).replace("\n", "<br>")
        regions = [p.get("region", "") for p in answer.get("parts") or [] if p.get("found")]
        if target_rows and len(regions) > 1:
            # across regions the table is the answer; each region's sentence and quote unfold on demand
            parts.append(
                f'<p class="pkg-lead-text" style="font-size:1.1em">{len(regions)} 个地区写明了此项目标（见下表）：'
                f"{esc('、'.join(regions))}</p>"
                f'<details class="pkg-answer-text"><summary><small>各地区原文回答 / per-region answers</small></summary>'
                f"<p>{text}</p></details>"
            )
        else:
            parts.append(f'<p class="pkg-lead-text" style="font-size:1.1em">{text}</p>')
    agencies = answer.get("agencies") or []
    if agencies:
        order = {"lead": 0, "co": 1, "implementing": 2}
        derivations = derivations or {}
        # how each role was read comes with the answer (search.answer: "how", "confidence")
        chips = "".join(
            chip(a.get("name", ""), a.get("role", ""),
                 *((a["how"], a.get("confidence")) if a.get("how") else derivations.get(a.get("name", ""), ("", None))))
            for a in sorted(agencies, key=lambda a: order.get(a.get("role", ""), 9))
        )
        parts.append(f'<div class="pkg-agencies"><b>责任单位</b> <small>agencies</small><br>{chips}</div>')
    targets = answer.get("targets") or []
    if target_rows:
        parts.append(
            '<div class="pkg-targets"><b>目标</b> <small>targets</small>'
            + targets_table_html(list(target_rows), target_links)
            + "</div>"
        )
    elif targets:
        from ui.names import cell_text, year_text

        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{esc(year_text(t.get(k)) if k == 'year' else cell_text(t.get(k)))}</td>"
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
        blocks = []
        for i, ev in enumerate(evidence):
            blocks.append(
                evidence_block_html(
                    ev,
                    terms,
                    link=evidence_links[i] if evidence_links and i < len(evidence_links) else None,
                    doc_name=doc_names[i] if doc_names and i < len(doc_names) else "",
                    annotations=annotations[i] if annotations and i < len(annotations) else (),
                )
            )
        if target_rows and (len(answer.get("parts") or []) > 1 or len(evidence) > 2):
            # a table across regions: the clauses behind it stay folded
            parts.append(
                f'<details class="pkg-evidence"><summary><b>依据条款</b> <small>evidence ({len(evidence)})</small></summary>'
                + "".join(blocks)
                + "</details>"
            )
        else:
            parts.append('<div class="pkg-evidence"><b>依据条款</b> <small>evidence</small>' + "".join(blocks) + "</div>")
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


def graph_elements(
    subgraph: Any,
    captions: Mapping[str, str] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    infos: Mapping[str, Mapping[str, str]] | None = None,
    focus: str = "",
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """Cytoscape elements for st-link-analysis from a ``graph.store.Subgraph``.

    Node ids are what the component's side panel shows, so they are readable ("机构：生态环境局"),
    not store keys; every string is made safe for the panel's innerHTML.

    Args:
        subgraph: nodes and edges (records or dicts).
        captions: real node id -> canvas label (default: the node's caption).
        positions: real node id -> (x, y) for the ``preset`` layout (a stable drawing).
        infos: real node id -> the side panel's key/value pairs (default: the node's properties).
        focus: real id of the agency the view starts from: the other agencies' edges get the class
            ``faint`` (drawn lighter), so the focus agency's own roles stand out.
    Returns:
        ``({"nodes": [...], "edges": [...]}, {element_id: node})`` (the second for click handling).
    """
    from ui.graphview import NODE_KINDS

    nodes = list(field(subgraph, "nodes", ()) or ())
    edges = list(field(subgraph, "edges", ()) or ())
    ids: dict[str, str] = {}
    by_opaque: dict[str, Any] = {}
    used: set[str] = set()
    out_nodes: list[dict[str, Any]] = []
    for node in nodes:
        real = str(field(node, "id"))
        label = str(field(node, "label", "Node"))
        caption = safe_caption((captions or {}).get(real) or field(node, "caption", real))
        kind = NODE_KINDS.get(label, (label, ""))[0]
        oid = safe_caption(f"{kind}：{caption}", 80)
        n = 2
        while oid in used:
            oid = safe_caption(f"{kind}：{caption}（{n}）", 80)
            n += 1
        used.add(oid)
        ids[real] = oid
        by_opaque[oid] = node
        info = (infos or {}).get(real)
        props = dict(info) if info is not None else dict(field(node, "properties", {}) or {})
        data = {"id": oid, "label": safe_caption(label, 40), "caption": caption, **_safe_props(props)}
        element: dict[str, Any] = {"data": data}
        if positions and real in positions:
            x, y = positions[real]
            element["position"] = {"x": float(x), "y": float(y)}
        out_nodes.append(element)
    out_edges: list[dict[str, Any]] = []
    for j, edge in enumerate(edges):
        s, t = ids.get(str(field(edge, "source"))), ids.get(str(field(edge, "target")))
        if s is None or t is None:
            continue  # edges to nodes outside the (limited) subgraph
        etype = str(field(edge, "type", ""))
        data = {
            "id": f"{EDGE_CAPTIONS.get(etype, safe_caption(etype))} #{j + 1}",
            "label": safe_caption(etype, 40),
            "caption": EDGE_CAPTIONS.get(etype, safe_caption(etype)),
            "source": s,
            "target": t,
            **_safe_props(dict(field(edge, "properties", {}) or {})),
        }
        element = {"data": data}
        if focus and etype in ("LEADS", "CO_RESPONSIBLE", "IMPLEMENTS") and str(field(edge, "source")) != focus:
            element["classes"] = "faint"
        out_edges.append(element)
    return {"nodes": out_nodes, "edges": out_edges}, by_opaque


def legend_html() -> str:
    """The graph legend: node kinds (colours) and edge roles (colour and line style)."""
    from ui.graphview import EDGE_KINDS, NODE_KINDS

    nodes = "".join(
        f'<span class="pkg-legend-item"><span style="display:inline-block;width:.8em;height:.8em;border-radius:50%;'
        f'background:{colour};margin-right:.25em"></span>{esc(name)}</span>'
        for name, colour in NODE_KINDS.values()
    )
    lines = "".join(
        f'<span class="pkg-legend-item"><span style="display:inline-block;width:1.8em;border-top:{max(width, 2)}px '
        f'{style} {colour};margin:0 .25em .2em 0;vertical-align:middle"></span>{esc(name)}</span>'
        for name, colour, style, width in EDGE_KINDS.values()
    )
    return (
        '<div class="pkg-legend"><small><b>节点</b> '
        f"{nodes}　<b>关系</b> {lines}</small></div>"
    )


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
    content_hash: str = ""  # sha256 of the repaired text: tells a renamed copy of a stored file
    title_inferred: bool = False
    annotated_clauses: int = 0  # clauses with at least one responsibility
    target_lines: tuple[str, ...] = ()  # "指标 值（年）" of the first targets

    def card_html(self, duplicate_of: str = "") -> str:
        """The preview as a readable card: title, 文号, region, level, counts, targets, warnings."""
        from ui.names import INFERRED_MARK, level_name

        if not self.ok:
            return f'<div class="pkg-box pkg-upload-error"><b>✗ {esc(self.name)}</b><br>{esc(self.error)}</div>'
        title = self.title + (INFERRED_MARK if self.title_inferred else "")
        facts = [
            ("文号", self.doc_number or "（无）"),
            ("发文机关", self.issuer),
            ("日期", self.date),
            ("地区", self.region or "未知"),
            ("层级", level_name(self.level)),
            ("条款", str(self.clauses)),
            ("有责任标注的条款", str(self.annotated_clauses)),
            ("责任关系", str(self.responsibilities)),
            ("量化目标", str(self.targets)),
        ]
        rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts if v)
        dup = (
            f'<div class="pkg-duplicate" style="color:#c64600"><b>已入库 / already stored as</b> {esc(duplicate_of)}'
            "：内容相同，不会重复导入 / the same content is not added twice</div>"
            if duplicate_of
            else ""
        )
        targets = (
            "<div><b>目标 / targets</b>：" + "；".join(esc(t) for t in self.target_lines) + "</div>"
            if self.target_lines
            else ""
        )
        outline = (
            "<div><b>目录 / outline</b>：" + "　".join(esc(o) for o in self.outline) + "</div>" if self.outline else ""
        )
        warnings = "".join(f'<div class="pkg-warning">⚠ {esc(w)}</div>' for w in self.warnings)
        return (
            f'<div class="pkg-box pkg-upload"><div><b>{esc(title)}</b> <small>{esc(self.name)}</small></div>{dup}'
            f'<table class="pkg-facts">{rows}</table>{targets}{outline}{warnings}</div>'
        )

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
        content_hash=doc.content_hash,
        title_inferred=bool(getattr(doc, "title_inferred", False)),
        annotated_clauses=len({r.clause_id for r in parsed.responsibilities}),
        target_lines=tuple(
            f"{t.indicator or t.indicator_raw} {t.value}" + (f"（{t.target_year}年）" if t.target_year else "")
            for t in parsed.targets[:8]
        ),
    )
