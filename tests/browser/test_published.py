"""The assembled site (_build/site, `make site`) in Chromium: the 404 page and the
student edition work as the book does: no outside request, charts drawn, axe clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from localsite import serve

from .conftest import MODES, PageVisit, inspect_pages
from .test_accessibility import _report

SITE = Path(__file__).resolve().parents[2] / "_build" / "site"


@pytest.fixture(scope="module")
def published_report(browser, published):
    """Each page checked once in both modes side by side (conftest.inspect_pages)."""
    reports = {}

    def _report_of(path: str, mode: str):
        if (path, mode) not in reports:
            for r in inspect_pages(browser, published, [(path, m) for m in MODES]):
                reports[(path, r.mode)] = r
        return reports[(path, mode)]

    return _report_of


@pytest.fixture(scope="module")
def published():
    if not (SITE / "404.html").exists():
        pytest.fail("no assembled site in _build/site: run `make site` (`make test` does it)")
    with serve(SITE) as base:
        yield base


@pytest.mark.parametrize("path", ["404.html", "student/notebooks/07-nintendo.html"])
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_published_pages_load_offline_draw_and_pass_axe(published_report, path, mode):
    v = published_report(path, mode)
    v.ok()
    assert not v.outside and not v.failed and not v.page_errors and not v.console, (
        path, mode, v.outside, v.failed, v.page_errors, v.console)
    assert v.drawn == v.charts, f"{path} ({mode} mode): {v.drawn} of {v.charts} charts drawn"
    assert (v.drawn > 0) == path.startswith("student/")
    assert not v.chart_problems, "\n".join(v.chart_problems)
    assert not v.violations, f"{path} ({mode} mode): " + _report(v.violations)


def test_the_404_search_box_reaches_the_search_page(browser, published):
    v = PageVisit(browser, f"{published}/404.html")
    try:
        v.page.get_by_label("Search the book").fill("Nintendo")
        action = v.page.locator("form[role=search]").get_attribute("action")
        assert action.endswith("/search.html")
    finally:
        v.close()
