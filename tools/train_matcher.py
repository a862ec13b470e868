"""`make matching`: build the scenario ranker's model (data/matching/model.json) and report how it does.

    python tools/train_matcher.py            rebuild the model, then print its figures
    python tools/train_matcher.py --report   print the figures of the stored model only
    python tools/train_matcher.py --compare  measure the methods considered (BM25, naive Bayes,
                                             both, logistic regression; with and without the clauses)
    python tools/train_matcher.py --misses   also list every situation the model gets wrong

Figures: 5-fold cross-validation over the example questions (data/matching/examples.toml), and
the situations in tests/matching/*.toml, which the model never learns from.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from protocol_cli.deciding import matching  # noqa: E402
from protocol_cli.sources import (  # noqa: E402
    matching_train,
    ranker,
)
from protocol_cli.sources.library import Library, bundled_data_root  # noqa: E402
from protocol_cli.sources.matching_train import Doc, Figures, Situation  # noqa: E402

SITUATIONS = ROOT / "tests" / "matching"


def figures(model: dict, misses: bool) -> None:
    lib = Library(bundled_data_root())
    print("Cross-validated (5 folds over the example questions):")
    print(matching_train.cross_validate(lib).report())
    print()
    items = matching_train.situations(SITUATIONS)
    for path in sorted({s.path for s in items}):
        held = matching_train.evaluate(model, [s for s in items if s.path == path])
        print(f"\nSituations in {path.relative_to(ROOT)} (never learnt from):")
        print(held.report())
        if misses:
            print("\nmisses:")
            for situation, kind, shares in held.misses:
                top = ", ".join(f"{c} {s:.2f}" for c, s in shares[:3])
                print(f"  [{kind}] {situation.expect} {situation.text[:90]}\n      -> {top}")


# --- the methods compared (build-time only) -------------------------------------------------------


def _nb(docs: list[Doc], synonyms: dict[str, str], alpha: float = 0.2):  # type: ignore[no-untyped-def]
    """Multinomial naive Bayes over the same features (binary per text), Laplace smoothing alpha."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    vocab: set[str] = set()
    for d in docs:
        for f in set(matching.features(d.text, synonyms)):
            counts[d.cls][f] += 1
            totals[d.cls] += 1
            vocab.add(f)

    def scores(text: str) -> dict[str, float]:
        fs = [f for f in set(matching.features(text, synonyms)) if f in vocab]
        v = len(vocab)
        logs = {
            c: sum(math.log((counts[c][f] + alpha) / (totals[c] + alpha * v)) for f in fs) for c in counts
        }
        top = max(logs.values())
        return {c: math.exp(s - top) for c, s in logs.items()}  # ratios to the best, like BM25 shares

    return scores


def _logistic(docs: list[Doc], synonyms: dict[str, str], epochs: int = 15, rate: float = 0.5):  # type: ignore[no-untyped-def]
    """Softmax regression, AdaGrad steps, small L2 penalty (the usual linear text classifier)."""
    classes = sorted({d.cls for d in docs})
    k = len(classes)
    rows = [(sorted(set(matching.features(d.text, synonyms))), classes.index(d.cls)) for d in docs]
    weights: dict[str, list[float]] = defaultdict(lambda: [0.0] * k)
    squares: dict[str, list[float]] = defaultdict(lambda: [1e-8] * k)
    bias, bias_sq = [0.0] * k, [1e-8] * k
    rng = random.Random(13)
    for _ in range(epochs):
        rng.shuffle(rows)
        for feats, y in rows:
            ws = [weights[f] for f in feats]
            totals = [bias[c] + sum(w[c] for w in ws) for c in range(k)]
            top = max(totals)
            exps = [math.exp(t - top) for t in totals]
            s = sum(exps)
            for c in range(k):
                g = exps[c] / s - (c == y)
                bias_sq[c] += g * g
                bias[c] -= rate * g / math.sqrt(bias_sq[c])
                for f, w in zip(feats, ws, strict=True):
                    gf = g + 1e-4 * w[c]
                    squares[f][c] += gf * gf
                    w[c] -= rate * gf / math.sqrt(squares[f][c])

    def scores(text: str) -> dict[str, float]:
        fs = set(matching.features(text, synonyms))
        totals = [bias[c] + sum(weights[f][c] for f in fs if f in weights) for c in range(k)]
        top = max(totals)
        return {classes[c]: math.exp(t - top) for c, t in enumerate(totals)}

    return scores


def _bm25(docs: list[Doc], synonyms: dict[str, str], **settings: float):  # type: ignore[no-untyped-def]
    """The stored kind of model (BM25 plus nb_weight x naive Bayes), with other settings."""
    saved = matching_train.K1, matching_train.PAIR_WEIGHT, matching_train.USED
    matching_train.K1 = settings.get("k1", matching_train.K1)
    matching_train.PAIR_WEIGHT = settings.get("pairs", matching_train.PAIR_WEIGHT)
    matching_train.USED = tuple({d.kind for d in docs})
    try:
        model = matching_train.train(docs, synonyms, settings.get("nb", matching_train.NB_WEIGHT))
    finally:
        matching_train.K1, matching_train.PAIR_WEIGHT, matching_train.USED = saved
    return lambda text: matching.scores(text, model)


def compare() -> None:
    lib = Library(bundled_data_root())
    synonyms = matching_train.compile_synonyms(matching_train.matching_dir(lib) / "synonyms.toml")
    docs = matching_train.corpus(lib)
    without_clauses = [d for d in docs if d.kind != "clause"]
    held = matching_train.situations(SITUATIONS)
    pool = [d for d in docs if d.kind == "example"]
    random.Random(7).shuffle(pool)
    methods = [
        ("BM25 + 0.2 naive Bayes (chosen)", lambda ds: _bm25(ds, synonyms), without_clauses),
        ("the same with the cited clauses", lambda ds: _bm25(ds, synonyms), docs),
        ("the same, no synonyms", lambda ds: _bm25(ds, {}), without_clauses),
        ("BM25 + 0.4 naive Bayes", lambda ds: _bm25(ds, synonyms, nb=0.4), without_clauses),
        ("BM25 alone", lambda ds: _bm25(ds, synonyms, nb=0.0), without_clauses),
        ("BM25 alone, pairs x1", lambda ds: _bm25(ds, synonyms, nb=0.0, pairs=1.0), without_clauses),
        ("BM25 alone, k1=1.2", lambda ds: _bm25(ds, synonyms, nb=0.0, k1=1.2), without_clauses),
        ("naive Bayes", lambda ds: _nb(ds, synonyms), without_clauses),
        ("naive Bayes with the cited clauses", lambda ds: _nb(ds, synonyms), docs),
        ("logistic regression", lambda ds: _logistic(ds, synonyms), without_clauses),
    ]
    print(f"{'method':<36} {'cross-validated':>22} {'tests/matching/':>22} {'time':>6}")
    for name, make, corpus in methods:
        start = time.perf_counter()
        scorer = make(corpus)
        outside = Figures()
        for s in held:
            outside.add(s, scorer(s.text))
        seconds = time.perf_counter() - start
        cv = Figures()
        for n in range(5):
            out = {id(d) for d in pool[n::5]}
            fold = make([d for d in corpus if id(d) not in out])
            for d in pool[n::5]:
                expect = [] if d.cls == matching.NO_SCENARIO else [d.cls]
                cv.add(Situation(d.text, expect, Path("examples")), fold(d.text))
        print(
            f"{name:<36} {cv.first_rate:>8.1%} first {cv.top3_rate:>6.1%} top 3"
            f" {outside.first_rate:>6.1%} first {outside.top3_rate:>6.1%} top 3 {seconds:>5.1f}s"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="report on the stored model; build nothing")
    parser.add_argument("--compare", action="store_true", help="measure the methods considered")
    parser.add_argument("--misses", action="store_true", help="list the situations ranked wrongly")
    args = parser.parse_args()
    if args.compare:
        compare()
        return 0
    if args.report:
        model = json.loads(ranker.model_path().read_text(encoding="utf-8"))
    else:
        model = matching_train.build(Library(bundled_data_root()))
        path = ranker.model_path()
        path.write_text(matching_train.dumps(model), encoding="utf-8")
        size = path.stat().st_size
        print(f"wrote {path.relative_to(ROOT)}: {len(model['weights'])} features, {size // 1024} KB")
    figures(model, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
