"""Serving the app: a read timeout on every connection; SIGTERM stops like Ctrl+C."""

from __future__ import annotations

import signal
from contextlib import contextmanager

READ_TIMEOUT = 30.0  # seconds a connection may stay silent before its thread gives up


def make_server(host: str, port: int, app, read_timeout: float = READ_TIMEOUT):
    """A threaded werkzeug server whose connections time out after ``read_timeout``
    seconds without a byte from the client (a request that declares 19 MB and sends 363
    bytes frees its thread then, with a 408 page)."""
    from werkzeug import serving

    handler = type("TimedRequestHandler", (serving.WSGIRequestHandler,),
                   {"timeout": read_timeout})
    return serving.make_server(host, port, app, threaded=True, request_handler=handler)


@contextmanager
def sigterm_as_interrupt():
    """Within the block, SIGTERM (how systemd and docker stop a service) raises
    KeyboardInterrupt as Ctrl+C does, so the same clean-up runs; afterwards the previous
    handler is back."""
    def interrupt(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: let the clean-up finish
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
