"""The localized editions in Chromium, as published (_build/site): every page of each language's
edition, and a chapter of each language's student edition, loaded offline in light and dark mode
- no outside request, no console error, every chart drawn, with its text alternative and data
table, axe-core with zero violations - as tests/browser/test_accessibility.py checks the English.
Each page is loaded once per mode (conftest.inspect_pages) and both loads share the cores.

The charts' data tables hold the data as published, the same cells in every edition: axe's
colour-contrast rule checks their cells on the English page, in each mode, and here every other
rule checks them, the test makes sure they are the English page's tables, and every cell's
contrast is measured again (conftest.LOW_CONTRAST_JS)."""

from __future__ import annotations

import sys

import pytest

from .conftest import MODES, ROOT, built_pages
from .test_accessibility import _report, assert_tables_checked_in_english

sys.path.insert(0, str(ROOT / "tools"))
from publish import LANGUAGES  # noqa: E402


def _edition_pages(lang: str) -> list[str]:
    return [f"{lang}/{page}" for page in built_pages(ROOT / "_build" / "lang" / lang / "_build" / "html")]


PAGES = [p for lang in LANGUAGES for p in _edition_pages(lang)]
PAGES += [f"{lang}/student/notebooks/07-nintendo.html" for lang in LANGUAGES]


def test_every_edition_is_checked():
    assert len(PAGES) >= 3 * 25, f"only {len(PAGES)} pages of the localized editions found: run `make site`"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", PAGES)
def test_localized_pages_load_offline_draw_and_pass_axe(published_report, checked, path, mode):
    r = published_report(path, mode)
    r.ok()
    assert r.theme == mode, f"{path} ({mode} mode): colour mode not applied"
    assert not r.outside, f"{path} ({mode} mode): requests to other hosts: {r.outside}"
    assert not r.failed and not r.page_errors and not r.console, (path, mode, r.failed, r.page_errors, r.console)
    assert r.drawn == r.charts, f"{path} ({mode} mode): {r.drawn} of {r.charts} charts drawn"
    assert not r.chart_problems, "\n".join(r.chart_problems)
    assert not r.violations, f"{path} ({mode} mode): {len(r.violations)} axe rule(s) violated\n" + _report(r.violations)
    assert not r.low_contrast, f"{path} ({mode} mode): text below 4.5:1 contrast:\n" + "\n".join(r.low_contrast)
    assert_tables_checked_in_english(r, checked)
