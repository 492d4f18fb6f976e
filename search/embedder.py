"""Sentence embedders used by the search layer.

Every embedder returns float32, L2-normalised arrays of shape ``(n, dim)``, so a dot
product is the cosine similarity. Queries and passages are embedded separately because
asymmetric models need different prefixes (e5: "query: " / "passage: "; bge-small-zh:
"" for passages and its instruction "为这个句子生成表示以用于检索相关文章：" for queries).

* :class:`SentenceTransformerEmbedder` - any local sentence-transformers folder, e.g. the
  one built by :func:`search.model.build_model`. Backends: ``"torch"`` (fp32 PyTorch),
  ``"onnx"`` (fp32 ONNX Runtime) and ``"onnx-int8"`` (dynamic int8 ONNX Runtime), the
  ONNX files being made by ``python -m search.model build --onnx``. ``"auto"`` picks
  :data:`DEFAULT_BACKEND` when its files exist, else torch. onnx-int8 embeds each text
  in its own run (its activation scales are computed over the whole input, so a batched
  text's vector would depend on its batch-mates) and runs ``workers`` texts at once, one
  core each: a text's vector is the same alone, in any batch and with any worker count.
* :class:`HashingEmbedder` - character n-gram hashing. NOT a semantic model: it exists
  only so unit tests of ranking/indexing logic run fast and deterministically.
"""

from __future__ import annotations

import os
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from search.model import (
    ONNX_FP32,
    ONNX_INT8,
    PASSAGE_PREFIX,
    QUERY_PREFIX,
    ModelError,
    load_tokenizer,
    pooling_mode,
    run_onnx,
    set_offline_env,
)

BACKENDS = ("torch", "onnx", "onnx-int8")
#: backend chosen by ``backend="auto"`` when its files exist (see bench/bench_embedding.py)
DEFAULT_BACKEND = "onnx-int8"
_ONNX_FILES = {"onnx": ONNX_FP32, "onnx-int8": ONNX_INT8}


class EmbedderError(ModelError):
    """An embedding model folder is missing/invalid or cannot be loaded (names the path)."""


def _as_list(texts: str | Iterable[str]) -> list[str]:
    if isinstance(texts, str):
        return [texts]
    out = list(texts)
    for t in out:
        if not isinstance(t, str):
            raise TypeError(f"texts must be strings, got {type(t).__name__}")
    return out


class Embedder:
    """Base class: subclasses implement :meth:`_encode` (prefix already applied)."""

    query_prefix: str = ""
    passage_prefix: str = ""

    @property
    def dim(self) -> int:
        raise NotImplementedError

    @property
    def name(self) -> str:
        raise NotImplementedError

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_queries(self, texts: str | Sequence[str]) -> np.ndarray:
        """(n, dim) float32, L2-normalised embeddings of search queries."""
        return self._run([self.query_prefix + t for t in _as_list(texts)])

    def embed_passages(self, texts: str | Sequence[str]) -> np.ndarray:
        """(n, dim) float32, L2-normalised embeddings of documents/clauses."""
        return self._run([self.passage_prefix + t for t in _as_list(texts)])

    def _run(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = np.asarray(self._encode(texts), dtype=np.float32)
        if out.shape != (len(texts), self.dim):
            raise EmbedderError(f"{self.name}: got shape {out.shape}, expected ({len(texts)}, {self.dim})")
        return np.ascontiguousarray(out)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} dim={self.dim}>"


def _check_folder(path: Path) -> None:
    if not path.exists():
        raise EmbedderError(
            f"嵌入模型目录不存在 / embedding model folder not found: {path}. "
            f"Build the default model with `python -m search.model build` or point the "
            f"config at a local sentence-transformers folder.")
    if not path.is_dir():
        raise EmbedderError(f"嵌入模型路径不是目录 / embedding model path is not a folder: {path}")
    if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
        raise EmbedderError(
            f"嵌入模型目录无效 / {path} is not a sentence-transformers/transformers model folder "
            f"(neither modules.json nor config.json found)")


class SentenceTransformerEmbedder(Embedder):
    """Embedder over a local sentence-transformers folder (loaded once, offline).

    ``backend``: "torch" | "onnx" | "onnx-int8" | "auto" (default: onnx-int8 when the
    folder has ``onnx/model_qint8_avx2.onnx`` and onnxruntime is installed, else torch;
    use "torch" with ``device="cuda"`` on a GPU). The ONNX backends run the files
    ``onnx/model.onnx`` / ``onnx/model_qint8_avx2.onnx`` with onnxruntime + tokenizers
    (same tokenisation, pooling and normalisation as the folder's sentence-transformers
    modules; only Transformer -> Pooling(mean|cls|max) -> Normalize pipelines).

    ``num_threads`` (default: all cores) is the CPU budget. torch and onnx spend it inside
    one batch of ``batch_size`` texts sorted by length. onnx-int8 runs ``workers``
    (default: ``num_threads``) single-text runs at once, each with
    ``num_threads // workers`` threads: one text per run keeps its vector independent of
    the other texts, and one thread per run skips the per-operator hand-offs between
    threads (~9% less CPU per text than one 2-thread run; bench/results/embedding.json).
    ``workers`` applies to onnx-int8 only.
    """

    def __init__(self, path: str | os.PathLike, query_prefix: str = QUERY_PREFIX,
                 passage_prefix: str = PASSAGE_PREFIX, batch_size: int = 32,
                 device: str = "cpu", backend: str = "auto", max_seq_length: int | None = None,
                 num_threads: int | None = None, workers: int | None = None):
        self.path = Path(path).expanduser()
        _check_folder(self.path)
        if backend == "auto":
            backend = (DEFAULT_BACKEND if device == "cpu" and self._onnx_available(DEFAULT_BACKEND)
                       else "torch")
        if backend not in BACKENDS:
            raise EmbedderError(f"unknown embedder backend {backend!r}; expected one of {BACKENDS} or 'auto'")
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        if workers is not None and workers < 1:
            raise ValueError("workers must be >= 1")
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.device = device
        self.backend = backend
        self.num_threads = num_threads or os.cpu_count() or 1
        # texts in flight at once; only onnx-int8 runs texts one by one (see _encode)
        self.workers = (workers or self.num_threads) if backend == "onnx-int8" else 1
        set_offline_env()
        if backend == "torch":
            self._load_torch(max_seq_length)
        else:
            self._load_onnx(max_seq_length)

    # -- loading --------------------------------------------------------------------------
    def _onnx_available(self, backend: str) -> bool:
        if not (self.path / _ONNX_FILES[backend]).is_file():
            return False
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            return False
        return True

    def _load_torch(self, max_seq_length: int | None) -> None:
        # OpenMP threads that sleep instead of spinning: on the shared 2-core box this made
        # torch 4-5x faster under load. Only effective if torch is not imported yet.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise EmbedderError(f"the torch backend needs sentence-transformers and torch: {e}") from e
        if self.device == "cpu":
            torch.set_num_threads(self.num_threads)
        try:
            self._model = SentenceTransformer(str(self.path), device=self.device,
                                              local_files_only=True)
        except Exception as e:
            raise EmbedderError(f"cannot load embedding model folder {self.path}: {e}") from e
        if max_seq_length:
            self._model.max_seq_length = max_seq_length
        get_dim = (getattr(self._model, "get_embedding_dimension", None)
                   or self._model.get_sentence_embedding_dimension)
        self._dim = int(get_dim() or 0)
        if self._dim <= 0:
            raise EmbedderError(f"{self.path}: cannot determine the embedding dimension")

    def _load_onnx(self, max_seq_length: int | None) -> None:
        file = self.path / _ONNX_FILES[self.backend]
        if not file.is_file():
            raise EmbedderError(
                f"{file} not found: the {self.backend} backend needs the ONNX export; run "
                f"`python -m search.model build --onnx` (or use backend='torch')")
        modules = []
        if (self.path / "modules.json").is_file():
            import json

            modules = json.loads((self.path / "modules.json").read_text(encoding="utf-8"))
        kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
        if any(k not in ("Transformer", "Pooling", "Normalize") for k in kinds):
            raise EmbedderError(
                f"{self.path}: modules {kinds} are not supported by the ONNX backend; use backend='torch'")
        try:
            from search.model import _ort_session

            self._session = _ort_session(file, max(1, self.num_threads // self.workers))
            self._tok = load_tokenizer(self.path, max_seq_length)
        except ModelError as e:
            raise EmbedderError(str(e)) from e
        except Exception as e:
            raise EmbedderError(f"cannot load ONNX model {file}: {e}") from e
        self._pool = pooling_mode(self.path)
        out = self._session.get_outputs()[0].shape
        self._dim = int(out[-1]) if isinstance(out[-1], int) else int(
            run_onnx(self._session, self._tok, ["x"], self._pool).shape[1])

    # -- API ------------------------------------------------------------------------------
    @property
    def dim(self) -> int:
        return self._dim

    @property
    def name(self) -> str:
        return f"{self.path.name}[{self.backend}]"

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self.backend == "torch":
            return self._model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                                      normalize_embeddings=True, show_progress_bar=False)
        # longest first: less padding per batch (as sentence-transformers does), and for
        # onnx-int8 the long texts start first so the workers finish together
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out = np.empty((len(texts), self._dim), dtype=np.float32)
        if self.backend == "onnx-int8":
            # dynamic int8 scales activations over the whole input: batched, a text's vector
            # moves with its batch-mates (cosine ~0.996). One text per run keeps vectors
            # reproducible (cold cache == warm cache) at no CPU cost (no padding); the
            # workers share the session (onnxruntime runs are thread-safe, release the GIL).
            def one(j: int) -> np.ndarray:
                return run_onnx(self._session, self._tok, [texts[j]], self._pool)[0]

            if self.workers == 1 or len(texts) == 1:
                vecs = [one(j) for j in order]
            else:
                with ThreadPoolExecutor(min(self.workers, len(texts))) as pool:
                    vecs = list(pool.map(one, order))
            out[order] = np.stack(vecs)
            return out
        for i in range(0, len(texts), self.batch_size):
            idx = order[i:i + self.batch_size]
            out[idx] = run_onnx(self._session, self._tok, [texts[j] for j in idx], self._pool)
        return out


class HashingEmbedder(Embedder):
    """Deterministic character n-gram hashing embedder - FOR UNIT TESTS ONLY.

    It has no notion of meaning; it just lets tests of ranking, indexing and fusion
    logic run in milliseconds without the real model. Texts sharing many characters /
    bigrams get high cosine. Queries and passages are embedded identically. An empty
    text gives a zero vector.
    """

    def __init__(self, dim: int = 64, ngram_range: tuple[int, int] = (1, 2)):
        if dim < 1:
            raise ValueError("dim must be >= 1")
        self._dim = dim
        self.ngram_range = ngram_range

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def name(self) -> str:
        return f"hashing-{self._dim}"

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self._dim, dtype=np.float32)
        text = "".join(text.lower().split())
        lo, hi = self.ngram_range
        for n in range(lo, hi + 1):
            for i in range(len(text) - n + 1):
                h = zlib.crc32(text[i:i + n].encode("utf-8"))
                v[h % self._dim] += 1.0 if (h >> 31) & 1 else -1.0
        norm = float(np.linalg.norm(v))
        return v / norm if norm > 0 else v

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts])


def load_default_embedder(backend: str = "auto", cache_dir: Path | None = None,
                          build: bool = True, **kwargs) -> SentenceTransformerEmbedder:
    """The project's default model (multilingual-e5-small rebuilt by search.model)."""
    from search.model import build_model, default_model_path

    path = build_model(cache_dir, progress=False) if build else default_model_path(cache_dir)
    return SentenceTransformerEmbedder(path, backend=backend, **kwargs)


def evaluate_retrieval(embedder: Embedder, check: dict) -> dict[str, float]:
    """top-1 accuracy and MRR of ``embedder`` on an embedding_check.json-style dict:
    corpus = targets (by key) + distractors; each query's answer is targets[query.target]."""
    keys = list(check["targets"])
    corpus = [check["targets"][k] for k in keys] + list(check["distractors"])
    queries = [q["query"] for q in check["queries"]]
    gold = np.array([keys.index(q["target"]) for q in check["queries"]])
    scores = embedder.embed_queries(queries) @ embedder.embed_passages(corpus).T
    return rank_metrics(scores, gold)


def rank_metrics(scores: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    """top-1 and MRR from a (n_queries, n_docs) score matrix and gold doc indices."""
    gold_scores = scores[np.arange(len(gold)), gold][:, None]
    # ties count against the gold document (pessimistic), so all-zero scores never "win"
    ranks = (scores >= gold_scores).sum(axis=1)
    return {"top1": float(np.mean(ranks == 1)), "mrr": float(np.mean(1.0 / ranks)),
            "n_queries": int(len(gold))}
