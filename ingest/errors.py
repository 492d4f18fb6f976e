"""The policykg exception hierarchy (one root, a few branches).

Every message names the file, id or URI concerned and the reason, in Chinese and English
where a user will read it. Third-party errors are wrapped with ``raise ... from e``.
"""

from __future__ import annotations


class PolicyKGError(Exception):
    """Root of every error policykg raises on purpose."""


class ConfigError(PolicyKGError):
    """A setting, model folder or dictionary file is missing or invalid."""


class IngestError(PolicyKGError):
    """A document could not be read or parsed; the message names the file and the reason."""

    def __init__(self, path: str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class DocumentTooLargeError(IngestError):
    """A document whose extracted text is over the configured ceiling; refused before parsing, so the
    store is left as it was."""

    def __init__(self, path: str, size: int, limit: int):
        self.size, self.limit = size, limit
        super().__init__(
            path,
            f"文本过大 / document text too large: {size:,} bytes of extracted text > limit {limit:,} "
            "(max_text_bytes); 请拆分文件或提高上限 / split the document or raise the limit",
        )


class DictionaryError(ConfigError):
    """A line of a dictionary/taxonomy data file is malformed (names file and line)."""


class GraphStoreError(PolicyKGError):
    """The graph store failed or is unreachable."""


class StoreUnavailableError(GraphStoreError):
    """The Neo4j server at the configured URI cannot be reached."""


class NotFoundError(PolicyKGError):
    """A document, clause or agency id is not in the store."""


class IndexNotBuiltError(PolicyKGError):
    """The search index is missing or does not match the store (names the path)."""


class QuestionTooLongError(PolicyKGError):
    """A question longer than the configured limit (work per request stays bounded)."""

    def __init__(self, length: int, limit: int):
        self.length, self.limit = length, limit
        super().__init__(f"问题过长 / question too long: {length} characters (limit {limit}); please ask one short question")


class RequestTimeoutError(PolicyKGError):
    """A request ran past its time budget (the API answers 503 instead of keeping the client waiting)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(
            f"请求超过时间预算 {seconds:g} 秒，请缩小问题范围后重试 / request exceeded its time budget of {seconds:g} s; "
            "narrow the question and retry"
        )


class StoreBusyError(PolicyKGError):
    """Another process holds the store's write lock (ingest / remove run one at a time)."""

    def __init__(self, store_dir: object, holder: str, waited: float):
        self.store_dir, self.holder = store_dir, holder
        super().__init__(
            f"{store_dir}: 另一个写入进程（pid {holder}）仍在运行，已等待 {waited:g} 秒，请稍后再试 / another writer "
            f"(pid {holder}) still holds the store after {waited:g} s; try again when it has finished"
        )
