"""The event pattern lexicon: data files, their schema and the loader.

The files in this folder are the coder's knowledge (see SCHEMA.md beside them):

* `classes.yaml`   named word lists used by constraints ("agreement": agreement, accord, treaty ...);
* `verbs.yaml`     verb and verb + particle/preposition patterns → CAMEO codes;
* `nouns.yaml`     event nouns ("talks", "clashes", "sanctions") → CAMEO codes;
* `governors.yaml` words that take an event as complement ("pledged to", "urged X to",
                   "refused to", "decision to") and turn its code into another one;
* `cues.yaml`      modality, reporting and light-verb word lists.

`Lexicon.load()` reads and checks them; any problem raises `KnowledgeBaseError` naming the file,
the line and the entry id. A user may pass extra files that add or replace entries by id.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import msgspec
import yaml

from entente.errors import KnowledgeBaseError

__all__ = ["Cues", "Governor", "Lexicon", "Pattern"]

FILES = ("classes.yaml", "verbs.yaml", "nouns.yaml", "governors.yaml", "cues.yaml")
# Argument slots a pattern may name: grammatical relations, or any preposition ("with", "to" ...).
RELATION_SLOTS = frozenset({"subj", "obj", "iobj", "poss", "agent", "amod", "compound", "between",
                            "comp_subj", "head_subject", "comp", "pass_subj"})
MAP_SPECIALS = frozenset({"=", "=?", "=!", "-"})


class Pattern(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One trigger pattern. Constraints narrow it; the most specific matching pattern wins."""

    id: str
    lemma: list[str]
    pos: Literal["verb", "noun", "adj"]
    code: str
    prior: float = 0.7
    particle: str | None = None        # compound:prt ("pull *out*", "crack *down*")
    prep: str | None = None            # a required preposition on the trigger ("call *for*")
    object: str | None = None          # class the object (or prep object / noun modifier) is in
    without: str | None = None         # class the object must NOT be in
    subject: str | None = None         # class the subject's head word must be in
    not_subject: str | None = None     # class the subject's head word must NOT be in
    complement: str | None = None      # class the xcomp/ccomp verb's lemma must be in
    governed_by: str | None = None     # class the governing verb must be in (nouns)
    not_governed_by: str | None = None  # class the governing verb must NOT be in (nouns)
    without_prep: list[str] = msgspec.field(default_factory=list)  # none of these on the trigger
    negated_code: str | None = None    # code when negated, asserted ("would not accept" → 12)
    joint_code: str | None = None      # code when two states do it together ("held a drill": 062)
    state_code: str | None = None      # code to use when the source is a state actor
    source: list[str] = msgspec.field(default_factory=list)
    target: list[str] = msgspec.field(default_factory=list)
    reciprocal: bool = False
    needs_target: bool = False
    needs_source: bool = False
    intransitive: bool = False         # no object or clause ("protesters *rallied*", not "it
    #                                    *demonstrates* that ...")
    passive: Literal["any", "no", "only"] = "any"
    note: str = ""
    line: int = 0
    file: str = ""

    @property
    def specificity(self) -> int:
        fields = (self.particle, self.prep, self.object, self.subject, self.complement,
                  self.governed_by, self.without, self.not_subject, self.not_governed_by)
        return sum(f is not None for f in fields) + self.needs_target + bool(self.without_prep)


class Governor(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A word that takes an event as its complement and recodes it.

    `map` goes from a code prefix of the complement event ("07", "072", "*" for any) to the code
    to emit, or to a special value: "=" keep the complement's code, "=?" keep it as hypothetical,
    "=!" keep it as negated, "-" code nothing. `alone` is the code when the complement is not an
    event ("pledged to hold elections"); None codes nothing then.
    """

    id: str
    lemma: list[str]
    pos: Literal["verb", "noun", "adj"]
    map: dict[str, str]
    alone: str | None = None
    prep: str | None = None            # the complement is this preposition's object ("call *for*")
    target: Literal["complement", "object", "comp_subj"] = "complement"
    # The complement clause must carry one of these modals ("said Libya *must* hand over").
    requires_modal: list[str] = msgspec.field(default_factory=list)
    # When the governor itself is negated ("has no plans to send"), "complement" codes the
    # complement event as negated ("send", 07x) instead of a negated intent (03x).
    # "hypothetical": a negated governor leaves the complement open ("would not *rule out*
    # sanctions": the sanctions are hypothetical).
    negation: Literal["self", "complement", "hypothetical"] = "self"
    # Also code the governor word's own pattern ("*denied* that it attacked": 016 as well).
    keeps_own: bool = False
    # Whose act the frame is: "complement" (the complement's subject: "X pledged to send") or
    # "governor" (the governor's subject acts on the complement's: "X demanded that Y leave").
    source: Literal["complement", "governor"] = "complement"
    # Which complements it takes: any clause, or only an infinitive ("told X *to* leave", not
    # "told X *that* ...", which is reported speech).
    clause: Literal["any", "infinitive"] = "any"
    # Only when the governor word is itself negated ("would *not hesitate* to strike").
    requires_negation: bool = False
    # `alone` only when the governor has a clause complement ("urged X *to* keep calm").
    alone_needs_clause: bool = False
    # Code for a negated conflictual complement ("agreed *not* to use force": 0356), asserted.
    abstain_code: str | None = None
    prior: float = 0.75
    note: str = ""
    line: int = 0
    file: str = ""

    def recode(self, code: str | None) -> str | None:
        """The code this governor gives a complement event of `code` (None: not an event)."""
        if code is None:
            return self.alone
        return recode(self.map, code)


def recode(table: dict[str, str], code: str) -> str | None:
    """Look a code up in a recoding table by longest prefix, then "*"."""
    for n in range(len(code), 0, -1):
        if code[:n] in table:
            return table[code[:n]]
    return table.get("*")


class Cues(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Word lists for modality, reporting and light verbs (lemmas, lower case)."""

    negators: list[str]
    negating_verbs: list[str]
    negating_nouns: list[str]
    modals: list[str]
    hypothetical_verbs: list[str]
    hypothetical_adjectives: list[str]
    conditional_marks: list[str]
    future_aux: list[str]
    reporting_verbs: list[str]
    light_verbs: list[str]
    statement_verbs: list[str]
    localised_roles: list[str] = msgspec.field(default_factory=list)
    sourceless_roots: list[str] = msgspec.field(default_factory=list)
    # None (the default, for user cue files) keeps target-less events of every root.
    targetless_roots: list[str] | None = None
    non_agents: list[str] = msgspec.field(default_factory=list)
    # Words whose negation affirms: "would not hesitate to strike" promises the strike.
    litotes: list[str] = msgspec.field(default_factory=list)
    irregular: dict[str, str] = msgspec.field(default_factory=dict)


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records the line of every mapping as `line` (for error messages).

    It also reads `on`, `off`, `yes` and `no` as words, not booleans (YAML 1.1 would turn the
    preposition "on" and the negator "no" into True/False); only `true`/`false` are booleans.
    """


_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=True)
    mapping.setdefault("line", node.start_mark.line + 1)
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _read(name: str, text: str) -> Any:
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"not valid YAML: {exc}", where=name) from None


def _entry(kind: type[Any], raw: dict[str, Any], name: str) -> Any:
    raw = dict(raw)
    if kind is not Cues:
        raw["file"] = name
    for key in ("lemma", "source", "target") if kind is Pattern else ("lemma",):
        if key in raw:
            raw[key] = _as_list(raw[key])
    if "map" in raw:
        raw["map"] = {str(k): str(v) for k, v in raw["map"].items() if k != "line"}
    try:
        return msgspec.convert(raw, kind)
    except msgspec.ValidationError as exc:
        where = f"{name}:{raw.get('line', '?')}"
        raise KnowledgeBaseError(f"entry {raw.get('id', '?')!r}: {exc}", where=where) from None


class Lexicon:
    """Patterns indexed by trigger word, governors, word classes and cues."""

    def __init__(self, patterns: Sequence[Pattern], governors: Sequence[Governor],
                 classes: dict[str, frozenset[str]], cues: Cues, version: str = "",
                 recoders: dict[str, dict[str, str]] | None = None):
        self.patterns = list(patterns)
        self.recoders = recoders or {}
        self.governors = list(governors)
        self.classes = classes
        self.cues = cues
        self.version = version
        self._by_word: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for p in self.patterns:
            for word in p.lemma:
                self._by_word[(p.pos, word)].append(p)
        self._gov: dict[tuple[str, str], list[Governor]] = defaultdict(list)
        for g in self.governors:
            for word in g.lemma:
                self._gov[(g.pos, word)].append(g)

    # -- lookups ------------------------------------------------------------------------------
    def keys(self, words: Iterable[str]) -> list[str]:
        """Lookup keys for a token's words, adding the lemma of irregular forms ("withdrew")."""
        out = list(words)
        irregular = self.cues.irregular
        out += [irregular[w] for w in out if w in irregular]
        return out

    def patterns_for(self, pos: str, words: Iterable[str]) -> list[Pattern]:
        seen: dict[str, Pattern] = {}
        for w in self.keys(words):
            for p in self._by_word.get((pos, w), ()):
                seen.setdefault(p.id, p)
        return list(seen.values())

    def governors_for(self, pos: str, words: Iterable[str]) -> list[Governor]:
        seen: dict[str, Governor] = {}
        for w in self.keys(words):
            for g in self._gov.get((pos, w), ()):
                seen.setdefault(g.id, g)
        return list(seen.values())

    def recode(self, table: str, code: str) -> str | None:
        """Recode with a named table (`recoders` in governors.yaml): "future", "threat"."""
        return recode(self.recoders.get(table, {}), code)

    def verb_words(self) -> frozenset[str]:
        """Every verb the lexicon knows as a trigger, a governor or a light verb."""
        out = {w for p in self.patterns if p.pos == "verb" for w in p.lemma}
        out |= {w for g in self.governors if g.pos == "verb" for w in g.lemma}
        return frozenset(out | set(self.cues.light_verbs))

    def past_forms(self) -> dict[str, str]:
        """Lemma → simple past of the irregular verbs (cues.yaml lists the past tense before
        the participle: "took" before "taken")."""
        out: dict[str, str] = {}
        for form, lemma in self.cues.irregular.items():
            out.setdefault(lemma, form)
        return out

    def in_class(self, name: str, word: str) -> bool:
        return word in self.classes.get(name, ())

    def codes(self) -> set[str]:
        """Every code the lexicon can emit (patterns, state codes and governor maps)."""
        out = {p.code for p in self.patterns}
        out |= {p.state_code for p in self.patterns if p.state_code}
        out |= {p.negated_code for p in self.patterns if p.negated_code}
        out |= {p.joint_code for p in self.patterns if p.joint_code}
        out |= {g.abstain_code for g in self.governors if g.abstain_code}
        for table in self.recoders.values():
            out |= {v for v in table.values() if v not in MAP_SPECIALS}
        for g in self.governors:
            out |= {v for v in g.map.values() if v not in MAP_SPECIALS}
            if g.alone:
                out.add(g.alone)
        return out

    # -- loading ------------------------------------------------------------------------------
    @classmethod
    def load(cls, extra_paths: Sequence[str | Path] = ()) -> Lexicon:
        """The packaged lexicon, plus user files that add or replace entries by id."""
        base = resources.files("entente.events.lexicon")
        texts = [(name, base.joinpath(name).read_text("utf-8")) for name in FILES]
        texts += [(str(p), Path(p).read_text("utf-8")) for p in extra_paths]
        return cls.from_texts(texts)

    @classmethod
    def from_texts(cls, texts: Sequence[tuple[str, str]]) -> Lexicon:
        patterns: dict[str, Pattern] = {}
        governors: dict[str, Governor] = {}
        classes: dict[str, frozenset[str]] = {}
        cues: Cues | None = None
        recoders: dict[str, dict[str, str]] = {}
        digest = hashlib.sha256()
        for name, text in texts:
            digest.update(text.encode("utf-8"))
            data = _read(name, text) or {}
            if not isinstance(data, dict):
                raise KnowledgeBaseError("top level must be a mapping", where=name)
            for cname, words in (data.get("classes") or {}).items():
                if cname != "line":
                    classes[cname] = frozenset(w.lower() for w in _as_list(words))
            for raw in data.get("patterns") or []:
                p = _entry(Pattern, raw, name)
                if p.id in patterns and patterns[p.id].file == name:
                    raise KnowledgeBaseError(f"duplicate pattern id {p.id!r}", where=f"{name}:{p.line}")
                patterns[p.id] = p
            for raw in data.get("governors") or []:
                g = _entry(Governor, raw, name)
                if g.id in governors and governors[g.id].file == name:
                    raise KnowledgeBaseError(f"duplicate governor id {g.id!r}", where=f"{name}:{g.line}")
                governors[g.id] = g
            for rname, table in (data.get("recoders") or {}).items():
                if rname != "line":
                    recoders[rname] = {str(k): str(v) for k, v in table.items() if k != "line"}
            if "cues" in data:
                raw_cues: dict[str, Any] = {}
                for k, v in data["cues"].items():
                    if k == "line":
                        continue
                    if isinstance(v, dict):
                        raw_cues[k] = {str(a): str(b) for a, b in v.items() if a != "line"}
                    else:
                        raw_cues[k] = _as_list(v)
                cues = _entry(Cues, raw_cues, name)
        if cues is None:
            raise KnowledgeBaseError("no `cues` section found", where=texts[0][0] if texts else "")
        lex = cls(list(patterns.values()), list(governors.values()), classes, cues,
                  version=digest.hexdigest()[:12], recoders=recoders)
        lex.check()
        return lex

    def check(self) -> None:
        """Cross-checks: every class named exists, every code is in the codebook."""
        from entente.events import codebook

        book = codebook.load()
        for p in self.patterns:
            where = f"{p.file}:{p.line}"
            for field in (p.object, p.without, p.subject, p.complement, p.governed_by,
                          p.not_subject, p.not_governed_by):
                if field is not None and field not in self.classes:
                    raise KnowledgeBaseError(f"pattern {p.id!r} names unknown class {field!r}",
                                             where=where)
            for code in (p.code, p.state_code, p.negated_code, p.joint_code):
                if code is not None and code not in book:
                    raise KnowledgeBaseError(f"pattern {p.id!r}: code {code!r} not in codebook",
                                             where=where)
            for slot in (*p.source, *p.target):
                if slot not in RELATION_SLOTS and not slot.removesuffix("_deep").isalpha():
                    raise KnowledgeBaseError(f"pattern {p.id!r}: bad slot {slot!r}", where=where)
        for g in self.governors:
            where = f"{g.file}:{g.line}"
            for key, value in g.map.items():
                if value not in MAP_SPECIALS and value not in book:
                    raise KnowledgeBaseError(f"governor {g.id!r}: {key} → {value!r} not in codebook",
                                             where=where)
            if g.abstain_code is not None and g.abstain_code not in book:
                raise KnowledgeBaseError(f"governor {g.id!r}: abstain_code not in codebook",
                                         where=where)
            if g.alone is not None and g.alone not in book:
                raise KnowledgeBaseError(f"governor {g.id!r}: alone {g.alone!r} not in codebook",
                                         where=where)
        for name, table in self.recoders.items():
            for key, value in table.items():
                if value not in MAP_SPECIALS and value not in book:
                    raise KnowledgeBaseError(f"recoder {name!r}: {key} → {value!r} not in codebook",
                                             where="governors.yaml")
        for name in ("future", "threat"):
            if name not in self.recoders:
                raise KnowledgeBaseError(f"recoder {name!r} missing", where="governors.yaml")
