"""The pièces bundle read back: bordereau, pages per pièce, stamps, links, bookmarks, files."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from exhibits_fixture import CONSENTING_NAME, HAS_FFMPEG, OTHER_NAME, write_exhibits_workbook
from helpers import run_cli

from dossier.build import build_dossiers
from dossier.build.enclosures import Enclosures, EnclosureUsage

EPOCH = "1479168000"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_exhibits_workbook(tmp_path_factory.mktemp("exhibits") / "data")


def _build(workbook: Path, out: Path, audience: str = "ddd", **options: object) -> list[str]:
    """Build the French HTML edition and its bundle; the build's notes (English)."""
    result = build_dossiers(
        workbook,
        out=out,
        langs=["fr"],
        formats=["html"],
        audience=audience,
        use_cache=False,
        jobs=1,
        enclosures=Enclosures(bundle=True, **options),  # type: ignore[arg-type]
    )
    return [str(note) for note in result.notes]


@pytest.fixture(scope="module")
def ddd_bundle(workbook: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("ddd")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        notes = _build(workbook, out)
    return out / "pieces-fr.pdf", notes


def _page_texts(path: Path, *, layout: bool = True) -> list[str]:
    """The text of each page (pdftotext), spaces folded."""
    command = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    text = subprocess.run(command, capture_output=True, check=True, text=True).stdout
    return [re.sub(r"\s+", " ", page) for page in text.split("\f")[:-1]]


def _links_to_bundle(path: Path) -> list[tuple[str, str]]:
    """The (file, named destination) of every link of ``path`` into another PDF file."""
    found = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", pikepdf.Array()):
                action = annotation.get("/A")
                if action is not None and action.get("/S") == "/GoToR":
                    found.append((str(action.F.F), str(action.D)))
    return found


def _outline(path: Path) -> list[tuple[str, int]]:
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        found = []
        for item in outline.root:
            target = item.destination[0] if item.destination is not None else item.action.D[0]
            found.append((item.title, pages[target.objgen]))
        return found


def test_every_page_is_stamped_with_its_piece_and_page(ddd_bundle: tuple[Path, list[str]]) -> None:
    bundle, _notes = ddd_bundle
    texts = _page_texts(bundle)
    outline = _outline(bundle)
    assert outline[0] == ("Bordereau de communication de pièces", 0)
    starts = [(int(re.search(r"n° (\d+)", title)[1]), page) for title, page in outline[1:]]  # type: ignore[index]
    ends = [page for _number, page in starts[1:]] + [len(texts)]
    for page in range(starts[0][1]):
        assert f"Bordereau — p. {page + 1}/{starts[0][1]}" in texts[page]
    for (number, first), end in zip(starts, ends, strict=True):
        for k in range(first, end):
            stamp = f"Pièce n° {number} — p. {k - first + 1}/{end - first}"
            assert stamp in texts[k], (k, texts[k][-200:])
    # The two-page PDF keeps its two pages, and its own text, bottom line included.
    letter = next(first for number, first in starts if number == 2)
    assert "Original page 1 bottom line" in texts[letter]
    assert "Original page 2 bottom line" in texts[letter + 1]
    assert "Pièce n° 2 — p. 2/2" in texts[letter + 1]


def test_the_stamp_never_covers_a_merged_page(ddd_bundle: tuple[Path, list[str]]) -> None:
    bundle, _notes = ddd_bundle
    with pikepdf.open(bundle) as pdf, pdf.open_outline() as outline:
        item = next(item for item in outline.root if item.title.startswith("Pièce n° 2 "))
        page = pikepdf.Page(item.destination[0])
        # The original page was 595 × 842 from y=0: a strip was added under it for the stamp.
        assert [float(v) for v in page.mediabox] == [0, -20, 595, 842]


def test_bordereau_lists_and_links_each_piece(ddd_bundle: tuple[Path, list[str]]) -> None:
    bundle, _notes = ddd_bundle
    first_page = _page_texts(bundle, layout=False)[0]
    assert "Date du document" in first_page and "2015-06-30" in first_page
    assert "collectée le 2015-07-01" in first_page
    with pikepdf.open(bundle) as pdf:
        names = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        outline = dict(_outline(bundle))
        links = [
            str(annotation.A.D)
            for annotation in pdf.pages[0].obj.get("/Annots", pikepdf.Array())
            if annotation.get("/Subtype") == "/Link"
        ]
    # Every exhibit reaches the DDD: the confidential photo too, and the video with ffmpeg.
    expected = sorted(f"piece-{n}" for n in range(1, 9 if HAS_FFMPEG else 8))
    assert sorted(links) == expected
    for link in links:
        number = int(link.removeprefix("piece-"))
        target = pages[names[link][0].objgen]
        title = next(title for title in outline if title.startswith(f"Pièce n° {number} "))
        assert outline[title] == target


def test_originals_attached_for_the_ddd_match_their_fingerprints(
    ddd_bundle: tuple[Path, list[str]], workbook: Path
) -> None:
    bundle, _notes = ddd_bundle
    with pikepdf.open(bundle) as pdf:
        attached = {
            name: hashlib.sha256(spec.get_file().read_bytes()).hexdigest()
            for name, spec in pdf.attachments.items()
        }
    originals = {"sound.wav", "blob.bin"} | ({"clip.mp4"} if HAS_FFMPEG else set())
    assert {name.split("-", 2)[2] for name in attached} == originals
    for name, digest in attached.items():
        original = workbook / "evidence" / name.split("-", 2)[2]
        assert digest == hashlib.sha256(original.read_bytes()).hexdigest()
    text = " ".join(_page_texts(bundle, layout=False))
    assert "joint à ce fichier PDF" in text
    # The fingerprint may wrap at the end of its line.
    sound = hashlib.sha256((workbook / "evidence" / "sound.wav").read_bytes()).hexdigest()
    assert sound in text.replace(" ", "")


def test_a_text_naming_someone_is_not_reproduced(ddd_bundle: tuple[Path, list[str]]) -> None:
    bundle, notes = ddd_bundle
    text = " ".join(_page_texts(bundle))
    assert "Les agents ont lacéré la tente." in text  # a text exhibit is typeset
    for name in (CONSENTING_NAME, OTHER_NAME, "Quellitard", "Vostrikane"):
        assert name not in text
    assert any("E-6" in note and "legal name" in note for note in notes)


@pytest.mark.skipif(not HAS_FFMPEG, reason="ffmpeg (Debian) makes the video's stills")
def test_a_video_gets_captioned_stills_and_the_cited_moment(
    ddd_bundle: tuple[Path, list[str]],
) -> None:
    bundle, _notes = ddd_bundle
    text = " ".join(_page_texts(bundle))
    assert "Images extraites de la vidéo" in text
    assert "0:02 (moment cité)" in text
    assert "Durée 0:04" in text
    with pikepdf.open(bundle) as pdf:
        images = sum(len(page.get_images()) for page in pdf.pages)
    assert images >= 7  # the two photos, and the stills


def test_the_partners_bundle_leaves_out_and_counts(workbook: Path, tmp_path: Path) -> None:
    notes = _build(workbook, tmp_path, audience="partners")
    bundle = tmp_path / "pieces-partners-fr.pdf"
    text = " ".join(_page_texts(bundle))
    assert "en raison de leur confidentialité : 1." in text
    assert "Photo secrète" not in text
    assert any("1 exhibit(s) not sent" in note for note in notes)
    with pikepdf.open(bundle) as pdf:
        # Originals travel only to the DDD.
        assert len(pdf.attachments) == 0
    assert "conservé par l'organisation" in text


def test_max_part_size_splits_between_pieces(workbook: Path, tmp_path: Path) -> None:
    notes = _build(workbook, tmp_path, max_part_mb=0.004)
    # The sound file (8 kB, attached) is over the limit: a part of its own, and said so.
    assert any("is larger than --max-part-size" in note for note in notes), notes
    parts = sorted(tmp_path.glob("pieces-fr-*.pdf"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    assert len(parts) > 1
    assert not (tmp_path / "pieces-fr.pdf").exists()
    seen: list[int] = []
    for index, part in enumerate(parts, start=1):
        texts = _page_texts(part)
        assert f"Partie {index} sur {len(parts)}" in texts[0]
        numbers = [int(re.search(r"n° (\d+)", title)[1]) for title, _ in _outline(part)[1:]]  # type: ignore[index]
        # The part's bordereau lists exactly its pièces, each complete (k/n up to n/n).
        for number in numbers:
            stamps = re.findall(rf"Pièce n° {number} — p\. (\d+)/(\d+)", " ".join(texts))
            assert stamps and stamps[-1][0] == stamps[-1][1]
        seen += numbers
    assert seen == sorted(seen) and len(seen) == len(set(seen))


def test_max_part_size_must_be_positive(workbook: Path, tmp_path: Path) -> None:
    with pytest.raises(EnclosureUsage):
        _build(workbook, tmp_path, max_part_mb=0)


def test_cli_builds_the_bundle_by_default_for_the_ddd_layout(
    workbook: Path, tmp_path: Path
) -> None:
    result = run_cli(
        [
            "build",
            str(workbook),
            "--lang",
            "fr",
            "--out",
            str(tmp_path),
            "--no-cache",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "pieces-fr.pdf" in result.output
    assert (tmp_path / "pieces-fr.pdf").is_file()
    # Each « Pièce n° X » of the dossier opens the pièce in the bundle.
    links = _links_to_bundle(tmp_path / "ddd-fr.pdf")
    assert links and {file for file, _ in links} == {"pieces-fr.pdf"}
    with pikepdf.open(tmp_path / "pieces-fr.pdf") as bundle:
        destinations = set(pikepdf.NameTree(bundle.Root.Names.Dests).keys())
    assert {target for _, target in links} <= destinations
    assert {target for _, target in links} >= {"piece-1", "piece-2"}
    again = tmp_path / "again"
    result = run_cli(
        [
            "build",
            str(workbook),
            "--lang",
            "fr",
            "--out",
            str(again),
            "--no-bundle",
        ]
    )
    assert result.exit_code == 0, result.output
    assert (again / "ddd-fr.pdf").is_file()
    assert not (again / "pieces-fr.pdf").exists()
    assert _links_to_bundle(again / "ddd-fr.pdf") == []
    # HTML alone makes no bundle unless asked for.
    html_only = tmp_path / "html"
    args = ["build", str(workbook), "--lang", "fr", "--format", "html", "--out", str(html_only)]
    assert run_cli(args).exit_code == 0
    assert not (html_only / "pieces-fr.pdf").exists()
    assert run_cli([*args, "--bundle"]).exit_code == 0
    assert (html_only / "pieces-fr.pdf").is_file()


def test_the_bundle_is_reproducible(
    workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    _build(workbook, tmp_path / "one")
    _build(workbook, tmp_path / "two")
    first = (tmp_path / "one" / "pieces-fr.pdf").read_bytes()
    assert first == (tmp_path / "two" / "pieces-fr.pdf").read_bytes()


def test_a_bundle_of_many_pieces_is_joined_in_batches_to_the_same_result(
    workbook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ddd_bundle: tuple[Path, list[str]],
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setattr("dossier.exhibits.bundle.BATCH", 2)
    _build(workbook, tmp_path)
    batched = tmp_path / "pieces-fr.pdf"
    whole, _notes = ddd_bundle
    assert _page_texts(batched) == _page_texts(whole)
    assert _outline(batched) == _outline(whole)
    with pikepdf.open(batched) as one, pikepdf.open(whole) as other:
        assert sorted(one.attachments) == sorted(other.attachments)
        for name in one.attachments:
            assert (
                one.attachments[name].get_file().read_bytes()
                == other.attachments[name].get_file().read_bytes()
            )
        assert list(pikepdf.NameTree(one.Root.Names.Dests).keys()) == list(
            pikepdf.NameTree(other.Root.Names.Dests).keys()
        )


def test_sigterm_while_the_bundle_is_made_leaves_no_temporary_file(
    workbook: Path, tmp_path: Path
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "import dossier.exhibits.bundle as bundle\n"
        "from dossier.build import build_dossiers\n"
        "from dossier.build.enclosures import Enclosures\n"
        "made = bundle.exhibit_pages\n"
        "def slow(*args, **kwargs):\n"
        "    time.sleep(0.5)\n"
        "    return made(*args, **kwargs)\n"
        "bundle.exhibit_pages = slow\n"
        "build_dossiers(Path(sys.argv[1]), out=Path(sys.argv[2]), langs=['fr'],\n"
        "               formats=['html'], enclosures=Enclosures(bundle=True))\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(workbook), str(tmp_path / "out")],
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    deadline = time.monotonic() + 120
    while not any(temporary.glob("dossier-enclosures-*/*/piece-*.pdf")):
        assert child.poll() is None, "the build ended before making any pièce"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=60) == 143
    assert list(temporary.iterdir()) == []
    assert not (tmp_path / "out" / "pieces-fr.pdf").exists()


def test_each_layout_has_its_own_bundle(workbook: Path, tmp_path: Path) -> None:
    result = build_dossiers(
        workbook,
        out=tmp_path,
        layouts=["ddd", "report"],
        langs=["en"],
        formats=["html"],
        jobs=1,
        enclosures=Enclosures(bundle=True),
    )
    names = sorted(output.path.name for output in result.outputs)
    assert names == ["ddd-en.html", "pieces-en.pdf", "pieces-report-en.pdf", "report-en.html"]
    # The public report's bundle holds only public pièces: the confidential photo is counted.
    assert "because of their confidentiality: 1." in " ".join(
        _page_texts(tmp_path / "pieces-report-en.pdf")
    )


def test_images_of_every_shape_are_placed_without_losing_a_pixel(tmp_path: Path) -> None:
    from PIL import Image

    from dossier.exhibits.pieces import _image_pages

    transparent = tmp_path / "alpha.png"
    Image.new("RGBA", (50, 40), (10, 200, 10, 128)).save(transparent)
    webp = tmp_path / "photo.webp"
    Image.new("RGB", (30, 20), (200, 10, 10)).save(webp, format="WEBP", lossless=True)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not an image at all")
    for image in (transparent, webp):
        target = tmp_path / f"{image.stem}.pdf"
        assert _image_pages(image, target, tmp_path) == 1
        with pikepdf.open(target) as pdf:
            placed = pikepdf.PdfImage(next(iter(pdf.pages[0].get_images().values())))
            with Image.open(image) as opened:
                assert (placed.width, placed.height) == opened.size
            # Stored losslessly: PNG's Flate, never JPEG's DCT.
            assert placed.filters == ["/FlateDecode"]
    assert _image_pages(broken, tmp_path / "broken.pdf", tmp_path) is None
