"""The project's relevance set: queries as students type them, each with the deep dive a
person asking it expects to see first. Prints ONE JSON object (hit@1, hit@3, the misses).

    .venv/bin/python benchmarks/relevance.py            # against the bundled content
    .venv/bin/python benchmarks/relevance.py --misses   # also list every miss on stderr

The set was written (and committed) before any ranking change was tuned against it, and
its expectations are never edited to fit results: a miss is a ranking problem to fix or
to report, not a line to change. Add queries freely; changing an expectation needs a
reason a reader of the deep dives would accept, written next to it.

Each entry is (query, expected slug, kind). Kinds: ``keyword`` (words or a term of art),
``question`` (a sentence as typed into a search box), ``typo`` (a misspelling a person
makes), ``abbrev`` (an abbreviation or acronym).

Not part of the test suite (pytest only collects ``tests/``); ``run.py`` reports the
same figures as ``relevance_hit_at_1`` / ``relevance_hit_at_3``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

AUTHN = "authentication-from-the-protocol-up"
AUTHZ = "authorization-past-the-if-statement"
IDEM = "idempotency-and-exactly-once"
PAGE = "pagination-that-survives-real-data"
LEDGER = "payments-ledger-for-upi-scale"
FEED = "social-feed-at-instagram-scale"
TATKAL = "surviving-the-irctc-tatkal-rush"
PG = "how-postgres-stores-and-finds-your-data"
PLAN = "reading-a-query-plan-like-a-senior"
TXN = "transactions-isolation-and-the-bugs-they-prevent"
CHAT = "building-chat-at-whatsapp-scale"
STREAM = "live-cricket-streaming-at-jiohotstar-scale"

RELEVANCE_SET: list[tuple[str, str, str]] = [
    # --- Authentication, from the protocol up
    ("jwt vs sessions", AUTHN, "keyword"),
    ("how do refresh tokens work", AUTHN, "question"),
    ("what is pkce", AUTHN, "question"),
    ("session fixation", AUTHN, "keyword"),
    ("alg none attack", AUTHN, "keyword"),
    ("where should i store tokens localstorage or cookie", AUTHN, "question"),
    ("csrf cookie samesite", AUTHN, "keyword"),
    ("oauth authorization code flow", AUTHN, "keyword"),
    ("refresh token rotaton", AUTHN, "typo"),
    ("openid connect id token", AUTHN, "keyword"),
    ("JWT", AUTHN, "abbrev"),
    ("how do i log out a user who has a jwt", AUTHN, "question"),
    # --- Authorization, past the if-statement
    ("rbac vs abac", AUTHZ, "abbrev"),
    ("zanzibar relationship tuples", AUTHZ, "keyword"),
    ("broken object level authorization", AUTHZ, "keyword"),
    ("confused deputy problem", AUTHZ, "keyword"),
    ("row level security postgres tenant", AUTHZ, "keyword"),
    ("how to filter a list by what the user is allowed to see", AUTHZ, "question"),
    ("what is rebac", AUTHZ, "question"),
    ("new enemy problem zookie", AUTHZ, "keyword"),
    ("authorisation", AUTHZ, "typo"),
    ("permision checks", AUTHZ, "typo"),
    ("bola", AUTHZ, "abbrev"),
    # --- Idempotency and exactly-once
    ("idempotency key", IDEM, "keyword"),
    ("why is exactly once delivery impossible", IDEM, "question"),
    ("how to stop charging a customer twice when the client retries", IDEM, "question"),
    ("idempotent http methods", IDEM, "keyword"),
    ("deduplicating webhooks", IDEM, "keyword"),
    ("outbox and inbox pattern", IDEM, "keyword"),
    ("idempotancy", IDEM, "typo"),
    ("same key different request body", IDEM, "keyword"),
    ("what happens if the worker dies halfway", IDEM, "question"),
    ("exactly once", IDEM, "keyword"),
    ("idempotency-key header", IDEM, "keyword"),
    # --- Pagination that survives real data
    ("why does my offset query get slower on later pages", PAGE, "question"),
    ("keyset pagination", PAGE, "keyword"),
    ("cursor pagination", PAGE, "keyword"),
    ("opaque cursor signing", PAGE, "keyword"),
    ("total count problem", PAGE, "keyword"),
    ("offset vs keyset", PAGE, "keyword"),
    ("why do i see the same row twice when paging", PAGE, "question"),
    ("paginaton", PAGE, "typo"),
    ("how to go to the previous page with keyset", PAGE, "question"),
    ("limit offset slow", PAGE, "keyword"),
    ("pagnation cursor", PAGE, "typo"),
    # --- A payments ledger for UPI-scale money movement
    ("double entry bookkeeping", LEDGER, "keyword"),
    ("ledger debits and credits", LEDGER, "keyword"),
    ("why not store money as a float", LEDGER, "question"),
    ("reconciliation breaks", LEDGER, "keyword"),
    ("how does a upi payment move between banks", LEDGER, "question"),
    ("deemed approval", LEDGER, "keyword"),
    ("hold then capture", LEDGER, "keyword"),
    ("leddger", LEDGER, "typo"),
    ("UPI", LEDGER, "abbrev"),
    ("reconcilation", LEDGER, "typo"),
    ("how do you keep journals balanced", LEDGER, "question"),
    # --- A social feed at Instagram scale
    ("fanout on write vs fanout on read", FEED, "keyword"),
    ("celebrity problem", FEED, "keyword"),
    ("how does instagram build my feed", FEED, "question"),
    ("timeline redis sorted set", FEED, "keyword"),
    ("feed ranking candidates", FEED, "keyword"),
    ("hybrid push pull", FEED, "keyword"),
    ("instagarm feed", FEED, "typo"),
    ("backfill timeline for a new follow", FEED, "keyword"),
    ("what happens when someone with millions of followers posts", FEED, "question"),
    ("fan out", FEED, "keyword"),
    # --- Surviving the IRCTC Tatkal rush
    ("how does a seat not get sold twice", TATKAL, "question"),
    ("tatkal", TATKAL, "keyword"),
    ("overselling", TATKAL, "keyword"),
    ("virtual waiting room", TATKAL, "keyword"),
    ("payment gateway times out after the seat is held", TATKAL, "question"),
    ("bots and captchas", TATKAL, "keyword"),
    ("seat hold expiry", TATKAL, "keyword"),
    ("irctc", TATKAL, "abbrev"),
    ("train ticket booking system design", TATKAL, "question"),
    ("overseling", TATKAL, "typo"),
    ("atomic conditional decrement", TATKAL, "keyword"),
    # --- How Postgres stores and finds your data
    ("postgress vacum", PG, "typo"),
    ("mvcc tuple header", PG, "keyword"),
    ("what is toast in postgres", PG, "question"),
    ("heap page layout", PG, "keyword"),
    ("wal checkpoint full page writes", PG, "keyword"),
    ("transaction id wraparound", PG, "keyword"),
    ("hot updates fillfactor", PG, "keyword"),
    ("why is my table bloated", PG, "question"),
    ("visibility map", PG, "keyword"),
    ("autovacuum falling behind", PG, "keyword"),
    ("how does postgres find a row", PG, "question"),
    ("WAL", PG, "abbrev"),
    ("why does a select write to disk", PG, "question"),
    # --- Reading a query plan like a senior
    ("explain analyze", PLAN, "keyword"),
    ("how to read a query plan", PLAN, "question"),
    ("nested loop vs hash join", PLAN, "keyword"),
    ("why are the row estimates wrong", PLAN, "question"),
    ("sort spills to disk work_mem", PLAN, "keyword"),
    ("generic plan prepared statement", PLAN, "keyword"),
    ("stale statistics planner", PLAN, "keyword"),
    ("qurey plan", PLAN, "typo"),
    ("what do the cost numbers mean", PLAN, "question"),
    ("why is my query fast in psql but slow from the app", PLAN, "question"),
    ("explian analyse", PLAN, "typo"),
    # --- Transactions, isolation and the bugs they prevent
    ("write skew", TXN, "keyword"),
    ("isolation levels", TXN, "keyword"),
    ("dirty read", TXN, "keyword"),
    ("lost update", TXN, "keyword"),
    ("deadlock", TXN, "keyword"),
    ("deadlok", TXN, "typo"),
    ("optimistic vs pessimistic locking", TXN, "keyword"),
    ("retry loop serialization failure", TXN, "keyword"),
    ("phantom read", TXN, "keyword"),
    ("repeatable read vs read committed", TXN, "keyword"),
    ("ACID", TXN, "abbrev"),
    ("isolaton levels", TXN, "typo"),
    ("what happens when two transactions update the same row", TXN, "question"),
    # --- Building chat at WhatsApp scale
    ("whatsapp", CHAT, "keyword"),
    ("message delivery ticks", CHAT, "keyword"),
    ("sender keys group encryption", CHAT, "keyword"),
    ("how does chat keep messages in order", CHAT, "question"),
    ("push notifications when the app sleeps", CHAT, "keyword"),
    ("presence last seen typing indicator", CHAT, "keyword"),
    ("reconnect storm", CHAT, "keyword"),
    ("whatsap", CHAT, "typo"),
    ("store and forward offline messages", CHAT, "keyword"),
    ("what does one grey tick mean", CHAT, "question"),
    # --- Live cricket streaming at JioHotstar scale
    ("thundering herd", STREAM, "keyword"),
    ("low latency hls", STREAM, "keyword"),
    ("adaptive bitrate", STREAM, "keyword"),
    ("cdn origin shield", STREAM, "keyword"),
    ("how do you stream a cricket match to millions of people", STREAM, "question"),
    ("counting live viewers hyperloglog", STREAM, "keyword"),
    ("server side ad insertion", STREAM, "keyword"),
    ("encoding ladder", STREAM, "keyword"),
    ("hotstar", STREAM, "keyword"),
    ("ABR", STREAM, "abbrev"),
    ("thundring herd", STREAM, "typo"),
    ("what happens to the backend when a wicket falls", STREAM, "question"),
]


def evaluate(source, entries=RELEVANCE_SET, limit: int = 20) -> dict:
    """hit@1 and hit@3 of ``entries`` searched through ``source`` (an index or searcher)."""
    from longform_desktop.core.search import search

    hit1 = hit3 = 0
    misses = []
    by_kind: dict[str, list[int]] = {}
    for text, expected, kind in entries:
        results = search(source, text, limit=limit)
        ranked = [h.article for h in results.hits if h.kind == "article"]
        first, top3 = ranked[:1] == [expected], expected in ranked[:3]
        hit1 += first
        hit3 += top3
        tally = by_kind.setdefault(kind, [0, 0])
        tally[0] += first
        tally[1] += 1
        if not first:
            misses.append(
                {
                    "query": text,
                    "expected": expected,
                    "got": ranked[:3],
                    "rank": ranked.index(expected) + 1 if expected in ranked else None,
                }
            )
    n = len(entries)
    return {
        "relevance_queries": n,
        "relevance_hit_at_1": round(hit1 / n, 4),
        "relevance_hit_at_3": round(hit3 / n, 4),
        "relevance_hit_at_1_by_kind": {k: round(a / b, 4) for k, (a, b) in by_kind.items()},
        "relevance_misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list every miss on stderr")
    args = parser.parse_args(argv)
    repo = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="longform-relevance-") as tmp:
        for name in ("DATA", "CACHE", "CONFIG"):
            os.environ[f"LONGFORM_{name}_DIR"] = str(Path(tmp) / name.lower())
        os.environ["LONGFORM_CONTENT_DIR"] = str(repo / "content")
        from longform_desktop.core.catalog import load_catalog
        from longform_desktop.core.search import catalog_sources, sync_and_open

        _, ix = sync_and_open(Path(tmp) / "index", catalog_sources(load_catalog(repo / "content")))
        with ix.searcher() as searcher:
            figures = evaluate(searcher)
    if args.misses:
        for miss in figures["relevance_misses"]:
            print(
                f"miss: {miss['query']!r}: expected {miss['expected']} "
                f"(rank {miss['rank']}), got {miss['got']}",
                file=sys.stderr,
            )
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
