"""Background jobs: adding posted articles to the store while the server keeps answering.

One worker thread runs the jobs one after another, so the server has a single writer. It writes
through the held store the readers use (see the concurrency design in `entente.store`): each
batch is one transaction, readers take their own cursors and see a batch entirely or not at all,
so GET requests keep answering while a job loads. A job's status is kept in memory
(`GET /v1/jobs/{id}`); the most recent `KEEP` jobs are remembered.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from entente import __version__
from entente.api.coding import Coder, read_articles
from entente.errors import ApiError, EntenteError
from entente.records import ArticleRecord, Failure
from entente.store import Store

log = logging.getLogger("entente.api")

KEEP = 1000
MAX_MESSAGES = 100  # failure messages kept per job (the count is always exact)
STORE_BATCH = 64  # freshly coded records per store transaction


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class Job:
    """What one POST /v1/articles asked for and how far it got."""

    id: str
    kind: str  # "load" (coded records) or "code" (articles coded first)
    state: str = "queued"  # queued → running → done | failed
    created: str = field(default_factory=_now)
    started: str | None = None
    finished: str | None = None
    records: int = 0
    coded: int = 0
    duplicates: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failures: int = 0
    failure_messages: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def done(self) -> bool:
        return self.state in ("done", "failed")

    def public(self) -> dict[str, Any]:
        return {**asdict(self), "done": self.done, "url": f"/v1/jobs/{self.id}"}

    def fail_one(self, message: str) -> None:
        self.failures += 1
        if len(self.failure_messages) < MAX_MESSAGES:
            self.failure_messages.append(message)


class JobRunner:
    """Queues jobs onto one writer thread and remembers their status."""

    def __init__(self, store: Store, coder: Coder, *, max_pending: int = 16,
                 load_batch: int = 500) -> None:
        self.store = store
        self.coder = coder
        self.max_pending = max_pending
        self.load_batch = load_batch
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="entente-job")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def pending(self) -> int:
        with self._lock:
            return sum(not j.done for j in self._jobs.values())

    def submit_load(self, records: list[ArticleRecord]) -> Job:
        job = self._new("load", len(records))
        self._pool.submit(self._run, job, lambda: self._load(job, records))
        return job

    def submit_code(self, lines: list[bytes], published: str | None) -> Job:
        job = self._new("code", len(lines))
        self._pool.submit(self._run, job, lambda: self._code(job, lines, published))
        return job

    def _new(self, kind: str, records: int) -> Job:
        with self._lock:
            if sum(not j.done for j in self._jobs.values()) >= self.max_pending:
                raise ApiError(f"{self.max_pending} jobs are already waiting or running",
                               status=503, hint="try again when one has finished")
            job = Job(id=uuid.uuid4().hex, kind=kind, records=records)
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP:
                oldest = next((k for k, j in self._jobs.items() if j.done), None)
                if oldest is None:
                    break
                del self._jobs[oldest]
            return job

    def _run(self, job: Job, work: Callable[[], None]) -> None:
        job.state, job.started = "running", _now()
        try:
            work()
            job.state = "done"
        except EntenteError as exc:
            job.state, job.error = "failed", str(exc)
        except Exception as exc:  # a bug: the job says so and the server goes on
            log.error("job %s failed", job.id, exc_info=True)
            job.state, job.error = "failed", f"internal error: {type(exc).__name__}: {exc}"
        finally:
            job.finished = _now()

    def _add(self, job: Job, batch: list[ArticleRecord]) -> None:
        result = self.store.add(batch)
        job.added += result.added
        job.replaced += result.replaced
        job.unchanged += result.unchanged

    def _load(self, job: Job, records: list[ArticleRecord]) -> None:
        for start in range(0, len(records), self.load_batch):
            self._add(job, records[start:start + self.load_batch])

    def _code(self, job: Job, lines: list[bytes], published: str | None) -> None:
        from entente.jobs import dedup

        def duplicate(article: Any, first: str) -> None:
            job.duplicates += 1

        def known(hashes: list[str]) -> set[str]:
            return self.store.seen_hashes(hashes, version=__version__)

        articles = dedup(read_articles(lines, published=published), known=known,
                         on_duplicate=duplicate)
        for batch in _batches(self.coder.code(articles), STORE_BATCH, job):
            self._add(job, batch)

    def close(self) -> None:
        """Finish the running job, drop queued ones."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _batches(items: Iterable[ArticleRecord | Failure], size: int,
             job: Job) -> Iterator[list[ArticleRecord]]:
    batch: list[ArticleRecord] = []
    for item in items:
        if isinstance(item, Failure):
            job.fail_one(f"{item.origin}: {item.message}")
            continue
        job.coded += 1
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
