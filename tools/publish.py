"""Assemble the folder a static host serves, and keep the two publishing settings in one place.

    python tools/publish.py assemble          # _build/site: instructor at /, student under student/
    python tools/publish.py check-settings    # refuse to publish with the placeholder URLs
    python tools/publish.py set-urls --repository URL --baseurl URL   # for your own copy

The two settings live in ``_config.yml``: ``repository.url`` (launch buttons,
the Colab cell of every notebook, CITATION.cff, pyproject.toml) and
``html.baseurl`` (canonical URLs, the sitemap, share cards, robots.txt, the
404 page). ``set-urls`` writes both everywhere they are used;
``tests/test_publish.py`` fails when the places disagree.
"""

from __future__ import annotations

import argparse
import html
import json
import posixpath
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import yaml

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "site"
INSTRUCTOR = ROOT / "_build" / "html"
STUDENT = ROOT / "_build" / "student" / "_build" / "html"
#: The localized editions (book/_ext/casekit_i18n.py): each under /<lang>/, its student edition
#: under /<lang>/student/; built by tools/editions.py.
LANGUAGES = ("zh_CN", "ko", "ja")


def editions() -> list[tuple[str, Path]]:
    """(folder in the site, built HTML) of every edition, the English instructor edition first."""
    out = [("", INSTRUCTOR), ("student/", STUDENT)]
    for lang in LANGUAGES:
        built = ROOT / "_build" / "lang" / lang
        out += [(f"{lang}/", built / "_build" / "html"), (f"{lang}/student/", built / "student" / "_build" / "html")]
    return out
#: The values a fresh copy of the book ships with: they name no one's real site.
PLACEHOLDERS = {
    "repository.url": "https://github.com/cci-localization-book/cci-localization",
    "html.baseurl": "https://cci-localization-book.github.io/cci-localization/",
}
_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def settings() -> dict[str, str]:
    """The two publishing settings, from ``_config.yml``."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return {"repository.url": config["repository"]["url"], "html.baseurl": config["html"]["baseurl"]}


def check_settings() -> list[str]:
    """Problems that forbid publishing (empty when the settings are a real site's)."""
    problems = []
    for key, value in settings().items():
        if value.rstrip("/") == PLACEHOLDERS[key].rstrip("/"):
            problems.append(
                f"{key} in _config.yml is still the placeholder {value}: set it to your own "
                f"copy's address (python tools/publish.py set-urls --repository ... --baseurl ...), "
                f"see the README's 'Publish your own copy'"
            )
    base = settings()["html.baseurl"]
    if not base.startswith("https://") or not base.endswith("/"):
        problems.append(f"html.baseurl must be an https:// URL ending in '/'; it is {base!r}")
    return problems


# --------------------------------------------------------------------------- set-urls

def url_files() -> list[Path]:
    """Every file that carries the repository URL or the base URL."""
    return [ROOT / "_config.yml", ROOT / "CITATION.cff", ROOT / "pyproject.toml", ROOT / ".zenodo.json",
            *sorted((ROOT / "notebooks").glob("*.ipynb"))]


def set_urls(repository: str | None, baseurl: str | None) -> list[Path]:
    """Replace the current URLs by new ones in every file that uses them; return the files changed."""
    current = settings()
    pairs = []
    if repository:
        pairs.append((current["repository.url"].rstrip("/"), repository.rstrip("/")))
    if baseurl:
        pairs.append((current["html.baseurl"], baseurl.rstrip("/") + "/"))
    changed = []
    for path in url_files():
        text = path.read_text(encoding="utf-8")
        new = text
        for old, value in pairs:
            new = new.replace(old, value)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


# --------------------------------------------------------------------------- assemble

def _base_path() -> str:
    return urlsplit(settings()["html.baseurl"]).path or "/"


def _title() -> str:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]


def _toc_files() -> list[str]:
    """Every page of the table of contents, in reading order (the root first)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for e in entries:
            if "file" in e:
                files.append(e["file"])
            walk(e.get("chapters", []) + e.get("sections", []))

    walk(toc.get("parts", []))
    return files


def _chapters() -> list[tuple[str, str]]:
    """(title, path) of every page in the table of contents, titles from the built search index."""
    index = _search_index(INSTRUCTOR)
    titles = dict(zip(index["docnames"], index["titles"]))
    return [(html.unescape(titles.get(f, f)), f"{f}.html") for f in _toc_files()]


def not_found_page() -> str:
    """A 404 page that helps a lost reader: search, the contents, the two editions. Self-contained."""
    base = _base_path()
    links = "\n".join(f'      <li><a href="{base}{href}">{html.escape(t)}</a></li>' for t, href in _chapters())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Page not found — {html.escape(_title())}</title>
  <style>
    body {{ font: 1.05rem/1.6 system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }}
    main {{ max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }}
    h1 {{ font-size: 1.8rem; }} a {{ color: #0b5394; }} a:focus, input:focus, button:focus {{ outline: 3px solid #e69f00; }}
    input, button {{ font: inherit; padding: .35rem .6rem; }}
    @media (prefers-color-scheme: dark) {{ body {{ color: #eee; background: #121212; }} a {{ color: #8ab4f8; }} }}
  </style>
</head>
<body>
  <main>
    <h1>This page is not in the book</h1>
    <p>The address may be mistyped, or the page may have moved when the book was revised.
    Search for what you were looking for, or pick a chapter below.</p>
    <form action="{base}search.html" method="get" role="search">
      <label for="q">Search the book</label>
      <input id="q" name="q" type="search">
      <button type="submit">Search</button>
    </form>
    <h2>Contents</h2>
    <ul>
{links}
    </ul>
    <p>Students: the <a href="{base}student/{_toc_files()[0]}.html">student edition</a> has the same chapters
    without the solutions.</p>
  </main>
</body>
</html>
"""


def write_sitemap(path: Path, urls: list[str]) -> None:
    ElementTree.register_namespace("", _NS)
    root = ElementTree.Element(f"{{{_NS}}}urlset")
    for url in dict.fromkeys(urls):
        ElementTree.SubElement(ElementTree.SubElement(root, f"{{{_NS}}}url"), f"{{{_NS}}}loc").text = url
    ElementTree.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _search_index(edition: Path) -> dict:
    """The edition's search index: Sphinx's own list of the pages (and titles) of its last build."""
    js = (edition / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(js[js.index("(") + 1: js.rindex(")")])


def _docnames(edition: Path) -> set[str]:
    """The pages Sphinx wrote in the edition's last build."""
    return set(_search_index(edition)["docnames"])


def drop_stale_pages(folder: Path, edition: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Remove HTML pages an earlier build left behind (Sphinx never deletes them)."""
    keep = _docnames(edition) | {"index", "search", "genindex"}
    stale = []
    for page in folder.glob("**/*.html"):
        rel = page.relative_to(folder)
        if rel.parts[0].startswith("_") or rel.parts[0] in skip:
            continue  # _static/, _sources/: theme and download files, not pages; another edition
        if rel.with_suffix("").as_posix() not in keep:
            page.unlink()
            stale.append(rel.as_posix())
    return stale


# --------------------------------------------------------------------------- files no page uses

#: Files a host, a browser or a crawler asks for by name, not because a page links them.
ROOT_FILES = {"404.html", "robots.txt", "sitemap.xml", ".nojekyll", "objects.inv", "searchindex.js"}
#: Licence and provenance notes of third-party code travel with that code (its licence requires it).
_LEGAL = re.compile(r"(^|/)(LICEN[CS]E[^/]*|[^/]*\.LICENSE\.txt|SOURCE\.txt)$", re.I)
_HTML_REF = re.compile(r"""\b(?:src|href|content|poster|data-[\w-]+)\s*=\s*["']([^"'<>]+)["']""", re.I)
_SRCSET = re.compile(r"""\bsrcset\s*=\s*["']([^"']+)["']""", re.I)
_CSS_REF = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)|@import\s+["']([^"']+)["']""")
_EXT = r"(?:js|mjs|css|woff2?|ttf|otf|eot|svg|png|jpe?g|gif|webp|ico|json|html|txt|xml|ipynb|md|zip|csv|mo)"
_SCRIPT_REF = re.compile(r"""[\w.~@%+-]*(?:/[\w.~@%+-]+)*\.""" + _EXT + r"""\b""")


def _edition(rel: str) -> str:
    """The folder of the edition a site file belongs to: '' (English instructor), 'student/',
    '<lang>/' or '<lang>/student/'."""
    parts = rel.split("/")
    lang = f"{parts[0]}/" if parts[0] in LANGUAGES and len(parts) > 1 else ""
    rest = parts[1:] if lang else parts
    return lang + ("student/" if rest[0] == "student" and len(rest) > 1 else "")


def _resolve(ref: str, origin: str, base_url: str, base_path: str) -> str | None:
    """The site-relative path a reference made from the file ``origin`` points at (None: elsewhere)."""
    ref = html.unescape(ref.strip())
    if ref.startswith(base_url):
        ref = "/" + ref[len(base_url):]
        base_path = "/"
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # another host, mailto:, data:, javascript:, or a fragment of the same page
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        rel = path[len(base_path):]
    else:
        rel = posixpath.join(posixpath.dirname(origin), path)
    rel = posixpath.normpath(rel)
    if rel.startswith("..") or rel == ".":
        return "index.html" if rel == "." else None
    return rel


def referenced_files(site: Path) -> set[str]:
    """Every file of ``site`` (site-relative paths) that a root or a page reaches.

    Roots: every HTML page outside ``_static``, the files in ``ROOT_FILES`` of each edition, and the
    licence notes of vendored code. From a page: src/href/content/data-* attributes and srcset; from
    CSS: url() and @import; from JavaScript (which builds URLs at run time): every file name the script
    names, matched against the files of its edition by their path's end (MathJax names its fonts so).
    """
    base_url = settings()["html.baseurl"]
    base_path = _base_path()
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    by_name: dict[str, list[str]] = {}
    for rel in files:
        by_name.setdefault(posixpath.basename(rel), []).append(rel)
    roots = {r for r in files if r.endswith(".html") and "_static" not in r.split("/")}
    roots |= {r for r in files if posixpath.basename(r) in ROOT_FILES or _LEGAL.search(r)}
    seen, todo = set(), list(roots)
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        seen.add(rel)
        suffix = posixpath.splitext(rel)[1].lower()
        if suffix not in {".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt"}:
            continue
        text = (site / rel).read_text(encoding="utf-8", errors="ignore")
        found: set[str] = set()
        if suffix == ".html":
            refs = [m.group(1) for m in _HTML_REF.finditer(text)]
            refs += [c.split()[0] for m in _SRCSET.finditer(text) for c in m.group(1).split(",") if c.split()]
            refs += [m.group(1) or m.group(2) for m in _CSS_REF.finditer(text)]  # inline styles
            found = {_resolve(r, rel, base_url, base_path) for r in refs}
        elif suffix == ".css":
            found = {_resolve(m.group(1) or m.group(2), rel, base_url, base_path) for m in _CSS_REF.finditer(text)}
        if suffix in {".html", ".js", ".mjs"}:  # scripts (inline ones too) name files to load
            edition = _edition(rel)
            for name in set(_SCRIPT_REF.findall(text)):
                segments = name.split("/")  # keep the plain names at the end: "%%URL%%/font.woff" -> "font.woff"
                while segments[:-1] and any(s in {"", ".", ".."} or "%" in s for s in segments[:-1]):
                    segments.pop(0)
                tail = "/".join(segments)
                for candidate in by_name.get(posixpath.basename(tail), ()):
                    if _edition(candidate) == edition and (candidate == tail or candidate.endswith("/" + tail)):
                        found.add(candidate)
        for target in found:
            if target is None:
                continue
            if target not in files and target.rstrip("/") + "/index.html" in files:
                target = target.rstrip("/") + "/index.html"
            if target in files and target not in seen:
                todo.append(target)
    return seen


def unreferenced_files(site: Path) -> list[str]:
    """The files of ``site`` that no page, style sheet or script references (sorted)."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return sorted(files - referenced_files(site))


def drop_unreferenced(site: Path) -> tuple[int, int]:
    """Remove the files no page references, and the folders left empty; return (files, bytes)."""
    count = size = 0
    for rel in unreferenced_files(site):
        path = site / rel
        size += path.stat().st_size
        path.unlink()
        count += 1
    for folder in sorted((p for p in site.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return count, size


def assemble(target: Path = SITE) -> Path:
    """Copy both editions into ``target`` and add the sitemap, 404 page and robots.txt."""
    for _, edition in editions():
        if not (edition / "index.html").exists():
            raise SystemExit(f"no built edition in {edition}: run `make book` and `make student` first")
    if target.exists():
        shutil.rmtree(target)
    stale, urls = [], []
    base = settings()["html.baseurl"]
    for folder, edition in editions():
        shutil.copytree(edition, target / folder, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"),
                        dirs_exist_ok=True)
        nested = tuple(f.removeprefix(folder).split("/")[0] for f, _ in editions() if f != folder and f.startswith(folder))
        stale += [f"{folder}{r}" for r in drop_stale_pages(target / folder, edition, skip=nested)]
        own = [f"{base}{folder}{d}.html" for d in sorted(_docnames(edition))]
        write_sitemap(target / folder / "sitemap.xml", own)
        urls += own
    for rel in stale:
        print(f"left out {rel}: a page of an earlier build, not of the last one")
    # every page of every edition, from each build's own list of pages: sphinx-sitemap's file holds
    # only the pages an incremental build rewrote
    write_sitemap(target / "sitemap.xml", urls)
    (target / "404.html").write_text(not_found_page(), encoding="utf-8")
    (target / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")
    (target / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages: serve _static/ as is
    count, size = drop_unreferenced(target)
    print(f"left out {count} files no page references ({size / 1024 / 1024:.1f} MB): theme extras, "
          "source maps, translations, unused library parts")
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("assemble", help="build _build/site from the two editions")
    sub.add_parser("check-settings", help="refuse to publish with placeholder URLs")
    urls = sub.add_parser("set-urls", help="set the repository URL and/or the site's base URL everywhere")
    urls.add_argument("--repository", help="e.g. https://github.com/you/your-book")
    urls.add_argument("--baseurl", help="e.g. https://you.github.io/your-book/")
    args = parser.parse_args(argv)
    if args.command == "assemble":
        print(f"the site is in {assemble().relative_to(ROOT)}")
    elif args.command == "check-settings":
        problems = check_settings()
        for p in problems:
            print(f"cannot publish: {p}", file=sys.stderr)
        if problems:
            return 1
        print("publishing settings OK: " + json.dumps(settings()))
    else:
        if not (args.repository or args.baseurl):
            parser.error("give --repository and/or --baseurl")
        for path in set_urls(args.repository, args.baseurl):
            print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
