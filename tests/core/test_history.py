from __future__ import annotations

from longform_desktop.core.history import ArticlePlace, CatalogPlace, History


def test_back_and_forward_walk_the_visits() -> None:
    history = History()
    assert not history.can_go_back and not history.can_go_forward
    history.visit(ArticlePlace("a"))
    history.visit(ArticlePlace("b"), leaving=ArticlePlace("a", 0.4))
    assert history.back(leaving=ArticlePlace("b", 0.9)) == ArticlePlace("a", 0.4)
    assert history.can_go_forward
    assert history.forward() == ArticlePlace("b", 0.9)
    assert history.back() == ArticlePlace("a", 0.4)
    assert history.back() == CatalogPlace()
    assert history.back() is None and history.current == CatalogPlace()


def test_a_new_visit_clears_forward() -> None:
    history = History()
    history.visit(ArticlePlace("a"))
    history.back()
    history.visit(ArticlePlace("c"))
    assert not history.can_go_forward
    assert history.back() == CatalogPlace()


def test_replace_records_no_step() -> None:
    history = History(ArticlePlace("a"))
    history.replace(ArticlePlace("a", 0.5))
    assert not history.can_go_back and history.current == ArticlePlace("a", 0.5)
    assert ArticlePlace("a", 0.1).same_page(ArticlePlace("a", 0.9))
    assert not ArticlePlace("a").same_page(CatalogPlace())
