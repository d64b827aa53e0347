"""Typo tolerance: which query words the index does not have, and their close terms.

The rules (issue 14), Typesense- and Meilisearch-like:

- a word of fewer than 4 letters is never corrected; 4-7 letters: one edit; 8 or more:
  two edits. An edit is an insertion, deletion, substitution or a transposition of two
  adjacent letters (optimal string alignment distance, so ``teh`` -> ``the`` is one);
- a word shorter than 8 letters keeps its first letter (few typos hit the first
  letter, and it keeps ``vacum`` from becoming ``value``);
- only words the index has are proposed, closest first, then the most frequent (document
  frequency in the unstemmed ``spell`` field), so ``vacum`` -> ``vacuum``;
- words with digits or underscores (``p99``, ``work_mem``) are names, not typos.

The vocabulary is the ``spell`` field's term list, one sorted list per index segment.
Reading it from Whoosh costs ~150 ms for the 52,000 words of the benchmark corpus, so
each segment's list is kept in memory for the life of its reader and on disk next to the
index (``vocab-<segment>.words``, a few ms to load), written the first time it is read.
Segments never change their terms, so the file never goes stale; files of segments that
were merged away are removed when a new one is written.
"""

from __future__ import annotations

import bisect
import contextlib
import logging
import os
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from .schema import SPELL_FIELD

log = logging.getLogger(__name__)

MIN_CORRECTED = 4  # shorter words are never corrected
TWO_EDITS_FROM = 8  # words this long may have two edits, and a typo in the first letter
MAX_CANDIDATES = 3
#: Longer "words" (a pasted hash, a run of one letter) are never corrected: no word of
#: the vocabulary is within two edits of them, and comparing costs grow with the length.
MAX_CORRECTED_LEN = 32
#: Vocabulary words a prefix looks at, per segment, before keeping the most frequent.
PREFIX_SCAN = 2000
_SUFFIX = ".words"
_PREFIX = "vocab-"

_cache: weakref.WeakKeyDictionary[IndexReader, list[str]] = weakref.WeakKeyDictionary()


def allowed_edits(word: str) -> int:
    n = len(word)
    if n < MIN_CORRECTED:
        return 0
    return 1 if n < TWO_EDITS_FROM else 2


def correctable(word: str) -> bool:
    return len(word) <= MAX_CORRECTED_LEN and word.isalpha() and allowed_edits(word) > 0


@dataclass(frozen=True)
class Candidate:
    word: str
    distance: int
    frequency: int  # documents (sections, notes, drawings) holding the word


def _index_folder(searcher: Searcher) -> Path | None:
    # A segment reader's storage is the compound file's overlay, which has no folder;
    # the searcher's index has it (``_ix``: whoosh keeps no public name for it).
    folder = getattr(getattr(getattr(searcher, "_ix", None), "storage", None), "folder", None)
    return Path(folder) if folder else None


def _words_file(reader: IndexReader, folder: Path | None) -> Path | None:
    segment = reader.segment()
    if segment is None or folder is None:
        return None
    return folder / f"{_PREFIX}{segment.segment_id()}{_SUFFIX}"


def _read_terms(reader: IndexReader) -> list[str]:
    cursor: Any = reader.cursor(SPELL_FIELD)  # the codec's cursor; the base class is bare
    words = []
    while cursor.is_valid():
        words.append(cursor.text())
        cursor.next()
    return words  # the term dictionary is sorted by UTF-8 bytes, i.e. by code point


def _store(path: Path, words: list[str], live: set[str]) -> None:
    tmp = path.with_suffix(".tmp")
    try:
        tmp.write_text("\n".join(words), encoding="utf-8")
        os.replace(tmp, path)
        for other in path.parent.glob(f"{_PREFIX}*{_SUFFIX}"):
            if other.name[len(_PREFIX) : -len(_SUFFIX)] not in live:
                with contextlib.suppress(OSError):
                    other.unlink()
    except OSError as exc:  # a read-only cache is slower, not broken
        log.debug("could not store the vocabulary in %s: %s", path, exc)


def segment_words(
    reader: IndexReader, folder: Path | None = None, live: set[str] | None = None
) -> list[str]:
    """The sorted ``spell`` terms of one segment reader (cached in memory, and on disk
    in ``folder`` when given)."""
    words = _cache.get(reader)
    if words is not None:
        return words
    path = _words_file(reader, folder)
    if path is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = path.read_text(encoding="utf-8")
            words = text.split("\n") if text else []
    if words is None:
        words = _read_terms(reader)
        if path is not None:
            _store(path, words, live or {path.name[len(_PREFIX) : -len(_SUFFIX)]})
    _cache[reader] = words
    return words


def vocabularies(searcher: Searcher) -> list[list[str]]:
    """One sorted word list per segment of the searcher's index."""
    leaves = [r for r, _ in searcher.reader().leaf_readers()]
    live = {s.segment_id() for r in leaves if (s := r.segment()) is not None}
    folder = _index_folder(searcher)
    return [segment_words(r, folder, live) for r in leaves]


def warm_up(searcher: Searcher) -> None:
    """Load (and, the first time, store) every segment's vocabulary now, so the first
    misspelt query does not pay for it."""
    vocabularies(searcher)


def is_known(searcher: Searcher, word: str) -> bool:
    return searcher.reader().doc_frequency(SPELL_FIELD, word) > 0


def _prefix_slice(words: list[str], first: str) -> list[str]:
    lo = bisect.bisect_left(words, first)
    hi = bisect.bisect_left(words, chr(ord(first) + 1))
    return words[lo:hi]


def prefix_words(searcher: Searcher, prefix: str, limit: int) -> list[str]:
    """Unstemmed words of the index beginning with ``prefix`` (folded and lowercased):
    all of them, or the ``limit`` most frequent (ties alphabetically)."""
    if not prefix:
        return []
    found: set[str] = set()
    for words in vocabularies(searcher):
        i = bisect.bisect_left(words, prefix)
        end = min(len(words), i + PREFIX_SCAN)
        while i < end and words[i].startswith(prefix):
            found.add(words[i])
            i += 1
    if len(found) <= limit:
        return sorted(found)
    reader = searcher.reader()
    ranked = sorted(found, key=lambda w: (-reader.doc_frequency(SPELL_FIELD, w), w))
    return sorted(ranked[:limit])


def close_terms(searcher: Searcher, word: str, limit: int = MAX_CANDIDATES) -> list[Candidate]:
    """Words of the index within the edits ``word`` allows, best first (see module doc).
    ``word`` is folded and lowercased already (``analysis.words_of``)."""
    edits = allowed_edits(word)
    if not correctable(word):
        return []
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    found: dict[str, int] = {}
    for words in vocabularies(searcher):
        choices = words if len(word) >= TWO_EDITS_FROM else _prefix_slice(words, word[0])
        for term, distance, _ in process.extract(
            word, choices, scorer=OSA.distance, score_cutoff=edits, limit=None
        ):
            if 0 < distance <= edits and term.isalpha():
                found[term] = min(distance, found.get(term, distance))
    reader = searcher.reader()
    ranked = [
        Candidate(term, distance, reader.doc_frequency(SPELL_FIELD, term))
        for term, distance in found.items()
    ]
    ranked = [c for c in ranked if c.frequency > 0]  # every segment holding it may be gone
    ranked.sort(key=lambda c: (c.distance, -c.frequency, c.word))
    return ranked[:limit]
