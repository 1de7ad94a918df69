"""The build's step for what is sent with a dossier: the pièces bundle, the identity annex,
and the signature of every PDF (see docs/exhibits.md)."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from dossier.assemble.models import DEFAULT_AUDIENCE, Audience, DossierView, Layout
from dossier.errors import UsageError
from dossier.exhibits.annex import annex_entries, annex_name, check_passphrase, identity_annex
from dossier.exhibits.bundle import build_bundle
from dossier.exhibits.links import link_to_bundle
from dossier.exhibits.signing import Signer, load_signer, sign_pdf
from dossier.i18n.messages import Message
from dossier.validate.identities import IdentityCheck
from dossier.validate.identities import Person as IdentityPerson
from dossier.validate.rows import Dataset

#: Names the bundle and the annex take: a killed build's temporaries for them are removed.
_ENCLOSURE_NAME = re.compile(r"^(pieces(-[a-z]+){0,2}-[a-z]{2}(-\d+)?|identites-[a-z]{2})\.pdf$")


class EnclosureUsage(UsageError):
    """An option of the bundle, the annex or the signature that cannot be honoured."""


@dataclass
class Enclosures:
    """What to send with the dossiers, and how to sign them.

    ``bundle`` None builds the bundle for the ``ddd`` layout only; ``max_part_mb`` splits it
    into parts of at most that many megabytes (never inside a pièce). ``annex_passphrase``
    asks for the identity annex (``ddd`` audience only), encrypted with it. ``sign_key`` (a
    PKCS#12 file opened with ``sign_passphrase``) signs every PDF; ``timestamp_url`` adds an
    RFC 3161 timestamp.
    """

    bundle: bool | None = None
    max_part_mb: float | None = None
    annex_passphrase: str | None = None
    sign_key: Path | None = None
    sign_passphrase: str | None = None
    timestamp_url: str | None = None
    #: Filled by :func:`prepare`: the signer read from ``sign_key``.
    signer: Signer | None = field(default=None, repr=False)
    #: Languages whose annex was made (one annex per language).
    annexes_made: set[str] = field(default_factory=set)
    #: For each edition (layout, audience, language) whose bundle was made, the bundle file
    #: holding each pièce: the dossier's « Pièce n° X » links go there.
    bundle_files: dict[tuple[str, str, str], dict[int, str]] = field(default_factory=dict)


def prepare(
    enclosures: Enclosures | None,
    layouts: Sequence[Layout],
    audience: Audience | None,
    with_pdf: bool,
) -> Enclosures:
    """Check the options before any work: the annex only for the DDD audience, a passphrase
    long enough, a key that opens. Without PDF outputs, the bundle is made only if asked."""
    # A Python caller who gives no enclosures gets the dossiers alone, as before the bundle
    # existed; the command line asks for the ddd layout's bundle by default.
    options = enclosures or Enclosures(bundle=False)
    # What one build made: an Enclosures given to two builds starts each afresh.
    options.annexes_made = set()
    options.bundle_files = {}
    if options.bundle is None and not with_pdf:
        options.bundle = False
    if options.max_part_mb is not None and options.max_part_mb <= 0:
        raise EnclosureUsage("exhibits.bad_part_size", value=options.max_part_mb)
    if options.annex_passphrase is not None:
        audiences = {audience or DEFAULT_AUDIENCE[layout] for layout in layouts}
        if Audience.ddd not in audiences:
            raise EnclosureUsage("annex.ddd_only")
        check_passphrase(options.annex_passphrase)
    if options.sign_key is not None and options.signer is None:
        options.signer = load_signer(
            options.sign_key, options.sign_passphrase, options.timestamp_url
        )
    return options


@contextlib.contextmanager
def enclosure_folder(options: Enclosures) -> Iterator[Path]:
    """A private folder for the bundle's pages while it is made; removed however the build
    ends: an error, Ctrl-C, or SIGTERM (which, when a bundle or an annex is asked for and
    unless the program already handles SIGTERM, ends the build by an exception, so the folder
    goes too)."""
    folder = Path(tempfile.mkdtemp(prefix="dossier-enclosures-"))
    previous = None
    wanted = options.bundle is not False or options.annex_passphrase is not None
    in_main_thread = threading.current_thread() is threading.main_thread()
    if wanted and in_main_thread and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    """SIGTERM as an exception: the ``finally`` blocks run (128 + 15 is the usual status)."""
    raise SystemExit(128 + signum)


def is_enclosure_name(name: str) -> bool:
    return bool(_ENCLOSURE_NAME.match(name))


def edition_enclosures(
    view: DossierView,
    dataset: Dataset,
    options: Enclosures,
    workdir: Path,
    notes: list[str],
) -> list[tuple[str, bytes | Path, dict[str, Any]]]:
    """The bundle and the annex of one edition, as (name, contents, manifest info)."""
    made: list[tuple[str, bytes | Path, dict[str, Any]]] = []
    wanted = options.bundle if options.bundle is not None else view.layout == Layout.ddd.value
    # Named like the dossier it goes with: ddd-fr.pdf → pieces-fr.pdf, ddd-partners-fr.pdf →
    # pieces-partners-fr.pdf, report-fr.pdf → pieces-report-fr.pdf.
    default = DEFAULT_AUDIENCE[Layout(view.layout)].value
    words = [] if view.layout == Layout.ddd.value else [view.layout]
    words += [] if view.audience == default else [view.audience]
    suffix = "-".join(words)
    base: dict[str, Any] = {
        "layout": view.layout,
        "lang": view.lang,
        "audience": view.audience,
        "format": "pdf",
        "incidents": len(view.incidents),
    }
    if wanted:
        limit = int(options.max_part_mb * 1_000_000) if options.max_part_mb else None
        folder = workdir / f"{view.layout}-{view.audience}-{view.lang}"
        identities = IdentityCheck(
            IdentityPerson(person.pseudonym, person.legal_name, None) for person in dataset.persons
        )
        bundle = build_bundle(
            view,
            dataset.evidence,
            dataset.evidence_dir,
            folder,
            name_suffix=suffix,
            max_part_bytes=limit,
            names_someone=lambda text: identities.found_in(text) == "legal_name",
        )
        notes.extend(bundle.notes)
        options.bundle_files[(view.layout, view.audience, view.lang)] = {
            number: part.name for part in bundle.parts for number in part.numbers
        }
        left_out = sum(bundle.left_out.values())
        for part in bundle.parts:
            made.append(
                (
                    part.name,
                    part.path,
                    {
                        **base,
                        "pages": part.pages,
                        "left_out": bundle.left_out,
                        "pieces": len(part.numbers),
                    },
                )
            )
        if left_out:
            notes.append(
                Message("exhibits.left_out_note", output=bundle.parts[0].name, count=left_out)
            )
    if (
        options.annex_passphrase is not None
        and view.audience == Audience.ddd.value
        and view.lang not in options.annexes_made
    ):
        options.annexes_made.add(view.lang)
        # The incidents the dossier shows: a reference the DDD can look up in it.
        shown = {incident.id for incident in view.incidents}
        entries = annex_entries(
            dataset.persons, [item for item in dataset.incidents if item.id in shown]
        )
        data = identity_annex(
            entries, view.config, view.reference, view.lang, options.annex_passphrase
        )
        made.append((annex_name(view.lang), data, {**base, "pages": None, "left_out": {}}))
    return made


def link_outputs(
    rendered: list[tuple[str, bytes | Path, dict[str, Any]]], options: Enclosures
) -> list[tuple[str, bytes | Path, dict[str, Any]]]:
    """Each dossier PDF whose edition has a bundle, its « Pièce n° X » links turned into links
    to the pièce in the bundle."""
    linked: list[tuple[str, bytes | Path, dict[str, Any]]] = []
    for name, contents, info in rendered:
        key = (info["layout"], info["audience"], info["lang"])
        targets = options.bundle_files.get(key)
        if targets and info["format"] == "pdf" and not is_enclosure_name(name):
            contents, _turned = link_to_bundle(contents, targets)
        linked.append((name, contents, info))
    return linked


def sign_outputs(
    rendered: list[tuple[str, bytes | Path, dict[str, Any]]],
    options: Enclosures,
    notes: list[str],
) -> list[tuple[str, bytes | Path, dict[str, Any]]]:
    """Every PDF of ``rendered`` signed (the annex opened with its passphrase to sign it)."""
    signer = options.signer
    if signer is None:
        return rendered
    signed: list[tuple[str, bytes | Path, dict[str, Any]]] = []
    for name, contents, info in rendered:
        if not name.endswith(".pdf"):
            signed.append((name, contents, info))
            continue
        data = contents if isinstance(contents, bytes) else contents.read_bytes()
        is_annex = name.startswith("identites-")
        passphrase = options.annex_passphrase if is_annex else None
        signed_data = sign_pdf(data, signer, passphrase=passphrase)
        if not is_annex and _marked_pdf_2(signed_data) and _is_pdf_a(data):
            # pyHanko marks an ECDSA P-256 signature with the PDF 2.0 extension (ISO 32002),
            # which PDF/A-3 does not allow: the file is no longer PDF/A, and the build says so.
            notes.append(Message("sign.pdfa_lost", output=name))
        signed.append((name, signed_data, info))
    if not signer.timestamp_url:
        notes.append(Message("sign.own_clock", signer=signer.name))
    return signed


def _marked_pdf_2(data: bytes) -> bool:
    """Whether the signing update declared the file PDF 2.0 (in its catalog, at the end)."""
    return b"/Version /2.0" in data[-65536:] or b"/Version/2.0" in data[-65536:]


def _is_pdf_a(data: bytes) -> bool:
    """Whether the PDF's XMP metadata says it is a PDF/A."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        metadata = pdf.Root.get("/Metadata")
        return metadata is not None and b"pdfaid" in metadata.read_bytes()
