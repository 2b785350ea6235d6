"""Fixtures for the checks of the built site: a local web server over
_build/html and headless Debian Chromium driven by Playwright (no browser
download, no network: anything that is not localhost is blocked and recorded).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
sys.path.insert(0, str(ROOT / "tools"))
from localsite import CHROMIUM_ARGS, find_chromium, serve  # noqa: E402


def built_pages() -> list[str]:
    """Every page of the book's last build, with Sphinx's search and index pages
    (not pages an earlier build left in _build/html: Sphinx never deletes them)."""
    if not (HTML / "index.html").exists():
        return []
    from publish import _docnames

    keep = _docnames(HTML) | {"search", "genindex"}
    return sorted(
        str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
        if p.relative_to(HTML).with_suffix("").as_posix() in keep
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

    def __init__(self, browser, url: str, color_scheme: str = "light"):
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
        self.page.goto(url, wait_until="load")

    def close(self):
        self.context.close()


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
