"""Benchmark of the book: build, tests and pages, against the targets of the
site-quality issue. A benchmark, not a test: it measures and reports, it does
not fail the test command.

    make bench            # or: .venv/bin/python tools/bench.py [--skip-cold]

Measures
  cold build      rm -rf _build, then a full build (every notebook executed)
  warm rebuild    the same build again, nothing changed
  nbval           pytest --nbval over notebooks/
  floor           every notebook executed bare with nbclient, summed
  page weight     each page's own HTML (bytes) and the whole site's size
  charts drawn    time from navigation start until every chart on a page has drawn,
                  in headless Debian Chromium

Prints a table and writes bench/results/<UTC time>.json with the machine described.
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
    "page_html_kb": 300.0,
    "charts_drawn_ms": 1000.0,
}


def _timed(cmd: list[str]) -> float:
    env = dict(os.environ, CASEKIT_CHARTS="book")
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def build() -> float:
    return _timed([str(BIN / "jupyter-book"), "build", ".", "--builder", "html", "-W", "-n", "--keep-going"])


def nbval() -> float:
    return _timed([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "notebooks"])


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


def site_size() -> int:
    return sum(p.stat().st_size for p in HTML.rglob("*") if p.is_file())


def chart_times(pages: list[str]) -> dict[str, float]:
    """Milliseconds from navigation start until every chart on the page has drawn."""
    from localsite import CHROMIUM_ARGS, find_chromium, serve
    from playwright.sync_api import sync_playwright

    out = {}
    chromium = find_chromium()  # before Playwright starts: the lookup may start Playwright itself
    with serve(HTML) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for page_path in pages:
            page = browser.new_page()
            page.goto(f"{base}/{page_path}")
            page.wait_for_function(
                "() => [...document.querySelectorAll('figure.casekit-chart')]"
                ".every(f => f.dataset.drawn === 'yes' || f.dataset.drawn === 'error')",
                polling="raf", timeout=30_000)
            out[page_path] = page.evaluate("performance.now()")
            page.close()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-cold", action="store_true", help="reuse the existing _build (no cold build)")
    args = parser.parse_args()

    result: dict = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
                    "targets": TARGETS}
    if args.skip_cold:
        build()  # bring _build up to date, so the next build measures a rebuild with nothing changed
    else:
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
        result["cold_build_s"] = build()
    result["warm_build_s"] = build()
    result["nbval_s"] = nbval()
    result["floor_s"] = floor()
    floor_total = sum(result["floor_s"].values())
    result["floor_total_s"] = floor_total
    if "cold_build_s" in result:
        result["cold_over_floor"] = result["cold_build_s"] / floor_total
    weights = page_weights()
    result["page_html_bytes"] = weights
    result["site_bytes"] = site_size()
    chart_pages = [p for p in weights if "casekit-chart" in (HTML / p).read_text(encoding="utf-8")]
    result["charts_drawn_ms"] = chart_times(chart_pages)

    rows = []
    if "cold_build_s" in result:
        rows.append(("cold build", f"{result['cold_build_s']:.1f} s",
                     f"{result['cold_over_floor']:.2f} x floor ({floor_total:.1f} s)",
                     f"<= {TARGETS['cold_over_floor']} x floor", result["cold_over_floor"] <= TARGETS["cold_over_floor"]))
    rows.append(("warm rebuild", f"{result['warm_build_s']:.1f} s", "", f"<= {TARGETS['warm_build_s']} s",
                 result["warm_build_s"] <= TARGETS["warm_build_s"]))
    rows.append(("nbval", f"{result['nbval_s']:.1f} s", "", f"<= {TARGETS['nbval_s']} s",
                 result["nbval_s"] <= TARGETS["nbval_s"]))
    for name, secs in result["floor_s"].items():
        rows.append((f"  floor {name}", f"{secs:.1f} s", "", "", None))
    heaviest = max(weights, key=weights.get)
    rows.append(("heaviest page HTML", f"{weights[heaviest] / 1024:.0f} KB", heaviest,
                 f"<= {TARGETS['page_html_kb']:.0f} KB", weights[heaviest] / 1024 <= TARGETS["page_html_kb"]))
    rows.append(("whole site", f"{result['site_bytes'] / 1024 / 1024:.1f} MB", f"{len(weights)} pages", "", None))
    for page, ms in result["charts_drawn_ms"].items():
        rows.append((f"  charts drawn {page}", f"{ms:.0f} ms", "", f"<= {TARGETS['charts_drawn_ms']:.0f} ms",
                     ms <= TARGETS["charts_drawn_ms"]))

    print(f"\nBenchmark, {result['when']} on {result['machine']['cpu']} ({result['machine']['cores']} cores)\n")
    print(f"{'measure':42} {'value':>10}  {'detail':42} {'target':>16}  ok")
    for name, value, detail, target, ok in rows:
        mark = "" if ok is None else ("yes" if ok else "NO")
        print(f"{name:42} {value:>10}  {detail:42} {target:>16}  {mark}")
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{result['when'].replace(':', '')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nsaved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
