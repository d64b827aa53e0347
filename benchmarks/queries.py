"""Query sets for the search benchmarks (not a test)."""

from __future__ import annotations

import itertools
import random

from whoosh.analysis import STOP_WORDS
from whoosh.index import Index

from corpus import Vocabulary, generate_article

# 60 queries over the bundled deep dives: what a reader types, syntax and typos included.
BUNDLED_QUERIES: list[str] = [
    # single words
    "idempotency",
    "pagination",
    "ledger",
    "fanout",
    "webhook",
    "postgres",
    "vacuum",
    "isolation",
    "tatkal",
    "celebrity",
    "retries",
    "cursor",
    "reconciliation",
    "timeline",
    "zanzibar",
    "data",
    # two words
    "idempotency key",
    "refresh token",
    "keyset pagination",
    "query plan",
    "write skew",
    "double entry",
    "hot partition",
    "seat inventory",
    "message ordering",
    "index scan",
    # phrases
    '"write skew"',
    '"exactly once"',
    '"refresh token"',
    '"what breaks first"',
    '"fanout on write"',
    '"sequential scan"',
    # prefixes
    "idempot*",
    "paginat*",
    "replic*",
    "auth*",
    "consist*",
    "cache*",
    # field filters
    "cursor difficulty:medium",
    "token difficulty:hard",
    "index section:databases",
    "kind:article token",
    "lock topic:databases",
    "difficulty:hard retry",
    # misspellings (typo tolerance: corrected results, or "did you mean")
    "idempotancy",
    "paginaton",
    "postgress",
    "transacton isolation",
    "recconciliation",
    "websockit",
    # boolean
    "keyset OR tatkal",
    "token NOT refresh",
    "ledger OR feed",
    "lock NOT deadlock",
    "(session OR token) AND revocation",
    # longer, natural-language queries
    "how does postgres find a row",
    "why exactly once delivery is impossible",
    "what breaks first under load",
    "celebrity problem fanout",
    "rate limit the booking queue",
]


def _usable(word: str) -> bool:
    return word.isalpha() and len(word) >= 3 and word not in STOP_WORDS


def corpus_queries(vocab: Vocabulary, ix: Index, seed: int, articles: int) -> list[str]:
    """68 queries drawn from the corpus vocabulary, all of whose plain words occur in it."""
    rng = random.Random(seed + 1)
    with ix.searcher() as searcher:

        def present(word: str) -> bool:
            return searcher.doc_frequency("spell", word) > 0

        def pick(lo: int, hi: int, k: int, min_len: int = 3) -> list[str]:
            band = [w for w in vocab.words[lo:hi] if _usable(w) and len(w) >= min_len]
            rng.shuffle(band)
            out = [w for w in band[: k * 20] if present(w)][:k]
            if len(out) < k:
                raise RuntimeError(f"only {len(out)} usable words in ranks {lo}-{hi}")
            return out

        frequent = pick(0, 2_000, 16)
        mid = pick(2_000, 12_000, 30)
        rare = pick(20_000, len(vocab.words), 16)
        long_mid = pick(2_000, 12_000, 10, min_len=7)
        misspelt = []
        for word in pick(1_000, 10_000, 30, min_len=6):
            i = rng.randint(1, len(word) - 2)
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swap two letters
            if typo != word and not present(typo):
                misspelt.append(typo)
            if len(misspelt) == 6:
                break

    # Words that really sit side by side in an article: phrases and co-occurring pairs.
    adjacent: list[tuple[str, str]] = []
    while len(adjacent) < 10:
        article = generate_article(vocab, seed, rng.randrange(articles))
        text = rng.choice(article.sections)[2]
        words = [w.strip(".,").lower() for w in text.split()]
        pairs = [(a, b) for a, b in itertools.pairwise(words) if _usable(a) and _usable(b)]
        if pairs:
            adjacent.append(rng.choice(pairs))

    queries: list[str] = []
    queries += frequent[:10]  # 10 frequent single words
    queries += rare[:10]  # 10 rare single words
    queries += mid[:6]  # 6 mid-frequency single words
    queries += [f"{a} {b}" for a, b in zip(frequent[10:16], mid[6:12], strict=True)]  # 6
    queries += [f"{a} {b}" for a, b in zip(mid[12:16], rare[10:14], strict=True)]  # 4
    queries += [f"{a} {b}" for a, b in adjacent[:5]]  # 5 co-occurring pairs
    queries += [f'"{a} {b}"' for a, b in adjacent[5:10]]  # 5 phrases
    queries += [w[:5] + "*" for w in long_mid[:6]]  # 6 prefixes
    queries += [w[:4] + "*" for w in long_mid[6:8]]  # 2 short prefixes
    queries += [
        f"{mid[16]} difficulty:hard",
        f"{mid[17]} difficulty:easy",
        f"{frequent[0]} topic:payments",
        f"{mid[18]} section:databases",
    ]  # 4 field filters
    queries += misspelt  # 6 misspellings
    queries += [
        f"{mid[19]} OR {mid[20]}",
        f"{mid[21]} OR {rare[14]}",
        f"{frequent[1]} NOT {mid[22]}",
        f"({mid[23]} OR {mid[24]}) AND {frequent[2]}",
    ]  # 4 boolean
    return queries
