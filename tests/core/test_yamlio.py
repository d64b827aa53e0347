from __future__ import annotations

import itertools

import pytest

from longform_desktop.core import yamlio


def _bomb(levels: int = 9, width: int = 9) -> str:
    names = [chr(ord("a") + i) for i in range(levels)]
    text = f"{names[0]}: &{names[0]} [" + ",".join(['"lol"'] * width) + "]\n"
    for prev, name in itertools.pairwise(names):
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * width) + "]\n"
    return text + f"title: *{names[-1]}\n"


def test_alias_bomb_is_refused_before_anything_is_built() -> None:
    with pytest.raises(yamlio.YamlError, match="alias"):
        yamlio.load(_bomb())
    # A few aliases of small anchors (merge keys included) still load.
    assert yamlio.load("a: &x {p: 1}\nb:\n  <<: *x\n  q: 2\n") == {
        "a": {"p": 1},
        "b": {"p": 1, "q": 2},
    }


def test_wide_shallow_bomb_is_refused_by_its_expanded_size() -> None:
    # Few aliases, each of a big anchor: caught by the expanded count, not the alias count.
    text = "a: &a [" + ",".join(["1"] * 1000) + "]\nb: [" + ",".join(["*a"] * 10) + "]\n"
    with pytest.raises(yamlio.YamlError, match="values"):
        yamlio.load(text)


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 3000 + "]" * 3000,
        "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "v\n",
        "nodes:\n" + "".join(f"  - id: n{i}\n" for i in range(10_000)),
        "title: " + "x" * (yamlio.MAX_CHARS + 1),
    ],
    ids=["flow-depth", "block-depth", "10k-nodes", "too-long"],
)
def test_deep_big_and_long_texts_are_errors(text: str) -> None:
    with pytest.raises(yamlio.YamlError):
        yamlio.load(text)
    with pytest.raises(yamlio.YamlError):
        yamlio.compose(text)


def test_unsafe_tags_and_impossible_dates_are_errors() -> None:
    with pytest.raises(yamlio.YamlError, match="constructor"):
        yamlio.load("t: !!python/object/apply:os.system [echo hi]")
    with pytest.raises(yamlio.YamlError):
        yamlio.load("t: 2024-13-45")
