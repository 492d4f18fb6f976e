"""Terminal rendering of answers, search results, reports and stats (rich; no markup from data).

Every string that comes from a document or a user is passed to rich as plain ``Text``, so
brackets such as ``[red]`` in a clause are shown as written, never interpreted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

ROLE_LABELS = {"lead": "牵头 lead", "co": "配合 co", "implementing": "落实 implementing"}
ROLE_STYLES = {"lead": "bold white on dark_green", "co": "black on khaki1", "implementing": "white on grey37"}


def print_answer(answer: dict[str, Any], console: Console) -> None:
    """Print one answer (the ``ask --json`` object) as a card with its evidence."""
    title = Text(answer.get("question", ""))
    body = Text()
    body.append(answer.get("answer", ""), style="bold" if answer.get("found") else "yellow")
    if answer.get("agencies"):
        body.append("\n")
        for agency in answer["agencies"]:
            role = agency.get("role", "")
            body.append(f" {agency['name']} ", style=ROLE_STYLES.get(role, ""))
            body.append(f" {ROLE_LABELS.get(role, role)}  ", style="dim")
    table = targets_table(answer)
    for target in [] if table is not None else answer.get("targets", [])[:6]:
        body.append("\n• ")
        body.append(f"{target.get('indicator', '')}: {target.get('value', '')}")
        extra = " ".join(str(x) for x in (target.get("year"), target.get("qualifier"), target.get("region")) if x)
        if extra:
            body.append(f"  ({extra})", style="dim")
    console.print(Panel(body, title=title, title_align="left", subtitle=answer.get("intent", ""), subtitle_align="right"))
    if table is not None:
        console.print(table)
    for i, ev in enumerate(answer.get("evidence", [])[:3], start=1):
        head = Text(f"[{i}] ", style="bold")
        head.append(f"{ev.get('doc_title', '')} {ev.get('clause_no', '')} {ev.get('heading', '')}", style="cyan")
        head.append(f"  ({ev.get('source', '')}, score {float(ev.get('score') or 0):.3f})", style="dim")
        console.print(head)
        text = ev.get("text", "")
        console.print(Text(text if len(text) <= 400 else text[:400] + "…"))


def targets_table(answer: dict[str, Any]) -> Table | None:
    """The targets of an answer across regions as one table (region, indicator, value, year, qualifier,
    source clause); None when the answer is not split by region or states no target."""
    parts = [p for p in answer.get("parts") or [] if p.get("targets")]
    if len(parts) < 2:
        return None
    table = Table(title=Text("目标对比 / targets by region"))
    for head in ("地区 region", "指标 indicator", "目标值 value", "目标年 year", "限定 qualifier", "出处 clause"):
        table.add_column(head, overflow="fold")
    for part in parts:
        ev = (part.get("evidence") or [{}])[0]
        source = f"{ev.get('doc_title', '')} {ev.get('clause_no', '')}".strip()
        for t in part["targets"]:
            year = t.get("year")
            table.add_row(
                Text(part.get("region") or t.get("region") or ""),
                Text(t.get("indicator") or ""),
                Text(t.get("value") or ""),
                Text("" if year in (None, "") else str(int(year))),
                Text(t.get("qualifier") or ""),
                Text(source),
            )
    return table


def print_search(rows: list[dict[str, Any]], console: Console) -> None:
    """Print search / similar results as a numbered list: clause, agencies, text."""
    if not rows:
        console.print(Text("无结果 / no results", style="yellow"))
    for i, row in enumerate(rows, start=1):
        head = Text(f"[{i}] ", style="bold")
        head.append(f"{row.get('doc_title', '') or row.get('source', '')} {row.get('clause_no', '')} {row.get('heading', '')}", style="cyan")
        head.append(f"  ({row.get('region', '')}, score {float(row.get('score') or 0):.3f})", style="dim")
        console.print(head)
        if row.get("agencies"):
            line = Text("    ")
            for agency in row["agencies"]:
                role = agency.get("role", "")
                line.append(f" {agency['name']} ", style=ROLE_STYLES.get(role, ""))
                line.append(" ")
            console.print(line)
        text = row.get("text", "")
        console.print(Text("    " + (text if len(text) <= 200 else text[:200] + "…")))


def print_report(rows: list[dict[str, Any]], console: Console) -> None:
    """Print the per-file corpus report and its totals row."""
    table = Table()
    cols = ("file", "level", "region", "clauses", "annotated_clauses", "unreadable_annotations", "task_rows", "agencies",
            "responsibilities", "targets")
    heads = ("file", "level", "region", "clauses", "annotated", "unreadable", "task rows", "agencies", "resp.", "targets")
    for head in heads:
        if head == "file":
            table.add_column(head, overflow="ellipsis", no_wrap=True, max_width=28)
        else:
            table.add_column(head, no_wrap=True)
    table.add_column("error", overflow="fold")
    for row in rows:
        if row.get("file") == "TOTAL":
            continue
        cells = [Text(Path(str(row.get("file", ""))).name)] + [Text("" if row.get(c) is None else str(row[c])) for c in cols[1:]]
        table.add_row(*cells, Text(str(row.get("error") or ""), style="red"))
    console.print(table)
    for row in rows:
        for w in row.get("warnings") or ():
            if "unreadable" in w:
                console.print(Text(f"! {Path(str(row.get('file', ''))).name}: {w}", style="yellow"))
    total = next((r for r in rows if r.get("file") == "TOTAL"), None)
    if total:
        console.print(Text(
            f"files {total['files']}, parsed {total['parsed']}, failed {total['failed']}, clauses {total['clauses']}, "
            f"annotated clauses {total['annotated_clauses']}, unreadable annotations {total['unreadable_annotations']} "
            f"(warnings), task rows {total['task_rows']}, agencies {total['agencies']}, "
            f"responsibilities {total['responsibilities']}, targets {total['targets']}", style="bold"))


def print_stats(counts: dict[str, dict[str, int]], console: Console) -> None:
    """Print node and relationship counts."""
    for key, title in (("labels", "节点 nodes"), ("relationships", "关系 relationships")):
        table = Table(title=title)
        table.add_column("name")
        table.add_column("count", justify="right")
        for name, n in sorted(counts.get(key, {}).items()):
            table.add_row(name, str(n))
        console.print(table)


def print_parsed(parsed: Any, console: Console) -> None:
    """Print a parsed document's outline with responsibilities and targets."""
    doc = parsed.document
    console.print(Text(f"{doc.title}  {doc.doc_number}  {doc.issuer}  {doc.date}  [{doc.level} {doc.region}]", style="bold"))
    by_clause: dict[str, list[str]] = {}
    for r in parsed.responsibilities:
        by_clause.setdefault(r.clause_id, []).append(f"{r.agency}({r.role})")
    targets: dict[str, list[str]] = {}
    for t in parsed.targets:
        targets.setdefault(t.clause_id, []).append(f"{t.indicator}={t.value}")
    indent = {"section": 0, "clause": 2, "item": 4, "subitem": 6}
    for c in parsed.clauses:
        line = Text(" " * indent.get(c.kind, 0) + f"{c.path} {c.heading}")
        if c.clause_id in by_clause:
            line.append("  ← " + "、".join(by_clause[c.clause_id]), style="green")
        if c.clause_id in targets:
            line.append("  ◎ " + "；".join(targets[c.clause_id]), style="magenta")
        console.print(line)
    for w in parsed.warnings:
        console.print(Text(f"warning: {w}", style="yellow"))
