"""Async Gym-style client for the simweb WebSocket server (``/ws``)."""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any, Dict, Optional, Tuple, Union

from websockets.exceptions import ConnectionClosed

from .connection import connect_checked
from .errors import ConnectionLost, SimWebError
from .replay import RETRYABLE_REFUSALS, EpisodeRecord

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
        reconnect: On a lost connection (the replica died, the balancer dropped it, no reply in time), open a
            new connection (through the balancer: to a live replica) and re-run the episode from its seed: the
            reset and every step so far are sent again, each replayed outcome is checked against the one seen
            (``REPLAY_MISMATCH``) and the corpus digest against the first replica's (``CORPUS_MISMATCH``), then
            the interrupted call is answered as if nothing happened. ``reconnects`` and ``reruns`` count them.
        max_reconnects: Attempts per lost call before the ``SESSION_ERROR`` is raised.
        reconnect_delay: Seconds before the first attempt, doubled after each failed one (at most 5 s).
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
        reconnect: bool = False,
        max_reconnects: int = 8,
        reconnect_delay: float = 0.2,
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
        self._reconnect = reconnect
        self._max_reconnects = max_reconnects
        self._reconnect_delay = reconnect_delay
        self._episode: Optional[EpisodeRecord] = None
        self.reconnects = 0
        """Connections opened again after one was lost."""
        self.reruns = 0
        """Episodes re-run from their seed on a new connection (each one that had begun when its connection was lost)."""
        self.replica: Optional[str] = None
        """The replica that answered the last reset (its ``serve --name``), when the server says."""

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
        self._episode = None
        if self._reconnect:
            d = await self._with_reconnect(lambda: self._request("reset", data), rerun=False)
        else:
            d = (await self._request("reset", data))["data"]
        info = d["info"]
        self.replica = info.get("replica", self.replica)
        if self._reconnect:
            self._episode = EpisodeRecord({**data, "seed": info["seed"]} if "seed" in info else data, info)
        return d["observation"], info

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
        if self._reconnect and self._episode is not None:
            d = await self._with_reconnect(lambda: self._request("step", data), rerun=True, pending=data)
            episode = self._episode
            if episode is not None:
                episode.add(data, d)
                if d["terminated"] or d["truncated"]:
                    self._episode = None
        else:
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

    async def _with_reconnect(self, call: Any, *, rerun: bool, pending: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """Runs ``call``; on a lost connection, reconnects (and with ``rerun`` re-runs the episode, then sends ``pending``)."""
        try:
            return (await call())["data"]
        except ConnectionLost as err:
            lost: SimWebError = err
        delay = self._reconnect_delay
        for _attempt in range(self._max_reconnects):
            await self._drop()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
            try:
                await self.connect()
                self.reconnects += 1
                if not rerun:
                    return (await call())["data"]
                return await self._rerun(pending or {})
            except ConnectionLost as err:
                lost = err
            except SimWebError as err:
                if err.code not in RETRYABLE_REFUSALS:
                    raise
                lost = err
        raise lost

    async def _rerun(self, pending: Dict[str, Any]) -> Dict[str, Any]:
        """Re-runs the recorded episode on the (new) connection, checking each outcome, then sends the pending step."""
        episode = self._episode
        assert episode is not None
        ws = self._ws
        d = (await self._send_recv(ws, "reset", dict(episode.reset)))["data"]
        episode.check_reset(d["info"])
        self.replica = d["info"].get("replica", self.replica)
        for i, (step, _seen) in enumerate(episode.steps):
            episode.check_step(i, (await self._send_recv(ws, "step", dict(step)))["data"])
        self.reruns += 1
        return (await self._send_recv(ws, "step", pending))["data"]

    async def _drop(self) -> None:
        """Forgets a broken connection (closing what is left of it)."""
        ws, self._ws = self._ws, None
        if ws is not None:
            try:
                await asyncio.wait_for(ws.close(), timeout=1)
            except Exception:  # already gone
                pass

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
                raise ConnectionLost(f"connection closed ({detail})") from err
            except OSError as err:
                raise ConnectionLost(f"connection broken ({err})") from err
            except asyncio.TimeoutError as err:
                raise ConnectionLost(f"no reply to {type_} within {self._request_timeout} s") from err
