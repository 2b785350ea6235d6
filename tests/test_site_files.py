"""The assembled site carries only files its pages use, and MathJax only where there is maths.

Reads ``_build/site``, which ``make test`` assembles (``make site``) before running them.
``tools/publish.py assemble`` drops what no page references; these tests fail, listing
the files, when something unreferenced reaches the site anyway.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import publish  # noqa: E402
import vendor  # noqa: E402

SITE = ROOT / "_build" / "site"
MATHJAX = re.compile(r'<script[^>]*src="[^"]*vendor/mathjax/tex-chtml\.js')


def _pages() -> list[Path]:
    return sorted(p for p in SITE.rglob("*.html") if "_static" not in p.relative_to(SITE).parts)


def test_no_file_in_the_site_is_unreferenced():
    assert (SITE / "index.html").exists(), "no assembled site: run `make site`"
    unused = publish.unreferenced_files(SITE)
    assert not unused, f"{len(unused)} files no page references:\n" + "\n".join(unused)


def test_the_finder_follows_pages_styles_and_scripts(tmp_path):
    """A small site: what pages, style sheets and scripts reach is kept; the rest is listed."""
    base = publish.settings()["html.baseurl"]
    files = {
        "index.html": '<link href="_static/a.css" rel="stylesheet"><script src="_static/lib/x.js?v=1"></script>'
                      f'<meta property="og:image" content="{base}_static/og/index.png">'
                      '<a href="book/p.html#top">p</a><a href="https://example.org/">out</a>',
        "book/p.html": '<img src="../_static/pic.svg"><a href="../_sources/book/p.md">source</a>',
        "_sources/book/p.md": "# p",
        "_static/a.css": '@import "b.css"; body { background: url("img/bg.png"); }',
        "_static/b.css": "",
        "_static/img/bg.png": "png",
        "_static/lib/x.js": 'load("%%URL%%/font-1.woff"); var m = "x.min.js.map";',
        "_static/lib/fonts/font-1.woff": "woff",
        "_static/lib/fonts/font-2.woff": "woff",  # named by no script
        "_static/lib/LICENSE": "licence",  # travels with the code it covers
        "_static/pic.svg": "<svg/>",
        "_static/og/index.png": "png",
        "_static/og/gone.png": "png",
        "_static/scripts/theme.js.map": "{}",
        "_static/locales/fr/LC_MESSAGES/booktheme.mo": "mo",
        "searchindex.js": "Search.setIndex({})",
        "robots.txt": "",
        ".nojekyll": "",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    assert publish.unreferenced_files(tmp_path) == [
        "_static/lib/fonts/font-2.woff", "_static/locales/fr/LC_MESSAGES/booktheme.mo",
        "_static/og/gone.png", "_static/scripts/theme.js.map",
    ]
    count, _ = publish.drop_unreferenced(tmp_path)
    assert count == 4 and publish.unreferenced_files(tmp_path) == []
    assert not (tmp_path / "_static" / "locales").exists(), "emptied folders go too"


def test_mathjax_is_loaded_by_the_pages_with_maths_and_by_no_other():
    pages = _pages()
    with_maths = [p for p in pages if 'class="math' in p.read_text(encoding="utf-8")]
    assert with_maths, "the book has maths (notebooks/02-drivers); none found"
    wrong = [p.relative_to(SITE).as_posix() for p in pages
             if bool(MATHJAX.search(p.read_text(encoding="utf-8"))) != (p in with_maths)]
    assert not wrong, f"MathJax loaded without maths, or maths without MathJax: {wrong}"


def test_only_the_mathjax_component_the_book_uses_is_served():
    for edition in (SITE, SITE / "student"):
        served = sorted(p.relative_to(edition / "_static/vendor/mathjax").as_posix()
                        for p in (edition / "_static/vendor/mathjax").rglob("*") if p.is_file())
        assert "tex-chtml.js" in served and "LICENSE" in served
        assert all(any(s.startswith(prefix) for prefix in vendor.SHIP["mathjax"]) for s in served), served
        assert not any(s.startswith(("sre/", "a11y/", "ui/", "input/")) for s in served)
