"""Asking the operating system to show a folder in its file manager (the desk's button)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from dossier.desk.workspace import DeskRefusal

__all__ = ["open_in_file_manager"]


def open_in_file_manager(folder: Path) -> None:
    """Open ``folder`` with the system's own opener: ``startfile`` on Windows, ``open`` on
    macOS, ``xdg-open`` elsewhere. Raises :class:`DeskRefusal` when there is none."""
    if sys.platform == "win32":
        os.startfile(folder)
        return
    command = ["open" if sys.platform == "darwin" else "xdg-open", str(folder)]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the file manager outlives a Ctrl-C of the desk
        )
    except OSError:
        raise DeskRefusal("desk.cannot_open_folder", status=500, opener=command[0]) from None
    # Reaped when it ends (the opener hands the folder over and exits): no zombie process.
    threading.Thread(target=process.wait, name="dossier-desk-opener", daemon=True).start()
