"""Training the scenario ranker (build time only: tools/train_matcher.py and the tests).

Never imported when a question is asked; the runtime reads the model this writes
(data/matching/model.json) through protocol_cli.sources.ranker and ranks with protocol_cli.deciding.matching.

The training texts of a scenario: its example questions (data/matching/examples.toml), its
title, summary, aliases, question prompts and option labels, the text of every clause its rules
cite (not the "seek advice" clauses every silent protocol cites), and the training stories
(data/training/cases.toml). The examples under [no-scenario] teach the model what no scenario
covers.

The model: for each class (scenario, or NO_SCENARIO), everything written for it taken as one
document; each feature's weight in a class is its BM25 weight there (a word pair counting
PAIR_WEIGHT of a word), so a question's BM25 score is the sum over its distinct features. Beside
it, a naive Bayes model over the same features, each text a document: it weighs how often a
feature comes up in a scenario's texts against the rest, where BM25 weighs only in how many
scenarios it comes up at all, so each catches questions the other misses. Combined as in
protocol_cli.deciding.matching.scores. Why these and not logistic regression, and why not the clauses:
measured, see CHANGELOG and `tools/train_matcher.py --compare`.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import tomllib
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from protocol_cli.deciding.matching import NO_SCENARIO, features
from protocol_cli.deciding.matching import compile_synonyms as matching_compile

TYPE_CHECKING = False
if TYPE_CHECKING:
    from protocol_cli.sources.library import Library

SCHEMA = 1

# Weights of each kind of training text: an example question counts most; a clause is written in
# the protocols' register, not the asker's, and is long, so it counts less.
KIND_WEIGHT = {"example": 1.0, "story": 1.0, "alias": 1.0, "title": 1.0, "label": 1.0, "clause": 1.0}


class Doc:
    __slots__ = ("cls", "kind", "text", "weight")

    def __init__(self, cls: str, kind: str, text: str) -> None:
        self.cls = cls
        self.kind = kind
        self.text = " ".join(text.split())
        self.weight = KIND_WEIGHT[kind]


def matching_dir(library: Library) -> Path:
    return library.root / "matching"


def load_toml(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def compile_synonyms(path: Path) -> dict[str, str]:
    """{stemmed word or phrase: group name} from a synonyms.toml file."""
    return matching_compile(load_toml(path))


def examples(library: Library) -> dict[str, list[str]]:
    data = load_toml(matching_dir(library) / "examples.toml")
    return {cls: list(entry["examples"]) for cls, entry in data.items() if cls != "schema"}


def corpus(library: Library) -> list[Doc]:
    """Every training text, labelled with its scenario (or NO_SCENARIO), and the cited clauses
    (kind "clause": measured, and left out of the model; see USED)."""
    from protocol_cli.sources import training

    docs: list[Doc] = []
    for cls, texts in examples(library).items():
        docs += [Doc(cls, "example", t) for t in texts]
    cases = training.load(library)
    for scenario in library.catalogue.all():
        sid = scenario.id
        docs.append(Doc(sid, "title", scenario.title))
        docs.append(Doc(sid, "title", scenario.summary))
        docs += [Doc(sid, "alias", a) for a in scenario.aliases]
        for q in scenario.questions:
            docs.append(Doc(sid, "label", q.prompt))
            docs += [Doc(sid, "label", o.label) for o in q.options if o.label not in ("Yes", "No")]
        cited: dict[str, str] = {}
        for pid, table in scenario.tables.items():
            protocol = library.protocol(pid)
            advice = set(protocol.seek_advice)
            for rule in table.rules:
                for label in rule.outcome.cite:
                    clause = protocol.clause(label)
                    if clause is not None and label not in advice:
                        cited[f"{pid}:{label}"] = clause.text
        docs += [Doc(sid, "clause", text) for _, text in sorted(cited.items())]
        docs += [Doc(sid, "story", c.story) for c in cases if c.scenario == sid]
    return docs


def inputs_digest(docs: Sequence[Doc], synonyms: dict[str, str]) -> str:
    """SHA-256 of everything the model is trained from: a change to any of it makes the model stale."""
    h = hashlib.sha256()
    for d in (d for d in docs if d.kind in USED):
        h.update(f"{d.cls}\x1f{d.kind}\x1f{d.text}\x1e".encode())
    h.update(json.dumps(synonyms, sort_keys=True).encode())
    return h.hexdigest()


# --- BM25 weights --------------------------------------------------------------------------------

# What the ranker learns from (measured: the cited clauses, written in the protocols' register and
# shared between scenarios, made it worse at every weight tried; tools/train_matcher.py --compare).
USED = ("example", "story", "alias", "title", "label")
K1 = 3.0  # term-frequency saturation: a word said often in a scenario's texts keeps counting
B = 0.75  # length normalisation: a scenario with more text does not win by size alone
PAIR_WEIGHT = 0.6  # a word pair's BM25 weight against a word's (pairs are rarer, so each says more)
PRUNE = 0.05  # BM25 weights smaller than this are left out of the stored model (they change nothing)
NB_ALPHA = 0.2  # naive Bayes smoothing: the count a feature never seen in a class is taken to have
NB_WEIGHT = 0.2  # naive Bayes' share in the score (0: BM25 alone); measured, see --compare


def train(docs: Sequence[Doc], synonyms: dict[str, str], nb_weight: float = NB_WEIGHT) -> dict:
    """A model dict (see protocol_cli.sources.ranker.model): for each feature and class, the feature's
    BM25 weight in the class's texts taken together (idf over the classes), and its naive Bayes
    log-likelihood above the class's floor (nb_floor: the log-likelihood of a feature the class
    never had)."""
    tf: dict[str, Counter[str]] = defaultdict(Counter)
    seen: dict[str, Counter[str]] = defaultdict(Counter)  # feature -> {class: texts having it}
    for d in docs:
        if d.kind in USED:
            found = features(d.text, synonyms)
            for f in found:
                tf[d.cls][f] += d.weight * (PAIR_WEIGHT if " " in f else 1.0)
            for f in set(found):
                seen[f][d.cls] += 1
    classes = sorted(tf)
    n = len(classes)
    lengths = {c: sum(tf[c].values()) for c in classes}
    average = sum(lengths.values()) / n
    df = Counter(f for c in classes for f in tf[c])
    bm25: dict[str, dict[str, float]] = defaultdict(dict)
    for c in classes:
        norm = K1 * (1 - B + B * lengths[c] / average)
        for f, count in tf[c].items():
            idf = math.log(1 + (n - df[f] + 0.5) / (df[f] + 0.5))
            w = idf * count * (K1 + 1) / (count + norm)
            if w >= PRUNE:
                bm25[f][c] = round(w, 3)
    vocabulary = len(seen)
    totals: Counter[str] = Counter()  # class -> features summed over its texts
    for per in seen.values():
        totals.update(per)
    floor = {c: round(math.log(NB_ALPHA / (totals[c] + NB_ALPHA * vocabulary)), 4) for c in classes}
    weights = {
        f: [
            bm25.get(f, {}),
            {c: round(math.log((k + NB_ALPHA) / NB_ALPHA), 3) for c, k in sorted(seen[f].items())},
        ]
        for f in sorted(seen)
    }
    return {
        "schema": SCHEMA,
        "method": f"BM25 (k1={K1}, b={B}, word pairs x{PAIR_WEIGHT}) plus {nb_weight} x naive Bayes"
        f" (alpha={NB_ALPHA}) over word stems, synonym groups and word pairs",
        "classes": classes,
        "synonyms": synonyms,
        "nb_weight": nb_weight,
        "nb_floor": floor,
        "weights": weights,
    }


def build(library: Library) -> dict:
    """The model for the library's data, with the digest of its inputs."""
    synonyms = compile_synonyms(matching_dir(library) / "synonyms.toml")
    docs = corpus(library)
    titles = {s.id: s.title for s in library.catalogue.all()}
    return {"inputs_sha256": inputs_digest(docs, synonyms), "titles": titles, **train(docs, synonyms)}


def dumps(model: dict) -> str:
    """The model as JSON, one feature (or synonym) a line, so a reviewer can read and diff it."""

    def one(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    parts = []
    for key, value in model.items():
        if isinstance(value, dict) and value:
            inner = ",\n".join(f"    {one(k)}: {one(v)}" for k, v in value.items())
            parts.append(f"  {one(key)}: {{\n{inner}\n  }}")
        else:
            parts.append(f"  {one(key)}: {one(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


# --- evaluation ----------------------------------------------------------------------------------


class Situation:
    __slots__ = ("expect", "path", "text")

    def __init__(self, text: str, expect: list[str], path: Path) -> None:
        self.text = " ".join(text.split())
        self.expect = expect
        self.path = path


def situations(folder: Path) -> list[Situation]:
    """Every [[situation]] of folder/*.toml (format: tests/matching/README or the test module)."""
    out = []
    for path in sorted(folder.glob("*.toml")):
        data = load_toml(path)
        for entry in data.get("situation", []):
            out.append(Situation(entry["text"], list(entry["expect"]), path))
    return out


class Figures:
    """How a model does on situations: right first, right within three, per scenario, the
    confusions, and how often going straight in ("confident") was right."""

    def __init__(self) -> None:
        self.total = 0
        self.first = 0
        self.top3 = 0
        self.per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, first, top3
        self.confusions: Counter[tuple[str, str]] = Counter()
        self.misses: list[tuple[Situation, str, list[tuple[str, float]]]] = []
        self.none_total = 0
        self.none_honest = 0  # expect = [] and no scenario was picked confidently
        self.confident = 0
        self.confident_right = 0

    def add(self, situation: Situation, totals: dict[str, float]) -> None:
        from protocol_cli.deciding.matching import decide

        kind, shares = decide(totals)
        ids = [c for c, _ in shares if c != NO_SCENARIO]
        if not situation.expect:
            self.none_total += 1
            if kind != "confident":
                self.none_honest += 1
            else:
                self.misses.append((situation, kind, shares))
            return
        self.total += 1
        want = set(situation.expect)
        first = bool(ids) and ids[0] in want
        top3 = bool(want & set(ids[:3]))
        key = situation.expect[0]
        row = self.per[key]
        row[0] += 1
        row[1] += first
        row[2] += top3
        self.first += first
        self.top3 += top3
        if kind == "confident":
            self.confident += 1
            self.confident_right += first
        if not first:
            self.confusions[(key, ids[0] if ids else "nothing")] += 1
            self.misses.append((situation, kind, shares))

    @property
    def first_rate(self) -> float:
        return self.first / self.total if self.total else 0.0

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.total if self.total else 0.0

    @property
    def confident_rate(self) -> float:
        """Of the confident picks, how many were right."""
        return self.confident_right / self.confident if self.confident else 1.0

    def report(self) -> str:
        lines = [
            f"right first {self.first}/{self.total} ({self.first_rate:.1%}); "
            f"within the first three {self.top3}/{self.total} ({self.top3_rate:.1%})",
            f"went straight in {self.confident}/{self.total} times, right {self.confident_right}"
            f" ({self.confident_rate:.1%})",
        ]
        if self.none_total:
            lines.append(
                f"questions no scenario covers: {self.none_honest}/{self.none_total} not given a scenario"
            )
        lines.append(f"  {'scenario':<26} {'first':>9} {'top 3':>9}")
        for key in sorted(self.per):
            n, first, top3 = self.per[key]
            lines.append(f"  {key:<26} {first:>4}/{n:<4} {top3:>4}/{n:<4}")
        if self.confusions:
            lines.append("confusions (expected -> ranked first: times):")
            for (a, b), n in self.confusions.most_common():
                lines.append(f"  {a} -> {b}: {n}")
        return "\n".join(lines)


def evaluate(model: dict, items: Sequence[Situation]) -> Figures:
    from protocol_cli.deciding.matching import scores

    figures = Figures()
    for s in items:
        figures.add(s, scores(s.text, model))
    return figures


def cross_validate(library: Library, folds: int = 5, seed: int = 7) -> Figures:
    """k-fold over the example questions: each fold's examples are left out of training and ranked
    by a model built from everything else (scenario texts, stories, the other examples)."""
    from protocol_cli.deciding.matching import scores

    synonyms = compile_synonyms(matching_dir(library) / "synonyms.toml")
    docs = corpus(library)
    pool = [d for d in docs if d.kind == "example"]
    random.Random(seed).shuffle(pool)
    figures = Figures()
    for n in range(folds):
        held = pool[n::folds]
        left_out = {id(d) for d in held}
        model = train([d for d in docs if id(d) not in left_out], synonyms)
        for d in held:
            expect = [] if d.cls == NO_SCENARIO else [d.cls]
            figures.add(Situation(d.text, expect, Path("examples")), scores(d.text, model))
    return figures
