"""Sphinx extension for the course module.

* **Learning objectives**: each notebook keeps its objectives as metadata
  (``metadata.casekit.objectives``); they are rendered in a box at the top of
  the chapter and collected, with the chapter's exercises, by the
  ``{casekit-course-map}`` directive of the course guide.
* **Two editions** from the same sources: the *instructor* edition (default)
  shows solutions in collapsed drop-downs; the *student* edition
  (``CASEKIT_EDITION=student``) removes every solution from the pages - and so
  from the search index - and from the downloadable notebooks.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

EDITIONS = ("instructor", "student")


def edition() -> str:
    value = os.environ.get("CASEKIT_EDITION", "instructor")
    if value not in EDITIONS:
        raise ValueError(f"CASEKIT_EDITION={value!r}; use one of {', '.join(EDITIONS)}")
    return value


# ---------------------------------------------------------------- objectives


def _notebook_objectives(path: Path) -> list[str]:
    if path.suffix != ".ipynb" or not path.exists():
        return []
    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    return list(meta.get("casekit", {}).get("objectives", []))


#: The words this extension writes into pages (translated in the localized editions through
#: the catalog of generated words, ``_charts.po``; see tools/translations.py).
WORDS = ("Learning objectives", "After this chapter you will be able to:", "Chapter", "Exercises")


def _translator(app):
    from casekit_i18n import chart_translator

    return chart_translator(app.srcdir, app.config.language)


def _objectives_box(objectives: list[str], tr=lambda text: text) -> nodes.Node:
    box = nodes.admonition(classes=["casekit-objectives", "tip"])
    box += nodes.title("", tr("Learning objectives"))
    box += nodes.paragraph("", tr("After this chapter you will be able to:"))
    items = nodes.bullet_list()
    for text in objectives:
        items += nodes.list_item("", nodes.paragraph("", tr(text)))
    box += items
    return box


def _is_solution(node) -> bool:
    return type(node).__name__ in ("solution_node", "solution_start_node", "solution_end_node")


def _is_exercise(node) -> bool:
    return type(node).__name__ in ("exercise_node", "exercise_enumerable_node")


_KINDS = {"concept": "Conceptual", "data": "Data", "method": "Method", "judgement": "Judgement"}


def _exercise_summary(node, label: str, tr=lambda text: text) -> str:
    """'Data: Using the shares table, rank the five regions ...' for the course map."""
    para = node.next_node(nodes.paragraph)
    words = para.astext().split() if para is not None else []
    text = " ".join(words[:12]) + (" ..." if len(words) > 12 else "")
    kind = next((name for key, name in _KINDS.items() if key in label.split("-")[-1]), "")
    return f"{tr(kind)}: {text}" if kind and text else (text or label)


def _doctree_read(app, doctree):
    env = app.env
    docname = env.docname
    objectives = _notebook_objectives(Path(env.doc2path(docname)))
    env.casekit_objectives = getattr(env, "casekit_objectives", {})
    env.casekit_exercises = getattr(env, "casekit_exercises", {})
    if objectives:
        env.casekit_objectives[docname] = objectives
        first = next(iter(doctree.findall(nodes.section)), None)
        if first is not None:
            title = first.next_node(nodes.title)
            first.insert(first.index(title) + 1 if title is not None else 0, _objectives_box(objectives, _translator(app)))
    exercises = []
    for node in doctree.findall(_is_exercise):
        label = node.get("label") or (node["ids"][0] if node.get("ids") else "")
        exercises.append((label, _exercise_summary(node, label, _translator(app))))
    if exercises:
        env.casekit_exercises[docname] = exercises
    if app.config.casekit_edition == "student":
        for node in list(doctree.findall(_is_solution)):
            node.parent.remove(node)


def _purge(app, env, docname):
    for attr in ("casekit_objectives", "casekit_exercises"):
        getattr(env, attr, {}).pop(docname, None)


def _merge(app, env, docnames, other):
    for attr in ("casekit_objectives", "casekit_exercises"):
        mine = getattr(env, attr, {})
        mine.update({d: v for d, v in getattr(other, attr, {}).items() if d in docnames})
        setattr(env, attr, mine)


# ---------------------------------------------------------------- course map


class course_map(nodes.General, nodes.Element):
    pass


class CourseMapDirective(SphinxDirective):
    """``{casekit-course-map}``: a table of every chapter's objectives and exercises."""

    def run(self):
        return [course_map("")]


def _chapters(env) -> list[str]:
    docs = set(getattr(env, "casekit_objectives", {})) | set(getattr(env, "casekit_exercises", {}))
    return sorted(d for d in docs if d.startswith("notebooks/"))


def _resolve_course_map(app, doctree, fromdocname):
    env = app.env
    for placeholder in list(doctree.findall(course_map)):
        table = nodes.table(classes=["casekit-course-map"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (25, 45, 30):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        row = nodes.row()
        tr = _translator(app)
        for text in ("Chapter", "Learning objectives", "Exercises"):
            row += nodes.entry("", nodes.paragraph("", tr(text)))
        head += row
        group += head
        body = nodes.tbody()
        for docname in _chapters(env):
            uri = app.builder.get_relative_uri(fromdocname, docname)
            title = env.titles[docname].astext() if docname in env.titles else docname
            row = nodes.row()
            link = nodes.reference("", title, internal=True, refuri=uri)
            row += nodes.entry("", nodes.paragraph("", "", link))
            objectives = nodes.bullet_list()
            for text in env.casekit_objectives.get(docname, []):
                objectives += nodes.list_item("", nodes.paragraph("", tr(text)))
            row += nodes.entry("", objectives)
            exercises = nodes.bullet_list()
            for label, ex_title in env.casekit_exercises.get(docname, []):
                ref = nodes.reference("", ex_title, internal=True, refuri=f"{uri}#{label}")
                exercises += nodes.list_item("", nodes.paragraph("", "", ref))
            row += nodes.entry("", exercises)
            body += row
        group += body
        placeholder.replace_self(table)


# ---------------------------------------------------------------- data download

DATA_ZIP = Path(__file__).resolve().parents[2] / ".cache" / "downloads" / "cci-localization-data.zip"


def write_data_zip(data_dir: Path, target: Path = DATA_ZIP) -> Path:
    """Zip data/ (datapackage.json and the tables) for the Data sources page's
    download link. Fixed timestamps and order, so an unchanged package gives
    the same bytes and the site does not change from build to build."""
    import zipfile

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")  # editions build side by side: one temporary file each
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in Path(data_dir).rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"cci-localization-data/{path.relative_to(data_dir).as_posix()}",
                                   date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    if not target.exists() or target.read_bytes() != tmp.read_bytes():
        tmp.replace(target)
    else:
        tmp.unlink()
    return target


def _data_zip(app, config):
    write_data_zip(Path(app.srcdir) / "data")


# ---------------------------------------------------------------- student edition

_SOLUTION_BLOCK = re.compile(r"(`{3,}|:{3,})\{solution\}.*?\n\1[ \t]*(?:\n|$)", re.S)


def strip_solutions(markdown: str) -> str:
    """Remove every ``{solution}`` block from MyST markdown.

    >>> strip_solutions("A\\n```{solution} ex\\n:class: dropdown\\nSecret.\\n```\\nB\\n")
    'A\\nB\\n'
    """
    return _SOLUTION_BLOCK.sub("", markdown)


def student_notebook(nb: dict) -> dict:
    """A copy of a notebook (JSON) with the solutions taken out of its markdown cells."""
    out = json.loads(json.dumps(nb))
    for cell in out.get("cells", []):
        if cell.get("cell_type") == "markdown":
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = strip_solutions(text)
    return out


def _strip_downloads(app, exception):
    if exception is not None or app.config.casekit_edition != "student":
        return
    for folder in (Path(app.outdir) / "_sources", Path(app.outdir) / "_downloads"):
        for path in folder.rglob("*.ipynb") if folder.exists() else []:
            nb = json.loads(path.read_text(encoding="utf-8"))
            path.write_text(json.dumps(student_notebook(nb), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for path in folder.rglob("*.md") if folder.exists() else []:
            path.write_text(strip_solutions(path.read_text(encoding="utf-8")), encoding="utf-8")


def setup(app):
    app.add_config_value("casekit_edition", edition(), "env")
    app.add_node(course_map)
    app.add_directive("casekit-course-map", CourseMapDirective)
    app.connect("doctree-read", _doctree_read, priority=600)  # after sphinx-exercise's
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-resolved", _resolve_course_map)
    app.connect("build-finished", _strip_downloads)
    app.connect("config-inited", _data_zip)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "0.1", "env_version": 2}
