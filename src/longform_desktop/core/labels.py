"""Label words: how a box's text becomes comparable tokens, and how two tokens compare.

Both sides of a comparison (the user's box text and the reference node's label or alias)
go through the same ``tokens()``: lower case, accents and punctuation dropped, common
backend abbreviations spelled out (DB -> database, LB -> load balancer...), articles and
small connecting words dropped, plurals folded. Word order is ignored later, by aligning
token sets. ``token_similarity`` then allows "a typo or two" (with rapidfuzz's optimal
string alignment distance) but not a different word: short words, numbers and single
letters must be exact, and a word that is another word plus a prefix or suffix
("segmenter" / "segment", "uncommitted" / "committed") is a different word.

The word lists live in ``label_words``; the diagram-aware rules (which words single a node
out) in ``label_match``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA

from .label_words import (
    ABBREVIATIONS,
    FAMILIES,
    FILLER_WORDS,
    KIN,
    KIND_WORDS,
    PHRASES,
    PLURALS,
    RELATED_PAIRS,
    SHORT_FORM_WORDS,
    STOPWORDS,
    words,
)

FILLER_WEIGHT, TYPE_WEIGHT, IDENT_WEIGHT, WORD_WEIGHT = 0.2, 0.5, 0.3, 1.0


def _stem(word: str) -> str:
    """Fold plurals the same way everywhere ("entries" -> "entry", "indexes" -> "index")."""
    if len(word) <= 3 or any(c.isdigit() for c in word):
        return word
    if word in PLURALS:
        return PLURALS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(("ss", "sh", "ch", "x", "z")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


FILLER = frozenset(_stem(w) for w in FILLER_WORDS)
KINDS = frozenset(_stem(w) for w in KIND_WORDS)
FAMILY = {_stem(w): fam for fam, text in FAMILIES.items() for w in words(text)}
RELATED = {frozenset(_stem(w) for w in pair) for pair in RELATED_PAIRS}
SHORT_FORMS = {short: _stem(word) for short, word in SHORT_FORM_WORDS.items()}


def _raw_words(text: str) -> list[tuple[str, bool]]:
    """Lowercased words of ``text``, each with whether it was written as a capital letter."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`]s\b", "", text)  # possessive: "Alice's phone"
    text = re.sub(r"[’'`]", "", text)
    out = []
    for match in re.finditer(r"[A-Za-z0-9]+", text):
        raw = match.group()
        out.append((raw.lower(), raw.isupper()))
    return out


@lru_cache(maxsize=4096)
def _analyse(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    words: list[tuple[str, bool]] = []
    for word, upper in _raw_words(text):
        # "SpiceDB", "MongoDB": the trailing DB is its own word.
        if len(word) > 4 and word.endswith("db") and not word[:-2].isdigit():
            words += [(word[:-2], upper), ("db", upper)]
        else:
            words.append((word, upper))
    plain = [w for w, _ in words]
    folded: list[tuple[str, bool]] = []
    i = 0
    while i < len(words):
        for phrase, short in PHRASES.items():
            window = plain[i : i + len(phrase)]
            if len(window) == len(phrase) and all(
                typo_similarity(w, p) >= 0.85 for w, p in zip(window, phrase, strict=True)
            ):
                folded.append((short, False))
                i += len(phrase)
                break
        else:
            folded.append(words[i])
            i += 1
    out: list[str] = []
    acronyms: set[str] = set()
    for index, (word, upper) in enumerate(folded):
        if word in STOPWORDS:
            continue
        if word == "a" and not upper and index + 1 < len(folded):
            continue  # an article, not the name "A"
        if word in ABBREVIATIONS:
            out += [_stem(part) for part in ABBREVIATIONS[word]]
            continue
        out.append(_stem(word))
        if upper and 2 <= len(word) <= 5:
            acronyms.add(out[-1])
    return tuple(out), frozenset(acronyms)


_PREPOSITION = re.compile(
    r"\s(?:on|at|of|for|from|in|with|to|per|via|by|after|before|into)\s", re.IGNORECASE
)
_CONJUNCTION = re.compile(r"\s(?:and|or)\s|[+&/]", re.IGNORECASE)


@lru_cache(maxsize=4096)
def heads(text: str) -> frozenset[str]:
    """The head word(s) of a label: what it *is*, as opposed to which one ("gateway" in
    "API gateway", "scan" in "Seq Scan on orders"; "merge" and "dedupe" in "Merge and
    dedupe"). Parentheses, and what follows a comma or a preposition, only qualify."""
    text = re.sub(r"\([^)]*\)", " ", text)
    text = text.split(",")[0]
    text = _PREPOSITION.split(f" {text} ")[0] or text
    found = set()
    for part in _CONJUNCTION.split(text):
        core = [t for t in tokens(part) if t not in FILLER and not is_ident(t)]
        if core:
            found.add(core[-1])
    if not found:
        core = [t for t in tokens(text) if t not in FILLER and not is_ident(t)]
        found.update(core[-1:])
    return frozenset(found)


def tokens(text: str) -> tuple[str, ...]:
    """The comparable tokens of a label, in written order (see the module docstring)."""
    return _analyse(text)[0]


def truncations(text: str) -> frozenset[str]:
    """Words cut short with a full stop ("Idem. key store", "Repl."): each may stand for a
    longer word it begins."""
    return frozenset(
        _stem(m.group(1).lower()) for m in re.finditer(r"([A-Za-z]{3,})\.(?=\s|$)", text)
    )


def acronyms(text: str) -> frozenset[str]:
    """Tokens of ``text`` written as short all-capital words ("PSP", "SSAI"): an acronym
    is a name of its own, so one letter more or less is another acronym, not a typo."""
    return _analyse(text)[1]


@lru_cache(maxsize=8192)
def weight(token: str) -> float:
    if token in FILLER:
        return FILLER_WEIGHT
    if token in KINDS:
        return TYPE_WEIGHT
    if is_ident(token):
        return IDENT_WEIGHT
    return WORD_WEIGHT


def family(token: str) -> str | None:
    """The family of component a kind word names (data, flow, compute, client), if any."""
    return FAMILY.get(token)


def is_generic(token: str) -> bool:
    return token in FILLER or token in KINDS


def is_ident(token: str) -> bool:
    """Single letters and anything with a digit: names like "A", "1", "r88123", "40001"."""
    return len(token) == 1 or not token.isalpha()  # tokens are [a-z0-9]+


def kind_similarity(a: str, b: str) -> float:
    """How close two different words are in meaning, for the few pairs the tables know:
    kinds of one family (store/database: 0.8), of kin families (store/queue: 0.7), and
    "auth" for authentication or authorization (0.9). 0 otherwise."""
    if frozenset((a, b)) in RELATED:
        return 0.9
    if not (is_generic(a) and is_generic(b)):
        return 0.0  # "gateway" and "router" name things; only generic kinds are near-synonyms
    fa, fb = FAMILY.get(a), FAMILY.get(b)
    if fa is None or fb is None:
        return 0.0
    if fa == fb:
        return 0.8
    return 0.7 if (fa, fb) in KIN or (fb, fa) in KIN else 0.0


_ENDINGS = set(words("e y er or ier ion tion ation ing ate ator ment ed ize ise al ity ive"))


def _derived(a: str, b: str) -> bool:
    """Whether a and b are one stem with two word endings ("aggregate"/"aggregator",
    "transcoder"/"transcoding", "package"/"packager"): kin words, not a typo. Endings one
    letter apart are still a typo ("handlr"/"handler")."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    if n < 4:
        return False
    end_a, end_b = a[n:], b[n:]
    if {end_a, end_b} == {"", "r"}:
        return a[n - 1] == "e"  # package -> packager, encode -> encoder
    if not ({end_a, end_b} <= _ENDINGS | {""}):
        return False
    return OSA.distance(end_a, end_b) >= 2


@lru_cache(maxsize=65536)
def typo_similarity(a: str, b: str) -> float:
    """1 for the same word, 0.9/0.85 for one/two typos, else 0 (see the module docstring)."""
    if a == b:
        return 1.0
    if is_ident(a) or is_ident(b):
        return 0.0
    longest = max(len(a), len(b))
    if longest <= 3:
        return 0.0  # three letters are a word of their own ("api", "pdp", "pep")
    short, long_ = sorted((a, b), key=len)
    participle = long_ in (short + "ed", short + "d")  # "windowed", "cached": the same word
    if participle:
        return 0.9
    if len(long_) - len(short) >= 2 and (long_.startswith(short) or long_.endswith(short)):
        return 0.0  # another word built on this one, not a typo
    if _derived(a, b):
        return 0.0  # "package"/"packager", "aggregate"/"aggregator": kin words, not typos
    allowed = 1 if longest <= 7 else 2
    d = OSA.distance(a, b, score_cutoff=allowed)
    if d > allowed:
        return 0.0
    # Four letters: a changed letter is usually another word ("back"/"bank"); a swapped
    # pair, or a letter dropped inside the word ("fle" for "file"), is a typo.
    inner_drop = len(a) != len(b) and a[0] == b[0] and a[-1] == b[-1]
    if longest <= 4 and sorted(a) != sorted(b) and not inner_drop:
        return 0.0
    return 0.9 if d == 1 else 0.85
