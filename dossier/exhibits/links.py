"""Each « Pièce n° X » of a dossier PDF made a link into the bundle (the pièce's named
destination ``piece-X`` in ``pieces-fr.pdf``, or the part that holds it)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name, String

#: The anchor the dossier's templates give each exhibit's row (ExhibitView.anchor).
_EXHIBIT_ANCHOR = re.compile(r"^exhibit-(\d+)$")


def link_to_bundle(pdf: bytes | Path, targets: dict[int, str]) -> tuple[bytes, int]:
    """The dossier ``pdf`` with every link to an exhibit's row turned into a link to the pièce
    in the bundle file ``targets[number]`` (a file name beside the dossier); and how many
    links were turned.

    The link is a PDF "GoToR" action to the named destination: a reader clicking
    « Pièce n° 3 » opens ``pieces-fr.pdf`` at pièce 3, when both files are in one folder.
    """
    source = pikepdf.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    turned = 0
    with source:
        for page in source.pages:
            for annotation in page.obj.get(Name.Annots, pikepdf.Array()):
                if annotation.get(Name.Subtype) != Name.Link:
                    continue
                target = annotation.get(Name.Dest)
                if not isinstance(target, String):
                    continue
                match = _EXHIBIT_ANCHOR.match(str(target))
                if match is None or int(match[1]) not in targets:
                    continue
                number = int(match[1])
                del annotation.Dest
                annotation.A = Dictionary(
                    S=Name.GoToR,
                    F=Dictionary(
                        Type=Name.Filespec,
                        F=String(targets[number]),
                        UF=String(targets[number]),
                    ),
                    D=String(f"piece-{number}"),
                    NewWindow=True,
                )
                turned += 1
        out = io.BytesIO()
        source.save(out, deterministic_id=True)
    return out.getvalue(), turned
