"""Graph-store benchmark: bulk load, query latency, batched UNWIND vs row-by-row MERGE.

Loads the four seeds (data/*.txt) and the corpus PDFs (tests/fixtures/corpus/*.pdf), parsed once
with ``ingest.pipeline.parse_file`` (parse time excluded), into each store; reports records/s
(nodes + edges written, ``DocumentRows.count()``), median query latencies, and for Neo4j the
ratio of a row-by-row writer (one statement per row, same Cypher) to the batched writer.

Usage::

    python bench/bench_graph.py [--neo4j-uri bolt://…] [--neo4j-password …] [--repeat 20]

Without ``--neo4j-uri`` a server is started in a tmp dir via ``graph.server`` (if java/mvn exist).
Writes ``bench/results/graph.json`` and prints a markdown table.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph import common as C  # noqa: E402
from graph import cypher as Q  # noqa: E402
from graph.networkx_store import NetworkxGraphStore  # noqa: E402
from ingest.records import ParsedDocument  # noqa: E402


def parse_all() -> tuple[list[ParsedDocument], list[str], float]:
    from ingest.pipeline import parse_file

    paths = sorted((ROOT / "data").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.pdf"))
    docs, failed = [], []
    t = time.perf_counter()
    for p in paths:
        try:
            docs.append(parse_file(p))
        except Exception as e:  # noqa: BLE001 - a bad PDF must not stop the bench
            failed.append(f"{p.name}: {e}")
    return docs, failed, time.perf_counter() - t


def records(docs: list[ParsedDocument]) -> int:
    return sum(C.prepare_document(p).count() for p in docs)


def load(store, docs: list[ParsedDocument]) -> float:
    store.clear()
    t = time.perf_counter()
    if isinstance(store, NetworkxGraphStore):
        with store.bulk():
            for p in docs:
                store.write_document(p)
    else:
        for p in docs:
            store.write_document(p)
    return time.perf_counter() - t


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def query_latencies(store, repeat: int) -> dict[str, float]:
    return {
        "agencies_for(region=太原市)": median_ms(lambda: store.agencies_for(region="太原市"), repeat),
        "agencies_for(topic)": median_ms(lambda: store.agencies_for(topic="vocs"), repeat),
        "targets(indicator=单位GDP能耗)": median_ms(lambda: store.targets(indicator="单位GDP能耗"), repeat),
        "targets(region=山西省, year=2025)": median_ms(lambda: store.targets(region="山西省", year=2025), repeat),
        "clauses_of_agency(太原市生态环境局)": median_ms(lambda: store.clauses_of_agency("太原市生态环境局"), repeat),
        "subgraph(region=太原市)": median_ms(lambda: store.subgraph(region="太原市"), repeat),
    }


def row_by_row_write(store, parsed: ParsedDocument) -> None:
    """The Neo4j write with one statement per row (same Cypher, single-row batches), one transaction."""
    rows = C.prepare_document(parsed)
    doc_id = rows.doc_id

    def work(tx) -> None:
        def each(query: str, batch: list[dict[str, Any]]) -> None:
            for row in batch:
                tx.run(query, {"doc_id": doc_id, "rows": [row]}).consume()

        for q in (Q.DELETE_DOC_TARGETS, Q.DELETE_DOC_CLAUSES, Q.DELETE_DOC_OUT_EDGES, Q.DELETE_DOC_SUCCESSIONS):
            tx.run(q, {"doc_id": doc_id}).consume()
        tx.run(Q.UPSERT_DOCUMENT, {"doc_id": doc_id, "props": rows.document}).consume()
        each(Q.MERGE_REGIONS, rows.regions)
        each(Q.MERGE_REGION_REFS, rows.region_refs)
        each(Q.MERGE_WITHIN, rows.within)
        each(Q.MERGE_TOPICS, rows.topics)
        each(Q.MERGE_TOPIC_REFS, rows.topic_refs)
        each(Q.MERGE_AGENCIES, rows.agencies)
        each(Q.MERGE_AGENCY_REFS, rows.agency_refs)
        each(Q.MERGE_OF_REGION, rows.of_region)
        each(Q.MERGE_CLAUSES, rows.clauses)
        each(Q.MERGE_HAS_SECTION, rows.sections)
        each(Q.MERGE_HAS_CLAUSE, rows.children)
        each(Q.MERGE_ABOUT, rows.about)
        each(Q.MERGE_MENTIONS, rows.mentions)
        for rtype in sorted(rows.responsibilities):
            each(Q.MERGE_RESPONSIBILITY[rtype], rows.responsibilities[rtype])
        each(Q.MERGE_TARGETS, rows.targets)
        each(Q.MERGE_MEASURES, rows.measures)
        each(Q.MERGE_FOR_REGION, rows.target_regions)
        each(Q.MERGE_COVERS, rows.covers)
        each(Q.MERGE_SUCCESSIONS, rows.successions)
        for q in Q.GC_ALL:
            tx.run(q).consume()

    with store._session() as s:
        s.execute_write(work)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--neo4j-uri")
    ap.add_argument("--neo4j-user", default="neo4j")
    ap.add_argument("--neo4j-password", default="policykg-bench")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "graph.json")
    a = ap.parse_args(argv)

    docs, failed, parse_s = parse_all()
    n_records = records(docs)
    n_clauses = sum(len(p.clauses) for p in docs)
    result: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": __import__("os").cpu_count()},
        "corpus": {"documents": len(docs), "clauses": n_clauses, "records": n_records, "parse_failed": failed, "parse_s": round(parse_s, 2)},
        "stores": {},
    }
    tmp = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    stores: dict[str, Any] = {"networkx": NetworkxGraphStore(tmp / "graph.json")}
    server_dir = None
    try:
        if a.neo4j_uri or (shutil.which("java") and shutil.which("mvn")):
            from graph.neo4j_store import Neo4jGraphStore

            uri = a.neo4j_uri
            if not uri:
                from graph import server

                server_dir = tmp / "neo4j"
                uri = server.start(server_dir, port=free_port(), password=a.neo4j_password, timeout=240).uri
            stores["neo4j"] = Neo4jGraphStore(uri, a.neo4j_user, a.neo4j_password)
        for name, store in stores.items():
            secs = load(store, docs)
            entry: dict[str, Any] = {
                "load_s": round(secs, 3),
                "records_per_s": round(n_records / secs, 1),
                "docs_per_s": round(len(docs) / secs, 2),
                "stats": store.stats(),
                "query_median_ms": {k: round(v, 3) for k, v in query_latencies(store, a.repeat).items()},
            }
            if name == "networkx":
                t = time.perf_counter()
                NetworkxGraphStore(tmp / "graph.json")
                entry["open_s"] = round(time.perf_counter() - t, 4)
                entry["file_bytes"] = (tmp / "graph.json").stat().st_size
            if name == "neo4j":
                store.clear()
                t = time.perf_counter()
                for p in docs:
                    row_by_row_write(store, p)
                rbr = time.perf_counter() - t
                entry["row_by_row_load_s"] = round(rbr, 3)
                entry["row_by_row_records_per_s"] = round(n_records / rbr, 1)
                entry["unwind_speedup"] = round(rbr / secs, 2)
            result["stores"][name] = entry
    finally:
        for s in stores.values():
            s.close()
        if server_dir is not None:
            from graph import server

            server.stop(server_dir)
        shutil.rmtree(tmp, ignore_errors=True)

    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(result))
    return 0


def table(result: dict[str, Any]) -> str:
    c = result["corpus"]
    names = list(result["stores"])
    lines = [
        f"{c['documents']} documents, {c['clauses']} clauses, {c['records']} records (nodes+edges); parse excluded",
        "",
        "| metric | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]

    def row(label: str, get: Callable[[dict[str, Any]], Any]) -> None:
        lines.append(f"| {label} | " + " | ".join(str(get(result["stores"][n])) for n in names) + " |")

    row("bulk load (s)", lambda e: e["load_s"])
    row("records/s", lambda e: e["records_per_s"])
    row("documents/s", lambda e: e["docs_per_s"])
    for q in result["stores"][names[0]]["query_median_ms"]:
        row(f"{q} median ms", lambda e, q=q: e["query_median_ms"][q])
    if "neo4j" in result["stores"]:
        n = result["stores"]["neo4j"]
        lines.append("")
        lines.append(
            f"Neo4j row-by-row MERGE: {n['row_by_row_load_s']} s ({n['row_by_row_records_per_s']} records/s); "
            f"batched UNWIND is {n['unwind_speedup']}x faster"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
