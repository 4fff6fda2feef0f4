"""Episodes keyed by a trajectory id, over a few pooled multiplexed connections (the verl and verifiers adapters).

A framework that runs many rollouts concurrently and calls tools by trajectory gets one simweb episode
per trajectory: the first call resets it with the row's kwargs (``reset_data``), every call is a step
on its ``env_id``, and the episode is closed when it ends or the framework lets the trajectory go.
"""

from __future__ import annotations

import asyncio
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Tuple

from .connection import SimWebConnection
from .errors import SimWebError

DEFAULT_URL = "ws://127.0.0.1:8080/ws"


@dataclass
class _Episode:
    conn: SimWebConnection
    env_id: str
    reward: float = 0.0
    done: bool = False
    steps: int = 0
    first_observation: str = ""
    info: Dict[str, Any] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class SimWebEpisodes:
    """The episodes of every trajectory in flight, over ``num_connections`` multiplexed connections (one per event loop)."""

    _pools: Dict[Tuple[str, Optional[str], int], "SimWebEpisodes"] = {}

    def __init__(self, url: str, token: Optional[str], num_connections: int) -> None:
        self._conns = [SimWebConnection(url, token=token) for _ in range(num_connections)]
        self._episodes: Dict[str, _Episode] = {}
        self._starting: Dict[str, "asyncio.Future[_Episode]"] = {}
        self._ended: "OrderedDict[str, float]" = OrderedDict()  # trajectories whose episode ended → reward

    def ended(self, key: str) -> Optional[float]:
        """The reward of the trajectory's ended episode, or None while it runs (or never started)."""
        return self._ended.get(key)

    @classmethod
    def for_config(cls, config: Dict[str, Any]) -> "SimWebEpisodes":
        """The pool of a tool config (``url``, ``token``, ``num_connections``), shared by the four tools."""
        key = (str(config.get("url") or DEFAULT_URL), config.get("token"), int(config.get("num_connections", 4)))
        loop = asyncio.get_running_loop()
        pool = cls._pools.get(key)
        if pool is None or getattr(pool, "_loop", None) is not loop:
            pool = cls._pools[key] = cls(*key)
            pool._loop = loop  # type: ignore[attr-defined]
        return pool

    @classmethod
    async def close_all(cls) -> None:
        """Closes every pool of this event loop (its episodes are logged as closed); call it at shutdown."""
        loop = asyncio.get_running_loop()
        for key, pool in list(cls._pools.items()):
            if getattr(pool, "_loop", None) is loop:
                del cls._pools[key]
                await asyncio.gather(*(c.close() for c in pool._conns))

    def get(self, key: str) -> Optional[_Episode]:
        return self._episodes.get(key)

    async def start(self, key: str, create_kwargs: Dict[str, Any]) -> _Episode:
        """The trajectory's episode, reset with the row's ``create_kwargs`` on its first call (concurrent calls share it)."""
        if key in self._episodes:
            return self._episodes[key]
        fut = self._starting.get(key)
        if fut is None:
            fut = self._starting[key] = asyncio.ensure_future(self._reset(key, create_kwargs))
        try:
            return await asyncio.shield(fut)
        finally:
            self._starting.pop(key, None)

    async def _reset(self, key: str, kw: Dict[str, Any]) -> _Episode:
        env_id = f"t-{zlib.crc32(key.encode()):08x}-{key[-40:]}"
        ep = _Episode(self._conns[zlib.crc32(key.encode()) % len(self._conns)], env_id)
        d = (await ep.conn.request("reset", reset_data(kw), env_id=env_id))["data"]
        ep.first_observation, ep.info = str(d["observation"]), dict(d["info"])
        self._episodes[key] = ep
        return ep

    async def close(self, key: str) -> None:
        """Closes the trajectory's episode (the server logs it, unfinished ones as closed)."""
        ep = self._episodes.pop(key, None)
        if ep is not None:
            self._ended[key] = ep.reward
            while len(self._ended) > 100_000:
                self._ended.popitem(last=False)
            try:
                await ep.conn.request("close", {}, env_id=ep.env_id)
            except SimWebError:
                pass

    def close_soon(self, key: str) -> None:
        """``close`` from a finalizer: scheduled on the pool's loop when it still runs."""
        loop = getattr(self, "_loop", None)
        if key in self._episodes and loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self.close(key)))


def reset_data(kw: Dict[str, Any]) -> Dict[str, Any]:
    """A row's ``create_kwargs`` → simweb reset data: ``task_id``, or ``question`` + ``answers`` / ``ground_truth`` (an ad-hoc task), ``seed``, ``split``, limits."""
    data: Dict[str, Any] = {}
    if kw.get("seed") is not None:
        data["seed"] = int(kw["seed"])
    options = {k: kw[k] for k in ("max_steps", "max_sim_seconds", "max_obs_tokens") if kw.get(k) is not None}
    if kw.get("task_id") is not None:
        data["task_id"] = str(kw["task_id"])
    elif kw.get("question") is not None:
        answers = kw.get("answers", kw.get("ground_truth", kw.get("golden_answers")))
        if answers is None:
            raise ValueError("create_kwargs with `question` need `answers` or `ground_truth`")
        if isinstance(answers, dict):  # Search-R1 rows: {"target": [...]}
            answers = answers.get("target", [])
        answers = [answers] if isinstance(answers, str) else [str(a) for a in answers]
        options["task"] = {"question": str(kw["question"]), "answers": answers}
    if kw.get("split") is not None and "task_id" not in data:
        data["split"] = str(kw["split"])
    if options:
        data["options"] = options
    return data
