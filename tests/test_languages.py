"""The localized editions (简体中文, 한국어, 日本語): complete catalogs that match the English
source, translations that keep their markup and the glossary's terms, and editions built from
them (`make book`, `make student`) with their language, switcher, alternates, translated charts,
search in their language and, in the student editions, no solution.

The browser checks of every edition (charts drawn offline, axe in light and dark mode) are in
tests/browser/test_languages.py.
"""

from __future__ import annotations

import doctest
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import casekit_i18n  # noqa: E402
import publish  # noqa: E402
import translations  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

LANGS = list(translations.LANGUAGES)
SITE = ROOT / "_build" / "site"


def _built(lang: str, student: bool = False) -> Path:
    html = ROOT / "_build" / "lang" / lang / ("student/" if student else "") / "_build" / "html"
    if not (html / "index.html").exists():
        pytest.fail(f"no {lang} edition in {html}: run `make book` and `make student` (make test does both)")
    return html


def _pages(html: Path) -> list[Path]:
    keep = publish._docnames(html) | {"search", "genindex"}
    return sorted(p for p in html.rglob("*.html") if p.relative_to(html).with_suffix("").as_posix() in keep)


def test_the_catalog_tools_examples_hold():
    for module in (translations, casekit_i18n):
        failed, tried = doctest.testmod(module)
        assert tried and not failed, module.__name__


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_and_none_is_fuzzy(lang):
    counts = translations.counts(lang)
    assert counts["translated"] > 1500, counts
    assert counts["fuzzy"] == 0 and counts["untranslated"] == 0, (
        f"{lang}: {counts} - run `make translations`, then translate what it reports")


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_their_markup_and_the_glossary_terms(lang):
    problems = translations.lint(lang)
    assert not problems, "\n".join(problems[:20])


def test_the_catalogs_hold_exactly_the_messages_of_the_english_source():
    """A message the English no longer has, or one it has and a catalog lacks, fails here."""
    templates = translations.extract()
    assert "notebooks/08-kpop" in templates and translations.CHARTS in templates and "sphinx" in templates
    assert not any(name.startswith("book/api") for name in templates), "the API reference stays in English"
    for lang in LANGS:
        folder = translations.LOCALE / lang / "LC_MESSAGES"
        have = {p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.po")}
        assert have == set(templates), f"{lang}: catalogs {sorted(have ^ set(templates))} do not match the pages"
        for name, template in templates.items():
            with open(translations.catalog_path(lang, name), "rb") as f:
                catalog = read_po(f)
            want = {m.id for m in template if m.id}
            got = {m.id for m in catalog if m.id}
            assert got == want, (f"{lang}/{name}: {len(got - want)} stale, {len(want - got)} missing, e.g. "
                                 f"{sorted(got ^ want)[:2]} - run `make translations`")


def test_the_lint_catches_a_broken_translation(tmp_path):
    terms = {"box office": "票房"}
    assert translations.markup("{term}`Box office` and {glue:text}`n:.0f`", terms) == \
        translations.markup("{term}`票房` 与 {glue:text}`n:.0f`")
    assert translations.markup("see {doc}`x </notebooks/01-theory>`") != translations.markup("见 {doc}`x </notebooks/02>`")
    assert translations.markup("`casekit.load`") != translations.markup("casekit.load")
    assert translations.stray_markers("**専用の基金（G4）**は") > 0


@pytest.mark.parametrize("lang", LANGS)
def test_each_edition_speaks_its_language_and_links_every_other(lang):
    html = _built(lang)
    name, tag, _ = casekit_i18n.LANGUAGES[lang]
    pages = _pages(html)
    assert len(pages) >= 25
    for page in pages:
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(html).as_posix()
        assert f'<html lang="{tag}"' in text, f"{lang}/{rel}: not marked as {tag}"
        nav = re.search(r'<nav class="casekit-languages"[^>]*>(.*?)</nav>', text, re.S)
        assert nav, f"{lang}/{rel}: no language switcher"
        links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)"', nav.group(1))
        assert [h for _, h, _ in links] == ["en", "zh-CN", "ko", "ja"], links
        for code in ("en", *LANGS):
            lang_tag = casekit_i18n._info(code)[1]
            assert f'<link rel="alternate" hreflang="{lang_tag}"' in text, f"{lang}/{rel}: no alternate for {lang_tag}"
        assert 'aria-current="page"' in nav.group(1)


def test_every_language_switcher_link_reaches_a_page_of_the_assembled_site():
    if not (SITE / "index.html").exists():
        pytest.fail("no assembled site: run `make site` (make test does it)")
    checked = 0
    for folder in ["", "student/", *[f"{lang}/" for lang in LANGS], *[f"{lang}/student/" for lang in LANGS]]:
        for page in (SITE / folder).glob("notebooks/*.html"):
            nav = re.search(r'<nav class="casekit-languages"[^>]*>(.*?)</nav>', page.read_text(encoding="utf-8"), re.S)
            assert nav, page
            for href in re.findall(r'<a href="([^"]+)"', nav.group(1)):
                target = (page.parent / href).resolve()
                assert target.is_file(), f"{page.relative_to(SITE)}: the switcher's {href} leads nowhere"
                checked += 1
    assert checked >= 8 * 11 * 4


@pytest.mark.parametrize("lang", LANGS)
def test_the_charts_speak_the_edition_language_and_format(lang):
    html = _built(lang)
    page = (html / "notebooks" / "07-nintendo.html").read_text(encoding="utf-8")
    english = (ROOT / "_build" / "html" / "notebooks" / "07-nintendo.html").read_text(encoding="utf-8")
    titles = re.findall(r'<summary>([^<]+)</summary>', page)
    english_titles = re.findall(r'<summary>([^<]+)</summary>', english)
    assert titles and len(titles) == len(english_titles)
    assert all(t != e for t, e in zip(titles, english_titles)), f"{lang}: untranslated chart titles {titles}"
    assert re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", titles[0]), titles[0]
    number, time = casekit_i18n.d3_locale(lang)
    assert "window.casekitLocale = " + json.dumps({"number": number, "time": time}, ensure_ascii=False) in page
    spec_file = re.search(r'data-spec="\.\./(_charts/[^"]+)"', page).group(1)
    spec = (html / spec_file).read_text(encoding="utf-8")
    assert casekit_i18n.FONTS[lang] in spec, f"{lang}: the charts do not ask for the edition's font"


@pytest.mark.parametrize("lang,query,page", [("zh_CN", "本地化", "notebooks/01-theory"),
                                              ("ja", "ローカライゼーション", "notebooks/01-theory"),
                                              ("ko", "현지화", "notebooks/01-theory")])
def test_search_finds_a_chapter_from_a_query_in_the_language(lang, query, page):
    text = (_built(lang) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    docs = index["docnames"]
    found = set()
    for kind in ("terms", "titleterms"):  # Sphinx's search reads both: words and section titles
        hits = index[kind].get(query.lower(), index[kind].get(query, []))
        found |= {docs[i] for i in ([hits] if isinstance(hits, int) else hits)}
    assert found, f"{lang}: {query!r} is not in the search index"
    assert page in found, f"{lang}: {query!r} does not find {page} (it finds {sorted(found)[:6]})"


@pytest.mark.parametrize("lang", LANGS)
def test_the_student_edition_of_each_language_has_no_solution(lang):
    instructor, student = _built(lang), _built(lang, student=True)
    solution = re.compile(r'class="[^"]*\bsolution\b')
    assert any(solution.search(p.read_text(encoding="utf-8")) for p in _pages(instructor)), \
        f"{lang}: no solution in the instructor edition - the check would prove nothing"
    leaked = [p.relative_to(student).as_posix() for p in _pages(student) if solution.search(p.read_text(encoding="utf-8"))]
    assert not leaked, f"{lang} student edition: solutions in {leaked}"
    # and not their translated words: each solution paragraph's translation is absent
    sys.path.insert(0, str(ROOT / "tests"))
    from test_editions import _solutions, _text

    pages = " ".join(_text(p.read_text(encoding="utf-8")) for p in _pages(student))
    teacher = " ".join(_text(p.read_text(encoding="utf-8")) for p in _pages(instructor))
    checked = 0
    for name, blocks in _solutions().items():
        with open(translations.catalog_path(lang, f"notebooks/{name}"), "rb") as f:
            catalog = read_po(f)
        inside = re.sub(r"\s+", " ", " ".join(blocks))
        for message in catalog:
            if not message.id or len(message.id) < 80 or re.sub(r"\s+", " ", message.id) not in inside:
                continue
            plain = re.sub(r"\{[\w:-]+\}`[^`]*`|`[^`]*`|\$[^$]*\$|[*_\[\]()<>]", "", message.string)
            run = max(re.split(r"[，。、；：,.;:！？!?「」“”（）]", plain), key=len).strip()
            if len(run) < 10 or run not in teacher:
                continue
            assert run not in pages, f"{lang} student edition shows solution text: {run!r}"
            checked += 1
    assert checked >= 10, f"{lang}: only {checked} solution paragraphs could be checked"
