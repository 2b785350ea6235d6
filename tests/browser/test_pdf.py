"""The print edition (tools/pdf.py, `make pdf`): the whole book and each chapter as PDFs, in
every edition built. What a reader, an instructor and a library need from them: every
chapter title and chart caption in the text, as many charts as the site, no solution in a
student PDF, fonts embedded, no blank page, an outline, pages that fit A4 and US Letter."""

from __future__ import annotations

import html as htmllib
import io
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "book" / "_ext"))

from casekit_print import BOOK_PAGES, BOOK_PDF, PDF_DIR, chapter_pdf, is_chapter  # noqa: E402
from localsite import serve  # noqa: E402
from publish import editions  # noqa: E402

OUT = ROOT / "_build" / "pdf"
CHAPTERS = [d for d in BOOK_PAGES if is_chapter(d)]
BUILT = [(prefix, site) for prefix, site in editions() if (site / "index.html").exists()]
IDS = [prefix.rstrip("/") or "en" for prefix, _ in BUILT]


def _squash(text: str) -> str:
    """Text compared without its whitespace (a PDF breaks lines and words where it must)."""
    text = unicodedata.normalize("NFKC", htmllib.unescape(text))  # ligatures (ﬁ) as letters
    return re.sub(r"\s+", "", text).replace("\u00ad", "")


@lru_cache(maxsize=None)
def _read(path: Path):
    """(reader, text of each page) of a PDF, read once per session: pypdf for its objects
    (fonts, outline, tags), PDFium for its text (pypdf's extraction took most of this file's time)."""
    from pypdf import PdfReader

    if not path.exists():
        pytest.fail(f"no {path.relative_to(ROOT)}: run `make pdf` (`make test` does it for you)")
    data = path.read_bytes()
    return PdfReader(io.BytesIO(data)), _page_texts(data)


def _page_texts(data: bytes) -> list[str]:
    """The text of each page of a PDF, as PDFium reads it: its CR LF line ends made LF, and
    the hyphen it finds at a line's end (which it gives as U+FFFE) the hyphen drawn there."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in doc:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().replace("\r\n", "\n").replace("\ufffe", "-"))
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


#: The page number in each page's footer ("12 / 185"), left out of the text read across pages.
_FOOTER = re.compile(r"^\s*\d+\s*/\s*\d+\s*$", re.M)


def _text(path: Path) -> str:
    return _squash("".join(_FOOTER.sub("", page) for page in _read(path)[1]))


@lru_cache(maxsize=None)
def _page(site: Path, docname: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "lxml")


def _title(site: Path, docname: str) -> str:
    h1 = _page(site, docname).select_one("article.bd-article h1")
    return h1.get_text(" ", strip=True).removesuffix("#").strip()


def _charts(site: Path, docname: str) -> list[tuple[str, str]]:
    """(title, source line) of each chart of a page, as the site shows them."""
    out = []
    for fig in _page(site, docname).select("figure.casekit-chart"):
        picture = fig.select_one("img.casekit-static") or fig.select_one(".casekit-static svg")
        title = picture.get("alt") or picture.get("aria-label")
        source = fig.select_one(".casekit-source")
        out.append((title, source.get_text(" ", strip=True) if source else ""))
    return out


@lru_cache(maxsize=None)
def _figures(path: Path) -> list[str]:
    """The alternative text of every tagged figure of a PDF that has one (the charts' pictures),
    read with pikepdf (qpdf walks the structure tree some 20 times faster than pypdf)."""
    import pikepdf

    _read(path)  # the same message as the other checks when the PDF is missing
    found = []
    with pikepdf.open(path) as pdf:
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure" and "/Alt" in node:
                    found.append(str(node.Alt))
                if "/K" in node:
                    stack.append(node.K)
            elif isinstance(node, pikepdf.Array):
                stack.extend(reversed(list(node)))
    return found


@pytest.mark.parametrize(("prefix", "site"), BUILT, ids=IDS)
def test_each_edition_has_the_book_and_every_chapter_as_pdf_linked_from_its_pages(prefix, site):
    expected = [BOOK_PDF, *(chapter_pdf(d) for d in CHAPTERS)]
    missing = [name for name in expected if not (OUT / prefix / name).exists()]
    assert not missing, f"{prefix or 'English'}: no {missing} in _build/pdf/{prefix}: run `make pdf`"
    for name in expected:  # the site's copy, which its pages link to, is the same file
        assert (site / PDF_DIR / name).read_bytes() == (OUT / prefix / name).read_bytes(), name
    for docname in CHAPTERS:
        links = [a["href"] for a in _page(site, docname).select("a.casekit-pdf")]
        assert links == [f"../{PDF_DIR}/{chapter_pdf(docname)}"], (docname, links)
    intro = [a["href"] for a in _page(site, BOOK_PAGES[0]).select("a.casekit-pdf")]
    assert intro == [f"../{PDF_DIR}/{BOOK_PDF}"], intro
    sources = {a["href"] for a in _page(site, "book/data-sources").select("a.casekit-pdf")}
    assert sources == {f"../{PDF_DIR}/{name}" for name in expected}, sources


@pytest.mark.parametrize(("prefix", "site"), BUILT, ids=IDS)
def test_every_chapter_title_and_chart_caption_is_in_the_pdfs_and_every_chart_is_a_figure(prefix, site):
    book = _text(OUT / prefix / BOOK_PDF)
    book_figures = _figures(OUT / prefix / BOOK_PDF)
    problems, total = [], 0
    for docname in BOOK_PAGES:
        title = _title(site, docname)
        if _squash(title) not in book:
            problems.append(f"book: no title {title!r}")
    for docname in CHAPTERS:
        chapter = OUT / prefix / chapter_pdf(docname)
        text = _text(chapter)
        title = _title(site, docname)
        if _squash(title) not in text:
            problems.append(f"{chapter.name}: no title {title!r}")
        charts = _charts(site, docname)
        total += len(charts)
        for chart_title, source in charts:
            for label, words in (("caption", chart_title), ("source", source)):
                if _squash(words) not in text:
                    problems.append(f"{chapter.name}: no {label} {words[:70]!r}")
                if _squash(words) not in book:
                    problems.append(f"book: no {label} {words[:70]!r}")
        # each chart is in the PDF as a picture (a tagged figure named after the chart)
        figures = _figures(chapter)
        if sorted(figures) != sorted(t for t, _ in charts):
            problems.append(f"{chapter.name}: {len(figures)} charts in the PDF, {len(charts)} on the page: "
                            f"{sorted(set(figures) ^ {t for t, _ in charts})}")
    if len(book_figures) != total:
        problems.append(f"book: {len(book_figures)} charts in the PDF, {total} in the chapters")
    assert total > 20, f"only {total} charts found in the site: the check reads the wrong pages"
    assert not problems, f"{prefix or 'English'}:\n" + "\n".join(problems)


def _solutions(site: Path, student: Path) -> list[str]:
    """The opening words of every solution in an edition's chapters that the student edition's
    page does not also say (a solution may repeat the exercise's own code)."""
    out = []
    for docname in CHAPTERS:
        page = _squash(_page(student, docname).select_one("article.bd-article").get_text())
        for sol in _page(site, docname).select("div.solution section"):
            # its first paragraph (or code): a PDF's text may put a paragraph and code in either order
            first = sol.find(["p", "pre", "li"]) or sol
            words = _squash(first.get_text(" ", strip=True))[:60]
            if len(words) >= 20 and words not in page:
                out.append(words)
    return out


@pytest.mark.parametrize(("prefix", "site"), [(p, s) for p, s in BUILT if not p.endswith("student/")],
                         ids=[i for i in IDS if not i.endswith("student")])
def test_solutions_are_in_the_instructor_pdfs_and_in_no_student_pdf(prefix, site):
    sites = dict(BUILT)
    if f"{prefix}student/" not in sites:
        pytest.fail(f"no student edition built beside {prefix or 'English'}: run `make student`")
    solutions = _solutions(site, sites[f"{prefix}student/"])
    assert len(solutions) > 20, f"only {len(solutions)} solutions found in the {prefix or 'English'} site"
    instructor = _text(OUT / prefix / BOOK_PDF)
    missing = [s for s in solutions if s not in instructor]
    assert not missing, f"solutions missing from the instructor PDF: {missing[:3]}"
    student = OUT / prefix / "student"
    if not (student / BOOK_PDF).exists():
        pytest.fail(f"no student PDFs in {student.relative_to(ROOT)}: run `make pdf`")
    for path in sorted(student.glob("*.pdf")):
        text = _text(path)
        leaked = [s for s in solutions if s in text]
        assert not leaked, f"{path.relative_to(ROOT)} holds solution text: {leaked[:3]}"


def _fonts(reader) -> dict[str, bool]:
    """Every font the PDF uses (pages and the forms they draw), and whether it is embedded."""
    fonts: dict[str, bool] = {}
    seen = set()

    def resources(res):
        res = res.get_object() if res is not None else None
        if not res or id(res) in seen:
            return
        seen.add(id(res))
        for font in (res.get("/Font") or {}).values():
            font = font.get_object()
            name = str(font.get("/BaseFont", font.get("/Name", "?")))
            if font.get("/Subtype") == "/Type3":
                fonts[name] = True  # drawn by the PDF itself
                continue
            desc = font
            if font.get("/Subtype") == "/Type0":
                desc = font["/DescendantFonts"][0].get_object()
            desc = desc.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            fonts[name] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        for xobject in (res.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                resources(xobject.get("/Resources"))

    for page in reader.pages:
        resources(page.get("/Resources"))
    return fonts


@pytest.mark.parametrize(("prefix", "site"), BUILT, ids=IDS)
def test_pdfs_embed_their_fonts_and_have_no_blank_page(prefix, site):
    for path in [OUT / prefix / BOOK_PDF, *(OUT / prefix / chapter_pdf(d) for d in CHAPTERS)]:
        reader, pages = _read(path)
        fonts = _fonts(reader)
        assert fonts, f"{path.name}: no fonts found"
        outside = sorted(name for name, embedded in fonts.items() if not embedded)
        assert not outside, f"{path.relative_to(ROOT)}: fonts not embedded: {outside}"
        blank = [i + 1 for i, text in enumerate(pages) if not _FOOTER.sub("", text).strip()]
        assert not blank, f"{path.relative_to(ROOT)}: blank pages {blank}"


def test_cjk_text_is_drawn_with_embedded_cjk_fonts():
    """The glossary's CJK terms in the English book, and a localized edition's whole text."""
    reader, _ = _read(OUT / BOOK_PDF)
    assert any(c in _text(OUT / BOOK_PDF) for c in "哪吒韓流"), "no CJK text in the English book's PDF"
    assert any("Noto" in name and embedded for name, embedded in _fonts(reader).items()), _fonts(reader)
    for prefix, _site in BUILT:
        if prefix.startswith(("zh_CN", "ja", "ko")) and not prefix.endswith("student/"):
            reader, _ = _read(OUT / prefix / BOOK_PDF)
            cjk = [n for n, e in _fonts(reader).items() if "Noto" in n]
            assert cjk and all(_fonts(reader)[n] for n in cjk), f"{prefix}: CJK fonts {cjk}"


@pytest.mark.parametrize(("prefix", "site"), BUILT, ids=IDS)
def test_the_book_pdf_has_a_title_page_contents_with_page_numbers_and_an_outline(prefix, site):
    reader, pages = _read(OUT / prefix / BOOK_PDF)
    assert "version" in pages[0] and "cci-localization" in pages[0], f"title page: {pages[0][:300]!r}"
    outline = [e for e in reader.outline if not isinstance(e, list)]
    starts = {_squash(e.title): reader.get_destination_page_number(e) + 1 for e in outline}
    contents = _squash(pages[1])
    for docname in BOOK_PAGES:
        title = _squash(_title(site, docname))
        assert title in starts, f"no bookmark for {title!r}: {list(starts)}"
        page = starts[title]
        # the contents give the page the outline points to, right after the title
        assert f"{title}{page}" in contents, f"{title!r} starts on page {page}; contents: {pages[1][:500]!r}"
        assert title in _squash(pages[page - 1]), f"{title!r} is not on page {page}"


def _overflows(page, width: int) -> list[str]:
    page.set_viewport_size({"width": width, "height": 1100})
    return page.evaluate("""(width) => {
        const out = [];
        for (const el of document.querySelectorAll('article.bd-article *')) {
          const style = getComputedStyle(el);
          if (style.display === 'none' || el.closest('.visually-hidden, .sr-only')) continue;
          // in a chart's picture, its words: a title wider than the picture would be cut at the page edge
          if (el.closest('svg') && el.tagName.toLowerCase() !== 'text') continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0) continue;
          const clips = ['hidden', 'auto', 'scroll', 'clip'].includes(style.overflowX);
          if (r.right > width + 1 || (clips && el.scrollWidth > el.clientWidth + 1))
            out.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' +
                     Math.round(r.right) + '/' + Math.round(el.scrollWidth) + ': ' + (el.textContent || '').trim().slice(0, 50));
        }
        return out.slice(0, 5);
    }""", width)


#: Width of the printed column in CSS px (96 per inch) on each paper, with tools/pdf.py's 16 mm margins.
COLUMNS = {"A4": round((210 - 32) / 25.4 * 96), "Letter": round((215.9 - 32) / 25.4 * 96)}


@pytest.mark.parametrize(("prefix", "site"), [(p, s) for p, s in BUILT if not p.endswith("student/")],
                         ids=[i for i in IDS if not i.endswith("student")])
def test_every_chapter_fits_the_printed_column_on_a4_and_letter(browser, prefix, site):
    """Nothing sticks out of the column or is cut off by a scrolling box (which print cannot scroll)."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.emulate_media(media="print")
    problems = []
    with serve(site) as base:
        for docname in CHAPTERS:
            page.goto(f"{base}/{docname}.html")
            for paper, width in COLUMNS.items():
                found = _overflows(page, width)
                if found:
                    problems.append(f"{docname} on {paper}: {found}")
    context.close()
    assert not problems, "\n".join(problems)


def test_a_chapter_prints_on_letter_paper_with_all_of_it(browser, tmp_path, monkeypatch):
    """tools/pdf.py --paper Letter: US Letter pages holding the whole chapter."""
    import pdf as pdftool
    from pypdf import PdfReader

    site = ROOT / "_build" / "html"
    docname = "notebooks/08-kpop"
    copy = tmp_path / "site"
    copy.mkdir()
    for item in site.iterdir():  # print into a copy, not over the English edition's PDFs
        (copy / item.name).symlink_to(item)
    (copy / PDF_DIR).unlink()
    monkeypatch.setattr(pdftool, "OUT", tmp_path / "pdf")
    [path] = pdftool.print_edition(browser, "", copy, "Letter", chapters=[docname], book=False)
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = _squash("".join(_page_texts(path.read_bytes())))
    last = _page(site, docname).select("article.bd-article p")[-1].get_text(" ", strip=True)
    for words in [_title(site, docname), last, *(t for t, _ in _charts(site, docname))]:
        assert _squash(words) in text, words


def test_an_edition_is_printed_again_only_when_what_it_is_printed_from_changes(tmp_path):
    """make pdf (and so make test) skips an edition whose pages, styles, pictures and fonts are
    those it was printed from; any change to them, or another paper, prints it again."""
    import pdf as pdftool

    site = tmp_path / "html"
    (site / "_static").mkdir(parents=True)
    (site / "index.html").write_text("<p>one</p>")
    (site / "_static" / "casekit.css").write_text("p {}")
    first = pdftool.fingerprint(site, "A4")
    (site / PDF_DIR).mkdir()
    (site / PDF_DIR / BOOK_PDF).write_bytes(b"%PDF")  # the PDFs themselves do not count
    assert pdftool.fingerprint(site, "A4") == first
    assert pdftool.fingerprint(site, "Letter") != first
    (site / "_static" / "casekit.css").write_text("p { color: red }")
    assert pdftool.fingerprint(site, "A4") != first


def test_the_print_extensions_examples_hold():
    import doctest

    import casekit_print

    failed, tried = doctest.testmod(casekit_print)
    assert tried >= 4 and not failed
