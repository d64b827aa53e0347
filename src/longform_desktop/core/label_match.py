"""Does a box's text name this reference node? The label matcher of a redraw score.

A careful grader accepts the node's label or any alias however it is spelled, ordered or
abbreviated, and refuses a different thing that shares a word. ``NodeMatcher`` turns that
into a similarity in [0, 1] for every (box text, node) pair; 0 means "not this node".
Each of the node's names (label, aliases) is tried; the best counts. For one name:

1. Same tokens in any order, or the same letters once spaces are dropped: 1.0.
2. Otherwise the words are aligned one to one (typos, compounds written as one word,
   related kinds like store/DB) and the pair is refused when
   a. no word saying *which* thing matches (only "service", "cache", "API"...), or less
      than a third of the name's naming words are there: a bare generic word is no node;
      a name made only of kind words ("API server") needs one of them as written;
   b. most of the box's own naming words are not about this node ("Count JSON on CDN"
      is not "CDN A edges");
   c. the box qualifies the name's head differently: it brings a naming word of its own
      but none of the name's qualifiers ("Payment gateway" is not "API gateway", "UPI
      switch" is not "Kill switch"; "Home feed API" still is "Home page API");
   d. the box adds a kind of another family than the node's (its kind words, else its
      shape: actor, store, queue): "Post service" is not "Post store", "App server" is
      not the "app" actor;
   e. the box has a word that names another node and not this one ("CDN A edges" for
      "CDN B edges");
   f. the name is not all there and what the box says fits another node's names too
      ("Origin" for "Origin shield" when there is an "Origin"); nodes whose labels
      differ only by a letter or number ("Conn server A"/"B") are siblings, exempt.
   Else similarity = 0.65 x weighted recall of the name + 0.35 x weighted precision of
   the box (naming words weigh 1, kind words 0.5, single letters/numbers 0.3, filler
   0.2), refused below ``THRESHOLD``.
3. A group's label does not stand for its members: a box whose matched words all come
   from a group's label, and which matches that label better than the member, names no
   member ("Authorization server" for "Authorize endpoint").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from .diagram import Diagram
from .labels import (
    FILLER,
    KIN,
    KINDS,
    SHORT_FORMS,
    WORD_WEIGHT,
    acronyms,
    family,
    heads,
    is_ident,
    kind_similarity,
    tokens,
    truncations,
    typo_similarity,
    weight,
)

THRESHOLD = 0.5
RECALL_SHARE = 0.65
MIN_NAMING = 1 / 3  # share of a name's naming words the box must have (2a)
MIN_BOX_EXPLAINED = 0.4  # share of the box's own naming words that must be about the node (2b)
CLOSE = 0.85  # a typo of the word (not merely a related kind) for the context rules

Tokens = tuple[str, ...]


_SHAPE_FAMILY = {"actor": "client", "store": "data", "queue": "flow"}


@dataclass(frozen=True)
class _Box:
    """A box's text, read: its words, the ones in parentheses (notes), its head words."""

    words: Tokens
    notes: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    cut: frozenset[str] = frozenset()  # words cut short with a full stop


_PARENS = re.compile(r"\([^)]*\)")


class NodeMatcher:
    """Similarity of box texts to the nodes of one reference diagram."""

    def __init__(self, diagram: Diagram) -> None:
        self.diagram = diagram
        self.names: list[list[Tokens]] = []
        self.heads: dict[Tokens, frozenset[str]] = {}
        for node in diagram.nodes:
            names = [tokens(name) for name in node.names()]
            self.names.append([n for n in dict.fromkeys(names) if n])
            for name in node.names():
                self.heads.setdefault(tokens(name), heads(name))
        for group in diagram.groups:
            self.heads.setdefault(tokens(group.label), heads(group.label))
        self.node_heads = [
            frozenset().union(*(heads(name) for name in node.names())) for node in diagram.nodes
        ]
        self.vocab = [frozenset(t for name in names for t in name) for names in self.names]
        # The kinds a node is: its kind words' families, else its shape's (actor, store...).
        self.families: list[set[str]] = []
        for node, vocab in zip(diagram.nodes, self.vocab, strict=True):
            shape = _SHAPE_FAMILY.get(node.shape)
            self.families.append(_families(vocab) or ({shape} if shape else set()))
        index = {node.id: i for i, node in enumerate(diagram.nodes)}
        self.groups = [
            (tokens(g.label), frozenset(index[n] for n in g.nodes if n in index))
            for g in diagram.groups
        ]
        # Words the diagram itself uses: such a word in a box is that word, never a typo
        # of another ("Payer" is not a typo of "Payee" when both are boxes).
        self.known = frozenset().union(*self.vocab, *(label for label, _ in self.groups))
        self.acronyms = frozenset().union(
            *(acronyms(name) for node in diagram.nodes for name in node.names())
        )
        self.core = [
            tuple(sorted(t for t in tokens(node.label) if not is_ident(t)))
            for node in diagram.nodes
        ]
        self._cache: dict[tuple[str, int], float] = {}
        self._touch_cache: dict[tuple[str, int], bool] = {}

    def similarity(self, text: str, node_index: int) -> float:
        key = (text, node_index)
        if key not in self._cache:
            # Words in parentheses are the box's notes ("Transcoder (ABR ladder)"): they
            # count in precision but never make the box name something else.
            notes = frozenset(tokens(text)) - frozenset(tokens(_PARENS.sub(" ", text)))
            box = _Box(tokens(text), notes, heads(text), truncations(text))
            self._cache[key] = self._similarity(box, node_index)
        return self._cache[key]

    def row(self, text: str) -> list[float]:
        return [self.similarity(text, i) for i in range(len(self.names))]

    # --- words -------------------------------------------------------------------------

    def token_similarity(self, box_word: str, ref_word: str) -> float:
        if box_word == ref_word or SHORT_FORMS.get(box_word) == ref_word:
            return 1.0
        related = kind_similarity(box_word, ref_word)
        if related or box_word in self.known:
            return related
        if ref_word in self.acronyms and sorted(box_word) != sorted(ref_word):
            return 0.0  # "SSI" is another acronym, not a typo of "SSAI"
        return typo_similarity(box_word, ref_word)

    def _touches(self, token: str, i: int) -> bool:
        """Whether a box word has anything to do with node i's words (a cheap first look:
        every rule needs at least one aligned word, or a compound that contains one)."""
        key = (token, i)
        hit = self._touch_cache.get(key)
        if hit is None:
            hit = any(
                self.token_similarity(token, v) > 0 or (len(v) > 1 and (v in token or token in v))
                for v in self.vocab[i]
            )
            self._touch_cache[key] = hit
        return hit

    def _close_to(self, token: str, vocab: frozenset[str]) -> bool:
        return token in vocab or any(self.token_similarity(token, v) >= CLOSE for v in vocab)

    def _merge_compounds(self, ref: Tokens, box: Tokens) -> tuple[Tokens, Tokens]:
        """Join adjacent words on one side when the other side wrote them as one word."""

        def fold(side: Tokens, other: Tokens) -> Tokens:
            out = list(side)
            i = 0
            while i + 1 < len(out):
                joined = out[i] + out[i + 1]
                if min(len(out[i]), len(out[i + 1])) >= 2 and any(
                    t not in side
                    and abs(len(t) - len(joined)) <= 2
                    and typo_similarity(t, joined) >= CLOSE
                    for t in other
                ):
                    out[i : i + 2] = [joined]
                else:
                    i += 1
            return tuple(out)

        return fold(ref, box), fold(box, ref)

    def align(
        self, ref: Tokens, box: Tokens, cut: frozenset[str] = frozenset()
    ) -> list[tuple[int, int, float]]:
        """One-to-one word pairs (ref index, box index, similarity), best pairs first.
        ``cut`` are box words written cut short ("Idem."): they match a word they begin."""
        pairs = []
        for i, r in enumerate(ref):
            for j, b in enumerate(box):
                sim = self.token_similarity(b, r)
                if not sim and b in cut and len(r) > len(b) and r.startswith(b):
                    sim = CLOSE
                if sim > 0:
                    pairs.append((sim, i, j))
        pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
        used_r: set[int] = set()
        used_b: set[int] = set()
        out = []
        for sim, i, j in pairs:
            if i not in used_r and j not in used_b:
                used_r.add(i)
                used_b.add(j)
                out.append((i, j, sim))
        return out

    # --- the rules (numbered as in the module docstring) -------------------------------

    def _similarity(self, box: _Box, i: int) -> float:
        if not box.words or not any(self._touches(t, i) for t in box.words):
            return 0.0
        best, evidence = 0.0, frozenset[str]()
        for name in self.names[i]:
            if _same(name, box.words):
                return 1.0
            sim, used = self._name_similarity(name, box, i)
            if sim > best:
                best, evidence = sim, used
        if best and self._group_stands_in(box.words, i, best, evidence):
            return 0.0
        return best

    def _name_similarity(
        self, name: Tokens, box_text: _Box, i: int | None
    ) -> tuple[float, frozenset[str]]:
        """Similarity of the box to one name (0 if refused), and the box words it used.
        ``i`` is the node; None for a group's label (no diagram context rules)."""
        refused = 0.0, frozenset[str]()
        ref, box = self._merge_compounds(name, box_text.words)
        pairs = self.align(ref, box, box_text.cut)
        ref_sim = {r: s for r, _, s in pairs}
        box_sim = {b: s for _, b, s in pairs}
        strong = {k for k, s in ref_sim.items() if s >= CLOSE}  # the word itself, typos ok
        naming = [k for k, t in enumerate(ref) if weight(t) == WORD_WEIGHT]
        # 2a: something says which thing this is.
        if naming:
            found = sum(ref_sim[k] for k in naming if k in strong)
            if not found or found / len(naming) < MIN_NAMING - 1e-9:
                return refused
        elif any(t in KINDS for t in ref):
            if not any(k in strong for k, t in enumerate(ref) if t in KINDS):
                return refused
        elif any(k not in strong for k, t in enumerate(ref) if not is_ident(t)):
            return refused  # only filler ("Backend process"): all of it
        # 2b: the box's own naming words are mostly about this node.
        vocab = self.vocab[i] if i is not None else frozenset(ref)
        box_naming = [
            k for k, t in enumerate(box) if weight(t) == WORD_WEIGHT and t not in box_text.notes
        ]
        unexplained = [
            k for k in box_naming if k not in box_sim and not self._close_to(box[k], vocab)
        ]
        if box_naming and len(unexplained) / len(box_naming) > 1 - MIN_BOX_EXPLAINED + 1e-9:
            return refused
        # A kind word qualifying the box's head is a qualifier too: "API gateway".
        unexplained += [
            k
            for k, t in enumerate(box)
            if t in KINDS
            and k not in box_sim
            and t not in box_text.heads
            and not self._close_to(t, vocab)
        ]
        # 2c: a box that brings a naming word of its own must keep the name's head and one
        # of its qualifiers, else it is another thing of the same kind.
        if unexplained and self._qualified_otherwise(name, ref, ref_sim, strong, naming):
            return refused
        # 2d: kinds of the box's extra words fit the node.
        families = _families(ref)
        if not families and i is not None:
            families = self.families[i]
        added = _families(t for k, t in enumerate(box) if k not in box_sim)
        if families and any(not _compatible(f, families) for f in added):
            return refused
        sim = RECALL_SHARE * _weighted(ref, ref_sim) + (1 - RECALL_SHARE) * _weighted(box, box_sim)
        used = frozenset(box[b] for b in box_sim)
        if i is not None:
            extra = [t for k, t in enumerate(box) if k not in box_sim and t not in FILLER]
            # The box's own head word, when it names this node, outranks a modifier that
            # names another ("Journal entries" is an entry); a letter or number never does.
            head_here = any(box[b] in box_text.heads for b in box_sim)
            if head_here:
                extra = [t for t in extra if is_ident(t)]
            if self._points_elsewhere(extra, i):  # 2e
                return refused
            whole = all(k in strong for k, t in enumerate(ref) if not is_ident(t))
            evidence = used | {t for t in box if self._close_to(t, self.vocab[i])}
            if not whole and self._fits_another(evidence, added, i):  # 2f
                return refused
        return (sim, used) if sim >= THRESHOLD else refused

    def _qualified_otherwise(
        self,
        name: Tokens,
        ref: Tokens,
        ref_sim: dict[int, float],
        strong: set[int],
        naming: list[int],
    ) -> bool:
        if not naming:
            return True  # "Refund worker" is not the node called "worker"
        if all(family(ref[k]) for k in naming if k in strong):
            return True  # only a kind-ish word shared: "Payment gateway" vs "gateway A"
        head_words = self.heads.get(name, frozenset())
        head = [k for k, t in enumerate(ref) if any(h in t for h in head_words)]
        if head and not any(k in strong or (k in ref_sim and ref[k] in KINDS) for k in head):
            return True  # "Visibility map" is not "Visibility filter"
        qualifiers = [
            k for k, t in enumerate(ref) if k not in head and t not in FILLER and not is_ident(t)
        ]
        return bool(qualifiers) and not any(k in strong for k in qualifiers)

    def _points_elsewhere(self, extra: Sequence[str], i: int) -> bool:
        """A box word that names another node and not this one: "CDN A" is not "CDN B"."""
        for token in extra:
            if self._close_to(token, self.vocab[i]):
                continue
            if any(self._close_to(token, v) for j, v in enumerate(self.vocab) if j != i):
                return True
        return False

    def _fits_another(self, used: AbstractSet[str], added: AbstractSet[str], i: int) -> bool:
        """What the box says fits another (non-sibling) node just as well: all of it is in
        that node's names, one of them headed by a box word ("Origin" fits "Origin", so it
        does not single out "Origin shield"; "API" does not fit "API client", whose head is
        "client"), and the box's kinds suit it ("Policy engine" is no "Policies" store)."""
        for j, vocab in enumerate(self.vocab):
            if j == i or (self.core[j] and self.core[j] == self.core[i]):
                continue
            if not all(self._close_to(t, vocab) for t in used):
                continue
            if not any(self._close_to(h, frozenset(used)) for h in self.node_heads[j]):
                continue
            if self.families[j] and any(not _compatible(f, self.families[j]) for f in added):
                continue
            return True
        return False

    def _group_stands_in(self, box: Tokens, i: int, best: float, used: frozenset[str]) -> bool:
        """Rule 3: a group's label names the group, not one of its members."""
        for label, members in self.groups:
            if i not in members or not label:
                continue
            as_group = (
                1.0 if _same(label, box) else self._name_similarity(label, _Box(box), None)[0]
            )
            # Strictly better: a member whose own alias is the group's label keeps it.
            if as_group > best + 1e-9 and all(self._close_to(t, frozenset(label)) for t in used):
                return True
        return False


def _families(words: Iterable[str]) -> set[str]:
    return {f for t in words if (f := family(t))}


def _compatible(fam: str, families: AbstractSet[str]) -> bool:
    return fam in families or any((fam, f) in KIN or (f, fam) in KIN for f in families)


def _same(name: Tokens, box: Tokens) -> bool:
    return sorted(name) == sorted(box) or "".join(name) == "".join(box)


def _weighted(side: Tokens, sims: dict[int, float]) -> float:
    total = sum(weight(t) for t in side)
    return sum(weight(t) * sims.get(k, 0.0) for k, t in enumerate(side)) / total if total else 0.0
