"""节能减排政策知识图谱 — the Streamlit app (``policykg ui`` / ``streamlit run ui/app.py``).

Pages (sidebar, or ``?page=`` in the URL so every view can be shared as a link):
``ask`` 问答 (``?q=`` runs a question on load; each evidence clause opens its original: the PDF page with
the clause's lines highlighted, and the file), ``graph`` 责任图谱 (``&region=&agency=&topic=``), ``compare``
对比 (``&clause=``), ``targets`` 目标, ``map`` 落实图 (``&doc=``: the implementation map of a higher-level
document), ``diff`` 变化 (``&a=…&b=…``: what changed between two plans or versions), ``documents`` 文件
(``&doc=…&clause=…``), ``ingest`` 导入.

Settings come only from :class:`ui.config.Settings` (``POLICYKG_*`` environment variables,
set by ``ui.launch.run_ui``). All document and user text shown as HTML goes through
``ui.webview.esc`` / ``highlight``; widget labels through ``md_text``.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run ui/app.py` puts ui/ on the path, not the repo root
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

if TYPE_CHECKING:
    from graph.store import GraphStore

from ingest.errors import IndexNotBuiltError, NotFoundError, PolicyKGError, QuestionTooLongError  # noqa: E402
from ui.graphview import (  # noqa: E402
    DEFAULT_LIMIT,
    EDGE_KINDS,
    NODE_KINDS,
    agency_activity,
    focus_view,
    layout_positions,
    node_caption,
    node_info,
    radial_positions,
)
from ui.names import (  # noqa: E402
    INFERRED_MARK,
    cell_text,
    derivation_label,
    display_names,
    level_name,
    role_derivation,
    target_row,
    year_text,
)
from ui.planview import (  # noqa: E402
    CARRIED_COLUMNS,
    DIFF_TARGET_COLUMNS,
    GAPS,
    LEAD_COLUMNS,
    MAP_SORTS,
    MEASURE_COLUMNS,
    RENAMED_COLUMNS,
    TAKEN_UP,
    carried_rows,
    default_diff_pair,
    diff_options,
    diff_summary_html,
    evidence_pages,
    lead_rows,
    map_candidates,
    map_columns,
    map_file_bytes,
    map_file_name,
    map_rows,
    measure_rows,
    mime_type,
    original_label,
    renamed_rows,
    target_rows,
)
from ui.webview import (  # noqa: E402
    UPLOAD_TYPES,
    absolute_link,
    anchor,
    answer_html,
    chip,
    clause_link,
    esc,
    graph_elements,
    legend_html,
    md_text,
    page_link,
    parse_upload,
    plain,
    save_upload,
)

PAGES: dict[str, tuple[str, str]] = {
    "ask": ("问答", "Ask"),
    "graph": ("责任图谱", "Agency graph"),
    "compare": ("对比", "Compare"),
    "targets": ("目标", "Targets"),
    "map": ("落实图", "Map"),
    "diff": ("变化", "Diff"),
    "documents": ("文件", "Documents"),
    "ingest": ("导入", "Ingest"),
}

EXAMPLE_QUESTIONS: tuple[str, ...] = (
    "太原市挥发性有机物综合整治由哪个部门牵头？",
    "太原市“十四五”单位GDP能耗下降目标是多少？",
    "太原市公共机构能效提升工程的牵头单位是谁？",
    "其他城市有没有类似太原挥发性有机物综合整治的要求？",
)

WARM_UP_QUESTION = "节能减排工作由哪个部门牵头？"
NODE_ICONS = {"Agency": "account_balance", "Clause": "description", "Topic": "sell", "Target": "flag"}
ALL = "（全部 all）"
PICK = "请选择 / choose"  # placeholder of multiselects (Streamlit's own says "Choose options")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")

CSS = """
<style>
.pkg-chip small{font-size:.75em}
.pkg-answer table, .pkg-box table{border-collapse:collapse;margin:.3em 0 .8em 0}
.pkg-answer td,.pkg-answer th,.pkg-box td,.pkg-box th{border:1px solid #ddd;padding:.2em .6em;text-align:left}
.pkg-answer mark, .pkg-clause-text mark, .pkg-key mark{background:#ffe066;padding:0 .1em}
mark.pkg-annot{background:#c9e7ff;border-bottom:2px solid #1a5fb4}
.pkg-key{margin:.2em 0}
.pkg-box{border:1px solid #ddd;border-radius:.5em;padding:.6em .9em;margin-bottom:.6em;background:#fafafa}
.pkg-selected{border:2px solid #1a5fb4;background:#eef4ff}
.pkg-legend-item{margin-right:.9em;white-space:nowrap}
.pkg-target-table th, .pkg-target-table td:not(:nth-child(7)){white-space:nowrap}
.pkg-answer{overflow-x:auto}
details.pkg-full summary, details.pkg-evidence summary{cursor:pointer}
/* Streamlit's own English chrome: the file uploader's instructions and button */
[data-testid="stFileUploaderDropzoneInstructions"] > div > span{display:none}
[data-testid="stFileUploaderDropzoneInstructions"] > div::before{content:"拖放文件到这里 · PDF / DOCX / TXT / HTML，每个不超过 200 MB"}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p{font-size:0}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after{content:"选择文件";font-size:.875rem}
</style>
"""


# ----------------------------------------------------------------------------- the service
@st.cache_resource(show_spinner="首次打开：正在加载知识图谱与语义模型（约 5 秒，只需一次）/ loading the graph and model once …")
def _open_kg(settings_key: str) -> Any:
    """One PolicyKG per distinct settings (the key), shared by all sessions of this server.

    The model, the index and the store snapshot are loaded here, once, so the first question is as
    fast as the next.
    """
    from ui.config import load_settings
    from ui.factory import open_policykg

    from ui.webview import query_terms

    kg = open_policykg(load_settings())
    try:
        kg.warm_up()
        kg.ask(WARM_UP_QUESTION)  # every code path of an answer once (ranker, templates, jieba's dictionary)
    except PolicyKGError:
        pass  # an empty store or a missing index: the pages say so
    query_terms(WARM_UP_QUESTION)  # the highlighter's tokenizer
    return kg


def _settings_key() -> str:
    from ui.config import load_settings

    return load_settings().model_dump_json()


def get_kg() -> Any:
    """The PolicyKG facade for the current settings (``POLICYKG_*`` / policykg.toml)."""
    return _open_kg(_settings_key())


def _gen(kg: Any) -> tuple[int, int]:
    """A cache key for everything read from the store: the facade and the store generation."""
    return (id(kg), kg.store.generation())


@st.cache_resource(show_spinner=False, max_entries=4)
def _documents(_kg: Any, gen: tuple[int, int]) -> list[Any]:
    return list(_kg.store.documents())


@st.cache_resource(show_spinner=False, max_entries=4)
def _doc_names(_kg: Any, gen: tuple[int, int]) -> dict[str, str]:
    return display_names(_documents(_kg, gen))


@st.cache_resource(show_spinner=False, max_entries=4)
def _counts(_kg: Any, gen: tuple[int, int]) -> dict[str, int]:
    labels = _kg.store.stats().get("labels", {})
    return {"docs": len(_documents(_kg, gen)), **{k: labels.get(k, 0) for k in ("Clause", "Agency", "Target")}}


@st.cache_resource(show_spinner=False, max_entries=16)
def _region_subgraph(_kg: Any, gen: tuple[int, int], region: str | None) -> Any:
    return _kg.store.subgraph(region=region, limit=1_000_000)


@st.cache_resource(show_spinner=False, max_entries=64)
def _clauses(_kg: Any, gen: tuple[int, int], doc_id: str) -> list[Any]:
    return list(_kg.store.clauses(doc_id))


@st.cache_resource(show_spinner=False, max_entries=4)
def _all_targets(_kg: Any, gen: tuple[int, int]) -> list[Any]:
    return list(_kg.store.targets())


def _qp(name: str) -> str | None:
    value = st.query_params.get(name)
    return value if value else None


def html(fragment: str) -> None:
    """Render an HTML fragment built from escaped parts (ui.webview)."""
    st.markdown(fragment, unsafe_allow_html=True)


def page_header(key: str, extra: str = "") -> None:
    zh, en = PAGES[key]
    st.header(f"{zh} :gray[{en}]")
    if extra:
        st.caption(extra)


def _base_url() -> str | None:
    """The app's own URL, for links that work when shared (None under AppTest)."""
    try:
        return st.context.url or None
    except Exception:  # no browser session (AppTest, bare mode)
        return None


def _doc_name(kg: Any, doc_id: str) -> str:
    return _doc_names(kg, _gen(kg)).get(doc_id, doc_id)


def _descendants(kg: Any, clause: Any) -> list[Any]:
    """The clause and its sub-items (an answer about a clause aggregates them)."""
    clauses = _clauses(kg, _gen(kg), clause.doc_id)
    out = [clause]
    ids = {clause.clause_id}
    for c in clauses:  # document order: a child comes after its parent
        if c.parent_id in ids:
            ids.add(c.clause_id)
            out.append(c)
    return out


def role_notes(kg: Any, clause_ids: list[str]) -> tuple[dict[str, tuple[str, float | None]], list[list[str]]]:
    """How each agency's role was read, and the annotations to highlight, for the evidence clauses.

    Returns:
        (agency name -> (derivation key, confidence) from the first clause naming it,
         per clause id: the annotations / sentences the roles came from).
    """
    store = kg.store
    how: dict[str, tuple[str, float | None]] = {}
    notes: list[list[str]] = []
    for cid in clause_ids:
        clause = store.clause(cid) if cid else None
        found: list[str] = []
        for c in _descendants(kg, clause) if clause is not None else []:
            for ar in store.responsibilities(c.clause_id):
                r = ar.responsibility
                how.setdefault(ar.agency.name, (role_derivation(r.role, r.source, r.evidence), r.confidence))
                if r.evidence and r.evidence not in found and r.source != "carry_over":
                    found.append(r.evidence)
        notes.append(found)
    return how, notes


def agencies_html(store: GraphStore, clause_id: str) -> str:
    chips = "".join(
        chip(ar.agency.name, ar.responsibility.role, role_derivation(
            ar.responsibility.role, ar.responsibility.source, ar.responsibility.evidence), ar.responsibility.confidence)
        for ar in store.responsibilities(clause_id)
    )
    return chips or "<small>文件未指明责任部门 / no agency named</small>"


TARGET_COLUMNS_UI = [
    "地区 region", "指标 indicator", "目标值 value", "数值 number", "单位 unit", "方向 comparator", "基准年 base",
    "目标年 year", "限定 qualifier", "文件 document", "条款 clause", "原文 sentence",
]  # fmt: skip


def targets_frame(targets: list[Any], kg: Any | None = None) -> pd.DataFrame:
    """Targets as a table with Chinese column names: region from the document, years as text, no "None"."""
    docs = {d.doc_id: d for d in _documents(kg, _gen(kg))} if kg is not None else {}
    names = _doc_names(kg, _gen(kg)) if kg is not None else {}
    rows = []
    for t in targets:
        doc_id = t.clause_id.split("#", 1)[0]
        doc = docs.get(doc_id)
        rows.append(
            {
                "地区 region": (doc.region if doc else "") or t.region or "",
                "指标 indicator": t.indicator or t.indicator_raw or "",
                "目标值 value": cell_text(t.value),
                "数值 number": t.number,
                "单位 unit": t.unit or "",
                "方向 comparator": t.comparator or "",
                "基准年 base": year_text(t.base_year),
                "目标年 year": year_text(t.target_year),
                "限定 qualifier": t.qualifier or "",
                "文件 document": names.get(doc_id, doc_id),
                "条款 clause": t.clause_id.split("#", 1)[-1],
                "原文 sentence": t.sentence or "",
            }
        )
    return pd.DataFrame(rows, columns=TARGET_COLUMNS_UI)


def clause_card(kg: Any, clause: Any, selected: bool = False, terms: list[str] | None = None, note: str = "") -> str:
    """A compact clause box: document and clause (opened in place), agencies, targets, the start of the
    text; the full text unfolds in place."""
    from ui.webview import highlight_evidence, key_sentence

    store = kg.store
    name = _doc_name(kg, clause.doc_id)
    link = absolute_link(_base_url(), clause_link(clause.doc_id, clause.clause_id))
    head = f"{clause.path} {clause.heading}".strip()
    tgts = store.targets(clause_id=clause.clause_id)
    tgt_html = ""
    if tgts:
        tgt_html = "<div><b>目标</b> " + "；".join(
            esc(f"{t.indicator} {t.value}" + (f"（{t.target_year}年）" if t.target_year else "") + (f" {t.qualifier}" if t.qualifier else ""))
            for t in tgts[:6]
        ) + "</div>"
    _how, notes = role_notes(kg, [clause.clause_id])
    key = key_sentence(clause.text, terms or [], clause.heading)
    cls = "pkg-box pkg-selected" if selected else "pkg-box"
    return (
        f'<div class="{cls}"><div><small>{esc(name)}</small>{(" " + esc(note)) if note else ""}</div>'
        f"<div><b>{esc(head)}</b> <small>{anchor(link, '在文件中打开 ↗', new_tab=True)}</small></div>"
        f"<div>{agencies_html(store, clause.clause_id)}</div>{tgt_html}"
        f'<div class="pkg-key pkg-clause-text">{highlight_evidence(key, terms or [], notes[0])}</div>'
        f'<details class="pkg-full"><summary><small>全文 / full text</small></summary>'
        f'<div class="pkg-clause-text">{highlight_evidence(clause.text, terms or [], notes[0])}</div></details></div>'
    )


# ----------------------------------------------------------------------------- pages
def _set_question(question: str) -> None:
    st.session_state["question"] = question


def page_ask(kg: Any) -> None:
    page_header("ask", "输入问题，答案给出责任单位、目标和出处条款。Ask in Chinese; the answer cites its clause.")
    from_url = _qp("q")
    if from_url and st.session_state.get("_q_from_url") != from_url:
        st.session_state["question"] = from_url  # ?q= shared links run on load
        st.session_state["_q_from_url"] = from_url
    st.caption("示例问题 / examples")
    cols = st.columns(len(EXAMPLE_QUESTIONS))
    for i, (col, example) in enumerate(zip(cols, EXAMPLE_QUESTIONS)):
        col.button(example, key=f"example_{i}", on_click=_set_question, args=(example,), width="stretch")
    question = st.text_input(
        "问题 / Question", key="question", placeholder="例如：太原市挥发性有机物综合整治由哪个部门牵头？"
    ).strip()
    if not question:
        st.info("请输入问题或点击示例。 Type a question or pick an example.")
        return
    st.query_params["page"] = "ask"
    st.query_params["q"] = question
    st.session_state["_q_from_url"] = question
    if not CJK_RE.search(question):
        st.info(
            "请用中文提问：库中的文件都是中文，英文问题只能尽力匹配（下面是尽力而为的结果）。"
            " Please ask in Chinese — the documents are Chinese; below is a best-effort answer."
        )
    try:
        with st.spinner("检索中 / searching …"):
            answer = kg.ask(question)
    except QuestionTooLongError as e:
        st.error(str(e))
        return
    data = answer.to_dict() if hasattr(answer, "to_dict") else plain(answer)
    html(answer_html(data, **answer_view(kg, answer)))
    originals(kg, answer)
    share = absolute_link(_base_url(), page_link("ask", q=question))
    st.caption("分享链接（可复制）/ share link")
    st.code(share, language=None, wrap_lines=True)
    with st.expander("JSON（与命令行相同 / same as `policykg ask --json`）"):
        st.json(data)


def answer_view(kg: Any, answer: Any) -> dict[str, Any]:
    """Everything ``answer_html`` adds to the JSON answer: document names, links, how roles were read,
    the annotations to highlight, the target table (region from the document), what is covered."""
    gen = _gen(kg)
    base = _base_url()
    evidence = list(getattr(answer, "evidence", ()) or ())
    cids = [getattr(ev, "clause_id", "") or "" for ev in evidence]
    links = [absolute_link(base, clause_link(c.split("#", 1)[0], c)) if c else None for c in cids]
    names = [_doc_name(kg, c.split("#", 1)[0]) if c else "" for c in cids]
    how, notes = role_notes(kg, cids)
    rows, row_links = target_table(kg, answer)
    view: dict[str, Any] = {
        "evidence_links": links,
        "doc_names": names,
        "derivations": how,
        "annotations": notes,
        "target_rows": rows,
        "target_links": row_links,
    }
    if not getattr(answer, "found", True):
        docs = _documents(kg, gen)
        view["covered"] = (sorted({d.region for d in docs if d.region}, key=_region_order), len(docs))
    return view


MAX_ORIGINALS = 5  # evidence clauses offering their original


def originals(kg: Any, answer: Any) -> None:
    """Under the answer card, one "原文 / original" switch per evidence clause: on, it shows the PDF
    page(s) with the clause's lines highlighted and a download of the original file (rendered only
    when asked for, and cached in the store folder)."""
    evidence = [ev for ev in getattr(answer, "evidence", ()) or () if getattr(ev, "clause_id", "")][:MAX_ORIGINALS]
    if not evidence:
        return
    st.caption("原文 / original：原件页面（条款所在行高亮）与原文件下载 / the page of the original, the clause highlighted")
    for i, ev in enumerate(evidence):
        doc_id = ev.clause_id.split("#", 1)[0]
        label = original_label(ev, _doc_name(kg, doc_id))
        if st.toggle(md_text(label), key=f"original_{i}_{ev.clause_id}"):
            with st.container(border=True):
                original_view(kg, ev, key=f"{i}_{ev.clause_id}")


def original_view(kg: Any, ev: Any, key: str) -> None:
    """The original of one evidence clause: its PDF pages as images, and the file to download."""
    doc_id = ev.clause_id.split("#", 1)[0]
    try:
        path = kg.original_file(doc_id)
    except NotFoundError as e:
        st.warning(md_text(str(e)))
        return
    pages = evidence_pages(ev)
    if path.suffix.lower() != ".pdf":
        st.info(md_text(f"原文件是 {path.suffix.lstrip('.').upper()}，没有页面图像，可下载原文件。"
                        " The original is not a PDF: no page image, download the file."))
    elif not pages:
        st.info("条款所在页码未知 / the clause's page is not known")
    else:
        cols = st.columns(len(pages)) if len(pages) > 1 else [st.container()]
        for col, page in zip(cols, pages):
            try:
                png = kg.page_image(doc_id, page, ev.clause_id)
            except NotFoundError as e:
                col.warning(md_text(str(e)))
                continue
            # PNG, not Streamlit's default JPEG: the highlight keeps its exact colours and the text stays sharp
            col.image(str(png), caption=f"第 {page} 页 · 条款所在行已高亮 / page {page}, the clause highlighted",
                      width=900 if len(pages) == 1 else "stretch", output_format="PNG")
    st.download_button(
        f"下载原文件 / download the original ({md_text(path.suffix.lstrip('.').upper())})",
        data=lambda: path.read_bytes(),  # read only when clicked
        file_name=getattr(ev, "source", "") or path.name,
        mime=mime_type(path),
        key=f"original_file_{key}",
        on_click="ignore",
    )


LEVEL_RANK = {"national": 0, "provincial": 1, "city": 2, "county": 3}


def _region_order(region: str) -> tuple[int, str]:
    """全国, then provinces (and 北京市, 上海市 …), then cities, counties; by name within a level."""
    try:
        levels = _region_levels(get_kg(), _gen(get_kg()))
    except PolicyKGError:
        levels = {}
    return (LEVEL_RANK.get(levels.get(region, ""), 4), region)


@st.cache_resource(show_spinner=False, max_entries=4)
def _region_levels(_kg: Any, gen: tuple[int, int]) -> dict[str, str]:
    return {d.region: d.level for d in _documents(_kg, gen) if d.region}


def target_table(kg: Any, answer: Any) -> tuple[list[dict[str, str]], list[str | None]]:
    """The answer's target table (``search.answer.target_table``, the rows of the JSON's
    ``target_table``) in the UI's words: document display names, clause labels and links."""
    from search.answer import target_table as table_rows

    store = kg.store
    base = _base_url()
    docs = {d.doc_id: d for d in _documents(kg, _gen(kg))}
    rows: list[dict[str, str]] = []
    links: list[str | None] = []
    for r in table_rows(answer) if hasattr(answer, "parts") else []:
        clause = store.clause(r["clause_id"]) if r["clause_id"] else None
        label = f"{clause.path} {clause.heading[:12]}".strip() if clause is not None else ""
        rows.append(target_row(r, docs.get(r["doc_id"]), label))
        links.append(absolute_link(base, clause_link(clause.doc_id, clause.clause_id)) if clause is not None else None)
    return rows, links


@st.cache_resource(show_spinner=False, max_entries=4)
def _region_activity(_kg: Any, gen: tuple[int, int]) -> dict[str, int]:
    """Document region -> number of responsibilities its documents state (the busiest region opens first)."""
    regions = {d.doc_id: d.region for d in _documents(_kg, gen)}
    sub = _region_subgraph(_kg, gen, None)
    doc_of = {n.id: (n.properties or {}).get("doc_id", "") for n in sub.nodes if n.label == "Clause"}
    counts: dict[str, int] = {}
    for e in sub.edges:
        if e.type in ("LEADS", "CO_RESPONSIBLE", "IMPLEMENTS"):
            region = regions.get(doc_of.get(e.target, ""), "")
            counts[region] = counts.get(region, 0) + 1
    return counts


@st.cache_resource(show_spinner=False, max_entries=32)
def _graph_view(
    _kg: Any, gen: tuple[int, int], region: str, agency: str | None, topic: str | None, limit: int, targets: bool
) -> Any:
    """The focused view, its elements (stable layout, short captions, readable side panel) and id map."""
    view = focus_view(_region_subgraph(_kg, gen, region), agency, topic, limit, targets=targets)
    names = _doc_names(_kg, gen)
    captions = {n.id: node_caption(n) for n in view.nodes}
    infos = {n.id: node_info(n, names) for n in view.nodes}
    positions = radial_positions(view) if view.focus else layout_positions(view.nodes, view.edges)
    elements, by_id = graph_elements(
        {"nodes": view.nodes, "edges": view.edges}, captions=captions, positions=positions, infos=infos,
        focus=view.focus,
    )
    return view, elements, by_id


def _node_style(cls: Any, label: str, colour: str, icon: str | None) -> Any:
    """An st-link-analysis NodeStyle whose caption is readable at every zoom (the component hides
    labels under 10 px and draws them 3.6 units high)."""

    class _Labelled(cls):  # type: ignore[misc,valid-type]
        def dump(self) -> dict[str, Any]:
            out = super().dump()
            size = 44 if label == "Agency" else 30
            out["style"].update(
                {"font-size": LABEL_SIZES.get(label, 13), "min-zoomed-font-size": 0, "text-wrap": "ellipsis",
                 "text-max-width": 170, "width": size, "height": size, "text-background-color": "#ffffff",
                 "text-background-opacity": 0.8, "text-background-padding": 1}
            )
            return out

    return _Labelled(label, colour, "caption", icon)


LABEL_SIZES = {"Agency": 19, "Clause": 15, "Topic": 13, "Target": 13}


class _RawStyle:
    """A cytoscape style rule the component takes as is (its styles only select by label)."""

    def __init__(self, selector: str, style: dict[str, Any]):
        self.selector, self.style = selector, style

    def dump(self) -> dict[str, Any]:
        return {"selector": self.selector, "style": self.style}


def page_graph(kg: Any) -> None:
    from st_link_analysis import EdgeStyle, Event, NodeStyle, st_link_analysis

    page_header("graph", "从一个机构出发：它负责的条款、同一条款的其他机构、主题和目标。点击节点查看条款表。"
                " Start from an agency; click a node for its clauses.")
    gen = _gen(kg)
    docs = _documents(kg, gen)
    regions = sorted({d.region for d in docs if d.region}, key=_region_order)
    if not regions:
        st.info("库中还没有文件，请先导入。 The store is empty: ingest documents first.")
        return
    activity = _region_activity(kg, gen)
    want = _qp("region")
    busiest_region = max(regions, key=lambda r: (activity.get(r, 0), -regions.index(r)))
    c1, c2, c3, c4, c5 = st.columns([1, 1.5, 1, 0.6, 0.6])
    region = c1.selectbox(
        "地区 / region",
        regions,
        index=regions.index(want if want in regions else busiest_region),
        format_func=lambda r: f"{r}（{activity.get(r, 0)} 条责任）",
        key="graph_region",
    )
    full = _region_subgraph(kg, gen, region)
    counts = agency_activity(full)
    # the busiest agency opens first: by clauses it leads or co-leads (a carry-over note makes the
    # county governments "implementing" on every clause, which says little about them)
    leading = agency_activity(full, ("LEADS", "CO_RESPONSIBLE"))
    agencies = sorted(counts, key=lambda a: (-leading[a], -counts[a], a))
    topics = {n.properties.get("topic_id", n.id): n.caption for n in full.nodes if n.label == "Topic"}
    agency_options = [*agencies, ALL]
    want_agency = _qp("agency")
    agency = c2.selectbox(
        "从机构出发 / start from agency",
        agency_options,
        index=agency_options.index(want_agency) if want_agency in agency_options else 0,  # the busiest first
        format_func=lambda a: a if a == ALL else f"{a}（{counts[a]} 条）",
        key=f"graph_agency_{region}",
    )
    topic_options = ["", *sorted(topics, key=lambda t: topics[t])]
    want_topic = _qp("topic")
    topic = c3.selectbox(
        "主题 / topic",
        topic_options,
        index=topic_options.index(want_topic) if want_topic in topic_options else 0,
        format_func=lambda t: topics.get(t, t) if t else ALL,
        key="graph_topic",
    )
    limit = int(c4.number_input("节点上限 / max nodes", 20, 2000, DEFAULT_LIMIT, step=10, key="graph_limit"))
    show_targets = c5.checkbox("目标节点 targets", value=False, key="graph_targets")
    chosen = None if agency == ALL else agency
    view, elements, by_id = _graph_view(kg, gen, region, chosen, topic or None, limit, show_targets)
    st.session_state["graph_elements"] = elements  # inspected by the XSS test
    html(legend_html())
    if not elements["nodes"]:
        st.warning("没有符合条件的责任关系 / no responsibilities match these filters")
        return
    if view.capped:
        st.warning(
            f"显示 {len(view.nodes)} / {view.total_nodes:,} 个节点 — 请按机构或主题缩小范围，或提高节点上限。"
            f" Showing {len(view.nodes)} of {view.total_nodes:,} nodes — narrow by agency or topic."
        )
    else:
        st.caption(f"{len(elements['nodes'])} 个节点 nodes · {len(elements['edges'])} 条边 edges（全部显示 / all shown）")
    node_styles = [_node_style(NodeStyle, label, colour, NODE_ICONS.get(label)) for label, (_, colour) in NODE_KINDS.items()]
    edge_styles = [_edge_style(EdgeStyle, t, colour, line, width) for t, (_, colour, line, width) in EDGE_KINDS.items()]
    edge_styles.append(_RawStyle("edge.faint", {"opacity": 0.35, "width": 1}))
    event = st_link_analysis(
        elements,
        layout={"name": "preset", "fit": True, "padding": 30, "animate": False},
        node_styles=node_styles,
        edge_styles=edge_styles,
        height=680,
        key=f"agency_graph_{region}_{agency}_{topic}_{limit}_{show_targets}",
        events=[Event("node_click", "click tap", "node")],
    )
    element_of = {getattr(n, "id", ""): oid for oid, n in by_id.items()}
    nodes = {n.id: n for n in full.nodes}
    options = [""] + [f"Agency:{a}" for a in agencies] + [
        n.id for n in view.nodes if n.label in ("Topic", "Clause") and n.id in element_of
    ]
    labels: dict[str, str] = {}
    for o in options[1:]:
        text = element_of.get(o) or f"{NODE_KINDS['Agency'][0]}：{nodes[o].caption if o in nodes else o}"
        while text in labels.values():
            text += "＊"
        labels[o] = text
    pick_key = "graph_pick"
    signature = (region, agency, topic, limit, show_targets)
    if st.session_state.get("_graph_sig") != signature:  # new filters: forget the old selection
        st.session_state["_graph_sig"] = signature
        st.session_state[pick_key] = ""
        st.session_state.pop("graph_node", None)
    if isinstance(event, dict) and event.get("action") == "node_click" and event.get("timestamp") != st.session_state.get(
        "_graph_event"
    ):
        st.session_state["_graph_event"] = event.get("timestamp")  # the component repeats its last value
        clicked = by_id.get(str((event.get("data") or {}).get("target_id")))
        if clicked is not None:
            st.session_state["graph_node"] = clicked.id
            st.session_state[pick_key] = clicked.id if clicked.id in options else ""
    choice = st.selectbox(
        "点击图中节点，或在此选择 / click a node, or pick one here",
        options,
        format_func=lambda i: labels.get(i, i) if i else "—",
        key=pick_key,
        on_change=lambda: st.session_state.pop("graph_node", None),
    )
    node = nodes.get(choice or st.session_state.get("graph_node", ""))
    if node is not None:
        _show_node(kg, node, region)


def _edge_style(cls: Any, label: str, colour: str, line: str, width: int) -> Any:
    """An st-link-analysis EdgeStyle with a line style and width (lead vs co drawn differently)."""

    class _Styled(cls):  # type: ignore[misc,valid-type]
        def dump(self) -> dict[str, Any]:
            out = super().dump()
            out["style"].update({"line-style": line, "width": width})
            return out

    import warnings

    with warnings.catch_warnings():  # st-link-analysis 0.4.0 warns about `labeled` even when unused
        warnings.simplefilter("ignore")
        return _Styled(label, color=colour, caption="caption", directed=True)


def _clause_rows(kg: Any, pairs: list[tuple[Any, Any]]) -> pd.DataFrame:
    """A compact table: role, document, clause, heading, how the role was read, link."""
    base = _base_url()
    rows = []
    for clause, resp in pairs:
        rows.append(
            {
                "角色 role": ROLE_NAMES.get(resp.role, resp.role) if resp is not None else "",
                "文件 document": _doc_name(kg, clause.doc_id),
                "条款 clause": clause.path,
                "标题 heading": clause.heading,
                "依据 derived": derivation_label(role_derivation(resp.role, resp.source, resp.evidence), resp.confidence)
                if resp is not None
                else "",
                "链接 link": absolute_link(base, clause_link(clause.doc_id, clause.clause_id)),
            }
        )
    return pd.DataFrame(rows, columns=["角色 role", "文件 document", "条款 clause", "标题 heading", "依据 derived", "链接 link"])


ROLE_NAMES = {"lead": "牵头", "co": "配合", "implementing": "落实"}
LINK_COLUMN = {"链接 link": st.column_config.LinkColumn("链接 link", display_text="打开 open")}


def _show_node(kg: Any, node: Any, region: str) -> None:
    store = kg.store
    kind = NODE_KINDS.get(node.label, (node.label, ""))[0]
    st.subheader(md_text(f"{kind}：{node.caption}"), anchor=False)
    if node.label == "Agency":
        pairs = store.clauses_of_agency(node.properties.get("name", node.caption))
        st.caption(f"{len(pairs)} 条条款 / clauses")
        st.dataframe(_clause_rows(kg, pairs), hide_index=True, width="stretch", column_config=LINK_COLUMN)
    elif node.label in ("Clause", "Target"):
        cid = node.properties.get("clause_id", "") or node.id.split(":", 1)[-1]
        clause = store.clause(cid)
        if clause:
            pairs = [(clause, ar.responsibility) for ar in store.responsibilities(clause.clause_id)]
            html(clause_card(kg, clause))
            if pairs:
                frame = _clause_rows(kg, pairs)
                frame.insert(1, "机构 agency", [ar.agency.name for ar in store.responsibilities(clause.clause_id)])
                st.dataframe(frame, hide_index=True, width="stretch", column_config=LINK_COLUMN)
    elif node.label == "Topic":
        clauses = store.candidate_clauses(topic=node.properties.get("topic_id"), region=region)
        st.caption(f"{len(clauses)} 条条款 / clauses")
        st.dataframe(_clause_rows(kg, [(c, None) for c in clauses]), hide_index=True, width="stretch", column_config=LINK_COLUMN)


def page_compare(kg: Any) -> None:
    page_header("compare", "同一主题或条款，不同地区的措施、责任单位和目标并排比较。Side by side across regions.")
    store = kg.store
    gen = _gen(kg)
    docs = _documents(kg, gen)
    if not docs:
        st.info("库中还没有文件，请先导入。 The store is empty: ingest documents first.")
        return
    names = _doc_names(kg, gen)
    mode = st.radio("比较 / compare by", ["条款 clause", "主题 topic"], horizontal=True, key="compare_mode")
    if mode.startswith("条款"):
        doc_ids = sorted((d.doc_id for d in docs), key=lambda d: names.get(d, d))
        want = _qp("clause")
        want_doc = want.split("#", 1)[0] if want else None
        doc_id = st.selectbox(
            "文件 / document",
            doc_ids,
            index=doc_ids.index(want_doc) if want_doc in doc_ids else 0,
            format_func=lambda d: names.get(d, d),
            key="compare_doc",
        )
        clauses = [c for c in _clauses(kg, gen, doc_id) if c.kind in ("clause", "item", "section", "task")]
        ids = [c.clause_id for c in clauses]
        by_id = {c.clause_id: c for c in clauses}
        if not ids:
            st.info("该文件没有可比较的条款 / this document has no clauses to compare")
            return
        default = ids.index(want) if want in ids else _first_with_agencies(store, clauses)
        cid = st.selectbox(
            "条款 / clause",
            ids,
            index=default,
            format_func=lambda i: f"{by_id[i].path} {by_id[i].heading}"[:60],
            key=f"compare_clause_{doc_id}",
        )
        k = st.slider("结果数 / results", 2, 12, 6, key="compare_k")
        source = store.clause(cid)
        try:
            results = kg.similar(clause_id=cid, k=k)
        except IndexNotBuiltError as e:
            st.error(md_text(str(e)))
            return
        clauses_out = [c for c in (store.clause(_hit_id(r)) for r in results) if c is not None]
        st.markdown("**所选条款 / selected clause**")
        html(clause_card(kg, source, selected=True))
        st.markdown("**其他地区的类似措施 / similar measures elsewhere**")
        st.caption("按相似度排名（1 = 最相似）；原始分数彼此接近，只作排序用。 Ranked by similarity, 1 = most similar.")
        ranks = {_hit_id(r): i for i, r in enumerate(results, start=1)}
        _columns_by_region(kg, clauses_out, ranks=ranks)
    else:
        sub = _region_subgraph(kg, gen, None)
        topics = {n.properties.get("topic_id", n.id): n.caption for n in sub.nodes if n.label == "Topic"}
        if not topics:
            st.info("没有已标注主题的条款 / no clauses are tagged with topics")
        else:
            topic = st.selectbox(
                "主题 / topic", sorted(topics, key=lambda t: topics[t]), format_func=lambda t: topics[t], key="compare_topic"
            )
            clauses = store.candidate_clauses(topic=topic)
            _columns_by_region(kg, clauses)
    st.divider()
    _indicator_section(kg)


def _first_with_agencies(store: GraphStore, clauses: list[Any]) -> int:
    for i, c in enumerate(clauses):
        if store.responsibilities(c.clause_id):
            return i
    return 0


def _hit_id(result: Any) -> str:
    if isinstance(result, dict):
        return result.get("clause_id", "")
    return getattr(result, "clause_id", "") or getattr(getattr(result, "clause", None), "clause_id", "") or getattr(
        getattr(result, "hit", None), "clause_id", ""
    )


def _columns_by_region(kg: Any, clauses: list[Any], ranks: dict[str, int] | None = None) -> None:
    docs = {d.doc_id: d for d in _documents(kg, _gen(kg))}
    groups: dict[str, list[Any]] = {}
    for c in clauses:
        doc = docs.get(c.doc_id)
        groups.setdefault((doc.region if doc else "") or "未知地区", []).append(c)
    if not groups:
        st.info("没有找到 / nothing found")
        return
    regions = list(groups)[:4]
    for col, region in zip(st.columns(len(regions)), regions):
        with col:
            st.markdown(f"#### {md_text(region)}")
            for c in groups[region][:3]:
                rank = (ranks or {}).get(c.clause_id)
                if rank is not None:
                    st.caption(f"相似度排名 similarity rank #{rank}")
                html(clause_card(kg, c))
    if len(groups) > 4:
        st.caption("其他地区 / more regions: " + md_text("、".join(list(groups)[4:])))


def _indicator_section(kg: Any) -> None:
    import altair as alt

    st.subheader("指标对比 :gray[Indicator across regions]", anchor=False)
    all_targets = _all_targets(kg, _gen(kg))
    indicators = sorted({t.indicator for t in all_targets if t.indicator})
    if not indicators:
        st.info("没有量化目标 / no targets")
        return
    c1, c2 = st.columns([2, 1])
    default = "单位GDP能耗" if "单位GDP能耗" in indicators else indicators[0]
    indicator = c1.selectbox("指标 / indicator", indicators, index=indicators.index(default), key="compare_indicator")
    rows = [t for t in all_targets if t.indicator == indicator]
    # periods are never mixed on one axis: a 2014–15 annual target is not a 2025 five-year target
    years = sorted({t.target_year for t in rows if t.target_year}, reverse=True)
    by_count = max(years, key=lambda y: (sum(1 for t in rows if t.target_year == y), y)) if years else None
    year_options = [*years, 0]
    year = c2.selectbox(
        "目标年 / target year",
        year_options,
        index=year_options.index(by_count) if by_count in year_options else 0,
        format_func=lambda y: f"{y}年" if y else "未写明年份 / no year",
        key="compare_year",
    )
    shown = [t for t in rows if (t.target_year or 0) == year]
    frame = targets_frame(shown, kg)
    st.dataframe(frame.drop(columns=["原文 sentence", "数值 number"]), hide_index=True, width="stretch")
    unit = max({t.unit for t in shown}, key=lambda u: sum(1 for t in shown if t.unit == u), default="")
    chart_rows = [t for t in shown if t.unit == unit and t.number is not None]
    if not chart_rows:
        return
    chart = pd.DataFrame(
        {
            "地区": frame.loc[[i for i, t in enumerate(shown) if t in chart_rows], "地区 region"].tolist(),
            "数值": [t.number for t in chart_rows],
            "限定": [t.qualifier or "（无限定）" for t in chart_rows],
        }
    )
    left_out = len(shown) - len(chart_rows)
    st.caption(
        f"{md_text(indicator)}（{md_text(unit) or '数值'}），{year or '未写明'}年目标，按地区；颜色 = 限定（基本目标 / 激励目标 / 力争 …）"
        + (f"；另有 {left_out} 条单位不同，未画出" if left_out else "")
    )
    bars = (
        alt.Chart(chart)
        .mark_bar()
        .encode(
            x=alt.X("地区:N", sort="-y", title=None),
            xOffset="限定:N",
            y=alt.Y("数值:Q", title=unit or "数值"),
            color=alt.Color("限定:N", title="限定 qualifier"),
            tooltip=["地区", "数值", "限定"],
        )
    )
    st.altair_chart(bars, width="stretch")


def page_targets(kg: Any) -> None:
    page_header("targets", "全部量化目标，可筛选并下载 CSV。Every quantified target; filter and download.")
    frame = targets_frame(_all_targets(kg, _gen(kg)), kg)
    if frame.empty:
        st.info("没有量化目标 / no targets yet")
        return
    c1, c2, c3, c4 = st.columns(4)
    ind = c1.multiselect(
        "指标 / indicator", sorted(x for x in frame["指标 indicator"].unique() if x), key="t_ind", placeholder=PICK
    )
    reg = c2.multiselect(
        "地区 / region", sorted((x for x in frame["地区 region"].unique() if x), key=_region_order), key="t_reg",
        placeholder=PICK,
    )
    years = sorted({y for y in frame["目标年 year"].unique() if y})
    yr = c3.multiselect("目标年 / year", years, key="t_year", placeholder=PICK)
    text = c4.text_input("包含文字 / contains", key="t_text")
    view = frame
    if ind:
        view = view[view["指标 indicator"].isin(ind)]
    if reg:
        view = view[view["地区 region"].isin(reg)]
    if yr:
        view = view[view["目标年 year"].isin(yr)]
    if text:
        view = view[view.apply(lambda r: text in " ".join(str(v) for v in r.values), axis=1)]
    st.caption(f"{len(view)} / {len(frame)} 条目标 targets")
    st.dataframe(view, hide_index=True, width="stretch")
    st.download_button(
        "下载 CSV / download CSV",
        view.to_csv(index=False).encode("utf-8-sig"),  # BOM: Excel opens UTF-8 Chinese correctly
        file_name="policykg-targets.csv",
        mime="text/csv",
        key="targets_csv",
    )


@st.cache_resource(show_spinner="计算落实图 / building the map …", max_entries=8)
def _implementation_map(_kg: Any, gen: tuple[int, int], doc_id: str) -> Any:
    return _kg.implementation_map(doc_id)


@st.cache_resource(show_spinner=False, max_entries=4)
def _lineage_counts(_kg: Any, gen: tuple[int, int]) -> dict[str, int]:
    """doc_id -> how many stored documents implement it (the map opens on the busiest)."""
    stored = {d.doc_id for d in _documents(_kg, gen)}
    return {d: sum(1 for x in _kg.store.lineage(d, "down") if x.doc_id in stored) for d in stored}


def page_map(kg: Any) -> None:
    page_header("map", "上级文件的每项措施在下级文件中是否落实、由谁牵头、目标是否更严；空格为缺口。"
                " Which lower-level plans take up each measure of a higher-level document, and the gaps.")
    gen = _gen(kg)
    docs = _documents(kg, gen)
    names = _doc_names(kg, gen)
    options = map_candidates(docs, names)
    if not options:
        st.info("库中还没有上级文件，请先导入。 No national, provincial or city document is stored yet.")
        return
    want = _qp("doc")
    counts = _lineage_counts(kg, gen)
    default = want if want in options else max(options, key=lambda d: (counts.get(d, 0), -options.index(d)))
    doc_id = st.selectbox(
        "上级文件 / higher-level document",
        options,
        index=options.index(default),
        format_func=lambda d: names.get(d, d),
        key="map_doc",
    )
    st.query_params["page"] = "map"
    st.query_params["doc"] = doc_id
    imap = _implementation_map(kg, gen, doc_id)
    if not imap.rows:
        st.info("该文件没有可对照的措施 / this document has no measures to map")
        return
    if not imap.columns:
        st.info(md_text(f"{len(imap.rows)} 项措施；库中没有落实它的下级文件（引用它或措施相似的）。"
                        f" {len(imap.rows)} measures; no stored lower-level plan cites or echoes it."))
        return
    sort = st.radio("排序 / sort", list(MAP_SORTS), format_func=MAP_SORTS.get, horizontal=True, key="map_sort")
    header, rows = map_rows(imap, sort)
    st.caption(
        f"{len(imap.rows)} 项措施 measures × {len(imap.columns)} 份下级文件 documents · ✓ 落实（牵头单位、条款、目标比较）"
        f" · {md_text(GAPS)}：{sum(r[GAPS] for r in rows)} · 点击列名可排序 / click a column to sort"
    )
    columns = list(imap.columns)
    config: dict[str, Any] = {
        TAKEN_UP: st.column_config.NumberColumn(TAKEN_UP, help="落实该措施的下级文件数 / documents taking it up"),
        GAPS: st.column_config.NumberColumn(GAPS, help="未落实该措施的下级文件数 / documents that do not"),
    }
    for label, c in zip(header[len(header) - len(columns):], columns):
        config[label] = st.column_config.TextColumn(label, help=names.get(c.doc_id, c.title), width="medium")
    st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch", column_config=config,
                 key="map_matrix")
    c1, c2 = st.columns(2)
    doc = next((d for d in docs if d.doc_id == doc_id), None)
    c1.download_button("下载 CSV / download CSV", data=lambda: map_file_bytes(imap, "csv"),
                       file_name=map_file_name(doc, "csv"), mime="text/csv", key="map_csv", on_click="ignore")
    c2.download_button(
        "下载 Excel / download Excel", data=lambda: map_file_bytes(imap, "xlsx"), file_name=map_file_name(doc, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="map_xlsx", on_click="ignore",
    )
    st.markdown("**下级文件 / lower-level documents**")
    st.dataframe(pd.DataFrame(map_columns(imap, names)), hide_index=True, width="stretch")


@st.cache_resource(show_spinner=False, max_entries=4)
def _versions(_kg: Any, gen: tuple[int, int]) -> dict[str, list[Any]]:
    """doc_id -> its kept earlier versions (none asked for when the store keeps none)."""
    if not _kg.store.stats().get("labels", {}).get("DocumentVersion", 0):
        return {}
    return {d.doc_id: v for d in _documents(_kg, gen) if (v := list(_kg.store.document_versions(d.doc_id)))}


@st.cache_resource(show_spinner="比较中 / comparing …", max_entries=16)
def _diff(_kg: Any, gen: tuple[int, int], a: str, b: str) -> Any:
    return _kg.diff(a, b)


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...], empty: str) -> None:
    if rows:
        st.dataframe(pd.DataFrame(rows, columns=list(columns)), hide_index=True, width="stretch")
    else:
        st.caption(empty)


def page_diff(kg: Any) -> None:
    page_header("diff", "两份规划（或同一文件的早先版本）之间：新增、删除、延续的措施，牵头单位和目标的变化，机构更名。"
                " What changed between two plans, or a document and its earlier version.")
    gen = _gen(kg)
    docs = _documents(kg, gen)
    names = _doc_names(kg, gen)
    versions = _versions(kg, gen)
    ids, labels = diff_options(docs, versions, names)
    if len(ids) < 2:
        st.info("至少需要两份文件或一个早先版本。 Store two documents (or a revised file) first.")
        return
    default = default_diff_pair(docs, versions) or (ids[0], ids[1])
    want_a, want_b = _qp("a"), _qp("b")
    c1, c2 = st.columns(2)
    a = c1.selectbox("之前 / earlier", ids, index=ids.index(want_a if want_a in ids else default[0]),
                     format_func=lambda i: labels.get(i, i), key="diff_a")
    b = c2.selectbox("之后 / later", ids, index=ids.index(want_b if want_b in ids else default[1]),
                     format_func=lambda i: labels.get(i, i), key="diff_b")
    st.query_params["page"] = "diff"
    st.query_params["a"] = a
    st.query_params["b"] = b
    if versions:
        kept = "、".join(f"{names.get(d, d)}（{len(v)}）" for d, v in versions.items())
        st.caption(md_text(f"有早先版本的文件 / documents with earlier versions: {kept}"))
    if a == b:
        st.info("请选择两份不同的文件 / choose two different documents")
        return
    diff = _diff(kg, gen, a, b)
    html(diff_summary_html(diff))
    st.subheader("新增措施 :gray[Measures added]", anchor=False)
    _table(measure_rows(diff.added), MEASURE_COLUMNS, "无 / none")
    st.subheader("删除措施 :gray[Measures dropped]", anchor=False)
    _table(measure_rows(diff.dropped), MEASURE_COLUMNS, "无 / none")
    changed = [c for c in diff.carried_over if c.changed]
    st.subheader(f"延续并有变化 :gray[Carried over, changed] ({len(changed)} / {len(diff.carried_over)})", anchor=False)
    _table(carried_rows(changed), CARRIED_COLUMNS, "无 / none")
    st.subheader("牵头单位变化 :gray[Lead agency changed]", anchor=False)
    _table(lead_rows(diff), LEAD_COLUMNS, "无（机构更名不算变化）/ none (a renamed agency is no change)")
    st.subheader("目标变化 :gray[Targets changed] (旧 → 新 / old → new)", anchor=False)
    _table(target_rows(diff), DIFF_TARGET_COLUMNS, "无 / none")
    st.subheader("机构更名 :gray[Agencies renamed]", anchor=False)
    _table(renamed_rows(diff), RENAMED_COLUMNS, "无 / none")
    same = [c for c in diff.carried_over if not c.changed]
    if same:
        with st.expander(f"延续未变 / carried over unchanged ({len(same)})"):
            _table(carried_rows(same), CARRIED_COLUMNS, "")


def page_documents(kg: Any) -> None:
    page_header("documents", "文件结构（章、条、项）、条款原文与上下级文件。Outline, clause text and lineage.")
    store = kg.store
    gen = _gen(kg)
    docs = _documents(kg, gen)
    if not docs:
        st.info("库中还没有文件，请先导入。 The store is empty: ingest documents first.")
        return
    names = _doc_names(kg, gen)
    doc_ids = sorted((d.doc_id for d in docs), key=lambda d: names.get(d, d))
    want = _qp("doc")
    want_clause = _qp("clause")
    if not want and want_clause:
        want = want_clause.split("#", 1)[0]
    doc_id = st.selectbox(
        "文件 / document",
        doc_ids,
        index=doc_ids.index(want) if want in doc_ids else 0,
        format_func=lambda d: names.get(d, d),
        key="doc_select",
    )
    doc = store.document(doc_id)
    title = doc.title + (f"{INFERRED_MARK}（正文没有标题行，据开头一句、地区和年份或文件名推断 / inferred: the text has no title line）"
                         if doc.title_inferred else "")
    meta = [
        ("标题 title", title),
        ("文号 number", doc.doc_number),
        ("发文机关 issuer", doc.issuer),
        ("日期 date", doc.date),
        ("层级 level", level_name(doc.level)),
        ("地区 region", doc.region),
        ("来源文件 source", doc.source),
    ]
    html('<div class="pkg-box">' + "<br>".join(f"<b>{esc(k)}</b>：{esc(v)}" for k, v in meta if v) + "</div>")
    up, down = store.lineage(doc_id, "up"), store.lineage(doc_id, "down")
    lines = []
    for label, items in (("贯彻落实 / implements", up), ("被落实于 / implemented by", down)):
        if items:
            links = "、".join(
                anchor(page_link("documents", doc=d.doc_id), names.get(d.doc_id, d.title or d.doc_id))
                if d.doc_id in names
                else esc(d.title or d.doc_id) + " <small>（未入库 not stored）</small>"
                for d in items
            )
            lines.append(f"<b>{esc(label)}</b>：{links}")
    if doc.cites and not up:
        lines.append("<b>引用 / cites</b>：" + "、".join(esc(f"《{c.title}》{c.doc_number}") for c in doc.cites))
    if lines:
        html('<div class="pkg-box">' + "<br>".join(lines) + "</div>")

    clauses = _clauses(kg, gen, doc_id)
    if want_clause and (doc_id == want_clause.split("#", 1)[0]):
        selected = store.clause(want_clause)
        if selected is not None:
            st.markdown("**所选条款 / selected clause**")
            html(clause_card(kg, selected, selected=True))
    st.subheader("目录 :gray[Outline]", anchor=False)
    children: dict[str | None, list[Any]] = {}
    ids = {c.clause_id for c in clauses}
    for c in clauses:
        parent = c.parent_id if c.parent_id in ids else None
        children.setdefault(parent, []).append(c)
    for top in children.get(None, []):
        label = f"{top.path} {top.heading}".strip() or top.clause_id
        if top.kind == "preamble":
            label = f"{top.path} · 通知与开头 preamble"
        elif top.kind == "closing":
            label = f"{top.path} · closing"
        expanded = bool(want_clause and (want_clause == top.clause_id or want_clause.startswith(top.clause_id)))
        with st.expander(md_text(label[:80]), expanded=expanded):
            html(_outline_html(store, top, children, want_clause))


def _outline_html(store: GraphStore, node: Any, children: dict[str | None, list[Any]], selected: str | None) -> str:
    """Clause text with its sub-clauses nested as a list; each links to itself."""
    kids = children.get(node.clause_id, [])
    mark = ' class="pkg-selected"' if node.clause_id == selected else ""
    roles = store.responsibilities(node.clause_id)
    chips = "".join(
        chip(ar.agency.name, ar.responsibility.role,
             role_derivation(ar.responsibility.role, ar.responsibility.source, ar.responsibility.evidence),
             ar.responsibility.confidence)
        for ar in roles
    )
    head = anchor(clause_link(node.doc_id, node.clause_id), f"{node.path} {node.heading}".strip() or node.clause_id)
    text = node.text if not kids else node.text[:200] + ("…" if len(node.text) > 200 else "")
    text_html = esc(text).replace("\n", "<br>")
    body = f"<div{mark}>{head}<div>{chips}</div><div class='pkg-clause-text'><small>{text_html}</small></div></div>"
    if kids:
        body += "<ul>" + "".join(f"<li>{_outline_html(store, k, children, selected)}</li>" for k in kids) + "</ul>"
    return body


def page_ingest(kg: Any) -> None:
    page_header("ingest", "上传 PDF / DOCX / TXT / HTML，先预览解析结果，再加入知识库。Preview, then add to the store.")
    uploads = st.file_uploader(
        "选择文件 / choose files", type=list(UPLOAD_TYPES), accept_multiple_files=True, key="uploads"
    )
    if not uploads:
        st.info("可一次上传多个文件；文件名（去扩展名）即文件编号；内容与已入库文件相同的不会重复导入。"
                " The file stem becomes the document id; a file already stored under another name is not added twice.")
        _show_last_report()
        return
    previews = []
    for up in uploads:
        data = up.getvalue()
        key = f"preview::{up.name}::{len(data)}::{hash(data)}"
        if key not in st.session_state:
            st.session_state[key] = parse_upload(up.name, data)
        previews.append((up, st.session_state[key]))
    stored = {d.content_hash: d.doc_id for d in _documents(kg, _gen(kg)) if d.content_hash}
    duplicates = {p.name: stored[p.content_hash] for _, p in previews
                  if p.ok and p.content_hash in stored and stored[p.content_hash] != p.doc_id}
    for _, p in previews:
        html(p.card_html(duplicate_of=duplicates.get(p.name, "")))
    good = [(up, p) for up, p in previews if p.ok]
    if not good:
        return
    force = False
    if duplicates:
        force = st.checkbox(
            "仍然以新文件名再导入一份（不推荐）/ add the copies anyway (not recommended)", key="ingest_force"
        )
    todo = [(up, p) for up, p in good if force or p.name not in duplicates]
    if not todo:
        st.info("所选文件均已入库，无需导入。 Every chosen file is already stored.")
        _show_last_report()
        return
    if st.button(f"加入知识库 / add {len(todo)} file(s) to the store", type="primary", key="ingest_go"):
        bar = st.progress(0.0, text="导入中 / ingesting …")

        def on_progress(done: int, total: int, path: Any = "", status: str = "", *_: Any) -> None:
            name = Path(str(path)).name if path else ""
            bar.progress(min(1.0, done / total) if total else 0.0, text=f"{done}/{total} {name} {status}"[:120])

        with tempfile.TemporaryDirectory(prefix="policykg-ingest-") as tmp:
            paths = [save_upload(tmp, up.name, up.getvalue()) for up, _ in todo]
            report = kg.ingest(paths, progress=on_progress, force=force)
        bar.progress(1.0, text="完成 / done")
        st.session_state["ingest_report"] = plain(report)
    _show_last_report()


def _show_last_report() -> None:
    report = st.session_state.get("ingest_report")
    if report:
        _show_report(report)


def _show_report(report: dict[str, Any]) -> None:
    added, updated, skipped = (list(report.get(k) or ()) for k in ("added", "updated", "skipped"))
    failed = list(report.get("failed") or ())
    duplicates = list(report.get("duplicates") or ())
    st.success(
        md_text(
            f"新增 added {len(added)} · 更新 updated {len(updated)} · 未变 skipped {len(skipped)} · "
            f"已入库（重复）duplicates {len(duplicates)} · 失败 failed {len(failed)}"
        )
    )
    for doc_id in added + updated:
        html("✓ " + anchor(page_link("documents", doc=doc_id), doc_id))
    for dup in duplicates:
        st.warning(md_text(f"= {dup.get('path', '')}：内容已入库为 {dup.get('existing', '')} / already stored as {dup.get('existing', '')}"))
    for err in failed:
        name = Path(str(err.get("path", ""))).name
        st.error(md_text(f"✗ {name}：{err.get('reason', '')}"))
    for w in report.get("warnings") or ():
        st.warning(md_text(w))


PAGE_FUNCS = {
    "ask": page_ask,
    "graph": page_graph,
    "compare": page_compare,
    "targets": page_targets,
    "map": page_map,
    "diff": page_diff,
    "documents": page_documents,
    "ingest": page_ingest,
}


def _nav_changed() -> None:
    page = st.session_state["nav"]
    st.query_params.clear()  # parameters of the previous page do not apply to the new one
    st.query_params["page"] = page
    st.session_state["_nav_from_url"] = page


def signed_in() -> bool:
    """With ``ui_password`` set, show a password form until this browser session has entered it."""
    import hmac

    from ui.config import load_settings

    password = load_settings().ui_password
    if not password or st.session_state.get("_signed_in"):
        return True
    st.markdown("### 节能减排政策知识图谱 · 登录 / sign in")
    given = st.text_input("密码 / password", type="password", key="_password")
    if given:
        if hmac.compare_digest(given.encode(), password.encode()):
            st.session_state["_signed_in"] = True
            st.rerun()
        st.error("密码不正确 / wrong password")
    return False


def main() -> None:
    st.set_page_config(page_title="节能减排政策知识图谱 policykg", page_icon="🌿", layout="wide")
    html(CSS)
    if not signed_in():
        return
    from_url = _qp("page") or "ask"
    if from_url not in PAGES:
        from_url = "ask"
    if st.session_state.get("_nav_from_url") != from_url:
        st.session_state["nav"] = from_url
        st.session_state["_nav_from_url"] = from_url
    with st.sidebar:
        st.markdown("### 节能减排政策知识图谱")
        st.caption("policykg · energy-saving policy knowledge graph")
        page = st.radio(
            "页面 / page",
            list(PAGES),
            format_func=lambda k: f"{PAGES[k][0]}  ·  {PAGES[k][1]}",
            key="nav",
            on_change=_nav_changed,
        )
        counts_slot = st.empty()
    try:
        kg = get_kg()
        kg.refresh_if_changed()  # another process (CLI, API, another UI) may have written the store
        PAGE_FUNCS[page](kg)
        # counted after the page, so an ingest of this run shows at once
        c = _counts(kg, _gen(kg))  # stub (cited) documents not counted
        counts_slot.caption(f"文件 {c['docs']} · 条款 {c['Clause']} · 机构 {c['Agency']} · 目标 {c['Target']}")
    except PolicyKGError as e:
        st.error(md_text(f"错误 / error: {e}"))


main()
