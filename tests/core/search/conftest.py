"""One index of the bundled content, built once for the search tests that only read it."""

from __future__ import annotations

import pytest

from longform_desktop.core.catalog import load_catalog
from longform_desktop.core.search import catalog_sources, open_index, sync_index

from ...conftest import CONTENT

CATALOG = load_catalog(CONTENT)


@pytest.fixture(scope="session")
def ix(tmp_path_factory: pytest.TempPathFactory):
    target = tmp_path_factory.mktemp("index")
    sync_index(target, catalog_sources(CATALOG), kinds={"article"})
    return open_index(target)


@pytest.fixture(scope="session")
def searcher(ix):
    with ix.searcher() as s:
        yield s
