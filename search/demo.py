"""``policykg demo``: ingest the seed documents, then answer a few typical questions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

DEMO_QUESTIONS: tuple[str, ...] = (
    "太原市挥发性有机物综合整治由哪个部门牵头？",  # lead + co agencies from the annotation
    "太原市到2025年单位地区生产总值能耗要下降多少？",  # target value (基本目标 first)
    "太原市机关事务局牵头负责哪些工作？",  # agency duties
    "其他城市有没有类似太原公共机构新能源汽车比例不低于35%的要求？",  # similar measures
    "山西省2014-2015年方案中淘汰落后产能由哪个部门牵头？",  # clause without responsible agency
    "深圳市挥发性有机物治理由哪个部门牵头？",  # not in the corpus
)


def run_demo(
    service: Any,
    data_dir: Path,
    printer: Callable[[str], None] = print,
    questions: tuple[str, ...] = DEMO_QUESTIONS,
    max_evidence: int = 2,
    ingest: Callable[[list[Path]], Any] | None = None,
    show: Callable[[Any], None] | None = None,
) -> list[Any]:
    """Ingest ``data_dir`` into ``service`` and print each demo answer with its evidence.

    Args:
        service: a :class:`search.service.PolicyKG`.
        data_dir: folder of policy documents (the seeds in ``data/``).
        printer: where lines go (``print``, ``rich.console.Console.print`` …).
        questions: the questions to ask.
        max_evidence: evidence items shown per answer.
        ingest: how to ingest (default ``service.ingest``; the CLI passes one with a progress bar).
        show: how to display an answer (default: ``printer`` of its plain-text form).

    Returns:
        The answers, in question order.
    """
    printer(f"== 导入 / ingest {data_dir}")
    if ingest is None:
        printer(str(service.ingest([Path(data_dir)])))
    else:
        ingest([Path(data_dir)])
    answers = []
    for q in questions:
        ans = service.ask(q)
        answers.append(ans)
        printer("")
        if show is None:
            printer(ans.format_text(max_evidence=max_evidence))
        else:
            show(ans)
    return answers
