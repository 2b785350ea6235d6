"""The print edition: a PDF of the whole book and one per chapter, for every edition.

    make pdf                                  # or: .venv/bin/python tools/pdf.py
    python tools/pdf.py --edition "" --edition student/ --paper Letter

Each edition's built site (instructor and student, English and each localized edition) is
printed by the headless Chromium the browser tests use, through its own print stylesheet
(``_static/casekit.css``, ``@media print``): the same pages a reader prints from the site.

* A chapter's PDF is its page printed as it is: the charts are the static pictures Vega drew
  at build time (vector SVG), each with its title and source under it, a sentence giving the
  state of its controls, and a link to its data table online in place of the table; exercises
  are there, and solutions in the instructor edition only (the student edition has none).
  JavaScript is off while printing, so nothing but the build's own output is printed.
* The book's PDF is one document: a title page with the citation, a table of contents with
  page numbers, then the introduction, the chapters and the reference pages, each starting
  on a new page. It is printed twice: the first print's outline (Chromium writes one from the
  headings) says on which page each part starts, and the second print has those numbers.

Both have page numbers in the footer and an outline (bookmarks) from the headings, and are
tagged (a chart is a figure with its title as alternative text). The words of the title page
come from the edition's own pages (``casekit_print.py`` puts them there, translated), so a
localized edition's PDF uses the fonts the site ships.

Output: ``_build/pdf/<edition>/`` (``_build/pdf/`` for the English instructor edition,
``student/``, ``ja/``, ``ja/student/``...), and a copy in the edition's site under ``_pdf/``,
where its pages link to them.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "book" / "_ext"))

from casekit_print import BOOK_PDF, BOOK_PAGES, PDF_DIR, chapter_pdf, is_chapter  # noqa: E402

OUT = ROOT / "_build" / "pdf"
PAPERS = ("A4", "Letter")
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
FOOTER = ('<div style="width:100%;font-size:8px;font-family:sans-serif;color:#333;text-align:center;'
          'padding:0 16mm"><span class="pageNumber"></span> / <span class="totalPages"></span></div>')
#: Attributes whose value names an element id of the page (rewritten when pages are joined).
_ID_REFS = ("aria-describedby", "aria-labelledby", "aria-controls", "for", "headers")


def editions() -> list[tuple[str, Path]]:
    """(prefix, built site) of every edition built so far (publish.editions: English first)."""
    from publish import editions as all_editions

    return [(prefix, html) for prefix, html in all_editions() if (html / "index.html").exists()]


def _pdf(page, path: Path | None, paper: str) -> bytes:
    """The page printed, its outline titled from its headings; written to ``path`` if given."""
    page.emulate_media(media="print")
    titles = page.evaluate(_HEADINGS)
    pdf = page.pdf(format=paper, print_background=True, outline=True, tagged=True, display_header_footer=True,
                   header_template="<span></span>", footer_template=FOOTER, margin=MARGIN)
    pdf = _finish(pdf, titles)
    if path is not None:
        path.write_bytes(pdf)
    return pdf


#: The headings of a page as printed (Chromium's outline has one entry for each, in order).
_HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(h => h.getClientRects().length > 0)
    .map(h => h.innerText.replace(/#$/, '').replace(/\\s+/g, ' ').trim())"""


def _finish(pdf: bytes, titles: list[str]) -> bytes:
    """The PDF with its outline's titles set to the headings' own text (Chromium's outline joins
    a heading's lines with no space, and may repeat a heading split at a page boundary), saved
    with object streams (the tagged structure is many small objects: half the size)."""
    import pikepdf

    doc = pikepdf.open(io.BytesIO(pdf))
    with doc.open_outline() as outline:
        entries = []

        def walk(items):
            for item in items:
                entries.append(item)
                walk(item.children)

        walk(outline.root)
        if len(entries) != len(titles):
            raise RuntimeError(f"the PDF's outline has {len(entries)} entries for {len(titles)} headings")
        for item, title in zip(entries, titles):
            item.title = title
    out = io.BytesIO()
    doc.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    return out.getvalue()


def _ready(page) -> None:
    """Every font and picture of the page loaded (JavaScript is off: nothing else changes it)."""
    page.wait_for_load_state("load")
    page.evaluate("""() => document.fonts.ready.then(() => Promise.all([...document.images]
        .filter(i => !i.complete).map(i => new Promise(r => { i.onload = i.onerror = r; }))))""")


# --- the book: one document from the edition's pages ------------------------------------


def _print_words(intro) -> dict:
    """The title page's words, as casekit_print.py wrote them (translated) into the intro page."""
    block = intro.select_one("div.casekit-print-title")
    if block is None:
        raise SystemExit("the intro page has no print title block: build the book first (make book)")
    return {k.removeprefix("data-"): v for k, v in block.attrs.items() if k.startswith("data-")} | {"block": block}


def _section(soup, docname: str, page_url: str, base: str, online: str, included: dict[str, str], n: int):
    """The page's article, its links made to work inside the book (or online), its ids made unique."""
    article = soup.select_one("article.bd-article")
    for tag in article.select("nav.casekit-languages, .casekit-pdf-link, .headerlink, .casekit-print-title"):
        tag.decompose()
    prefix = f"p{n}-"
    ids = {t["id"] for t in article.select("[id]")}
    for tag in article.select("[id]"):
        tag["id"] = prefix + tag["id"]
    for tag in article.find_all(True):
        for attr in _ID_REFS:
            if tag.has_attr(attr):
                value = tag[attr]
                words = value if isinstance(value, list) else value.split()
                tag[attr] = " ".join(prefix + w if w in ids else w for w in words)
        for attr in ("clip-path", "mask", "fill", "filter", "style"):
            if tag.has_attr(attr) and "url(#" in tag[attr]:
                tag[attr] = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})"
                                   if m.group(1) in ids else m.group(0), tag[attr])
        for attr in ("src", "href", "xlink:href"):
            if not tag.has_attr(attr):
                continue
            ref = tag[attr]
            if ref.startswith("#"):
                if ref[1:] in ids:
                    tag[attr] = f"#{prefix}{ref[1:]}"
                continue
            if re.match(r"^[a-z]+:", ref):
                continue  # already absolute (https:, mailto:, data:)
            url = urljoin(page_url, ref)
            path, _, fragment = url.removeprefix(base).partition("#")
            target = path.removesuffix(".html")
            if tag.name == "a" and target in included:
                tag[attr] = f"#{included[target]}-{fragment}" if fragment else f"#{included[target]}"
            elif tag.name == "a":
                tag[attr] = online + path + (f"#{fragment}" if fragment else "")
            else:
                tag[attr] = "/" + path  # a file of the site (pictures, fonts): served beside the book
    return article


def book_html(site: Path, base: str, pages: list[str], numbers: dict[str, int] | None = None) -> str:
    """The whole book as one HTML document, served from ``base`` (the edition's site)."""
    from bs4 import BeautifulSoup

    intro = BeautifulSoup((site / f"{pages[0]}.html").read_text(encoding="utf-8"), "html.parser")
    words = _print_words(intro)
    online = words["online"]
    included = {d: f"p{i}" for i, d in enumerate(pages)}
    head = [str(t) for t in intro.head.select('meta[charset], link[rel="stylesheet"], style')]
    head_html = "\n".join(re.sub(r'href="(?!https?:)(?:\.\./)*([^"]+)"', r'href="/\1"', h) for h in head)
    lang = intro.html.get("lang", "en")
    parts, toc = [], []
    for i, docname in enumerate(pages):
        soup = BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
        article = _section(soup, docname, f"{base}/{docname}.html", f"{base}/", online, included, i)
        h1 = article.find("h1")
        title = " ".join(h1.get_text().split()) if h1 else docname
        parts.append((docname, title, article))
        number = "" if numbers is None else str(numbers.get(docname, ""))
        toc.append(f'<li><a href="#p{i}">{_escape(title)}</a><span class="casekit-toc-page">{number}</span></li>')
    body = []
    for i, (docname, title, article) in enumerate(parts):
        body.append(f'<section class="casekit-book-page" id="p{i}" data-docname="{docname}">'
                    f'<div class="bd-content"><article class="bd-article">{article.decode_contents()}</article></div></section>')
    title_block = words["block"]
    title_block["class"] = ["casekit-book-title"]
    return (f'<!DOCTYPE html>\n<html lang="{lang}" data-theme="light" data-mode="light"><head>'
            f'<base href="{base}/">{head_html}<title>{_escape(words["title"])}</title>'
            f'<style>{BOOK_CSS}</style></head><body class="casekit-book">'
            f'{title_block}'
            f'<nav class="casekit-book-contents" aria-labelledby="casekit-contents"><h1 id="casekit-contents">'
            f'{_escape(words["contents"])}</h1><ol>{"".join(toc)}</ol></nav>'
            f'{"".join(body)}</body></html>')


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)


#: The book's own layout: a title page, the contents, each page of the site from a new page.
BOOK_CSS = """
body.casekit-book { margin: 0; background: #fff; }
.casekit-book-title { display: flex !important; flex-direction: column; justify-content: center;
  min-height: 240mm; break-after: page; }
.casekit-book-title h1 { font-size: 2.2rem; margin-bottom: 1rem; }
.casekit-book-contents { break-after: page; }
.casekit-book-contents ol { list-style: none; padding: 0; }
.casekit-book-contents li { display: flex; gap: 0.5rem; padding: 0.2rem 0; border-bottom: 1px dotted #999; }
.casekit-book-contents li a { flex: 1; color: inherit; text-decoration: none; }
.casekit-toc-page { min-width: 2.5rem; text-align: right; font-variant-numeric: tabular-nums; }
section.casekit-book-page { break-before: page; }
"""


def start_pages(pdf: bytes, titles: list[str]) -> list[int]:
    """The 1-based page on which each of ``titles`` starts: the top-level entries of the PDF's
    outline, in order (Chromium writes them from the h1 headings)."""
    import pikepdf

    doc = pikepdf.open(io.BytesIO(pdf))
    pages = {page.objgen: i + 1 for i, page in enumerate(doc.pages)}
    with doc.open_outline() as outline:
        entries = [(" ".join(item.title.split()), pages[item.destination[0].objgen]) for item in outline.root]
    found, at = [], 0
    for title in titles:
        key = " ".join(title.split())
        for j in range(at, len(entries)):
            if entries[j][0] == key:
                found.append(entries[j][1])
                at = j + 1
                break
        else:
            raise RuntimeError(f"the book's outline has no entry {title!r} after entry {at}: {entries}")
    return found


# --- printing ------------------------------------------------------------------------------


def fingerprint(site: Path, paper: str) -> str:
    """A digest of what an edition's PDFs are printed from: its pages, styles, pictures and fonts,
    this program and the paper. The same digest: the PDFs printed last time are still right."""
    import hashlib

    digest = hashlib.sha256(f"{paper}|".encode() + Path(__file__).read_bytes())
    for path in sorted(p for p in site.rglob("*") if p.is_file() and PDF_DIR not in p.relative_to(site).parts
                       and p.suffix in {".html", ".css", ".svg", ".woff2", ".js"}):
        digest.update(str(path.relative_to(site)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


#: Where an edition's digest is kept, beside its PDFs.
STAMP = ".printed"


def print_edition(browser, prefix: str, site: Path, paper: str = "A4", chapters: list[str] | None = None,
                  book: bool = True) -> list[Path]:
    """Print one edition's chapters and book into its ``_pdf/`` folder and ``_build/pdf/<prefix>``."""
    from localsite import serve

    target = site / PDF_DIR
    target.mkdir(exist_ok=True)
    written = []
    context = browser.new_context(java_script_enabled=False, color_scheme="light")
    page = context.new_page()
    with serve(site) as base:
        docs = [d for d in BOOK_PAGES if (site / f"{d}.html").exists()]
        for docname in chapters if chapters is not None else [d for d in docs if is_chapter(d)]:
            page.goto(f"{base}/{docname}.html")
            _ready(page)
            out = target / chapter_pdf(docname)
            _pdf(page, out, paper)
            written.append(out)
        if book:
            out = target / BOOK_PDF
            draft = book_html(site, base, docs)
            page.set_content(draft, wait_until="load")
            _ready(page)
            titles = page.evaluate("""() => ['#casekit-contents', ...[...document.querySelectorAll(
                'section.casekit-book-page')].map(s => '#' + s.id + ' h1')].map(q => document.querySelector(q)
                .innerText.replace(/#$/, '').replace(/\\s+/g, ' ').trim())""")
            numbers = dict(zip(docs, start_pages(_pdf(page, None, paper), titles)[1:]))
            page.set_content(book_html(site, base, docs, numbers), wait_until="load")
            _ready(page)
            _pdf(page, out, paper)
            written.append(out)
    context.close()
    mirror = OUT / prefix
    mirror.mkdir(parents=True, exist_ok=True)
    for path in written:
        shutil.copyfile(path, mirror / path.name)
    return written


def _print_one(prefix: str, site: str, paper: str, force: bool = False) -> tuple[str, int | None]:
    """Print one edition in a browser of its own (editions are printed side by side); None when
    its PDFs were printed from the same pages already (``--force`` prints them again)."""
    from localsite import CHROMIUM_ARGS, find_chromium
    from playwright.sync_api import sync_playwright

    site = Path(site)
    stamp = site / PDF_DIR / STAMP
    mine = fingerprint(site, paper)
    expected = [BOOK_PDF, *(chapter_pdf(d) for d in BOOK_PAGES if is_chapter(d))]
    if (not force and stamp.exists() and stamp.read_text() == mine
            and all((site / PDF_DIR / n).exists() and (OUT / prefix / n).exists() for n in expected)):
        return prefix, None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        try:
            n = len(print_edition(browser, prefix, site, paper))
        finally:
            browser.close()
    stamp.write_text(mine)
    return prefix, n


def main(argv: list[str] | None = None) -> int:
    import os
    from concurrent.futures import ProcessPoolExecutor

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edition", action="append",
                        help='an edition by its path in the site: "" (English), student/, ja/, ja/student/... '
                             "(default: every edition built)")
    parser.add_argument("--paper", default="A4", choices=PAPERS)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="editions printed at once")
    parser.add_argument("--force", action="store_true", help="print even where the pages have not changed")
    args = parser.parse_args(argv)

    built = editions()
    if not built:
        raise SystemExit("no edition is built: run make book first")
    known = {prefix for prefix, _ in built}
    wanted = args.edition if args.edition is not None else [p for p, _ in built]
    unknown = [e for e in wanted if e not in known]
    if unknown:
        raise SystemExit(f"no built edition {unknown[0]!r}; built: {', '.join(repr(p) for p, _ in built)}")
    todo = [(prefix, str(site), args.paper, args.force) for prefix, site in built if prefix in wanted]
    with ProcessPoolExecutor(max_workers=max(1, min(args.jobs, len(todo)))) as pool:
        for prefix, n in pool.map(_print_one, *zip(*todo)):
            where = (OUT / prefix).relative_to(ROOT)
            print(f"{prefix or 'English'}: " + (f"{n} PDFs in {where}" if n is not None else
                                                f"PDFs in {where} already printed from these pages"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
