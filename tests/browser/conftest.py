"""Fixtures for the checks of the built site: a local web server over
_build/html and headless Debian Chromium driven by Playwright (no browser
download, no network: anything that is not localhost is blocked and recorded).

One Chromium serves the whole session, and each page of the book is loaded
once per colour mode (:func:`checked`): that one load is settled, its charts
checked, its requests and console recorded and axe run on it, and every test
about the page reads the record. The tests stay one per page and problem, and
their messages name both.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
sys.path.insert(0, str(ROOT / "tools"))
from localsite import CHROMIUM_ARGS, find_chromium, serve  # noqa: E402


def built_pages(html: Path = HTML) -> list[str]:
    """Every page of the book's last build into ``html``, with Sphinx's search and index pages
    (not pages an earlier build left there: Sphinx never deletes them)."""
    if not (html / "index.html").exists():
        return []
    from publish import _docnames

    keep = _docnames(html) | {"search", "genindex"}
    return sorted(
        p.relative_to(html).as_posix() for p in html.rglob("*.html")
        if p.relative_to(html).with_suffix("").as_posix() in keep
    )


@pytest.fixture(scope="session")
def site():
    if not (HTML / "index.html").exists():
        pytest.fail("no built site in _build/html: run `make book` first (`make test` does it for you)")
    with serve(HTML) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None or not Path(chromium).exists():
        pytest.fail(
            f"no Chromium to run the browser tests ({chromium or 'none on PATH'}): set $CHROMIUM "
            f"to one, or run tools/ensure_chromium.sh"
        )
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageVisit:
    """A page loaded in a fresh browser context, in the given colour mode (the
    theme's mode and prefers-color-scheme), with its console and requests."""

    def __init__(self, browser, url: str, color_scheme: str = "light", wait: bool = True):
        self.context = browser.new_context(color_scheme=color_scheme, viewport={"width": 1280, "height": 900})
        # the theme's colour mode, fixed before any script runs, as its own switch stores it
        self.context.add_init_script(
            f"try {{ localStorage.setItem('mode', '{color_scheme}'); localStorage.setItem('theme', '{color_scheme}'); }} catch (e) {{}}"
        )
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page_errors: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        host = url.split("/")[2]

        def route(r):
            if r.request.url.split("/")[2] == host:
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.on("console", lambda m: m.type == "error" and self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        # wait=False: the load is under way on return (wait_for_load_state waits for it),
        # so several pages load at once, each in its own renderer process
        self.page.goto(url, wait_until="load" if wait else "commit")

    def close(self):
        self.context.close()


TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
#: A chart's marks, whichever kind of mark it draws.
MARKS = ("svg .mark-symbol path, svg .mark-rect path, svg .mark-line path, svg .mark-area path, "
         "svg .mark-arc path, svg .mark-rule line, svg .mark-text text")


def settle(page) -> None:
    """Wait until the page is as a reader sees it: fonts loaded, every chart
    drawn (or failed), the theme's colour mode applied. Charts out of view are
    drawn only when scrolled near (test_charts_compiled.py checks that): draw them all."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => window.casekitDrawCharts && window.casekitDrawCharts()")
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure.casekit-chart')]"
        ".every(f => f.dataset.drawn === 'yes' || f.dataset.drawn === 'error')",
        timeout=15_000,
    )
    page.evaluate("() => document.fonts.ready")


_AXE = None


def _axe_rules(page) -> dict:
    """Put axe-core into the page; the options of a run of every rule carrying
    one of TAGS, the experimental ones included (axe leaves those out of a run
    by tag; label-content-name-mismatch is one)."""
    global _AXE
    from axe_playwright_python.sync_playwright import Axe

    if _AXE is None:
        _AXE = Axe()
    page.evaluate(_AXE.axe_script)
    rules = page.evaluate("(tags) => axe.getRules(tags).map(r => r.ruleId)", TAGS)
    assert "label-content-name-mismatch" in rules and "color-contrast" in rules and "region" in rules
    return {"runOnly": {"type": "rule", "values": rules}, "resultTypes": ["violations"]}


#: The body of every chart's data table: the data as published, the same cells in every edition.
DATA_CELLS = "figure.casekit-chart details.casekit-data tbody"


def axe_start(page, contrast_skips: str | None = None) -> None:
    """Start axe on the page as it stands and return at once: the scan runs in
    the page's renderer process while Python goes on (see :func:`axe_result`).
    ``contrast_skips``: a selector of what the colour-contrast rule leaves out (every
    other rule still checks it)."""
    page.evaluate("""([options, skips]) => {
        if (!skips) { window.__casekitAxe = axe.run(document, options).then(r => r.violations); return; }
        const only = (rules) => ({...options, runOnly: {type: 'rule', values: rules}});
        const others = options.runOnly.values.filter(r => r !== 'color-contrast');
        window.__casekitAxe = axe.run(document, only(others)).then(a =>
            axe.run({exclude: [[skips]]}, only(['color-contrast'])).then(b => a.violations.concat(b.violations)));
    }""", [_axe_rules(page), contrast_skips])


def axe_result(page) -> list[dict]:
    """The violations of the scan :func:`axe_start` started, once it is done."""
    return page.evaluate("() => window.__casekitAxe")


def axe_scan(page) -> list[dict]:
    """axe-core's violations on the page as it stands (every rule of TAGS)."""
    axe_start(page)
    return axe_result(page)


def _check_charts(page, path: str) -> list[str]:
    """Every chart drew marks, has a text alternative tied to the drawing, and
    its data table opens with one click (long ones are built from the chart's
    data on opening). The problems found, each naming the page and the chart."""
    problems = []
    figures = page.locator("figure.casekit-chart")
    for i in range(figures.count()):
        fig = figures.nth(i)
        if fig.get_attribute("data-drawn") != "yes":
            problems.append(f"{path}: chart {i} failed: {fig.inner_text()[:200]}")
            continue
        if fig.locator(MARKS).count() == 0:
            problems.append(f"{path}: chart {i} drew no marks")
        described = fig.locator(".casekit-vega").get_attribute("aria-describedby")
        if not (described and fig.locator(f"#{described}").inner_text().strip()):
            problems.append(f"{path}: chart {i} has no text alternative (aria-describedby={described!r})")
        fig.locator("details.casekit-data > summary").click()
        try:
            fig.locator("details.casekit-data table tbody tr").first.wait_for(timeout=5_000)
        except Exception as err:  # playwright's TimeoutError
            problems.append(f"{path}: chart {i}: its data table shows no row after a click ({str(err).splitlines()[0]})")
        if fig.locator("details.casekit-data .casekit-table-lazy").count():
            problems.append(f"{path}: chart {i}: its data table was not built on opening")
    return problems


# axe passes text whose colour equals its background (it takes it for
# deliberately hidden); a chart's caption once vanished that way in dark mode.
LOW_CONTRAST_JS = """() => {
  const lum = (rgb) => rgb.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                          .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const bg = (el) => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
                         if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c; } return [255, 255, 255]; };
  const out = [];
  document.querySelectorAll('figure.casekit-chart').forEach(fig => {
    fig.querySelectorAll('figcaption span:not(.visually-hidden), summary, caption, th, td, .vega-bind-name, select').forEach(el => {
      if (!el.textContent.trim() || !el.getClientRects().length) return;
      const fg = parse(getComputedStyle(el).color), b = bg(el);
      const [hi, lo] = [lum(fg), lum(b)].sort((x, y) => y - x);
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < 4.5) out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}": ${ratio.toFixed(2)}:1`);
    });
  });
  return out;
}"""


class PageReport:
    """What one load of a page, in one colour mode, showed (see :func:`checked`)."""

    def __init__(self, path: str, mode: str):
        self.path, self.mode = path, mode
        self.error: str | None = None  # the load or a step itself failed
        self.unsettled: str | None = None  # the charts were not all drawn (or failed) in time
        self.theme = ""
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.page_errors: list[str] = []
        self.console: list[str] = []
        self.charts: int = 0
        self.drawn: int = 0
        self.chart_problems: list[str] = []
        self.opened = 0
        self.violations: list[dict] = []
        self.low_contrast: list[str] = []
        self.tables: list[str] = []  # a digest of each data table's body, as the page shows it
        self.tables_reused = False  # axe's colour-contrast rule left them to the English page's scan

    def ok(self, settled: bool = True) -> None:
        """Fail, naming the page, if the visit itself broke down (or, when the
        check needs the page settled, if its charts never finished drawing)."""
        if self.error:
            pytest.fail(f"{self.path} ({self.mode} mode): the page could not be checked: {self.error}", pytrace=False)
        if settled and self.unsettled:
            pytest.fail(f"{self.path} ({self.mode} mode): the charts were not all drawn in time: {self.unsettled}",
                        pytrace=False)


class _Inspection:
    """One page in one colour mode being checked; the steps are separate so that
    two inspections (a page's light and dark loads) run side by side."""

    def __init__(self, browser, base: str, path: str, mode: str, reuse_tables: bool = False):
        self.r = PageReport(path, mode)
        self.reuse_tables = reuse_tables
        self.v = PageVisit(browser, f"{base}/{path}", mode, wait=False)
        self.scanning = False

    def _guard(self, step) -> None:
        if self.r.error is None:
            try:
                step()
            except Exception as err:  # recorded, and reported by every test of this page
                self.r.error = f"{type(err).__name__}: {err}"

    def prepare(self) -> None:
        """Everything up to the axe scan, which it starts."""
        self._guard(self._prepare)

    def _prepare(self) -> None:
        r, v = self.r, self.v
        page = v.page
        page.wait_for_load_state("load")
        try:
            settle(page)
        except Exception as err:  # a chart never drawn: the offline record is still taken
            r.unsettled = f"{type(err).__name__}: {str(err).splitlines()[0]}"
        r.theme = page.evaluate("() => document.documentElement.dataset.theme")
        r.charts = page.locator("figure.casekit-chart").count()
        r.drawn = page.locator("figure.casekit-chart[data-drawn='yes']").count()
        if r.charts and r.mode == "light" and not r.unsettled:
            r.chart_problems = _check_charts(page, r.path)
        # offline and clean: every request and console message up to here
        r.outside, r.failed = list(v.outside), list(v.failed)
        r.page_errors, r.console = list(v.page_errors), list(v.console)
        if r.unsettled:
            return
        # axe sees the page as loaded, not as the chart checks scrolled and focused it
        page.evaluate("() => { window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur(); }")
        # every <details> open (the charts' data tables, the theme's toggles), since axe
        # does not check what is hidden; an open <details> shows its summary too, so one
        # scan covers the page as loaded and as explored
        r.opened = page.evaluate("() => { const d = [...document.querySelectorAll('details:not([open])')]; d.forEach(e => e.open = true); return d.length }")
        if r.opened or (r.charts and r.mode == "light"):
            page.wait_for_timeout(350)  # the theme re-marks scrollable blocks after a debounce
        if r.charts:
            r.low_contrast = page.evaluate(LOW_CONTRAST_JS)
            r.tables = [hashlib.sha256(t.encode()).hexdigest()[:16] for t in
                        page.evaluate("(q) => [...document.querySelectorAll(q)].map(t => t.outerHTML)", DATA_CELLS)]
        r.tables_reused = bool(self.reuse_tables and r.tables)
        axe_start(page, DATA_CELLS if r.tables_reused else None)
        self.scanning = True

    def finish(self) -> PageReport:
        if self.scanning:
            self._guard(lambda: setattr(self.r, "violations", axe_result(self.v.page)))
        self.v.close()
        return self.r


def inspect_pages(browser, base: str, visits: list[tuple[str, str]], reuse_tables: bool = False) -> list[PageReport]:
    """Load and check the pages (path, mode) side by side: all loads start at
    once, then each is settled and checked in turn and its axe scan started; the
    scans run at the same time, each in its page's renderer process."""
    inspections = [_Inspection(browser, base, path, mode, reuse_tables) for path, mode in visits]
    try:
        for i in inspections:
            i.prepare()
    finally:
        reports = [i.finish() for i in inspections]
    return reports


def inspect_page(browser, base: str, path: str, mode: str) -> PageReport:
    """Load the page at ``base/path`` in ``mode`` and check it (see :class:`PageReport`)."""
    return inspect_pages(browser, base, [(path, mode)])[0]


MODES = ("light", "dark")


def english_twin(path: str) -> str | None:
    """The English instructor edition's page that a page of another edition was built from
    (``ja/student/notebooks/07-nintendo.html`` -> ``notebooks/07-nintendo.html``); None for
    a page of the English instructor edition itself (or of no edition, like ``404.html``).

    >>> english_twin("ja/student/notebooks/07-nintendo.html"), english_twin("student/index.html")
    ('notebooks/07-nintendo.html', 'index.html')
    >>> english_twin("notebooks/07-nintendo.html") is None, english_twin("404.html") is None
    (True, True)
    """
    from publish import LANGUAGES

    parts = path.split("/")
    if parts[0] in LANGUAGES:
        parts = parts[1:]
    if parts[0] == "student":
        parts = parts[1:]
    twin = "/".join(parts)
    return twin if twin != path else None


def _report_cache(browser, base: str, reuse_tables: bool = False):
    """``report(path, mode)`` for the site at ``base``: the page loaded once in that colour
    mode and checked (see :class:`PageReport`); later calls return the same record. The
    first call for a page checks it in both modes at once (two renderer processes, so the
    two axe scans share the machine's cores).

    ``reuse_tables``: on a page of another edition than the English instructor one, axe's
    colour-contrast rule leaves out the body of the charts' data tables. They are the data as
    published, the English page's cells under the same stylesheet (the page's report says which
    tables it shows, for the test to compare with its English twin), and the English page's
    scan checks them in the same mode: on a chapter that rule spends about half of a scan on them."""
    reports: dict[tuple[str, str], PageReport] = {}

    def _report(path: str, mode: str = "light") -> PageReport:
        if (path, mode) not in reports:
            reuse = reuse_tables and english_twin(path) is not None
            for r in inspect_pages(browser, base, [(path, m) for m in MODES], reuse):
                reports[(path, r.mode)] = r
        return reports[(path, mode)]

    return _report


@pytest.fixture(scope="session")
def checked(browser, site):
    """``checked(path, mode)``: a page of the English build (_build/html), checked once per mode."""
    return _report_cache(browser, site)


SITE = ROOT / "_build" / "site"


@pytest.fixture(scope="session")
def published():
    """The assembled site (_build/site: every edition, as a static host serves it)."""
    if not (SITE / "404.html").exists():
        pytest.fail("no assembled site in _build/site: run `make site` (`make test` does it)")
    with serve(SITE) as base:
        yield base


@pytest.fixture(scope="session")
def published_report(browser, published):
    """``published_report(path, mode)``: a page of the assembled site, checked once per mode."""
    return _report_cache(browser, published, reuse_tables=True)


@pytest.fixture
def visit(browser, site):
    opened = []

    def _visit(path: str, color_scheme: str = "light") -> PageVisit:
        v = PageVisit(browser, f"{site}/{path}", color_scheme)
        opened.append(v)
        return v

    yield _visit
    for v in opened:
        v.close()
