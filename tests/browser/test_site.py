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


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_offline_with_a_clean_console(checked, path, mode):
    """Every request and console message of the page's load (in each colour
    mode, the load the page's other checks read too), its charts drawn."""
    v = checked(path, mode)
    v.ok(settled=False)
    assert not v.outside, f"{path} ({mode} mode) asked another host for: {v.outside}"
    assert not v.failed, f"{path} ({mode} mode): failed requests {v.failed}"
    assert not v.page_errors, f"{path} ({mode} mode): JavaScript errors {v.page_errors}"
    assert not v.console, f"{path} ({mode} mode): console errors {v.console}"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_draws_marks(checked, path):
    """Each chart drew marks, has a text alternative tied to the drawing, and
    its data table one click away (long ones are built from the chart's data on
    opening): checked on the page's light-mode load (conftest._check_charts)."""
    v = checked(path, "light")
    v.ok()
    assert v.charts > 0, f"{path}: no figure.casekit-chart in the page"
    assert v.drawn == v.charts and not v.chart_problems, "\n".join(v.chart_problems)


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
