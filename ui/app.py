"""节能减排政策知识图谱 — the Streamlit app (``policykg ui`` / ``streamlit run ui/app.py``).

Pages (sidebar, or ``?page=`` in the URL so every view can be shared as a link):
``ask`` 问答 (``?q=`` runs a question on load), ``graph`` 责任图谱 (``&region=&agency=&topic=``), ``compare`` 对比 (``&clause=``),
``targets`` 目标, ``documents`` 文件 (``&doc=…&clause=…``), ``ingest`` 导入.

Settings come only from :class:`ui.config.Settings` (``POLICYKG_*`` environment variables,
set by ``ui.launch.run_ui``). All document and user text shown as HTML goes through
``ui.webview.esc`` / ``highlight``; widget labels through ``md_text``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run ui/app.py` puts ui/ on the path, not the repo root
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from ingest.errors import IndexNotBuiltError, PolicyKGError, QuestionTooLongError  # noqa: E402
from ui.webview import (  # noqa: E402
    ROLE_COLOURS,
    ROLE_LABELS,
    UPLOAD_TYPES,
    anchor,
    answer_html,
    chip,
    clause_link,
    esc,
    graph_elements,
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
    "documents": ("文件", "Documents"),
    "ingest": ("导入", "Ingest"),
}

EXAMPLE_QUESTIONS: tuple[str, ...] = (
    "太原市挥发性有机物综合整治由哪个部门牵头？",
    "太原市“十四五”单位GDP能耗下降目标是多少？",
    "太原市公共机构能效提升工程的牵头单位是谁？",
    "其他城市有没有类似太原挥发性有机物综合整治的要求？",
)

NODE_COLOURS = {
    "Agency": "#2a7f62",
    "Clause": "#e0a526",
    "Topic": "#6a4c93",
    "Target": "#d1495b",
    "Document": "#3d5a80",
    "Region": "#8d99ae",
}
NODE_ICONS = {"Agency": "account_balance", "Clause": "description", "Topic": "sell", "Target": "flag"}

CSS = """
<style>
.pkg-chip small{font-size:.75em}
.pkg-answer table{border-collapse:collapse;margin:.3em 0 .8em 0}
.pkg-answer td,.pkg-answer th{border:1px solid #ddd;padding:.2em .6em}
.pkg-answer mark, .pkg-clause-text mark{background:#ffe066;padding:0 .1em}
.pkg-box{border:1px solid #ddd;border-radius:.5em;padding:.6em .9em;margin-bottom:.6em;background:#fafafa}
.pkg-selected{border:2px solid #1a5fb4;background:#eef4ff}
</style>
"""


# ----------------------------------------------------------------------------- the service
@st.cache_resource(show_spinner="加载知识图谱与模型 / loading the graph and model …")
def _open_kg(settings_key: str) -> Any:
    """One PolicyKG per distinct settings (the key), shared by all sessions of this server."""
    from ui.config import load_settings
    from ui.factory import open_policykg

    return open_policykg(load_settings())


def get_kg() -> Any:
    """The PolicyKG facade for the current settings (``POLICYKG_*`` / policykg.toml)."""
    from ui.config import load_settings

    return _open_kg(load_settings().model_dump_json())


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


def _doc_title(store: Any, doc_id: str) -> str:
    doc = store.document(doc_id)
    return doc.title if doc and doc.title else doc_id


def agencies_html(store: Any, clause_id: str) -> str:
    chips = "".join(chip(ar.agency.name, ar.responsibility.role) for ar in store.responsibilities(clause_id))
    return chips or "<small>文件未指明责任部门 / no agency named</small>"


def targets_frame(targets: list[Any], store: Any | None = None) -> pd.DataFrame:
    """Targets as a table with Chinese column names (document title joined when a store is given)."""
    titles: dict[str, str] = {}
    rows = []
    for t in targets:
        doc_id = t.clause_id.split("#", 1)[0]
        if store is not None and doc_id not in titles:
            titles[doc_id] = _doc_title(store, doc_id)
        rows.append(
            {
                "指标 indicator": t.indicator,
                "目标值 value": t.value,
                "数值 number": t.number,
                "单位 unit": t.unit,
                "方向 comparator": t.comparator,
                "地区 region": t.region,
                "基准年 base": t.base_year,
                "目标年 year": t.target_year,
                "限定 qualifier": t.qualifier,
                "文件 document": titles.get(doc_id, doc_id),
                "条款 clause": t.clause_id,
                "原文 sentence": t.sentence,
            }
        )
    columns = [
        "指标 indicator", "目标值 value", "数值 number", "单位 unit", "方向 comparator", "地区 region",
        "基准年 base", "目标年 year", "限定 qualifier", "文件 document", "条款 clause", "原文 sentence",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def clause_card(store: Any, clause: Any, selected: bool = False, terms: list[str] | None = None) -> str:
    """A clause box: document/path heading (linked), agencies, targets, text."""
    from ui.webview import highlight

    doc = store.document(clause.doc_id)
    title = doc.title if doc else clause.doc_id
    region = f"（{esc(doc.region)}）" if doc and doc.region else ""
    link = anchor(clause_link(clause.doc_id, clause.clause_id), f"{title} {clause.path} {clause.heading}".strip())
    tgts = store.targets(clause_id=clause.clause_id)
    tgt_html = ""
    if tgts:
        tgt_html = "<div><b>目标</b> " + "；".join(
            esc(f"{t.indicator} {t.value}" + (f"（{t.target_year}年）" if t.target_year else "") + (f" {t.qualifier}" if t.qualifier else ""))
            for t in tgts
        ) + "</div>"
    cls = "pkg-box pkg-selected" if selected else "pkg-box"
    return (
        f'<div class="{cls}"><div>{link} <small>{region}</small></div>'
        f"<div>{agencies_html(store, clause.clause_id)}</div>{tgt_html}"
        f'<div class="pkg-clause-text">{highlight(clause.text, terms or [])}</div></div>'
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
    try:
        with st.spinner("检索中 / searching …"):
            answer = kg.ask(question)
    except QuestionTooLongError as e:
        st.error(str(e))
        return
    data = answer.to_dict() if hasattr(answer, "to_dict") else plain(answer)
    links = []
    for ev in getattr(answer, "evidence", ()) or ():
        cid = getattr(ev, "clause_id", "") or ""
        links.append(clause_link(cid.split("#", 1)[0], cid) if cid else None)
    html(answer_html(data, links))
    share = page_link("ask", q=question)
    html(f"<small>分享链接 / share: {anchor(share, share)}</small>")
    with st.expander("JSON（与命令行相同 / same as `policykg ask --json`）"):
        st.json(data)


def page_graph(kg: Any) -> None:
    from st_link_analysis import EdgeStyle, Event, NodeStyle, st_link_analysis

    page_header("graph", "机构 → 条款 → 主题 / 目标。红色实线 = 牵头，蓝色虚线 = 配合。Click a node to see its clauses.")
    store = kg.store
    regions = sorted({d.region for d in store.documents() if d.region})
    if not regions:
        st.info("库中还没有文件，请先导入。 The store is empty: ingest documents first.")
        return
    want = _qp("region")
    c1, c2, c3, c4 = st.columns([1, 1.4, 1, 0.6])
    region = c1.selectbox(
        "地区 / region", regions, index=regions.index(want) if want in regions else 0, key="graph_region"
    )
    full = store.subgraph(region=region, limit=100000)
    agencies = sorted(n.caption for n in full.nodes if n.label == "Agency")
    topics = {n.properties.get("topic_id", n.id): n.caption for n in full.nodes if n.label == "Topic"}
    agency_options = ["（全部 all）", *agencies]
    want_agency = _qp("agency")
    agency = c2.selectbox(
        "机构 / agency",
        agency_options,
        index=agency_options.index(want_agency) if want_agency in agency_options else 0,
        key="graph_agency",
    )
    topic_options = ["", *sorted(topics, key=lambda t: topics[t])]
    want_topic = _qp("topic")
    topic = c3.selectbox(
        "主题 / topic",
        topic_options,
        index=topic_options.index(want_topic) if want_topic in topic_options else 0,
        format_func=lambda t: topics.get(t, t) if t else "（全部 all）",
        key="graph_topic",
    )
    limit = c4.number_input("节点上限 / max nodes", 20, 2000, 80, step=10, key="graph_limit")
    sub = store.subgraph(
        region=region,
        agency=None if agency.startswith("（") else agency,
        topic=topic or None,
        limit=int(limit),
    )
    elements, by_opaque = graph_elements(sub)
    st.session_state["graph_elements"] = elements  # inspected by the XSS test
    if not elements["nodes"]:
        st.warning("没有符合条件的责任关系 / no responsibilities match these filters")
        return
    node_styles = [
        NodeStyle(label, NODE_COLOURS[label], "caption", NODE_ICONS.get(label)) for label in NODE_COLOURS
    ]
    edge_styles = [
        _edge_style(EdgeStyle, "LEADS", ROLE_COLOURS["lead"][0], "solid", 4),
        _edge_style(EdgeStyle, "CO_RESPONSIBLE", ROLE_COLOURS["co"][0], "dashed", 2),
        _edge_style(EdgeStyle, "IMPLEMENTS", ROLE_COLOURS["implementing"][0], "dotted", 2),
        _edge_style(EdgeStyle, "ABOUT", "#b8a9c9", "solid", 1),
        _edge_style(EdgeStyle, "SETS_TARGET", "#e8a0aa", "solid", 1),
    ]
    st.caption(f"{len(elements['nodes'])} 个节点 nodes · {len(elements['edges'])} 条边 edges")
    event = st_link_analysis(
        elements,
        layout="cose",
        node_styles=node_styles,
        edge_styles=edge_styles,
        height=560,
        key=f"agency_graph_{region}_{agency}_{topic}_{limit}",
        events=[Event("node_click", "click tap", "node")],
    )
    nodes = {n.id: n for n in sub.nodes}
    options = [""] + [n.id for n in sub.nodes if n.label in ("Agency", "Topic")]
    pick_key = "graph_pick"
    signature = (region, agency, topic, int(limit))
    if st.session_state.get("_graph_sig") != signature:  # new filters: forget the old selection
        st.session_state["_graph_sig"] = signature
        st.session_state[pick_key] = ""
        st.session_state.pop("graph_node", None)
    if isinstance(event, dict) and event.get("action") == "node_click" and event.get("timestamp") != st.session_state.get(
        "_graph_event"
    ):
        st.session_state["_graph_event"] = event.get("timestamp")  # the component repeats its last value
        clicked = by_opaque.get(str((event.get("data") or {}).get("target_id")))
        if clicked is not None:
            st.session_state["graph_node"] = clicked.id
            st.session_state[pick_key] = clicked.id if clicked.id in options else ""
    choice = st.selectbox(
        "点击图中节点，或在此选择 / click a node, or pick one here",
        options,
        format_func=lambda i: f"{nodes[i].caption}（{nodes[i].label}）" if i else "—",
        key=pick_key,
        on_change=lambda: st.session_state.pop("graph_node", None),
    )
    node = nodes.get(choice or st.session_state.get("graph_node", ""))
    if node is not None:
        _show_node(store, node, region)


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


def _show_node(store: Any, node: Any, region: str) -> None:
    st.subheader(md_text(f"{node.caption}"), anchor=False)
    if node.label == "Agency":
        rows = store.clauses_of_agency(node.properties.get("name", node.caption))
        st.caption(f"{len(rows)} 条条款 / clauses")
        for clause, resp in rows:
            html(
                f"<div>{chip(node.caption, resp.role)}</div>" + clause_card(store, clause)
            )
    elif node.label == "Clause":
        clause = store.clause(node.properties.get("clause_id", node.id.split(":", 1)[-1]))
        if clause:
            html(clause_card(store, clause))
    elif node.label == "Topic":
        for clause in store.candidate_clauses(topic=node.properties.get("topic_id"), region=region)[:30]:
            html(clause_card(store, clause))
    elif node.label == "Target":
        clause = store.clause(node.properties.get("clause_id", ""))
        if clause:
            html(clause_card(store, clause))


def page_compare(kg: Any) -> None:
    page_header("compare", "同一主题或条款，不同地区的措施、责任单位和目标并排比较。Side by side across regions.")
    store = kg.store
    docs = store.documents()
    if not docs:
        st.info("库中还没有文件，请先导入。 The store is empty: ingest documents first.")
        return
    mode = st.radio("比较 / compare by", ["条款 clause", "主题 topic"], horizontal=True, key="compare_mode")
    if mode.startswith("条款"):
        doc_ids = [d.doc_id for d in docs]
        want = _qp("clause")
        want_doc = want.split("#", 1)[0] if want else None
        doc_id = st.selectbox(
            "文件 / document",
            doc_ids,
            index=doc_ids.index(want_doc) if want_doc in doc_ids else 0,
            format_func=lambda d: _doc_title(store, d),
            key="compare_doc",
        )
        clauses = [c for c in store.clauses(doc_id) if c.kind in ("clause", "item", "section")]
        ids = [c.clause_id for c in clauses]
        by_id = {c.clause_id: c for c in clauses}
        default = ids.index(want) if want in ids else (_first_with_agencies(store, clauses) if ids else 0)
        cid = st.selectbox(
            "条款 / clause",
            ids,
            index=default,
            format_func=lambda i: f"{by_id[i].path} {by_id[i].heading}"[:60],
            key=f"compare_clause_{doc_id}",
        )
        if not cid:
            return
        k = st.slider("结果数 / results", 2, 12, 6, key="compare_k")
        source = store.clause(cid)
        try:
            results = kg.similar(clause_id=cid, k=k)
        except IndexNotBuiltError as e:
            st.error(md_text(str(e)))
            return
        clauses_out = [c for c in (store.clause(_hit_id(r)) for r in results) if c is not None]
        st.markdown("**所选条款 / selected clause**")
        html(clause_card(store, source, selected=True))
        st.markdown("**其他地区的类似措施 / similar measures elsewhere**")
        _columns_by_region(store, clauses_out, scores={_hit_id(r): _hit_score(r) for r in results})
    else:
        sub = store.subgraph(limit=100000)
        topics = {n.properties.get("topic_id", n.id): n.caption for n in sub.nodes if n.label == "Topic"}
        if not topics:
            st.info("没有已标注主题的条款 / no clauses are tagged with topics")
        else:
            topic = st.selectbox(
                "主题 / topic", sorted(topics, key=lambda t: topics[t]), format_func=lambda t: topics[t], key="compare_topic"
            )
            clauses = store.candidate_clauses(topic=topic)
            _columns_by_region(store, clauses)
    st.divider()
    _indicator_section(store)


def _first_with_agencies(store: Any, clauses: list[Any]) -> int:
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


def _hit_score(result: Any) -> float | None:
    if isinstance(result, dict):
        return result.get("score")
    score = getattr(result, "score", None)
    if score is None:
        score = getattr(getattr(result, "hit", None), "score", None)
    return score


def _columns_by_region(store: Any, clauses: list[Any], scores: dict[str, float | None] | None = None) -> None:
    groups: dict[str, list[Any]] = {}
    for c in clauses:
        doc = store.document(c.doc_id)
        groups.setdefault((doc.region if doc else "") or "未知地区", []).append(c)
    if not groups:
        st.info("没有找到 / nothing found")
        return
    regions = list(groups)[:4]
    for col, region in zip(st.columns(len(regions)), regions):
        with col:
            st.markdown(f"#### {md_text(region)}")
            for c in groups[region][:3]:
                score = (scores or {}).get(c.clause_id)
                if score is not None:
                    st.caption(f"相似度 similarity {score:.3f}")
                html(clause_card(store, c))
    if len(groups) > 4:
        st.caption("其他地区 / more regions: " + md_text("、".join(list(groups)[4:])))


def _indicator_section(store: Any) -> None:
    st.subheader("指标对比 :gray[Indicator across regions]", anchor=False)
    all_targets = store.targets()
    indicators = sorted({t.indicator for t in all_targets if t.indicator})
    if not indicators:
        st.info("没有量化目标 / no targets")
        return
    default = "单位GDP能耗" if "单位GDP能耗" in indicators else indicators[0]
    indicator = st.selectbox("指标 / indicator", indicators, index=indicators.index(default), key="compare_indicator")
    rows = store.targets(indicator=indicator)
    frame = targets_frame(rows, store)
    st.dataframe(frame.drop(columns=["原文 sentence"]), hide_index=True, width="stretch")
    chart = pd.DataFrame(
        {
            "地区": [t.region or "未知" for t in rows],
            "数值": [t.number for t in rows],
            "类别": [t.qualifier or (f"{t.target_year}年" if t.target_year else "目标") for t in rows],
        }
    ).dropna()
    if not chart.empty:
        unit = next((t.unit for t in rows if t.unit), "")
        st.caption(f"{md_text(indicator)}（{md_text(unit) or '数值'}）按地区 / by region")
        st.bar_chart(chart, x="地区", y="数值", color="类别", stack=False)


def page_targets(kg: Any) -> None:
    page_header("targets", "全部量化目标，可筛选并下载 CSV。Every quantified target; filter and download.")
    store = kg.store
    frame = targets_frame(store.targets(), store)
    if frame.empty:
        st.info("没有量化目标 / no targets yet")
        return
    c1, c2, c3, c4 = st.columns(4)
    ind = c1.multiselect("指标 / indicator", sorted(frame["指标 indicator"].dropna().unique()), key="t_ind")
    reg = c2.multiselect("地区 / region", sorted(frame["地区 region"].dropna().unique()), key="t_reg")
    years = sorted({int(y) for y in frame["目标年 year"].dropna().unique()})
    yr = c3.multiselect("目标年 / year", years, key="t_year")
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


def page_documents(kg: Any) -> None:
    page_header("documents", "文件结构（章、条、项）、条款原文与上下级文件。Outline, clause text and lineage.")
    store = kg.store
    docs = store.documents()
    if not docs:
        st.info("库中还没有文件，请先导入。 The store is empty: ingest documents first.")
        return
    doc_ids = [d.doc_id for d in docs]
    want = _qp("doc")
    want_clause = _qp("clause")
    if not want and want_clause:
        want = want_clause.split("#", 1)[0]
    doc_id = st.selectbox(
        "文件 / document",
        doc_ids,
        index=doc_ids.index(want) if want in doc_ids else 0,
        format_func=lambda d: _doc_title(store, d),
        key="doc_select",
    )
    doc = store.document(doc_id)
    meta = [
        ("标题 title", doc.title),
        ("文号 number", doc.doc_number),
        ("发文机关 issuer", doc.issuer),
        ("日期 date", doc.date),
        ("层级 level", doc.level),
        ("地区 region", doc.region),
        ("来源文件 source", doc.source),
    ]
    html(
        '<div class="pkg-box">'
        + "<br>".join(f"<b>{esc(k)}</b>：{esc(v)}" for k, v in meta if v)
        + "</div>"
    )
    up, down = store.lineage(doc_id, "up"), store.lineage(doc_id, "down")
    lines = []
    for label, items in (("贯彻落实 / implements", up), ("被落实于 / implemented by", down)):
        if items:
            links = "、".join(
                anchor(page_link("documents", doc=d.doc_id), d.title or d.doc_id)
                if store.clauses(d.doc_id)
                else esc(d.title or d.doc_id) + " <small>（未入库 not stored）</small>"
                for d in items
            )
            lines.append(f"<b>{esc(label)}</b>：{links}")
    if doc.cites and not up:
        lines.append("<b>引用 / cites</b>：" + "、".join(esc(f"《{c.title}》{c.doc_number}") for c in doc.cites))
    if lines:
        html('<div class="pkg-box">' + "<br>".join(lines) + "</div>")

    clauses = store.clauses(doc_id)
    if want_clause and (doc_id == want_clause.split("#", 1)[0]):
        selected = store.clause(want_clause)
        if selected is not None:
            st.markdown("**所选条款 / selected clause**")
            html(clause_card(store, selected, selected=True))
    st.subheader("目录 :gray[Outline]", anchor=False)
    children: dict[str | None, list[Any]] = {}
    ids = {c.clause_id for c in clauses}
    for c in clauses:
        parent = c.parent_id if c.parent_id in ids else None
        children.setdefault(parent, []).append(c)
    for top in children.get(None, []):
        label = f"{top.path} {top.heading}".strip() or top.clause_id
        expanded = bool(want_clause and (want_clause == top.clause_id or want_clause.startswith(top.clause_id)))
        with st.expander(md_text(label[:80]), expanded=expanded):
            html(_outline_html(store, top, children, want_clause))


def _outline_html(store: Any, node: Any, children: dict[str | None, list[Any]], selected: str | None) -> str:
    """Clause text with its sub-clauses nested as a list; each links to itself."""
    kids = children.get(node.clause_id, [])
    mark = ' class="pkg-selected"' if node.clause_id == selected else ""
    roles = store.responsibilities(node.clause_id)
    chips = "".join(chip(ar.agency.name, ar.responsibility.role) for ar in roles)
    head = anchor(clause_link(node.doc_id, node.clause_id), f"{node.path} {node.heading}".strip() or node.clause_id)
    text = node.text if not kids else node.text[:200] + ("…" if len(node.text) > 200 else "")
    body = f"<div{mark}>{head}<div>{chips}</div><div class='pkg-clause-text'><small>{esc(text)}</small></div></div>"
    if kids:
        body += "<ul>" + "".join(f"<li>{_outline_html(store, k, children, selected)}</li>" for k in kids) + "</ul>"
    return body


def page_ingest(kg: Any) -> None:
    page_header("ingest", "上传 PDF / DOCX / TXT / HTML，先预览解析结果，再加入知识库。Preview, then add to the store.")
    uploads = st.file_uploader(
        "选择文件 / choose files", type=list(UPLOAD_TYPES), accept_multiple_files=True, key="uploads"
    )
    if not uploads:
        st.info("可一次上传多个文件；文件名（去扩展名）即文件编号。 The file stem becomes the document id.")
        return
    previews = []
    for up in uploads:
        data = up.getvalue()
        key = f"preview::{up.name}::{len(data)}::{hash(data)}"
        if key not in st.session_state:
            st.session_state[key] = parse_upload(up.name, data)
        previews.append((up, st.session_state[key]))
    st.dataframe(pd.DataFrame([p.row() for _, p in previews]), hide_index=True, width="stretch")
    for _, p in previews:
        if not p.ok:
            st.error(md_text(f"✗ {p.name}：{p.error}"))
        else:
            with st.expander(md_text(f"{p.name} → {p.title or p.doc_id}")):
                st.write(
                    {
                        "doc_id": p.doc_id,
                        "文号": p.doc_number,
                        "发文机关": p.issuer,
                        "日期": p.date,
                        "层级": p.level,
                        "机构": p.agencies,
                    }
                )
                if p.outline:
                    st.text("\n".join(p.outline))
                for w in p.warnings:
                    st.warning(md_text(w))
    good = [(up, p) for up, p in previews if p.ok]
    if not good:
        return
    if st.button(f"加入知识库 / add {len(good)} file(s) to the store", type="primary", key="ingest_go"):
        bar = st.progress(0.0, text="导入中 / ingesting …")

        def on_progress(done: int, total: int, path: Any = "", status: str = "", *_: Any) -> None:
            name = Path(str(path)).name if path else ""
            bar.progress(min(1.0, done / total) if total else 0.0, text=f"{done}/{total} {name} {status}"[:120])

        with tempfile.TemporaryDirectory(prefix="policykg-ingest-") as tmp:
            paths = [save_upload(tmp, up.name, up.getvalue()) for up, _ in good]
            report = kg.ingest(paths, progress=on_progress)
        bar.progress(1.0, text="完成 / done")
        st.session_state["ingest_report"] = plain(report)
        _show_report(report)


def _show_report(report: Any) -> None:
    added, updated, skipped = (list(getattr(report, k, ()) or ()) for k in ("added", "updated", "skipped"))
    failed = list(getattr(report, "failed", ()) or ())
    st.success(
        md_text(
            f"新增 added {len(added)} · 更新 updated {len(updated)} · 未变 skipped {len(skipped)} · "
            f"失败 failed {len(failed)}"
        )
    )
    for doc_id in added + updated:
        html("✓ " + anchor(page_link("documents", doc=doc_id), doc_id))
    for err in failed:
        name = Path(str(getattr(err, "path", ""))).name
        st.error(md_text(f"✗ {name}：{getattr(err, 'reason', err)}"))
    for w in getattr(report, "warnings", ()) or ():
        st.warning(md_text(w))


PAGE_FUNCS = {
    "ask": page_ask,
    "graph": page_graph,
    "compare": page_compare,
    "targets": page_targets,
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
    try:
        kg = get_kg()
        kg.refresh_if_changed()  # another process (CLI, API, another UI) may have written the store
        with st.sidebar:
            counts = kg.store.stats().get("labels", {})
            st.caption(
                f"文件 {len(kg.store.documents())} · 条款 {counts.get('Clause', 0)} · "  # stub (cited) documents not counted
                f"机构 {counts.get('Agency', 0)} · 目标 {counts.get('Target', 0)}"
            )
        PAGE_FUNCS[page](kg)
    except PolicyKGError as e:
        st.error(md_text(f"错误 / error: {e}"))


main()
