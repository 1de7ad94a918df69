"""What the XLSForm and the reader of its exports agree on, beyond the columns' own names.

The question of a column is named after its field (:attr:`dossier.schema.columns.Field.question`);
the form also asks a GPS position, one count per belonging, and media (photos, videos, sound,
scans) that become exhibits. :mod:`dossier.forms.xlsform` writes these questions and
:mod:`dossier.input.kobo` reads their answers.
"""

from __future__ import annotations

from pathlib import PurePosixPath

COUNT_PREFIX = "count_"  # count_tent: how many tents (belongings affected)
GEOPOINT_NAME = "gps"
# Media questions of the form, and the kind of exhibit each gives (else: from the extension).
MEDIA_QUESTIONS: dict[str, str | None] = {
    "photo": None,
    "video": None,
    "audio": None,
    "certificate_scan": "medical_certificate",
    "receipt_scan": "complaint_receipt",
}
MEDIA_LABELS: dict[str, tuple[str, str]] = {
    "photo": ("Photo", "Photo"),
    "video": ("Vidéo", "Video"),
    "audio": ("Enregistrement audio", "Audio recording"),
    "certificate_scan": ("Certificat médical (photo)", "Medical certificate (photo)"),
    "receipt_scan": ("Récépissé de plainte (photo)", "Complaint receipt (photo)"),
}
_KIND_LABELS: dict[str, tuple[str, str]] = {
    "photo": ("Photo", "Photo"),
    "video": ("Vidéo", "Video"),
    "audio": ("Enregistrement audio", "Audio recording"),
    "other": ("Fichier", "File"),
}
_EXTENSIONS: dict[str, str] = {
    **dict.fromkeys(
        ("jpg", "jpeg", "png", "gif", "heic", "heif", "webp", "bmp", "tif", "tiff"), "photo"
    ),
    **dict.fromkeys(
        ("mp4", "mov", "3gp", "3g2", "avi", "mkv", "webm", "m4v", "mpeg", "mpg"), "video"
    ),
    **dict.fromkeys(
        ("mp3", "m4a", "amr", "wav", "ogg", "oga", "opus", "aac", "flac", "3ga", "weba"), "audio"
    ),
}


def media_kind(name: str) -> str:
    """The kind of exhibit a media file is, from its extension: photo, video, audio or other."""
    suffix = PurePosixPath(name.split("?", 1)[0]).suffix.lower().lstrip(".")
    return _EXTENSIONS.get(suffix, "other")


def media_description(question: str, kind: str, file_name: str, lang: str) -> str:
    """The description given to an exhibit made from a media answer."""
    fr, en = MEDIA_LABELS.get(question) or _KIND_LABELS.get(kind, _KIND_LABELS["other"])
    if lang == "fr":
        return f"{fr} — formulaire KoboToolbox" + (f", fichier {file_name}" if file_name else "")
    return f"{en} — KoboToolbox form" + (f", file {file_name}" if file_name else "")


def media_custody_note(uuid: str, submitted: str) -> str | None:
    """Where the exhibit came from: the submission's uuid and time, as KoboToolbox gives them."""
    parts = [f"KoboToolbox _uuid {uuid}" if uuid else "", f"_submission_time {submitted}"]
    text = "; ".join(part for part in parts if part and not part.endswith(" "))
    return text or None
