"""Privacy: no output an audience reads holds a legal name, a contact, or (below the DDD) an exact
coordinate — PDF text, PDF objects (metadata, outline, attachments, structure), DOCX parts,
HTML, the manifest, the console and the logs. Threat model: docs/security.md.

The confidential identity annex is not built yet: as long as it is not, no output may ever hold
a legal name, whatever the audience.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import logging
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import TODAY, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_build import CONFIG, PERSONS, SECRETS, write_dataset

from dossier.assemble.models import Audience, Layout

# -- generated workbooks ------------------------------------------------------------------------

# Markers: random words that appear nowhere else, so finding one anywhere is a leak.
MARKER = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=9, max_size=12).map("Lq".__add__)
ARABIC = st.text(
    alphabet=st.characters(min_codepoint=0x0628, max_codepoint=0x063A), min_size=4, max_size=8
)
ETHIOPIC = st.text(
    alphabet=st.characters(min_codepoint=0x1200, max_codepoint=0x1248), min_size=4, max_size=8
)
LEGAL_NAME = st.tuples(MARKER, st.one_of(ARABIC, ETHIOPIC, MARKER)).map(" ".join)
CONTACT = st.one_of(
    MARKER.map(lambda marker: f"{marker.lower()}@example.net"),
    st.tuples(st.integers(10**8, 10**9 - 1), MARKER).map(lambda t: f"+44 7{t[0]} ({t[1]})"),
    st.tuples(MARKER, ARABIC).map(lambda t: f"WhatsApp {t[0]} {t[1]}"),
    st.tuples(MARKER, ETHIOPIC).map(lambda t: f"{t[0]} c/o {t[1]}"),
)
# Six decimals; the 3rd, 4th and 6th not 0, so that rounding for partners (3) and the public (2)
# always changes the value and the prefixes searched for are not round numbers printed anyway.
COORDINATE = (
    st.integers(0, 999_999)
    .map(lambda n: f"{n:06d}")
    .filter(lambda digits: "0" not in (digits[2], digits[3], digits[5]))
)


@dataclass
class Generated:
    folder: Path
    legal_names: list[str]
    contacts: list[str]
    coordinates: list[str] = field(default_factory=list)  # "50.951345" as typed

    def secrets(self) -> list[str]:
        """Every legal name and contact, and each of their words long enough to be unique."""
        found = [*self.legal_names, *self.contacts]
        for text in list(found):
            found += [word.strip("()") for word in text.split() if len(word.strip("()")) >= 4]
        return sorted({secret for secret in found if not secret.startswith(("+44", "c/o"))})


@st.composite
def workbooks(draw: st.DrawFn) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    persons = []
    for number in range(draw(st.integers(1, 4))):
        persons.append(
            {
                "id": f"P-{number + 1:03d}",
                "pseudonym": f"{'ABCDEFGH'[number]}bel N{number}.",
                "roles": draw(st.sampled_from(["victim", "witness", "victim; witness"])),
                "age": str(draw(st.integers(12, 60))),
                "nationality": draw(st.sampled_from(["Eritrean", "Sudanese", "Afghan"])),
                "legal name": draw(LEGAL_NAME),
                "contact": draw(CONTACT),
                "article 8 status": draw(
                    st.sampled_from(
                        ["consented", "informed, did not object", "unreachable", "refused", ""]
                    )
                ),
                "publication consent": draw(st.sampled_from(["anonymised", "none", ""])),
            }
        )
    incidents = []
    for number in range(draw(st.integers(1, 3))):
        victims = draw(st.lists(st.sampled_from([p["id"] for p in persons]), unique=True))
        confidentiality = draw(st.sampled_from(["public", "restricted", "confidential"]))
        # A confidential row carries a marker in its commune, place and account: no edition
        # below the DDD may show it, in text, figures, charts or attachments.
        marker = f"Wh{draw(MARKER)}" if confidentiality == "confidential" else ""
        incidents.append(
            {
                "id": f"CAL-2015-{number + 1:04d}",
                "date": f"2015-0{number + 4}-1{number}",
                "commune": marker
                or draw(st.sampled_from(["Calais", "Grande-Synthe", "Coquelles"])),
                "place": f"rue des Garennes {marker}".strip(),
                "latitude": f"50.{draw(COORDINATE)}",
                "longitude": f"1.{draw(COORDINATE)}",
                "forces": "CRS",
                "units": "CRS 8",
                "acts": draw(st.sampled_from(["tear gas", "physical violence; eviction"])),
                "summary in French": f"Gaz lacrymogène sur le campement. {marker}".strip(),
                "summary in English": f"Tear gas on the camp. {marker}".strip(),
                "victim ids": "; ".join(victims),
                "confidentiality": confidentiality,
                # A column dossier does not know: read by nobody, printed nowhere.
                "full name": draw(st.sampled_from(persons))["legal name"],
            }
        )
    # Where an identity may also be typed by mistake: an account, the units, a pseudonym.
    slip = draw(st.sampled_from(["none", "none", "summary", "units", "pseudonym", "contact"]))
    if slip != "none":
        person = persons[0]
        leaked = person["contact"] if slip == "contact" else person["legal name"]
        if slip == "pseudonym":
            person["pseudonym"] = leaked
        else:
            incidents[0]["summary in English" if slip in ("summary", "contact") else "units"] = (
                f"Seen by {leaked}."
            )
    return persons, incidents


def slipped(persons: list[dict[str, str]], incidents: list[dict[str, str]]) -> bool:
    """Whether the draw typed an identity where a dossier would print it."""
    secrets = [p[key] for p in persons for key in ("legal name", "contact")]
    printed = [p["pseudonym"] for p in persons]
    printed += [i[key] for i in incidents for key in ("summary in English", "units")]
    return any(secret in text for secret in secrets for text in printed)


def confidential_markers(incidents: list[dict[str, str]]) -> list[str]:
    return [i["commune"] for i in incidents if i["confidentiality"] == "confidential"]


MAPPING = "mapping.toml"


def with_mapping(data: Path) -> list[str | Path]:
    """The ``--mapping`` option when the data folder has a mapping file."""
    return ["--mapping", data / MAPPING] if (data / MAPPING).exists() else []


def write_generated(folder: Path, persons: list[dict[str, str]], incidents: list[dict[str, str]]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("persons", persons), ("incidents", incidents)):
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    (folder / "dossier.toml").write_text(CONFIG, encoding="utf-8")
    # The unknown column holding names is declared as one to leave aside, as a group would
    # after `dossier mapping draft` (an unknown column with data is otherwise a build error).
    (folder / MAPPING).write_text('[incidents]\n"full name" = "ignore"\n', encoding="utf-8")
    return Generated(
        folder,
        [p["legal name"] for p in persons],
        [p["contact"] for p in persons],
        [i[key] for i in incidents for key in ("latitude", "longitude")],
    )


# -- reading every output the way a reader (or a curious one) would -----------------------------


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_everything(path: Path) -> str:
    """The PDF's text (pdftotext) and every string and decoded stream of every object reachable
    from its trailer: metadata, XMP, outline, annotations, structure tree, attachments."""
    from pypdf import PdfReader
    from pypdf.generic import ByteStringObject, IndirectObject, StreamObject, TextStringObject

    reader = PdfReader(path)
    found = [pdf_text(path)]
    seen: set[tuple[int, int]] = set()
    stack: list[object] = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, StreamObject):
            try:
                data = item.get_data()
            except Exception:  # an undecodable image: its raw bytes
                data = item._data
            found += [data.decode("utf-8", "ignore"), data.decode("utf-16-be", "ignore")]
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, (TextStringObject, ByteStringObject)):
            found.append(str(item))
    for name, contents in reader.attachments.items():
        found.append(name)
        found += [content.decode("utf-8", "ignore") for content in contents]
    return "\n".join(found)


def docx_everything(path: Path) -> str:
    """Every part of the package (document, footnotes, headers, docProps…), as XML, as text, and
    with each paragraph's runs joined (a name could be split across runs)."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name).decode("utf-8", "ignore")
            found += [name, data, html.unescape(data)]
            for paragraph in re.findall(r"<w:p[ >].*?</w:p>", data, re.S):
                runs = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph)
                found.append(html.unescape("".join(runs)))
    return "\n".join(found)


def every_output(out: Path) -> Iterator[tuple[str, str, str]]:
    """(name, everything in it, the text a reader reads) of each output."""
    for path in sorted(out.iterdir()):
        if path.suffix == ".pdf":
            yield path.name, pdf_everything(path), pdf_text(path)
        elif path.suffix == ".docx":
            everything = docx_everything(path)
            yield path.name, everything, everything
        else:
            raw = path.read_text(encoding="utf-8")
            yield path.name, raw + "\n" + html.unescape(raw), html.unescape(raw)


def leaks(places: dict[str, str], secrets: list[str]) -> list[tuple[str, str]]:
    folded = {where: " ".join(text.split()).casefold() for where, text in places.items()}
    return sorted(
        (where, secret)
        for secret in secrets
        for where, text in folded.items()
        if " ".join(secret.split()).casefold() in text
    )


def imprecise(places: dict[str, str], coordinates: list[str], audience: str) -> list[str]:
    """Coordinates printed with more decimals than the audience may see, in what a reader
    reads (a PDF's raw streams are full of numbers like 1.003)."""
    keep = {"partners": 3, "public": 2}.get(audience)
    if keep is None:
        return []
    found = []
    for coordinate in coordinates:
        whole, decimals = coordinate.split(".")
        for separator in ".,":
            pattern = re.compile(rf"(?<![0-9]){whole}[{separator}]{decimals[: keep + 1]}")
            found += [where for where, text in places.items() if pattern.search(text)]
    return found


def cache_contents(cache: Path) -> str:
    """Everything the render cache holds, DOCX entries unzipped (PDF entries are read raw: their
    text is in compressed streams, which the outputs' own check reads)."""
    found = []
    for path in sorted(cache.rglob("*")) if cache.exists() else []:
        if not path.is_file():
            continue
        data = path.read_bytes()
        found.append(data.decode("utf-8", "replace"))
        start = data.find(b"PK\x03\x04")
        if start >= 0:
            with (
                contextlib.suppress(zipfile.BadZipFile),
                zipfile.ZipFile(io.BytesIO(data[start:])) as archive,
            ):
                found += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    return "\n".join(found)


def build_and_read(
    data: Path,
    out: Path,
    layout: str,
    audience: str,
    lang: str,
    formats: str,
    variant: bool,
    cache: Path | None = None,
) -> tuple[dict[str, str], dict[str, str]]:
    """Build one edition with the CLI; return everything in its outputs and its console, and
    the text a reader reads of each output."""
    args = ["build", data, "--out", out, "--layout", layout, "--audience", audience]
    args += ["--lang", lang, "--format", formats]
    args += ["--cache-dir", cache] if cache is not None else ["--no-cache"]
    args += with_mapping(data)
    if variant:
        args += ["--pdf-variant", "pdf/a-3b"]
    result = run_cli(args)
    assert result.exit_code == 0, result.output
    places, texts = {}, {}
    for name, everything, text in every_output(out):
        places[f"{layout}/{audience}/{name}"] = everything
        texts[f"{layout}/{audience}/{name} (text)"] = text
    places[f"{layout}/{audience}/console"] = result.output
    return places, texts


# -- the property -----------------------------------------------------------------------------

COMBINATIONS = [(layout.value, audience.value) for layout in Layout for audience in Audience]


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    workbook=workbooks(),
    lang=st.sampled_from(["fr", "en"]),
    typeset=st.sampled_from(COMBINATIONS),
    variant=st.booleans(),
)
def test_no_output_holds_an_identity_or_an_exact_coordinate(
    workbook: tuple[list[dict[str, str]], list[dict[str, str]]],
    lang: str,
    typeset: tuple[str, str],
    variant: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Every layout × audience in HTML and DOCX; one of them (drawn) also in PDF (PDF/A-3b
    or not). The PDF of every combination is checked by the next test."""
    caplog.set_level(logging.DEBUG)
    persons, incidents = workbook
    with tempfile.TemporaryDirectory() as root:
        generated = write_generated(Path(root) / "data", persons, incidents)
        if slipped(persons, incidents):
            # An identity typed where a dossier prints it: no edition is built, and the report
            # names the cell without quoting it.
            result = run_cli(
                ["validate", generated.folder, "--format", "json", *with_mapping(generated.folder)]
            )
            assert result.exit_code == 1
            codes = {p["code"] for p in json.loads(result.stdout)["problems"]}
            assert codes & {"legal_name_in_text", "contact_in_text"}, codes
            assert leaks({"report": result.output}, generated.secrets()) == []
            built = run_cli(
                [
                    "build",
                    generated.folder,
                    "--out",
                    Path(root) / "out",
                    *with_mapping(generated.folder),
                ]
            )
            assert built.exit_code == 1 and not (Path(root) / "out").exists()
            return
        cache = Path(root) / "cache"
        for layout, audience in COMBINATIONS:
            formats = "html,docx,pdf" if (layout, audience) == typeset else "html,docx"
            out = Path(root) / f"out-{layout}-{audience}"
            places, texts = build_and_read(
                generated.folder, out, layout, audience, lang, formats, variant, cache
            )
            places["logs"] = caplog.text
            if audience != "ddd":
                assert leaks(places, confidential_markers(incidents)) == []
            # The cache is shared by every edition (the DDD's hold confidential rows), so it is
            # searched for identities only, which no edition holds.
            places["cache"] = cache_contents(cache)
            assert leaks(places, generated.secrets()) == []
            assert imprecise(texts, generated.coordinates, audience) == []


@pytest.mark.slow
def test_every_layout_and_audience_in_every_format(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    data = write_dataset(tmp_path / "data")
    coordinates = ["50.951345", "1.858712"]
    for layout, audience in COMBINATIONS:
        out = tmp_path / f"out-{layout}-{audience}"
        places, texts = build_and_read(data, out, layout, audience, "fr", "pdf,docx,html", False)
        places["logs"] = caplog.text
        assert leaks(places, SECRETS) == []
        assert imprecise(texts, coordinates, audience) == []
        pdf = next(text for where, text in places.items() if where.endswith(".pdf"))
        assert "Abel N." in pdf or "un homme" in pdf or "a man" in pdf  # the search does read


# -- fast checks -----------------------------------------------------------------------------


def test_no_legal_name_in_any_edition_html_or_docx(tmp_path: Path) -> None:
    """No identity annex exists yet: no audience, the DDD's included, gets a legal name."""
    data = write_dataset(tmp_path / "data")
    for layout in Layout:
        for audience in Audience:
            out = tmp_path / f"out-{layout.value}-{audience.value}"
            places, _ = build_and_read(data, out, layout.value, audience.value, "en", "html", False)
            assert leaks(places, SECRETS) == []
            names = [p["pseudonym"] for p in PERSONS if p["article 8 status"] != "refused"]
            assert any(name in "".join(places.values()) for name in names) or (
                layout is Layout.report
            )


def test_the_validation_report_never_quotes_a_legal_name_or_contact(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    rows = list(csv.DictReader(io.StringIO((data / "persons.csv").read_text(encoding="utf-8"))))
    rows[0]["legal name"] = "Yonas\x07 Tesfamariam Berhe"  # a control character: an error
    rows[1]["contact"] = "clarisse.mv@example.net \u202e"  # a direction control: a warning
    rows[2]["legal name"] = "Haidar Osman Elfadil " + "x" * 40_000  # too long: an error
    with (data / "persons.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for output in ("text", "json"):
        result = run_cli(["validate", data, "--lang", "en", "--format", output])
        assert result.exit_code == 1
        problems = [
            p
            for p in json.loads(run_cli(["validate", data, "--format", "json"]).stdout)["problems"]
            if p["sheet"] == "persons"
        ]
        assert {(p["row"], p["code"]) for p in problems} >= {
            (2, "invalid_text"),
            (3, "bidi_control"),
            (4, "text_too_long"),
        }
        assert all(p["value"] is None for p in problems if p["column"] in ("F", "G"))
        for secret in ("Yonas", "Tesfamariam", "clarisse.mv", "Haidar", "Elfadil"):
            assert secret not in result.output, (output, secret)
    from dossier.validate.rows import load_and_validate

    _, report = load_and_validate(data, today=TODAY)
    assert "Yonas" not in json.dumps(report.to_json("fr"))
