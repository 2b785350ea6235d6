"""Sphinx extension: what a published site needs on every page.

* the canonical URL (Sphinx, from ``html_baseurl``) and the sitemap
  (``sphinx-sitemap``) use the one base-URL setting, ``html.baseurl`` in
  ``_config.yml``; the student edition lives under ``student/`` of it;
* OpenGraph and Twitter card tags (``sphinxext-opengraph``: title,
  description, URL) plus an image per page: the page's first chart, rendered
  to PNG at build time with vl-convert (no browser, no network), or a title
  card for a page with no chart. Images are cached by the hash of what they
  draw, so a warm build renders nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

OG_DIR = "_static/og"
_SPEC = re.compile(r'<script type="application/json" class="casekit-spec">(.*?)</script>', re.S)
_IMAGE = {"width": 1200, "height": 630}


def _config_inited(app, config):
    edition = getattr(config, "casekit_edition", "instructor")
    base = (config.html_baseurl or "").rstrip("/") + "/"
    if edition == "student" and not base.endswith("/student/"):
        base += "student/"
    config.html_baseurl = base
    config.ogp_site_url = base
    config.ogp_site_name = config.html_title or config.project
    config.sitemap_url_scheme = "{link}"


def _image_name(pagename: str) -> str:
    return f"{OG_DIR}/{pagename.replace('/', '--')}.png"


def _page_context(app, pagename, templatename, context, doctree):
    """Add the page's image to its card (after sphinxext-opengraph's own tags)."""
    if app.builder.format != "html" or doctree is None:
        return
    url = app.config.html_baseurl + _image_name(pagename)
    alt = f"{context.get('title') or ''} - {_book(app)}".strip(" -")
    tags = (
        f'<meta property="og:image" content="{url}" />\n'
        f'<meta property="og:image:alt" content="{html.escape(_plain(alt))}" />\n'
        '<meta name="twitter:card" content="summary_large_image" />\n'
        f'<meta name="twitter:image" content="{url}" />\n'
    )
    context["metatags"] = context.get("metatags", "") + tags


def _book(app) -> str:
    return app.config.html_title or app.config.project


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", html.unescape(text or ""))


def _title_card(title: str, book: str) -> dict:
    """A Vega-Lite spec drawing the page title on the book's colours."""
    lines = []
    for word in _plain(title).split():
        if lines and len(lines[-1]) + len(word) < 34:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": _IMAGE["width"], "height": _IMAGE["height"], "padding": 0,
        "background": "#0b3d5c",
        "data": {"values": [{"y": i, "t": t} for i, t in enumerate(lines[:4])] + [{"y": 6, "t": book}]},
        "mark": {"type": "text", "align": "left", "x": 70, "fontSize": 56, "fontWeight": 600, "color": "white"},
        "encoding": {
            "y": {"field": "y", "type": "quantitative", "axis": None,
                  "scale": {"domain": [-1, 7], "reverse": True}},
            "text": {"field": "t"},
            "size": {"condition": {"test": "datum.y == 6", "value": 28}, "value": 56},
        },
        "config": {"view": {"stroke": None}},
    }


def _render(spec: dict, target: Path, cache: Path) -> None:
    key = hashlib.sha256(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()[:20]
    cached = cache / f"{key}.png"
    if not cached.exists():
        import vl_convert

        cache.mkdir(parents=True, exist_ok=True)
        if "/schema/vega/" in spec.get("$schema", ""):  # compiled at build time (casekit_charts.py)
            png = vl_convert.vega_to_png(spec, scale=1)
        else:
            png = vl_convert.vegalite_to_png(spec, scale=1)
        cached.write_bytes(png)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)


def _chart_card(spec: dict) -> dict:
    """The page's first chart, on a white card of the share-image size."""
    spec = dict(spec)
    spec["background"] = "white"
    spec["padding"] = 30
    return spec


def _build_finished(app, exception):
    """Render every page's share image (its first chart, else a title card)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    cache = Path(app.outdir).parent / ".og-cache"
    for pagename in sorted(app.env.found_docs):
        page = out / f"{pagename}.html"
        if not page.exists():
            continue
        title = app.env.titles[pagename].astext() if pagename in app.env.titles else _book(app)
        target = out / _image_name(pagename)
        match = _SPEC.search(page.read_text(encoding="utf-8"))
        if match:
            try:
                _render(_chart_card(json.loads(match.group(1).replace("<\\/", "</"))), target, cache)
                continue
            except Exception:  # a chart vl-convert cannot draw: fall back to the title card
                pass
        _render(_title_card(title, _book(app)), target, cache)


def setup(app):
    app.connect("config-inited", _config_inited, priority=900)  # after casekit_course's edition
    app.connect("html-page-context", _page_context, priority=900)  # after sphinxext-opengraph
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}
