"""Sphinx extension: the book's localized editions.

* An edition's language is Sphinx's ``language`` (``tools/editions.py`` builds each
  one with it set before Sphinx starts, so that Sphinx's and the themes' own labels are
  translated too): the pages' prose comes from ``book/locale/<lang>/LC_MESSAGES/`` (see
  ``tools/translations.py``), search uses the language's splitter, and ``<html lang>``
  names the language.
* Every page gets a language switcher (a ``<nav>`` at the top of the article, each link
  marked with ``hreflang`` and ``lang``) that leads to the same page in the other
  languages, and ``<link rel="alternate" hreflang>`` tags in its head. The site has
  English at its root and each language under ``/<lang>/``; each student edition is under
  its language's ``student/``.
* The charts' words come from the ``_charts`` catalog (``chart_translator``), used by
  ``casekit_charts``; numbers and dates follow the language's d3 format locale, at build
  time (the static picture) and in the browser (``window.casekitLocale``).
"""

from __future__ import annotations

import html
import io
import json
import re
from functools import lru_cache
from pathlib import Path

#: The localized editions: language code -> (name in that language, BCP 47 tag, d3 locale).
LANGUAGES = {
    "zh_CN": ("简体中文", "zh-CN", "zh-CN"),
    "ko": ("한국어", "ko", "ko-KR"),
    "ja": ("日本語", "ja", "ja-JP"),
}
ENGLISH = ("English", "en", "en-US")


def _info(lang: str) -> tuple[str, str, str]:
    return ENGLISH if lang in ("en", None, "") else LANGUAGES[lang]


@lru_cache(maxsize=None)
def _catalog(path: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    if not Path(path).exists():
        return {}
    with open(path, "rb") as f:
        catalog = read_po(f)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def chart_translator(srcdir: str | Path, lang: str | None):
    """A function translating a chart's words for ``lang`` (identity for English)."""
    if not lang or lang == "en":
        return lambda text: text
    table = _catalog(str(Path(srcdir) / "book" / "locale" / lang / "LC_MESSAGES" / "_charts.po"))
    return lambda text: table.get(text, text) if isinstance(text, str) else text


#: The CJK web font each edition's pages and charts use (book/_ext/vendor.py ships them).
FONTS = {"zh_CN": "Noto Sans SC", "ko": "Noto Sans KR", "ja": "Noto Sans JP"}


def d3_locale(lang: str | None) -> tuple[dict | None, dict | None]:
    """The language's d3 number and time format locales (vl-convert ships them); None for English."""
    if not lang or lang == "en":
        return None, None
    import vl_convert

    name = _info(lang)[2]
    return vl_convert.get_format_locale(name), vl_convert.get_time_format_locale(name)


_GLUE = re.compile(r"\{(glue(?::\w+)?)\}`([^`:]+?)(:[^`]*)?`")


def glue_across(text: str, docname: str) -> str:
    """A translated message's glue roles pointed at the notebook's glue data by path.

    myst-nb resolves ``{glue:text}`key``` from the notebook being parsed, but Sphinx parses a
    translated message on its own, after the notebook; ``/path::key`` makes myst-nb read the
    notebook's stored glue data instead (the same values, formatted the same way).

    >>> glue_across("{glue:text}`n:.0f` of {glue}`total` ({glue:text}`name`)", "notebooks/05-strategies")
    '{glue:text}`/notebooks/05-strategies.ipynb::n:.0f` of {glue}`/notebooks/05-strategies.ipynb::total` ({glue:text}`/notebooks/05-strategies.ipynb::name:s`)'
    """
    def repl(m):
        if "::" in m.group(2):
            return m.group(0)
        # a key with no format: say the role's default, or the path's "::" would be read as one
        fmt = m.group(3) or {"glue:text": ":s", "glue:md": ":commonmark"}.get(m.group(1), "")
        return f"{{{m.group(1)}}}`/{docname}.ipynb::{m.group(2)}{fmt}`"

    return _GLUE.sub(repl, text)


def compile_catalogs(srcdir: Path, lang: str) -> int:
    """Write each page's .mo beside its .po, glue roles of notebooks pointed at their data
    (Sphinx compiles only catalogs older than their .po, so it keeps these). Returns files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    root = Path(srcdir) / "book" / "locale" / lang / "LC_MESSAGES"
    written = 0
    for po in sorted(root.rglob("*.po")):
        docname = po.relative_to(root).with_suffix("").as_posix()
        with open(po, "rb") as f:
            catalog = read_po(f, locale=lang)
        if (Path(srcdir) / f"{docname}.ipynb").exists():
            for message in catalog:
                if message.id and isinstance(message.string, str) and message.string:
                    message.string = glue_across(message.string, docname)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != buffer.getvalue():
            mo.write_bytes(buffer.getvalue())
            written += 1
    return written


def _doctree_read(app, doctree):
    """In a localized edition: the page depends on the catalog of generated words (so a change
    to it rebuilds the page), and the table of contents' part captions (from _toc.yml, which
    the page catalogs do not hold) are translated from it."""
    lang = app.config.language
    if not lang or lang == "en":
        return
    from sphinx import addnodes

    catalog = Path(app.srcdir) / "book" / "locale" / lang / "LC_MESSAGES" / "_charts.po"
    app.env.note_dependency(str(catalog))
    tr = chart_translator(app.srcdir, lang)
    for toctree in doctree.findall(addnodes.toctree):
        if toctree.get("caption"):
            toctree["caption"] = tr(toctree["caption"])


def _builder_inited(app):
    if app.config.language and app.config.language != "en":
        compile_catalogs(Path(app.srcdir), app.config.language)
    if app.builder.format != "html":
        return
    number, time = d3_locale(app.config.language)
    if number:
        app.add_js_file(None, body="window.casekitLocale = " + json.dumps({"number": number, "time": time}, ensure_ascii=False) + ";")


def _edition_root(app) -> str:
    """The path of this edition under the site root: '', 'student/', 'ko/', 'ko/student/'."""
    lang = app.config.language or "en"
    prefix = "" if lang == "en" else f"{lang}/"
    if getattr(app.config, "casekit_edition", "instructor") == "student":
        prefix += "student/"
    return prefix


def _page_context(app, pagename, templatename, context, doctree):
    if app.builder.format != "html":
        return
    here = app.config.language or "en"
    student = "student/" if getattr(app.config, "casekit_edition", "instructor") == "student" else ""
    up = "../" * pagename.count("/") + "../" * _edition_root(app).count("/")  # to the site root
    page = f"{pagename}.html"
    base = (app.config.html_baseurl or "").rstrip("/") + "/"  # this edition's (casekit_publish.py)
    base = base[: len(base) - len(_edition_root(app))] if base.endswith(_edition_root(app)) else base
    links, alternates = [], []
    for code in ("en", *LANGUAGES):
        name, tag, _ = _info(code)
        edition = ("" if code == "en" else f"{code}/") + student
        href = up + edition + page
        alternates.append(f'<link rel="alternate" hreflang="{tag}" href="{html.escape(base + edition + page)}" />')
        if code == here:
            links.append(f'<li><a href="{html.escape(href)}" hreflang="{tag}" lang="{tag}" aria-current="page">{name}</a></li>')
        else:
            links.append(f'<li><a href="{html.escape(href)}" hreflang="{tag}" lang="{tag}">{name}</a></li>')
    context["metatags"] = context.get("metatags", "") + "\n".join(alternates) + "\n"
    label = {"en": "Languages", "zh_CN": "语言", "ko": "언어", "ja": "言語"}[here]
    nav = f'<nav class="casekit-languages" aria-label="{label}"><ul>{"".join(links)}</ul></nav>'
    body = context.get("body")
    if isinstance(body, str) and body.strip():
        context["body"] = nav + body
    else:  # search, index: the sidebar carries it (_templates/sections/sidebar-primary.html)
        context["casekit_languages_nav"] = nav


def setup(app):
    app.connect("builder-inited", _builder_inited)
    app.connect("doctree-read", _doctree_read, priority=900)
    app.connect("html-page-context", _page_context, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1"}
