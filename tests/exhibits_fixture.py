"""A small fictional workbook (CSV folder) whose exhibits are of every kind the bundle handles."""

from __future__ import annotations

import hashlib
import shutil
import struct
import subprocess
from pathlib import Path

import pikepdf
from helpers import incident, write_csv
from PIL import Image

CONFIG = """\
[organisation]
name = "Observatoire fictif (test)"
legal_form = { fr = "association loi 1901", en = "non-profit association" }
address = "1 rue de l'Exemple\\n62100 Calais"
email = "contact@example.org"

[signatory]
name = "Camille Signataire"
quality = { fr = "présidente", en = "chair" }
place = "Calais"

[dossier]
reference = "TEST-DDD-01"

[dossier.title]
fr = "Violences à Calais"
en = "Violence in Calais"
"""

#: Fictional legal names: made up for the tests, as far from real names as can be.
CONSENTING_NAME = "Zorvan Quellitard"
OTHER_NAME = "Brumelda Vostrikane"
HAS_FFMPEG = shutil.which("ffmpeg") is not None


def _wav(seconds: float = 1.0) -> bytes:
    """A silent 8-bit mono WAV."""
    rate = 8000
    samples = int(rate * seconds)
    header = b"RIFF" + struct.pack("<I", 36 + samples) + b"WAVEfmt "
    header += struct.pack("<IHHIIHH", 16, 1, 1, rate, rate, 1, 8)
    return header + b"data" + struct.pack("<I", samples) + b"\x80" * samples


def _two_page_pdf(path: Path) -> None:
    """A two-page PDF whose pages say their own text, printed to the very bottom edge."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont="/Courier")
    )
    for number in (1, 2):
        page = pdf.add_blank_page(page_size=(595, 842))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        text = f"BT /F1 14 Tf 40 2 Td (Original page {number} bottom line) Tj ET".encode()
        page.obj.Contents = pdf.make_stream(text)
    pdf.save(path, deterministic_id=True)


def write_exhibits_workbook(folder: Path) -> Path:
    """The workbook folder (with ``dossier.toml`` and ``evidence/``); returns the folder."""
    evidence = folder / "evidence"
    evidence.mkdir(parents=True)
    Image.new("RGB", (60, 40), (200, 30, 30)).save(evidence / "photo.png")
    Image.new("RGB", (30, 60), (30, 30, 200)).save(evidence / "secret-photo.png")
    _two_page_pdf(evidence / "letter.pdf")
    (evidence / "testimony.txt").write_text(
        "Témoignage de Abel N. (pseudonyme).\nLes agents ont lacéré la tente.\n", encoding="utf-8"
    )
    (evidence / "named.txt").write_text(
        f"Déclaration signée {CONSENTING_NAME}, le 2 juillet 2015.\n", encoding="utf-8"
    )
    (evidence / "sound.wav").write_bytes(_wav())
    (evidence / "blob.bin").write_bytes(bytes(range(256)) * 4)
    files = {
        "E-1": ("photograph", "photo.png", "Tente lacérée.", "", "public", "CAL-1"),
        "E-2": ("official_document", "letter.pdf", "Courrier officiel.", "", "public", "CAL-1"),
        "E-3": ("written_testimony", "testimony.txt", "Témoignage écrit.", "", "public", "CAL-1"),
        "E-4": ("audio", "sound.wav", "Enregistrement sonore.", "", "public", "CAL-1"),
        "E-5": ("other", "blob.bin", "Fichier inconnu.", "", "public", "CAL-1"),
        "E-6": ("written_testimony", "named.txt", "Déclaration.", "", "public", "CAL-1"),
        "E-7": ("photograph", "secret-photo.png", "Photo secrète.", "", "confidential", "CAL-1"),
    }  # fmt: skip
    if HAS_FFMPEG:
        subprocess.run(
            [
                "ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=duration=4:size=160x120:rate=5", "-pix_fmt", "yuv420p",
                "-bitexact", str(evidence / "clip.mp4"),
            ],
            check=True,
        )  # fmt: skip
        files["E-8"] = ("video", "clip.mp4", "Vidéo de l'évacuation.", "0:02", "public", "CAL-1")
    rows = []
    for exhibit_id, (kind, file, description, timecodes, level, incident_id) in files.items():
        rows.append(
            {
                "id": exhibit_id,
                "incident ids": incident_id,
                "kind": kind,
                "description in French": description,
                "description in English": description,
                "file": file,
                "sha256": "",
                "captured at": "2015-07-01 10:00",
                "document date": "2015-06-30" if exhibit_id == "E-2" else "",
                "timecodes": timecodes,
                "confidentiality": level,
            }
        )
    write_csv(folder / "evidence.csv", rows)
    write_csv(
        folder / "incidents.csv",
        [incident(id="CAL-1", victim_ids="P-1", witness_ids="P-2", evidence_ids="")],
    )
    write_csv(
        folder / "persons.csv",
        [
            {
                "id": "P-1",
                "pseudonym": "Abel N.",
                "roles": "victim",
                "legal name": CONSENTING_NAME,
                "contact": "+33 6 00 00 99 01",
                "article 8 status": "consented",
                "consent to be identified to the DDD": "yes",
            },
            {
                "id": "P-2",
                "pseudonym": "Tom B.",
                "roles": "witness",
                "legal name": OTHER_NAME,
                "contact": "",
                "article 8 status": "consented",
                "consent to be identified to the DDD": "no",
            },
        ],
    )
    (folder / "dossier.toml").write_text(CONFIG, encoding="utf-8")
    return folder


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
