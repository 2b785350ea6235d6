"""The charts as built (book/_ext/casekit_charts.py, _static/casekit.js): Vega
specs compiled from Vega-Lite at build time, so no page loads Vega-Lite; the
spec and a static picture of each chart in files of their own (``_charts/``),
the picture shown at first paint and with JavaScript off, the spec loaded when
the chart comes near the viewport; every kind of control still works on the
compiled charts.

That every chart draws its marks, with its text alternative and data table, in
light and dark mode and with no axe violation, is checked by test_site.py and
test_accessibility.py; this file does not repeat it.
"""

from __future__ import annotations

import json
import re
import sys

import pytest

from pathlib import Path

from .conftest import HTML, ROOT, built_pages

sys.path.insert(0, str(ROOT / "book" / "_ext"))

PAGES = built_pages()
_FIGURE = re.compile(r'<figure class="casekit-chart" id="fig-([\w-]+)">(.*?)</figure>', re.S)
_SPEC_FILE = re.compile(r'<div class="casekit-vega"[^>]*\sdata-spec="([^"]+)"')
_PICTURE = re.compile(r'<img class="casekit-static" src="([^"]+)"[^>]*>')


def _file(path: str, url: str) -> Path:
    return (HTML / path).parent.joinpath(url.split("?")[0]).resolve()


def _figures(path: str) -> list[tuple[str, str, dict]]:
    """(key, HTML, Vega spec) of every chart of a built page."""
    from casekit_charts import read_spec_script

    text = (HTML / path).read_text(encoding="utf-8")
    out = []
    for key, body in _FIGURE.findall(text):
        spec = _SPEC_FILE.search(body)
        out.append((key, body, read_spec_script(_file(path, spec.group(1)).read_text(encoding="utf-8")) if spec else {}))
    return out


CHART_PAGES = [p for p in PAGES if _figures(p)]


def _control_kinds(spec: dict) -> set[str]:
    kinds = {s["bind"]["input"] for s in spec.get("signals", []) if isinstance(s.get("bind"), dict) and "input" in s["bind"]}
    if re.search(r'"markname":\s*"\w+_legend_symbols"', json.dumps(spec)):
        kinds.add("legend")
    return kinds


def _first_chart_with(kind: str) -> tuple[str, int] | None:
    for path in CHART_PAGES:
        for i, (_, _, spec) in enumerate(_figures(path)):
            if kind in _control_kinds(spec):
                return path, i
    return None


def test_there_are_charts_to_check():
    assert CHART_PAGES, "no chart pages in _build/html: run `make book`"


def test_no_page_loads_vega_lite_and_every_chart_is_a_compiled_vega_spec():
    offenders = [str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
                 if "vega-lite.min.js" in p.read_text(encoding="utf-8", errors="ignore")]
    assert not offenders, f"pages that name vega-lite.min.js: {offenders}"
    for path in CHART_PAGES:
        for key, _, spec in _figures(path):
            assert "/schema/vega/" in spec.get("$schema", ""), f"{path} fig-{key}: not a Vega spec ({spec.get('$schema')})"
            assert spec.get("config") is not None and spec.get("background") == "#ffffff", (
                f"{path} fig-{key}: compiled without the book's theme")


def test_every_chart_has_its_spec_and_a_static_picture_named_and_described_for_screen_readers():
    for path in CHART_PAGES:
        text = (HTML / path).read_text(encoding="utf-8")
        assert 'class="casekit-spec"' not in text, f"{path}: a chart spec left in the page"
        for key, body, spec in _figures(path):
            assert spec, f"{path} fig-{key}: no spec file"
            m = re.search(r'(<img class="casekit-static"[^>]*>)<div class="casekit-vega"', body)
            assert m, f"{path} fig-{key}: no static picture before the interactive view"
            img = m.group(1)
            assert re.search(r'\salt="[^"]+"', img) and f'aria-describedby="cap-{key}"' in img, f"{path} fig-{key}: {img}"
            assert re.search(r'\swidth="\d+" height="\d+"', img), f"{path} fig-{key}: no size (the page would jump)"
            assert f'id="cap-{key}"' in body
            svg = _file(path, _PICTURE.search(img).group(1)).read_text(encoding="utf-8")
            root, inner = re.match(r"(<svg\b[^>]*>)(.*)</svg>", svg, re.S).groups()
            assert 'xmlns="http://www.w3.org/2000/svg"' in root
            # one image: none of Vega's per-mark roles, labels or links inside it
            assert not re.search(r"\s(role|aria-[\w-]+)=|<a\b", inner), f"{path} fig-{key}: ARIA or links inside the picture"
            assert re.search(r"<(path|line|text|rect)\b", inner), f"{path} fig-{key}: an empty picture"
            assert '<details class="casekit-data">' in body, f"{path} fig-{key}: no data table"


def test_pages_load_no_vega_lite_and_draw_every_chart_when_asked(visit):
    """In the browser: no request for Vega-Lite while every chart of the heaviest chart page draws."""
    path = max(CHART_PAGES, key=lambda p: len(_figures(p)))
    v = visit(path)
    requests: list[str] = []
    v.page.on("request", lambda r: requests.append(r.url))
    v.page.reload(wait_until="load")
    v.page.evaluate("() => window.casekitDrawCharts()")
    v.page.wait_for_function(
        "() => [...document.querySelectorAll('figure.casekit-chart')].every(f => f.dataset.drawn === 'yes')", timeout=15_000)
    assert not [u for u in requests if "vega-lite" in u], requests
    assert v.page.evaluate("() => typeof window.vegaLite") == "undefined"
    assert v.page.locator("figure.casekit-chart .casekit-static").count() == 0, "static pictures left beside drawn charts"
    assert not v.page_errors and not v.console, (v.page_errors, v.console)


_SVG = "(f) => f.querySelector('.casekit-vega svg').innerHTML"


@pytest.mark.parametrize("kind", ["select", "range", "radio", "legend"])
def test_each_kind_of_control_still_changes_its_chart(visit, kind):
    found = _first_chart_with(kind)
    assert found, f"no chart in the book has a {kind} control"
    path, index = found
    v = visit(path)
    fig = v.page.locator("figure.casekit-chart").nth(index)
    fig.scroll_into_view_if_needed()
    v.page.wait_for_function("(f) => f.dataset.drawn === 'yes'", arg=fig.element_handle(), timeout=15_000)
    before = fig.evaluate(_SVG)
    if kind == "select":
        select = fig.locator(".vega-bind select").first
        options = select.locator("option")
        assert options.count() > 1
        select.select_option(index=1 if select.input_value() == options.nth(0).get_attribute("value") else 0)
    elif kind == "range":
        slider = fig.locator(".vega-bind input[type=range]").first
        slider.evaluate(
            """(s) => { const lo = +s.min, hi = +s.max; s.value = String(+s.value === hi ? lo : hi);
                        s.dispatchEvent(new Event('input', {bubbles: true})); s.dispatchEvent(new Event('change', {bubbles: true})); }""")
    elif kind == "radio":
        radios = fig.locator(".vega-bind input[type=radio]")
        assert radios.count() > 1
        target = next(i for i in range(radios.count()) if not radios.nth(i).is_checked())
        radios.nth(target).check()
    else:  # a click on a legend entry selects it
        fig.locator(".casekit-vega svg .role-legend-symbol path").nth(1).click(force=True)
    v.page.wait_for_function(f"([f, before]) => ({_SVG})(f) !== before", arg=[fig.element_handle(), before], timeout=5_000)
    assert not v.page_errors and not v.console, (v.page_errors, v.console)


def test_a_chart_below_the_fold_is_drawn_only_when_scrolled_near(visit):
    """Its static picture shows until then; once near the viewport it is drawn and takes the picture's place."""
    for path in CHART_PAGES:
        v = visit(path)
        tops = v.page.evaluate("() => [...document.querySelectorAll('figure.casekit-chart')].map(f => f.getBoundingClientRect().top)")
        height = v.page.viewport_size["height"]
        below = [i for i, top in enumerate(tops) if top > 3 * height]
        if below:
            break
    else:
        pytest.fail("no chart page has a chart three screens below the top")
    v.page.wait_for_load_state("networkidle")
    v.page.wait_for_timeout(1_000)
    fig = v.page.locator("figure.casekit-chart").nth(below[-1])
    assert fig.get_attribute("data-drawn") is None, f"{path}: chart {below[-1]} drawn before it was scrolled near"
    assert fig.locator("img.casekit-static").is_visible()
    assert fig.locator(".casekit-vega svg").count() == 0
    fig.scroll_into_view_if_needed()
    v.page.wait_for_function("(f) => f.dataset.drawn === 'yes'", arg=fig.element_handle(), timeout=15_000)
    assert fig.locator(".casekit-static").count() == 0
    assert fig.locator(".casekit-vega svg").is_visible()


@pytest.mark.parametrize("path", CHART_PAGES)
def test_with_javascript_off_every_figure_shows_its_picture_and_its_data_table(browser, site, path):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site}/{path}", wait_until="load")
        figures = page.locator("figure.casekit-chart")
        assert figures.count() == len(_figures(path))
        for i in range(figures.count()):
            fig = figures.nth(i)
            fig.scroll_into_view_if_needed()
            picture = fig.locator("img.casekit-static")
            picture.evaluate("(img) => img.decode()")
            box = picture.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 100, f"{path}: chart {i} shows no picture ({box})"
            assert picture.evaluate("(img) => img.complete && img.naturalWidth > 0"), f"{path}: chart {i}: picture not loaded"
            details = fig.locator("details.casekit-data")
            details.locator("summary").click()
            assert details.get_attribute("open") is not None
            table = details.locator("table tbody tr")
            if details.locator(".casekit-table-lazy").count():  # a long table is built by JavaScript: it says so
                assert "JavaScript" in details.inner_text()
            else:
                assert table.first.is_visible(), f"{path}: chart {i}: its data table does not open"
    finally:
        context.close()


def test_static_pictures_pass_axe_before_the_charts_are_drawn(visit):
    """A page as first painted, with the charts out of view still static pictures."""
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import _axe, _report

    path = CHART_PAGES[0]
    v = visit(path)
    v.page.wait_for_load_state("networkidle")
    static = v.page.locator("figure.casekit-chart .casekit-static").count()
    assert static > 0, f"{path}: every chart was drawn at load"
    violations = _axe(v.page, Axe())
    assert not violations, f"{path} with {static} static pictures:\n" + _report(violations)
