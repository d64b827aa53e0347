"""The label matcher, case by case: what a careful grader accepts as naming a node.

The big table is hand-made from the real diagrams in content/: the label and alias
spellings people write from memory (typos, abbreviations, reordered words, plurals), and
boxes that must *not* match (generic words, a different thing sharing a word, a group's
label, an output named instead of the component). A "-" means "matches no node".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.diagram import Diagram, Edge, Group, Node
from longform_desktop.core.label_match import NodeMatcher
from longform_desktop.core.labels import acronyms, heads, tokens, typo_similarity

CONTENT = Path(__file__).resolve().parents[2] / "content"

# diagram id | box text | node id the box names ("-": none)
CASES = """
retry-safe-request | API | api
retry-safe-request | Payments API | api
retry-safe-request | payment api | api
retry-safe-request | Paymnets API | api
retry-safe-request | API server | api
retry-safe-request | LB | lb
retry-safe-request | load-balancer | lb
retry-safe-request | Loadbalancer | lb
retry-safe-request | Load balncer | lb
retry-safe-request | Idempotency keys | keys
retry-safe-request | idempotency key table | keys
retry-safe-request | Key store | keys
retry-safe-request | Idempotncy store | keys
retry-safe-request | Orders DB | db
retry-safe-request | Order database | db
retry-safe-request | DB | db
retry-safe-request | Database | db
retry-safe-request | PSP | psp
retry-safe-request | Payment provider | psp
retry-safe-request | payment gateway (Stripe) | psp
retry-safe-request | Webhook handler | hook
retry-safe-request | Webhooks | hook
retry-safe-request | Mobile app | app
retry-safe-request | Phone | app
retry-safe-request | Client | app
retry-safe-request | Backend | -
retry-safe-request | Server | -
retry-safe-request | Our service | -
retry-safe-request | Redis cache | -
retry-safe-request | Cache layer | -
live-video-pipeline | CDN A edges | cdn-a
live-video-pipeline | CDN B edges | cdn-b
live-video-pipeline | cdn b | cdn-b
live-video-pipeline | Edge cache | cdn-a
live-video-pipeline | Segments | -
live-video-pipeline | Packager | packager
live-video-pipeline | HLS packager | packager
live-video-pipeline | Pakager | packager
live-video-pipeline | Segmenter | packager
live-video-pipeline | Transcoder | transcoder
live-video-pipeline | Live transcoding | -
live-video-pipeline | Encoder | transcoder
live-video-pipeline | Origin | origin
live-video-pipeline | Origin server | origin
live-video-pipeline | Shield | shield
live-video-pipeline | Origin sheild | shield
live-video-pipeline | Mid tier cache | shield
live-video-pipeline | Playback API | playback-api
live-video-pipeline | Playback svc | playback-api
live-video-pipeline | Phone player | player
live-video-pipeline | Player | player
live-video-pipeline | Stadium | production
live-video-pipeline | Stadium production feed | production
live-video-pipeline | Per-match cloud chain | -
live-video-pipeline | Cache | -
wicket-spike-path | Home feed API | home
wicket-spike-path | Home page API | home
wicket-spike-path | Home API | home
wicket-spike-path | Home cache | home-cache
wicket-spike-path | Home page service | home
wicket-spike-path | API gateway | gateway
wicket-spike-path | Gateway | gateway
wicket-spike-path | Auth | auth
wicket-spike-path | Auth service | auth
wicket-spike-path | Authentication | auth
wicket-spike-path | Entitlements DB | entitlements
wicket-spike-path | Subscription database | entitlements
wicket-spike-path | Ad server | ads
wicket-spike-path | SSAI | ads
wicket-spike-path | Push notifications | push
wicket-spike-path | Kill switch | degrade
wicket-spike-path | Backend | -
oauth-code-pkce-flow | Authorization server | -
oauth-code-pkce-flow | Authorize endpoint | authorize
oauth-code-pkce-flow | /authorize | authorize
oauth-code-pkce-flow | Authorization endpoint | authorize
oauth-code-pkce-flow | Token endpoint | token
oauth-code-pkce-flow | Token | token
oauth-code-pkce-flow | JWKS | jwks
oauth-code-pkce-flow | Resource API | api
oauth-code-pkce-flow | Resource server | api
oauth-code-pkce-flow | Auth server | -
oauth-code-pkce-flow | Login + MFA | login
oauth-code-pkce-flow | Login page | login
oauth-code-pkce-flow | Client app | client
oauth-code-pkce-flow | Client | client
oauth-code-pkce-flow | Browser | user
oauth-code-pkce-flow | User | user
oauth-code-pkce-flow | PKCE verifier + state | pending
session-vs-token-validation | Auth server | issuer
session-vs-token-validation | Authorization server | issuer
session-vs-token-validation | Resource server | api
session-vs-token-validation | JWT validator | verifier
session-vs-token-validation | JWT verifier | verifier
session-vs-token-validation | JSON web token validator | verifier
session-vs-token-validation | Session store | sessions
session-vs-token-validation | Redis | sessions
session-vs-token-validation | Revoked tokens | -
session-vs-token-validation | Deny list | denylist
chat-send-deliver-ack | Conn server A | conn-a
chat-send-deliver-ack | Connection server B | conn-b
chat-send-deliver-ack | Conn server | conn-a
chat-send-deliver-ack | Alice | alice
chat-send-deliver-ack | Bob phone | bob
chat-send-deliver-ack | Message router | router
chat-send-deliver-ack | Router | router
chat-send-deliver-ack | Session registry | registry
chat-send-deliver-ack | Offline inbox | inbox
chat-send-deliver-ack | Inbox | inbox
chat-send-deliver-ack | APNS/FCM | push
chat-send-deliver-ack | Push service | push
chat-send-deliver-ack | Gateway A | conn-a
feed-write-path | Post service | post-svc
feed-write-path | Post store | post-store
feed-write-path | Post DB | post-store
feed-write-path | Posts database | post-store
feed-write-path | Fanout queue | queue
feed-write-path | Kafka | queue
feed-write-path | Fanout workers | workers
feed-write-path | Fan-out worker | workers
feed-write-path | Fanout service | workers
feed-write-path | Follower graph | graph
feed-write-path | Social graph | graph
feed-write-path | Timeline cache | timelines
feed-write-path | Timeline | -
feed-write-path | Author timeline | author-tl
feed-write-path | Author | author
feed-write-path | Redis timelines | timelines
anomaly-level-map | Read committed | rc
anomaly-level-map | Committed read | rc
anomaly-level-map | Read uncomitted | ru
anomaly-level-map | Read | -
anomaly-level-map | Repeatable read | rr
anomaly-level-map | Non repeatable read | nonrep
anomaly-level-map | Nonrepeatable reads | nonrep
anomaly-level-map | Serializable | ser
anomaly-level-map | Serialisable | ser
anomaly-level-map | Phantoms | phantom
anomaly-level-map | Write skew | wskew
anomaly-level-map | Lost updates | lost
anomaly-level-map | Isolation levels | -
pdp-pep-request-path | Decision point | pdp
pdp-pep-request-path | PDP | pdp
pdp-pep-request-path | PEP | service
pdp-pep-request-path | Enforcement | -
pdp-pep-request-path | Audit log | decision-log
pdp-pep-request-path | Postgres | db
pdp-pep-request-path | PG with RLS | db
pdp-pep-request-path | SpiceDB | tuples
pdp-pep-request-path | Spice DB | tuples
pdp-pep-request-path | Policies | policies
pdp-pep-request-path | Report service | service
upi-payment-path | NPCI | npci
upi-payment-path | UPI switch | npci
upi-payment-path | Payer bank | remitter
upi-payment-path | Payer PSP | psp
upi-payment-path | RBI settlement accounts | rbi
upi-payment-path | Payer app | app
upi-payment-path | Payee PSP | payeepsp
upi-payment-path | Beneficiary ledger | benledger
write-skew-timeline | A: count admins = 2 | a_read
write-skew-timeline | B: count admins | b_read
write-skew-timeline | A commits | a_commit
write-skew-timeline | B commits | b_commit
write-skew-timeline | SSI check | ssi
btree-lookup | Leaf page | leaf
btree-lookup | Leaf | leaf
btree-lookup | Root | root
btree-lookup | Heap page | heap-page
btree-lookup | Visibility map | vm
btree-lookup | Meta page | metapage
btree-lookup | Page | -
wal-commit-path | Backend | backend
wal-commit-path | WAL | wal-files
wal-commit-path | Write-ahead log | wal-files
wal-commit-path | WAL buffers | wal-buffers
wal-commit-path | Shared buffers | shared-buffers
wal-commit-path | Buffer pool | shared-buffers
wal-commit-path | Replica | replica
wal-commit-path | Standby | replica
wal-commit-path | Data files | data-files
tatkal-booking-path | Waiting room | queue
tatkal-booking-path | Queue | queue
tatkal-booking-path | Booking service | api
tatkal-booking-path | Inventory database | inv
tatkal-booking-path | PG | pg
tatkal-booking-path | Payment gateway | pg
tatkal-booking-path | PNR | pnr
tatkal-booking-path | Admission | queue
outbox-inbox-pipeline | Kafka | broker
outbox-inbox-pipeline | MQ | broker
outbox-inbox-pipeline | Message queue | broker
outbox-inbox-pipeline | Outbox | outbox
outbox-inbox-pipeline | Inbox | inbox
outbox-inbox-pipeline | Consumer | consumer
outbox-inbox-pipeline | Order svc | svc
retry-safe-request | Mobile client | app
retry-safe-request | Reverse proxy / LB | lb
retry-safe-request | Paymnt API | api
retry-safe-request | Idempotency-key table | keys
retry-safe-request | Keys DB | keys
retry-safe-request | orders table | db
retry-safe-request | Stripe | -
retry-safe-request | PSP (Stripe) | psp
retry-safe-request | Webhook consumer | hook
retry-safe-request | Webhook | hook
retry-safe-request | Monitoring | -
retry-safe-request | Retry queue | -
retry-safe-request | Redis | -
retry-safe-request | Ledger | db
live-video-pipeline | Stadium camera feed | production
live-video-pipeline | Cloud encoder | transcoder
live-video-pipeline | Transcoder (ABR ladder) | transcoder
live-video-pipeline | CMAF packager | packager
live-video-pipeline | Live origin | origin
live-video-pipeline | Origin shield cache | shield
live-video-pipeline | Tiered cache | shield
live-video-pipeline | Primary CDN | cdn-a
live-video-pipeline | Backup CDN | cdn-b
live-video-pipeline | CDN-B | cdn-b
live-video-pipeline | Steering service | playback-api
live-video-pipeline | Manifest API | playback-api
live-video-pipeline | Viewer phone | player
live-video-pipeline | DRM license server | -
live-video-pipeline | Ad server | -
live-video-pipeline | Analytics | -
oauth-code-pkce-flow | Browser + user | user
oauth-code-pkce-flow | OAuth client | client
oauth-code-pkce-flow | BFF | client
oauth-code-pkce-flow | PKCE verifier store | pending
oauth-code-pkce-flow | authorization endpoint (/authorize) | authorize
oauth-code-pkce-flow | Login page + MFA | login
oauth-code-pkce-flow | Consent screen | login
oauth-code-pkce-flow | /token endpoint | token
oauth-code-pkce-flow | JWKS keys | jwks
oauth-code-pkce-flow | Signing keys | jwks
oauth-code-pkce-flow | Resource server (API) | api
oauth-code-pkce-flow | Auth server | -
oauth-code-pkce-flow | Identity provider | -
oauth-code-pkce-flow | Database | -
chat-send-deliver-ack | Sender phone | alice
chat-send-deliver-ack | Recipient phone | bob
chat-send-deliver-ack | Chat server A | conn-a
chat-send-deliver-ack | Websocket server B | conn-b
chat-send-deliver-ack | Routing service | router
chat-send-deliver-ack | Session store | registry
chat-send-deliver-ack | Connection registry | registry
chat-send-deliver-ack | Offline queue | inbox
chat-send-deliver-ack | Message store | inbox
chat-send-deliver-ack | FCM | push
chat-send-deliver-ack | APNs | push
chat-send-deliver-ack | Push | push
chat-send-deliver-ack | Load balancer | -
chat-send-deliver-ack | Kafka | -
feed-read-path | Feed API | feed
feed-read-path | Home timeline cache | pushed
feed-read-path | Celebrity posts | pulled
feed-read-path | K-way merge | merge
feed-read-path | Privacy filter | filter
feed-read-path | Block list | acl
feed-read-path | Ranking service | ranker
feed-read-path | ML ranker | ranker
feed-read-path | Feature store | features
feed-read-path | Ranked page cache | snapshot
feed-read-path | Ads service | -
feed-read-path | Post store | -
wal-commit-path | Postgres backend | backend
wal-commit-path | Buffer cache | shared-buffers
wal-commit-path | WAL buffer | wal-buffers
wal-commit-path | bgwriter | bgwriter
wal-commit-path | pg_wal | wal-files
wal-commit-path | Heap files | data-files
wal-commit-path | Standby replica | replica
wal-commit-path | Disk | -
pdp-pep-request-path | Browser | client
pdp-pep-request-path | Ingress | gateway
pdp-pep-request-path | API GW | gateway
pdp-pep-request-path | Reports service | service
pdp-pep-request-path | Reports DB (RLS) | db
pdp-pep-request-path | Authz service | pdp
pdp-pep-request-path | Policy engine | pdp
pdp-pep-request-path | Audit trail | decision-log
pdp-pep-request-path | Rego policies | policies
pdp-pep-request-path | OpenFGA | tuples
pdp-pep-request-path | User directory | pip
pdp-pep-request-path | LDAP | -
tatkal-booking-path | Passenger | user
tatkal-booking-path | WAF / anti-bot | edge
tatkal-booking-path | Virtual queue | queue
tatkal-booking-path | Allocator | api
tatkal-booking-path | Seat inventory DB | inv
tatkal-booking-path | Bank | pg
tatkal-booking-path | Webhook handler | cb
tatkal-booking-path | E-ticket | pnr
tatkal-booking-path | Reconciliation job | recon
tatkal-booking-path | SMS service | -
anomaly-level-map | READ COMMITTED | rc
anomaly-level-map | Snapshot isolation | rr
anomaly-level-map | SSI | ser
anomaly-level-map | Dirty reads | dirty
anomaly-level-map | Fuzzy read | nonrep
anomaly-level-map | Inconsistent read | rskew
anomaly-level-map | Lost update | lost
anomaly-level-map | Phantom reads | phantom
anomaly-level-map | Serialization anomaly | wskew
anomaly-level-map | Deadlock | -
concurrency-counter | Player apps | players
concurrency-counter | Heartbeat collector | collectors
concurrency-counter | Collectors | collectors
concurrency-counter | Kafka topic | log
concurrency-counter | HLL aggregators | aggregators
concurrency-counter | Windowed aggregator | aggregators
concurrency-counter | HLL merger | merger
concurrency-counter | Merger | merger
concurrency-counter | Count JSON (CDN) | count-object
concurrency-counter | Counter API | count-object
concurrency-counter | Redis | -
concurrency-counter | Dashboard | -
group-fanout-sender-keys | Sender device | sender
group-fanout-sender-keys | Fanout service | fanout
group-fanout-sender-keys | Group membership DB | members
group-fanout-sender-keys | Member list | members
group-fanout-sender-keys | Per device inbox | inboxes
group-fanout-sender-keys | Member phone | dev-1
group-fanout-sender-keys | Offline phone | dev-3
group-fanout-sender-keys | Key server | -
timeline-rebuild | Feed svc | feed
timeline-rebuild | Redis timeline cache | cache
timeline-rebuild | Rebuild lock (SET NX) | lock
timeline-rebuild | Lock | lock
timeline-rebuild | Rebuild worker | rebuilder
timeline-rebuild | Timeline builder job | rebuilder
timeline-rebuild | Social graph | graph
timeline-rebuild | Author timeline lists | authors
timeline-rebuild | Posts DB | posts
timeline-rebuild | Kafka | -
ledger-data-model | post_journal | poster
ledger-data-model | Posting API | poster
ledger-data-model | Journal | journal
ledger-data-model | Journal entries | entry
ledger-data-model | Entry | entry
ledger-data-model | Accounts | account
ledger-data-model | Account balance | balance
ledger-data-model | Balance snapshot | snapshot
ledger-data-model | Daily snapshot | snapshot
ledger-data-model | Reconciliation | -
ledger-data-model | Settlement file (NPCI) | file
ledger-data-model | Audit log | -
money-movement-states | Initiated | initiated
money-movement-states | Authorised | held
money-movement-states | Capture sent | sent
money-movement-states | Captured | captured
money-movement-states | Unknown / deemed | unknown
money-movement-states | Timed out | unknown
money-movement-states | Released | released
money-movement-states | Refunded | reversed
money-movement-states | Settled | captured
heap-page-layout | Page header | header
heap-page-layout | Line pointer array | lp-array
heap-page-layout | Free space | free
heap-page-layout | Tuple data | tuples
heap-page-layout | Special space | special
heap-page-layout | Index tuple | index-entry
heap-page-layout | Line pointer 2 | lp2
heap-page-layout | Line pointer 4 | lp4
heap-page-layout | Old tuple version | old-version
heap-page-layout | New tuple (HOT) | new-version
heap-page-layout | Dead tuple | old-version
plan-tree-time-rows | Orders table | heap
plan-tree-time-rows | Seq scan | seqscan
plan-tree-time-rows | Index scan | idxscan
plan-tree-time-rows | order_items index | itemsidx
plan-tree-time-rows | Nested loop join | nestloop
plan-tree-time-rows | Aggregate | agg
plan-tree-time-rows | Hash join | -
query-triage-workflow | pg_stat_statements | find
query-triage-workflow | EXPLAIN ANALYZE | capture
query-triage-workflow | Find hot node | hot
query-triage-workflow | Estimated vs actual | compare
query-triage-workflow | Run ANALYZE | fixstats
query-triage-workflow | Add index | fixpath
query-triage-workflow | Raise work_mem | fixmem
query-triage-workflow | Re-run | verify
query-triage-workflow | Deploy | ship
deadlock-cycle | Txn A (refund) | refund
deadlock-cycle | Webhook | webhook
deadlock-cycle | Order row | order_row
deadlock-cycle | Payment row | pay_row
deadlock-cycle | Deadlock detector | detector
deadlock-cycle | Victim (40P01) | victim
deadlock-cycle | Retry txn | retry
bff-token-handling | SPA | spa
bff-token-handling | Browser SPA | spa
bff-token-handling | Backend for frontend | bff
bff-token-handling | Token store | vault
bff-token-handling | Auth server | as
bff-token-handling | IdP | as
bff-token-handling | Resource server | api
bff-token-handling | Database | -
idempotency-key-states | Key absent | absent
idempotency-key-states | No row | absent
idempotency-key-states | Claimed (lease) | claimed
idempotency-key-states | In progress | claimed
idempotency-key-states | Order created | order
idempotency-key-states | Completed | completed
idempotency-key-states | Pruned | pruned
idempotency-key-states | Lease expired | released
offset-vs-keyset-path | Client | client
offset-vs-keyset-path | API | api
offset-vs-keyset-path | OFFSET query | offset_sql
offset-vs-keyset-path | Keyset query | keyset_sql
offset-vs-keyset-path | B-tree index | index
offset-vs-keyset-path | Discarded rows | discard
offset-vs-keyset-path | Result page | page
cursor-round-trip | Last row | last_row
cursor-round-trip | Cursor JSON | state
cursor-round-trip | HMAC sign | sign
cursor-round-trip | Opaque cursor | token
cursor-round-trip | Verify MAC | verify
cursor-round-trip | Validate bindings | check
cursor-round-trip | Keyset SQL | sql
cursor-round-trip | KMS | keys
cursor-round-trip | Key ring | keys
relationship-check-walk | Report | report
relationship-check-walk | Ravi (patient) | ravi
relationship-check-walk | Dr Kapoor | kapoor
relationship-check-walk | Baner branch | branch
relationship-check-walk | Pathology group | path-group
relationship-check-walk | Branch manager | anita
relationship-check-walk | Meera | meera
relationship-check-walk | Pathologist Meera | meera
tatkal-hold-states | Free | free
tatkal-hold-states | Held | held
tatkal-hold-states | Paying | paying
tatkal-hold-states | Confirmed | confirmed
tatkal-hold-states | Released | released
tatkal-hold-states | Canceled | cancelled
tatkal-inventory-model | Train run | run
tatkal-inventory-model | Segment availability | avail
tatkal-inventory-model | Berths | berth
tatkal-inventory-model | Seat claim | claim
tatkal-inventory-model | Booking (PNR) | booking
tatkal-inventory-model | Payment attempt | attempt
tatkal-inventory-model | Refunds | refund
"""


def _cases() -> list[tuple[str, str, str | None]]:
    rows = []
    for line in CASES.strip().splitlines():
        diagram, text, node = (part.strip() for part in line.split("|"))
        rows.append((diagram, text, None if node == "-" else node))
    return rows


@pytest.fixture(scope="module")
def matchers() -> dict[str, NodeMatcher]:
    catalog = load_catalog(CONTENT)
    return {d.id: NodeMatcher(d) for a in catalog.articles for d in a.diagrams}


def best_node(matcher: NodeMatcher, text: str) -> str | None:
    row = matcher.row(text)
    top = max(row)
    return matcher.diagram.nodes[row.index(top)].id if top > 0 else None


@pytest.mark.parametrize(("diagram", "text", "node"), _cases())
def test_real_diagram_cases(matchers, diagram: str, text: str, node: str | None) -> None:
    assert best_node(matchers[diagram], text) == node


def test_every_label_and_alias_names_its_own_node(matchers) -> None:
    for matcher in matchers.values():
        for i, node in enumerate(matcher.diagram.nodes):
            for name in node.names():
                assert matcher.similarity(name, i) == 1.0, (matcher.diagram.id, name)


def _diagram(*labels: str | tuple[str, ...], groups: tuple[Group, ...] = ()) -> Diagram:
    nodes = []
    for n, label in enumerate(labels):
        names = (label,) if isinstance(label, str) else label
        nodes.append(Node(f"n{n}", names[0], n % 8, n // 8, aliases=tuple(names[1:])))
    edges = tuple(Edge(nodes[k].id, nodes[k + 1].id) for k in range(len(nodes) - 1))
    return Diagram("d", "D", tuple(nodes), edges, groups)


def _names(diagram: Diagram, text: str) -> str | None:
    node = best_node(NodeMatcher(diagram), text)
    return diagram.node(node).label if node else None


def test_contract_examples() -> None:
    cdns = _diagram("CDN A edges", "CDN B edges", "Origin", "Players")
    assert _names(cdns, "CDN A edges") == "CDN A edges"
    assert NodeMatcher(cdns).similarity("CDN A edges", 1) == 0  # not "CDN B edges"
    assert NodeMatcher(cdns).similarity("cdn b edge", 0) == 0
    auth = _diagram("Auth server", "Resource server", "Client", "Token store")
    assert NodeMatcher(auth).similarity("Auth server", 1) == 0
    assert NodeMatcher(auth).similarity("Resource server", 0) == 0
    home = _diagram("Home API", "Search API", "Gateway", "Timeline cache")
    assert _names(home, "Home feed API") == "Home API"  # extra words that single it out
    assert _names(home, "Backend") is None  # a bare generic word
    assert _names(home, "Cache layer") is None
    assert _names(home, "Service") is None
    video = _diagram("Live transcoder", "Packager", "Origin", "Phone player")
    assert _names(video, "Segments") is None  # the output, not the component
    assert _names(video, "Packaging") is None  # the process, not the component
    assert _names(video, "Package") is None
    oauth = _diagram(
        "Client app",
        "Authorize endpoint",
        "Login + MFA",
        "Token endpoint",
        groups=(Group("Authorization server", ("n1", "n2", "n3")),),
    )
    assert _names(oauth, "Authorization server") is None  # a group's label
    assert _names(oauth, "Authorize endpoint") == "Authorize endpoint"


def test_group_label_never_takes_a_member_but_a_members_own_alias_still_does() -> None:
    feed = _diagram(
        "Author",
        "Fanout queue",
        ("Fanout workers", "fanout service"),
        "Timeline cache",
        groups=(Group("Fanout service", ("n1", "n2")),),
    )
    assert _names(feed, "Fanout service") == "Fanout workers"  # its alias
    assert _names(feed, "Fanout svc") == "Fanout workers"
    assert _names(feed, "Fanout") == "Fanout workers"  # near its alias, which is the group's
    plain = _diagram(
        "Author",
        "Fanout queue",
        "Fanout workers",
        "Timeline cache",
        groups=(Group("Fanout service", ("n1", "n2")),),
    )
    assert _names(plain, "Fanout service") is None  # the group's label alone
    assert _names(plain, "Fanout") is None


def test_siblings_that_differ_by_a_letter_may_take_a_box_without_it() -> None:
    chat = _diagram("Conn server A", "Conn server B", "Message router", "Offline inbox")
    m = NodeMatcher(chat)
    assert m.similarity("Conn server", 0) > 0 and m.similarity("Conn server", 1) > 0
    assert m.similarity("Conn server B", 0) == 0
    assert m.similarity("Connection server A", 0) == 1.0  # conn is short for connection


def test_ambiguous_partial_names_are_refused() -> None:
    feed = _diagram("Author timeline", "Home timeline", "Timeline cache", "Post store")
    assert _names(feed, "Timeline") is None  # which timeline?
    assert _names(feed, "Author") == "Author timeline"
    one = _diagram("Author timeline", "Timeline cache", "Post service", "Post store")
    assert _names(one, "Timeline") == "Author timeline"  # a timeline; the other is a cache
    assert _names(one, "Post DB") == "Post store"
    assert NodeMatcher(one).similarity("Post DB", 2) == 0  # a store is not a service
    assert NodeMatcher(one).similarity("Post service", 3) == 0
    origin = _diagram("Origin", "Origin shield", "Packager", "Players")
    assert NodeMatcher(origin).similarity("Origin", 1) == 0
    assert _names(origin, "Shield") == "Origin shield"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Load-Balancer", ("load", "balancer")),
        ("LB", ("load", "balancer")),
        ("Orders DB", ("order", "database")),
        ("Message queues", ("message", "queue")),
        ("MQ", ("message", "queue")),
        ("Payment svc", ("payment", "service")),
        ("k8s cluster", ("kubernetes", "cluster")),
        ("Alice's phone", ("alice", "phone")),
        ("Entries", ("entry",)),
        ("Caches", ("cache",)),
        ("Indexes", ("index",)),
        ("CDN A edges", ("cdn", "a", "edge")),
        ("a queue", ("queue",)),  # an article
        ("A: count admins = 2", ("a", "count", "admin", "2")),  # a name
        ("Content Delivery Network", ("cdn",)),
        ("Write-ahead log", ("wal",)),
        ("SpiceDB", ("spice", "database")),
        ("Réplica", ("replica",)),
        ("post_journal()", ("post", "journal")),
    ],
)
def test_tokens(text: str, expected: tuple[str, ...]) -> None:
    assert tokens(text) == expected


def test_acronyms_and_heads() -> None:
    assert acronyms("Ad decision (SSAI)") == {"ssai"}
    assert acronyms("Payer PSP bank") == {"psp"}
    assert heads("API gateway") == {"gateway"}
    assert heads("Seq Scan on orders") == {"scan"}
    assert heads("Merge and dedupe") == {"merge", "dedupe"}
    assert heads("Report service (PEP)") == {"report"}


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("idempotncy", "idempotency", True),  # a letter dropped
        ("cahce", "cache", True),  # a swapped pair
        ("recieve", "receive", True),
        ("serializable", "serialisable", True),
        ("transcodr", "transcoder", True),
        ("handlr", "handler", True),
        ("authorizattion", "authorization", True),
        ("fle", "file", True),  # four letters: a letter dropped inside
        ("segment", "segmenter", False),  # another word built on it
        ("package", "packager", False),
        ("aggregate", "aggregator", False),
        ("transcoding", "transcoder", False),
        ("uncommitted", "committed", False),
        ("api", "apn", False),  # three letters are exact
        ("pdp", "pep", False),
        ("back", "bank", False),  # four letters: a changed letter is another word
        ("root", "room", False),
        ("r88123", "r88124", False),  # numbers are exact
        ("a", "b", False),
    ],
)
def test_typo_similarity(a: str, b: str, close: bool) -> None:
    assert (typo_similarity(a, b) >= 0.85) is close
    assert typo_similarity(a, b) == typo_similarity(b, a)


def test_a_word_of_the_diagram_is_never_a_typo_of_another() -> None:
    upi = _diagram("Payer PSP bank", "Payee PSP", "NPCI switch", "Remitter bank")
    assert _names(upi, "Payer PSP") == "Payer PSP bank"
    assert _names(upi, "Payee PSP") == "Payee PSP"
    assert NodeMatcher(upi).similarity("Payee PSP", 0) == 0


def test_acronyms_are_not_typos_of_each_other() -> None:
    d = _diagram("Ad decision (SSAI)", "SSI conflict check", "Gateway", "Player")
    assert NodeMatcher(d).similarity("SSI", 0) == 0
    assert _names(d, "SSAI") == "Ad decision (SSAI)"


def test_similarity_is_graded() -> None:
    m = NodeMatcher(_diagram("Idempotency key store", "API server", "Orders DB", "Client"))
    exact = m.similarity("idempotency key store", 0)
    typo = m.similarity("Idempotncy key store", 0)
    partial = m.similarity("Idempotency store", 0)
    assert exact == 1.0 > typo > partial > 0
    assert 0 < m.similarity("API", 1) < 1


def test_words_cut_short_with_a_full_stop() -> None:
    d = _diagram("Idempotency keys", "Load balancer", "Payment provider", "Webhook handler")
    assert _names(d, "Idem. keys") == "Idempotency keys"
    assert _names(d, "Load bal.") == "Load balancer"
    assert _names(d, "Pmt provider") == "Payment provider"  # a listed abbreviation
    assert _names(d, "Idem keys") is None  # without the stop "idem" is just another word
    assert _names(d, "Seg.") is None  # begins nothing here
