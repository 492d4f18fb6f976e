"""What the agency graph shows: a focused, capped, laid-out view of a region's subgraph (pure functions).

The store's ``subgraph(region=…)`` gives every Agency → Clause → Topic / Target of a region (1,288
nodes for 全国); a canvas shows a few dozen readably. :func:`focus_view` picks the nodes around one
agency (all of its clauses first, then the other agencies on those clauses, then topics and targets)
or, for the whole region, the first responsibilities in clause order, and says how many it left out.
:func:`layout_positions` places them with a seeded spring layout, so the same view is drawn the same
way on every rerun (around one agency: :func:`radial_positions`, rings). Captions are short: the agency without its region, the clause number and the start
of its heading, the topic name, the target's indicator and value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

ROLE_TYPES: tuple[str, ...] = ("LEADS", "CO_RESPONSIBLE", "IMPLEMENTS")
DEFAULT_LIMIT = 80
LAYOUT_SEED = 7
CANVAS = (1300.0, 700.0)  # layout coordinates (the component fits them to its frame)

# node kinds: Chinese name and colour (legend and canvas share them)
NODE_KINDS: dict[str, tuple[str, str]] = {
    "Agency": ("机构", "#2a7f62"),
    "Clause": ("条款", "#e0a526"),
    "Topic": ("主题", "#6a4c93"),
    "Target": ("目标", "#d1495b"),
}
# edge kinds: Chinese name, colour, line style, width
EDGE_KINDS: dict[str, tuple[str, str, str, int]] = {
    "LEADS": ("牵头", "#b3261e", "solid", 4),
    "CO_RESPONSIBLE": ("配合", "#1a5fb4", "dashed", 2),
    "IMPLEMENTS": ("落实", "#5e5c64", "dotted", 2),
    "ABOUT": ("主题", "#b8a9c9", "solid", 1),
    "SETS_TARGET": ("目标", "#e8a0aa", "solid", 1),
}
CLAUSE_HEADING_CHARS = 10
CAPTION_CHARS = 16


def _f(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, Mapping) else getattr(obj, name, default)


@dataclass(frozen=True)
class GraphView:
    """The nodes and edges to draw, and how many nodes the filters matched before the cap."""

    nodes: tuple[Any, ...]
    edges: tuple[Any, ...]
    total_nodes: int
    focus: str = ""  # node id of the chosen agency ("" for the whole region)

    @property
    def capped(self) -> bool:
        return self.total_nodes > len(self.nodes)


def agency_activity(subgraph: Any, roles: tuple[str, ...] = ROLE_TYPES) -> Counter[str]:
    """Agency name -> number of clauses it is responsible for in ``roles`` (lead, co, implementing)."""
    nodes = {_f(n, "id"): n for n in _f(subgraph, "nodes", ())}
    counts: Counter[str] = Counter()
    for e in _f(subgraph, "edges", ()):
        if _f(e, "type") in roles and _f(e, "source") in nodes:
            node = nodes[_f(e, "source")]
            counts[(_f(node, "properties", {}) or {}).get("name", _f(node, "caption", ""))] += 1
    return counts


def focus_view(
    subgraph: Any, agency: str | None = None, topic: str | None = None, limit: int = DEFAULT_LIMIT, targets: bool = True
) -> GraphView:
    """The part of ``subgraph`` to draw.

    Args:
        subgraph: a region's ``graph.store.Subgraph`` (nodes with ids ``Agency:…``, ``Clause:…``,
            ``Topic:…``, ``Target:…``).
        agency: start from this agency: all its clauses, then the other agencies on those clauses.
        topic: keep only clauses tagged with this topic id.
        limit: at most this many nodes; a responsibility is added only when its agency and clause fit
            (their topics and targets when they fit too).
        targets: draw Target nodes (the clause table lists them either way).
    Returns:
        The :class:`GraphView`; ``total_nodes`` counts what the filters matched without the cap.
    """
    nodes = {_f(n, "id"): n for n in _f(subgraph, "nodes", ())}
    edges = list(_f(subgraph, "edges", ()))
    extras: dict[str, list[Any]] = {}  # clause id -> ABOUT / SETS_TARGET edges
    for e in edges:
        if _f(e, "type") == "ABOUT" or (targets and _f(e, "type") == "SETS_TARGET"):
            extras.setdefault(_f(e, "source"), []).append(e)
    if topic:
        wanted = {_f(e, "source") for e in edges if _f(e, "type") == "ABOUT" and _f(e, "target") == f"Topic:{topic}"}
    else:
        wanted = None
    roles = [e for e in edges if _f(e, "type") in ROLE_TYPES and (wanted is None or _f(e, "target") in wanted)]
    focus = f"Agency:{agency}" if agency else ""
    if focus:
        mine = {_f(e, "target") for e in roles if _f(e, "source") == focus}
        roles = [e for e in roles if _f(e, "target") in mine]
    rank = {"LEADS": 0, "CO_RESPONSIBLE": 1, "IMPLEMENTS": 2}
    roles.sort(key=lambda e: (_f(e, "source") != focus, _f(e, "target"), rank.get(_f(e, "type"), 9), _f(e, "source")))

    def extra_nodes(cid: str) -> list[str]:
        return [_f(e, "target") for e in extras.get(cid, []) if _f(e, "target") in nodes]

    every: set[str] = set()
    for e in roles:
        every |= {_f(e, "source"), _f(e, "target"), *extra_nodes(_f(e, "target"))}
    kept: dict[str, None] = {}
    kept_edges: list[Any] = []
    for e in roles:
        src, cid = _f(e, "source"), _f(e, "target")
        if src not in nodes or cid not in nodes:
            continue
        core = [n for n in (src, cid) if n not in kept]
        more = [n for n in dict.fromkeys(extra_nodes(cid)) if n not in kept and n not in core] if cid not in kept else []
        if len(kept) + len(core) + len(more) <= limit:
            add = core + more
        elif len(kept) + len(core) <= limit:
            add = core
        else:
            continue
        for n in add:
            kept[n] = None
        kept_edges.append(e)
    for cid in [n for n in kept if n.startswith("Clause:")]:
        kept_edges.extend(e for e in extras.get(cid, []) if _f(e, "target") in kept)
    ordered = tuple(nodes[n] for n in sorted(kept))
    return GraphView(ordered, tuple(kept_edges), len(every & set(nodes)), focus)


def short_agency(name: str, region: str = "") -> str:
    """太原市生态环境局 -> 生态环境局 (the region prefix dropped when something is left)."""
    if region and name.startswith(region) and len(name) - len(region) >= 2:
        return name[len(region) :]
    return name


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_caption(node: Any) -> str:
    """The canvas label of a node (short; see the module docstring)."""
    label = _f(node, "label", "")
    props = _f(node, "properties", {}) or {}
    caption = _f(node, "caption", "") or ""
    if label == "Agency":
        return _clip(short_agency(props.get("name", caption), props.get("region", "")), CAPTION_CHARS)
    if label == "Clause":
        path, heading = props.get("path", ""), props.get("heading", "")
        return f"{path} {_clip(heading, CLAUSE_HEADING_CHARS)}".strip() or _clip(caption, CAPTION_CHARS)
    if label == "Target":
        return _clip(f"{props.get('indicator', '')} {props.get('value', '')}".strip() or caption, CAPTION_CHARS)
    return _clip(props.get("name", caption) or caption, CAPTION_CHARS)


def node_info(node: Any, doc_names: Mapping[str, str] | None = None) -> dict[str, str]:
    """What the component's side panel lists for a node: Chinese keys, no internal ids."""
    label = _f(node, "label", "")
    p = _f(node, "properties", {}) or {}
    kind = NODE_KINDS.get(label, (label, ""))[0]
    if label == "Agency":
        info = {"机构": p.get("name", ""), "规范名称": p.get("canonical", ""), "类型": p.get("agency_type", ""),
                "地区": p.get("region", "")}
    elif label == "Clause":
        doc = (doc_names or {}).get(p.get("doc_id", ""), "")
        info = {"条款": p.get("path", ""), "标题": p.get("heading", ""), "文件": doc}
    elif label == "Topic":
        info = {"主题": p.get("name", _f(node, "caption", "")), "类别": p.get("category", "")}
    elif label == "Target":
        info = {"指标": p.get("indicator", ""), "目标值": p.get("value", ""), "目标年": str(p.get("target_year") or ""),
                "限定": p.get("qualifier", "")}
    else:
        info = {}
    return {"类别": kind, **{k: str(v) for k, v in info.items() if v not in (None, "")}}


# ring radii (x, y) of the radial layout around one agency: its clauses, the other agencies, topics/targets
RINGS: tuple[tuple[float, float], ...] = ((300.0, 170.0), (520.0, 290.0), (680.0, 380.0))


def _ring(ids: list[str], wanted: Mapping[str, float], radius: tuple[float, float]) -> dict[str, tuple[float, float]]:
    """Evenly spaced slots on an ellipse, taken in the order of each node's wanted angle."""
    import math

    if not ids:
        return {}
    order = sorted(ids, key=lambda n: (wanted.get(n, 0.0), n))
    step = 2 * math.pi / len(order)
    # rotate the slots so that, on average, nodes sit where they want to be
    offset = math.atan2(
        sum(math.sin(wanted.get(n, 0.0) - i * step) for i, n in enumerate(order)),
        sum(math.cos(wanted.get(n, 0.0) - i * step) for i, n in enumerate(order)),
    )
    out = {}
    for i, n in enumerate(order):
        a = offset + i * step
        out[n] = (round(radius[0] * math.cos(a), 1), round(radius[1] * math.sin(a), 1))
    return out


def radial_positions(view: GraphView) -> dict[str, tuple[float, float]]:
    """The agency in the middle, its clauses on the first ring, the other agencies on the second (near
    the clauses they share), topics and targets outside (near their clauses). Deterministic."""
    import math

    ids = [_f(n, "id") for n in view.nodes]
    clauses = sorted(n for n in ids if n.startswith("Clause:"))
    angle = {c: 2 * math.pi * i / max(len(clauses), 1) for i, c in enumerate(clauses)}
    pos: dict[str, tuple[float, float]] = {view.focus: (0.0, 0.0)} if view.focus in ids else {}
    pos.update(_ring(clauses, angle, RINGS[0]))
    near: dict[str, list[float]] = {}
    for e in view.edges:
        s, t = _f(e, "source"), _f(e, "target")
        if t in angle and s != view.focus:
            near.setdefault(s, []).append(angle[t])
        elif s in angle and t not in angle:
            near.setdefault(t, []).append(angle[s])

    def mean_angle(n: str) -> float:
        a = near.get(n, [0.0])
        return math.atan2(sum(map(math.sin, a)), sum(map(math.cos, a))) % (2 * math.pi)

    others = [n for n in ids if n not in pos and n.startswith("Agency:")]
    outer = [n for n in ids if n not in pos and n not in others]
    pos.update(_ring(others, {n: mean_angle(n) for n in others}, RINGS[1]))
    pos.update(_ring(outer, {n: mean_angle(n) for n in outer}, RINGS[2]))
    return pos


def layout_positions(nodes: Iterable[Any], edges: Iterable[Any], seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Seeded spring layout: node id -> (x, y) in :data:`CANVAS` coordinates, the same on every call."""
    import networkx as nx

    g = nx.Graph()
    ids = sorted(_f(n, "id") for n in nodes)
    g.add_nodes_from(ids)
    g.add_edges_from(
        sorted((_f(e, "source"), _f(e, "target")) for e in edges if _f(e, "source") in g and _f(e, "target") in g)
    )
    if not ids:
        return {}
    if len(ids) == 1:
        return {ids[0]: (CANVAS[0] / 2, CANVAS[1] / 2)}
    pos = nx.spring_layout(g, seed=seed, iterations=80, k=2.5 / max(len(ids), 1) ** 0.5)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {
        n: (round((x - min(xs)) / span_x * CANVAS[0], 1), round((y - min(ys)) / span_y * CANVAS[1], 1))
        for n, (x, y) in pos.items()
    }
