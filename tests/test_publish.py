"""Publishing: the workflows, the two URL settings, the versions, and the assembled site.

The site folder tests read ``_build/site``, which ``make test`` assembles
(``make site``) before running them.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tomllib
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import actionlint  # noqa: E402
import publish  # noqa: E402

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SITE = ROOT / "_build" / "site"


# --------------------------------------------------------------------------- workflows

def test_the_workflows_pass_actionlint():
    assert WORKFLOWS
    assert actionlint.lint(WORKFLOWS) == []


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo hi\n        shell: bashh\n")
    found = actionlint.lint([bad])
    assert [f["kind"] for f in found] == ["shell-name"]


def test_every_action_is_pinned_to_a_full_commit_sha():
    uses = [(w.name, u) for w in WORKFLOWS for u in re.findall(r"uses:\s*(\S+)", w.read_text())]
    assert uses
    loose = [f"{w}: {u}" for w, u in uses if not u.startswith("./") and not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", u)]
    assert not loose, loose


def test_permissions_are_the_least_each_job_needs():
    for path in WORKFLOWS:
        flow = yaml.safe_load(path.read_text())
        assert flow["permissions"] == {"contents": "read"}, path.name
        for name, job in flow["jobs"].items():
            granted = job.get("permissions", {})
            writes = {k for k, v in granted.items() if v == "write"}
            if {"pages", "id-token"} & writes:
                assert name == "deploy" and writes == {"pages", "id-token"}, (path.name, name)
                assert "actions/deploy-pages@" in json.dumps(job["steps"]), "only the deploy step gets them"
            elif writes:
                assert path.name == "release.yml" and writes == {"contents"}, (path.name, name, writes)


def test_main_deploys_pull_requests_get_a_preview_and_links_never_block():
    book = yaml.safe_load((ROOT / ".github/workflows/book.yml").read_text())
    on = book[True]  # PyYAML reads the key `on` as True
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    steps = json.dumps(book["jobs"]["build"]["steps"])
    assert "make book" in steps and "make test" in steps and "check-settings" in steps
    assert "actions/upload-artifact@" in steps and "actions/upload-pages-artifact@" in steps
    links = yaml.safe_load((ROOT / ".github/workflows/linkcheck.yml").read_text())
    assert set(links[True]) == {"schedule", "workflow_dispatch"}


# --------------------------------------------------------------------------- settings and versions

def test_the_two_urls_are_one_setting_each_used_everywhere():
    s = publish.settings()
    repo, base = s["repository.url"], s["html.baseurl"]
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    zenodo = json.loads((ROOT / ".zenodo.json").read_text())
    assert cff["repository-code"] == repo and cff["url"] == base
    assert project["urls"] == {"Homepage": repo, "Documentation": base}
    assert {r["identifier"] for r in zenodo["related_identifiers"]} == {repo, base}
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"git+{repo}" in nb.read_text(), nb.name


def test_the_versions_agree():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert yaml.safe_load((ROOT / "CITATION.cff").read_text())["version"] == version
    assert json.loads((ROOT / ".zenodo.json").read_text())["version"] == version
    assert f"This is version {version} of the book." in (ROOT / "book" / "intro.md").read_text()
    import casekit

    assert casekit.__version__ == version


def test_publishing_with_the_placeholder_urls_is_refused(monkeypatch):
    problems = publish.check_settings()
    assert len(problems) == 2 and "repository.url" in problems[0] and "html.baseurl" in problems[1]
    assert all("set-urls" in p for p in problems)
    monkeypatch.setattr(publish, "settings", lambda: {"repository.url": "https://github.com/ana/book",
                                                      "html.baseurl": "https://ana.github.io/book/"})
    assert publish.check_settings() == []


def test_set_urls_rewrites_every_place_that_uses_them(tmp_path, monkeypatch):
    for path in publish.url_files():
        target = tmp_path / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    monkeypatch.setattr(publish, "ROOT", tmp_path)
    changed = publish.set_urls("https://github.com/ana/book", "https://ana.github.io/book")
    assert publish.settings() == {"repository.url": "https://github.com/ana/book",
                                  "html.baseurl": "https://ana.github.io/book/"}
    assert len(changed) == len(publish.url_files())
    for path in changed:
        text = path.read_text()
        assert "cci-localization-book" not in text, path.name


# --------------------------------------------------------------------------- the assembled site

def _pages(folder: Path) -> list[Path]:
    skip = {"search.html", "genindex.html", "404.html"}
    return sorted(p for p in folder.rglob("*.html")
                  if p.name not in skip and not p.relative_to(folder).parts[0].startswith("_")
                  and (p.relative_to(folder).parts[:2] != ("student", "_static")))


def _content_pages() -> list[Path]:
    redirects = {f"{folder}index.html" for folder, _ in publish.editions()}  # each edition's root: a redirect
    return [p for p in _pages(SITE) if "_static" not in p.parts and "_sources" not in p.parts
            and p.relative_to(SITE).as_posix() not in redirects]


def test_the_site_has_both_editions_a_404_page_and_robots_txt():
    assert (SITE / "index.html").exists() and (SITE / "student" / "index.html").exists()
    assert (SITE / "404.html").exists() and (SITE / ".nojekyll").exists()
    base = publish.settings()["html.baseurl"]
    assert f"Sitemap: {base}sitemap.xml" in (SITE / "robots.txt").read_text()


def test_the_sitemap_lists_every_page_of_both_editions():
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {loc.text for loc in ElementTree.parse(SITE / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    base = publish.settings()["html.baseurl"]
    pages = {base + p.relative_to(SITE).as_posix() for p in _content_pages()}
    assert pages and pages <= urls, sorted(pages - urls)[:5]
    assert any("/student/" in u for u in urls)
    assert all(u.startswith(base) for u in urls)


def test_every_page_has_its_canonical_url_and_a_share_card():
    base = publish.settings()["html.baseurl"]
    for page in _content_pages():
        text = page.read_text(encoding="utf-8")
        url = base + page.relative_to(SITE).as_posix()
        assert f'<link rel="canonical" href="{url}" />' in text, page
        for prop in ("og:title", "og:description", "og:url", "og:image", "og:site_name"):
            assert f'property="{prop}"' in text, (page, prop)
        image = re.search(r'property="og:image" content="([^"]+)"', text).group(1)
        assert image.startswith(base)
        assert (SITE / image[len(base):]).stat().st_size > 2000, image


def test_the_404_page_helps_a_lost_reader():
    text = (SITE / "404.html").read_text()
    base_path = "/" + publish.settings()["html.baseurl"].split("/", 3)[3]
    assert 'role="search"' in text and f'action="{base_path}search.html"' in text
    for title, href in publish._chapters():
        assert f'href="{base_path}{href}"' in text
    assert "http" not in re.sub(r'href="[^"]*"|action="[^"]*"', "", text.split("<body>")[1])


def test_pages_of_an_earlier_build_are_left_out_of_the_site(tmp_path):
    """Sphinx never deletes a page it no longer builds; the assembled site does not carry it."""
    (tmp_path / "searchindex.js").write_text('Search.setIndex({"docnames": ["a", "book/b"], "terms": {}})')
    for rel in ("a.html", "book/b.html", "index.html", "old.html", "book/gone.html", "_static/x.html", "student/z.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("<html></html>")
    stale = publish.drop_stale_pages(tmp_path, tmp_path, skip=("student",))
    assert sorted(stale) == ["book/gone.html", "old.html"]
    assert (tmp_path / "_static/x.html").exists() and (tmp_path / "student/z.html").exists()
