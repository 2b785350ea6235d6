"""The book's sources: notebooks stored with outputs, one repository URL,
Binder reading the one lock file, CI running the README's test command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())


def test_every_notebook_is_stored_with_outputs():
    assert NOTEBOOKS
    for nb in NOTEBOOKS:
        cells = json.loads(nb.read_text())["cells"]
        code = [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]
        unrun = [i for i, c in enumerate(code) if c.get("execution_count") is None]
        assert not unrun, f"{nb.name}: code cells {unrun} have no stored outputs (run `make notebooks`)"


def test_every_notebook_installs_casekit_from_the_books_repository_in_colab():
    url = CONFIG["repository"]["url"]
    for nb in NOTEBOOKS:
        text = nb.read_text()
        assert "google.colab" in text and f"git+{url}" in text, nb.name


def test_every_notebook_is_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text()
    for nb in NOTEBOOKS:
        assert f"notebooks/{nb.stem}" in toc, nb.name


def test_binder_installs_the_one_lock_file():
    req = (ROOT / "binder" / "requirements.txt").read_text()
    assert re.search(r"^-r \.\./requirements\.lock$", req, re.M)
    pins = [l for l in (ROOT / "requirements.lock").read_text().splitlines() if l and not l.startswith((" ", "#"))]
    assert pins and all("==" in l for l in pins), "every package in the lock file is pinned"


def test_ci_runs_the_readmes_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make book" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)
    assert "CASEKIT_RAW_PACK=\"$(pwd)/../shared/sources/raw\"" in ci


def test_runtime_dependencies_hold_no_build_or_test_tools():
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {re.split(r"[<>=!~ ]", d)[0].lower() for d in deps}
    assert not names & {"jupyter-book", "pytest", "nbval", "playwright", "sphinx", "hypothesis"}


def test_every_notebook_has_learning_objectives_and_four_kinds_of_exercise():
    for nb in NOTEBOOKS:
        data = json.loads(nb.read_text())
        objectives = data["metadata"].get("casekit", {}).get("objectives", [])
        assert 3 <= len(objectives) <= 6, f"{nb.name}: {len(objectives)} objectives"
        text = "\n".join("".join(c["source"]) for c in data["cells"] if c["cell_type"] == "markdown")
        labels = re.findall(r"```\{exercise\}\n:label: ([\w-]+)", text)
        assert len(labels) >= 4, f"{nb.name}: {labels}"
        # one exercise per chapter changes a judgement or a threshold and asks how the conclusion moves
        for kind in ("concept", "data", "method", "judgement"):
            assert any(l.endswith(kind) for l in labels), f"{nb.name}: no {kind} exercise in {labels}"
        for label in labels:
            assert re.search(r"```\{solution\} " + re.escape(label) + r"\n", text), f"{nb.name}: {label} has no solution"


def test_chapters_show_their_objectives_and_the_course_guide_collects_them():
    html = ROOT / "_build" / "html"
    sessions = (html / "book" / "course" / "sessions.html").read_text(encoding="utf-8")
    for nb in NOTEBOOKS:
        page = (html / "notebooks" / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert "casekit-objectives" in page and "Learning objectives" in page, nb.name
        first = json.loads(nb.read_text())["metadata"]["casekit"]["objectives"][0]
        assert first.replace("'", "&#8217;")[:30] in page or first[:30] in page, nb.name
        assert f"notebooks/{nb.stem}.html" in sessions, f"{nb.name} missing from the course map"
        for label in re.findall(r":label: ([\w-]+-ex-[\w-]+)", nb.read_text()):
            assert f"{nb.stem}.html#{label}" in sessions, f"{label} missing from the course map"


def test_the_data_package_is_downloadable_from_the_data_sources_page():
    import zipfile

    html = ROOT / "_build" / "html"
    page = (html / "book" / "data-sources.html").read_text(encoding="utf-8")
    href = re.search(r'href="\.\./(_downloads/[0-9a-f]+/cci-localization-data\.zip)"', page)
    assert href, "no download link for the data package"
    names = set(zipfile.ZipFile(html / href.group(1)).namelist())
    expected = {f"cci-localization-data/{p.relative_to(ROOT / 'data').as_posix()}"
                for p in (ROOT / "data").rglob("*") if p.is_file()}
    assert "cci-localization-data/datapackage.json" in names and names == expected


def test_the_review_is_cited_by_short_title_and_publisher_never_anonymous():
    html = ROOT / "_build" / "html"
    pages = {p: p.read_text(encoding="utf-8") for p in html.rglob("*.html")}
    assert pages
    bad = sorted(str(p.relative_to(html)) for p, text in pages.items() if "Anonymous" in text or "n.d." in text)
    assert not bad, f"pages show 'Anonymous' or 'n.d.': {bad}"
    intro = pages[html / "book" / "intro.html"]
    assert re.search(r"<em>Localization Strategies</em>\s*\[<a [^>]*>SCIRP</a>\]", intro), "textual citation"
    chapter = pages[html / "notebooks" / "03-challenges.html"]
    assert re.search(r"\[<a [^>]*><em>Localization Strategies</em>, SCIRP</a>\]", chapter), "parenthetical citation"
    refs = pages[html / "book" / "references.html"]
    assert "https://www.scirp.org/journal/paperinformation?paperid=137402" in refs
    assert "could not be confirmed" in refs


#: Paths that exist on one machine only: a workplace folder, a home, a system binary.
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|home|root|Users|opt|usr/bin|usr/local/bin)/")


def test_no_file_of_the_book_names_a_machine_path():
    from test_data import source_files

    hits = []
    for rel in source_files():
        path = ROOT / rel
        if path.suffix in {".png", ".jpg", ".zip", ".gz", ".woff2"} or not path.is_file():
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if MACHINE_PATH.search(line):
                hits.append(f"{rel}:{n}: {line.strip()[:100]}")
    assert not hits, "machine paths:\n" + "\n".join(hits)


def test_the_machine_path_check_catches_what_it_should():
    # (spelt in pieces, so that this file does not name a machine path itself)
    for bad in ("/%s/shared/sources/raw" % "work", "exe = '/usr/%s/chromium'" % "bin", "cd /%s/ana/book" % "home"):
        assert MACHINE_PATH.search(bad), bad
    for fine in ("../shared/sources/raw", "https://example.org/a/page", "chromium on PATH"):
        assert not MACHINE_PATH.search(fine), fine


def test_the_api_pages_document_every_casekit_module():
    import pkgutil

    import casekit

    api = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "book" / "api").glob("*.md")))
    documented = set(re.findall(r"automodule:: (casekit[\w.]*)", api))
    assert len(re.findall(r"automodule:: (casekit[\w.]*)", api)) == len(documented), "a module documented twice"
    modules = {m.name for m in pkgutil.walk_packages(casekit.__path__, "casekit.")
               if not m.name.split(".")[-1].startswith("_") and m.name not in ("casekit.__main__",)}
    missing = sorted(m for m in modules if m not in documented and not any(d.startswith(m + ".") for d in documented)
                     and m.count(".") >= 2)
    assert not missing, f"modules without an API section in book/api/: {missing}"
