"""Export a whole graph store to GraphML, CSV, JSON or a Cypher script.

Everything goes through ``store.dump()``, so both stores export byte-identical files for the
same data. The Cypher script is parameter-free (it is a file for ``cypher-shell``, never run by
policykg): every value is written as a literal, strings escaped with :func:`cypher_string`.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import networkx as nx

from graph import cypher as Q
from graph.common import NODE_KEYS
from graph.store import GraphDump, GraphStore
from ingest.errors import ConfigError

FORMATS: tuple[str, ...] = ("graphml", "csv", "json", "cypher")

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def cypher_string(s: str) -> str:
    """A single-quoted Cypher string literal: backslash, quote and control characters escaped."""
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_name(name: str) -> str:
    """A backtick-quoted identifier (label, type or property key)."""
    return "`" + name.replace("`", "``") + "`"


def cypher_literal(v: Any) -> str:
    """A Cypher literal for a property value (str, bool, int, float, list of those, None)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "toFloat('NaN')"
        if math.isinf(v):
            return "toFloat('Infinity')" if v > 0 else "-toFloat('Infinity')"
        return repr(v)
    if isinstance(v, str):
        return cypher_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(cypher_literal(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as a Cypher literal: {v!r}")


def cypher_map(props: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{cypher_name(k)}: {cypher_literal(v)}" for k, v in sorted(props.items())) + "}"


def _node_ref(label: str, key: str) -> str:
    return f"(:{cypher_name(label)} {{{cypher_name(NODE_KEYS[label])}: {cypher_string(key)}}})"


def to_cypher(dump: GraphDump) -> str:
    """The dump as a Cypher script: constraints, one MERGE per node, one MATCH … MERGE per edge."""
    lines = [f"// policykg graph export: {len(dump.nodes)} nodes, {len(dump.edges)} relationships"]
    lines += [q + ";" for q in Q.CONSTRAINTS]
    for label, key, props in dump.nodes:
        lines.append(f"MERGE (n:{cypher_name(label)} {{{cypher_name(NODE_KEYS[label])}: {cypher_string(key)}}}) SET n = {cypher_map(props)};")
    for rtype, (al, ak), (bl, bk), props in dump.edges:
        a = _node_ref(al, ak).replace("(:", "(a:", 1)
        b = _node_ref(bl, bk).replace("(:", "(b:", 1)
        lines.append(f"MATCH {a}, {b} MERGE (a)-[r:{cypher_name(rtype)}]->(b) SET r = {cypher_map(props)};")
    return "\n".join(lines) + "\n"


def _node_id(label: str, key: str) -> str:
    return f"{label}:{key}"


def to_json(dump: GraphDump) -> dict[str, Any]:
    return {
        "nodes": [{"id": _node_id(lab, key), "label": lab, "key": key, "properties": p} for lab, key, p in dump.nodes],
        "edges": [
            {"type": t, "source": _node_id(*a), "target": _node_id(*b), "properties": p} for t, a, b, p in dump.edges
        ],
    }


def _graphml_value(v: Any) -> Any:
    # GraphML has no list type: lists are written as JSON text
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple)) else v


def to_networkx(dump: GraphDump) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for lab, key, p in dump.nodes:
        g.add_node(_node_id(lab, key), **{k: _graphml_value(v) for k, v in p.items()}, label=lab)
    for t, a, b, p in dump.edges:
        g.add_edge(_node_id(*a), _node_id(*b), key=t, **{k: _graphml_value(v) for k, v in p.items()}, type=t)
    return g


def export_graph(store: GraphStore, fmt: str, out: Path) -> list[Path]:
    """Write the whole store to ``out``.

    Args:
        store: any ``GraphStore``.
        fmt: ``graphml`` | ``json`` | ``cypher`` (one file ``out``) or ``csv`` (folder ``out`` with
            ``nodes.csv`` and ``edges.csv``; properties as a JSON column).
        out: the file (or folder for csv) to write; parent folders are created.

    Returns:
        The files written.

    Raises:
        ConfigError: unknown format (lists the valid ones).
    """
    if fmt not in FORMATS:
        raise ConfigError(f"未知的导出格式 / unknown export format {fmt!r}. Valid formats are: {', '.join(FORMATS)}")
    dump = store.dump()
    out = Path(out)
    if fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        nodes_path, edges_path = out / "nodes.csv", out / "edges.csv"
        with open(nodes_path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "label", "key", "properties"])
            for lab, key, p in dump.nodes:
                w.writerow([_node_id(lab, key), lab, key, json.dumps(p, ensure_ascii=False, sort_keys=True)])
        with open(edges_path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["type", "source", "target", "properties"])
            for t, a, b, p in dump.edges:
                w.writerow([t, _node_id(*a), _node_id(*b), json.dumps(p, ensure_ascii=False, sort_keys=True)])
        return [nodes_path, edges_path]
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        out.write_text(json.dumps(to_json(dump), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    elif fmt == "cypher":
        out.write_text(to_cypher(dump), encoding="utf-8")
    else:
        nx.write_graphml(to_networkx(dump), out, encoding="utf-8")
    return [out]
