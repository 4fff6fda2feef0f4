"""The client's version and the wire protocol it speaks.

``__version__`` is ``MAJOR.MINOR.PATCH`` where ``MAJOR.MINOR`` is the simweb protocol version the
client was written for (the server's ``PROTOCOL_VERSION``, env/ws/protocol-version.ts). The server
sends its version on every WebSocket upgrade (``X-Simweb-Protocol``) and in ``GET /healthz``
(``protocol_version``); ``check_protocol`` decides whether the two can talk.
"""

from __future__ import annotations

import warnings
from typing import Any, Optional, Tuple

from .errors import SimWebError

__version__ = "1.0.0"
PROTOCOL_VERSION = "1.0"
PROTOCOL_HEADER = "X-Simweb-Protocol"


def _parse(version: str) -> Tuple[int, int]:
    major, minor = version.strip().split(".")[:2]
    return int(major), int(minor)


def check_protocol(server_version: Optional[str], url: str = "") -> None:
    """Raises ``SimWebError("PROTOCOL_MISMATCH")`` unless a server speaking ``server_version`` serves this client.

    Compatible means the same major version and a server minor version at least the client's (a minor
    bump only adds messages or fields). ``None`` (a server older than protocol 1.0, which sent no
    version) only warns: the client may still work.
    """
    if server_version is None:
        warnings.warn(f"{url or 'the server'} did not send {PROTOCOL_HEADER}; simweb-client {__version__} expects protocol {PROTOCOL_VERSION}",
                      RuntimeWarning, stacklevel=3)
        return
    try:
        server = _parse(server_version)
    except ValueError:
        raise SimWebError("PROTOCOL_MISMATCH", f"{url or 'the server'} sent an unreadable protocol version {server_version!r}") from None
    client = _parse(PROTOCOL_VERSION)
    if server[0] != client[0] or server[1] < client[1]:
        raise SimWebError(
            "PROTOCOL_MISMATCH",
            f"{url or 'the server'} speaks simweb protocol {server_version}; simweb-client {__version__} needs {client[0]}.x with x >= {client[1]}"
            f" (install a simweb-client {server[0]}.{server[1]}.* matching the server)",
        )


def response_protocol(ws: Any) -> Optional[str]:
    """The ``X-Simweb-Protocol`` header of an open connection's upgrade response (websockets 10–12 and ≥ 13)."""
    headers = getattr(ws, "response_headers", None)  # legacy client (websockets < 14)
    if headers is None:
        response = getattr(ws, "response", None)  # websockets.asyncio (>= 13)
        headers = getattr(response, "headers", None)
    if headers is None:
        return None
    value = headers.get(PROTOCOL_HEADER)
    return None if value is None else str(value)
