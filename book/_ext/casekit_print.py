"""Sphinx extension: what the print edition needs from the built pages (``tools/pdf.py``).

The PDFs are the site's own pages printed (``@media print`` in ``_static/casekit.css``), so
whatever a printed page says that the screen does not is written into the page here, hidden
on screen and shown in print. Written at build time, in the edition's language (the ``_charts``
catalog, like the charts' words), it is also what a reader gets printing a page from a browser,
and its glyphs are in the fonts the site ships.

* Each chart's figure gets, under its source line, its title as a caption; when the chart
  has controls (sliders, menus), a sentence giving the state the printed picture shows; and a
  link to its data table online, which the printout leaves out.
* Each chapter page links to its PDF, the intro page to the whole book's, the Data sources
  page to all of them.
* The intro page carries the title page of the book's PDF: the title, the edition, the
  citation (from ``CITATION.cff``) and where the online book is.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

#: Where the PDFs go in an edition's site.
PDF_DIR = "_pdf"
#: The whole book's PDF.
BOOK_PDF = "book.pdf"
#: The pages of the book's PDF, in order (API pages and the course guide stay online).
BOOK_PAGES = ["book/intro", *(f"notebooks/{n}" for n in (
    "01-theory", "02-drivers", "03-challenges", "04-swot", "05-strategies", "06-ne-zha", "07-nintendo",
    "08-kpop", "09-synthesis", "10-conclusion", "11-open-questions")),
    "book/data-sources", "book/glossary", "book/references"]

#: The words this extension writes into pages (translated through the ``_charts`` catalog).
STATE = "Printed as first drawn, with {state}. Online, the chart's controls change it."
TABLE = "The chart's data table is online:"
CHAPTER_LINK = "Download this chapter as a PDF"
BOOK_LINK = "Download the whole book as a PDF"
ALL_LINKS = "The book and each chapter as a PDF, to print or read offline:"
CONTENTS = "Contents"
EDITIONS = {"instructor": "Instructor edition", "student": "Student edition"}
CITE = "How to cite this book"
ONLINE = "Printed from the online book, where the charts are interactive and every data table is complete:"
WORDS = (STATE, TABLE, CHAPTER_LINK, BOOK_LINK, ALL_LINKS, CONTENTS, *EDITIONS.values(), CITE, ONLINE)


def is_chapter(docname: str) -> bool:
    """A page printed as a PDF of its own: each chapter and case of the book."""
    return docname.startswith("notebooks/") and docname in BOOK_PAGES


def chapter_pdf(docname: str) -> str:
    """The file name of a chapter's PDF.

    >>> chapter_pdf("notebooks/07-nintendo")
    '07-nintendo.pdf'
    """
    return docname.rsplit("/", 1)[-1] + ".pdf"


def _value(value, bind: dict) -> str:
    """A control's value as a reader reads it (a menu's label when it has labels).

    >>> _value(2020.0, {}), _value("KR", {"options": ["KR", "JP"], "labels": ["Korea", "Japan"]})
    ('2020', 'Korea')
    """
    options, labels = bind.get("options"), bind.get("labels")
    if options and labels and value in options:
        return str(labels[options.index(value)])
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if value is None:
        return "all"
    return str(value)


def controls(vega: dict) -> list[tuple[str, str]]:
    """(label, starting value) of every control bound to the chart (Vega signals with an input).

    >>> controls({"signals": [{"name": "year", "value": 2010, "bind": {"input": "range", "name": "Year "}},
    ...                       {"name": "hover", "value": None}]})
    [('Year', '2010')]
    """
    out = []

    def walk(node):
        if isinstance(node, dict):
            bind = node.get("bind")
            if isinstance(bind, dict) and bind.get("input") and "name" in node:
                label = str(bind.get("name") or node["name"]).strip().rstrip(":：").strip()
                out.append((label, _value(node.get("value"), bind)))
            for key, value in node.items():
                if key != "data":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(vega)
    return out


_FIGURE = re.compile(r'(<figure class="casekit-chart" id="fig-(?P<key>[\w-]+)">)(?P<body>.*?)(</figure>)', re.S)


def _subtitle(vega: dict) -> list[str]:
    """The lines of a chart's subtitle (Vega's ``title.subtitle``: a string or a list of lines)."""
    title = vega.get("title")
    sub = title.get("subtitle") if isinstance(title, dict) else None
    return [sub] if isinstance(sub, str) else [str(s) for s in sub] if isinstance(sub, list) else []


def mark_title(inner: str, title: str, subtitle: list[str] = ()) -> str:
    """The text elements of a figure's inline picture that draw its title and subtitle, classed
    ``casekit-svg-title``: a localized edition's CJK words are wider than the build measured
    them, and in print they would run past the page's edge; there the caption says them instead.
    A subtitle of several lines is one text element with a tspan per line.

    >>> mark_title('<svg><text x="1">Big title</text><text><tspan>a</tspan><tspan dy="9">b</tspan></text>'
    ...            '<text>2020</text></svg>', "Big title", ["a", "b"])
    '<svg><text class="casekit-svg-title" x="1">Big title</text><text class="casekit-svg-title"><tspan>a</tspan><tspan dy="9">b</tspan></text><text>2020</text></svg>'
    """
    lines = [title, *subtitle]
    wanted = {"".join(line.split()) for line in lines if line} | {"".join("".join(subtitle).split())} - {""}

    def mark(m: re.Match) -> str:
        words = "".join(html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).split())
        if words not in wanted or "class=" in m.group(1):
            return m.group(0)
        return f'<text class="casekit-svg-title"{m.group(1)}>{m.group(2)}</text>'

    return re.sub(r"<text\b([^>]*)>(.*?)</text>", mark, inner, flags=re.S)


def print_figure(inner: str, key: str, title: str, state: list[tuple[str, str]], table_url: str, tr,
                 subtitle: list[str] = ()) -> str:
    """A figure with its print-only caption: title, the controls' state, the data table's address."""
    head = f'<span class="casekit-print casekit-print-caption">{html.escape(title, quote=False)}</span>'
    if subtitle and "<svg" in inner:  # a picture in the page (a localized edition): its words said below it
        inner = mark_title(inner, title, subtitle)
        head += ('<span class="casekit-print casekit-print-subtitle">'
                 f'{html.escape(" ".join(subtitle), quote=False)}</span>')
    elif "<svg" in inner:
        inner = mark_title(inner, title)
    if '<span class="casekit-source">' in inner:
        inner = inner.replace('<span class="casekit-source">', head + '<span class="casekit-source">', 1)
    else:
        inner = inner.replace("</figcaption>", head + "</figcaption>", 1)
    lines = []
    if state:
        said = "; ".join(f"{label}: {value}" for label, value in state)
        lines.append(f'<span class="casekit-print">{html.escape(tr(STATE).format(state=said), quote=False)}</span>')
    lines.append(f'<span class="casekit-print">{html.escape(tr(TABLE), quote=False)} '
                 f'<a href="{html.escape(table_url)}">{html.escape(table_url, quote=False)}</a></span>')
    return inner.replace("</figcaption>", "".join(lines) + "</figcaption>", 1)


def _title(inner: str) -> str:
    found = re.search(r'class="casekit-static"[^>]*\salt="([^"]*)"', inner) or re.search(
        r'<svg[^>]*\saria-label="([^"]*)"', inner)
    return html.unescape(found.group(1)) if found else ""


def _spec(outdir: Path, inner: str) -> dict:
    found = re.search(r'data-spec="(?:\.\./)*([^"]+)"', inner)
    if not found:
        return {}
    from casekit_charts import read_spec_script

    path = outdir / html.unescape(found.group(1))
    return read_spec_script(path.read_text(encoding="utf-8")) if path.exists() else {}


def citation(root: Path) -> str:
    """The book's citation from CITATION.cff: authors (year). Title (version). URL."""
    import yaml

    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    authors = ", ".join(a.get("name") or " ".join(filter(None, (a.get("given-names"), a.get("family-names"))))
                        for a in cff.get("authors", []))
    year = str(cff.get("date-released", ""))[:4]
    return f"{authors} ({year}). {cff['title']} (version {cff.get('version', '')}). {cff.get('url', '')}"


def _after_h1(body: str, snippet: str) -> str:
    return body.replace("</h1>", "</h1>" + snippet, 1)


def _page_context(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if app.builder.format != "html" or not isinstance(body, str) or doctree is None:
        return
    from casekit_i18n import chart_translator

    lang = app.config.language
    table = chart_translator(app.srcdir, lang) if lang and lang != "en" else None

    def tr(word: str) -> str:
        return (table(word) if table else None) or word

    base = (app.config.html_baseurl or "").rstrip("/") + "/"
    page_url = f"{base}{pagename}.html"
    outdir = Path(app.outdir)

    def figure(m: re.Match) -> str:
        inner = m.group("body")
        vega = _spec(outdir, inner)
        inner = print_figure(inner, m.group("key"), _title(inner), controls(vega), f"{page_url}#fig-{m.group('key')}",
                             tr, _subtitle(vega))
        return m.group(1) + inner + m.group(4)

    body = _FIGURE.sub(figure, body)
    pathto = context["pathto"]

    def link(name: str, text: str) -> str:
        href = pathto(f"{PDF_DIR}/{name}", 1)
        return f'<a class="casekit-pdf" href="{html.escape(href)}" type="application/pdf">{html.escape(tr(text), quote=False)}</a>'

    if is_chapter(pagename):
        body = _after_h1(body, f'<p class="casekit-pdf-link">{link(chapter_pdf(pagename), CHAPTER_LINK)}</p>')
    elif pagename == app.config.root_doc:
        edition = getattr(app.config, "casekit_edition", "instructor")
        # the front page's own title: the book's title, in the edition's language
        title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or "")).strip()
        title = title or app.config.html_title or app.config.project
        block = (
            f'<div class="casekit-print-title casekit-print" data-title="{html.escape(title)}" '
            f'data-contents="{html.escape(tr(CONTENTS))}" data-online="{html.escape(base)}">'
            f'<h1>{html.escape(title, quote=False)}</h1>'
            f'<p class="casekit-print-edition">{html.escape(tr(EDITIONS.get(edition, EDITIONS["instructor"])), quote=False)}</p>'
            f'<h2>{html.escape(tr(CITE), quote=False)}</h2><p>{html.escape(citation(Path(app.srcdir)), quote=False)}</p>'
            f'<p>{html.escape(tr(ONLINE), quote=False)} <a href="{html.escape(base)}">{html.escape(base, quote=False)}</a></p>'
            "</div>")
        body = block + _after_h1(body, f'<p class="casekit-pdf-link">{link(BOOK_PDF, BOOK_LINK)}</p>')
    elif pagename == "book/data-sources":
        items = [f"<li>{link(BOOK_PDF, BOOK_LINK)}</li>"]
        for doc in BOOK_PAGES:
            if is_chapter(doc):
                title = app.env.titles[doc].astext() if doc in app.env.titles else doc
                href = pathto(f"{PDF_DIR}/{chapter_pdf(doc)}", 1)
                items.append(f'<li><a class="casekit-pdf" href="{html.escape(href)}" type="application/pdf">'
                             f'{html.escape(title, quote=False)} (PDF)</a></li>')
        body = _after_h1(body, f'<div class="casekit-pdf-link"><p>{html.escape(tr(ALL_LINKS), quote=False)}</p>'
                               f'<ul>{"".join(items)}</ul></div>')
    context["body"] = body


#: Bump when what this module writes into pages changes: the config value below then changes,
#: and Sphinx writes every page again (a warm build would otherwise keep the old pages).
FORMAT = "4"


def setup(app):
    app.add_config_value("casekit_print_format", FORMAT, "html")
    app.connect("html-page-context", _page_context, priority=850)  # after casekit_charts (800)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}
