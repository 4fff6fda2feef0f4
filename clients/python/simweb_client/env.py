"""Async Gym-style client for the simweb WebSocket server (``/ws``)."""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any, Dict, Optional, Tuple, Union

from websockets.exceptions import ConnectionClosed

from .connection import connect_checked
from .errors import SimWebError

Action = Union[str, Dict[str, Any]]
"""A tool call ``{"name": ..., "arguments": {...} | "<json>"}``, ``{"text": ...}``, or raw model text."""

StepResult = Tuple[str, float, bool, bool, Dict[str, Any]]


class SimWebEnv:
    """One episode at a time over one WebSocket connection, with Gymnasium-style returns.

    Example::

        async with SimWebEnv("ws://127.0.0.1:8080/ws") as env:
            obs, info = await env.reset(seed=1)
            obs, reward, terminated, truncated, info = await env.step(
                {"name": "search", "arguments": {"query": info["question"]}})

    Args:
        url: WebSocket URL of the server, e.g. ``ws://127.0.0.1:8080/ws``.
        token: Bearer token when the server requires one.
        env_id: Drive the episode named ``env_id`` (multiplexing); None for the connection's own episode.
        request_timeout: Seconds to wait for each reply.
        max_size: Largest reply accepted, bytes.
    """

    def __init__(
        self,
        url: str,
        *,
        token: Optional[str] = None,
        env_id: Optional[str] = None,
        request_timeout: float = 120.0,
        open_timeout: float = 10.0,
        max_size: int = 64 * 1024 * 1024,
    ) -> None:
        self.url = url
        self.env_id = env_id
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._request_timeout = request_timeout
        self._open_timeout = open_timeout
        self._max_size = max_size
        self._ws: Any = None
        self._lock: Optional[asyncio.Lock] = None
        self._ids = itertools.count(1)

    async def connect(self) -> "SimWebEnv":
        """Opens the connection (done lazily by the first request) and checks the server's protocol version.

        Raises:
            SimWebError: ``SESSION_ERROR``, ``UNAUTHORIZED`` or ``PROTOCOL_MISMATCH`` (see ``check_protocol``).
        """
        if self._ws is None:
            self._ws = await connect_checked(self.url, self._headers, self._max_size, self._open_timeout)
        return self

    async def reset(
        self,
        seed: Optional[int] = None,
        task_id: Optional[str] = None,
        split: Optional[str] = None,
        **options: Any,
    ) -> Tuple[str, Dict[str, Any]]:
        """Starts an episode.

        Args:
            seed: Seed of the episode (the task is drawn with it when ``task_id`` is None).
            task_id: Run this task.
            split: Draw the task from this split.
            **options: ``max_steps``, ``max_sim_seconds``, ``max_obs_tokens``, or ``task`` (an ad-hoc
                task ``{"question": ..., "answers": [...]}``; it runs and is logged as ``adhoc:<id>``,
                or ``adhoc:<content hash>`` without an ``id``, never under a corpus task's id).

        Returns:
            ``(observation, info)``; ``info`` holds ``task_id``, ``question``, ``tools`` (OpenAI schemas)...
        """
        data: Dict[str, Any] = {}
        if seed is not None:
            data["seed"] = seed
        if task_id is not None:
            data["task_id"] = task_id
        if split is not None:
            data["split"] = split
        if options:
            data["options"] = options
        reply = await self._request("reset", data)
        d = reply["data"]
        return d["observation"], d["info"]

    async def step(self, action: Action, tokens: Optional[Dict[str, int]] = None) -> StepResult:
        """Executes one action.

        Args:
            action: A tool call ``{"name": "search", "arguments": {"query": ...}}`` (arguments may be a
                JSON string), ``{"text": ...}``, or a str of raw model output (Search-R1 tags or a
                ``<tool_call>`` block).
            tokens: Optional ``{"prompt": n, "completion": m}`` logged with the trajectory.

        Returns:
            ``(observation, reward, terminated, truncated, info)``. ``reward`` is 0 until the episode ends.
        """
        if isinstance(action, str):
            data: Dict[str, Any] = {"text": action}
        elif isinstance(action, dict):
            data = dict(action)
        else:
            raise TypeError("action must be a dict tool call or a str of model output")
        if tokens is not None:
            data["tokens"] = tokens
        d = (await self._request("step", data))["data"]
        return d["observation"], float(d["reward"]), bool(d["terminated"]), bool(d["truncated"]), d["info"]

    async def state(self) -> Dict[str, Any]:
        """The episode's state (``episode_id``, ``step_count``, ``done``, ``search_queries``...)."""
        return (await self._request("state", {}))["data"]

    async def close(self) -> None:
        """Ends the episode (the server logs it) and closes the connection. Safe to call twice."""
        ws, self._ws = self._ws, None
        if ws is None:
            return
        try:
            if self.env_id is not None:
                await self._send_recv(ws, "close", {})
            else:
                await ws.send(json.dumps({"type": "close", "data": {}}))
                await asyncio.wait_for(ws.wait_closed(), timeout=5)
        except (ConnectionClosed, asyncio.TimeoutError, SimWebError, OSError):
            pass
        finally:
            await ws.close()

    def sync(self) -> "SyncSimWebEnv":
        """A blocking wrapper with the same methods (its calls run on a background event-loop thread)."""
        from .sync import SyncSimWebEnv

        return SyncSimWebEnv(self)

    async def __aenter__(self) -> "SimWebEnv":
        return await self.connect()

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    async def _request(self, type_: str, data: Dict[str, Any]) -> Dict[str, Any]:
        await self.connect()
        return await self._send_recv(self._ws, type_, data)

    async def _send_recv(self, ws: Any, type_: str, data: Dict[str, Any]) -> Dict[str, Any]:
        if self._lock is None:
            self._lock = asyncio.Lock()
        if self.env_id is not None:
            data = {**data, "env_id": self.env_id}
        req_id = next(self._ids)
        async with self._lock:
            try:
                await ws.send(json.dumps({"type": type_, "id": req_id, "data": data}))
                while True:
                    raw = await asyncio.wait_for(ws.recv(), timeout=self._request_timeout)
                    msg = json.loads(raw)
                    if msg.get("type") == "error" and msg.get("id") in (None, req_id):
                        err = msg.get("data") or {}
                        raise SimWebError(str(err.get("code", "SESSION_ERROR")), str(err.get("message", "")))
                    if msg.get("id") == req_id:
                        return msg
            except ConnectionClosed as err:
                frame = getattr(err, "rcvd", None)
                detail = f"{frame.code} {frame.reason}" if frame is not None else "no close frame"
                raise SimWebError("SESSION_ERROR", f"connection closed ({detail})") from err
            except asyncio.TimeoutError as err:
                raise SimWebError("SESSION_ERROR", f"no reply to {type_} within {self._request_timeout} s") from err
