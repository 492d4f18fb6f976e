"""Bring an embedded store up to the current file format (``policykg store migrate``).

- An old pickle store (``graph.pkl``, format 1) becomes the JSON store file (``graph.json``): the
  pickle is read once with an unpickler that accepts nothing but networkx graph classes and plain data,
  the graph is written in the current format atomically and read back, and only then is ``graph.pkl``
  renamed to ``graph.pkl.migrated`` (kept, not deleted).
- A version-2 ``graph.json`` (document lineage typed ``IMPLEMENTS`` like the agency role) is rewritten
  as version 3 (lineage ``IMPLEMENTS_DOCUMENT``); the old file is kept as ``graph.json.v2.migrated``.
  (Opening a version-2 file also works: it is upgraded in memory and written as version 3 by the next
  change; migrating does it at once.)

Any failure leaves the folder as it was.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.factory import NETWORKX_FILE
from graph.networkx_store import FORMAT_VERSION, LEGACY_FILE, read_graph, upgrade_v2, write_graph
from ingest.errors import GraphStoreError

LEGACY_FORMAT = 1
MIGRATED_SUFFIX = ".migrated"


@dataclass(frozen=True)
class MigrationResult:
    """What :func:`migrate_store` did: ``migrated`` is False when there was nothing to do (see ``message``)."""

    migrated: bool
    message: str
    store_file: Path
    backup_file: Path | None = None
    nodes: int = 0
    edges: int = 0


class _GraphUnpickler(pickle.Unpickler):
    """Resolves only classes from ``networkx.classes`` (graphs and their cached views); no functions."""

    def find_class(self, module: str, name: str) -> type:
        if module == "networkx.classes" or module.startswith("networkx.classes."):
            obj = super().find_class(module, name)
            if isinstance(obj, type):
                return obj
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} (not a networkx graph class)")


def load_legacy_graph(path: Path) -> nx.MultiDiGraph:
    """Read an old-format ``graph.pkl`` (``{"format": 1, "graph": MultiDiGraph}``) with a restricted unpickler.

    Raises:
        GraphStoreError: the file cannot be read, is not a pickle, or is not an old policykg store.
    """
    try:
        raw = Path(path).read_bytes()
        data = _GraphUnpickler(io.BytesIO(raw)).load()
    except Exception as e:  # corrupt, truncated or foreign file: any unpickling error
        raise GraphStoreError(f"无法读取旧图文件 / cannot read old graph store file {path}: {e}") from e
    ok = isinstance(data, dict) and data.get("format") == LEGACY_FORMAT
    if not (ok and isinstance(data.get("graph"), nx.MultiDiGraph)):
        raise GraphStoreError(
            f"旧图文件格式不符 / {path} is not an old policykg graph store (format {LEGACY_FORMAT} pickle)"
        )
    return data["graph"]


def migrate_store(store_dir: Path) -> MigrationResult:
    """Convert ``store_dir/graph.pkl`` to ``store_dir/graph.json``; keep the pickle as ``graph.pkl.migrated``.

    Returns:
        A :class:`MigrationResult`; ``migrated`` is False (folder untouched) when there is no ``graph.pkl``.

    Raises:
        GraphStoreError: the pickle is unreadable or not a policykg store, ``graph.json`` already exists
            next to it, or the written file does not read back equal; the folder is left as it was.
    """
    folder = Path(store_dir)
    legacy, target = folder / LEGACY_FILE, folder / NETWORKX_FILE
    if not legacy.exists():
        if target.exists():
            old = _file_version(target)
            if old is not None and old < FORMAT_VERSION:
                return _upgrade_file(target, old)
            msg = f"无需迁移：已是新格式 / nothing to migrate: {target} is already in the current format"
        else:
            msg = f"无需迁移：没有旧图文件 / nothing to migrate: no {LEGACY_FILE} in {folder}"
        return MigrationResult(False, msg, target)
    if target.exists():
        raise GraphStoreError(
            f"{folder} 同时有 {LEGACY_FILE} 和 {NETWORKX_FILE}，未做任何改动 / {folder} holds both {LEGACY_FILE} and "
            f"{NETWORKX_FILE}; nothing changed. {NETWORKX_FILE} is the store in use: move {LEGACY_FILE} away, or "
            f"remove {NETWORKX_FILE} to migrate again"
        )
    g = load_legacy_graph(legacy)
    upgrade_v2(g)  # the pickle's lineage edges were typed IMPLEMENTS too
    try:
        write_graph(target, g)
        back = read_graph(target)
        if (back.number_of_nodes(), back.number_of_edges()) != (g.number_of_nodes(), g.number_of_edges()):
            raise GraphStoreError(
                f"迁移校验失败 / migrated file {target} reads back {back.number_of_nodes()} nodes and "
                f"{back.number_of_edges()} edges, not {g.number_of_nodes()} and {g.number_of_edges()}"
            )
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    backup = legacy.with_name(LEGACY_FILE + MIGRATED_SUFFIX)
    os.replace(legacy, backup)
    return MigrationResult(
        True,
        f"已迁移 / migrated {legacy} -> {target}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges "
        f"(old file kept as {backup})",
        target,
        backup,
        g.number_of_nodes(),
        g.number_of_edges(),
    )


def _file_version(path: Path) -> int | None:
    """The ``version`` of a store file (None when it cannot be read as one; opening reports why)."""
    try:
        with open(path, "rb") as f:
            head = f.read(200)
    except OSError:
        return None
    # the writer puts "format" and "version" first: read them without parsing the whole file
    marker = b'"version":'
    at = head.find(marker)
    if at < 0:
        return None
    digits = head[at + len(marker) :].lstrip()[:3].split(b",")[0]
    try:
        return json.loads(digits)
    except ValueError:
        return None


def _upgrade_file(target: Path, old: int) -> MigrationResult:
    """Rewrite a readable older ``graph.json`` in the current version (read upgrades it in memory)."""
    g = read_graph(target)  # checks the file and upgrades it (version 2: lineage renamed)
    g.graph["generation"] = int(g.graph.get("generation", 0)) + 1  # readers re-read it
    backup = target.with_name(f"{target.name}.v{old}{MIGRATED_SUFFIX}")
    shutil.copyfile(target, backup)
    try:
        write_graph(target, g)
        read_graph(target)
    except BaseException:
        os.replace(backup, target)
        raise
    return MigrationResult(
        True,
        f"已迁移 / migrated {target} from version {old} to {FORMAT_VERSION}: {g.number_of_nodes()} nodes, "
        f"{g.number_of_edges()} edges (old file kept as {backup})",
        target,
        backup,
        g.number_of_nodes(),
        g.number_of_edges(),
    )
