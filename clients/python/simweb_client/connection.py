"""One WebSocket connection carrying many episodes: ``env_id`` multiplexing with pipelined requests.

The server handles a connection's messages strictly in order and echoes each request's ``id``, so
many requests can be in flight at once: ``request`` sends and awaits its own reply, a reader task
routes replies by id. ``SimWebVectorEnv`` drives N episodes over a few of these.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any, Dict, Optional

from websockets.exceptions import ConnectionClosed

from ._version import check_protocol, response_protocol
from .errors import ConnectionLost, SimWebError

Reply = Dict[str, Any]
"""A server message ``{"type": "observation" | "state", "id": ..., "data": {...}}``."""


def open_websocket(url: str, headers: Dict[str, str], max_size: int, open_timeout: float) -> Any:
    """Opens a connection with websockets >= 13's asyncio client, else the legacy one (10-12)."""
    try:
        from websockets.asyncio.client import connect  # type: ignore[import-not-found]

        return connect(url, additional_headers=headers or None, max_size=max_size, open_timeout=open_timeout)
    except ImportError:
        import websockets

        return websockets.connect(url, extra_headers=headers or None, max_size=max_size, open_timeout=open_timeout)  # type: ignore[attr-defined]


async def connect_checked(url: str, headers: Dict[str, str], max_size: int, open_timeout: float) -> Any:
    """Opens a WebSocket and checks the server's protocol version (``X-Simweb-Protocol``) before returning it.

    Raises:
        SimWebError: ``SESSION_ERROR`` (unreachable), ``UNAUTHORIZED`` (HTTP 401) or ``PROTOCOL_MISMATCH``.
    """
    try:
        ws = await open_websocket(url, headers, max_size, open_timeout)
    except (OSError, asyncio.TimeoutError) as err:
        raise ConnectionLost(f"cannot connect to {url}: {err}") from err
    except Exception as err:  # websockets' handshake errors (e.g. HTTP 401, or a balancer's 503 with no replica up)
        if "401" in str(err):
            raise SimWebError("UNAUTHORIZED", f"cannot connect to {url}: {err}") from err
        raise ConnectionLost(f"cannot connect to {url}: {err}") from err
    try:
        check_protocol(response_protocol(ws), url)
    except SimWebError:
        await ws.close()
        raise
    return ws


class SimWebConnection:
    """A multiplexed connection: ``await conn.request("step", data, env_id="3")`` from many tasks at once.

    Example::

        conn = await SimWebConnection("ws://127.0.0.1:8080/ws").connect()
        a, b = await asyncio.gather(conn.request("reset", {"seed": 1}, env_id="a"),
                                    conn.request("reset", {"seed": 2}, env_id="b"))
        await conn.close()

    Args:
        url: WebSocket URL of the server.
        token: Bearer token when the server requires one.
        request_timeout: Seconds to wait for each reply.
        open_timeout: Seconds to wait for the handshake.
        max_size: Largest reply accepted, bytes.
    """

    def __init__(self, url: str, *, token: Optional[str] = None, request_timeout: float = 120.0, open_timeout: float = 10.0,
                 max_size: int = 64 * 1024 * 1024) -> None:
        self.url = url
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._request_timeout = request_timeout
        self._open_timeout = open_timeout
        self._max_size = max_size
        self._ws: Any = None
        self._reader: Optional["asyncio.Task[None]"] = None
        self._pending: Dict[int, "asyncio.Future[Reply]"] = {}
        self._ids = itertools.count(1)
        self._connecting: Optional["asyncio.Future[None]"] = None
        self._lost: Optional[SimWebError] = None

    async def connect(self) -> "SimWebConnection":
        """Opens the connection (done lazily by the first request); concurrent callers share one handshake."""
        if self._ws is not None:
            return self
        if self._connecting is None:
            self._connecting = asyncio.ensure_future(self._open())
        try:
            await asyncio.shield(self._connecting)
        except BaseException:
            self._connecting = None
            raise
        return self

    async def _open(self) -> None:
        self._ws = await connect_checked(self.url, self._headers, self._max_size, self._open_timeout)
        self._lost = None
        self._reader = asyncio.ensure_future(self._read_loop(self._ws))

    async def request(self, type_: str, data: Dict[str, Any], env_id: Optional[str] = None) -> Reply:
        """Sends one message and returns its reply.

        Raises:
            SimWebError: the server's error reply (with its code), or ``SESSION_ERROR`` for a lost
                connection or a reply that did not come within ``request_timeout``.
        """
        await self.connect()
        if self._lost is not None:
            raise self._lost
        if env_id is not None:
            data = {**data, "env_id": env_id}
        req_id = next(self._ids)
        fut: "asyncio.Future[Reply]" = asyncio.get_running_loop().create_future()
        self._pending[req_id] = fut
        try:
            await self._ws.send(json.dumps({"type": type_, "id": req_id, "data": data}))
            return await asyncio.wait_for(fut, timeout=self._request_timeout)
        except ConnectionClosed as err:
            raise self._closed_error(err) from err
        except asyncio.TimeoutError as err:
            raise SimWebError("SESSION_ERROR", f"no reply to {type_} within {self._request_timeout} s") from err
        finally:
            self._pending.pop(req_id, None)

    async def _read_loop(self, ws: Any) -> None:
        try:
            async for raw in ws:
                msg = json.loads(raw)
                fut = self._pending.get(msg.get("id")) if msg.get("id") is not None else None
                if fut is None and msg.get("type") == "error" and msg.get("id") is None and self._pending:
                    # an error the server could not tie to a request (e.g. MESSAGE_TOO_BIG): replies come in
                    # order, so it belongs to the oldest request still waiting
                    fut = next(iter(self._pending.values()))
                if fut is None or fut.done():
                    continue
                if msg.get("type") == "error":
                    err = msg.get("data") or {}
                    fut.set_exception(SimWebError(str(err.get("code", "SESSION_ERROR")), str(err.get("message", ""))))
                else:
                    fut.set_result(msg)
        except ConnectionClosed as err:
            self._lost = self._closed_error(err)
        except Exception as err:  # a reply that is not JSON: nothing on this connection can be trusted
            self._lost = SimWebError("SESSION_ERROR", f"unreadable reply: {err}")
        if self._lost is None:
            self._lost = ConnectionLost("connection closed")
        for fut in self._pending.values():
            if not fut.done():
                fut.set_exception(self._lost)

    @staticmethod
    def _closed_error(err: ConnectionClosed) -> SimWebError:
        frame = getattr(err, "rcvd", None)
        detail = f"{frame.code} {frame.reason}" if frame is not None else "no close frame"
        return ConnectionLost(f"connection closed ({detail})")

    async def close(self) -> None:
        """Closes every episode of the connection (the server logs them) and the connection. Safe to call twice."""
        ws, self._ws = self._ws, None
        self._connecting = None
        if ws is None:
            return
        try:
            await ws.send(json.dumps({"type": "close", "data": {}}))
            await asyncio.wait_for(ws.wait_closed(), timeout=5)
        except (ConnectionClosed, asyncio.TimeoutError, OSError):
            pass
        finally:
            await ws.close()
            if self._reader is not None:
                await asyncio.gather(self._reader, return_exceptions=True)
                self._reader = None

    async def __aenter__(self) -> "SimWebConnection":
        return await self.connect()

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()
