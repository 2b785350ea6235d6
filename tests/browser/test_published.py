"""The assembled site (_build/site, `make site`) in Chromium: the 404 page and the
student edition work as the book does: no outside request, charts drawn, axe clean."""

from __future__ import annotations

import pytest

from .conftest import PageVisit
from .test_accessibility import _report, assert_tables_checked_in_english


@pytest.mark.parametrize("path", ["404.html", "student/notebooks/07-nintendo.html"])
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_published_pages_load_offline_draw_and_pass_axe(published_report, checked, path, mode):
    v = published_report(path, mode)
    v.ok()
    assert not v.outside and not v.failed and not v.page_errors and not v.console, (
        path, mode, v.outside, v.failed, v.page_errors, v.console)
    assert v.drawn == v.charts, f"{path} ({mode} mode): {v.drawn} of {v.charts} charts drawn"
    assert (v.drawn > 0) == path.startswith("student/")
    assert not v.chart_problems, "\n".join(v.chart_problems)
    assert not v.violations, f"{path} ({mode} mode): " + _report(v.violations)
    assert not v.low_contrast, f"{path} ({mode} mode): text below 4.5:1 contrast:\n" + "\n".join(v.low_contrast)
    assert_tables_checked_in_english(v, checked)


def test_the_404_search_box_reaches_the_search_page(browser, published):
    v = PageVisit(browser, f"{published}/404.html")
    try:
        v.page.get_by_label("Search the book").fill("Nintendo")
        action = v.page.locator("form[role=search]").get_attribute("action")
        assert action.endswith("/search.html")
    finally:
        v.close()
