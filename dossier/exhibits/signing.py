"""Sign PDFs as PAdES (pyHanko) and check the signatures of a received PDF.

A signature proves that the file has not changed since the holder of the key signed it, and
who that holder is as far as their certificate says; it does not prove that what the file
says is true, nor when it was signed unless a timestamp authority countersigned (PAdES B-T).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from dossier.errors import DossierError

#: The signature field dossier adds (invisible: see docs/exhibits.md).
FIELD_NAME = "DossierSignature"


class SigningError(DossierError):
    """The key cannot be read, or the PDF cannot be signed or timestamped."""


def _pyhanko() -> Any:
    """pyHanko's modules, imported on first use: they are heavy, and only signing and
    verifying need them. ``cryptography`` warns about DSA as pyHanko imports it; pyHanko
    does not use DSA for us, and the warning would be an error under the test suite."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Heavy, and needed only to sign or verify: imported on first use.
        from pyhanko.sign import fields, signers, timestamps
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

    return fields, signers, timestamps, validate_pdf_signature, ValidationContext


@dataclass
class Signer:
    """A key and certificate read from a PKCS#12 file, ready to sign."""

    signer: Any
    name: str
    timestamp_url: str | None = None


def load_signer(p12: Path, passphrase: str | None, timestamp_url: str | None = None) -> Signer:
    """The signer in ``p12`` (a ``.p12``/``.pfx`` file), opened with ``passphrase``."""
    _fields, signers, _ts, _validate, _context = _pyhanko()
    if not p12.is_file():
        raise SigningError("sign.key_not_found", file=p12)
    secret = passphrase.encode("utf-8") if passphrase is not None else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            signer = signers.SimpleSigner.load_pkcs12(p12, passphrase=secret)
    except (OSError, ValueError, TypeError) as error:
        raise SigningError("sign.key_unreadable", file=p12, reason=str(error)) from None
    if signer is None:
        # pyHanko logs the reason (a wrong passphrase, most often) and returns None.
        raise SigningError("sign.key_unreadable", file=p12, reason="wrong passphrase?")
    name = signer.signing_cert.subject.human_friendly
    return Signer(signer, name, timestamp_url)


def sign_pdf(data: bytes, signer: Signer, *, passphrase: str | None = None) -> bytes:
    """``data`` signed (PAdES B-B, or B-T with the signer's timestamp URL) as an incremental
    update, so a PDF/A stays PDF/A. ``passphrase`` opens an encrypted PDF (the annex)."""
    fields, signers, timestamps, _validate, _context = _pyhanko()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # pyHanko again (see _pyhanko): imported on first use.
        from pyhanko.pdf_utils.incremental_writer import (
            IncrementalPdfFileWriter,
        )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    if passphrase is not None:
        writer.encrypt(passphrase)  # type: ignore[no-untyped-call]
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    timestamper = timestamps.HTTPTimeStamper(signer.timestamp_url) if signer.timestamp_url else None
    try:
        signed = signers.sign_pdf(
            writer, metadata, signer=signer.signer, timestamper=timestamper, in_place=False
        )
    except Exception as error:
        raise SigningError("sign.failed", reason=str(error) or type(error).__name__) from None
    result: bytes = signed.getvalue()
    return result


@dataclass(frozen=True)
class SignatureCheck:
    """What :func:`check_signatures` found about one signature of a file."""

    field: str
    intact: bool
    valid: bool
    whole_file: bool
    signer: str
    trusted: bool | None  # None: no trust roots were given
    signed_at: str | None  # what the signer's clock said
    timestamp: str | None  # what a timestamp authority certified, if any
    timestamp_ok: bool | None
    #: Why the signature could not be checked at all (its own bytes damaged), if so.
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return (
            self.intact
            and self.valid
            and self.whole_file
            and self.trusted is not False
            and self.timestamp_ok is not False
        )


def _broken(field: str, reason: str) -> SignatureCheck:
    """A signature whose own bytes are damaged: it proves nothing."""
    return SignatureCheck(field, False, False, False, "?", None, None, None, None, reason)


class UnreadableSignature(DossierError):
    """The file's structure is broken: its signatures cannot even be found."""


def check_signatures(
    data: bytes | BinaryIO, trust: list[Path] | None = None, *, passphrase: str | None = None
) -> list[SignatureCheck]:
    """Every signature of the PDF ``data`` (its bytes, or a file open for reading: a large
    bundle is then read as the check needs it, not held in memory): intact, valid, covering
    the whole file, its signer,
    trusted by one of ``trust`` (certificate files, PEM or DER), and its timestamp.

    An empty list means the file is not signed.
    """
    _fields, _signers, _ts, validate_pdf_signature, validation_context = _pyhanko()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # pyHanko and asn1crypto (which comes with it), imported on first use (see _pyhanko).
        from asn1crypto import pem, x509
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation.errors import SignatureValidationError
        from pyhanko.sign.validation.status import SignatureCoverageLevel

    roots = []
    for root in trust or []:
        raw = root.read_bytes()
        if pem.detect(raw):
            roots += [x509.Certificate.load(der) for _kind, _h, der in pem.unarmor(raw, True)]
        else:
            roots.append(x509.Certificate.load(raw))
    try:
        stream = io.BytesIO(data) if isinstance(data, bytes) else data
        reader = PdfFileReader(stream, strict=False)
        if reader.encrypted and passphrase is not None:
            reader.decrypt(passphrase)
        embedded = list(reader.embedded_signatures)
    except Exception as error:
        raise UnreadableSignature("verify.signature_unreadable", reason=str(error)) from None
    checks = []
    for signature in embedded:
        context = validation_context(trust_roots=roots, allow_fetching=False) if roots else None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                status = validate_pdf_signature(signature, context, skip_diff=False)
        except Exception as error:
            # The signature's own bytes (its certificates, its CMS structure) were changed.
            reason = str(error) if isinstance(error, SignatureValidationError) else ""
            checks.append(_broken(str(signature.field_name), reason or type(error).__name__))
            continue
        stamp = status.timestamp_validity
        checks.append(
            SignatureCheck(
                field=str(signature.field_name),
                intact=bool(status.intact),
                valid=bool(status.valid),
                whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                signer=status.signing_cert.subject.human_friendly,
                trusted=bool(status.trusted) if roots else None,
                signed_at=(
                    status.signer_reported_dt.isoformat() if status.signer_reported_dt else None
                ),
                timestamp=stamp.timestamp.isoformat() if stamp is not None else None,
                timestamp_ok=(bool(stamp.intact and stamp.valid) if stamp is not None else None),
            )
        )
    return checks
