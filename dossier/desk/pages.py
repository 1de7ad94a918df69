"""The desk's pages: server-rendered HTML from sandboxed, autoescaping Jinja templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment

from dossier.i18n.messages import label, message, plural_message

__all__ = ["STATIC_FILES", "render_page"]

_HERE = Path(__file__).parent
# Autoescaping on every template, whatever its name; undefined names are errors, never blanks;
# the sandbox keeps a template from reaching Python objects' internals.
_PAGES = ImmutableSandboxedEnvironment(
    loader=FileSystemLoader(_HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
#: The files served under /static/, with their content types (nothing else is served there).
STATIC_FILES = {
    "desk.js": "text/javascript; charset=utf-8",
    "desk.css": "text/css; charset=utf-8",
}


def static_file(name: str) -> bytes:
    return (_HERE / "static" / name).read_bytes()


def render_page(template_name: str, lang: str, /, **context: Any) -> str:
    """The page ``template_name`` in ``lang``; templates say things with ``t("desk.…", …)``."""

    def say(key: str, /, **params: object) -> str:
        return message(key, lang, **params)

    def say_count(key: str, count: int, /, **params: object) -> str:
        return plural_message(key, key + ".plural", count, lang, count=count, **params)

    def word(key: str) -> str:
        return label(key, lang)

    template = _PAGES.get_template(template_name)
    return template.render(lang=lang, t=say, tn=say_count, word=word, **context)
