"""Sphinx extension: pages carry only what they use.

* MathJax only on pages with maths of their own. Sphinx also loads it on
  every page whose table of contents *includes* a page with maths (for
  single-page builds), which here is the root page and, through it, the
  navigation of every page; a page's own ``math`` nodes are what count.
* MathJax configured to need nothing beyond what ``vendor.py`` ships: the
  ``tex-chtml`` component (TeX in, HTML+CSS out, hidden MathML for screen
  readers) and its woff fonts. Its context menu is off: the menu's
  accessibility items load the speech-rule engine (4 MB) and the explorer,
  which the site does not ship.
"""

from __future__ import annotations

MATHJAX3_CONFIG = {"options": {"enableMenu": False}}


def _config_inited(app, config):
    merged = dict(MATHJAX3_CONFIG)
    merged.update(config.mathjax3_config or {})
    config.mathjax3_config = merged


def page_has_maths(app, pagename: str) -> bool:
    """Whether the page itself (not a page its table of contents includes) has maths."""
    return bool(app.env.get_domain("math").data["has_equations"].get(pagename))


def _drop_mathjax(app, pagename, templatename, context, doctree):
    if app.builder.format != "html" or "script_files" not in context or page_has_maths(app, pagename):
        return
    paths = {app.config.mathjax_path, f"_static/{app.config.mathjax_path}"}  # Sphinx adds _static/

    def is_mathjax(asset) -> bool:
        filename = str(getattr(asset, "filename", "") or "")
        body = getattr(asset, "attributes", {}).get("body", "") or ""
        return filename in paths or body.startswith("window.MathJax =")

    context["script_files"] = [a for a in context["script_files"] if not is_mathjax(a)]


def setup(app):
    app.connect("config-inited", _config_inited, priority=800)
    app.connect("html-page-context", _drop_mathjax, priority=900)  # after sphinx.ext.mathjax (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}
