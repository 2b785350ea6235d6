"""Third-party browser code the book serves itself: fetched from the npm
registry at set-up, checked against a pinned hash, unpacked into
``.cache/static/vendor/`` (git-ignored, served as ``_static/vendor/``) with each package's licence file.

Nothing here is committed but this list. Run ``python book/_ext/vendor.py``
to fetch (the README's commands do it for you).
"""

from __future__ import annotations

import re
import shutil
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Not under the book's _static/: Jupyter Book 1 adds every .js and .css file it
# finds there to every page. casekit_book.py copies this folder into the built
# site instead (install_into), and only the files named below are loaded.
STATIC_ROOT = ROOT / ".cache" / "static"
STATIC = STATIC_ROOT / "vendor"
CACHE = ROOT / ".cache" / "vendor"

# name, version, sha512 of the registry tarball, files to take (prefix match
# inside the tarball's package/ folder), licence.
# vega / vega-embed are the versions Altair 6.3 targets (its Vega-Lite 6.4 is compiled at build
# time by vl-convert, casekit_charts.py: the site ships no Vega-Lite).
PACKAGES = [
    ("vega", "6.4.0",
     "ac75c2ab62e911608b3235c1123ee1a1c63d1b4fe2e5319845ac861928f4e954c5e3e976206d99ee87992828d66d487fee14c4fe65616da38f07bdb0084961ea",
     ["build/vega.min.js"], "BSD-3-Clause"),
    ("vega-embed", "7.3.0",
     "c10f2ce46692ceaa0a82645f6d1a25801ae313608fed92875ea1fb3628f132a3e3a5d5b14ace039fcb6fa7d83482242f87670afb7a79eacc63596334c0d9e01b",
     ["build/vega-embed.min.js"], "BSD-3-Clause"),
]

# CJK web fonts (Noto Sans SC / KR / JP, SIL Open Font License), from the npm registry.
# Fontsource splits each font into unicode-range chunks; only the regular weight's chunks
# are kept in the cache, and each build ships just the chunks holding glyphs the site uses.
FONT_PACKAGES = [
    ("@fontsource/noto-sans-sc", "5.3.0", "Noto Sans SC",
     "1dea889469b4fa884e2b164bb878f5a96eabe9abc71f439674a11101c483234450f8c5ebb5eb8b280f8cfb978e03cad8cb4305bce479013d1f428dab524c9ed1"),
    ("@fontsource/noto-sans-kr", "5.3.0", "Noto Sans KR",
     "fc99e94e36823975bbc54a2a3b2095612af4e553a40f2e5895af4ef96004892eeefb260bb261e8aa3eafd56d1b7fdd46f06dd7036f8d9d14b7097d937ff15566"),
    ("@fontsource/noto-sans-jp", "5.3.0", "Noto Sans JP",
     "3996c1cd9f0bac546cd91153d827341d45760b665e49fc845e10c9591d0466e65aada25f46e6e9beb1665270a58ee043124c3c567e8213ffa77fd763f5bfb496"),
]
FONT_CACHE = ROOT / ".cache" / "fonts"
FONT_CSS = "vendor/fonts/cjk.css"

#: Script files every page loads, in load order, relative to _static/. Not Vega-Lite: the
#: book's charts are compiled to Vega at build time (casekit_charts.py).
JS_FILES = ["vendor/vega/vega.min.js", "vendor/vega-embed/vega-embed.min.js"]


def _tarball(name: str, version: str, sha512: str) -> Path:
    import pooch

    short = name.rsplit("/", 1)[-1]
    url = f"https://registry.npmjs.org/{name}/-/{short}-{version}.tgz"
    try:
        return Path(pooch.retrieve(url, known_hash=f"sha512:{sha512}", path=CACHE,
                                   fname=f"{short}-{version}.tgz", progressbar=False))
    except Exception as exc:  # network down, or hash mismatch
        raise RuntimeError(
            f"could not fetch {name}@{version} from the npm registry into {CACHE} ({exc}). "
            "Run the set-up (make setup) once with access to registry.npmjs.org."
        ) from exc


def _stamp(name: str, version: str) -> Path:
    return STATIC / name / f".{version}.r3.installed"


def ensure() -> list[Path]:
    """Make sure every package is unpacked in _static/vendor/; return their folders."""
    folders = []
    for name, version, sha512, wanted, licence in PACKAGES:
        dest = STATIC / name
        folders.append(dest)
        if _stamp(name, version).exists():
            continue
        archive = _tarball(name, version, sha512)
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                rel = member.name.removeprefix("package/")
                if not member.isfile():
                    continue
                keep = rel.upper().startswith("LICENSE") or any(rel.startswith(w) for w in wanted)
                if not keep:
                    continue
                rel = rel.removeprefix("build/")
                target = dest / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out)
        (dest / "SOURCE.txt").write_text(
            f"{name} {version} from the npm registry (https://www.npmjs.com/package/{name}), "
            f"licence {licence} (see LICENSE). Fetched by book/_ext/vendor.py; not committed.\n"
        )
        _stamp(name, version).write_text(version + "\n")
    return folders


def ensure_fonts() -> None:
    """Unpack the regular weight of each CJK font (CSS + woff2 chunks + licence) into .cache/fonts/."""
    for name, version, family, sha512 in FONT_PACKAGES:
        short = name.rsplit("/", 1)[-1]
        dest = FONT_CACHE / short
        stamp = dest / f".{version}.installed"
        if stamp.exists():
            continue
        archive = _tarball(name, version, sha512)
        if dest.exists():
            shutil.rmtree(dest)
        (dest / "files").mkdir(parents=True)
        with tarfile.open(archive) as tar:
            for member in tar:
                rel = member.name.removeprefix("package/")
                if member.isfile() and (rel in ("400.css", "LICENSE") or
                                        (rel.startswith("files/") and rel.endswith("-400-normal.woff2"))):
                    with tar.extractfile(member) as src, open(dest / rel, "wb") as out:
                        shutil.copyfileobj(src, out)
        stamp.write_text(version + "\n")


_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_FACE = re.compile(r"@font-face\s*\{(.*?)\}", re.S)


def _ranges(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.split(","):
        lo, _, hi = part.strip().removeprefix("U+").partition("-")
        out.append((int(lo, 16), int(hi or lo, 16)))
    return out


SUBSET_CACHE = FONT_CACHE / "subsets"


def subset_woff2(source: Path, chars: set[int]) -> bytes:
    """A woff2 font cut down to the glyphs of ``chars`` (fontTools), cached by what it holds."""
    import hashlib

    key = hashlib.sha256(f"{source.name}|{source.stat().st_size}|{sorted(chars)}".encode()).hexdigest()[:20]
    cached = SUBSET_CACHE / f"{source.stem}-{key}.woff2"
    if cached.exists():
        return cached.read_bytes()
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # keep every OpenType feature (vertical forms, locl) for the glyphs kept
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(chars))
    subsetter.subset(font)
    SUBSET_CACHE.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp")
    subset.save_font(font, str(tmp), options)
    tmp.replace(cached)
    return cached.read_bytes()


def used_cjk(outdir: Path) -> set[int]:
    """The CJK code points of a built site: its pages and its charts' files."""
    used = set()
    outdir = Path(outdir)
    for path in [*outdir.rglob("*.html"), *(outdir / "_charts").glob("*.js")]:
        used.update(ord(c) for c in _CJK.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return used


def _as_ranges(chars: set[int]) -> str:
    """CSS unicode-range of a set of code points.

    >>> _as_ranges({0x4e00, 0x4e01, 0x4e02, 0x4e09})
    'U+4E00-4E02, U+4E09'
    """
    out, run = [], []
    for c in sorted(chars):
        if run and c == run[-1] + 1:
            run.append(c)
            continue
        if run:
            out.append(run)
        run = [c]
    out.append(run)
    return ", ".join(f"U+{r[0]:X}" + (f"-{r[-1]:X}" if len(r) > 1 else "") for r in out)


def install_fonts(outdir: Path) -> dict[str, int]:
    """Ship the CJK font chunks that hold the glyphs the built site uses, each cut down to them.

    Writes _static/vendor/fonts/cjk.css (the @font-face rules of those chunks, with their
    unicode ranges) and the chunks, subset with fontTools to the site's glyphs, and each font's
    licence (the SIL Open Font License allows subsetting). Returns chunks shipped per font.
    """
    outdir = Path(outdir)
    used = used_cjk(outdir)
    target = outdir / "_static" / "vendor" / "fonts"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    rules, shipped = [], {}
    for name, version, family, _ in FONT_PACKAGES:
        short = name.rsplit("/", 1)[-1]
        cache = FONT_CACHE / short
        css = (cache / "400.css").read_text(encoding="utf-8")
        (target / short).mkdir()
        shutil.copyfile(cache / "LICENSE", target / short / "LICENSE")
        shipped[family] = 0
        for face in _FACE.findall(css):
            spec = re.search(r"unicode-range:\s*([^;]+);", face)
            woff2 = re.search(r"url\(\./files/([^)]+\.woff2)\)", face)
            if not (spec and woff2):
                continue
            ranges = _ranges(spec.group(1))  # parsed once per chunk, not once per character
            chars = {c for c in used if any(lo <= c <= hi for lo, hi in ranges)}
            if not chars:
                continue
            (target / short / woff2.group(1)).write_bytes(subset_woff2(cache / "files" / woff2.group(1), chars))
            ranges = _as_ranges(chars)  # the glyphs the cut-down chunk holds, not the chunk's whole range
            rules.append(
                f"@font-face {{ font-family: '{family}'; font-style: normal; font-display: swap; "
                f"font-weight: 400; src: url(./{short}/{woff2.group(1)}) format('woff2'); "
                f"unicode-range: {ranges}; }}"
            )
            shipped[family] += 1
    header = ("/* CJK fonts cut down to the glyphs this site uses: Noto Sans SC/KR/JP (SIL Open Font License 1.1, "
              "see the LICENSE file beside each font), from the npm registry (@fontsource). Generated by book/_ext/vendor.py. */\n")
    (target / "cjk.css").write_text(header + "\n".join(rules) + "\n", encoding="utf-8")
    return shipped


def install_into(outdir: Path) -> None:
    """Copy the vendored packages into a built site's _static/vendor/, where
    missing or from another version (Sphinx copies static files only when a
    page is rewritten, so this is done after every build)."""
    for name, version, *_ in PACKAGES:
        src, dest = STATIC / name, Path(outdir) / "_static" / "vendor" / name
        if (dest / _stamp(name, version).name).exists():
            continue
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(src, dest)


if __name__ == "__main__":
    ensure_fonts()
    for folder in ensure():
        print(f"ready: {folder.relative_to(ROOT)}")
    sys.exit(0)
