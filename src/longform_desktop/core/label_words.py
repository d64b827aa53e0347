"""The word lists of the label matcher: what counts as filler, a kind of component, an
abbreviation, a near-synonym. Plain data, read by ``labels``; grow them here when graders
(or tests) show a word the matcher reads wrongly. Words are written as people write them;
``labels`` folds their plurals."""

from __future__ import annotations


def words(text: str) -> list[str]:
    return text.split()


# Words that connect but never name anything. A lowercase "a" is handled apart: it is an
# article before another word ("a queue"), but "CDN A" and "A: count admins" use it as a name.
STOPWORDS = frozenset(
    words("the an of for to and or on in at with by from per vs versus via into its is are as")
)

# Abbreviations people write on diagrams -> the words they stand for. Both sides are
# expanded the same way, so "DB" matches "database" and "Orders DB" matches "orders database".
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "db": ("database",),
    "dbs": ("database",),
    "lb": ("load", "balancer"),
    "alb": ("load", "balancer"),
    "elb": ("load", "balancer"),
    "nlb": ("load", "balancer"),
    "mq": ("message", "queue"),
    "msg": ("message",),
    "msgs": ("message",),
    "svc": ("service",),
    "svcs": ("service",),
    "srv": ("server",),
    "svr": ("server",),
    "k8s": ("kubernetes",),
    "postgresql": ("postgres",),
    "psql": ("postgres",),
    "txn": ("transaction",),
    "txns": ("transaction",),
    "tx": ("transaction",),
    "authn": ("authentication",),
    "authz": ("authorization",),
    "authorisation": ("authorization",),
    "authorise": ("authorize",),
    "acct": ("account",),
    "accts": ("account",),
    "acc": ("account",),
    "pmt": ("payment",),
    "pymt": ("payment",),
    "tbl": ("table",),
    "idx": ("index",),
    "seq": ("sequential",),
    "conn": ("connection",),
    "conns": ("connection",),
    "cfg": ("configuration",),
    "config": ("configuration",),
    "mgr": ("manager",),
    "notif": ("notification",),
    "notifs": ("notification",),
    "repo": ("repository",),
    "req": ("request",),
    "reqs": ("request",),
    "resp": ("response",),
    "sess": ("session",),
    "evt": ("event",),
    "proc": ("process",),
    "mem": ("memory",),
    "perms": ("permission",),
    "gw": ("gateway",),
    "kv": ("key", "value"),
    "idp": ("identity", "provider"),
    "dlq": ("dead", "letter", "queue"),
    "ws": ("websocket",),
    "mgmt": ("management",),
    "ctrl": ("controller",),
    "sched": ("scheduler",),
    "stmt": ("statement",),
    "pkg": ("package",),
    "addr": ("address",),
    "info": ("information",),
    "dir": ("directory",),
    "application": ("app",),
    "caching": ("cache",),
    "microservice": ("service",),
    "microservices": ("service",),
}

# Phrases whose short form is the usual name: folded to that one word on both sides.
PHRASES: dict[tuple[str, ...], str] = {
    ("content", "delivery", "network"): "cdn",
    ("content", "distribution", "network"): "cdn",
    ("json", "web", "token"): "jwt",
    ("json", "web", "tokens"): "jwt",
    ("write", "ahead", "log"): "wal",
    ("pub", "sub"): "pubsub",
    ("web", "socket"): "websocket",
    ("web", "sockets"): "websocket",
    ("front", "end"): "frontend",
    ("back", "end"): "backend",
}

# Words that say what kind of box it is, not which one. Filler carries almost nothing
# ("Backend", "Service layer"); a kind word says a little ("cache", "API", "client"). A bare
# generic word never names a node unless it is the node's whole label or alias.
FILLER_WORDS = words(
    "service server backend process layer system component module tier instance platform "
    "node unit box engine cluster infra infrastructure logic subsystem stack"
)
KIND_WORDS = words(
    "store storage datastore database table cache repository queue stream topic log "
    "api handler worker processor job function middleware endpoint client app frontend"
)
# Families of kinds: a box may say "DB" for a "store" (related), but not "service" for a
# "store" (swapped). Some family words are specific enough to name a box ("broker").
FAMILIES = {
    "data": "store storage datastore database table cache repository registry bucket archive "
    "warehouse",
    "flow": "queue stream topic log broker bus pubsub",
    "compute": "service server backend process engine api handler worker processor daemon job "
    "function lambda middleware endpoint gateway proxy router controller manager",
    "client": "client app frontend",
    "network": "cdn dns firewall waf",
}
# Families close enough that swapping one for the other is a near-synonym, not a swap.
KIN = {("data", "flow")}

# Plurals the suffix rules of ``labels._stem`` would get wrong.
PLURALS = {
    "caches": "cache",
    "cookies": "cookie",
    "statuses": "status",
    "buses": "bus",
    "aliases": "alias",
    "kubernetes": "kubernetes",
    "postgres": "postgres",
}


# Pairs of different words a grader reads as the same thing (similarity 0.9).
RELATED_PAIRS = (
    ("auth", "authentication"),
    ("auth", "authorization"),
    ("validator", "verifier"),
    ("validator", "checker"),
    ("verifier", "checker"),
    ("publisher", "producer"),
    ("subscriber", "consumer"),
    ("limiter", "throttler"),
    ("poller", "scheduler"),
    ("websocket", "socket"),
)
# Short forms that mean one thing in a box but are used for another in some diagrams
# ("PG" is Postgres to most engineers, the payment gateway in an Indian payments one): a
# box's short form matches the long word, and a reference that uses the short form itself
# keeps it (so it is never expanded in place).
SHORT_FORM_WORDS = {"pg": "postgres", "pgsql": "postgres"}
