"""A synthetic corpus for the large-index search benchmark (not a test).

Articles are generated deterministically from a seed: a Zipf-distributed vocabulary of
pronounceable synthetic words mixed with the English words of the bundled deep dives
(frozen in ``english_words.txt`` so that editing the content does not change the corpus;
``python benchmarks/corpus.py --write-words`` regenerates that file),
sentences of 6-24 words, an untitled intro and then a heading every ~300 words. Each
article becomes a ``Source`` whose documents mirror ``article_documents`` in
``core.search.documents`` (one whole-article document, one document per section) without the
Markdown rendering, so 10 million words can be generated in seconds.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from longform_desktop.core.markdown import SectionText
from longform_desktop.core.search import SearchDocument, Source, section_documents

WORDS_FILE = Path(__file__).resolve().parent / "english_words.txt"
SYNTHETIC_WORDS = 50_000
ZIPF_S = 1.0  # Zipf-Mandelbrot exponent and offset: close to measured English text
ZIPF_Q = 2.7
HEAD_ENGLISH = 300  # the most frequent ranks are the bundled content's commonest words
WORDS_PER_ARTICLE = (1700, 2300)  # uniform: mean 2,000
INTRO_WORDS = (80, 160)
WORDS_PER_SECTION = (220, 380)  # a heading every ~300 words
GENERATOR_VERSION = "1"  # bump when generation changes: the content hashes change with it

SECTIONS = [
    ("foundations", "Foundations"),
    ("streaming-and-real-time", "Streaming & real-time"),
    ("data-and-consistency", "Data & consistency"),
    ("infrastructure-and-platform", "Infrastructure & platform"),
    ("databases-in-depth", "Databases, in depth"),
    ("apis-in-depth", "APIs, in depth"),
]
TOPICS = [
    "API Design",
    "Payments",
    "Feeds",
    "Inventory & Booking",
    "Databases",
    "Messaging",
    "Streaming",
    "Caching",
    "Queues",
    "Storage",
    "Networking",
    "Observability",
    "Search",
    "Security",
    "Scheduling",
    "Consensus",
    "Compilers",
    "Rate Limiting",
    "Replication",
    "Edge Delivery",
]
DIFFICULTIES = ("easy", "medium", "hard")

# Mostly single consonants and open syllables, so words average ~7 letters like English
# vocabulary (e.g. "tomerin", "brasket", "velu").
_ONSETS = [*"bcdfghjklmnprstvwz"] * 3 + ["br", "ch", "cl", "dr", "fl", "gr", "pl", "pr"]
_ONSETS += ["sh", "st", "th", "tr", "qu"]
_VOWELS = [*"aeiou"] * 4 + ["ai", "ea", "ou", "io", "ie"]
_CODAS = [""] * 10 + [*"nrslmxk"] + ["nd", "st", "nt", "rk"]
_AVOID = ("cunt", "fuck", "shit", "nig", "fag", "slut", "rape", "cum", "tit", "dick")
_ENGLISH = re.compile(r"[a-z]+(?:'[a-z]+)?")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)  # code, diagram YAML


def english_words(texts: Iterable[str]) -> list[str]:
    """Distinct lowercase words of ``texts`` (prose only), most frequent first."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_ENGLISH.findall(_FENCE.sub(" ", text).lower()))
    return [w for w, _ in counts.most_common()]


def load_english_words(path: Path = WORDS_FILE) -> list[str]:
    return [w for w in path.read_text(encoding="utf-8").split() if w]


def write_english_words(content_dir: Path, path: Path = WORDS_FILE) -> int:
    from longform_desktop.core.catalog import load_catalog

    words = english_words(a.body for a in load_catalog(content_dir).articles if a.is_written)
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
    return len(words)


def synthetic_words(n: int, rng: random.Random, avoid: set[str]) -> list[str]:
    """``n`` distinct pronounceable non-words of 1-4 syllables."""
    out: list[str] = []
    seen = set(avoid)
    while len(out) < n:
        syllables = rng.choices((1, 2, 3, 4), weights=(2, 6, 4, 1))[0]
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        if len(word) >= 3 and word not in seen and not any(a in word for a in _AVOID):
            seen.add(word)
            out.append(word)
    return out


@dataclass
class Vocabulary:
    words: list[str]  # by Zipf rank, most frequent first
    cum_weights: list[float]
    english: frozenset[str]

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256("\n".join(self.words).encode()).hexdigest()[:16]

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=k)

    def rank_band(self, lo: int, hi: int) -> list[str]:
        return self.words[lo:hi]


def build_vocabulary(english: list[str], seed: int) -> Vocabulary:
    rng = random.Random(seed)
    synthetic = synthetic_words(SYNTHETIC_WORDS, rng, set(english))
    head, tail = english[:HEAD_ENGLISH], english[HEAD_ENGLISH:] + synthetic
    rng.shuffle(tail)
    words = head + tail
    weights = [1.0 / (rank + 1 + ZIPF_Q) ** ZIPF_S for rank in range(len(words))]
    return Vocabulary(words, list(itertools.accumulate(weights)), frozenset(english))


def _sentences(words: list[str], rng: random.Random) -> str:
    out: list[str] = []
    i = 0
    while i < len(words):
        n = rng.randint(6, 24)
        chunk = words[i : i + n]
        i += n
        if len(chunk) > 8 and rng.random() < 0.4:
            chunk[rng.randint(3, len(chunk) - 3)] += ","
        chunk[0] = chunk[0].capitalize()
        out.append(" ".join(chunk) + ".")
    return " ".join(out)


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _title(vocab: Vocabulary, rng: random.Random, lo: int, hi: int) -> str:
    # Headings and titles lean on mid-frequency words, as real ones do.
    words = rng.sample(vocab.rank_band(HEAD_ENGLISH // 3, 8000), rng.randint(lo, hi))
    return " ".join(w.capitalize() for w in words)


@dataclass(frozen=True)
class GeneratedArticle:
    slug: str
    title: str
    summary: str
    topic: str
    difficulty: str
    section: str
    section_title: str
    sections: tuple[tuple[str, str, str], ...]  # (heading id, heading, text)

    @property
    def word_count(self) -> int:
        return sum(len(text.split()) for _, _, text in self.sections)


def generate_article(vocab: Vocabulary, seed: int, number: int) -> GeneratedArticle:
    rng = random.Random(f"{seed}:{number}")
    total = rng.randint(*WORDS_PER_ARTICLE)
    intro = rng.randint(*INTRO_WORDS)
    sections: list[tuple[str, str, str]] = [("", "", _sentences(vocab.sample(rng, intro), rng))]
    remaining = total - intro
    used_ids: set[str] = set()
    while remaining > 0:
        n = min(remaining, rng.randint(*WORDS_PER_SECTION))
        remaining -= n
        heading = _title(vocab, rng, 2, 5)
        base = heading_id = _slugify(heading)
        suffix = 0
        while heading_id in used_ids:  # Markdown's toc extension appends _1, _2...
            suffix += 1
            heading_id = f"{base}_{suffix}"
        used_ids.add(heading_id)
        sections.append((heading_id, heading, _sentences(vocab.sample(rng, n), rng)))
    section, section_title = rng.choice(SECTIONS)
    return GeneratedArticle(
        slug=f"corpus-{number:05d}",
        title=_title(vocab, rng, 3, 7),
        summary=_sentences(vocab.sample(rng, rng.randint(18, 30)), rng),
        topic=rng.choice(TOPICS),
        difficulty=rng.choice(DIFFICULTIES),
        section=section,
        section_title=section_title,
        sections=tuple(sections),
    )


def article_documents(article: GeneratedArticle) -> list[SearchDocument]:
    """The real ``core.search.section_documents`` on an already-split generated article."""
    return section_documents(
        slug=article.slug,
        title=article.title,
        summary=article.summary,
        topic=article.topic,
        difficulty=article.difficulty,
        section=f"{article.section} {article.section_title}",
        sections=[SectionText(hid, heading, text) for hid, heading, text in article.sections],
    )


def corpus_sources(vocab: Vocabulary, seed: int, articles: int) -> list[Source]:
    """One lazily generated ``Source`` per article, like ``catalog_sources``."""
    sources = []
    stamp = f"{GENERATOR_VERSION}:{vocab.fingerprint}:{seed}"
    for number in range(articles):
        digest = hashlib.sha256(f"{stamp}:{number}".encode()).hexdigest()
        sources.append(
            Source(
                f"article:corpus-{number:05d}",
                digest,
                lambda n=number: article_documents(generate_article(vocab, seed, n)),
            )
        )
    return sources


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--write-words"]:
        content = Path(__file__).resolve().parents[1] / "content"
        print(f"{write_english_words(content)} words written to {WORDS_FILE}")
    else:
        print("usage: python benchmarks/corpus.py --write-words", file=sys.stderr)
        raise SystemExit(2)
