"""`dossier desk`: serve the desk with uvicorn on the loopback address, and open the browser."""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from dossier.desk.app import make_desk_app
from dossier.desk.guard import loopback_hosts, named_hosts
from dossier.errors import UsageError
from dossier.i18n.catalog import N_

__all__ = ["LOOPBACK", "DeskServer", "check_host", "keep_temporaries_in", "open_browser"]

LOOPBACK = "127.0.0.1"
#: A password shorter than this is refused for a desk reachable from the network.
MIN_PASSWORD = 12
#: Inside the desk's folder, where the desk process makes its temporary files.
TEMPORARY_FOLDER = ".dossier-tmp"
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
N_("desk.address")


def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_host(host: str, *, allow_remote: bool, password: str | None) -> None:
    """Refuse an address other than loopback unless asked for with a password set."""
    if _is_loopback(host):
        return
    if not allow_remote:
        raise UsageError("desk.remote_refused", host=host)
    if password is None or len(password) < MIN_PASSWORD:
        raise UsageError("desk.remote_needs_password", length=MIN_PASSWORD)


class DeskServer:
    """The desk's uvicorn server on a socket bound before the application is made (the port
    the Host check accepts is then known, even when the system chose it)."""

    def __init__(
        self,
        folder: Path,
        *,
        host: str = LOOPBACK,
        port: int = 0,
        lang: str = "fr",
        allow_remote: bool = False,
        password: str | None = None,
        server_names: tuple[str, ...] = (),
    ) -> None:
        # uvicorn: imported when a desk starts, not by every command of the CLI.
        import uvicorn

        check_host(host, allow_remote=allow_remote, password=password)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((host, port))
            # Listening now: a browser opened as soon as the address is printed waits in the
            # queue until uvicorn answers, rather than being refused.
            self.socket.listen(128)
        except OSError:
            self.socket.close()
            raise
        self.port = int(self.socket.getsockname()[1])
        self.host = host
        self.token = secrets.token_urlsafe(32)
        hosts = loopback_hosts(self.port) if _is_loopback(host) else frozenset()
        shown = host if _is_loopback(host) else (server_names[0] if server_names else host)
        names = server_names if _is_loopback(host) else (*server_names, host)
        hosts |= named_hosts(names, self.port)
        self.app, self.guard, self.desk = make_desk_app(
            folder,
            token=self.token,
            hosts=hosts,
            lang=lang,
            password=password if not _is_loopback(host) else None,
            secure_cookie=not _is_loopback(host),
            local=_is_loopback(host),
        )
        self._shown = shown
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            access_log=False,  # no log of what was asked (workbook names are data too)
            lifespan="off",
            server_header=False,
            date_header=False,
        )
        self.server = uvicorn.Server(config)

    @property
    def url(self) -> str:
        """The address to open, with the token (to give to the volunteer only)."""
        if _is_loopback(self.host):
            return f"http://{LOOPBACK}:{self.port}/?token={self.token}"
        return f"https://{self._shown}/?token={self.token}"

    def serve(self, on_ready: Callable[[], None] | None = None) -> None:
        """Serve until interrupted (Ctrl-C) or :meth:`stop`."""
        if on_ready is not None:
            threading.Timer(0.3, on_ready).start()
        self.server.run(sockets=[self.socket])

    def start_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve, name="dossier-desk", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.server.should_exit = True


def keep_temporaries_in(folder: Path) -> Path:
    """Make this process's temporary files (the render workers' spool folders) inside
    ``folder``: nothing of the data is written outside the desk's folder, even for a moment.
    For the `dossier desk` process only (it changes the process's temporary folder); refused
    when that folder is a link."""
    temporaries = folder.resolve() / TEMPORARY_FOLDER
    temporaries.mkdir(mode=0o700, exist_ok=True)
    if temporaries.is_symlink():
        # A link there would send the renderers' pieces of every dossier wherever it leads.
        raise UsageError("desk.not_in_folder", name=temporaries)
    os.environ["TMPDIR"] = str(temporaries)
    tempfile.tempdir = None  # read TMPDIR again
    return temporaries


def open_browser(url: str) -> None:
    """Open ``url`` in the volunteer's browser (nothing happens where there is none)."""
    webbrowser.open(url)
