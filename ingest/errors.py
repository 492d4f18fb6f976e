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
