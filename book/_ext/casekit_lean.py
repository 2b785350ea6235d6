"""Sphinx extension: pages carry only what they use.

* Maths as MathML, written at build time (``latex2mathml``): no maths script
  at all. The book's few formulas (AHP's consistency ratio, DEMATEL's total
  relation, the Kogut-Singh index) are drawn by the browser itself (MathML
  Core: Chromium 109+, Firefox, Safari) and read by screen readers from the
  same markup; MathJax would be 1.5 MB of script and fonts for three pages.
  A displayed formula is a ``<div class="math">`` holding ``<math
  display="block">``; each ``<math>`` carries its TeX source as ``alttext``.
* Icons from the theme's icon font alone. pydata-sphinx-theme styles its icons
  with Font Awesome's CSS and web fonts *and* loads Font Awesome's script
  (``scripts/fontawesome.js``, 1.4 MB on every page) that swaps each icon for an
  inline SVG; the web fonts already draw every icon, so the script tag is
  taken out of each page when the build finishes, and the font faces name only
  their woff2 files (the TrueType copies are a fallback for browsers that
  cannot read woff2, none of which runs the theme's JavaScript).
* Highlighted code without the wrappers that change nothing: Pygments wraps
  every name and punctuation mark in a ``<span>`` whose colour, in the book's
  light and dark styles, is the code block's own (``PLAIN_TOKENS``; a test
  checks this against the built ``pygments.css``), which is a third of a code
  cell's markup.
"""

from __future__ import annotations

import html as _html
import re
from pathlib import Path

from docutils import nodes


def mathml(tex: str, display: bool = False) -> str:
    """A TeX formula as MathML, its source kept as ``alttext``.

    >>> mathml("a_{ij}")
    '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline" alttext="a_{ij}"><mrow><msub><mi>a</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub></mrow></math>'
    """
    from latex2mathml.converter import convert

    markup = convert(tex.strip(), display="block" if display else "inline")
    return markup.replace(">", f' alttext="{_html.escape(tex.strip())}">', 1)


def _visit_math(self, node):
    self.body.append(mathml(node.astext()))
    raise nodes.SkipNode


def _visit_math_block(self, node):
    anchor = f' id="{node["ids"][0]}"' if node.get("ids") else ""
    number = f'<span class="eqno">({node["number"]})</span>' if node.get("number") else ""
    self.body.append(f'<div class="math"{anchor}>{number}{mathml(node.astext(), display=True)}</div>')
    raise nodes.SkipNode


#: Pygments token classes drawn in the code block's own colour in both of the book's styles.
PLAIN_TOKENS = ("n", "p", "w", "nn")
_PLAIN_SPAN = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(PLAIN_TOKENS))


def unwrap_plain_tokens(body: str) -> str:
    """Highlighted code without the spans of tokens shown in the block's own colour.

    >>> unwrap_plain_tokens('<span class="n">x</span><span class="o">=</span><span class="mi">1</span>')
    'x<span class="o">=</span><span class="mi">1</span>'
    """
    return _PLAIN_SPAN.sub(r"\1", body)


def _plain_code(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if app.builder.format == "html" and isinstance(body, str) and "highlight" in body:
        context["body"] = unwrap_plain_tokens(body)


_FA_SCRIPT = re.compile(r'[ \t]*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?')
_TTF = re.compile(r',url\(([^)]*fontawesome/webfonts/[\w-]+)\.ttf\) format\("truetype"\)')


def drop_icon_script(html: str) -> str:
    """A page without Font Awesome's script (its icon font draws the icons).

    >>> drop_icon_script('<head>\\n  <script defer src="../_static/scripts/fontawesome.js?digest=1"></script>\\n</head>')
    '<head>\\n</head>'
    """
    return _FA_SCRIPT.sub("", html)


def woff2_only(css: str) -> str:
    """Font Awesome's font faces naming only their woff2 files.

    >>> woff2_only('src:url(../vendor/fontawesome/webfonts/fa-solid-900.woff2) format("woff2"),url(../vendor/fontawesome/webfonts/fa-solid-900.ttf) format("truetype")}')
    'src:url(../vendor/fontawesome/webfonts/fa-solid-900.woff2) format("woff2")}'
    """
    return _TTF.sub("", css)


def _lean_files(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lean = drop_icon_script(text)
        if lean != text:
            page.write_text(lean, encoding="utf-8")
    for css in (out / "_static" / "styles").glob("*.css"):
        text = css.read_text(encoding="utf-8")
        lean = woff2_only(text)
        if lean != text:
            css.write_text(lean, encoding="utf-8")


def setup(app):
    # Names this module's output: when it changes, Sphinx writes every page again.
    app.add_config_value("casekit_lean_format", "1-mathml", "html")
    app.add_html_math_renderer("mathml", (_visit_math, None), (_visit_math_block, None))
    app.connect("html-page-context", _plain_code, priority=900)
    app.connect("build-finished", _lean_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}
