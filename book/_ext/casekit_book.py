"""Sphinx extension for the book: offline chart libraries, the
book's own CSS/JS, and fixes to theme output that breaks accessibility or
logs console errors.

* Vega and Vega-Embed are served from ``_static/vendor`` (fetched at set-up
  by ``vendor.py``, never from a CDN); the charts' Vega-Lite specs are
  compiled to Vega, and their static pictures rendered, at build time
  (``casekit_charts.py``), so pages do not load Vega-Lite; maths is MathML
  written at build time (``casekit_lean.py``), with no script.
* ``CASEKIT_CHARTS=book`` is set before notebooks execute, so the kernels
  use casekit's offline chart renderer.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import vendor  # noqa: E402

os.environ["CASEKIT_CHARTS"] = "book"


def _config_inited(app, config):
    vendor.ensure()
    vendor.ensure_fonts()


def _install_static(app, exception):
    """Sphinx copies static files only when some page is rewritten, so an edit
    to _static/casekit.js alone would never reach the site: bring the book's
    own static files and the vendored libraries up to date after every build."""
    if exception is not None or app.builder.format != "html":
        return
    import filecmp
    import shutil

    source = Path(app.srcdir) / "_static"
    for path in source.rglob("*"):
        if path.is_file():
            target = Path(app.outdir) / "_static" / path.relative_to(source)
            if not target.exists() or not filecmp.cmp(path, target, shallow=False):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    vendor.install_into(app.outdir)
    vendor.install_fonts(app.outdir)


def _drop_thebe(app, pagename, templatename, context, doctree):
    """The book launches notebooks in Binder or Colab and does not use Thebe,
    but sphinx-thebe (loaded by Jupyter Book) still writes its configuration
    into every page, twice (a console SyntaxError: THEBE_JS_URL has already
    been declared) and naming a CDN. Drop its scripts and styles."""

    def is_thebe(asset) -> bool:
        body = getattr(asset, "attributes", {}).get("body", "") or ""
        return "THEBE_JS_URL" in body or "thebe" in (getattr(asset, "filename", "") or str(asset))

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not is_thebe(a)]


# Accessibility fixes to the HTML that Sphinx, docutils and pandas write into
# the page body (checked by tests/browser/test_accessibility.py with axe-core).
#
# * pandas DataFrame tables have an empty top-left <th> (and empty <th> cells
#   in the row that names the index): an empty header cell announces nothing
#   (axe: empty-table-header). An empty cell is not a header, so it becomes
#   an empty <td>.
# * docutils marks citations role="doc-biblioentry", a role deprecated in
#   DPUB-ARIA 1.1 and not allowed inside role="list" (axe: aria-deprecated-role,
#   aria-allowed-role, aria-required-children): they become role="listitem".
_DATAFRAME = re.compile(r'<table\b[^>]*\bclass="[^"]*\bdataframe\b[^"]*"[^>]*>.*?</table>', re.S)
_EMPTY_TH = re.compile(r"<th\b([^>]*)>(?:\s|&nbsp;|&#160;)*</th>")
_BIBLIOENTRY = re.compile(r'(<div class="citation"[^>]*?) role="doc-biblioentry"')


def _empty_headers_to_cells(table_html: str) -> str:
    return _EMPTY_TH.sub(lambda m: f"<td{m.group(1)}></td>", table_html)


def fix_body_html(body: str) -> str:
    """The page body with the accessibility fixes above applied."""
    body = _DATAFRAME.sub(lambda m: _empty_headers_to_cells(m.group(0)), body)
    return _BIBLIOENTRY.sub(r'\1 role="listitem"', body)


def _fix_body(app, pagename, templatename, context, doctree):
    if isinstance(context.get("body"), str):
        context["body"] = fix_body_html(context["body"])


# The theme's navigation puts an icon-only <summary> (the expand/collapse toggle)
# after every entry that has sub-pages: a summary with no name (axe: summary-name).
# Name it after the entry it belongs to.
_NAV_TOGGLE = re.compile(r'(<a\b[^>]*>([^<]+)</a>\s*<details\b[^>]*>\s*)<summary>')


def label_nav_toggles(html: str) -> str:
    """
    >>> label_nav_toggles('<a href="x.html">Course guide</a><details open="open"><summary><i></i></summary>')
    '<a href="x.html">Course guide</a><details open="open"><summary aria-label="Pages in Course guide"><i></i></summary>'
    """
    return _NAV_TOGGLE.sub(lambda m: f'{m.group(1)}<summary aria-label="Pages in {m.group(2).strip()}">', html)


def _label_nav(app, pagename, templatename, context, doctree):
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "_casekit", False):
        return

    def wrapped(*args, **kwargs):
        html = generate(*args, **kwargs)
        if isinstance(html, str):
            return type(html)(label_nav_toggles(html))
        if type(html).__name__ == "BeautifulSoup":  # the theme asks for a parsed tree
            return type(html)(label_nav_toggles(str(html)), "html.parser")
        return html

    wrapped._casekit = True
    context["generate_toctree_html"] = wrapped


# --- citations of works whose author or year no public page confirms --------


def _register_reference_style():
    """``author_year_or_publisher``: the author-year style, except that a work
    with no confirmed author is named by its ``shorttitle`` (else its title),
    and one with no confirmed year by its ``publisher``: never "Anonymous, n.d.".
    """
    from dataclasses import dataclass

    from pybtex.style.template import field, first_of, optional, tag
    from sphinxcontrib.bibtex.style.referencing import author_year, basic_author_year
    from sphinxcontrib.bibtex.style.template import join, join2, post_text, pre_text, reference

    def who(person, full):
        return first_of[
            optional[person.names("author", full)],
            optional[person.names("editor", full)],
            optional[tag("em")[field("shorttitle")]],
            tag("em")[field("title")],
        ]

    when = first_of[optional[field("year")], field("publisher")]

    @dataclass
    class Parenthetical(basic_author_year.BasicAuthorYearParentheticalReferenceStyle):
        def inner(self, role_name):
            return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                pre_text,
                reference[join(sep=self.author_year_sep)[who(self.person, "s" in role_name), when]],
                post_text,
            ]

    @dataclass
    class Textual(basic_author_year.BasicAuthorYearTextualReferenceStyle):
        def inner(self, role_name):
            return join(sep=self.text_reference_sep)[
                who(self.person, "s" in role_name),
                join[
                    self.bracket.left,
                    join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                        pre_text, reference[when], post_text
                    ],
                    self.bracket.right,
                ],
            ]

    @dataclass
    class AuthorYearOrPublisher(author_year.AuthorYearReferenceStyle):
        def __post_init__(self):
            super().__post_init__()
            swap = {
                basic_author_year.BasicAuthorYearParentheticalReferenceStyle: Parenthetical,
                basic_author_year.BasicAuthorYearTextualReferenceStyle: Textual,
            }
            for i, style in enumerate(self.styles):
                if type(style) in swap:
                    self.styles[i] = swap[type(style)](
                        **{k: getattr(style, k) for k in style.__dataclass_fields__}
                    )
            self.role_style.update(
                (name, style) for style in self.styles for name in style.role_names()
            )

    from sphinxcontrib.bibtex.plugin import register_plugin

    register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_or_publisher", AuthorYearOrPublisher,
        force=True,
    )


def setup(app):
    app.setup_extension("casekit_charts")
    _register_reference_style()
    app.add_role("lang", lang_role)
    app.connect("html-page-context", _label_nav, priority=900)
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("html-page-context", _fix_body, priority=900)
    app.connect("config-inited", _config_inited)
    app.connect("build-finished", _install_static)
    for js in vendor.JS_FILES:
        app.add_js_file(js, defer="defer")
    app.add_css_file(vendor.FONT_CSS)
    # _static/casekit.js and casekit.css are added by Jupyter Book itself
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}


# {lang}`zh:文化折扣` -> <span lang="zh">文化折扣</span>, so screen readers switch voice
# and the browser picks CJK fonts for the right language.
_LANGS = {"zh": "zh-Hans", "ko": "ko", "ja": "ja"}


def lang_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    from docutils import nodes

    code, _, words = text.partition(":")
    if code not in _LANGS or not words:
        msg = inliner.reporter.error(
            f"lang role needs 'code:text' with code one of {sorted(_LANGS)}; got {text!r}", line=lineno
        )
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    tag = _LANGS[code]
    return [
        nodes.raw("", f'<span lang="{tag}">', format="html"),
        nodes.Text(words),
        nodes.raw("", "</span>", format="html"),
    ], []
