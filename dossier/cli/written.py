"""What a build says of each file it wrote: one line with its path, what it holds (incidents, or
pièces for a bundle), its pages, and what was left out and why."""

from __future__ import annotations

from dossier.build.pipeline import BuiltOutput
from dossier.i18n.catalog import N_, N_plural
from dossier.i18n.messages import message, plural_message

__all__ = ["LEFT_OUT_REASONS", "describe_output"]

#: Why incidents were left out of an edition, as the build's output says it.
LEFT_OUT_REASONS = {
    "confidentiality": N_("cli.left_out_confidentiality"),
    "art8_refused": N_("cli.left_out_art8_refused"),
}


def describe_output(output: object, lang: str) -> str:
    """One line per written file: path, incidents, pages, and what was left out and why."""

    assert isinstance(output, BuiltOutput)
    reasons = ", ".join(
        message(
            "cli.left_out_count",
            lang,
            reason=message(LEFT_OUT_REASONS[reason], lang)
            if reason in LEFT_OUT_REASONS
            else reason,
            count=count,
        )
        for reason, count in output.left_out.items()
    )
    said = {"path": output.path, "incidents": output.incidents, "reasons": reasons}
    if output.pieces is not None:
        # A bundle holds pièces, not incidents: its line counts those and its pages.
        keys = N_plural("cli.output_bundle", "cli.output_bundle.plural")
        return plural_message(
            *keys, output.pages or 0, lang, path=output.path, pieces=output.pieces
        )
    if output.pages and reasons:
        keys = N_plural("cli.output_pages_left_out", "cli.output_pages_left_out.plural")
        return plural_message(*keys, output.pages, lang, **said)
    if output.pages:
        keys = N_plural("cli.output_pages", "cli.output_pages.plural")
        return plural_message(*keys, output.pages, lang, **said)
    if reasons:
        return message("cli.output_left_out", lang, **said)
    return message("cli.output", lang, **said)
