"""The download routes of casekit.data.sources: mirror, source pack, upstream, and their errors.

A mirror is a folder laid out like the cache, served on 127.0.0.1: the
download path is exercised with no internet.
"""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import socket
import sys
from pathlib import Path

import pytest

from casekit.data import sources

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import localsite  # noqa: E402


@pytest.fixture
def serve():
    """Serve a folder over HTTP on 127.0.0.1 (the browser tests' server); returns its base URL."""
    with contextlib.ExitStack() as servers:
        yield lambda folder: servers.enter_context(localsite.serve(folder))


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def no_pack(monkeypatch):
    monkeypatch.delenv(sources.PACK_ENV, raising=False)
    monkeypatch.delenv(sources.MIRROR_ENV, raising=False)


@pytest.mark.parametrize("source_id", ["hofstede", "nintendo_ir"])
def test_a_mirror_fills_an_empty_cache(source_id, raw_cache, serve, tmp_path, monkeypatch, no_pack):
    monkeypatch.setenv(sources.MIRROR_ENV, serve(raw_cache))
    cache = tmp_path / "cache"
    got = sources.fetch(source_id, cache=cache, progress=False)
    assert got == sources.raw_path(source_id, cache)
    folder = cache / sources.RAW_SOURCES[source_id].folder
    rels = sorted(p.relative_to(folder).as_posix() for p in _files(folder))
    assert rels == sorted(sources.registry(source_id))  # every file, and nothing else


def test_a_tampered_file_on_the_mirror_is_refused_and_nothing_is_kept(
    raw_cache, serve, tmp_path, monkeypatch, no_pack
):
    src = sources.RAW_SOURCES["hofstede"]
    mirror = tmp_path / "mirror" / src.folder
    mirror.mkdir(parents=True)
    raw = bytearray(sources.raw_path("hofstede", raw_cache).read_bytes())
    raw[200] = ord("9") if raw[200] != ord("9") else ord("8")
    (mirror / src.filename).write_bytes(bytes(raw))
    monkeypatch.setenv(sources.MIRROR_ENV, serve(tmp_path / "mirror"))
    cache = tmp_path / "cache"
    with pytest.raises(sources.RawFileHashError) as err:
        sources.fetch("hofstede", cache=cache, progress=False)
    assert src.sha256 in str(err.value) and "refused" in str(err.value)
    assert _files(cache) == []  # no half-written or temporary file


def test_a_tampered_file_in_a_mirrored_many_file_source_is_refused(
    raw_cache, serve, tmp_path, monkeypatch, no_pack
):
    src = sources.RAW_SOURCES["nintendo_ir"]
    mirror = tmp_path / "mirror"
    shutil.copytree(raw_cache / src.folder, mirror / src.folder)
    victim = sorted((mirror / src.folder).rglob("*.json"))[0]
    victim.write_bytes(victim.read_bytes() + b" ")
    monkeypatch.setenv(sources.MIRROR_ENV, serve(mirror))
    cache = tmp_path / "cache"
    with pytest.raises(sources.RawFileHashError, match=victim.name):
        sources.fetch("nintendo_ir", cache=cache, progress=False)
    kept = {p.relative_to(cache / src.folder).as_posix() for p in _files(cache)}
    assert victim.relative_to(mirror / src.folder).as_posix() not in kept
    assert kept <= set(sources.registry("nintendo_ir"))  # no temporary file left


def test_an_unreachable_mirror_gives_one_error_naming_the_url(tmp_path, monkeypatch, no_pack):
    base = _closed_port_url()
    monkeypatch.setenv(sources.MIRROR_ENV, base)
    with pytest.raises(sources.RawSourceUnavailable) as err:
        sources.fetch("nintendo_ir", cache=tmp_path / "cache", progress=False)
    message = str(err.value)
    assert message.count(base) == 1 and f"{base}/nintendo-ir/" in message
    assert sources.MIRROR_ENV in message and sources.PACK_ENV in message
    assert _files(tmp_path / "cache") == []


def test_a_file_missing_from_the_mirror_is_named(serve, tmp_path, monkeypatch, no_pack):
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv(sources.MIRROR_ENV, serve(tmp_path / "empty"))
    with pytest.raises(sources.RawSourceUnavailable, match=r"vgsales\.csv.*/vgsales/vgsales\.csv"):
        sources.fetch("vgsales", cache=tmp_path / "cache", progress=False)


def test_with_no_route_the_error_names_the_file_the_url_and_both_overrides(
    tmp_path, monkeypatch, no_pack
):
    src = sources.RAW_SOURCES["vgsales"]
    gone = f"{_closed_port_url()}/vgsales.csv"
    monkeypatch.setitem(sources.RAW_SOURCES, "vgsales", dataclasses.replace(src, url=gone))
    with pytest.raises(sources.RawSourceUnavailable) as err:
        sources.fetch("vgsales", cache=tmp_path / "cache", progress=False)
    message = str(err.value)
    for needed in ("vgsales.csv", gone, "CASEKIT_MIRROR=", "CASEKIT_RAW_PACK="):
        assert needed in message, needed


def test_a_missing_source_pack_says_so_and_lists_its_contents(tmp_path, monkeypatch, no_pack):
    monkeypatch.setenv(sources.PACK_ENV, str(tmp_path / "no-such-pack"))
    with pytest.raises(FileNotFoundError) as err:
        sources.fetch("hofstede", cache=tmp_path / "cache", progress=False)
    message = str(err.value)
    assert "no-such-pack" in message and "does not exist" in message
    for src in sources.RAW_SOURCES.values():
        assert src.pack_file in message


def test_a_source_pack_seeds_the_cache_with_no_network(raw_cache, tmp_path, monkeypatch, no_pack):
    """A pack laid out as the book's: single files copied, many-file sources as tarballs."""
    import tarfile

    pack = tmp_path / "pack"
    for src in sources.RAW_SOURCES.values():
        target = pack / src.pack_file
        target.parent.mkdir(parents=True, exist_ok=True)
        if src.many_files:
            continue
        shutil.copyfile(sources.raw_path(src.id, raw_cache), target)
    src = sources.RAW_SOURCES["nintendo_ir"]
    old, new = src.pack_prefix
    tarball = pack / src.pack_file
    with tarfile.open(tarball, "w:gz") as tar:
        for path in _files(raw_cache / src.folder):
            rel = path.relative_to(raw_cache / src.folder).as_posix()
            tar.add(path, arcname=old + rel[len(new):])
    # the pin is on the published tarball; a home-made one has another hash
    monkeypatch.setitem(
        sources.RAW_SOURCES, src.id, dataclasses.replace(src, pack_sha256=sources.sha256(tarball))
    )
    monkeypatch.setenv(sources.PACK_ENV, str(pack))
    monkeypatch.setenv(sources.MIRROR_ENV, _closed_port_url())  # any download would fail
    cache = tmp_path / "cache"
    for source_id in ("hofstede", "vgsales", "nintendo_ir"):
        sources.fetch(source_id, cache=cache, progress=False)
    assert sources.sha256(cache / "vgsales" / "vgsales.csv") == sources.RAW_SOURCES["vgsales"].sha256
    assert len(_files(cache / src.folder)) == len(sources.registry("nintendo_ir"))


def test_a_pack_lacking_a_file_names_it(tmp_path, monkeypatch, no_pack):
    (tmp_path / "pack").mkdir()
    monkeypatch.setenv(sources.PACK_ENV, str(tmp_path / "pack"))
    with pytest.raises(FileNotFoundError, match="has no vgsales/vgsales.csv"):
        sources.fetch("vgsales", cache=tmp_path / "cache", progress=False)


def test_the_mirror_replaces_every_upstream_url():
    for src in sources.RAW_SOURCES.values():
        rel = next(iter(sources.registry(src.id)))
        assert sources.urls(src.id, rel, mirror="http://m.example/raw") == [
            f"http://m.example/raw/{src.folder}/{rel}"
        ]
        assert sources.urls(src.id, rel, mirror="")[0].startswith("https://")
