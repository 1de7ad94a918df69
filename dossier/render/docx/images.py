"""Images for the DOCX: an SVG kept beside a PNG fallback, other formats converted, sized to fit."""

from __future__ import annotations

import io
import re
from typing import Any

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Emu
from lxml import etree

from dossier.render.docx.tree import Element

# Word 2016's extension that puts an SVG beside the picture's PNG.
SVG_EXTENSION_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def image_inline(
    package: Any,
    rel_part: Any,
    shape_id: int,
    blob: bytes,
    mime: str,
    node: Element,
    max_width: int,
) -> Any:
    """The ``wp:inline`` of an image, its parts added to ``package`` and related to ``rel_part``.

    ``max_width`` is in EMU. Raises :class:`UnrecognizedImageError`, :class:`ValueError` or
    :class:`OSError` for an image that cannot be read.
    """
    svg: bytes | None = None
    if mime == "image/svg+xml" or (
        blob.lstrip()[:5] in (b"<?xml", b"<svg ") and b"<svg" in blob[:2048]
    ):
        svg = blob
        width_px, height_px = svg_size(blob)
        blob = placeholder_png(width_px, height_px, node.attrs.get("alt", ""))
    try:
        image = Image.from_blob(blob)
    except UnrecognizedImageError:
        blob = to_png(blob)
        image = Image.from_blob(blob)
    natural_w, natural_h = int(image.width), int(image.height)  # EMU
    if svg is not None:
        natural_w, natural_h = round(width_px * 9525), round(height_px * 9525)
    cx, cy = image_extent(node, natural_w, natural_h, max_width)
    image_part = package.get_or_add_image_part(io.BytesIO(blob))
    r_id = rel_part.relate_to(image_part, RT.IMAGE)
    inline = CT_Inline.new_pic_inline(shape_id, r_id, image_part.filename, Emu(cx), Emu(cy))
    doc_pr = inline.docPr
    doc_pr.set("descr", node.attrs.get("alt", ""))
    if svg is not None:
        svg_part = Part(
            package.next_partname("/word/media/image%d.svg"),
            "image/svg+xml",
            svg,
            package,
        )
        svg_rid = rel_part.relate_to(svg_part, RT.IMAGE)
        blip = inline.xpath(".//a:blip")[0]
        ext_list = etree.SubElement(blip, qn("a:extLst"))
        ext = etree.SubElement(ext_list, qn("a:ext"), uri=SVG_EXTENSION_URI)
        svg_blip = etree.SubElement(
            ext, f"{{{SVG_NAMESPACE}}}svgBlip", nsmap={"asvg": SVG_NAMESPACE}
        )
        svg_blip.set(qn("r:embed"), svg_rid)
    return inline


def image_extent(node: Element, natural_w: int, natural_h: int, max_w: int) -> tuple[int, int]:
    """Width and height in EMU: the img's width/height (CSS px) or its own size, fitted."""

    def px(name: str) -> int | None:
        value = node.attrs.get(name, "").strip().removesuffix("px")
        try:
            number = float(value)
        except ValueError:
            return None
        return round(number * 9525) if number > 0 else None

    width, height = px("width"), px("height")
    natural_w, natural_h = max(natural_w, 1), max(natural_h, 1)
    if width and not height:
        height = round(width * natural_h / natural_w)
    elif height and not width:
        width = round(height * natural_w / natural_h)
    elif not width or not height:
        width, height = natural_w, natural_h
    if width > max_w:
        height = round(height * max_w / width)
        width = max_w
    return width, height


def svg_size(blob: bytes) -> tuple[float, float]:
    """An SVG's size in CSS px from width/height, else its viewBox, else 300×150."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as error:
        raise ValueError(f"unreadable SVG: {error}") from None

    def length(value: str | None) -> float | None:
        match = re.fullmatch(r"\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*", value or "")
        if not match:
            return None
        factor = {"px": 1, None: 1, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96}
        return float(match[1]) * factor[match[2]]

    width, height = length(root.get("width")), length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        try:
            box_w, box_h = float(box[2]), float(box[3])
        except ValueError:
            box_w = box_h = 0
        if box_w > 0 and box_h > 0:
            if width is None and height is None:
                width, height = box_w, box_h
            elif width is None and height is not None:
                width = height * box_w / box_h
            elif width is not None:
                height = width * box_h / box_w
    return width or 300.0, height or 150.0


def placeholder_png(width_px: float, height_px: float, alt: str) -> bytes:
    """The PNG shown by readers without SVG support: a framed box with the alt text."""
    # Pillow only when an SVG or an unusual format comes: most dossiers have neither.
    from PIL import Image as PILImage
    from PIL import ImageDraw

    width, height = max(1, round(width_px)), max(1, round(height_px))
    picture = PILImage.new("RGB", (width, height), (245, 245, 245))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, width - 1, height - 1), outline=(160, 160, 160))
    if alt and width > 40 and height > 16:
        draw.text((6, 4), alt[:80], fill=(80, 80, 80))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def to_png(blob: bytes) -> bytes:
    """Convert an image python-docx cannot embed (WebP…) to PNG."""
    # Pillow only when an unusual format comes (see placeholder_png).
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(blob)) as picture:
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
