"""The schema: one name per level and kind; what ranking reads per candidate is a column;
snippet fields keep character offsets."""

from __future__ import annotations

from longform_desktop.core.search import build_schema
from longform_desktop.core.search.schema import (
    LEVELS,
    META_FIELDS,
    SECTION,
    SNIPPET_FIELDS,
    TEXT_FIELDS,
    WHOLE_ARTICLE,
)


def test_levels_are_distinct_names() -> None:
    assert len(set(LEVELS)) == 3 and WHOLE_ARTICLE != SECTION


def test_ranking_fields_are_columns_and_snippet_fields_keep_offsets() -> None:
    schema = build_schema()
    assert all(schema[name].column_type is not None for name in META_FIELDS)
    assert all(schema[name].supports("characters") for name in SNIPPET_FIELDS)
    assert set(TEXT_FIELDS) <= set(schema.names())
