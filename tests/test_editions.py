"""The two editions: the instructor edition shows every solution; the student
edition has none - not in its pages, not in its search index, not in its
downloadable notebooks. Both are built by `make test` (make book, make student)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTRUCTOR = ROOT / "_build" / "html"
STUDENT = ROOT / "_build" / "student" / "_build" / "html"
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from casekit_course import _SOLUTION_BLOCK, strip_solutions  # noqa: E402

WORD = re.compile(r"[a-z]{7,}")


def _sources() -> dict[str, str]:
    out = {}
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        out[nb.stem] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return out


def _solutions() -> dict[str, list[str]]:
    return {name: [m.group(0) for m in _SOLUTION_BLOCK.finditer(text)] for name, text in _sources().items()}


def _phrases(block: str) -> list[str]:
    """Plain-text runs of a solution long enough to be distinctive."""
    body = "\n".join(l for l in block.splitlines()[1:-1] if not l.startswith(":"))
    body = body.replace("\\$", "|")  # US\$ is a literal dollar sign, not the start of maths
    body = re.sub(r"\{[a-z:]+\}`[^`]*`|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$", "|", body, flags=re.S).replace("*", "").replace("_", " ")
    runs = [re.sub(r"\s+", " ", r).strip() for r in re.split(r"[.;:()\[\]\"?!—–|]", body)]
    return [r for r in runs if len(r) >= 30]


def _built(folder: Path) -> str:
    if not (folder / "index.html").exists():
        pytest.fail(f"no build in {folder}: run `make book` and `make student` (make test does both)")
    return "\n".join(
        p.read_text(encoding="utf-8", errors="ignore") for p in folder.rglob("*")
        if p.is_file() and p.suffix in {".html", ".js", ".ipynb", ".md", ".txt", ".json"} and "vendor" not in p.parts
    )


def _text(html_text: str) -> str:
    import html

    # block-level tags separate words; inline ones (<em>, <a>, ...) do not
    text = re.sub(r"</?(?:p|div|li|ul|ol|td|th|tr|br|h[1-6]|section|details|summary)\b[^>]*>", " ", html_text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    return re.sub(r"\s+", " ", text)


def test_every_chapter_has_exercises_with_solutions():
    solutions = _solutions()
    assert solutions and all(solutions.values()), {k: len(v) for k, v in solutions.items()}


def test_strip_solutions_removes_only_solutions():
    text = "Intro\n```{exercise}\n:label: a\nDo it.\n```\n\n```{solution} a\n:class: dropdown\nThe answer.\n```\nEnd\n"
    assert strip_solutions(text) == "Intro\n```{exercise}\n:label: a\nDo it.\n```\n\nEnd\n"


def test_no_solution_text_reaches_the_student_edition_but_all_reach_the_instructor_edition():
    student, instructor = _text(_built(STUDENT)), _text(_built(INSTRUCTOR))
    checked = 0
    for chapter, blocks in _solutions().items():
        for block in blocks:
            for phrase in _phrases(block):
                assert phrase not in student, f"{chapter}: solution text in the student edition: {phrase!r}"
                assert phrase in instructor, f"{chapter}: solution text missing from the instructor edition: {phrase!r}"
                checked += 1
    assert checked >= 3 * len(_solutions()), "too few solution phrases to check"


def test_solution_only_words_are_not_in_the_student_search_index():
    from sphinx.search.en import SearchEnglish

    stem = SearchEnglish({}).stem
    any_word = re.compile(r"[a-z]+")
    # every word of the book outside the solutions: other cells, prose pages, stored outputs
    elsewhere = " ".join(_SOLUTION_BLOCK.sub(" ", t) for t in _sources().values())
    elsewhere += " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "book").rglob("*.md"))
    elsewhere += (ROOT / "book" / "references.bib").read_text(encoding="utf-8")  # the references page
    elsewhere += " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "casekit").rglob("*.py"))  # the API page
    for nb in (ROOT / "notebooks").glob("*.ipynb"):  # code and its stored outputs
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                elsewhere += "".join(cell["source"]) + json.dumps(cell.get("outputs", []))
    other_stems = {stem(w) for w in any_word.findall(_SOLUTION_BLOCK.sub(" ", elsewhere).lower())}
    solution_words = {w for blocks in _solutions().values() for b in blocks for w in WORD.findall(b.lower())}
    only_in_solutions = {w for w in solution_words if stem(w) not in other_stems}
    assert only_in_solutions, "no word is specific to the solutions: the check would prove nothing"

    def terms(folder: Path) -> set[str]:
        js = (folder / "searchindex.js").read_text(encoding="utf-8")
        index = json.loads(js[js.index("(") + 1: js.rindex(")")])
        # an incremental build keeps a word whose pages no longer have it, with no page: it finds nothing
        return {term for term, pages in index["terms"].items() if pages not in ([], {})}

    stems = {stem(w) for w in only_in_solutions}
    assert stems & terms(INSTRUCTOR), "the instructor search index should contain solution words"
    leaked = stems & terms(STUDENT)
    assert not leaked, f"solution words in the student search index: {sorted(leaked)[:10]}"


def test_student_downloadable_notebooks_have_no_solutions():
    notebooks = list((STUDENT / "_sources").rglob("*.ipynb"))
    assert notebooks
    for nb in notebooks:
        assert "{solution}" not in nb.read_text(encoding="utf-8"), nb
    assert "{solution}" in (INSTRUCTOR / "_sources" / "notebooks" / "01-theory.ipynb").read_text(encoding="utf-8")
