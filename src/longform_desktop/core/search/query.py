"""From what the user typed to Whoosh queries: parsing that never fails, question words
that do not outweigh the words that matter, and typo corrections.

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

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.qparser import syntax
from whoosh.query import Query
from whoosh.searching import Searcher

from .analysis import PLAIN_WORD, has_cjk, stemming_analyzer, words_of
from .schema import FILTER_FIELDS, TEXT_FIELDS
from .spelling import Candidate, close_terms, correctable, is_known

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_WORD = re.compile(PLAIN_WORD)
_QUERY_WORD = re.compile(PLAIN_WORD + r"\*?")  # a word, or a prefix*
_FIELD_TERM = re.compile(r"\b(\w+):(\"[^\"]*\"?|\S+)")

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


class _Corrections(qparser.Plugin):
    """Finds words the index lacks (before the multifield expansion, so each word is
    looked at once) and, when ``expand`` is set, replaces each with its alternatives."""

    def __init__(
        self, searcher: Searcher, expand: bool, memo: dict[str, list[Candidate]] | None = None
    ) -> None:
        self.searcher, self.expand = searcher, expand
        self.memo = {} if memo is None else memo  # word -> close terms, shared by a plan
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
            known = is_known(self.searcher, word)
            self.memo[word] = [] if known else close_terms(self.searcher, word)
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
    if plugin is not None:
        parser.add_plugin(plugin)
    return parser


def _sanitize(text: str) -> str:
    """A query with no syntax at all: field filters kept, everything else reduced to words."""
    kept = [
        f"{m.group(1)}:{m.group(2).strip(chr(34))}"
        for m in _FIELD_TERM.finditer(text)
        if m.group(1).lower() in FILTER_FIELDS and m.group(2).strip('"')
    ]
    rest = _FIELD_TERM.sub(" ", text)
    words = [w for w in _WORD.findall(rest) if w.upper() not in _OPERATORS]
    return " ".join(kept + words)


def is_null(q: Query) -> bool:
    return q is query.NullQuery or isinstance(q, query.NullQuery.__class__)


def parse_query(
    text: str,
    schema: Schema,
    group: type = syntax.AndGroup,
    plugin: qparser.Plugin | None = None,
) -> Query:
    """Parse the user's query; malformed syntax degrades to plain words, never an exception."""
    text = text.strip()
    if text.count('"') % 2:  # an unbalanced quote: close it rather than lose the phrase
        text += '"'
    if isinstance(plugin, _Corrections):
        plugin.text = text
    try:
        parsed = _parser(schema, group, plugin).parse(text)
    except Exception:
        parsed = query.NullQuery
    if is_null(parsed) or not list(parsed.iter_all_terms()):
        cleaned = _sanitize(text)
        if not cleaned:
            return query.NullQuery
        if isinstance(plugin, _Corrections):
            plugin.found.clear()  # the first parse's spans are of another text
            plugin.text = cleaned
        try:
            parsed = _parser(schema, group, plugin).parse(cleaned)
        except Exception:
            return query.NullQuery
    return _demote_fillers(_exclusions_as_andnot(parsed))


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


def _relaxed(text: str, schema: Schema, plugin: qparser.Plugin | None) -> Query:
    """Any of the words, but every field filter still applies."""
    filters = " ".join(
        m.group(0) for m in _FIELD_TERM.finditer(text) if m.group(1).lower() in FILTER_FIELDS
    )
    words = parse_query(_FIELD_TERM.sub(" ", text), schema, syntax.OrGroup, plugin)
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
        self._memo: dict[str, list[Candidate]] = {}
        finder = _Corrections(searcher, expand=False, memo=self._memo)
        self.strict = parse_query(text, self._schema, plugin=finder)
        self.text = finder.text  # as parsed: the corrections' spans are into it
        self._typed = text
        self.corrections = finder.found if all(c.start is not None for c in finder.found) else []

    def _expand(self) -> _Corrections:
        return _Corrections(self._searcher, expand=True, memo=self._memo)

    @cached_property
    def relaxed(self) -> Query:
        return _relaxed(self._typed, self._schema, None)

    @cached_property
    def corrected_strict(self) -> Query:
        return parse_query(self._typed, self._schema, plugin=self._expand())

    @cached_property
    def corrected_relaxed(self) -> Query:
        return _relaxed(self._typed, self._schema, self._expand())

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
