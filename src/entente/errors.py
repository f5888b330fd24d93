"""entente's errors: one base class, one subclass per stage.

    EntenteError
    ├── UsageError          wrong arguments or options (exit status 2)
    ├── IngestError         a file, line or record could not be read or holds no article
    ├── ModelError          the bundled English pipeline is missing or cannot load
    ├── KnowledgeBaseError  a knowledge-base or lexicon file breaks its schema
    ├── CodingError         the coder failed on one article (a bug: reported, the batch goes on)
    ├── StoreError          the DuckDB store cannot be opened, written or trusted
    │   └── StoreIntegrityError   the store file is corrupt or fails its integrity check
    ├── OutputError         records cannot be written to the output (disk full, no permission)
    └── ApiError            a request the HTTP API rejects (carries an HTTP status)

Messages say what was wrong, where (file, line, record id) and, when it helps, what to do.
"""

from __future__ import annotations


class EntenteError(Exception):
    """Base class of every error entente raises on purpose."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class UsageError(EntenteError):
    """Wrong arguments or options."""


class IngestError(EntenteError):
    """A file, line or record could not be read, or holds no article text."""


class ModelError(EntenteError):
    """The bundled English pipeline is missing or cannot be loaded."""


class KnowledgeBaseError(EntenteError):
    """A knowledge-base, lexicon or pattern file breaks its schema."""


class CodingError(EntenteError):
    """The coder failed on one article."""


class StoreError(EntenteError):
    """The store cannot be opened, written or read."""


class StoreIntegrityError(StoreError):
    """The store file is corrupt or fails its integrity check."""


class OutputError(EntenteError):
    """Records cannot be written to the output file or standard output."""


class ApiError(EntenteError):
    """A request rejected by the HTTP API."""

    def __init__(self, message: str, *, status: int = 400, where: str | None = None,
                 hint: str | None = None):
        self.status = status
        super().__init__(message, where=where, hint=hint)
