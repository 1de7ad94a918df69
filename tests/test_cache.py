"""The render cache: content-addressed, verified on every read, private, bounded."""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from pathlib import Path

import pytest
from test_build import EPOCH, write_dataset

from dossier.build.cache import (
    KEY_FILE_NAME,
    RenderCache,
    assets_fingerprint,
    canonical,
    default_cache_dir,
    digest,
    fonts_fingerprint,
    renderer_fingerprint,
)
from dossier.build.pipeline import BuildResult, build_dossiers

KEY = hashlib.sha256(b"some render").hexdigest()
KEY_FILE = KEY_FILE_NAME


def entries(cache: Path) -> list[Path]:
    """The cache's entries (not the key that authenticates them)."""
    return sorted(path for path in cache.rglob("*") if path.is_file() and path.name != KEY_FILE)


# ------------------------------------------------------------------------------ the store


def test_an_entry_comes_back_with_its_metadata(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path / "cache")
    assert cache.get(KEY) is None
    cache.put(KEY, b"%PDF-1.7 bytes", {"pages": 3, "refused_urls": ["file:///x"]})
    entry = cache.get(KEY)
    assert entry is not None
    assert entry.data == b"%PDF-1.7 bytes"
    assert entry.meta["pages"] == 3
    assert entry.meta["refused_urls"] == ["file:///x"]
    assert entry.meta["sha256"] == hashlib.sha256(b"%PDF-1.7 bytes").hexdigest()
    assert (cache.hits, cache.misses) == (1, 1)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]), id="flipped-bit"),
        pytest.param(lambda raw: raw[:-5], id="truncated"),
        pytest.param(lambda raw: raw + b"x", id="extended"),
        pytest.param(lambda raw: b"garbage" + raw, id="bad-header"),
        pytest.param(lambda raw: raw.replace(b'"pages"', b'"pag"es"'), id="bad-json"),
        pytest.param(lambda raw: b"", id="empty"),
    ],
)
def test_a_corrupt_entry_is_deleted_and_never_used(
    tmp_path: Path, damage: object, caplog: pytest.LogCaptureFixture
) -> None:
    cache = RenderCache(tmp_path / "cache")
    cache.put(KEY, b"the real output" * 100, {"pages": 1})
    path = cache.path_for(KEY)
    assert callable(damage)
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="dossier.build.cache"):
        assert cache.get(KEY) is None
    assert not path.exists()
    assert cache.rejected == [KEY]
    assert "is corrupt" in caplog.text


def test_entries_are_private(tmp_path: Path) -> None:
    root = tmp_path / "home" / "cache"
    RenderCache(root).put(KEY, b"a confidential dossier")
    for folder in [root, *(path for path in root.rglob("*") if path.is_dir())]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in entries(root):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert not path.name.endswith(".part")


def test_an_unwritable_cache_only_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="dossier.build.cache"):
        RenderCache(blocker).put(KEY, b"data")
    assert "Cannot write to the cache" in caplog.text


def test_prune_drops_the_least_recently_used(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path / "cache", max_bytes=2500)
    keys = [hashlib.sha256(bytes([n])).hexdigest() for n in range(4)]
    for age, key in enumerate(keys):
        cache.put(key, b"x" * 1000)
        os.utime(cache.path_for(key), (1_000_000 + age, 1_000_000 + age))
    assert cache.get(keys[0]) is not None  # used just now: kept
    assert cache.prune() == 2
    assert [cache.get(key) is not None for key in keys] == [True, False, False, True]


def test_keys_must_be_digests(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        RenderCache(tmp_path).path_for("../../etc/passwd")


def test_default_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DOSSIER_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert default_cache_dir() == tmp_path / ".cache" / "dossier"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert default_cache_dir() == tmp_path / ".cache" / "dossier"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "dossier"
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"


# ------------------------------------------------------------------------------ the keys


def test_canonical_form_hashes_bytes_and_refuses_paths() -> None:
    assert canonical({"b": b"abc", "a": (1, None)}) == {
        "a": [1, None],
        "b": {"sha256": hashlib.sha256(b"abc").hexdigest()},
    }
    assert digest({"a": 1, "b": 2}) == digest({"b": 2, "a": 1})
    with pytest.raises(TypeError, match="content"):
        canonical(Path("/etc/passwd"))


def test_assets_fingerprint_follows_content_not_dates(tmp_path: Path) -> None:
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "dossier.css").write_text("p { color: red }")
    first = assets_fingerprint([folder])
    os.utime(folder / "dossier.css", (1, 1))
    assert assets_fingerprint([folder]) == first
    (folder / "logo.svg").write_text("<svg/>")
    second = assets_fingerprint([folder])
    assert second != first
    (folder / "dossier.css").write_text("p { color: blue }")
    assert assets_fingerprint([folder]) not in (first, second)


def test_environment_fingerprints_are_stable() -> None:
    assert fonts_fingerprint() == fonts_fingerprint()
    assert len(renderer_fingerprint()) == 64


# ------------------------------------------------------------------------ through build_dossiers()


def by_name(result: BuildResult) -> dict[str, str]:
    return {output.path.name: output.sha256 for output in result.outputs}


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return write_dataset(tmp_path / "data")


@pytest.mark.slow
def test_rebuild_reuses_unchanged_outputs_and_renders_changed_ones(
    data: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    options = {"formats": ("pdf", "docx"), "cache_dir": cache, "jobs": 2}
    first_steps: list[str] = []
    first = build_dossiers(data, out=tmp_path / "one", progress=first_steps.append, **options)
    assert not [step for step in first_steps if step.startswith("cached")]
    assert len(entries(cache)) == 4

    again: list[str] = []
    second = build_dossiers(data, out=tmp_path / "two", progress=again.append, **options)
    assert by_name(second) == by_name(first)
    assert sorted(step.split()[1] for step in again if step.startswith("cached")) == [
        "ddd-en.docx",
        "ddd-en.pdf",
        "ddd-fr.docx",
        "ddd-fr.pdf",
    ]
    assert second.refused_urls == first.refused_urls
    assert [o.pages for o in second.outputs] == [o.pages for o in first.outputs]

    # Edit the French account of one incident: only the French outputs are typeset again.
    write_dataset(data, **{"summary in French": "Les CRS ont gazé le campement au matin."})
    edited: list[str] = []
    third = build_dossiers(data, out=tmp_path / "three", progress=edited.append, **options)
    assert sorted(step.split()[1] for step in edited if step.startswith("cached")) == [
        "ddd-en.docx",
        "ddd-en.pdf",
    ]
    assert sorted(step.split()[1] for step in edited if step.startswith("built")) == [
        "ddd-fr.docx",
        "ddd-fr.pdf",
    ]
    assert by_name(third)["ddd-en.pdf"] == by_name(first)["ddd-en.pdf"]
    assert by_name(third)["ddd-fr.pdf"] != by_name(first)["ddd-fr.pdf"]
    fresh = build_dossiers(data, out=tmp_path / "fresh", use_cache=False, **options)
    assert by_name(third) == by_name(fresh)


@pytest.mark.slow
def test_a_corrupt_cached_pdf_is_rebuilt_not_used(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build_dossiers(data, langs=("fr",), out=tmp_path / "one", cache_dir=cache)
    [entry] = entries(cache)
    raw = entry.read_bytes()
    # One byte changed in the PDF: its stored SHA-256 no longer matches.
    middle = len(raw) - 1000
    entry.write_bytes(raw[:middle] + bytes([raw[middle] ^ 0x20]) + raw[middle + 1 :])
    steps: list[str] = []
    second = build_dossiers(
        data, langs=("fr",), out=tmp_path / "two", cache_dir=cache, progress=steps.append
    )
    assert not [step for step in steps if step.startswith("cached")]
    assert by_name(second) == by_name(first)
    assert (tmp_path / "two" / "ddd-fr.pdf").read_bytes() == (
        tmp_path / "one" / "ddd-fr.pdf"
    ).read_bytes()
    # The entry was written again, sound.
    [rebuilt] = entries(cache)
    assert rebuilt.read_bytes() == raw


@pytest.mark.slow
def test_cache_keys_follow_assets_and_epoch(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    templates = tmp_path / "tpl"
    (templates / "assets").mkdir(parents=True)
    builtin_css = Path(__file__).resolve().parents[1] / "templates" / "assets" / "dossier.css"
    (templates / "assets" / "dossier.css").write_bytes(builtin_css.read_bytes())
    options = {"langs": ("fr",), "formats": ("docx",), "cache_dir": cache, "templates": templates}

    def cached(**extra: object) -> bool:
        steps: list[str] = []
        build_dossiers(data, out=tmp_path / "out", progress=steps.append, **options, **extra)
        return any(step.startswith("cached") for step in steps)

    assert not cached()
    assert cached()
    (templates / "assets" / "dossier.css").write_text("p { color: blue }", encoding="utf-8")
    assert not cached()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    assert not cached()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert not cached()
    assert cached()


@pytest.mark.slow
def test_no_cache_writes_nothing(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build_dossiers(
        data,
        langs=("fr",),
        formats=("docx",),
        out=tmp_path / "out",
        cache_dir=cache,
        use_cache=False,
    )
    assert not cache.exists()


@pytest.mark.slow
def test_a_cached_refusal_is_reported_again(
    data: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    templates = tmp_path / "tpl"
    (templates / "fr").mkdir(parents=True)
    (templates / "fr" / "ddd.html").write_text(
        '{% extends "default:ddd.html" %}\n'
        '{% block requests %}{{ super() }}<p><img src="no-such-picture.png" alt=""></p>'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    options = {"langs": ("fr",), "templates": templates, "cache_dir": tmp_path / "cache"}
    first = build_dossiers(data, out=tmp_path / "one", **options)
    with caplog.at_level(logging.WARNING, logger="dossier.render"):
        second = build_dossiers(data, out=tmp_path / "two", **options)
    # The markup check stops any address out of the dossier before rendering; what reaches the
    # fetcher's refusal is an asset the pack does not hold.
    assert first.refused_urls == second.refused_urls == ["asset:/no-such-picture.png"]
    assert "Refused to fetch asset:/no-such-picture.png" in caplog.text
