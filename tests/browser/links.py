"""Links of the built site: every internal link and anchor must resolve;
external links are listed (and checked by `make linkcheck-external` where the
network allows)."""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

HTML = Path(__file__).resolve().parents[2] / "_build" / "html"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()
        self.other_editions: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        if tag == "a" and a.get("hreflang") and a.get("aria-current") != "page":
            # the language switcher's way into another edition, which is not in this build:
            # tests/test_languages.py follows every one of them in the assembled site
            self.other_editions.append(a.get("href", ""))
            return
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical",)):
                self.links.append((tag, a[key]))


def parse(page: Path) -> _Collector:
    c = _Collector()
    c.feed(page.read_text(encoding="utf-8", errors="ignore"))
    return c


def pages(root: Path = HTML) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if "_static" not in p.parts)


def check_internal(root: Path = HTML) -> tuple[list[str], list[str]]:
    """Return (broken internal links, external URLs)."""
    root = root.resolve()
    parsed = {p.resolve(): parse(p) for p in pages(root)}
    broken, external = [], set()
    for page, c in parsed.items():
        for tag, url in c.links:
            scheme = urlparse(url).scheme
            if scheme in ("http", "https"):
                if tag == "a":
                    external.add(url)
                continue
            if scheme in ("mailto", "javascript", "data", "tel") or url.startswith("//"):
                continue
            path, frag = urldefrag(url)
            path = unquote(path.split("?")[0])
            target = page if not path else (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(root)}: {url} (no file {target})")
                continue
            if frag and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(frag) not in ids:
                    broken.append(f"{page.relative_to(root)}: {url} (no anchor #{frag})")
    return broken, sorted(external)


def check_external(urls: list[str], timeout: float = 15.0) -> list[str]:
    import urllib.request

    bad = []
    for url in urls:
        req = urllib.request.Request(url, method="GET", headers={"User-Agent": "casekit-linkcheck"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                if r.status >= 400:
                    bad.append(f"{r.status} {url}")
        except Exception as exc:  # noqa: BLE001 - report every failure
            bad.append(f"{type(exc).__name__}: {exc} {url}")
    return bad


if __name__ == "__main__":
    broken, external = check_internal()
    report = HTML.parent / "external-links.txt"
    report.write_text("\n".join(external) + "\n")
    print(f"{len(external)} external links listed in {report}")
    for b in broken:
        print("BROKEN", b)
    if "--external" in sys.argv:
        bad = check_external(external)
        for b in bad:
            print("EXTERNAL", b)
        sys.exit(1 if (broken or bad) else 0)
    sys.exit(1 if broken else 0)
