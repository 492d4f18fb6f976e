"""Progress display for long CLI work (ingest), with a per-file error summary."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text


def ingest_with_progress(service: Any, paths: Sequence[Path], console: Console, force: bool = False) -> Any:
    """Run ``service.ingest(paths)`` with a progress bar; print stored / failed files; return the report."""
    with Progress(
        TextColumn("[bold blue]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
        console=console,
        transient=False,
    ) as bar:
        task = bar.add_task("导入 ingest", total=None, current="")

        def on_progress(done: int, total: int, path: object, status: str) -> None:
            bar.update(task, completed=done, total=total, current=f"{status} {Path(str(path)).name}"[-60:])

        report = service.ingest(list(paths), progress=on_progress, force=force)
    style = "red" if report.failed else "green"
    console.print(Text(str(report), style=style))
    return report
