"""Benchmark of the book: build, tests and pages, against the targets of the
site-quality issue. A benchmark, not a test: it measures and reports, it does
not fail the test command.

    make bench            # or: .venv/bin/python tools/bench.py [--skip-cold]

Measures, each against its budget (issue 17: ratios and sizes, so they hold on another machine)
  cold build      rm -rf _build, then a full build (every notebook executed): <= 1.5 x the floor
  floor           every notebook executed bare with nbclient, summed
  warm rebuild    one notebook's markdown edited trivially, the build run again (then the
                  edit undone and the build brought back): <= 5 s
  no-op rebuild   the build again with nothing changed (for information)
  editions        the three localized editions built after the English one (for information)
  nbval           pytest --nbval over notebooks/
  page HTML       each page's own HTML: <= 250 KB
  English site    the instructor edition as published (the files its pages reference, which
                  is what tools/publish.py assembles): <= 10 MB; the print edition's PDFs, which
                  pages link to as downloads but never load, are reported beside it
  chart marks     on the two heaviest chart pages, in headless Chromium with the CPU throttled
                  4x (CDP Emulation.setCPUThrottlingRate), median of 5 loads: each chart in view
                  at load shows its marks <= 1 s after navigation start; each other chart
                  <= 1 s after it is scrolled into view. A chart "shows its marks" when an SVG
                  in its figure has mark elements, or its static picture (an SVG rendered at
                  build time, an <img>) has loaded; the time until the interactive view is drawn
                  (figure[data-drawn=yes]) is reported beside it

Prints a table and writes bench/results/<UTC time>.json (the figures, the machine) and
<UTC time>.txt (the table). bench/results/ is git-ignored: results belong to a machine.

    python tools/bench.py --skip-build   # sizes and charts only, on the current _build
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HTML = ROOT / "_build" / "html"
TARGETS = {
    "cold_over_floor": 1.5,
    "warm_build_s": 5.0,
    "nbval_s": 60.0,
    "page_html_kb": 250.0,
    "site_mb": 10.0,
    "chart_marks_ms": 1000.0,
}
#: The two heaviest chart pages (most charts, most data), where a slow phone suffers first.
CHART_PAGES = ["notebooks/07-nintendo.html", "notebooks/08-kpop.html"]
CPU_THROTTLE = 4
LOADS = 5
#: A mark of a drawn chart (Vega's SVG renderer, also in a build-time static SVG).
MARKS = ("svg .mark-symbol path, svg .mark-rect path, svg .mark-line path, svg .mark-area path, "
         "svg .mark-arc path, svg .mark-rule line, svg .mark-text text, svg .mark-shape path, "
         "svg .mark-trail path, svg .mark-image image")
#: Notebook whose markdown the warm rebuild edits.
EDITED = "notebooks/01-theory.ipynb"


def _timed(cmd: list[str]) -> float:
    env = dict(os.environ, CASEKIT_CHARTS="book")
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def build() -> float:
    return _timed([str(BIN / "jupyter-book"), "build", ".", "--builder", "html", "-W", "-n", "--keep-going"])


def nbval() -> float:
    return _timed([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "notebooks"])


def warm_after_edit() -> float:
    """Rebuild after a trivial edit of one notebook's markdown; undo the edit and rebuild (untimed)."""
    import nbformat

    path = ROOT / EDITED
    original = path.read_bytes()
    nb = nbformat.reads(original.decode("utf-8"), as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    cell.source += "\n\n<!-- bench: a trivial edit -->"
    try:
        path.write_text(nbformat.writes(nb), encoding="utf-8")
        return build()
    finally:
        path.write_bytes(original)
        build()


def floor() -> dict[str, float]:
    """Each notebook executed bare (nbclient, no book machinery)."""
    from execute_notebooks import run

    times = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        times[path.name] = run(path)[1]
    return times


def page_weights() -> dict[str, int]:
    skip = {"search.html", "genindex.html"}
    return {
        str(p.relative_to(HTML)): p.stat().st_size
        for p in sorted(HTML.rglob("*.html"))
        if "_static" not in p.parts and "_sources" not in p.parts and p.name not in skip
    }


def site_size() -> dict[str, int]:
    """Bytes of the instructor edition as published (the files its pages reference), of the raw
    build folder, and of the assembled two-edition site when there is one."""
    from publish import SITE, referenced_files

    referenced = referenced_files(HTML)
    # the print edition's PDFs are downloads a page links to, not files a page loads: reported apart
    pdfs = [r for r in referenced if r.startswith("_pdf/")]
    out = {"english_site": sum((HTML / r).stat().st_size for r in referenced if r not in pdfs),
           "english_pdfs": sum((HTML / r).stat().st_size for r in pdfs),
           "build_folder": sum(p.stat().st_size for p in HTML.rglob("*") if p.is_file())}
    if (SITE / "index.html").exists():
        out["assembled_both_editions"] = sum(p.stat().st_size for p in SITE.rglob("*") if p.is_file())
    return out


# Runs in the page before its own scripts: notes, per chart figure, when marks first show
# and when the interactive view is drawn (performance.now(): ms since navigation start).
_WATCH = """
window.__bench = {marks: {}, drawn: {}};
(function watch() {
  document.querySelectorAll('figure.casekit-chart').forEach((f, i) => {
    const now = performance.now();
    const still = f.querySelector('img.casekit-static');
    const shown = f.querySelector(%r) || (still && still.complete && still.naturalWidth > 0);
    if (window.__bench.marks[i] === undefined && shown) window.__bench.marks[i] = now;
    if (window.__bench.drawn[i] === undefined && (f.dataset.drawn === 'yes' || f.dataset.drawn === 'error'))
      window.__bench.drawn[i] = now;
  });
  requestAnimationFrame(watch);
})();
""" % MARKS


def _one_load(browser, url: str, throttle: float) -> list[dict]:
    """One cold load of a page: per chart, in view at load or not, ms to marks and to drawn."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.add_init_script(_WATCH)
    # As soon as the page can be read (DOMContentLoaded: deferred scripts have run): a reader who
    # scrolls at once waits for whatever drawing is still under way.
    page.goto(url, wait_until="domcontentloaded")
    n = page.locator("figure.casekit-chart").count()
    in_view = page.evaluate("""() => [...document.querySelectorAll('figure.casekit-chart')].map(f => {
        const r = f.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; })""")
    charts = []
    for i in range(n):
        if in_view[i]:
            page.wait_for_function(f"() => window.__bench.marks[{i}] !== undefined", timeout=60_000)
            t = page.evaluate(f"window.__bench.marks[{i}]")
            charts.append({"chart": i, "in_view": True, "marks_ms": t, "start_ms": 0.0})
    for i in range(n):
        if in_view[i]:
            continue
        start = page.evaluate(f"""() => {{ document.querySelectorAll('figure.casekit-chart')[{i}]
            .scrollIntoView({{block: 'center'}}); return performance.now(); }}""")
        page.wait_for_function(f"() => window.__bench.marks[{i}] !== undefined", timeout=60_000)
        t = page.evaluate(f"window.__bench.marks[{i}]")
        charts.append({"chart": i, "in_view": False, "marks_ms": max(0.0, t - start), "start_ms": start})
        # as a reader would: stay until the chart is drawn before scrolling on (a chart scrolled
        # past within one frame is never seen near the viewport, so never drawn)
        page.wait_for_function(f"() => window.__bench.drawn[{i}] !== undefined", timeout=60_000)
    page.wait_for_function(f"() => Object.keys(window.__bench.drawn).length >= {n}", timeout=120_000)
    drawn = page.evaluate("window.__bench.drawn")
    marks = page.evaluate("window.__bench.marks")
    ready = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    for c in charts:
        c["drawn_ms"] = max(0.0, drawn[str(c["chart"])] - c["start_ms"])
        c["marks_since_nav_ms"] = marks[str(c["chart"])]
        c["ready_ms"] = ready
    cdp.detach()
    context.close()
    return sorted(charts, key=lambda c: c["chart"])


def chart_times(pages: list[str], loads: int = LOADS, throttle: float = CPU_THROTTLE) -> dict[str, list[dict]]:
    """Per page, per chart: median over ``loads`` cold loads of the ms until its marks show
    (from navigation start if in view at load, else from being scrolled into view) and until
    its interactive view is drawn."""
    from statistics import median

    from localsite import CHROMIUM_ARGS, find_chromium, serve
    from playwright.sync_api import sync_playwright

    out = {}
    chromium = find_chromium()  # before Playwright starts: the lookup may start Playwright itself
    with serve(HTML) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for page_path in pages:
            runs = [_one_load(browser, f"{base}/{page_path}", throttle) for _ in range(loads)]
            out[page_path] = [
                {"chart": c["chart"], "in_view": c["in_view"],
                 "marks_ms": median(r[k]["marks_ms"] for r in runs),
                 "drawn_ms": median(r[k]["drawn_ms"] for r in runs),
                 "marks_since_nav_ms": median(r[k]["marks_since_nav_ms"] for r in runs),
                 "ready_ms": median(r[k]["ready_ms"] for r in runs)}
                for k, c in enumerate(runs[0])
            ]
        browser.close()
    return out


def machine() -> dict:
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"system": platform.platform(), "python": platform.python_version(), "cpu": cpu,
            "cores": os.cpu_count(), "memory": mem}


def _table(result: dict) -> list[tuple]:
    """(measure, value, detail, budget, met: True/False/None) rows."""
    T = TARGETS
    rows = []
    floor_total = result.get("floor_total_s")
    if "cold_build_s" in result:
        rows.append(("cold build", f"{result['cold_build_s']:.1f} s",
                     f"{result['cold_over_floor']:.2f} x floor ({floor_total:.1f} s)",
                     f"<= {T['cold_over_floor']} x floor", result["cold_over_floor"] <= T["cold_over_floor"]))
    if floor_total is not None:
        for name, secs in result["floor_s"].items():
            rows.append((f"  floor {name}", f"{secs:.1f} s", "", "", None))
    if "warm_build_s" in result:
        rows.append(("warm rebuild, one notebook edited", f"{result['warm_build_s']:.1f} s", EDITED,
                     f"<= {T['warm_build_s']} s", result["warm_build_s"] <= T["warm_build_s"]))
    if "noop_build_s" in result:
        rows.append(("rebuild, nothing changed", f"{result['noop_build_s']:.1f} s", "", "", None))
    if "editions_build_s" in result:
        rows.append(("zh_CN, ko and ja editions built", f"{result['editions_build_s']:.1f} s",
                     "tools/editions.py build all, after the English build", "", None))
    if "nbval_s" in result:
        rows.append(("nbval", f"{result['nbval_s']:.1f} s", "", f"<= {T['nbval_s']} s",
                     result["nbval_s"] <= T["nbval_s"]))
    weights = result["page_html_bytes"]
    over = sorted((p for p, b in weights.items() if b / 1024 > T["page_html_kb"]), key=weights.get, reverse=True)
    heaviest = max(weights, key=weights.get)
    rows.append(("heaviest page HTML", f"{weights[heaviest] / 1024:.0f} KB", heaviest,
                 f"<= {T['page_html_kb']:.0f} KB", not over))
    for page in over:
        rows.append(("  over budget", f"{weights[page] / 1024:.0f} KB", page, "", None))
    sizes = result["site_bytes"]
    rows.append(("English site (instructor, as published)", f"{sizes['english_site'] / 2**20:.1f} MB",
                 f"{len(weights)} pages; build folder {sizes['build_folder'] / 2**20:.1f} MB",
                 f"<= {T['site_mb']:.0f} MB", sizes["english_site"] / 2**20 <= T["site_mb"]))
    if sizes.get("english_pdfs"):
        rows.append(("  print edition (English PDFs, downloads)", f"{sizes['english_pdfs'] / 2**20:.1f} MB",
                     "book + chapters in _pdf/, linked, not loaded by any page", "", None))
    if "assembled_both_editions" in sizes:
        rows.append(("  _build/site, both editions", f"{sizes['assembled_both_editions'] / 2**20:.1f} MB", "", "", None))
    for page, charts in result.get("chart_marks", {}).items():
        worst = max(charts, key=lambda c: c["marks_ms"])
        slowest_drawn = max(charts, key=lambda c: c["drawn_ms"])
        n_view = sum(c["in_view"] for c in charts)
        rows.append((f"chart marks {page.rsplit('/', 1)[-1]}", f"{worst['marks_ms']:.0f} ms",
                     f"slowest of {len(charts)} (#{worst['chart']}, {'in view' if worst['in_view'] else 'scrolled to'}; "
                     f"{n_view} in view at load)",
                     f"<= {T['chart_marks_ms']:.0f} ms", worst["marks_ms"] <= T["chart_marks_ms"]))
        rows.append(("  interactive view drawn", f"{slowest_drawn['drawn_ms']:.0f} ms",
                     f"slowest (#{slowest_drawn['chart']}), same origin of time", "", None))
        rows.append(("  page readable (DOMContentLoaded done)", f"{charts[0]['ready_ms']:.0f} ms",
                     "since navigation start: no scrolling before", "", None))
        rows.append(("  last chart's marks", f"{max(c['marks_since_nav_ms'] for c in charts):.0f} ms",
                     "since navigation start", "", None))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-cold", action="store_true", help="reuse the existing _build (no cold build)")
    parser.add_argument("--skip-build", action="store_true",
                        help="no builds, floor or nbval: sizes and charts of the current _build only")
    parser.add_argument("--loads", type=int, default=LOADS, help=f"loads per page (median; default {LOADS})")
    parser.add_argument("--pages", nargs="*", default=CHART_PAGES, help="chart pages to time")
    args = parser.parse_args()

    result: dict = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
                    "targets": TARGETS, "cpu_throttle": CPU_THROTTLE, "loads": args.loads}
    if not args.skip_build:
        if args.skip_cold:
            build()  # bring _build up to date, so the next build measures a rebuild with nothing changed
        else:
            shutil.rmtree(ROOT / "_build", ignore_errors=True)
            result["cold_build_s"] = build()
        result["noop_build_s"] = build()
        result["warm_build_s"] = warm_after_edit()
        result["editions_build_s"] = _timed([sys.executable, str(ROOT / "tools" / "editions.py"), "build", "all"])
        result["nbval_s"] = nbval()
        result["floor_s"] = floor()
        result["floor_total_s"] = sum(result["floor_s"].values())
        if "cold_build_s" in result:
            result["cold_over_floor"] = result["cold_build_s"] / result["floor_total_s"]
    result["page_html_bytes"] = page_weights()
    result["site_bytes"] = site_size()
    result["chart_marks"] = chart_times(args.pages, loads=args.loads)

    rows = _table(result)
    lines = [f"Benchmark, {result['when']} on {result['machine']['cpu']} ({result['machine']['cores']} cores); "
             f"charts: CPU throttled {CPU_THROTTLE}x, median of {args.loads} loads", "",
             f"{'measure':42} {'value':>10}  {'detail':58} {'budget':>16}  met"]
    for name, value, detail, target, ok in rows:
        mark = "" if ok is None else ("yes" if ok else "NO")
        lines.append(f"{name:42} {value:>10}  {detail:58} {target:>16}  {mark}")
    verdicts = [ok for *_, ok in rows if ok is not None]
    lines += ["", f"{sum(verdicts)} of {len(verdicts)} budgets met"]
    result["budgets_met"] = all(verdicts)
    print("\n" + "\n".join(lines))
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = result["when"].replace(":", "")
    (out_dir / f"{stem}.json").write_text(json.dumps(result, indent=2) + "\n")
    (out_dir / f"{stem}.txt").write_text("\n".join(lines) + "\n")
    print(f"\nsaved {(out_dir / stem).relative_to(ROOT)}.json and .txt")


if __name__ == "__main__":
    main()
