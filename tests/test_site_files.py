"""The assembled site carries only files its pages use; maths is MathML, icons a font, code lean.

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

SITE = ROOT / "_build" / "site"


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


def test_maths_is_mathml_written_at_build_time_and_no_page_loads_a_maths_script():
    pages = _pages()
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    with_maths = [p for p, t in texts.items() if "<math " in t]
    assert len(with_maths) >= 3, "the book has maths (notebooks/02-drivers, 03, 04); no MathML found"
    drivers = texts[SITE / "notebooks" / "02-drivers.html"]
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"' in drivers
    assert "<msup><mi>N</mi><mn>2</mn></msup>" in drivers, "DEMATEL's powers of N are not MathML"
    fractions = [p.name for p in with_maths if re.search(r"<mfrac>.*?</mfrac>", texts[p], re.S)]
    assert len(fractions) >= 2, f"the Kogut-Singh index and AHP's consistency ratio are fractions: {fractions}"
    for page, text in texts.items():
        assert not re.search(r"<script[^>]*mathjax|window\.MathJax", text, re.I), f"{page.relative_to(SITE)} loads MathJax"
        prose = re.sub(r'<pre\b.*?</pre>|<code\b.*?</code>|alttext="[^"]*"', "", text.split("<body", 1)[-1], flags=re.S)
        if "notebooks" in page.parts:  # (the API pages show regular expressions, which look like TeX)
            assert not re.search(r"\\\(|\\\[", prose), f"{page.relative_to(SITE)}: TeX left unrendered"
        for math in re.findall(r"<math\b[^>]*>", text):
            assert "alttext=" in math, f"{page.relative_to(SITE)}: a formula without its TeX source: {math}"
    assert not list(SITE.rglob("*mathjax*")), "MathJax files in the site"


def test_pages_load_no_icon_script_and_the_icon_fonts_are_woff2_only():
    for page in _pages():
        assert "fontawesome.js" not in page.read_text(encoding="utf-8"), page.relative_to(SITE)
    for edition in (SITE, SITE / "student"):
        fonts = sorted(p.name for p in (edition / "_static" / "vendor" / "fontawesome").rglob("*") if p.is_file())
        assert fonts and all(f.endswith(".woff2") for f in fonts), fonts
        assert not (edition / "_static" / "scripts" / "fontawesome.js").exists()


def test_the_code_spans_left_out_are_drawn_in_the_code_blocks_own_colour():
    """casekit_lean.PLAIN_TOKENS: unwrapping them changes nothing a reader sees, in either colour mode."""
    import casekit_lean

    css = (SITE / "_static" / "pygments.css").read_text(encoding="utf-8")
    for mode in ("light", "dark"):
        base = re.search(rf'html\[data-theme="{mode}"\] \.highlight \{{[^}}]*color: (#\w+)', css).group(1)
        for token in casekit_lean.PLAIN_TOKENS:
            rule = re.search(rf'html\[data-theme="{mode}"\] \.highlight \.{token} \{{([^}}]*)\}}', css)
            assert rule, f"no {mode} rule for .{token}"
            assert rule.group(1).strip() == f"color: {base}", f"{mode} .{token} is styled: {rule.group(1)}"
    kpop = (SITE / "notebooks" / "08-kpop.html").read_text(encoding="utf-8")
    assert 'class="highlight' in kpop and '<span class="n">' not in kpop
