"""Which force did which act: the incidents' `done by` cell read against its acts and forces.

A cell holds ``act: force`` pairs separated by ``;`` (``violences physiques : sécurité privée ;
interpellation : PAF``), several forces of one act separated by ``,``. Each act must be one the
incident's *acts* cell records and each force one its *forces* cell records: the legal basis
table then lists, for each act, only the rules of the forces that did it.
"""

from __future__ import annotations

from collections.abc import Iterable

from dossier.schema import vocab
from dossier.validate.cells import CellError, parse_term

# How the record keeps a pair once read: codes, whatever the cell's wording.
PAIR_SEPARATOR = ":"


def read_act_forces(
    parts: Iterable[str],
    acts: Iterable[str] | None,
    forces: Iterable[str] | None,
) -> tuple[list[str], list[CellError]]:
    """The pairs as ``act_code:force_code``, and a problem for each part that cannot be one.

    ``acts`` and ``forces`` are the codes the row's own cells hold, or None when that cell had
    an error of its own (the pair is then not checked against it: one problem is enough).
    """
    recorded_acts = None if acts is None else set(acts)
    recorded_forces = None if forces is None else set(forces)
    pairs: list[str] = []
    problems: list[CellError] = []
    for part in parts:
        act_text, separator, forces_text = part.partition(":")
        force_texts = [text.strip() for text in forces_text.split(",") if text.strip()]
        if not separator or not act_text.strip() or not force_texts:
            problems.append(CellError("act_forces_pair", part))
            continue
        try:
            act = parse_term(act_text.strip(), vocab.ACT)
        except CellError as error:
            problems.append(error.with_traceback(None))
            continue
        if recorded_acts is not None and act not in recorded_acts:
            problems.append(CellError("act_forces_act_not_recorded", part))
            continue
        for force_text in force_texts:
            try:
                force = parse_term(force_text, vocab.FORCE)
            except CellError as error:
                problems.append(error.with_traceback(None))
                continue
            if recorded_forces is not None and force not in recorded_forces:
                problems.append(CellError("act_forces_force_not_recorded", part))
                continue
            pair = f"{act}{PAIR_SEPARATOR}{force}"
            if pair not in pairs:
                pairs.append(pair)
    return pairs, problems


def doers_by_act(pairs: Iterable[str]) -> dict[str, frozenset[str]]:
    """``["arrest:paf", "dog:crs", "dog:paf"]`` → {"arrest": {"paf"}, "dog": {"crs", "paf"}}."""
    doers: dict[str, set[str]] = {}
    for pair in pairs:
        act, _, force = pair.partition(PAIR_SEPARATOR)
        doers.setdefault(act, set()).add(force)
    return {act: frozenset(forces) for act, forces in doers.items()}
