"""Starting the page: a server on this computer only, the browser opened on it, stopped by Ctrl+C."""

from __future__ import annotations

import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from desi_pack.errors import InputError
from desi_pack.web.guard import PARAMETER, Guard

HOST = "127.0.0.1"  # never another address: the page is for this computer alone


def free_port() -> int:
    """A port no other program listens on now (the system's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _stop_on_terminate() -> None:
    """Stop on SIGTERM (a closed terminal, a service manager) as on Ctrl+C."""
    import signal

    def stop(_signal, _frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)


def serve(
    folder: Path,
    out_dir: Path | None = None,
    port: int | None = None,
    open_browser: bool = True,
    say: Callable[[str], None] = print,
) -> None:
    """Serve the page for the training in `folder` until Ctrl+C. `say` gets the Dutch lines for the
    terminal: the address (with the secret, for this user only) and how to stop. A build still
    running at Ctrl+C is finished first, so nothing is left half-written. Raises InputError when
    `folder` is no folder."""
    from waitress.server import create_server

    if not folder.is_dir():
        raise InputError(f"{folder}: deze map bestaat niet; geef de map van uw training.")

    from desi_pack.web.app import create_app
    from desi_pack.writing.office import Offices

    port = port or free_port()
    guard = Guard.new(port)
    # LibreOffice for the PDFs, started at the first build with PDFs and kept for the page's life.
    offices = Offices.here()
    app = create_app(folder, guard, out_dir, offices)
    server = create_server(app, host=HOST, port=port, threads=4, ident="desi-pack", clear_untrusted_proxy_headers=True)
    address = f"http://{HOST}:{port}/?{PARAMETER}={guard.secret}"
    say(f"desi-pack web draait voor {folder.absolute()}.")
    say(f"Open in uw browser: {address}")
    say("Stoppen: druk hier op Ctrl+C.")
    if open_browser:
        threading.Timer(0.3, webbrowser.open, args=(address,)).start()
    _stop_on_terminate()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        run = app.extensions["desi"].build
        if run is not None and run.thread is not None and run.thread.is_alive():
            say("Het pakket wordt nog gemaakt; desi-pack stopt zodra het klaar is…")
            run.thread.join()
        server.close()
        if offices is not None:
            offices.close()
        say("desi-pack web is gestopt.")
