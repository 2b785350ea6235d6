"""The built site, as a reader's browser sees it: every chart draws, nothing
is fetched from another host, the console stays clean."""

from __future__ import annotations

import re

import pytest

from .conftest import HTML, built_pages

PAGES = built_pages()
CHART_PAGES = [p for p in PAGES if "casekit-chart" in (HTML / p).read_text(encoding="utf-8")]


def test_site_was_built():
    assert PAGES, "no pages in _build/html: run `make book`"
    assert "notebooks/01-theory.html" in PAGES


def test_no_file_references_another_host_for_code_or_styles():
    """No page may load a script, style, font or image from another host."""
    pattern = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["'](https?:)?//""", re.I)
    offenders = []
    for page in HTML.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="ignore")
        for m in pattern.finditer(text):
            tag = text[m.start(): text.find(">", m.start()) + 1]
            if "<link" in tag and not re.search(r'rel="(stylesheet|preload|icon|modulepreload)"', tag):
                continue  # a plain hyperlink-like <link rel="canonical"> loads nothing
            offenders.append(f"{page.relative_to(HTML)}: {tag[:120]}")
    assert not offenders, "\n".join(offenders[:20])


def test_no_cdn_anywhere_in_the_build():
    cdns = ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "fonts.googleapis.com", "cdn.plot.ly")
    hits = [
        f"{p.relative_to(HTML)}: {c}"
        for p in HTML.rglob("*")
        if p.is_file() and p.suffix in {".html", ".js", ".css", ".json"}
        for c in cdns
        if c in p.read_text(encoding="utf-8", errors="ignore")
    ]
    assert not hits, "\n".join(hits[:20])


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_offline_with_a_clean_console(visit, path):
    v = visit(path)
    v.page.wait_for_load_state("networkidle")
    assert not v.outside, f"{path} asked another host for: {v.outside}"
    assert not v.failed, f"{path}: failed requests {v.failed}"
    assert not v.page_errors, f"{path}: JavaScript errors {v.page_errors}"
    assert not v.console, f"{path}: console errors {v.console}"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_draws_marks(visit, path):
    v = visit(path)
    figures = v.page.locator("figure.casekit-chart")
    count = figures.count()
    assert count > 0
    v.page.evaluate("() => window.casekitDrawCharts()")  # those out of view too (drawn when scrolled near)
    v.page.wait_for_function(
        "() => [...document.querySelectorAll('figure.casekit-chart')].every(f => f.dataset.drawn === 'yes' || f.dataset.drawn === 'error')",
        timeout=10_000,
    )
    for i in range(count):
        fig = figures.nth(i)
        assert fig.get_attribute("data-drawn") == "yes", f"{path}: chart {i} failed: {fig.inner_text()[:200]}"
        marks = fig.locator("svg .mark-symbol path, svg .mark-rect path, svg .mark-line path, svg .mark-area path, svg .mark-arc path, svg .mark-rule line, svg .mark-text text")
        assert marks.count() > 0, f"{path}: chart {i} drew no marks"
        # a text alternative tied to the drawing, and its data table
        vis = fig.locator(".casekit-vega")
        described = vis.get_attribute("aria-describedby")
        assert described and fig.locator(f"#{described}").inner_text().strip()
        # the data table, one click away (long ones are built from the chart's data on opening)
        fig.locator("details.casekit-data > summary").click()
        fig.locator("details.casekit-data table tbody tr").first.wait_for(timeout=5_000)
        assert fig.locator("details.casekit-data .casekit-table-lazy").count() == 0


def test_cjk_text_renders_with_the_fonts_the_site_ships(visit):
    """The glossary's Chinese, Korean and Japanese terms are drawn with the Noto
    fonts served from the site itself (no system CJK font is assumed)."""
    v = visit("book/glossary.html")
    v.page.wait_for_load_state("networkidle")
    loaded = v.page.evaluate(
        """async () => { await document.fonts.ready;
             return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/["']/g, '')); }"""
    )
    for family in ("Noto Sans SC", "Noto Sans KR", "Noto Sans JP"):
        assert family in loaded, f"{family} not loaded; loaded: {sorted(set(loaded))}"
    for lang, sample in (("zh-Hans", "全球在地化"), ("ko", "세방화"), ("ja", "グローカリゼーション")):
        assert v.page.locator(f'span[lang="{lang}"]', has_text=sample).count() == 1, (lang, sample)
    css = (HTML / "_static" / "vendor" / "fonts" / "cjk.css").read_text(encoding="utf-8")
    assert "http" not in css.split("*/", 1)[1], "the font CSS must point at files of the site"
