"""Which scenario a question is about: two linear models over the words and word pairs typed.

The model is data (data/matching/model.json), built by tools/train_matcher.py from the example
questions in data/matching/examples.toml, each scenario's own words (title, summary, aliases,
questions and options) and the training stories. Each feature has two weights per scenario: its
BM25 weight in everything written for the scenario, and its naive Bayes log-likelihood there
(protocol_cli/sources/matching_train.py says why both). Here the model is only read: a question's score
for a scenario is its BM25 score (the sum of the BM25 weights of its distinct features) plus a
share of the best BM25 score given by how likely naive Bayes finds the scenario next to the
likeliest. Nothing heavier than json loads.

Features: each word's stem, the name of any synonym group a word or phrase belongs to
(data/matching/synonyms.toml: "bcc" and "blind copy" are both @blind-copy), and each pair of
neighbouring words, so "send the file" and "file a complaint" differ.

Pure: the stored model and synonyms are read by protocol_cli/sources/ranker.py and passed in.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence

from protocol_cli.deciding.search import WORD_RE, stem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from protocol_cli.deciding.engine import Scenario

NO_SCENARIO = "no-scenario"  # the model's name for questions no scenario covers (gifts, allowances)

# Words too common in any question to say what it is about. Smaller than clause search's list:
# "who", "can" and "should" say something about what is asked, and the model weighs them itself.
STOPWORDS = frozenset("a an the this that these those it its is are was were be been am of".split())

# When to go straight in: the runner-up scores at most this share of the best, and the best has
# at least MIN_EVIDENCE (a question sharing only a word or two with a scenario is not enough).
# Chosen by measurement (tools/train_matcher.py): picks this sure were right 98 times in 100,
# both on the example questions held out in cross-validation and on tests/matching/.
CONFIDENT = 0.55
MIN_EVIDENCE = 10.0
# The short list when unsure: scenarios scoring at least this share of the best, at most this many.
SHORT_LIST_FLOOR = 0.4
SHORT_LIST = 4


WEIGHTS_START = '\n  "weights": {\n'  # how tools/train_matcher.py lays out model.json


class StoredModel:
    """model.json, read lazily: the head (everything but the weights) is parsed whole; the weights,
    one feature a line, only for the features a question has (parsing them all would cost more
    than the rest of a scripted `ask`). Behaves as the model dict for what scores() needs."""

    def __init__(self, text: str) -> None:
        start = text.find(WEIGHTS_START)
        if start < 0:
            raise ValueError("no weights")
        self.head = json.loads(text[:start].rstrip().rstrip(",") + "\n}")
        self._text = text
        self._start = start  # the weights are the lines after this (no copy of them is made)
        self._end = text.rfind("\n  }")  # and before this

    def __getitem__(self, key: str) -> object:
        return self.head[key]

    def get(self, key: str, default: object = None) -> object:
        return self.head.get(key, default)

    def weights_of(self, feature: str) -> list[dict[str, float]] | None:
        """A feature's line, found by binary search: the lines are sorted by feature (a scan of the
        whole text for each of a long question's features would cost more than the rest of `ask`)."""
        text, mark = self._text, "\n    "
        lo, hi = self._start, self._end  # the line sought starts at some p with lo <= p < hi
        while lo < hi:
            mid = (lo + hi) // 2
            at = text.find(mark, mid, hi + len(mark) - 1)
            if at < 0:
                hi = mid
                continue
            colon = text.index(": ", at)
            key = json.loads(text[at + len(mark) : colon])
            if key == feature:
                return json.loads(text[colon + 2 : text.find("\n", colon)].rstrip(","))
            if key < feature:
                lo = at + 1
            else:
                hi = mid
        return None


def weights_of(data: dict | StoredModel, feature: str) -> list[dict[str, float]] | None:
    """A feature's weights in a model, stored or built in memory: [{class: BM25 weight},
    {class: naive Bayes log-likelihood above the floor}], or None for a feature it never saw."""
    if isinstance(data, StoredModel):
        return data.weights_of(feature)
    return data["weights"].get(feature)


def compile_synonyms(data: dict, for_search: bool = False) -> dict[str, str]:
    """{stemmed word or phrase: group name} from synonyms.toml's content, stemmed as the ranker
    stems (or, for_search, as clause search does, leaving out the words KEPT apart only here).
    A group marked `search = false` is a kind of thing the ranker reads as one (the parties,
    the council's service teams), not words clause search may swap. Raises ValueError for a
    word in two groups."""
    out: dict[str, str] = {}
    for group in data.get("group", []):
        if for_search and not group.get("search", True):
            continue
        for word in group["words"]:
            if for_search:
                if any(w.lower() in KEPT for w in word.split()):
                    continue  # clause search stems "reporter" as "report": it cannot tell them apart
                key = " ".join(stem(m.group()) for m in WORD_RE.finditer(word.replace("-", " ")))
            else:
                key = " ".join(stems(word))
            if key in out and out[key] != group["name"]:
                raise ValueError(f"synonyms: '{word}' is in groups {out[key]} and {group['name']}")
            out[key] = group["name"]
    return dict(sorted(out.items()))


# Words the Snowball stemmer merges with a word of another meaning ("officer" and "office" both
# become "offic", "reporter" becomes "report", "relative" and "relations" both "relat"): the
# ranker keeps each as its own word (the plural as the singular).
KEPT = {
    w: w.removesuffix("s")
    for w in "officer officers office offices reporter reporters relative relatives relations".split()
}


def stems(text: str) -> list[str]:
    """The stems of the words of text, in order ("cc'd" keeps its ending: it is a word of its own)."""
    out = []
    for m in WORD_RE.finditer(text.replace("-", " ")):
        word = m.group().lower()
        out.append(KEPT.get(word) or stem(word))
    return out


def synonym_marks(words: list[str], synonyms: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, group) for each synonym phrase found in words, longest first, not overlapping."""
    longest = max((p.count(" ") + 1 for p in synonyms), default=0)
    marks = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            group = synonyms.get(" ".join(words[i : i + n]))
            if group is not None:
                marks.append((i, i + n, group))
                i += n
                break
        else:
            i += 1
    return marks


def features(text: str, synonyms: dict[str, str]) -> list[str]:
    """The features of a question: stems, @synonym-group names, and neighbouring pairs "a b"."""
    words = stems(text)
    marks = synonym_marks(words, synonyms)
    groups = {start: (end, group) for start, end, group in marks}
    # The sequence the pairs are taken from: a synonym phrase stands as its group's name.
    sequence: list[str] = []
    i = 0
    while i < len(words):
        if i in groups:
            end, group = groups[i]
            sequence.append("@" + group)
            i = end
        else:
            if words[i] not in STOPWORDS:
                sequence.append(words[i])
            i += 1
    out = [w for w in words if w not in STOPWORDS]
    out += ["@" + group for _, _, group in marks]
    out += [f"{a} {b}" for a, b in itertools.pairwise(sequence)]
    return out


class Candidate:
    """A scenario and how well the question matches it, as a share of the best match (0..1]."""

    __slots__ = ("id", "score", "title")

    def __init__(self, scenario_id: str, title: str, score: float) -> None:
        self.id = scenario_id
        self.title = title
        self.score = score

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "score": round(self.score, 2)}

    def __repr__(self) -> str:
        return f"Candidate({self.id!r}, {self.score:.2f})"


def scores(text: str, data: dict | StoredModel) -> dict[str, float]:
    """Each class's score for text (the scenario ids and NO_SCENARIO): its BM25 score plus
    nb_weight x the best BM25 score x (its naive Bayes likelihood / the likeliest class's).
    All 0 when the text shares no feature with what the model learnt."""
    classes: list[str] = data["classes"]  # type: ignore[assignment]
    bm25 = dict.fromkeys(classes, 0.0)
    bayes = dict.fromkeys(classes, 0.0)
    known = 0  # features the model has seen: each adds its floor (nb_floor) to every class
    # sorted: the same sums in the same order every run (set order changes with the hash seed)
    for feature in sorted(set(features(text, data["synonyms"]))):  # type: ignore[arg-type]
        weights = weights_of(data, feature)
        if weights is None:
            continue
        known += 1
        for cls, w in weights[0].items():
            bm25[cls] += w
        for cls, w in weights[1].items():
            bayes[cls] += w
    top = max(bm25.values(), default=0.0)
    if top <= 0:
        return bm25
    floor: dict[str, float] = data["nb_floor"]  # type: ignore[assignment]
    logs = {c: bayes[c] + known * floor[c] for c in classes}
    best = max(logs.values())
    share = float(data["nb_weight"]) * top  # type: ignore[arg-type]
    return {c: bm25[c] + share * math.exp(logs[c] - best) for c in classes}


class Match:
    """What the ranker made of a question.

    kind: "exact" (the text is a scenario id), "confident" (go straight in: candidates[0]),
    "no-scenario" (no scenario covers it; candidates are the nearest scenarios), "unsure" (offer
    candidates, best first), or "unknown" (the model knows no word of it: offer every scenario).
    """

    __slots__ = ("candidates", "kind")

    def __init__(self, kind: str, candidates: list[Candidate]) -> None:
        self.kind = kind
        self.candidates = candidates

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def decide(totals: dict[str, float]) -> tuple[str, list[tuple[str, float]]]:
    """(kind, [(class, share of the best)] best first) for the scores of one question.

    Confident when the best has enough evidence and the runner-up scores at most CONFIDENT of
    it; the best being NO_SCENARIO, so confidently, is "no-scenario". Pure: the tests use it too.
    """
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    top = ranked[0][1]
    if top <= 0:
        return "unknown", []
    shares = [(c, s / top) for c, s in ranked]
    sure = top >= MIN_EVIDENCE and shares[1][1] <= CONFIDENT
    if shares[0][0] == NO_SCENARIO:
        return ("no-scenario" if sure else "unsure"), shares
    return ("confident" if sure else "unsure"), shares


def match(text: str, scenarios: dict[str, str], data: dict | StoredModel) -> Match:
    """Decide what to do with a typed question (see Match for the kinds), among scenarios
    ({id: title}); candidates are scenarios only (never NO_SCENARIO), best first, each scored as
    a share of the best scenario's score."""
    wanted = text.strip().lower()
    if wanted in scenarios:
        return Match("exact", [Candidate(wanted, scenarios[wanted], 1.0)])
    kind, shares = decide(scores(text, data))
    known = [(c, s) for c, s in shares if c in scenarios and s > 0]
    if not known:
        return Match("unknown", [])
    top = known[0][1]
    candidates = [Candidate(c, scenarios[c], s / top) for c, s in known]
    if kind == "confident":
        return Match(kind, candidates)
    short = [c for c in candidates[:SHORT_LIST] if c.score >= SHORT_LIST_FLOOR]
    return Match(kind, short)


def best(text: str, scenarios: Sequence[Scenario], data: dict | StoredModel) -> list[Scenario]:
    """The scenario the text is most likely about (as a one-item list), or [] when the model
    knows none of its words or is sure no scenario covers it."""
    found = match(text, {s.id: s.title for s in scenarios}, data)
    if found.kind in ("unknown", "no-scenario") or found.best is None:
        return []
    return [s for s in scenarios if s.id == found.best.id]
