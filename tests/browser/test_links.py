"""Every internal link and anchor of the built site resolves (offline)."""

from .links import HTML, check_internal


def test_every_internal_link_and_anchor_resolves():
    assert (HTML / "index.html").exists(), "no built site: run `make book`"
    broken, external = check_internal()
    assert not broken, "\n".join(broken[:30])
    # the external links are listed for `make linkcheck-external`
    (HTML.parent / "external-links.txt").write_text("\n".join(external) + "\n")


def test_the_checker_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.html").write_text(
        '<a href="sub/b.html#here">ok</a><a href="sub/b.html#gone">no anchor</a>'
        '<a href="missing.html">no page</a><a href="#top">self</a><p id="top"></p>'
        '<a href="https://example.org/x">out</a>'
    )
    (tmp_path / "sub" / "b.html").write_text('<h1 id="here">B</h1><a href="../a.html">back</a>'
                                             '<a href="../ja/sub/b.html" hreflang="ja" lang="ja">日本語</a>'
                                             '<a href="gone.html" hreflang="en" aria-current="page">English</a>')
    broken, external = check_internal(tmp_path)
    assert len(broken) == 3  # another edition's page is checked in the assembled site; this page's own is not
    assert any("#gone" in b for b in broken) and any("missing.html" in b for b in broken)
    assert any("gone.html" in b for b in broken) and not any("/ja/" in b for b in broken)
    assert external == ["https://example.org/x"]
