"""`dossier verify`'s signature checks: every PDF of a built folder, signed or not, and how."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from dossier.exhibits.signing import SignatureCheck, UnreadableSignature, check_signatures
from dossier.i18n.catalog import N_
from dossier.i18n.messages import Message


@dataclass(frozen=True)
class FileSignatures:
    """What verify found about the signatures of one PDF of the folder."""

    name: str
    #: "signed" (every signature sound), "untrusted" (intact, but the --trust roots do not
    #: vouch for the signer, or its timestamp is not valid), "broken", "unsigned",
    #: "encrypted" (not checked without the passphrase), "unreadable".
    status: str
    checks: tuple[SignatureCheck, ...] = ()
    reason: str | None = None

    def messages(self) -> list[Message]:
        """What verify prints about this file, one line per signature or one for the file."""
        if self.status == "unsigned":
            return [Message("verify.unsigned", file=self.name)]
        if self.status == "encrypted":
            return [Message("verify.encrypted_unchecked", file=self.name)]
        if self.status == "unreadable":
            return [Message("verify.signature_broken_file", file=self.name, reason=self.reason)]
        said = []
        for check in self.checks:
            if check.ok:
                key = N_("verify.signature_ok")
            elif check.problem is not None or not (check.intact and check.valid):
                key = N_("verify.signature_broken")
            elif not check.whole_file:
                key = N_("verify.signature_partial")
            elif check.trusted is False:
                key = N_("verify.signature_untrusted")
            else:
                key = N_("verify.signature_timestamp_bad")
            said.append(Message(key, file=self.name, signer=check.signer))
            if check.timestamp is not None:
                said.append(Message("verify.signature_timestamp", time=check.timestamp))
            elif check.signed_at is not None and check.ok:
                said.append(Message("verify.signature_own_clock", time=check.signed_at))
            if check.ok and check.trusted is None:
                said.append(Message("verify.signature_no_trust"))
        return said

    @property
    def failed(self) -> bool:
        """Whether verify fails on this file (whatever ``--require-signature`` says)."""
        return self.status in ("broken", "unreadable", "untrusted")


def check_folder_signatures(
    folder: Path,
    trust: list[Path] | None = None,
    annex_passphrase: str | None = None,
) -> list[FileSignatures]:
    """The signatures of each PDF of ``folder`` (those the manifest lists and any other: the
    fingerprint check says which are unexpected). A link is the fingerprint check's to report
    and is never read here."""
    found = []
    for path in sorted(folder.glob("*.pdf")):
        name = path.name
        if path.is_symlink() or not path.is_file():
            continue
        try:
            with path.open("rb") as stream:
                checks = check_signatures(stream, trust, passphrase=annex_passphrase)
        except UnreadableSignature as error:
            if _encrypted(path) and annex_passphrase is None:
                found.append(FileSignatures(name, "encrypted"))
            else:
                found.append(FileSignatures(name, "unreadable", reason=str(error.params["reason"])))
            continue
        if not checks:
            found.append(FileSignatures(name, "unsigned"))
            continue
        if all(check.ok for check in checks):
            status = "signed"
        elif all(check.intact and check.valid and check.whole_file for check in checks):
            status = "untrusted"  # the file is what was signed; the signer is not vouched for
        else:
            status = "broken"
        found.append(FileSignatures(name, status, tuple(checks)))
    return found


def _encrypted(path: Path) -> bool:
    """Whether the PDF opens only with a password (the identity annex)."""
    try:
        with pikepdf.open(path):
            return False
    except pikepdf.PasswordError:
        return True
    except pikepdf.PdfError:
        return False
