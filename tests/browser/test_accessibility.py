"""Accessibility of the built site: axe-core finds no violation of WCAG 2.1
A/AA or of its best-practice rules on any page, in light and in dark colour
mode, with the charts drawn; and a chart's controls and data table work from
the keyboard alone.

Nothing is excluded from the scan and no rule is switched off: a theme problem
is fixed in the book (templates, _static/casekit.css, _static/casekit.js,
book/_ext/casekit_book.py), not hidden from axe.
"""

from __future__ import annotations

import pytest

from .conftest import PageVisit, built_pages

PAGES = built_pages()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
CHART_PAGE = "notebooks/01-theory.html"


class ModeVisit(PageVisit):
    """A page loaded with the theme's colour mode fixed before any script runs
    (localStorage, as the theme's own switch stores it) and the matching
    prefers-color-scheme emulated."""

    def __init__(self, browser, url: str, mode: str):
        self.context = browser.new_context(color_scheme=mode, viewport={"width": 1280, "height": 900})
        self.context.add_init_script(
            f"try {{ localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}'); }} catch (e) {{}}"
        )
        self.page = self.context.new_page()
        self.page.route("**/*", lambda r: r.continue_() if r.request.url.split("/")[2] == url.split("/")[2] else r.abort())
        self.page.goto(url, wait_until="load")


@pytest.fixture
def visit_in_mode(browser, site):
    opened: list[ModeVisit] = []

    def _visit(path: str, mode: str) -> ModeVisit:
        v = ModeVisit(browser, f"{site}/{path}", mode)
        opened.append(v)
        return v

    yield _visit
    for v in opened:
        v.close()


def _settle(page) -> None:
    """Wait until the page is as a reader sees it: fonts loaded, every chart
    drawn (or failed), the theme's colour mode applied."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure.casekit-chart')]"
        ".every(f => f.dataset.drawn === 'yes' || f.dataset.drawn === 'error')",
        timeout=15_000,
    )
    page.evaluate("() => document.fonts.ready")


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    {target}  --  {node.get('failureSummary', '').splitlines()[-1].strip() if node.get('failureSummary') else ''}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def test_there_are_pages_to_check():
    assert PAGES and CHART_PAGE in PAGES


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(visit_in_mode, path, mode):
    from axe_playwright_python.sync_playwright import Axe

    v = visit_in_mode(path, mode)
    _settle(v.page)
    assert v.page.evaluate("() => document.documentElement.dataset.theme") == mode, "colour mode not applied"
    axe = Axe()
    v.page.evaluate(axe.axe_script)
    # every rule carrying one of the tags, the experimental ones included
    # (axe leaves those out of a run by tag; label-content-name-mismatch is one)
    rules = v.page.evaluate("(tags) => axe.getRules(tags).map(r => r.ruleId)", TAGS)
    assert "label-content-name-mismatch" in rules and "color-contrast" in rules and "region" in rules
    results = axe.run(v.page, options={"runOnly": {"type": "rule", "values": rules}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, f"{path} ({mode} mode): {len(violations)} axe rule(s) violated\n" + _report(violations)


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement; return {
             tag: e.tagName.toLowerCase(), name: e.getAttribute('name'),
             inChart: !!e.closest('figure.casekit-chart'),
             firstChart: e.closest('figure.casekit-chart') === document.querySelector('figure.casekit-chart'),
             label: (e.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
                      .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim()
                    || e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].textContent : '') } }"""
    )


def _mark_opacities(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelector('figure.casekit-chart').querySelectorAll(
             'svg .mark-symbol path, svg .mark-rect path, svg .mark-arc path, svg .mark-area path')]
             .map(p => getComputedStyle(p).opacity + '/' + (p.getAttribute('fill-opacity') || '') + '/' + (p.getAttribute('opacity') || ''))"""
    )


def test_chart_controls_and_data_table_work_from_the_keyboard(visit_in_mode):
    v = visit_in_mode(CHART_PAGE, "light")
    page = v.page
    _settle(page)
    first = page.locator("figure.casekit-chart").first
    select = first.locator(".vega-bind select").first
    assert select.count() == 1, "the first chart has no drop-down control"
    assert "Highlight a region" in first.locator(".vega-bind").first.inner_text()

    # Tab from the top of the page until the drop-down has focus
    page.locator("body").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        f = _focused(page)
        if f["tag"] == "select" and f["firstChart"]:
            break
    else:
        pytest.fail("Tab never reached the first chart's 'Highlight a region' drop-down")
    assert "Highlight a region" in f["label"], f"the drop-down's accessible name is {f['label']!r}"
    snapshot = page.accessibility.snapshot(root=select.element_handle()) if hasattr(page, "accessibility") else None
    if snapshot is not None:
        assert "Highlight a region" in (snapshot.get("name") or "")

    before = _mark_opacities(page)
    value_before = select.input_value()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert select.input_value() != value_before, "the arrow key did not change the drop-down"
    page.wait_for_function(
        "(before) => JSON.stringify(before) !== JSON.stringify([...document.querySelector('figure.casekit-chart')"
        ".querySelectorAll('svg .mark-symbol path, svg .mark-rect path, svg .mark-arc path, svg .mark-area path')]"
        ".map(p => getComputedStyle(p).opacity + '/' + (p.getAttribute('fill-opacity') || '') + '/' + (p.getAttribute('opacity') || '')))",
        arg=before, timeout=5_000,
    )
    assert _mark_opacities(page) != before

    # Go on tabbing to the data table's <summary> and open it with Enter
    details = first.locator("details.casekit-data")
    assert details.get_attribute("open") is None
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName === 'SUMMARY' && "
                         "document.activeElement.closest('figure.casekit-chart') === document.querySelector('figure.casekit-chart')"):
            break
    else:
        pytest.fail("Tab never reached the first chart's data-table summary")
    page.keyboard.press("Enter")
    assert details.get_attribute("open") is not None, "Enter did not open the data table"
    table = details.locator("table").first
    assert table.is_visible()
    assert details.locator("tbody tr").first.is_visible()
