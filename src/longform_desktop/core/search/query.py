"""From what the user typed to Whoosh queries: parsing that never fails, question words
that do not outweigh the words that matter, prefixes, filters and typo corrections.

What is typed is first *bounded* (``bound_query``): lone surrogates become U+FFFD (the
text is echoed in results and JSON, which must be valid UTF-8), and the query is cut to
``MAX_QUERY_CHARS`` characters and ``MAX_QUERY_WORDS`` words, with a note saying so, so a
pasted page costs no more than a long question. Only the documented fields may be named
(``topic: difficulty: section: kind: source:`` and the text fields); any other
``name:`` is read as words. ``prefix*`` is matched against the *unstemmed* vocabulary
(``spelling.prefix_words``), so ``pagina*`` finds *pagination* although its stem is
``pagin``.

One ``QueryPlan`` per search holds every form ``results.search`` may run: the strict
query (every content word), the relaxed one (any word; field filters still apply), and,
when some word is not in the index but has close terms, the same two with each such
word expanded to ``word OR close terms`` (close terms weigh less, so exact matches rank
above corrected ones).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.qparser import syntax
from whoosh.query import Query
from whoosh.searching import Searcher

from .analysis import PLAIN_WORD, fold, has_cjk, stemming_analyzer, words_of
from .schema import FILTER_FIELDS, ORIGIN_FIELD, TEXT_FIELDS
from .spelling import Candidate, close_terms, correctable, is_known, prefix_words

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_WORD = re.compile(PLAIN_WORD)
_QUERY_WORD = re.compile(PLAIN_WORD + r"\*?")  # a word, or a prefix*
_FIELD_TERM = re.compile(r"\b(\w+):(\"[^\"]*\"?|\S+)")
_FIELD_NAME = re.compile(r"(?<![\w:])(\w+):")
_SURROGATE = re.compile("[\ud800-\udfff]")

#: ``source:user`` / ``source:bundled``: the deep dives of the user's folder, or the ones
#: the app ships. Searched in the ``origin`` field (``schema.ORIGIN_FIELD``): the schema's
#: own ``source`` field is the unit of re-indexing, which a query never names.
SOURCE_FILTER = "source"
#: Field names a query may use: filters first (kept by the relaxed query), then text.
FILTERS = (*FILTER_FIELDS, SOURCE_FILTER)
QUERY_FIELDS = frozenset((*FILTERS, *TEXT_FIELDS))

#: Bounds on what one query may cost (issue 17: a 100 KB query took minutes). Longer
#: queries are cut, with ``BoundedQuery.note`` saying so.
MAX_QUERY_CHARS = 256
MAX_QUERY_WORDS = 16
MAX_DEPTH = 8  # nested parentheses; deeper ones are dropped (the words stay)
MAX_BOOST = 10.0  # ``word^1e308`` would make every score infinite
#: A prefix stands for at most this many words of the vocabulary (the most frequent),
#: and the prefixes after the first ``MAX_PREFIXES`` of a query for fewer: each word is
#: a term per text field, and each term costs a postings read per search.
MAX_PREFIX_WORDS = 16
MAX_PREFIXES = 4
MAX_LATER_PREFIX_WORDS = 2


@dataclass(frozen=True)
class BoundedQuery:
    text: str  # what will be searched (and echoed): valid UTF-8, within the bounds
    note: str = ""  # why it differs from what was typed, shown with the results


def bound_query(typed: str) -> BoundedQuery:
    """``typed`` made safe to echo and cheap to search (see the module docstring)."""
    text = _SURROGATE.sub("\ufffd", typed)
    notes = []
    if len(text) > MAX_QUERY_CHARS:
        cut = text.rfind(" ", 0, MAX_QUERY_CHARS + 1)
        text = text[: cut if cut > MAX_QUERY_CHARS // 2 else MAX_QUERY_CHARS]
        notes.append(f"its first {MAX_QUERY_CHARS} characters")
    words = 0
    for match in _QUERY_WORD.finditer(text):
        if match.group().upper() in _OPERATORS:
            continue
        words += 1
        if words > MAX_QUERY_WORDS:
            text = text[: match.start()]
            notes.append(f"its first {MAX_QUERY_WORDS} words")
            break
    note = f"The query was shortened to {' and '.join(notes)}." if notes else ""
    return BoundedQuery(text.strip(), note)


def _max_depth(text: str) -> int:
    depth = deepest = 0
    for ch in text:
        if ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth = max(depth - 1, 0)
    return deepest


def _normalise(text: str) -> str:
    """Only the documented field names stay field names; nesting is kept shallow."""
    text = text.replace("\ufffd", " ")  # what stood for an unreadable character parts words
    text = _FIELD_NAME.sub(
        lambda m: m.group() if m.group(1) in QUERY_FIELDS else m.group(1) + " ", text
    )
    if _max_depth(text) > MAX_DEPTH:
        text = text.replace("(", " ").replace(")", " ")
    return text


#: Words that shape a question but rarely say what it is about. They stay in the query
#: (optional, at a fifth of a word's weight) instead of being dropped, so a query made
#: only of them still works and "what breaks first" still prefers the sections that
#: say it. Whoosh's stop words (a, the, is, not...) are removed before this.
_FILLER_TEXT = """
why how what which who whom whose where whats hows whys does do did doing done doesn
don didn isn aren wasn weren my mine me i im ive our ours its his her hers their theirs
they them he she someone something anything everything get gets got getting gotten make
makes making made happen happens happened happening work works working should would
could might must shall way ways thing things really actually just so like about also
even still much many lot lots very too some any there here then than use uses using
used need needs want wants try trying explain explained mean means difference between
vs versus example examples
"""
FILLER_WORDS = frozenset(_FILLER_TEXT.split())
FILLER_BOOST = 0.2
#: Weight of a close term relative to the word typed (the best one; the others half).
CORRECTION_BOOST = {1: 0.8, 2: 0.6}
#: Unknown words looked up for close terms, per query: each lookup scans the vocabulary
#: (1,000 unknown words took 2.3 s); the others are searched as typed.
MAX_CORRECTED_WORDS = 8


@cache
def _filler_terms() -> frozenset[str]:
    analyzer = stemming_analyzer()
    return frozenset(t.text for w in FILLER_WORDS for t in analyzer(w))


class _Alternatives(syntax.OrGroup):
    """A word and its close terms: never merged into a neighbouring OR group, whose
    boost would then be lost."""

    merging = False


@dataclass
class Correction:
    start: int  # span of the word in the query text
    end: int
    typed: str
    candidates: list[Candidate]

    @property
    def best(self) -> str:
        return self.candidates[0].word


class _Memo(dict[str, list[Candidate]]):
    """Word -> its close terms ([] when known), shared by the forms of one query, and how
    many words were looked up."""

    lookups = 0


class _Corrections(qparser.Plugin):
    """Finds words the index lacks (before the multifield expansion, so each word is
    looked at once) and, when ``expand`` is set, replaces each with its alternatives."""

    def __init__(self, searcher: Searcher, expand: bool, memo: _Memo | None = None) -> None:
        self.searcher, self.expand = searcher, expand
        self.memo = _Memo() if memo is None else memo
        self.found: list[Correction] = []
        self.text = ""  # the text being parsed: the spans in ``found`` are into it

    def filters(self, parser: qparser.QueryParser) -> list:
        return [(self.do_corrections, 105)]  # after field names (100), before multifield

    def do_corrections(
        self, parser: qparser.QueryParser, group: syntax.GroupNode
    ) -> syntax.GroupNode:
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[i] = self.do_corrections(parser, node)
            elif type(node) is syntax.WordNode and node.fieldname in (None, *TEXT_FIELDS):
                replacement = self._correct(node)
                if replacement is not None:
                    group[i] = replacement
        return group

    def _correct(self, node: syntax.WordNode) -> syntax.GroupNode | None:
        words = words_of(node.text)
        if len(words) != 1 or not correctable(words[0]):
            return None
        word = words[0]
        if word not in self.memo:
            if is_known(self.searcher, word):
                self.memo[word] = []
            elif self.memo.lookups >= MAX_CORRECTED_WORDS:
                return None  # searched as typed
            else:
                self.memo.lookups += 1
                self.memo[word] = close_terms(self.searcher, word)
        candidates = self.memo[word]
        if not candidates:
            return None
        self.found.append(Correction(node.startchar, node.endchar, node.text, candidates))
        if not self.expand:
            return None
        alternatives: list[syntax.SyntaxNode] = [node]
        for rank, cand in enumerate(candidates):
            alt = syntax.WordNode(cand.word)
            alt.fieldname = node.fieldname
            alt.set_range(node.startchar, node.endchar)
            boost = CORRECTION_BOOST[cand.distance] * (1.0 if rank == 0 else 0.5)
            alternatives.append(_Alternatives([alt], boost=boost))
        return _Alternatives(alternatives)


class _Parser(qparser.QueryParser):
    def multitoken_query(
        self, spec: str, texts: list[str], fieldname: str, termclass: type, boost: float
    ) -> Query:
        # A CJK word arrives as overlapping bigrams: they must be adjacent, in order.
        if any(has_cjk(t) for t in texts):
            return self.phraseclass(fieldname, texts, boost=boost)
        return super().multitoken_query(spec, texts, fieldname, termclass, boost)


def _parser(
    schema: Schema, group: type = syntax.AndGroup, plugin: qparser.Plugin | None = None
) -> qparser.QueryParser:
    parser = _Parser(None, schema, group=group)
    parser.add_plugin(qparser.MultifieldPlugin(list(TEXT_FIELDS), fieldboosts=TEXT_FIELDS))
    parser.remove_plugin_class(qparser.PlusMinusPlugin)
    # Undocumented syntax that costs or breaks: ranges over a term list (``[a TO z]``,
    # or on a stored-only field), and ``*`` alone matching every document.
    parser.remove_plugin_class(qparser.RangePlugin)
    parser.remove_plugin_class(qparser.EveryPlugin)
    if plugin is not None:
        parser.add_plugin(plugin)
    return parser


def _sanitize(text: str) -> str:
    """A query with no syntax at all: field filters kept, everything else reduced to words."""
    kept = []
    for m in _FIELD_TERM.finditer(text):
        words = _WORD.findall(m.group(2))
        if m.group(1) in FILTERS and words:
            kept.append(
                f"{m.group(1)}:{words[0]}"
                if len(words) == 1
                else f'{m.group(1)}:"{" ".join(words)}"'
            )
    rest = _FIELD_TERM.sub(" ", text)
    words = [w for w in _WORD.findall(rest) if w.upper() not in _OPERATORS]
    return " ".join(kept + words)


def is_null(q: Query) -> bool:
    return q is query.NullQuery or isinstance(q, query.NullQuery.__class__)


def plain_words(text: str) -> str:
    """The query as plain words and field filters, no other syntax: what a query the
    parser or the search rejects falls back to."""
    return _sanitize(bound_query(text).text)


def parse_query(
    text: str,
    schema: Schema,
    group: type = syntax.AndGroup,
    plugin: qparser.Plugin | None = None,
    searcher: Searcher | None = None,
) -> Query:
    """Parse the user's query; malformed syntax degrades to plain words, never an exception.
    With ``searcher``, prefixes are expanded against its unstemmed vocabulary."""
    text = _normalise(text.strip())
    if text.count('"') % 2:  # an unbalanced quote: close it rather than lose the phrase
        text += '"'
    if isinstance(plugin, _Corrections):
        plugin.text = text
    try:
        parsed = _checked(_parser(schema, group, plugin).parse(text), schema, searcher)
    except Exception:  # whatever the parser trips on (RecursionError too): plain words
        parsed = query.NullQuery
    if not _meaningful(parsed):
        cleaned = _sanitize(text)
        if not cleaned:
            return query.NullQuery
        if isinstance(plugin, _Corrections):
            plugin.found.clear()  # the first parse's spans are of another text
            plugin.text = cleaned
        try:
            parsed = _checked(_parser(schema, group, plugin).parse(cleaned), schema, searcher)
        except Exception:
            return query.NullQuery
        if not _meaningful(parsed):
            return query.NullQuery
    return _tuned(_demote_fillers(_exclusions_as_andnot(parsed)))


def _tuned(q: Query) -> Query:
    """Every OR of a few clauses unions its matchers as a tree (Whoosh's choice on an
    index of more than 5,000 documents) instead of pre-reading 2,048-document blocks
    into arrays (its choice on a smaller one, such as the bundled deep dives): for a
    word's few fields the arrays cost more than they save (15-20% of a query there)."""
    if type(q) is query.Or and len(q.subqueries) < query.Or.TOO_MANY_CLAUSES:
        q.matcher_type = query.Or.DEFAULT_MATCHER
    for child in q.children():
        _tuned(child)
    return q


def _meaningful(q: Query) -> bool:
    """Whether ``q`` searches for anything (a prefix counts: it has no terms of its own)."""
    if is_null(q):
        return False
    if q.is_leaf():
        return True
    return any(_meaningful(child) for child in q.children())


def _checked(q: Query, schema: Schema, searcher: Searcher | None) -> Query:
    """What Whoosh would reject or run at an unbounded cost, made harmless: a phrase on a
    field without positions becomes its words, ``source:`` a term of the origin field,
    boosts are capped, wildcards become prefixes, and prefixes on text fields are
    expanded."""
    memo: dict[str, list[str]] = {}
    reader = searcher.reader() if searcher is not None else None

    def fix(node: Query) -> Query:
        if not node.is_leaf():
            node = node.apply(fix)
            if reader is not None and type(node) is query.Or:
                node = _without_missing(node, reader)
        boost = getattr(node, "boost", 1.0)
        if not 0.0 <= boost <= MAX_BOOST:  # NaN fails both
            boost = MAX_BOOST if boost > MAX_BOOST else 1.0
            setattr(node, "boost", boost)  # noqa: B010 (not every Query declares it)
        fieldname = getattr(node, "fieldname", None)
        if isinstance(node, query.Every):  # ``*``: every term of the field, for nothing
            return query.NullQuery
        if fieldname is None:
            return node
        if fieldname not in QUERY_FIELDS or fieldname not in schema:
            return query.NullQuery
        if fieldname == SOURCE_FILTER:
            return _origin_term(node, boost)
        fmt = schema[fieldname].format
        if isinstance(node, query.Phrase) and not (fmt and fmt.supports("positions")):
            return query.And([query.Term(fieldname, w) for w in node.words], boost=boost)
        if isinstance(node, query.Wildcard):
            head = re.split(r"[*?]", node.text, maxsplit=1)[0]
            if not head:
                return query.NullQuery
            node = query.Prefix(fieldname, head, boost=node.boost)
        if isinstance(node, query.Prefix) and fieldname in TEXT_FIELDS and searcher is not None:
            return _expanded(node, searcher, memo)
        return node

    return fix(q)


def _origin_term(node: Query, boost: float) -> Query:
    """``source:<origin>`` as a term of the origin field, whatever the value's case
    (``source:USER``). Anything but one word (a prefix, a phrase of two) stays a filter
    that nothing passes, as an unknown origin does: dropped, it would widen the search."""
    value = str(node.text).strip().lower() if isinstance(node, query.Term) else ""
    return query.Term(ORIGIN_FIELD, value, boost=boost)


def _without_missing(node: query.Or, reader: Any) -> Query:
    """An OR without the terms the index lacks: a typed word is an OR over five fields
    and rarely in all of them, and each alternative costs a matcher per search (on a
    small index, an array of scores). Kept whole when none is there, so that an AND
    around it still finds nothing."""

    def present(q: Query) -> bool:
        if type(q) is not query.Term:
            return True
        try:
            return (q.fieldname, q.text) in reader
        except Exception:  # a value the field cannot encode: nothing to find
            return False

    kept = [q for q in node.subqueries if present(q)]
    if len(kept) == len(node.subqueries) or not kept:
        return node
    if len(kept) == 1 and node.boost == 1.0:
        return kept[0]
    return query.Or(kept, boost=node.boost, minmatch=node.minmatch, scale=node.scale)


def _expanded(node: query.Prefix, searcher: Searcher, memo: dict[str, list[str]]) -> Query:
    """A prefix on a text field as the stems of the unstemmed words it begins (those
    stems the field has)."""
    prefix = fold(str(node.text).lower())
    if prefix not in memo:
        limit = MAX_PREFIX_WORDS if len(memo) < MAX_PREFIXES else MAX_LATER_PREFIX_WORDS
        stems: dict[str, None] = {}
        analyzer = stemming_analyzer()
        for word in prefix_words(searcher, prefix, limit):
            for token in analyzer(word, mode="query"):
                stems.setdefault(token.text, None)
        memo[prefix] = list(stems)
    reader: Any = searcher.reader()  # ``in`` takes (field, text); not in its stubs
    stems_ = [s for s in memo[prefix] if (node.fieldname, s) in reader]
    if not memo[prefix]:  # no word begins so: the prefix over the stems finds what there is
        return node
    if not stems_:
        return query.NullQuery  # this field has none of them (an Or drops it)
    terms = [query.Term(node.fieldname, stem) for stem in stems_]
    return terms[0] if len(terms) == 1 and node.boost == 1.0 else query.Or(terms, boost=node.boost)


def _exclusions_as_andnot(q: Query) -> Query:
    """``a AND NOT b`` as AndNot(a, b): Whoosh runs a bare Not by walking every document
    in the index (140 ms on the 10M-word corpus), AndNot by skipping b's few postings."""
    if not q.is_leaf():
        q = q.apply(_exclusions_as_andnot)
    if isinstance(q, query.And):
        keep = [c for c in q.subqueries if not isinstance(c, query.Not)]
        drop = [c.query for c in q.subqueries if isinstance(c, query.Not)]
        if keep and drop:
            positive = keep[0] if len(keep) == 1 else query.And(keep, boost=q.boost)
            negative = drop[0] if len(drop) == 1 else query.Or(drop)
            return query.AndNot(positive, negative)
    return q


def _is_filler(q: Query) -> bool:
    """A word group (a Term, or an Or of one word's fields) made of filler words only."""
    if isinstance(q, query.Term):
        return q.fieldname in TEXT_FIELDS and q.text in _filler_terms()
    if type(q) is query.Or:
        return all(_is_filler(sub) for sub in q.subqueries)
    return False


def _demote_fillers(q: Query) -> Query:
    """Question words become optional in an AND and weigh a fifth in an OR; a query of
    nothing but question words is left as it is."""
    if not q.is_leaf():
        q = q.apply(_demote_fillers)
    if isinstance(q, (query.And, query.Or)) and not _is_filler(q):
        fillers = [c for c in q.subqueries if _is_filler(c)]
        content = [c for c in q.subqueries if not _is_filler(c)]
        if fillers and content:
            optional = query.Or(fillers, boost=FILLER_BOOST)
            if isinstance(q, query.Or):
                return query.Or([*content, optional], boost=q.boost)
            required = content[0] if len(content) == 1 else query.And(content)
            return query.AndMaybe(required, optional)
    return q


def _relaxed(
    text: str, schema: Schema, plugin: qparser.Plugin | None, searcher: Searcher | None = None
) -> Query:
    """Any of the words, but every field filter still applies."""
    text = _normalise(text)
    filters = " ".join(m.group(0) for m in _FIELD_TERM.finditer(text) if m.group(1) in FILTERS)
    words = parse_query(_FIELD_TERM.sub(" ", text), schema, syntax.OrGroup, plugin, searcher)
    if not filters:
        return words
    return query.And([parse_query(filters, schema), words])


def query_words(text: str) -> list[str]:
    """The plain words of a query (filters and operators removed); a prefix keeps its '*'."""
    rest = _FIELD_TERM.sub(" ", text)
    return [w for w in _QUERY_WORD.findall(rest) if w.upper() not in _OPERATORS]


def highlight_words(text: str) -> tuple[str, ...]:
    """The words to mark in the opened article (the view matches their inflections)."""
    words = {w.lower().rstrip("*") for w in query_words(text)}
    return tuple(sorted(w for w in words if len(w) > 1 or has_cjk(w)))


class QueryPlan:
    """The forms of one query; all but the strict one are parsed when first asked for."""

    def __init__(self, text: str, searcher: Searcher) -> None:
        self._searcher, self._schema = searcher, searcher.schema
        self._memo = _Memo()
        finder = _Corrections(searcher, expand=False, memo=self._memo)
        self.strict = parse_query(text, self._schema, plugin=finder, searcher=searcher)
        self.text = finder.text  # as parsed: the corrections' spans are into it
        self._typed = text
        self.corrections = finder.found if all(c.start is not None for c in finder.found) else []

    def _expand(self) -> _Corrections:
        return _Corrections(self._searcher, expand=True, memo=self._memo)

    @cached_property
    def relaxed(self) -> Query:
        return _relaxed(self._typed, self._schema, None, self._searcher)

    @cached_property
    def corrected_strict(self) -> Query:
        return parse_query(
            self._typed, self._schema, plugin=self._expand(), searcher=self._searcher
        )

    @cached_property
    def corrected_relaxed(self) -> Query:
        return _relaxed(self._typed, self._schema, self._expand(), self._searcher)

    @property
    def corrected_text(self) -> str:
        """The query with every correctable word replaced by its best close term."""
        return _replace_words(self.text, self.corrections, lambda c: c.best)

    @property
    def verbatim_text(self) -> str:
        """The query with the corrected words quoted: searched as typed, never corrected."""
        return _replace_words(self.text, self.corrections, lambda c: f'"{c.typed}"')


def _replace_words(
    text: str, corrections: Iterable[Correction], word: Callable[[Correction], str]
) -> str:
    out, last = [], 0
    for c in sorted(corrections, key=lambda c: c.start):
        if c.start is None or c.end is None or c.start < last:
            continue
        out += [text[last : c.start], word(c)]
        last = c.end
    return "".join(out) + text[last:]


def plan_query(text: str, searcher: Searcher) -> QueryPlan:
    """Every form of ``text`` a search may run (see the module docstring)."""
    return QueryPlan(text, searcher)
