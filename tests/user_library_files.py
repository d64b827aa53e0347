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


# --- a folder of ordinary Markdown from elsewhere (issue 16) -----------------------------
# Each file: what it is written as, and the title, summary and read minutes it must get.
FOREIGN: dict[str, tuple[str | bytes, str, str, int]] = {
    "project-x/README.md": (
        '<p align="center">\n  <img src="docs/logo.png" width="160" alt="Project X logo">\n'
        "</p>\n\n"
        '<h1 align="center">Project X</h1>\n\n'
        "[![Build](https://ci.example.org/x.svg)](https://ci.example.org/x) "
        "[![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)](LICENSE)\n\n"
        "<!-- toc -->\n\n"
        "Project X replays a **write-ahead log** into a search index, one "
        "[partition](docs/partitions.md) at a time.\n\n"
        "## Install\n\n```sh\npip install project-x\n```\n\n"
        "![architecture](./docs/arch.png)\n\n"
        "| Option | Default |\n|--------|---------|\n| `--fast` | off |\n\n"
        "<details>\n<summary>Advanced</summary>\n\nTune the batch size.\n\n</details>\n",
        "Project X",
        "Project X replays a write-ahead log into a search index, one partition at a time.",
        1,
    ),
    "project-x/README.ja.md": (
        "# プロジェクト X\n\n"
        + "プロジェクトXは先行書き込みログを検索インデックスに再生します。" * 40
        + "\n\n## インストール\n\n手順は英語版と同じです。\n",
        "プロジェクト X",
        "",  # checked apart: a long Japanese paragraph, cut where it stands
        5,  # ~1,180 characters read as ~1,180 words: not the 1 minute of 40 "words"
    ),
    "project-x/README.zh-CN.md": (
        "# 项目 X\n\n项目X把预写日志重放到搜索索引中，每次一个分区。\n\n"
        + "索引让查询更快。" * 120
        + "\n",
        "项目 X",
        "项目X把预写日志重放到搜索索引中，每次一个分区。",
        4,
    ),
    "project-x/README.ru.md": (
        "# Проект X\n\nПроект X воспроизводит журнал упреждающей записи в поисковый индекс.\n",
        "Проект X",
        "Проект X воспроизводит журнал упреждающей записи в поисковый индекс.",
        1,
    ),
    "project-x/README.ar.md": (
        "# المشروع X\n\nيعيد المشروع X تشغيل سجل الكتابة المسبقة في فهرس البحث.\n",
        "المشروع X",
        "يعيد المشروع X تشغيل سجل الكتابة المسبقة في فهرس البحث.",
        1,
    ),
    "wiki/Meeting notes 2024-03-01.md": (
        "Attendees: Ana, Bo.\n\nWe agreed to shard by tenant.\n\n- Ana: draft the plan\n",
        "Meeting notes 2024 03 01",
        "Attendees: Ana, Bo.",
        1,
    ),
    "wiki/windows-export.md": (
        "\ufeff---\r\ntitle: Exported from OneNote\r\ndate: 2023-05-04\r\n"
        "tags: [export, windows]\r\n---\r\n\r\nSaved with a BOM and CRLF.\r\n".encode(),
        "Exported from OneNote",
        "Saved with a BOM and CRLF.",
        1,
    ),
    "wiki/old-mac.md": (
        b"# Classic Mac\r\rLines end with a lone carriage return.\r",
        "Classic Mac",
        "Lines end with a lone carriage return.",
        1,
    ),
    "blog/2021-06-01-jekyll-post.markdown": (
        "---\nlayout: post\ntitle: 2021\ndate: 2021-06-01 10:00:00 +0200\n"
        "categories: [databases]\ndifficulty: Medium\n---\n"
        "Setext title\n============\n\nIntro with a footnote.[^1]\n\n[^1]: The note.\n",
        "2021",
        "Intro with a footnote.",
        1,
    ),
    "blog/hugo-post.md": (
        '+++\ntitle = "A Hugo post"\ndate = 2022-01-02\ndraft = false\n+++\n\n'
        "Hugo writes TOML front matter between plus signs.\n",
        "A Hugo post",
        "Hugo writes TOML front matter between plus signs.",
        1,
    ),
    "blog/starts-with-a-rule.md": (
        "---\nA note that opens with a rule.\n---\n\nAnd goes on.\n",
        "starts with a rule",
        "And goes on.",  # the line above "---" is a heading (setext), not prose
        1,
    ),
    "misc/🚀 launch checklist.md": (
        "# 🚀 Launch checklist #\n\n1. Freeze the schema\n2. Run `migrate --check`\n\n"
        "$$ p = 1 - (1 - q)^n $$\n\nSee [[Runbook|the runbook]].\n",
        "🚀 Launch checklist",
        "Freeze the schema Run migrate --check",
        1,
    ),
    "misc/only-code.md": (
        "```yaml\nreplicas: 3\n```\n",
        "only code",
        "",
        1,
    ),
    "misc/empty-front-matter.md": (
        "---\n---\nBody after an empty front matter.\n",
        "empty front matter",
        "Body after an empty front matter.",
        1,
    ),
    "misc/#hashtags and indented.md": (
        "#todo #later\n\n    indented code first\n\nThen prose.\n",
        "#hashtags and indented",
        "#todo #later",
        1,
    ),
}


def make_foreign_folder(root: Path) -> dict[str, Path]:
    """Write FOREIGN under ``root``; returns each file's path by its relative name."""
    written = {}
    for relative, (text, *_) in FOREIGN.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        written[relative] = path
    return written
