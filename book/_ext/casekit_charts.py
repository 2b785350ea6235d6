"""Sphinx extension: the book's charts compiled at build time.

casekit's chart renderer (``casekit.viz.charts.chart_html``) writes each chart
into the notebook's output as a Vega-Lite spec; ``nbval`` compares those outputs
byte for byte, and the same notebooks run in Jupyter, Binder and Colab, so the
stored outputs stay Vega-Lite. This step rewrites the *built page* instead: for
every ``<figure class="casekit-chart">`` in a page's body it

* compiles the Vega-Lite spec (with its theme ``config``) to a Vega spec with
  ``vl-convert`` - what vega-embed would do in the reader's browser with
  ``vegaLite.compile`` - so no page needs to load Vega-Lite's compiler
  (``vega-lite.min.js``, 250 KB of JavaScript to parse on every page);
* renders the chart's static SVG with ``vl-convert`` (the same Vega, run at
  build time), shown before the interactive view as the picture seen at first
  paint, by readers with JavaScript off, and in print; ``casekit.js`` swaps it
  for the interactive chart once that is drawn. The picture is an image named
  after the chart's title and described by the figure's caption; its marks'
  own ARIA labels, classes and links are dropped, its coordinates rounded to
  0.1 px and its font named once;
* moves the Vega spec and the picture out of the page into two files of the
  site, ``_charts/<digest>.js`` and ``_charts/<digest>.svg``: a page carries
  its prose, its text alternatives and data tables, and a chart's spec is
  loaded and parsed only when the chart comes near the viewport.

In a localized edition (``casekit_i18n.py``) the chart's words - title, subtitle, axis,
legend and tooltip titles, control labels, text alternative, source line, table captions -
are translated from the ``_charts`` catalog before compiling (data stay as published),
numbers and dates take the language's format locale, the edition's CJK font comes first
in the chart's font list, and the static picture stays in the page, where it can use the
fonts the site ships.

Results are cached on disk by the hash of the Vega-Lite spec (shared by all editions),
so a warm build compiles nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import tempfile
from pathlib import Path

#: The Vega-Lite version the book's charts are written for (Altair 6.3 targets 6.4).
VL_VERSION = "6.4"
#: Bump when the output of this module changes, to invalidate the cache.
FORMAT = "5"

_FIGURE = re.compile(r'<figure class="casekit-chart" id="fig-(?P<key>[\w-]+)">(?P<body>.*?)</figure>', re.S)
_SPEC = re.compile(r'(<script type="application/json" class="casekit-spec">)(.*?)(</script>)', re.S)
_HOLDER = '<div class="casekit-vega"'


# --- the static picture ----------------------------------------------------------

_GEOMETRY = ("d", "transform", "x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy", "r",
             "dx", "dy", "points", "stroke-width", "font-size")
_ATTR = re.compile(r'\s([\w:-]+)="([^"]*)"')
_NUMBER = re.compile(r"-?\d+\.\d+(?:e-?\d+)?")
_RGB = re.compile(r"rgb\((\d+),\s*(\d+),\s*(\d+)\)")
_DROP = {"aria-label", "aria-roledescription", "aria-hidden", "role", "class", "pointer-events"}


def _round(match: re.Match) -> str:
    text = f"{float(match.group(0)):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def compact_svg(svg: str, key: str, label: str, described_by: str | None = None) -> str:
    """A static SVG from vl-convert made small and quiet for a page.

    Marks lose their ARIA labels, roles, classes and links (the picture is one
    image: the figure's caption describes it and its data table lists the
    values); geometry is rounded to 0.1 px; ids are made unique to the chart
    (two charts on a page must not share a clip path); the font stack, which
    Vega writes on every text element, is written once on the root.

    >>> compact_svg('<svg class="marks" width="10.25" height="5"><a xlink:href="u"><path role="x" '
    ...             'aria-label="v: 1.23456" d="M0.123,1.987L3,4" fill="rgb(255, 0, 16)" clip-path="url(#clip1)"/></a>'
    ...             '<clipPath id="clip1"/><text font-family="A, &quot;B&quot;" opacity="1">2.345</text></svg>',
    ...             "k1", "A chart", "cap-k1")
    '<svg width="10.2" height="5" role="img" aria-label="A chart" aria-describedby="cap-k1" focusable="false" font-family="A, &quot;B&quot;"><path d="M0.1,2L3,4" fill="#ff0010" clip-path="url(#k1-clip1)"/><clipPath id="k1-clip1"/><text>2.345</text></svg>'
    """
    svg = re.sub(r"</?a\b[^>]*>", "", svg)  # links: the interactive chart has them
    fonts = set(re.findall(r'\sfont-family="([^"]*)"', svg))
    font = max(fonts, key=lambda f: svg.count(f'font-family="{f}"')) if fonts else None

    def attrs(tag: re.Match) -> str:
        name, rest, close = tag.group(1), tag.group(2), tag.group(3)
        out = []
        for a in _ATTR.finditer(rest):
            attr, value = a.group(1), a.group(2)
            if attr in _DROP or (attr == "opacity" and value == "1"):
                continue
            if attr == "font-family" and value == font:
                continue
            if name == "svg" and attr in ("version", "xmlns:xlink", "xmlns"):
                continue
            if attr in _GEOMETRY or attr == "viewBox":
                value = _NUMBER.sub(_round, value)
            elif attr in ("fill", "stroke", "stop-color"):
                value = _RGB.sub(lambda m: "#%02x%02x%02x" % tuple(int(g) for g in m.groups()), value)
            if attr == "id" or attr.endswith("href"):
                value = re.sub(r"^(#?)(.+)$", rf"\g<1>{key}-\g<2>", value)
            elif "url(#" in value:
                value = value.replace("url(#", f"url(#{key}-")
            out.append(f' {attr}="{value}"')
        if name == "svg":
            out.append(f' role="img" aria-label="{html.escape(label)}"')
            if described_by:
                out.append(f' aria-describedby="{described_by}"')
            out.append(' focusable="false"')
            if font:
                out.append(f' font-family="{font}"')
        return f"<{name}{''.join(out)}{close}"

    return re.sub(r"<([\w:]+)((?:\s[\w:-]+=\"[^\"]*\")*)\s*(/?>)", attrs, svg)


def with_room(svg: str, share: float = 0.05, extra: float = 8) -> str:
    """The picture widened on the right: its text was measured at build time, and the
    reader's font may be wider (an image cannot let text overflow as inline SVG can).

    >>> with_room('<svg width="100" height="50" viewBox="0 0 100 50"><path/></svg>')
    '<svg width="113" height="50" viewBox="0 0 113 50"><path/></svg>'
    """
    root = re.match(r"<svg\b[^>]*>", svg)
    width = re.search(r'\swidth="([\d.]+)"', root.group(0)) if root else None
    if not width:
        return svg
    old = float(width.group(1))
    new = f"{round(old * (1 + share) + extra)}"
    head = re.sub(r'(\swidth=")[\d.]+"', rf'\g<1>{new}"', root.group(0), count=1)
    head = re.sub(r'(\sviewBox="[-\d.]+ [-\d.]+ )[\d.]+', rf"\g<1>{new}", head, count=1)
    return head + svg[root.end():]


# --- compiling, with a cache ---------------------------------------------------------


def _title(spec: dict) -> str:
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(title)
    return str(title) or "Chart"


def compile_chart(spec: dict, key: str, cache: Path | None = None,
                  locale: tuple[dict | None, dict | None] = (None, None)) -> tuple[str, str, str]:
    """The chart's Vega spec (JSON text), its static SVG and a digest naming both, from its
    Vega-Lite spec; ``locale``: d3 number and time format locales for the picture (None: English)."""
    import vl_convert

    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    where = json.dumps(locale, sort_keys=True, ensure_ascii=False) if any(locale) else ""
    digest = hashlib.sha256(
        f"{FORMAT}|{vl_convert.__version__}|{VL_VERSION}|{key}|{where}|{text}".encode("utf-8")
    ).hexdigest()[:24]
    cached = cache / f"{digest}.json" if cache is not None else None
    if cached is not None and cached.exists():
        try:
            hit = json.loads(cached.read_text(encoding="utf-8"))
            return hit["vega"], hit["svg"], digest
        except (ValueError, KeyError):
            pass
    vega = vl_convert.vegalite_to_vega(spec, vl_version=VL_VERSION)
    vega_text = json.dumps(vega, ensure_ascii=False, separators=(",", ":"))
    number, time = locale
    svg = compact_svg(vl_convert.vega_to_svg(vega, format_locale=number, time_format_locale=time), key, _title(spec))
    svg = with_room(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))  # a file of its own
    if cached is not None:
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"vega": vega_text, "svg": svg}, out, ensure_ascii=False)
        os.replace(tmp, cached)  # atomic: both editions may build at once
    return vega_text, svg, digest


#: Where the charts' files go in the built site.
CHARTS_DIR = "_charts"
#: A chart's spec file is a script (script elements load from file:// too, unlike fetch):
#: it files the spec under its digest in ``window.casekitSpecs``.
_SPEC_FILE = '(window.casekitSpecs = window.casekitSpecs || {})["{digest}"] = '


def spec_script(vega_text: str, digest: str) -> str:
    """The text of a chart's spec file."""
    return _SPEC_FILE.replace("{digest}", digest) + vega_text + ";\n"


def read_spec_script(text: str) -> dict:
    """The Vega spec a spec file holds (the inverse of :func:`spec_script`).

    >>> read_spec_script(spec_script('{"a":1}', "d1"))
    {'a': 1}
    """
    start = text.index("] = ") + len("] = ")
    return json.loads(text[start:text.rindex(";")])


def _write(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(tmp, 0o644)  # a file of the site: readable by the web server (mkstemp makes it private)
    os.replace(tmp, path)


def _size(svg: str) -> str:
    root = re.match(r"<svg\b[^>]*>", svg)
    dims = dict(re.findall(r'\s(width|height)="([\d.]+)"', root.group(0))) if root else {}
    return "".join(f' {k}="{round(float(v))}"' for k, v in sorted(dims.items(), reverse=True))


#: The words casekit's chart renderer puts around every chart (casekit.viz.charts.chart_html).
FIGURE_WORDS = ("Source:", "Data table:", "Data for:", "part",
                "rows: the table is built from the chart's data when you open it.",
                "Showing a table this long needs JavaScript.")


def translate_spec(spec: dict, tr) -> dict:
    """A Vega-Lite spec with the words a reader sees translated by ``tr``: title and subtitle,
    the text alternative, axis, legend and tooltip titles, control labels. Data stay as they are.

    >>> translate_spec({"title": {"text": "Sales"}, "encoding": {"x": {"title": "Year"}},
    ...                 "datasets": {"d": [{"title": "Sales"}]}}, {"Sales": "売上", "Year": "年"}.get)
    {'title': {'text': '売上'}, 'encoding': {'x': {'title': '年'}}, 'datasets': {'d': [{'title': 'Sales'}]}}
    """
    def t(value):
        if isinstance(value, list):
            return [t(v) for v in value]
        return (tr(value) or value) if isinstance(value, str) else value

    def walk(node, top=False):
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k in ("datasets", "data", "config") or (k == "$schema"):
                    out[k] = v
                elif k == "title" and isinstance(v, (str, list)):
                    out[k] = t(v)
                elif k == "title" and isinstance(v, dict):
                    out[k] = {**v, **{f: t(v[f]) for f in ("text", "subtitle") if f in v}}
                elif top and k == "description":
                    out[k] = t(v)
                elif k == "bind" and isinstance(v, dict) and "name" in v:
                    out[k] = {**v, "name": t(v["name"])}
                else:
                    out[k] = walk(v)
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(spec, top=True)


def translate_figure(inner: str, tr) -> str:
    """A figure's own words (caption, source line, table captions) translated by ``tr``."""
    def alt(m):
        return m.group(1) + html.escape(tr(html.unescape(m.group(2))) or html.unescape(m.group(2)), quote=False) + m.group(3)

    inner = re.sub(r'(<span class="casekit-alt visually-hidden">)(.*?)(</span>)', alt, inner, flags=re.S)

    def source(m):
        text = html.unescape(m.group(2)).removeprefix("Source: ")
        label = tr("Source:") or "Source:"
        sep = "" if label.endswith("：") else " "
        return f'{m.group(1)}{html.escape(label, quote=False)}{sep}{html.escape(tr(text) or text, quote=False)}{m.group(3)}'


    inner = re.sub(r'(<span class="casekit-source">)(.*?)(</span>)', source, inner, flags=re.S)
    def labelled(m):  # "Data table: <title>", "Data for: <title> (part 2)": the label and the title
        label, title, part = m.group(2), html.unescape(m.group(3)), m.group(4) or ""
        if part and tr("part"):
            part = re.sub(r"part", tr("part"), part)
        label = tr(label) or label
        sep = "" if label.endswith("：") else " "
        return (m.group(1) + html.escape(label, quote=m.group(1).endswith('"')) + sep
                + html.escape(tr(title) or title, quote=m.group(1).endswith('"')) + part + m.group(5))

    inner = re.sub(r'(<summary>|aria-label="|<caption>|data-caption=")(Data table:|Data for:) (.*?)( \(part \d+\))?(</summary>|"|</caption>)',
                   labelled, inner)
    for word in FIGURE_WORDS[4:]:
        translated = tr(word)
        if translated and translated != word:
            for quote in (False, True):
                inner = inner.replace(html.escape(word, quote=quote), html.escape(translated, quote=quote))
    return inner


def compile_figures(body: str, cache: Path | None = None, outdir: Path | None = None,
                    url=lambda name: name, tr=None, locale: tuple[dict | None, dict | None] = (None, None),
                    font: str | None = None) -> str:
    """Every casekit figure in a page body, compiled, with its static picture.

    The figure keeps its text alternative and data table; its Vega spec and its
    static SVG become two files of the site (``_charts/<digest>.js`` and
    ``.svg``, written into ``outdir``), which ``url`` turns into links from the
    page: the picture is an ``<img>`` named after the chart and described by the
    figure's caption, and the holder of the interactive view names the spec file
    (``data-spec``), which ``casekit.js`` loads when the chart comes near the
    viewport. Pages stay light, and a spec is parsed only when it is drawn.
    """

    def figure(m: re.Match) -> str:
        key, inner = m.group("key"), m.group("body")
        spec_match = _SPEC.search(inner)
        if not spec_match or _HOLDER not in inner:
            return m.group(0)
        spec = json.loads(spec_match.group(2).replace("<\\/", "</"))
        if "/schema/vega/" in spec.get("$schema", ""):
            return m.group(0)  # already a Vega spec
        inner = inner[: spec_match.start()] + inner[spec_match.end():]  # the spec goes to a file of its own
        if tr is not None:
            spec = translate_spec(spec, tr)
            inner = translate_figure(inner, tr)
        if font:  # the edition's CJK font first, so that Vega measures the words in it
            config = dict(spec.get("config") or {})
            config["font"] = f'"{font}", ' + str(config.get("font") or "sans-serif")
            spec = {**spec, "config": config}
        vega, svg, digest = compile_chart(spec, key, cache, locale)
        if outdir is not None:
            _write(Path(outdir) / CHARTS_DIR / f"{digest}.js", spec_script(vega, digest))
            _write(Path(outdir) / CHARTS_DIR / f"{digest}.svg", svg)
        js, picture = url(f"{CHARTS_DIR}/{digest}.js"), url(f"{CHARTS_DIR}/{digest}.svg")
        if any(locale):
            # a localized edition: the picture in the page, so that its text is drawn with the
            # CJK fonts the site ships (an <img> can use only the reader's own fonts)
            still = '<div class="casekit-static">' + svg.replace(
                "<svg ", f'<svg aria-describedby="cap-{key}" ', 1) + "</div>"
        else:
            still = (f'<img class="casekit-static" src="{html.escape(picture)}" alt="{html.escape(_title(spec))}" '
                     f'aria-describedby="cap-{key}"{_size(svg)} decoding="async">')
        inner = inner.replace(_HOLDER, f'{still}{_HOLDER} data-spec="{html.escape(js)}"', 1)
        return f'<figure class="casekit-chart" id="fig-{key}">{inner}</figure>'

    return _FIGURE.sub(figure, body)


def cache_dir(app) -> Path:
    """Shared by the instructor and student builds, like the execution cache."""
    return Path(app.srcdir) / "_build" / ".chart-cache"


def _page_context(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if app.builder.format == "html" and isinstance(body, str) and "casekit-spec" in body:
        from casekit_i18n import FONTS, chart_translator, d3_locale

        pathto = context["pathto"]
        lang = app.config.language
        tr = chart_translator(app.srcdir, lang) if lang and lang != "en" else None
        context["body"] = compile_figures(body, cache_dir(app), Path(app.outdir), lambda name: pathto(name, 1),
                                          tr, d3_locale(lang), FONTS.get(lang))


def setup(app):
    # A config value (with its default) that names this module's output: when it changes,
    # Sphinx's build info changes and every page is written again (a build that only
    # changed this module would otherwise leave the old pages in place).
    app.add_config_value("casekit_charts_format", f"{FORMAT}/vl{VL_VERSION}", "html")
    app.connect("html-page-context", _page_context, priority=800)  # before casekit_book's fixes
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}
