"""The raw third-party files the derived tables come from: pinned, hashed, cached.

Each raw source has a fixed URL (fixed to a commit where it lives in a git
repository) and a sha256; the many-file sources (Billboard weekly charts,
Nintendo IR figures) have a pooch registry in ``casekit/data/registries/`` that
lists every file with its hash. :func:`fetch` downloads what is missing into
the cache folder (with a progress bar) and checks every file's hash; a file
whose hash does not match is refused, never silently replaced.

The raw files are never committed to the book's repository: their licences
do not allow it. Only the small tables derived from them are.

The cache folder is ``$CASEKIT_CACHE`` if set, else ``pooch.os_cache("casekit")``.
Its layout is ``<cache>/<folder>/<file>`` for single files and
``<cache>/<folder>/<registry path>`` for many-file sources.

Two environment variables change where missing files come from; the hashes
are checked the same way whatever the route:

``CASEKIT_MIRROR=<base URL>``
    A mirror laid out like the cache (``<base>/<folder>/<file>``) replaces
    every upstream URL: for institutions that mirror the files, and for
    testing the download path with no internet (a folder served on
    127.0.0.1).
``CASEKIT_RAW_PACK=<folder>``
    A local copy of the book's source pack (its ``raw/`` folder, tarballs
    included) seeds the cache with no network at all
    (:func:`seed_cache_from_pack`).

>>> sorted(RAW_SOURCES)
['billboard_hot100', 'hofstede', 'nintendo_ir', 'vgsales']
>>> all(len(s.sha256) == 64 for s in RAW_SOURCES.values() if not s.many_files)
True
>>> len(registry("billboard_hot100"))
3549
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..choices import choose
from .package import file_sha256

__all__ = [
    "RawSource",
    "RAW_SOURCES",
    "RawFileHashError",
    "cache_dir",
    "registry",
    "fetch",
    "raw_path",
    "sha256",
    "fingerprint",
    "seed_cache_from_pack",
    "RawSourceUnavailable",
    "urls",
    "MIRROR_ENV",
    "PACK_ENV",
]

#: Environment variable naming the download cache folder.
CACHE_ENV = "CASEKIT_CACHE"
#: Environment variable naming a mirror (base URL, laid out like the cache).
MIRROR_ENV = "CASEKIT_MIRROR"
#: Environment variable naming a local copy of the source pack's ``raw/`` folder.
PACK_ENV = "CASEKIT_RAW_PACK"

#: Parallel downloads for many-file sources.
_WORKERS = 8


class RawFileHashError(ValueError):
    """A raw file's sha256 is not the pinned one: it is refused."""


class RawSourceUnavailable(OSError):
    """No route (the network, a mirror or a source pack) could supply a raw file."""


@dataclass(frozen=True)
class RawSource:
    """One pinned raw source.

    Attributes
    ----------
    id : str
        The name casekit uses for it.
    title, publisher : str
        What it is and who publishes it.
    folder : str
        Its folder in the cache (and in the book's source pack).
    url : str
        For a single file: its pinned download URL. For a many-file source:
        the base URL (pinned to a commit) the registry paths are appended to.
    sha256 : str
        For a single file, its hash. For a many-file source, empty: the
        registry holds one hash per file.
    filename : str
        For a single file: its name in the cache. Empty for many-file sources.
    registry_file : str
        For a many-file source: the registry file in ``casekit/data/registries``.
    pack_file : str
        The source pack's copy (a tarball for many-file sources), relative to
        the pack's ``raw/`` folder, and ``pack_sha256`` its hash.
    pack_prefix : tuple[str, str]
        How a path inside the pack's tarball maps to a registry path: replace
        the first string by the second.
    licence : str
        The terms, in one line.
    citation : str
        How to cite the source.
    mirrors : tuple[str, ...]
        Byte-identical copies tried when ``url`` fails.
    """

    id: str
    title: str
    publisher: str
    folder: str
    url: str
    licence: str
    citation: str
    sha256: str = ""
    filename: str = ""
    registry_file: str = ""
    pack_file: str = ""
    pack_sha256: str = ""
    pack_prefix: tuple[str, str] = ("", "")
    mirrors: tuple[str, ...] = field(default_factory=tuple)

    @property
    def many_files(self) -> bool:
        return bool(self.registry_file)


RAW_SOURCES: dict[str, RawSource] = {
    s.id: s
    for s in [
        RawSource(
            id="hofstede",
            title="Dimension data matrix (6 dimensions, version 2015-08-16)",
            publisher="Geert Hofstede BV",
            folder="hofstede",
            filename="6-dimensions-for-website-2015-08-16.csv",
            url="https://geerthofstede.com/wp-content/uploads/2016/08/6-dimensions-for-website-2015-08-16.csv",
            mirrors=(
                "https://raw.githubusercontent.com/HoaMacDanh/GEO/"
                "1930b2f72c68ada954f5c59c64f49ff850316355/6-dimensions-for-website-2015-08-16.csv",
            ),
            sha256="06f5c212ee5357984d85e15b3ff78bbdd574a0880093dfd935b70eb833a2b4dd",
            pack_file="hofstede/6-dimensions-for-website-2015-08-16.csv",
            pack_sha256="06f5c212ee5357984d85e15b3ff78bbdd574a0880093dfd935b70eb833a2b4dd",
            licence="(c) Geert Hofstede BV; offered for research use, no open licence: "
            "the matrix is not redistributed, only the scores the book discusses.",
            citation="Hofstede, G., Hofstede, G. J. & Minkov, M. (2010). Cultures and "
            "Organizations: Software of the Mind, 3rd ed. McGraw-Hill.",
        ),
        RawSource(
            id="vgsales",
            title="Video game sales (VGChartz scrape, 16,598 titles to about 2016)",
            publisher="VGChartz (scraped; copy in ItsKong/vgsales.csv on GitHub)",
            folder="vgsales",
            filename="vgsales.csv",
            url="https://raw.githubusercontent.com/ItsKong/vgsales.csv/"
            "e5eb474da2cc555a51d08cba1d8972233358a270/vgsales.csv",
            sha256="e2076095ffcae2a92dbc6de6ecbd54455ee034bb38da550b2dc385e9265d4ebe",
            pack_file="vgsales/vgsales.csv",
            pack_sha256="e2076095ffcae2a92dbc6de6ecbd54455ee034bb38da550b2dc385e9265d4ebe",
            licence="No licence; VGChartz estimates, not audited: only aggregates are published.",
            citation="VGChartz, video game sales estimates, as scraped in vgsales.csv.",
        ),
        RawSource(
            id="billboard_hot100",
            title="Billboard Hot 100, every weekly chart 1958-08-04 to 2026-08-08 (JSON)",
            publisher="Billboard (charts); mhollingshead/billboard-hot-100 (JSON copies)",
            folder="billboard-hot-100",
            url="https://raw.githubusercontent.com/mhollingshead/billboard-hot-100/"
            "fc20856963fbefefa1da7a6bdeb3f7919b71f21a/",
            registry_file="billboard_mhollingshead_fc208569.txt",
            pack_file="billboard-hot-100/hot-100-weeks-fc208569.tar.gz",
            pack_sha256="42684dca04414d86b965d8bca1470821d2f9c93243f4deb6bbe065b6b79b6387",
            pack_prefix=("date/", "date/"),
            licence="Chart data (c) Billboard; the JSON repository has no licence: only "
            "counts and the entries of the acts the book studies are published.",
            citation="Billboard Hot 100 weekly charts, via github.com/mhollingshead/"
            "billboard-hot-100 (commit fc208569).",
        ),
        RawSource(
            id="nintendo_ir",
            title="Nintendo IR figures transcribed to JSON (earnings, key sales "
            "indicators, regional hardware/software units, IR document links)",
            publisher="Nintendo Co., Ltd. (figures); r134x7/nintendo-earnings-data-and-"
            "other-video-game-companies (transcription)",
            folder="nintendo-ir",
            url="https://raw.githubusercontent.com/r134x7/nintendo-earnings-data-and-"
            "other-video-game-companies/0aa6ce6dc65f74a26e6e9fea7f6198463548b08f/",
            registry_file="nintendo_r134x7_0aa6ce6d.txt",
            pack_file="nintendo-ir/nintendo-data-0aa6ce6d.tar.gz",
            pack_sha256="75fed0f169b8b6ee4997b601bdfe2de65b5a61116554f08034ad1eba63f07bae",
            pack_prefix=("nintendo/", "webpage_v2/src/data/nintendo/"),
            licence="The figures are Nintendo's published facts; the transcription has no "
            "licence. Tables cite Nintendo IR documents.",
            citation="Nintendo Co., Ltd., Investor Relations: earnings releases and "
            "financial results explanatory material (https://www.nintendo.co.jp/ir/en/).",
        ),
    ]
}


def _source(source_id: str) -> RawSource:
    return RAW_SOURCES[choose(source_id, sorted(RAW_SOURCES), "raw source")]


def _pooch():
    """pooch (and tqdm): only re-deriving the tables needs them."""
    try:
        import pooch
        import tqdm  # noqa: F401
    except ImportError as err:
        raise ImportError(
            f"fetching the raw files needs pooch and tqdm ({err.name} is missing): "
            f"pip install 'casekit[refresh]'"
        ) from None
    return pooch


def cache_dir() -> Path:
    """The download cache: ``$CASEKIT_CACHE``, else ``pooch.os_cache("casekit")``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(_pooch().os_cache("casekit"))


def sha256(path: str | os.PathLike) -> str:
    """The sha256 of a file, as hex (the one helper: :func:`casekit.data.package.file_sha256`).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> sha256(p)[:16]
    'ba7816bf8f01cfea'
    """
    return file_sha256(path)


def registry(source_id: str) -> dict[str, str]:
    """The pooch registry of a many-file source: relative path -> sha256."""
    src = _source(source_id)
    if not src.many_files:
        return {src.filename: src.sha256}
    pup = _pooch().create(path=cache_dir(), base_url=src.url)
    with resources.as_file(resources.files("casekit") / "data" / "registries" / src.registry_file) as f:
        pup.load_registry(f)
    return dict(pup.registry)


def fingerprint(source_id: str) -> str:
    """One digest of every pinned hash of a source: it changes exactly when a pin does.

    >>> fingerprint("vgsales") == RAW_SOURCES["vgsales"].sha256
    True
    """
    src = _source(source_id)
    if not src.many_files:
        return src.sha256
    lines = "".join(f"{rel} {digest}\n" for rel, digest in sorted(registry(source_id).items()))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def _check(path: Path, expected: str, what: str) -> None:
    actual = sha256(path)
    if actual != expected:
        raise RawFileHashError(
            f"{what}: the raw file {path} has sha256 {actual}, but {expected} is expected. "
            f"It is refused. If it was damaged or edited, delete it and fetch again "
            f"(python -m casekit refresh ...); if upstream changed, the pin must be "
            f"reviewed, not bypassed."
        )


def raw_path(source_id: str, cache: str | os.PathLike | None = None) -> Path:
    """Where a source lives in the cache (a file, or the folder of a many-file source)."""
    src = _source(source_id)
    root = Path(cache) if cache is not None else cache_dir()
    return root / src.folder / src.filename if not src.many_files else root / src.folder


def urls(source_id: str, rel: str, mirror: str | None = None) -> list[str]:
    """The URLs tried, in order, for one file of a source.

    With a mirror (argument, else ``$CASEKIT_MIRROR``) only the mirror's copy
    is tried; otherwise the pinned upstream URL, then its byte-identical copies.

    >>> urls("vgsales", "vgsales.csv", mirror="http://127.0.0.1:8000/raw/")
    ['http://127.0.0.1:8000/raw/vgsales/vgsales.csv']
    >>> urls("billboard_hot100", "date/1958-08-04.json", mirror="")[0].split("/")[-3:]
    ['fc20856963fbefefa1da7a6bdeb3f7919b71f21a', 'date', '1958-08-04.json']
    """
    src = _source(source_id)
    mirror = mirror if mirror is not None else os.environ.get(MIRROR_ENV, "")
    if mirror:
        return [f"{mirror.rstrip('/')}/{src.folder}/{rel}"]
    if src.many_files:
        return [src.url + rel]
    return [src.url, *src.mirrors]


def fetch(
    source_id: str,
    cache: str | os.PathLike | None = None,
    progress: bool = True,
) -> Path:
    """Make sure a raw source is in the cache, every file hash-checked.

    Files already in the cache are checked against their hash. Missing files
    come from the source pack when ``$CASEKIT_RAW_PACK`` names one, else they
    are downloaded (pooch, with a tqdm progress bar) from ``$CASEKIT_MIRROR``
    when set, else from the pinned upstream URL. A download whose hash does
    not match is refused and leaves nothing in the cache.

    Parameters
    ----------
    source_id : str
        One of ``RAW_SOURCES``.
    cache : path, optional
        The cache folder; default :func:`cache_dir`.
    progress : bool
        Show a progress bar while downloading.

    Returns
    -------
    pathlib.Path
        The file, or for a many-file source the folder that holds the
        registry paths.

    Raises
    ------
    RawFileHashError
        A file's hash does not match: the message names the file and both
        hashes.
    RawSourceUnavailable
        A file could not be downloaded: the message names the file, the URL
        and the two overrides.
    FileNotFoundError
        ``$CASEKIT_RAW_PACK`` names a folder that does not exist or lacks the
        source's file.
    ValueError
        The source id is unknown.
    """
    src = _source(source_id)
    root = Path(cache) if cache is not None else cache_dir()
    folder = root / src.folder
    entries = registry(source_id)
    missing = _missing(folder, entries)
    if missing and os.environ.get(PACK_ENV):
        _seed(src, _pack_folder(os.environ[PACK_ENV]), folder)
        missing = _missing(folder, entries)
    if missing:
        _download(src, folder, missing, progress)
    return raw_path(source_id, root)


def _missing(folder: Path, entries: dict[str, str]) -> dict[str, str]:
    """The registry entries not yet in ``folder``; those present are hash-checked."""
    missing = {}
    for rel, digest in entries.items():
        if (folder / rel).is_file():
            _check(folder / rel, digest, f"{folder.name} ({rel})")
        else:
            missing[rel] = digest
    return missing


def _download(src: RawSource, folder: Path, wanted: dict[str, str], progress: bool) -> None:
    import logging
    from concurrent.futures import ThreadPoolExecutor, as_completed

    pooch = _pooch()
    from tqdm.auto import tqdm

    for rel in wanted:  # pooch creates parent folders racily; make them first
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)

    def one(rel: str) -> None:
        tried = urls(src.id, rel)
        for i, url in enumerate(tried):
            try:
                pooch.retrieve(url, known_hash=f"sha256:{wanted[rel]}", fname=rel,
                               path=folder, progressbar=progress and not src.many_files)
                return
            except ValueError as err:
                if "does not match the known hash" not in str(err):
                    raise RawSourceUnavailable(_unavailable(src, rel, url, err)) from err
                # pooch checked the hash on a temporary file and deleted it
                raise RawFileHashError(
                    f"{src.id} ({rel}): {url} was downloaded but refused, its hash is not "
                    f"the pinned sha256 {wanted[rel]}: {err} Nothing was written to the cache."
                ) from None
            except Exception as err:  # network: try the next copy, then give up clearly
                if i == len(tried) - 1:
                    raise RawSourceUnavailable(_unavailable(src, rel, url, err)) from err

    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        with ThreadPoolExecutor(_WORKERS if src.many_files else 1) as pool:
            jobs = [pool.submit(one, rel) for rel in sorted(wanted)]
            bar = tqdm(total=len(jobs), desc=f"fetching {src.id}", unit="file",
                       disable=not (progress and src.many_files))
            try:
                for job in as_completed(jobs):
                    job.result()  # the first failure stops the rest
                    bar.update()
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
            finally:
                bar.close()
    finally:
        logger.setLevel(level)


def _unavailable(src: RawSource, rel: str, url: str, err: Exception) -> str:
    return (
        f"{src.id}: could not fetch {rel} from {url} ({type(err).__name__}: {err}). "
        f"Without the network, supply the raw files another way: set {MIRROR_ENV}=<base URL> "
        f"to a mirror laid out like the cache (<base>/{src.folder}/{rel}), or "
        f"{PACK_ENV}=<folder> to a local copy of the book's source pack (raw/ folder)."
    )


def _pack_contents() -> str:
    return ", ".join(f"{s.pack_file}" for s in RAW_SOURCES.values())


def _pack_folder(pack: str | os.PathLike) -> Path:
    pack = Path(pack)
    if not pack.is_dir():
        raise FileNotFoundError(
            f"the source pack folder {pack} ({PACK_ENV}) does not exist. It should be the "
            f"pack's raw/ folder, holding {_pack_contents()}."
        )
    return pack


def _seed(src: RawSource, pack: Path, target: Path) -> None:
    """Copy or extract one source's files from the pack into ``target``."""
    packed = pack / src.pack_file
    if not packed.is_file():
        raise FileNotFoundError(
            f"{src.id}: the source pack {pack} has no {src.pack_file}; a pack's raw/ folder "
            f"holds {_pack_contents()}."
        )
    _check(packed, src.pack_sha256, f"{src.id} (source pack copy)")
    target.mkdir(parents=True, exist_ok=True)
    if not src.many_files:
        if not (target / src.filename).is_file():
            staged = target / f".{src.filename}.part"
            shutil.copyfile(packed, staged)
            os.replace(staged, target / src.filename)
    else:
        _extract(packed, target, src.pack_prefix, set(registry(src.id)))


def seed_cache_from_pack(pack: str | os.PathLike, cache: str | os.PathLike) -> Path:
    """Fill a cache folder from the book's source pack, with no network.

    Single files are copied; the pack's tarballs (packings of the many-file
    sources) are checked against their hash and extracted to the registry
    paths. Every file is then checked by :func:`fetch`.

    Parameters
    ----------
    pack : path
        The pack's ``raw/`` folder.
    cache : path
        The cache folder to fill (created if needed).

    Returns
    -------
    pathlib.Path
        ``cache``.
    """
    pack, cache = _pack_folder(pack), Path(cache)
    for src in RAW_SOURCES.values():
        _seed(src, pack, cache / src.folder)
        _missing(cache / src.folder, registry(src.id))
    return cache


def _extract(tarball: Path, target: Path, prefix: tuple[str, str], wanted: set[str]) -> None:
    old, new = prefix
    with tarfile.open(tarball, "r:gz") as tar, tempfile.TemporaryDirectory(dir=target) as tmp:
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith(old):
                continue
            rel = new + member.name[len(old):]
            if rel not in wanted or (target / rel).is_file():
                continue
            data = tar.extractfile(member).read()
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            staged = Path(tmp) / "part"
            staged.write_bytes(data)
            os.replace(staged, dest)
