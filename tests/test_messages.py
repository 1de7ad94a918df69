"""Tests for dossier.i18n.messages: every message exists in both languages and fills in cleanly."""

from __future__ import annotations

import string

import pytest

from dossier.i18n.messages import (
    LABELS,
    MESSAGES,
    default_language,
    french_spacing,
    label,
    message,
    q,
)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES) + sorted(LABELS))
def test_every_message_has_french_and_english_with_the_same_placeholders(key: str) -> None:
    templates = MESSAGES.get(key) or LABELS[key]
    assert set(templates) == {"fr", "en"}
    assert placeholders(templates["fr"]) == placeholders(templates["en"])
    params = {name: f"<{name}>" for name in placeholders(templates["en"])}
    for lang in ("fr", "en"):
        text = message(key, lang, **params)
        assert text.strip() == text and "{" not in text


def test_quotes_follow_each_language() -> None:
    assert q("gazage", "fr") == "«\u202fgazage\u202f»"
    assert q("gazage", "en") == "“gazage”"


def test_french_spacing_puts_no_break_spaces_before_high_punctuation() -> None:
    assert french_spacing("a : b ; c ? d ! « e »") == (
        "a\u00a0: b\u202f; c\u202f? d\u202f! «\u202fe\u202f»"
    )
    # Values are filled in after the spacing is fixed: a value is printed exactly as given.
    assert message("invalid_rio", "fr", value="12 : 34") == (
        "12 : 34\u00a0: un numéro RIO compte exactement 7 chiffres."
    )


def test_labels_fall_back_to_english_for_an_unknown_language() -> None:
    assert label("row", "fr") == "ligne"
    assert label("row", "en") == "row"
    assert label("row", "de") == "row"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LC_ALL": "fr_FR.UTF-8"}, "fr"),
        ({"LC_ALL": "", "LANG": "fr_BE.UTF-8"}, "fr"),
        ({"LC_ALL": "", "LC_MESSAGES": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "", "LANGUAGE": "fr:en"}, "fr"),
    ],
)
def test_default_language_follows_the_locale(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    assert default_language() == expected
