"""How text becomes index terms, in every script a deep dive or a note may be written in.

Whoosh's default tokenizer matches ``\\w+``, which in Python does not include combining
marks: Devanagari ``भुगतान`` became ``भ गत न`` (every vowel sign and virama cut the word),
and a Chinese or Japanese sentence, written without spaces, became one giant token. The
tokenizer here:

- keeps combining marks (Unicode category M) and zero-width (non-)joiners inside words,
  so words in Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
  Malayalam, Sinhala, Thai, Tibetan, Myanmar, Khmer, Arabic and Hebrew stay whole;
- cuts runs of Han, Hiragana, Katakana and Hangul into overlapping bigrams (Lucene's
  CJK scheme: ``数据库索引`` -> ``数据 据库 库索 索引``), one position per bigram, so a
  query's bigrams are searched as a phrase (``数据库`` finds ``数据库索引``). At index time
  each character is also indexed as a unigram at its bigram's position, so a one-character
  query still finds the character; a query of two or more characters uses bigrams only;
- leaves everything else as Whoosh's default did (``\\w+(\\.?\\w+)*``: ``h.264``,
  ``work_mem``), so English tokens, and therefore English stemming, are unchanged.

``FoldFilter`` then folds Latin accents (``café`` = ``cafe``, ``Ångström`` = ``angstrom``),
applies compatibility normalisation (full-width letters, ligatures) and drops zero-width
joiners, so the same word typed two ways is one term. Marks on non-Latin letters are
kept: they are letters of those scripts, not accents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import STOP_WORDS, Analyzer, Token
from whoosh.lang.porter import stem as porter_stem

# Han (with extensions and compatibility ideographs), kana, Hangul, and the ideographic
# iteration marks; Python's \w matches all of them, so they are excluded from words.
_CJK_RANGES = (
    (0x1100, 0x11FF),
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x3040, 0x30FF),
    (0x3100, 0x312F),
    (0x3130, 0x318F),
    (0x31A0, 0x31BF),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7AF),
    (0xD7B0, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
    (0x20000, 0x2FA1F),
    (0x30000, 0x3134F),
)
# Blocks whose combining marks belong inside words (scanned once at import, ~8,000 code
# points, well under a millisecond): Latin/Greek/Cyrillic diacritics, Hebrew, Arabic,
# the Indic scripts from Devanagari to Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer,
# Vedic and combining-mark supplements, variation selectors.
_MARK_BLOCKS = (
    (0x0300, 0x036F),
    (0x0483, 0x0489),
    (0x0591, 0x05C7),
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06ED),
    (0x0900, 0x0DFF),
    (0x0E00, 0x0EFF),
    (0x0F00, 0x0FFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x1AB0, 0x1AFF),
    (0x1CD0, 0x1CFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xA8E0, 0xA8FF),
    (0xFE00, 0xFE0F),
    (0xFE20, 0xFE2F),
)
_JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ: inside Indic words, invisible to a reader


def _char_class(codepoints: Iterable[int]) -> str:
    """Regex class contents for ``codepoints``, collapsed into ranges."""
    out: list[list[int]] = []
    run: list[int] = []
    for cp in sorted(set(codepoints)):
        if run and cp == run[-1] + 1:
            run.append(cp)
            continue
        if run:
            out.append(run)
        run = [cp]
    if run:
        out.append(run)
    return "".join(
        re.escape(chr(r[0])) if len(r) == 1 else f"{re.escape(chr(r[0]))}-{re.escape(chr(r[-1]))}"
        for r in out
    )


_CJK = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _CJK_RANGES)
_MARKS = _char_class(
    cp
    for lo, hi in _MARK_BLOCKS
    for cp in range(lo, hi + 1)
    if unicodedata.category(chr(cp)).startswith("M")
) + re.escape(_JOINERS)

#: One character of a (non-CJK) word: a letter, digit or underscore, or a combining mark.
WORD_CHAR = rf"(?:[^\W{_CJK}]|[{_MARKS}])"
#: A word as the index sees it (Whoosh's default shape, with marks kept and CJK left out).
WORD = rf"{WORD_CHAR}+(?:\.?{WORD_CHAR}+)*"
#: A word as a reader sees it, for query text: letters, digits and marks, with inner
#: apostrophes (``don't``), no underscores or dots. CJK runs count as words here.
PLAIN_WORD = rf"(?:[^\W_]|[{_MARKS}])+(?:['’](?:[^\W_]|[{_MARKS}])+)*"
CJK_CHAR = rf"[{_CJK}]"
_TOKEN = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>{WORD})")
_HAS_CJK = re.compile(CJK_CHAR)


def has_cjk(text: str) -> bool:
    return _HAS_CJK.search(text) is not None


_LATIN_SPECIAL = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
)


def _is_latin(ch: str) -> bool:
    cp = ord(ch)
    return cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF or 0x2C60 <= cp <= 0x2C7F


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Compatibility-normalise, fold accents off Latin letters, drop zero-width joiners."""
    if text.isascii():
        return text
    out = []
    base_is_latin = False
    for ch in unicodedata.normalize("NFKD", text):
        if ch in _JOINERS or ch == "\u00ad":
            continue
        if unicodedata.combining(ch):
            if base_is_latin:
                continue  # an accent on a Latin letter: café = cafe
        else:
            base_is_latin = _is_latin(ch)
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).translate(_LATIN_SPECIAL)


class TextAnalyzer(Analyzer):
    """Tokenizer, lowercasing, folding, stop words and stemming in one loop.

    The same steps as Whoosh's ``StemmingAnalyzer`` (``RegexTokenizer | LowercaseFilter
    | StopFilter | StemFilter``, Porter stemmer) plus folding, but fused: a chain of five
    generators costs about a microsecond per token per link, and snippets re-analyse
    every shown section's text on each search.

    ``stem=False, stoplist=None, minsize=1``: the plain analyzer of the filter and
    vocabulary fields (nothing removed, nothing stemmed).
    """

    def __init__(
        self, stem: bool = True, stoplist: Iterable[str] | None = STOP_WORDS, minsize: int = 2
    ) -> None:
        self.stem = stem
        self.stops = frozenset(stoplist or ())
        self.minsize = minsize

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), self.stem, self.minsize))

    def has_morph(self) -> bool:
        return self.stem

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.boost = 1.0
        if not tokenize:
            t.original = t.text = value  # type: ignore[attr-defined]
            t.stopped = False
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        stops, minsize, stemming = self.stops, self.minsize, self.stem
        unigrams = mode != "query"
        pos = start_pos
        for match in _TOKEN.finditer(value):
            start = match.start()
            if match.lastgroup == "word":
                text = match.group().lower()
                if not text.isascii():
                    text = fold(text)
                    if not text:
                        continue
                if text in stops or len(text) < minsize:
                    if removestops:
                        continue
                    t.stopped = True  # kept for highlighting, takes no position
                    t.text = text
                    if keeporiginal:
                        t.original = match.group()  # type: ignore[attr-defined]
                    if positions:
                        t.pos = pos
                    if chars:
                        t.startchar, t.endchar = start_char + start, start_char + match.end()
                    yield t
                    continue
                t.stopped = False
                t.text = _stem(text) if stemming else text
                if keeporiginal:
                    t.original = match.group()  # type: ignore[attr-defined]
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar, t.endchar = start_char + start, start_char + match.end()
                yield t
                pos += 1
                continue
            # A CJK run: overlapping bigrams, one position each (see the module docstring).
            run = match.group()
            folded = fold(run)  # full-width forms; never a change of length (offsets)
            run = folded if len(folded) == len(run) else run
            t.stopped = False
            pieces: list[tuple[str, int, int, int]]
            if len(run) == 1:
                pieces = [(run, 0, 1, 0)]
            else:
                last = len(run) - 2
                pieces = []
                for i in range(last + 1):
                    pieces.append((run[i : i + 2], i, i + 2, i))
                    if unigrams:
                        pieces.append((run[i], i, i + 1, i))
                if unigrams:
                    pieces.append((run[-1], last + 1, last + 2, last))
            for text, lo, hi, offset in pieces:
                t.text = text
                if keeporiginal:
                    t.original = text  # type: ignore[attr-defined]
                if positions:
                    t.pos = pos + offset
                if chars:
                    t.startchar, t.endchar = start_char + start + lo, start_char + start + hi
                yield t
            pos += max(1, len(run) - 1)


_stem = lru_cache(maxsize=50000)(porter_stem)


def stemming_analyzer() -> Analyzer:
    """Prose fields: words in every script, folded, stop words out, English stemmed."""
    return TextAnalyzer()


def plain_analyzer() -> Analyzer:
    """Filter and vocabulary fields: the same words, folded, nothing removed or stemmed."""
    return TextAnalyzer(stem=False, stoplist=None, minsize=1)


def words_of(text: str) -> list[str]:
    """The folded, lowercased words of ``text`` as the vocabulary (``spell``) holds them."""
    return [t.text for t in _PLAIN(text, mode="query")]


_PLAIN = plain_analyzer()
