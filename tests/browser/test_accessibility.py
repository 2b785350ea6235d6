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

from .conftest import TAGS, axe_scan, built_pages, english_twin, settle

PAGES = built_pages()
CHART_PAGE = "notebooks/01-theory.html"
_settle = settle  # the tests of the assembled site (test_published) settle pages the same way


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


def assert_tables_checked_in_english(r, checked) -> None:
    """A page whose scan left its data tables' cells to its English twin's (conftest._report_cache):
    every table it shows is one of the twin's, and the twin's colour-contrast scan, in the same
    mode, found nothing."""
    if not r.tables_reused:
        return
    twin = checked(english_twin(r.path), r.mode)
    twin.ok()
    others = [t for t in r.tables if t not in twin.tables]
    assert not others, (f"{r.path} ({r.mode} mode): {len(others)} of its {len(r.tables)} data tables are not "
                        f"{twin.path}'s, whose colour-contrast scan checks them for this page")
    contrast = [v for v in twin.violations if v["id"] == "color-contrast"]
    assert not contrast, f"{twin.path} ({r.mode} mode), which checks {r.path}'s data tables:\n" + _report(contrast)


def test_there_are_pages_to_check():
    assert PAGES and CHART_PAGE in PAGES


def _axe(page, axe=None) -> list[dict]:
    return axe_scan(page)


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(checked, path, mode):
    """With every <details> (the charts' data tables, the theme's toggles) open,
    since axe does not check what is hidden; an open <details> shows its summary
    too, so one scan covers the page as loaded and as explored. The page is the
    one load of it in this mode that the other checks of the page read too."""
    r = checked(path, mode)
    r.ok()
    assert r.theme == mode, f"{path} ({mode} mode): colour mode not applied (the page's theme is {r.theme!r})"
    violations = r.violations
    assert not violations, (
        f"{path} ({mode} mode, {r.opened} <details> opened): {len(violations)} axe rule(s) violated\n" + _report(violations)
    )
    assert not r.tables_reused, f"{path}: an English page's scan must check its data tables itself"
    assert not r.low_contrast, f"{path} ({mode} mode): text below 4.5:1 contrast:\n" + "\n".join(r.low_contrast)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_chart_captions_controls_and_tables_are_legible(checked, mode):
    """axe passes text whose colour equals its background (it takes it for
    deliberately hidden); a chart's caption once vanished that way in dark mode.
    Measured with the charts' <details> open (see LOW_CONTRAST_JS)."""
    r = checked(CHART_PAGE, mode)
    r.ok()
    assert r.charts, f"{CHART_PAGE}: no chart"
    assert not r.low_contrast, f"{CHART_PAGE} ({mode} mode): text below 4.5:1 contrast:\n" + "\n".join(r.low_contrast)


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


def test_chart_controls_and_data_table_work_from_the_keyboard(visit):
    v = visit(CHART_PAGE, "light")
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


_ALL_CONTROLS_SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
    "data": {"values": [{"k": "a", "v": 1}, {"k": "b", "v": 3}, {"k": "c", "v": 2}]},
    "params": [
        {"name": "pick", "value": "a", "bind": {"input": "radio", "options": ["a", "b", "c"], "name": "Highlight a key: "}},
        {"name": "cut", "value": 0, "bind": {"input": "range", "min": 0, "max": 3, "step": 1, "name": "Hide bars below: "}},
    ],
    "mark": "bar",
    "encoding": {
        "x": {"field": "k", "type": "nominal"},
        "y": {"field": "v", "type": "quantitative"},
        "opacity": {"condition": {"test": "datum.k == pick && datum.v > cut", "value": 1}, "value": 0.2},
    },
}


def test_radio_and_range_controls_are_labelled_and_work_from_the_keyboard(visit):
    """The book's charts so far bind only drop-downs; a chart with radio
    buttons and a slider, drawn by casekit.js on the chart page, must pass axe
    and work from the keyboard too."""
    import json

    import vl_convert
    from axe_playwright_python.sync_playwright import Axe

    v = visit(CHART_PAGE, "light")
    page = v.page
    _settle(page)
    page.evaluate(
        """(spec) => {
             const fig = document.createElement('figure');
             fig.className = 'casekit-chart'; fig.id = 'fig-kbtest';
             fig.innerHTML = '<div class="casekit-vega" id="vis-kbtest" aria-describedby="cap-kbtest"></div>'
               + '<figcaption id="cap-kbtest">Bar chart of three keys.</figcaption>'
               + '<script type="application/json" class="casekit-spec"></' + 'script>';
             fig.querySelector('script').textContent = spec;
             document.querySelector('#main-content article').prepend(fig);
             window.casekitDrawCharts();
           }""",
        json.dumps(vl_convert.vegalite_to_vega(_ALL_CONTROLS_SPEC, vl_version="6.4")),  # as the build compiles
    )
    page.wait_for_function("() => document.getElementById('fig-kbtest').dataset.drawn === 'yes'", timeout=10_000)
    fig = page.locator("#fig-kbtest")
    radios, slider = fig.locator("input[type=radio]"), fig.locator("input[type=range]")
    assert radios.count() == 3 and slider.count() == 1

    violations = Axe().run(page, context="#fig-kbtest", options={"runOnly": {"type": "tag", "values": TAGS}}).response["violations"]
    assert not violations, _report(violations)
    group = fig.locator("[role=radiogroup]")
    assert group.count() == 1 and "Highlight a key" in page.evaluate(
        "(g) => document.getElementById(g.getAttribute('aria-labelledby')).textContent", group.element_handle()
    )
    assert "Hide bars below" in page.evaluate(
        "(s) => (s.labels[0] || {}).textContent || document.getElementById(s.getAttribute('aria-labelledby')).textContent",
        slider.element_handle(),
    )

    def opacities():
        return page.evaluate("() => [...document.querySelectorAll('#fig-kbtest svg .mark-rect path')].map(p => getComputedStyle(p).opacity + (p.getAttribute('fill-opacity') || ''))")

    # Tab into the radio group (the checked radio takes focus), arrow to the next option
    page.evaluate("() => { const a = document.createElement('a'); a.href = '#'; a.id = 'kb-start'; a.textContent = 'start';"
                  " document.getElementById('fig-kbtest').before(a); a.focus(); }")
    before = opacities()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "radio"
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.value") == "b"
    page.wait_for_function("(b) => JSON.stringify(b) !== JSON.stringify([...document.querySelectorAll('#fig-kbtest svg .mark-rect path')]"
                           ".map(p => getComputedStyle(p).opacity + (p.getAttribute('fill-opacity') || '')))", arg=before, timeout=5_000)
    # Tab to the slider, step it up with the arrow key
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "range"
    before = opacities()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert slider.input_value() == "3"
    page.wait_for_function("(b) => JSON.stringify(b) !== JSON.stringify([...document.querySelectorAll('#fig-kbtest svg .mark-rect path')]"
                           ".map(p => getComputedStyle(p).opacity + (p.getAttribute('fill-opacity') || '')))", arg=before, timeout=5_000)


def test_a_page_leaving_its_tables_to_its_english_twin_fails_unless_the_twin_checked_them():
    from types import SimpleNamespace

    page = SimpleNamespace(path="ja/notebooks/07-nintendo.html", mode="dark", tables=["t1", "t2"], tables_reused=True)
    twin = SimpleNamespace(path="notebooks/07-nintendo.html", ok=lambda: None, tables=["t1"], violations=[])
    asked = []

    def checked(path, mode):
        asked.append((path, mode))
        return twin

    with pytest.raises(AssertionError, match="1 of its 2 data tables are not notebooks/07-nintendo.html's"):
        assert_tables_checked_in_english(page, checked)
    assert asked == [("notebooks/07-nintendo.html", "dark")]
    twin.tables = ["t2", "t1", "t3"]
    twin.violations = [{"id": "color-contrast", "impact": "serious", "help": "contrast", "nodes": []}]
    with pytest.raises(AssertionError, match="which checks ja/notebooks/07-nintendo.html's data tables"):
        assert_tables_checked_in_english(page, checked)
    twin.violations = []
    assert_tables_checked_in_english(page, checked)
