"""The localized editions' message catalogs: extract, update, report.

    make translations            # = python tools/translations.py update

``update`` extracts every prose message of the English book with Sphinx's gettext builder
(notebooks' markdown cells included, one template per page), adds the charts' own words
(titles, axis and legend titles, tooltip titles, control labels, text alternatives, captions,
read from the notebooks' stored chart outputs) as one more template, and brings each
language's catalogs in ``book/locale/<lang>/LC_MESSAGES/`` up to date: new messages are
added untranslated, changed ones are kept as fuzzy suggestions, and messages the English
source no longer has are removed. It then prints, per language, the translated, fuzzy and
untranslated counts (``report`` prints them without extracting).

The API reference (``book/api``, generated from casekit's docstrings) stays in English in
every edition, as the code does: its pages are not extracted.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "book" / "locale"
LANGUAGES = {"zh_CN": "简体中文", "ko": "한국어", "ja": "日本語"}
#: Pages kept in English in every edition (generated from code).
ENGLISH_ONLY = ("book/api",)
#: The catalog of the words the book's extensions write into pages: the charts' words, the
#: learning objectives and the course map's (not a page: a name no page can have).
CHARTS = "_charts"
POT_DIR = ROOT / "_build" / "i18n" / "_build" / "gettext"
BIN = Path(sys.executable).parent


def extract() -> dict[str, Catalog]:
    """Every template: {catalog name (a page's docname, or CHARTS): template}."""
    if POT_DIR.exists():
        shutil.rmtree(POT_DIR)
    env = dict(os.environ, CASEKIT_CHARTS="book")
    subprocess.run([str(BIN / "jupyter-book"), "build", str(ROOT), "--builder", "custom",
                    "--custom-builder", "gettext", "--path-output", str(ROOT / "_build" / "i18n")],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    templates = {}
    for pot in sorted(POT_DIR.rglob("*.pot")):
        name = pot.relative_to(POT_DIR).with_suffix("").as_posix()
        if name.startswith(ENGLISH_ONLY):
            continue
        with open(pot, "rb") as f:
            templates[name] = read_po(f)
    templates[CHARTS] = chart_template()
    templates["sphinx"] = theme_template(templates.get("sphinx"))
    return templates


def _theme_dir() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "locale"


def theme_template(own: Catalog | None) -> Catalog:
    """The theme's labels (pydata-sphinx-theme's catalog, which it ships for some languages
    only) with the book's own template overrides: Sphinx uses a ``sphinx`` catalog in the
    book's locale folder before its own and the theme's."""
    with open(_theme_dir() / "sphinx.pot", "rb") as f:
        shipped = read_po(f)
    catalog = Catalog(charset="utf-8")  # the ids only (the theme's template carries some strings)
    for message in shipped:
        if message.id:
            catalog.add(message.id)
    for message in own or []:
        if message.id and message.id not in catalog:
            catalog.add(message.id)
    return catalog


def theme_suggestion(lang: str, msgid: str) -> str:
    """The theme's own translation of one of its labels, if it ships one for ``lang``."""
    path = _theme_dir() / lang.split("_")[0] / "LC_MESSAGES" / "sphinx.po"
    if not path.exists():
        return ""
    with open(path, "rb") as f:
        found = read_po(f).get(msgid)
    return found.string if found is not None and isinstance(found.string, str) else ""


# --- the charts' words ---------------------------------------------------------------

_SPEC = re.compile(r'<script type="application/json" class="casekit-spec">(.*?)</script>', re.S)
_SOURCE = re.compile(r'<span class="casekit-source">(.*?)</span>', re.S)


def chart_strings(spec: dict) -> list[str]:
    """The words of a Vega-Lite spec a reader sees: title and subtitle, axis, legend and
    tooltip titles, control labels, the text alternative (``description``).

    >>> chart_strings({"title": {"text": "T", "subtitle": "S"}, "description": "D",
    ...   "encoding": {"x": {"field": "a", "title": "A"}, "tooltip": [{"field": "b", "title": "B"}]},
    ...   "params": [{"name": "p", "bind": {"input": "range", "name": "Pick "}}]})
    ['T', 'S', 'D', 'A', 'B', 'Pick ']
    """
    out: list[str] = []

    def add(value):
        if isinstance(value, list):
            for v in value:
                add(v)
        elif isinstance(value, str) and value.strip() and value not in out:
            out.append(value)

    title = spec.get("title")
    if isinstance(title, dict):
        add(title.get("text"))
        add(title.get("subtitle"))
    else:
        add(title)
    add(spec.get("description"))

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "title" and isinstance(value, (str, list)):
                    add(value)
                elif key == "bind" and isinstance(value, dict):
                    add(value.get("name"))
                elif key in ("datasets", "data", "config"):
                    continue
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({k: v for k, v in spec.items() if k not in ("title", "description")})
    return out


def chart_template() -> Catalog:
    """The charts' words, from the notebooks' stored chart outputs, in the order of the book."""
    catalog = Catalog(project="casekit book charts", charset="utf-8")
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    from casekit_charts import FIGURE_WORDS
    from casekit_course import _KINDS, WORDS

    for word in FIGURE_WORDS:  # the words around every chart
        catalog.add(word, locations=[("casekit/viz/charts.py", 0)])
    for word in (*WORDS, *_KINDS.values()):  # the course extension's words
        catalog.add(word, locations=[("book/_ext/casekit_course.py", 0)])
    from casekit_print import WORDS as PRINT_WORDS

    for word in PRINT_WORDS:  # the print edition's words (written into the pages, shown in print)
        catalog.add(word, locations=[("book/_ext/casekit_print.py", 0)])
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):  # the table of contents' part captions
        if part.get("caption"):
            catalog.add(part["caption"], locations=[("_toc.yml", 0)])
    for nb_path in sorted((ROOT / "notebooks").glob("*.ipynb")):  # each chapter's learning objectives
        meta = json.loads(nb_path.read_text(encoding="utf-8")).get("metadata", {})
        for text in meta.get("casekit", {}).get("objectives", []):
            catalog.add(text, locations=[(f"notebooks/{nb_path.name}", 0)])
    for nb_path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            for output in cell.get("outputs", []):
                html = output.get("data", {}).get("text/html")
                if not html:
                    continue
                html = "".join(html) if isinstance(html, list) else html
                for m in _SPEC.finditer(html):
                    spec = json.loads(m.group(1).replace("<\\/", "</"))
                    for text in chart_strings(spec):
                        catalog.add(text, locations=[(f"notebooks/{nb_path.name}", 0)])
                for m in _SOURCE.finditer(html):
                    import html as _html

                    text = _html.unescape(m.group(1))
                    catalog.add(text.removeprefix("Source: "), locations=[(f"notebooks/{nb_path.name}", 0)])
    return catalog


# --- catalogs ------------------------------------------------------------------------


def catalog_path(lang: str, name: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{name}.po"


def update(templates: dict[str, Catalog]) -> None:
    for lang in LANGUAGES:
        wanted = set()
        for name, template in templates.items():
            template = copy.deepcopy(template)  # babel puts the template's own messages into a new catalog
            path = catalog_path(lang, name)
            wanted.add(path)
            if path.exists():
                with open(path, "rb") as f:
                    catalog = read_po(f, locale=lang)
                catalog.update(template, update_header_comment=False)
                catalog.obsolete.clear()  # gone from the English source: gone from the catalog
            else:
                catalog = Catalog(locale=lang, project="Localization strategies for cultural and creative industries",
                                  charset="utf-8")
                catalog.update(template)
            if name == "sphinx":  # the theme's labels: start from its own translations
                for message in catalog:
                    if message.id and not message.string:
                        message.string = theme_suggestion(lang, message.id)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as f:
                write_po(f, catalog, width=0, omit_header=False, include_previous=True,
                         sort_output=False, no_location=True)
        for stale in (LOCALE / lang).rglob("*.po"):
            if stale not in wanted:
                stale.unlink()
        for mo in (LOCALE / lang).rglob("*.mo"):
            mo.unlink()


def counts(lang: str) -> dict[str, int]:
    """Translated, fuzzy and untranslated messages of a language, over all its catalogs."""
    out = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for path in sorted((LOCALE / lang).rglob("*.po")):
        with open(path, "rb") as f:
            catalog = read_po(f, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            if message.fuzzy:
                out["fuzzy"] += 1
            elif message.string:
                out["translated"] += 1
            else:
                out["untranslated"] += 1
    return out


# --- what a translation must keep ------------------------------------------------------

_ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
_CODE = re.compile(r"(?<![}`])`([^`]+)`")
_URL = re.compile(r"\]\(([^)\s]+)\)")
_MATH = re.compile(r"(?<![\\$])\$[^$\n]+\$")
_SUBST = re.compile(r"\{\{[^}]*\}\}")
#: Roles whose whole content is a key, a citation or a code: kept exactly.
_EXACT_ROLES = ("glue", "glue:text", "glue:any", "glue:md", "glue:figure", "glue:math", "cite", "cite:p", "cite:t",
                "cite:ps", "cite:ts", "eq", "lang", "download", "abbr")
#: Roles whose target (after "<", or the whole content) is kept; the text shown may be translated.
_TARGET_ROLES = ("doc", "ref", "numref", "py:func", "py:mod", "py:class", "py:data", "py:meth", "func", "mod")


def _target(content: str) -> str:
    m = re.search(r"<([^<>]+)>\s*$", content)
    return (m.group(1) if m else content).strip()


def markup(text: str, terms: dict[str, str] | None = None) -> list[str]:
    """What a message's translation must keep: roles with their keys and targets, inline code,
    link URLs, maths and substitutions (a {term} role's target is the glossary's headword,
    which ``terms`` maps to its translation).

    >>> markup("See {doc}`the theory <01-theory>` and {glue:text}`n:.0f` in `casekit.load` ($x$).")
    ['code:casekit.load', 'doc:01-theory', 'glue:text:n:.0f', 'math:$x$']
    """
    out = []
    for role, content in _ROLE.findall(text):
        if role in _EXACT_ROLES or role.startswith("glue"):
            out.append(f"{role}:{content}")
        elif role == "term":
            target = _target(content).casefold()
            out.append(f"term:{(terms or {}).get(target, target)}")
        elif role in _TARGET_ROLES or role.startswith("py:"):
            out.append(f"{role}:{_target(content)}")
        else:
            out.append(f"{role}:")
    stripped = _ROLE.sub("", text)
    out += [f"code:{c}" for c in _CODE.findall(stripped)]
    out += [f"url:{u}" for u in _URL.findall(text)]
    out += [f"math:{m}" for m in _MATH.findall(stripped)]
    out += [f"subst:{m}" for m in _SUBST.findall(text)]
    return sorted(out)


def stray_markers(text: str) -> int:
    """Emphasis markers a CommonMark parser leaves as literal asterisks or underscores: next to
    CJK punctuation a marker can stop being one (``**基金（G4）**は`` shows its asterisks).

    >>> stray_markers("**基金（G4）**は"), stray_markers("**基金（G4）**。"), stray_markers("a *b* **c**")
    (4, 0, 0)
    """
    from markdown_it import MarkdownIt

    tokens = [t for block in MarkdownIt("commonmark").parse(text) for t in (block.children or [])]
    return sum(t.content.count("*") + t.content.count("__") * 2 for t in tokens if t.type == "text")


def glossary_terms(lang: str) -> dict[str, str]:
    """{English headword, case-folded: its translation} from the language's glossary catalog."""
    path = catalog_path(lang, "book/glossary")
    if not path.exists():
        return {}
    with open(path, "rb") as f:
        catalog = read_po(f, locale=lang)
    text = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    block = re.search(r"```\{glossary\}\n(.*?)```", text, re.S)
    heads = {line.strip() for line in (block.group(1).splitlines() if block else []) if line and not line[0].isspace()}
    return {m.id.casefold(): m.string.casefold() for m in catalog if m.id in heads and m.string}


def lint(lang: str) -> list[str]:
    """Every translated message of a language whose markup differs from its English source."""
    terms = glossary_terms(lang)
    problems = []
    for path in sorted((LOCALE / lang).rglob("*.po")):
        with open(path, "rb") as f:
            catalog = read_po(f, locale=lang)
        for message in catalog:
            if not message.id or not message.string:
                continue
            want, got = markup(message.id, terms), markup(message.string)
            if stray_markers(message.string) > stray_markers(message.id):
                problems.append(f"{path.relative_to(ROOT)}: {message.id[:70]!r}: an emphasis marker shows as "
                                "text (move ** or * inside the punctuation, or onto a word)")
            if want != got:
                missing = sorted(set(want) - set(got))
                extra = sorted(set(got) - set(want))
                problems.append(f"{path.relative_to(ROOT)}: {message.id[:70]!r}: missing {missing}, unexpected {extra}")
    return problems


def report() -> list[str]:
    lines = [f"{'language':10s} {'translated':>10s} {'fuzzy':>6s} {'untranslated':>12s}  done"]
    for lang, name in LANGUAGES.items():
        c = counts(lang)
        total = sum(c.values()) or 1
        lines.append(f"{lang:10s} {c['translated']:10d} {c['fuzzy']:6d} {c['untranslated']:12d}  "
                     f"{100 * c['translated'] / total:5.1f} %  {name}")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "report", "lint"], nargs="?", default="update")
    parser.add_argument("--lang", choices=list(LANGUAGES), help="lint: one language only")
    args = parser.parse_args(argv)
    if args.command == "lint":
        problems = [p for lang in ([args.lang] if args.lang else LANGUAGES) for p in lint(lang)]
        print("\n".join(problems) or "no markup problems")
        return 1 if problems else 0
    if args.command == "update":
        update(extract())
    print("\n".join(report()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
