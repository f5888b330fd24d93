"""Why a string resolves the way it does (`entente actor --explain`): the aliases that matched,
the candidate entries with their source file and line, the choice made and its reason, and for a
person the office term that decides the code on the date."""

from __future__ import annotations

from datetime import date
from typing import Any

from entente.actors.choose import choose
from entente.actors.timeline import active_terms


def explain(resolver: Any, text: str, on: date | None = None) -> dict[str, Any]:
    """A JSON-ready account of how `text` resolves on `on` (None: the knowledge base's date)."""
    kb = resolver.kb
    day = on or kb.as_of
    actor = resolver.resolve(text, day)
    out: dict[str, Any] = {"text": text, "date": day.isoformat(), "kb_version": kb.version,
                           "actor": _actor(actor)}
    aliases = kb.lookup(text)
    if not aliases:
        mentions = resolver.mentions(resolver.tokenizer(text), day)
        out["how"] = "phrase rules over the words (no single name matched the whole text)"
        out["mentions"] = [{"text": m.actor.text, "kind": m.kind, "key": m.key, "sector": m.sector,
                            "title": m.title, "actor": _actor(m.actor)} for m in mentions]
        return out
    choice = choose(kb, aliases, text, day=day)
    out["matched"] = [{"alias": a.text, "kind": a.kind, "entry": a.key, "source": a.source}
                      for a in aliases]
    out["candidates"] = [_entry(kb, kb.entries[k], day) for k in dict.fromkeys(a.key for a in aliases)]
    out["chosen"] = [e.id for e in choice.entries]
    out["reason"] = choice.reason
    return out


def _entry(kb: Any, entry: Any, day: date) -> dict[str, Any]:
    info: dict[str, Any] = {"id": entry.id, "type": entry.type, "name": entry.name,
                            "source": entry.source}
    if entry.type == "person":
        terms = active_terms(kb, entry, day)
        info["term_on_date"] = ({"office": terms[0].office, "of": terms[0].of,
                                 "start": _iso(terms[0].start), "end": _iso(terms[0].end),
                                 "source": terms[0].source} if terms else None)
        if not terms and entry.terms:
            info["why"] = "no office on this date: coded as a former official (ELI) of " + (
                entry.nat or "unknown country")
        info["terms"] = len(entry.terms)
    if entry.codes:
        info["codes"] = [{"code": c.code, "start": _iso(c.start), "end": _iso(c.end)}
                         for c in entry.codes]
    return info


def _actor(actor: Any) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {f: getattr(actor, f) for f in ("text", "name", "code", "country", "org", "role", "id")}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
