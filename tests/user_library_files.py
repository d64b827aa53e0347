"""A folder of "real" Markdown notes, as a new user would point the app at: files with
and without our front matter, nested folders, broken and unreadable files, Hindi and
Chinese, diagrams. Shared by the core, CLI and UI tests of the user library."""

from __future__ import annotations

import os
from pathlib import Path

# A word from the middle of a sentence in kafka.md's "Rebalancing" section.
KAFKA_WORD = "rebalancer"
KAFKA_SENTENCE = (
    "When a consumer stops sending heartbeats, the cooperative rebalancer moves only the "
    "partitions that must move, so the rest of the group keeps reading."
)

DIAGRAM = """```diagram
id: outbox-relay
title: Outbox relay to the broker
nodes:
  - id: app
    label: Order service
    at: [0, 0]
  - id: outbox
    label: Outbox table
    shape: store
    at: [1, 0]
  - id: relay
    label: Relay worker
    at: [2, 0]
  - id: broker
    label: Kafka broker
    shape: queue
    at: [3, 0]
edges:
  - from: app
    to: outbox
    label: same transaction
  - from: outbox
    to: relay
    label: poll
  - from: relay
    to: broker
    label: publish
```"""

BROKEN_DIAGRAM = """```diagram
id: half-drawn
title: A diagram with a typo
nodes:
  - id: a
    label: First
    shape: blob
    at: [0, 0]
  - id: b
    label: Second
    at: [1, 0]
edges:
  - from: a
    to: b
```"""


def make_library(root: Path) -> dict[str, Path]:
    """Write the folder; returns the interesting files by a short name."""
    files: dict[str, Path] = {}

    def write(name: str, relative: str, text: str | bytes) -> Path:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        files[name] = path
        return path

    write(
        "kafka",
        "kafka.md",
        "# Kafka partitions\n\n"
        "Kafka splits a topic into **partitions** so that [consumers](https://kafka.apache.org)"
        " can scale out.\n\n"
        "## Rebalancing\n\n"
        f"{KAFKA_SENTENCE}\n\n"
        "```python\nconsumer.poll(timeout=1.0)\n```\n",
    )
    write(
        "vacuum",
        "databases/postgres/vacuum.md",
        "---\ntitle: Vacuum, explained\ntopic: Databases\ndifficulty: hard\n"
        "summary: Why dead tuples pile up and who clears them.\ntags: [postgres]\n---\n"
        "# Vacuum, explained\n\nEvery update leaves a dead tuple behind.\n\n"
        "## Autovacuum\n\nIt runs when enough tuples are dead.\n",
    )
    write(
        "setup",
        "notes/setup.md",
        "# Setup\n\nInstall the tools first.\n\n# Usage\n\nRun them daily.\n\n"
        "## Flags\n\nThe verbose flag helps.\n",
    )
    write(
        "broken_front_matter",
        "notes/broken-front-matter.md",
        "---\ntitle: Broken\ndifficulty: [medium\n---\n# Still readable\n\nThe body stays.\n",
    )
    write("latin1", "notes/latin1.md", "# Caf\xe9\n\nAu lait.\n".encode("latin-1"))
    write("empty", "notes/empty.md", "")
    write("dup_a", "projects/alpha/plan.md", "# Plan\n\nShip alpha in March.\n")
    write("dup_b", "projects/beta/plan.md", "# Plan\n\nShip beta in June.\n")
    write(
        "bundled_name",
        "idempotency-and-exactly-once.md",
        "# My idempotency notes\n\nKeys expire after a day in our service.\n",
    )
    write(
        "hindi",
        "हिंदी/नोट्स.md",
        "# डेटाबेस अनुक्रमण\n\nअनुक्रमण से खोज बहुत तेज़ होती है।\n",
    )
    write("chinese", "中文/索引.md", "# 数据库索引\n\n索引让查询更快。B树是最常见的结构。\n")
    write(
        "diagram",
        "diagrams/outbox.md",
        "# Transactional outbox\n\nWrite the event with the order, then relay it.\n\n"
        f"## The flow\n\n{DIAGRAM}\n\nThe relay retries until the broker acknowledges.\n",
    )
    write(
        "broken_diagram",
        "diagrams/broken-diagram.md",
        "# Half drawn\n\nThis one has a typo in its diagram.\n\n"
        f"{BROKEN_DIAGRAM}\n\nThe text after it still reads.\n",
    )
    write("uppercase", "Ideas.MARKDOWN", "Just a thought without any heading.\n")
    write("hidden", ".obsidian/workspace.md", "# Hidden\n")
    write("node_module", "node_modules/pkg/README.md", "# A package\n")
    write("text", "todo.txt", "not markdown\n")
    os.symlink(root, root / "notes" / "loop", target_is_directory=True)
    return files
