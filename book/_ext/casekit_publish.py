"""Sphinx extension: what a published site needs on every page.

* the canonical URL (Sphinx, from ``html_baseurl``) and the sitemap
  (``sphinx-sitemap``) use the one base-URL setting, ``html.baseurl`` in
  ``_config.yml``; the student edition lives under ``student/`` of it, and a localized
  edition under ``<lang>/`` (its student edition under ``<lang>/student/``);
* OpenGraph and Twitter card tags (``sphinxext-opengraph``: title,
  description, URL) plus an image: a page's first chart, rendered to JPEG at
  build time with vl-convert (no browser, no network), or, for the pages with
  no chart, one card of the book's title shared by all of them. Images are cached by the hash of what they
  draw, so a warm build renders nothing. JPEG, not PNG: a third of the bytes
  for these flat pictures, and every card reader takes it.
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
_SPEC_FILE = re.compile(r'<div class="casekit-vega"[^>]*\sdata-spec="(?:\.\./)*([^"]+)"')
_IMAGE = {"width": 1200, "height": 630}
JPEG_QUALITY = 72


def _config_inited(app, config):
    edition = getattr(config, "casekit_edition", "instructor")
    base = (config.html_baseurl or "").rstrip("/") + "/"
    lang = config.language or "en"
    if lang != "en" and not base.endswith(f"/{lang}/") and not base.endswith(f"/{lang}/student/"):
        base += f"{lang}/"  # a localized edition (casekit_i18n.py) lives under /<lang>/
    if edition == "student" and not base.endswith("/student/"):
        base += "student/"
    config.html_baseurl = base
    config.ogp_site_url = base
    config.ogp_site_name = config.html_title or config.project
    config.sitemap_url_scheme = "{link}"


#: The card of every page with no chart: the book's title over this line.
BOOK_CARD = f"{OG_DIR}/book.jpg"
CARD_LINE = "An executable book of case studies in Python"


def _image_name(pagename: str) -> str:
    return f"{OG_DIR}/{pagename.replace('/', '--')}.jpg"


def _has_chart(body: str) -> bool:
    return bool(_SPEC.search(body) or _SPEC_FILE.search(body))


def _page_context(app, pagename, templatename, context, doctree):
    """Add the page's image to its card (after sphinxext-opengraph's own tags)."""
    if app.builder.format != "html" or doctree is None:
        return
    image = _image_name(pagename) if _has_chart(context.get("body") or "") else BOOK_CARD
    url = app.config.html_baseurl + image
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
    key = hashlib.sha256(f"{JPEG_QUALITY}|{json.dumps(spec, sort_keys=True)}".encode("utf-8")).hexdigest()[:20]
    cached = cache / f"{key}.jpg"
    if not cached.exists():
        import vl_convert

        cache.mkdir(parents=True, exist_ok=True)
        if "/schema/vega/" in spec.get("$schema", ""):  # compiled at build time (casekit_charts.py)
            image = vl_convert.vega_to_jpeg(spec, scale=1, quality=JPEG_QUALITY)
        else:
            image = vl_convert.vegalite_to_jpeg(spec, scale=1, quality=JPEG_QUALITY)
        cached.write_bytes(image)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)


def _chart_card(spec: dict) -> dict:
    """The page's first chart, on a white card of the share-image size."""
    spec = dict(spec)
    spec["background"] = "white"
    spec["padding"] = 30
    return spec


def _first_spec(page: str, out: Path) -> dict | None:
    """The page's first chart spec: in the page, or in its file (``casekit_charts``)."""
    inline, linked = _SPEC.search(page), _SPEC_FILE.search(page)
    if linked and (not inline or linked.start() < inline.start()):
        from casekit_charts import read_spec_script

        path = out / linked.group(1)
        return read_spec_script(path.read_text(encoding="utf-8")) if path.exists() else None
    if inline:
        return json.loads(inline.group(1).replace("<\\/", "</"))
    return None


def _build_finished(app, exception):
    """Render the share images: each chart page's first chart, and the book's card."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    cache = Path(app.outdir).parent / ".og-cache"
    for pagename in sorted(app.env.found_docs):
        page = out / f"{pagename}.html"
        if not page.exists():
            continue
        spec = _first_spec(page.read_text(encoding="utf-8"), out)
        if spec is None:
            continue
        try:
            _render(_chart_card(spec), out / _image_name(pagename), cache)
        except Exception:  # a chart vl-convert cannot draw: the book's card stands in
            _render(_title_card(_book(app), CARD_LINE), out / _image_name(pagename), cache)
    _render(_title_card(_book(app), CARD_LINE), out / BOOK_CARD, cache)


def setup(app):
    # Names this module's output: when it changes, Sphinx writes every page again.
    app.add_config_value("casekit_publish_format", "2-cards", "html")
    app.connect("config-inited", _config_inited, priority=900)  # after casekit_course's edition
    app.connect("html-page-context", _page_context, priority=900)  # after sphinxext-opengraph
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}
