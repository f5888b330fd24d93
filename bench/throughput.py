"""Benchmark: end-to-end coding throughput, where the time goes, and memory against corpus size.

    .venv/bin/python bench/throughput.py --shared ../shared [--reuters 300] [--quick]

Builds a corpus at run time in a temporary folder (nothing from SHARED is copied into the repo):
the Wikinews 2019-2020 articles and a slice of Reuters-21578 (NORM stories naming two or more
places, i.e. trade and diplomacy; research use only), as one JSONL file. Then, in one run:

  baseline   spaCy's blank English tokenizer over the same article texts (the reference speed)
  e2e        `entente.scale.code_dataset` end to end (read, clean, parse, resolve actors, quotes,
             events, write Parquet, load the DuckDB store) for full/fast × 1/2 workers, each in a
             fresh process whose process tree's peak RSS is sampled (psutil)
  stages     per-stage seconds of one in-process run (ingest, nlp, actors, coref, quotes, events,
             record assembly, Parquet, store) and a cProfile top list (own time), plus own time
             summed by package
  memory     peak RSS coding a synthetic corpus of N and 10×N articles (bench articles with a
             unique sentence added, so none is a duplicate) end to end into Parquet and the
             store: with a stub engine (blank tokenizer + sentencizer, a few events per article
             from cue words; N=2000: the streaming machinery) and with the real fast-path engine
             (N=--memory-real, small on 2 cores: the real stages' caches)

Speeds are articles/s and words/s, and ratios to the tokenizer measured in the same run, so that
machines compare. `steady` excludes the one-off model load; `wall` includes it (and the start of
worker processes). `articles per CPU-second` divides by the CPU time (user + system) of the run's
process tree: on a machine shared with other work it says what one idle core would do. Results: a table on stdout and bench/results/throughput.json.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import wikinews  # bench/wikinews.py (scripts run with bench/ on sys.path)

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "throughput.json"
TYPICAL_WORDS = 600  # "news articles of typical length"


# -- corpus -------------------------------------------------------------------------------------
def read_wikinews(shared: Path) -> list[dict[str, Any]]:
    return [{"id": r.id.replace(":", "-"), "title": r.title, "text": r.body,
             "published": r.published, "url": r.url, "source": "Wikinews"}
            for r in wikinews.rows(shared) if r.body]


def read_reuters(shared: Path, limit: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    path = shared / "datasets" / "reuters21578_research_only" / "reuters21578.jsonl"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["text_type"] == "NORM" and r["text"].strip() and len(r["places"]) >= 2:
                out.append({"id": f"reuters-{r['newid']}", "title": r["title"],
                            "text": r["text"], "published": (r["date"] or "")[:10] or None,
                            "source": "Reuters"})
            if len(out) >= limit:
                break
    return out


def write_jsonl(records: list[dict[str, Any]] | Iterator[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")
    return path


def synthetic(records: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    """n articles cycling through `records`, each made unique by a sentence of its own."""
    for i in range(n):
        r = records[i % len(records)]
        yield {**r, "id": f"{r['id']}-s{i}",
               "text": f"{r['text']}\n\nThis is synthetic copy number {i} of the story."}


def article_texts(corpus: Path) -> list[str]:
    from entente.ingest import read_inputs
    from entente.records import Article

    return [a.text for a in read_inputs([str(corpus)]) if isinstance(a, Article)]


# -- measuring ----------------------------------------------------------------------------------
class RssSampler:
    """Peak resident memory of a process and all its descendants, sampled every 50 ms."""

    def __init__(self, pid: int):
        import psutil

        self.proc = psutil.Process(pid)
        self.peak_total = self.peak_process = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                sizes = []
                for p in procs:
                    with contextlib.suppress(psutil.Error):  # a worker may end meanwhile
                        sizes.append(p.memory_info().rss)
                self.peak_total = max(self.peak_total, sum(sizes))
                self.peak_process = max(self.peak_process, max(sizes, default=0))
            except psutil.Error:
                return
            self._stop.wait(0.05)

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        return {"peak_rss_mb": round(self.peak_total / 2**20, 1),
                "peak_rss_per_process_mb": round(self.peak_process / 2**20, 1)}


def run_child(spec: dict[str, Any]) -> dict[str, Any]:
    """Run `spec` in a fresh Python process; its JSON answer plus the tree's peak RSS."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", json.dumps(spec)],
                            stdout=subprocess.PIPE, text=True)
    sampler = _sampler(proc.pid)  # psutil is in the dev extra; without it, no memory figures
    out, _ = proc.communicate()
    if proc.returncode != 0 or not out.strip():  # reported in the results; the run goes on
        if sampler is not None:
            sampler.stop()
        return {"error": f"child {spec['mode']} failed (exit {proc.returncode}); see stderr"}
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    if sampler is not None:
        result.update(sampler.stop())
    return result


def baseline(texts: list[str]) -> dict[str, Any]:
    import spacy

    blank = spacy.blank("en")
    words = sum(1 for doc in blank.pipe(texts) for t in doc if not t.is_space)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _doc in blank.pipe(texts):
            pass
        best = min(best, time.perf_counter() - start)
    return {"articles": len(texts), "words": words, "seconds": round(best, 3),
            "articles_per_s": round(len(texts) / best, 1), "words_per_s": round(words / best)}


# -- children -----------------------------------------------------------------------------------
def child_e2e(spec: dict[str, Any]) -> dict[str, Any]:
    """One end-to-end run: code the corpus into a dataset, then load it into a store."""
    from entente.scale import ShardConfig, code_dataset, load_dataset
    from entente.scale.engines import warm

    work = Path(spec["work"])
    config = ShardConfig(fast=spec["fast"])
    t0 = time.perf_counter()
    engine = warm(ENGINES[spec.get("engine", "real")](spec["fast"])) \
        if spec["workers"] == 1 else None
    load_s = time.perf_counter() - t0
    cpu0 = cpu_seconds()
    coding = _sampler(os.getpid())
    t1 = time.perf_counter()
    summary = code_dataset([spec["corpus"]], str(work / "out"), config=config,
                           workers=spec["workers"], engine=engine)
    t2 = time.perf_counter()
    coding_peak = coding.stop()["peak_rss_mb"] if coding is not None else None
    stored = load_dataset(str(work / "out"), str(work / "store.duckdb"))
    store_s = time.perf_counter() - t2
    cpu = cpu_seconds() - cpu0
    span = shard_span(work / "out")
    return {"workers": spec["workers"], "fast": spec["fast"], "shards": summary.shards,
            "cross_duplicates": summary.cross_duplicates, **dataset_digest(work / "out"),
            "read": summary.counts.read, "coded": summary.counts.coded,
            "events": summary.counts.events, "quotes": summary.counts.quotes,
            "actors": summary.counts.actors, "failures": summary.counts.failures,
            "stored": stored.added, "model_load_s": round(load_s, 2),
            "code_s": round(t2 - t1, 2), "shard_span_s": round(span, 2),
            "store_s": round(store_s, 2), "steady_s": round(min(span, t2 - t1) + store_s, 2),
            "wall_s": round(t2 - t0 + store_s, 2), "cpu_s": round(cpu, 2),
            "peak_rss_coding_mb": coding_peak}


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished children (pool workers)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def dataset_digest(out: Path) -> dict[str, Any]:
    """Articles and events kept in the dataset, and a digest of its events as a multiset: runs
    over the same corpus with the same settings must agree whatever the workers and shards.

    Streaming, so the benchmark's own memory does not grow with the corpus (keeping every
    event's JSON to sort it cost 160 MB at 2,000 articles, 320 MB at 20,000, counted in the
    peak RSS). Each event's JSON line is hashed (SHA-256) and the hashes are added modulo
    2**256: the sum is the same for the same events in any order or sharding, an event kept
    twice counts twice, and each event costs one hash, nothing held."""
    import hashlib

    from entente.records import to_json
    from entente.scale import read_dataset

    articles = events = total = 0
    for record in read_dataset(str(out)):
        articles += 1
        for event in record.events:
            events += 1
            total += int.from_bytes(hashlib.sha256(to_json(event)).digest(), "big")
    digest = (total % 2**256).to_bytes(32, "big").hex()[:16]
    return {"articles_kept": articles, "events_kept": events, "events_sha256": digest}


def _engine(fast: bool) -> Any:
    from entente.pipeline import Engine

    return Engine(fast=fast)


def stub_engine(fast: bool = True) -> Any:
    """Tokens and rule-based sentences only, and one event per cue word: the machinery around
    the stages (ingest, dedup, records, Parquet, store) at full speed."""
    import spacy

    from entente.pipeline import Engine

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Engine(nlp=nlp, kb=object(), resolver=_NoMentions(), coder=_CueCoder(),
                  quoter=lambda doc, mentions, article_id, published=None: [],
                  coref=lambda doc, mentions: [])


class _NoMentions:
    def mentions(self, doc: Any, ref_date: Any) -> list[Any]:
        return []


class _CueCoder:
    """One event per cue word, between two countries picked by a hash of the article id and the
    sentence (so dyads spread over the store as real ones do, instead of one giant dyad)."""

    CUES: ClassVar[dict[str, tuple[str, str]]] = {
        "said": ("010", "01"), "met": ("040", "04"), "signed": ("057", "05"),
        "agreed": ("030", "03"), "killed": ("190", "19"), "visited": ("042", "04")}
    COUNTRIES = ("USA", "CHN", "RUS", "FRA", "DEU", "GBR", "JPN", "IND", "BRA", "TUR", "IRN",
                 "IRQ", "SYR", "ISR", "PSE", "EGY", "SAU", "UKR", "POL", "ITA", "ESP", "CAN",
                 "MEX", "ARG", "NGA", "ZAF", "KEN", "ETH", "PAK", "AFG", "KOR", "PRK", "VNM",
                 "IDN", "PHL", "AUS", "NZL", "GRC", "AZE", "ARM")

    def code(self, doc: Any, mentions: Any, quotes: Any, article: Any) -> list[Any]:
        from entente.records import Actor, Event, Evidence, Plover

        events = []
        for i, sent in enumerate(doc.sents):
            for tok in sent:
                if tok.lower_ in self.CUES and len(events) < 20:
                    cameo, root = self.CUES[tok.lower_]
                    start = tok.idx - sent.start_char
                    pick = zlib.crc32(f"{article.id}:{i}".encode())
                    source = self.COUNTRIES[pick % len(self.COUNTRIES)]
                    target = self.COUNTRIES[(pick // 64) % len(self.COUNTRIES)]
                    events.append(Event(
                        id=f"{article.id}:{i}:{len(events)}", sentence=i, text=sent.text,
                        source=Actor(text=source, code=source), target=Actor(text=target,
                        code=target), cameo=cameo, root=root, quad_class=1, goldstein=1.0,
                        plover=Plover(), modality="asserted", date=article.published,
                        date_from="published", location=None, attribution=None,
                        evidence=Evidence(trigger=tok.text, start=start,
                                          end=start + len(tok.text), rule="stub"),
                        confidence=0.5))
        return events


ENGINES: dict[str, Callable[[bool], Any]] = {"real": lambda fast: _engine(fast),
                                             "stub": stub_engine}


def shard_span(out: Path) -> float:
    """Seconds from the first shard's start to the last one's end (excludes worker start-up)."""
    from datetime import datetime

    starts, ends = [], []
    for path in out.glob("part-*.manifest.json"):
        m = json.loads(path.read_text())
        starts.append(datetime.fromisoformat(m["started"]))
        ends.append(datetime.fromisoformat(m["finished"]))
    return (max(ends) - min(starts)).total_seconds() if starts else 0.0


def _sampler(pid: int) -> RssSampler | None:
    """A sampler of this process tree (ru_maxrss would not do: Linux carries the parent's
    high-water mark across fork and exec)."""
    try:
        return RssSampler(pid)
    except ImportError:
        return None


def child_memory(spec: dict[str, Any]) -> dict[str, Any]:
    spec = {**spec, "workers": 1, "fast": True}
    return {"articles": spec["n"], **child_e2e(spec)}


# -- where the time goes ------------------------------------------------------------------------
class Timers:
    """Seconds spent inside wrapped calls and generators, by stage name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, name: str, dt: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + dt

    def call(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kw: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*args, **kw)
            finally:
                self.add(name, time.perf_counter() - t)
        return timed

    def gen(self, name: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        def timed(*args: Any, **kw: Any) -> Iterator[Any]:
            it = iter(fn(*args, **kw))
            while True:
                t = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    self.add(name, time.perf_counter() - t)
                    return
                self.add(name, time.perf_counter() - t)
                yield item
        return timed


class _Method:
    """An object whose one method is timed (the resolver's `mentions`, the coder's `code`)."""

    def __init__(self, inner: Any, method: str, timed: Callable[..., Any]):
        self._inner = inner
        setattr(self, method, timed)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def timed_engine(fast: bool, timers: Timers) -> Any:
    from entente.scale.engines import warm

    engine = warm(_engine(fast))
    d = engine.__dict__  # the Engine's stages are cached properties: replace them with proxies
    d["resolver"] = _Method(engine.resolver, "mentions",
                            timers.call("actors", engine.resolver.mentions))
    d["coder"] = _Method(engine.coder, "code", timers.call("events", engine.coder.code))
    d["quoter"] = timers.call("quotes", engine.quoter)
    d["coref"] = timers.call("coref", engine.coref)
    engine._pipe = timers.gen("nlp", engine._pipe)
    engine.record = timers.call("after nlp", engine.record)
    return engine


def stage_profile(corpus: Path, fast: bool, work: Path) -> dict[str, Any]:
    """Per-stage seconds of one in-process run over `corpus` (writing Parquet, then the store)."""
    import entente.scale.job as job
    from entente.scale import ShardConfig, code_dataset, load_dataset
    from entente.store.parquet import ParquetRecordWriter

    timers = Timers()
    engine = timed_engine(fast, timers)

    class TimedWriter(ParquetRecordWriter):
        write = timers.call("parquet", ParquetRecordWriter.write)
        close = timers.call("parquet", ParquetRecordWriter.close)

    saved = job.read_parts, job.ParquetRecordWriter
    job.read_parts = timers.gen("ingest", job.read_parts)  # type: ignore[assignment]
    job.ParquetRecordWriter = TimedWriter  # type: ignore[misc]
    try:
        t = time.perf_counter()
        code_dataset([str(corpus)], str(work / "out"), config=ShardConfig(fast=fast),
                     engine=engine)
        total = time.perf_counter() - t
    finally:
        job.read_parts, job.ParquetRecordWriter = saved  # type: ignore[misc]
    t = time.perf_counter()
    load_dataset(str(work / "out"), str(work / "store.duckdb"))
    timers.add("store", time.perf_counter() - t)
    return _stage_table(timers.seconds, total)


def _stage_table(s: dict[str, float], total: float) -> dict[str, Any]:
    inner = sum(s.get(k, 0.0) for k in ("actors", "coref", "quotes", "events"))
    stages = {"ingest": s.get("ingest", 0.0), "nlp": s.get("nlp", 0.0),
              "actors": s.get("actors", 0.0), "coref": s.get("coref", 0.0),
              "quotes": s.get("quotes", 0.0), "events": s.get("events", 0.0),
              "record assembly": s.get("after nlp", 0.0) - inner,
              "parquet": s.get("parquet", 0.0)}
    stages["other (dedup, counting, planning)"] = total - sum(stages.values())
    stages["store"] = s.get("store", 0.0)
    grand = sum(stages.values())
    return {name: {"seconds": round(v, 3), "share": round(v / grand, 4)}
            for name, v in stages.items()}


def cprofile_top(corpus: Path, fast: bool, work: Path, top: int = 25) -> dict[str, Any]:
    import cProfile
    import pstats

    from entente.scale import ShardConfig, code_dataset
    from entente.scale.engines import warm

    engine = warm(_engine(fast))
    prof = cProfile.Profile()
    prof.enable()
    code_dataset([str(corpus)], str(work / "prof"), config=ShardConfig(fast=fast), engine=engine)
    prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows, by_package = [], {}
    for (file, line, func), (_, calls, own, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((own, cum, calls, f"{_short(file)}:{line}({func})"))
        by_package[_package(file)] = by_package.get(_package(file), 0.0) + own
    rows.sort(reverse=True)
    total = sum(by_package.values())
    return {"top_own_time": [{"function": f, "calls": c, "own_s": round(o, 3),
                              "cumulative_s": round(cu, 3)} for o, cu, c, f in rows[:top]],
            "own_time_by_package": {k: round(v / total, 4) for k, v in
                                    sorted(by_package.items(), key=lambda kv: -kv[1])[:15]}}


def _short(file: str) -> str:
    for marker in ("site-packages/", "src/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def _package(file: str) -> str:
    short = _short(file)
    if short.startswith("entente/"):
        return "/".join(short.split("/")[:2])
    if short.startswith(("~", "<")):
        return "builtins (C)"
    return short.split("/", 1)[0]


# -- the run ------------------------------------------------------------------------------------
def measure(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    records = read_wikinews(args.shared) + read_reuters(args.shared, args.reuters)
    corpus = write_jsonl(records, work / "corpus.jsonl")
    texts = article_texts(corpus)
    base = baseline(texts)
    result: dict[str, Any] = {"machine": machine(), "corpus": {
        "articles": len(texts), "words": base["words"],
        "words_per_article": round(base["words"] / len(texts)),
        "wikinews": sum(r["source"] == "Wikinews" for r in records),
        "reuters": sum(r["source"] == "Reuters" for r in records)}, "baseline": base}
    result["e2e"] = {}
    for fast, workers in args.configs:
        name = f"{'fast' if fast else 'full'} x{workers}"
        sub = work / name.replace(" ", "-")
        sub.mkdir()
        r = run_child({"mode": "e2e", "corpus": str(corpus), "work": str(sub), "fast": fast,
                       "workers": workers})
        result["e2e"][name] = r if "error" in r else {**r, **rates(r, base)}
        print(f"  {name}: {result['e2e'][name].get('articles_per_s', r.get('error'))} "
              "articles/s", file=sys.stderr)
        save(result, args.out)
    small = write_jsonl(records[:args.profile], work / "profile.jsonl")
    for fast in (False, True):
        sub = work / f"stages-{fast}"
        sub.mkdir()
        result[f"stages {'fast' if fast else 'full'}"] = stage_profile(small, fast, sub)
        save(result, args.out)
    result["cprofile fast"] = cprofile_top(small, True, work)
    result["memory"] = memory(records, work, args.memory, "stub")
    save(result, args.out)
    if args.memory_real:
        result["memory real fast"] = memory(records, work, args.memory_real, "real")
        save(result, args.out)
    return result


def save(result: dict[str, Any], path: Path) -> None:
    """Write what is measured so far (a long run that stops half way still leaves numbers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1) + "\n")


def rates(r: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    words = base["words"] * r["coded"] / max(1, base["articles"])
    steady, wall = max(r["steady_s"], 1e-9), max(r["wall_s"], 1e-9)
    wps = words / steady
    per_cpu = r["read"] / max(r["cpu_s"], 1e-9)
    return {"articles_per_s": round(r["read"] / steady, 2),
            "articles_per_cpu_s": round(per_cpu, 2),
            "articles_per_s_on_idle_cores": round(per_cpu * r["workers"], 2),
            "articles_per_s_wall": round(r["read"] / wall, 2), "words_per_s": round(wps),
            "articles_per_s_at_600_words": round(wps / TYPICAL_WORDS, 2),
            "ratio_to_tokenizer": round(wps / base["words_per_s"], 5)}


def memory(records: list[dict[str, Any]], work: Path, n: int, engine: str) -> dict[str, Any]:
    out: dict[str, Any] = {"engine": engine}
    for size in (n, 10 * n):
        corpus = write_jsonl(synthetic(records, size), work / f"synthetic-{size}.jsonl")
        sub = work / f"memory-{engine}-{size}"
        sub.mkdir()
        out[str(size)] = run_child({"mode": "memory", "n": size, "corpus": str(corpus),
                                    "work": str(sub), "engine": engine})
        corpus.unlink()
        print(f"  memory {engine} {size}: {out[str(size)].get('peak_rss_mb')} MB",
              file=sys.stderr)
    a, b = out[str(n)], out[str(10 * n)]
    if a.get("peak_rss_mb") and b.get("peak_rss_mb"):
        out["ratio_10x_to_1x"] = round(b["peak_rss_mb"] / a["peak_rss_mb"], 3)
        out["coding_ratio_10x_to_1x"] = round(b["peak_rss_coding_mb"] /
                                              a["peak_rss_coding_mb"], 3)
    return out


def machine() -> dict[str, Any]:
    import platform

    return {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(), "load_average": [round(x, 2) for x in
                                                                 os.getloadavg()]}


def table(result: dict[str, Any]) -> str:
    b = result["baseline"]
    lines = [f"corpus: {result['corpus']['articles']} articles, {result['corpus']['words']} words"
             f" ({result['corpus']['words_per_article']}/article); machine: "
             f"{result['machine']['cpus']} CPUs, load {result['machine']['load_average']}",
             f"{'run':<12}{'art/s':>8}{'art/s@600w':>12}{'words/s':>10}{'x tokenizer':>13}"
             f"{'wall art/s':>12}{'art/cpu-s':>11}{'peak RSS MB':>13}",
             f"{'tokenizer':<12}{b['articles_per_s']:>8}{'':>12}{b['words_per_s']:>10}"
             f"{1.0:>13}{'':>12}{'':>11}{'':>13}"]
    for name, r in result["e2e"].items():
        if "error" in r:
            lines.append(f"{name:<12}{r['error']}")
            continue
        lines.append(f"{name:<12}{r['articles_per_s']:>8}{r['articles_per_s_at_600_words']:>12}"
                     f"{r['words_per_s']:>10}{r['ratio_to_tokenizer']:>13}"
                     f"{r['articles_per_s_wall']:>12}{r['articles_per_cpu_s']:>11}"
                     f"{r.get('peak_rss_mb', '?'):>13}")
    for key in ("stages full", "stages fast"):
        if key in result:
            shares = ", ".join(f"{k} {v['share']:.0%}" for k, v in result[key].items())
            lines.append(f"{key}: {shares}")
    for key in ("memory", "memory real fast"):
        m = result.get(key, {})
        sizes = [k for k in m if k.isdigit()]
        if sizes:
            lines.append(f"memory ({m['engine']} engine): " + ", ".join(
                f"{k} articles {m[k].get('peak_rss_mb')} MB "
                f"(coding {m[k].get('peak_rss_coding_mb')} MB)" for k in sizes)
                + f", ratio {m.get('ratio_10x_to_1x', '?')} (coding "
                f"{m.get('coding_ratio_10x_to_1x', '?')})")
    return "\n".join(lines)


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--reuters", type=int, default=300, help="Reuters stories in the corpus")
    ap.add_argument("--profile", type=int, default=80, help="articles in the stage profile")
    ap.add_argument("--memory", type=int, default=2000,
                    help="N of the N vs 10N memory check (stub engine)")
    ap.add_argument("--memory-real", type=int, default=100,
                    help="N of the N vs 10N memory check with the real fast engine (0: skip)")
    ap.add_argument("--quick", action="store_true",
                    help="small run: 40 Reuters, fast x1 and x2 only, memory 200 vs 2000")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    args.configs = [(False, 1), (True, 1), (True, 2), (False, 2)]
    if args.quick:
        args.reuters, args.profile, args.memory, args.memory_real = 40, 30, 200, 0
        args.configs = [(True, 1), (True, 2)]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.child:
        spec = json.loads(args.child)
        print(json.dumps((child_memory if spec["mode"] == "memory" else child_e2e)(spec)))
        return 0
    if not (args.shared / "datasets" / "wikinews_2019_2020").is_dir():
        print(f"skipped: {args.shared}/datasets is absent", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory(prefix="entente-bench-") as tmp:
        result = measure(args, Path(tmp))
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
