"""Signing (PAdES B-B and B-T) and `dossier verify`'s signature checks, with keys made here."""

from __future__ import annotations

import http.server
import importlib.util
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from exhibits_fixture import write_exhibits_workbook
from exhibits_keys import PASSPHRASE, make_test_keys, make_timestamp_authority
from helpers import run_cli

ANNEX_PASSPHRASE = "a long enough test passphrase"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The trust root, the signer's PKCS#12, and a file holding its passphrase."""
    folder = tmp_path_factory.mktemp("keys")
    root, p12 = make_test_keys(folder)
    secret = folder / "sign-passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return root, p12, secret


@pytest.fixture(scope="module")
def signed(keys: tuple[Path, Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A signed build: the dossier PDF, the bundle and the annex."""
    _root, p12, secret = keys
    workbook = write_exhibits_workbook(tmp_path_factory.mktemp("signed") / "data")
    annex_secret = workbook.parent / "annex.txt"
    annex_secret.write_text(ANNEX_PASSPHRASE, encoding="utf-8")
    out = workbook.parent / "out"
    result = run_cli(
        [
            "build", str(workbook), "--lang", "fr", "--out", str(out),
            "--identity-annex", "--passphrase-file", str(annex_secret),
            "--sign", str(p12), "--sign-passphrase-file", str(secret),
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "l'horloge du signataire seulement" in result.output
    return out


def _verify(folder: Path, *extra: str) -> tuple[int, str]:
    result = run_cli(["verify", str(folder), "--lang", "en", *extra])
    return result.exit_code, " ".join(result.output.split())


def test_verify_says_every_signature_is_intact(
    signed: Path, keys: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    root, _p12, _secret = keys
    annex_secret = tmp_path / "annex.txt"
    annex_secret.write_text(ANNEX_PASSPHRASE, encoding="utf-8")
    code, said = _verify(signed, "--trust", str(root), "--passphrase-file", str(annex_secret))
    assert code == 0, said
    for name in ("ddd-fr.pdf", "pieces-fr.pdf", "identites-fr.pdf"):
        assert f"{name}: signature intact, covering the whole file, by" in said
    assert "Common Name: Test signer" in said
    assert "by the signer's own clock only (no timestamp)" in said
    # Without the passphrase, the annex's signature is not checked, and verify says so.
    code, said = _verify(signed, "--trust", str(root))
    assert code == 0, said
    assert "identites-fr.pdf: encrypted, signature not checked" in said
    code, said = _verify(signed, "--trust", str(root), "--require-signature")
    assert code == 1, said


def test_a_flipped_byte_is_a_broken_signature_naming_the_file(
    signed: Path, keys: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    root, _p12, _secret = keys
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in signed.iterdir():
        copy.joinpath(path.name).write_bytes(path.read_bytes())
    bundle = bytearray((copy / "pieces-fr.pdf").read_bytes())
    bundle[len(bundle) // 3] ^= 0x01
    (copy / "pieces-fr.pdf").write_bytes(bytes(bundle))
    code, said = _verify(copy, "--trust", str(root))
    assert code == 1, said
    assert "pieces-fr.pdf: BROKEN SIGNATURE" in said
    assert "changed: output pieces-fr.pdf" in said
    assert "ddd-fr.pdf: signature intact" in said


def test_a_signer_the_trust_roots_do_not_vouch_for(signed: Path, tmp_path: Path) -> None:
    other_root, _other = make_test_keys(tmp_path)
    code, said = _verify(signed, "--trust", str(other_root))
    # Intact (the file is what was signed) but who signed is not vouched for by the roots the
    # reader trusts: verification fails.
    assert code == 1, said
    assert "BROKEN" not in said
    assert "ddd-fr.pdf: signature by" in said and "leads to none of the --trust" in said


def test_unsigned_files_are_reported_and_fail_only_when_required(tmp_path: Path) -> None:
    workbook = write_exhibits_workbook(tmp_path / "data")
    out = tmp_path / "out"
    args = ["build", str(workbook), "--lang", "fr", "--format", "html", "--bundle"]
    assert run_cli([*args, "--out", str(out)]).exit_code == 0
    code, said = _verify(out)
    assert code == 0, said
    assert "pieces-fr.pdf: not signed" in said
    code, said = _verify(out, "--require-signature")
    assert code == 1, said


def test_a_wrong_key_passphrase_is_a_clear_error(
    keys: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _root, p12, _secret = keys
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase", encoding="utf-8")
    workbook = write_exhibits_workbook(tmp_path / "data")
    result = run_cli(
        [
            "build", str(workbook), "--lang", "en", "--format", "html", "--bundle",
            "--out", str(tmp_path / "out"),
            "--sign", str(p12), "--sign-passphrase-file", str(wrong),
        ]
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "Cannot open the signing key" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.fixture
def timestamp_url(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local RFC 3161 timestamp authority (pyHanko's test stamper behind a tiny server)."""
    from asn1crypto import tsp

    root, stamper = make_timestamp_authority(tmp_path)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()  # type: ignore[attr-defined]
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", root
    finally:
        server.shutdown()
        server.server_close()


def test_timestamp_url_gives_a_timestamped_signature(
    keys: tuple[Path, Path, Path], tmp_path: Path, timestamp_url: tuple[str, Path]
) -> None:
    root, p12, secret = keys
    url, tsa_root = timestamp_url
    workbook = write_exhibits_workbook(tmp_path / "data")
    out = tmp_path / "out"
    result = run_cli(
        [
            "build", str(workbook), "--lang", "en", "--format", "html", "--bundle",
            "--out", str(out), "--sign", str(p12), "--sign-passphrase-file", str(secret),
            "--timestamp-url", url,
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "own clock only" not in result.output
    code, said = _verify(out, "--trust", str(root), "--trust", str(tsa_root))
    assert code == 0, said
    assert "pieces-en.pdf: signature intact" in said
    assert "timestamped at" in said


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("jsonschema") is None,
    reason="pikepdf's PDF/A checker needs the pikepdf[pdfa] extra",
)
def test_a_pdf_a_dossier_stays_pdf_a_once_signed_with_an_rsa_key(
    keys: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    from pikepdf import pdfa  # the optional extra: only importable with it

    _root, _p12, secret = keys
    rsa_root, rsa_p12 = make_test_keys(tmp_path, use_rsa=True)
    workbook = write_exhibits_workbook(tmp_path / "data")
    args = ["build", str(workbook), "--lang", "en", "--pdf-variant", "pdf/a-3b", "--no-bundle"]
    signing = ["--sign-passphrase-file", str(secret)]
    result = run_cli([*args, "--out", str(tmp_path / "rsa"), "--sign", str(rsa_p12), *signing])
    assert result.exit_code == 0, result.output
    report = pdfa.validate_written(tmp_path / "rsa" / "ddd-en.pdf", "3b")
    assert [str(finding) for finding in report.violations] == []
    code, said = _verify(tmp_path / "rsa", "--trust", str(rsa_root))
    assert code == 0 and "ddd-en.pdf: signature intact" in said, said
    # An ECDSA key makes pyHanko declare PDF 2.0: the build says the file is no longer PDF/A.
    _ec_root, ec_p12 = keys[0], keys[1]
    result = run_cli([*args, "--out", str(tmp_path / "ec"), "--sign", str(ec_p12), *signing])
    assert result.exit_code == 0, result.output
    assert "no longer PDF/A-3" in " ".join(result.output.split())
