"""Policy topic taxonomy (pollutants, sectors, measures, indicators) from ``topics.yaml``.

Tagging is synonym matching: a clause carries every topic one of whose synonyms (or its
name) occurs in its text; Latin synonyms (VOCs, NOx, PUE) match case-insensitively. Questions
use longest, non-overlapping matches so "燃煤锅炉" is one topic, not "锅炉" + "燃煤".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from ingest.errors import DictionaryError
from ingest.records import Topic

TOPICS_FILE = Path(__file__).resolve().parent / "dictionaries" / "topics.yaml"
CATEGORIES = ("pollutant", "sector", "measure", "indicator")


@dataclass(frozen=True)
class Taxonomy:
    """The loaded taxonomy: topics by id and (synonym, topic id) pairs, longest first."""

    topics: dict[str, Topic]
    synonyms: dict[str, tuple[str, ...]]  # topic id -> synonyms (name first)
    terms: tuple[tuple[str, str], ...]  # (lower-cased synonym, topic id), longest first


def load_taxonomy_file(path: Path = TOPICS_FILE) -> Taxonomy:
    """Read and validate a taxonomy file.

    Raises:
        DictionaryError: unreadable YAML, a topic without id/name, an unknown category or a
            duplicate id (the message names the file and the entry; YAML errors the line).
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise DictionaryError(f"{path}: cannot read taxonomy file / 无法读取主题词表: {e}") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise DictionaryError(f"{path}{where}: invalid YAML: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise DictionaryError(f"{path}: expected a mapping with a 'topics' list")
    topics: dict[str, Topic] = {}
    synonyms: dict[str, tuple[str, ...]] = {}
    terms: list[tuple[str, str]] = []
    for index, entry in enumerate(data["topics"], start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise DictionaryError(f"{path}: topic #{index} needs 'id' and 'name', got {entry!r}")
        topic_id, name = str(entry["id"]), str(entry["name"])
        category = str(entry.get("category", ""))
        if category not in CATEGORIES:
            raise DictionaryError(
                f"{path}: topic {topic_id!r} has unknown category {category!r}; valid categories are: "
                f"{', '.join(CATEGORIES)}"
            )
        if topic_id in topics:
            raise DictionaryError(f"{path}: duplicate topic id {topic_id!r} (topic #{index})")
        syns = entry.get("synonyms") or []
        if not isinstance(syns, list):
            raise DictionaryError(f"{path}: topic {topic_id!r}: 'synonyms' must be a list")
        all_syns = tuple(dict.fromkeys([name, *(str(s) for s in syns if str(s).strip())]))
        topics[topic_id] = Topic(topic_id=topic_id, name=name, category=category)
        synonyms[topic_id] = all_syns
        terms.extend((s.lower(), topic_id) for s in all_syns)
    terms.sort(key=lambda t: -len(t[0]))
    return Taxonomy(topics=topics, synonyms=synonyms, terms=tuple(terms))


@functools.lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The bundled taxonomy (loaded once)."""
    return load_taxonomy_file()


def tag_topics(text: str) -> tuple[str, ...]:
    """Topic ids whose synonyms occur in ``text``, sorted."""
    lowered = text.lower()
    return tuple(sorted({topic_id for term, topic_id in load_taxonomy().terms if term in lowered}))


def topic_records(ids: tuple[str, ...] | list[str]) -> list[Topic]:
    """The :class:`Topic` records of the given ids (unknown ids skipped), in the given order."""
    topics = load_taxonomy().topics
    return [topics[i] for i in dict.fromkeys(ids) if i in topics]


def synonyms(topic_id: str) -> list[str]:
    """Name and synonyms of a topic ([] for an unknown id)."""
    return list(load_taxonomy().synonyms.get(topic_id, ()))


def match_topics_in_query(question: str) -> list[str]:
    """Topic ids mentioned in a question, by longest non-overlapping match, in question order.

    "太原VOCs治理哪个局牵头负责？" -> ["vocs"]; "燃煤锅炉淘汰改造" -> ["coal_boilers"] (not
    also a shorter overlapping term).
    """
    lowered = question.lower()
    taken = [False] * len(lowered)
    hits: list[tuple[int, str]] = []
    for term, topic_id in load_taxonomy().terms:  # longest first
        start = lowered.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                for i in range(start, end):
                    taken[i] = True
                hits.append((start, topic_id))
            start = lowered.find(term, start + 1)
    return list(dict.fromkeys(topic_id for _, topic_id in sorted(hits)))
