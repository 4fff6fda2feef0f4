"""``SimWebVectorEnv``: N simweb episodes stepped together over a few multiplexed connections.

Gymnasium's vector-env contract (``gymnasium/vector/vector_env.py``): ``reset → (observations, infos)``,
``step(actions) → (observations, rewards, terminations, truncations, infos)``, one entry per
sub-environment, ``infos`` batched as a dict of per-env values with ``_key`` masks (``vector_infos``).
Episodes are addressed by ``env_id`` on their connection, so 256 episodes need only a few sockets.
"""

from __future__ import annotations

import asyncio
from enum import Enum
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from .connection import SimWebConnection
from .env import Action
from .errors import SimWebError
from .vector_infos import VectorInfos, add_info, to_numpy

#: The server's default limit of episodes per connection (``serve --max-envs-per-connection``).
SERVER_ENVS_PER_CONNECTION = 64

TaskSpec = Union[str, Dict[str, Any]]
"""A corpus task id, or an ad-hoc task ``{"question": ..., "answers": [...]}``."""


class AutoresetMode(Enum):
    """What a sub-environment does after its episode ends (Gymnasium's ``AutoresetMode`` values).

    ``NEXT_STEP`` (Gymnasium's default): the ``step`` after the one that ended it resets the env instead
    of stepping; that step's action is ignored and it returns the new first observation with reward 0
    and both flags false. ``SAME_STEP``: the ending step resets at once; it returns the new first
    observation, and the ended episode's observation and info under ``infos["final_obs"]`` /
    ``infos["final_info"]``. ``DISABLED``: nothing resets until ``reset(options={"reset_mask": ...})``;
    pass ``None`` as the action of an env that should not step (a finished one must get ``None``): it
    returns its last observation and flags again, with reward 0 and no info.
    """

    NEXT_STEP = "NextStep"
    SAME_STEP = "SameStep"
    DISABLED = "Disabled"


class SimWebVectorEnv:
    """N episodes, stepped in lockstep, over ``num_connections`` WebSocket connections.

    Example::

        envs = SimWebVectorEnv("ws://127.0.0.1:8080/ws", num_envs=8, group_size=4,
                               autoreset_mode=AutoresetMode.DISABLED)
        obs, infos = await envs.reset(seed=0)          # 2 tasks, each shared by a group of 4
        obs, rewards, terminated, truncated, infos = await envs.step(
            [{"name": "answer", "arguments": {"answer": "Paris"}}] * 8)
        await envs.close()

    Args:
        url: WebSocket URL of the server.
        num_envs: Number of episodes N.
        num_connections: Connections to spread them over (default: enough for the server's default
            limit of 64 episodes per connection). Env ``i`` lives on connection ``i * C // N``.
        group_size: Envs ``[g*G, (g+1)*G)`` form GRPO group ``g`` and share its task (each with its own
            seed); ``num_envs`` must be a multiple of it.
        autoreset_mode: See ``AutoresetMode`` (default ``NEXT_STEP``, as Gymnasium).
        split: Draw tasks from this split (when ``reset`` names none).
        token: Bearer token when the server requires one.
        numpy: Return rewards, flags and infos as NumPy arrays (needs NumPy) instead of lists.
        env_id_prefix: Prefix of the ``env_id`` of env ``i`` (``f"{prefix}{i}"``).
        **limits: ``max_steps``, ``max_sim_seconds``, ``max_obs_tokens`` of every episode.
    """

    metadata: Dict[str, Any] = {}

    def __init__(self, url: str, num_envs: int, *, num_connections: Optional[int] = None, group_size: int = 1,
                 autoreset_mode: Union[AutoresetMode, str] = AutoresetMode.NEXT_STEP, split: Optional[str] = None,
                 token: Optional[str] = None, numpy: bool = False, env_id_prefix: str = "v", request_timeout: float = 120.0,
                 **limits: Any) -> None:
        if num_envs < 1:
            raise ValueError("num_envs must be at least 1")
        if group_size < 1 or num_envs % group_size != 0:
            raise ValueError(f"num_envs={num_envs} must be a positive multiple of group_size={group_size}")
        conns = num_connections or -(-num_envs // SERVER_ENVS_PER_CONNECTION)
        if not 1 <= conns <= num_envs:
            raise ValueError(f"num_connections must be between 1 and num_envs={num_envs}")
        self.url = url
        self.num_envs = num_envs
        self.group_size = group_size
        self.autoreset_mode = autoreset_mode if isinstance(autoreset_mode, AutoresetMode) else AutoresetMode(autoreset_mode)
        self.metadata = {"autoreset_mode": self.autoreset_mode}
        self.split = split
        self.numpy = numpy
        self.closed = False
        self._limits = dict(limits)
        self._connections = [SimWebConnection(url, token=token, request_timeout=request_timeout) for _ in range(conns)]
        self._conn_of = [self._connections[i * conns // num_envs] for i in range(num_envs)]
        self._env_ids = [f"{env_id_prefix}{i}" for i in range(num_envs)]
        self._seeds: List[Optional[int]] = [None] * num_envs
        self._tasks: List[Optional[TaskSpec]] = [None] * num_envs
        self._group_tasks: List[Optional[TaskSpec]] = [None] * (num_envs // group_size)
        self._obs: List[str] = [""] * num_envs
        self._terminated = [False] * num_envs
        self._truncated = [False] * num_envs
        self._needs_reset = [True] * num_envs
        self._named = False
        self._reset_spec: Tuple[Optional[str], Dict[str, Any]] = (split, dict(limits))

    @property
    def num_connections(self) -> int:
        """Connections the episodes are spread over."""
        return len(self._connections)

    @property
    def env_ids(self) -> List[str]:
        """The ``env_id`` of each sub-environment on its connection."""
        return list(self._env_ids)

    async def reset(self, *, seed: Union[int, Sequence[Optional[int]], None] = None, options: Optional[Dict[str, Any]] = None,
                    tasks: Optional[Sequence[Optional[TaskSpec]]] = None) -> Tuple[List[str], VectorInfos]:
        """Resets every sub-environment (or those of ``options["reset_mask"]``).

        Args:
            seed: ``None`` (the server picks), an int ``s`` (env ``i`` gets ``s + i``, as Gymnasium), or one
                seed per env.
            options: ``split``, ``max_steps``, ``max_sim_seconds``, ``max_obs_tokens``; ``tasks`` (as the
                argument); ``reset_mask`` (a bool per env: reset only those, as Gymnasium's sync vector env).
            tasks: One task per group (``num_envs // group_size`` entries) or per env: a task id or an
                ad-hoc task dict; ``None`` draws the group's task with the seed of its first env.

        Returns:
            ``(observations, infos)``: a list of N first observations (question + instructions) and the
            batched reset infos (``task_id``, ``question``, ``tools``...).
        """
        opts = dict(options or {})
        mask = [bool(m) for m in opts.pop("reset_mask", [True] * self.num_envs)]
        tasks = opts.pop("tasks", tasks)
        split = opts.pop("split", self.split)
        limits = {**self._limits, **opts}
        if len(mask) != self.num_envs or not any(mask):
            raise ValueError(f"options['reset_mask'] needs {self.num_envs} booleans, at least one true")
        seeds = self._seed_list(seed)
        per_env = self._task_list(tasks)
        for i in range(self.num_envs):
            if mask[i]:
                self._seeds[i] = seeds[i]
        infos: VectorInfos = {}
        self._named = tasks is not None
        for g0 in range(0, self.num_envs, self.group_size):
            if tasks is not None or mask[g0]:  # a reset leader draws anew; members alone rejoin their group's task
                self._group_tasks[g0 // self.group_size] = per_env[g0]
        # a group without a task draws one with its first env's seed; its other envs then run that task
        first = [g0 for g0 in range(0, self.num_envs, self.group_size) if mask[g0] and self._group_tasks[g0 // self.group_size] is None]
        for i, info in zip(first, await asyncio.gather(*(self._reset_one(i, None, split, limits) for i in first))):
            add_info(infos, info, i, self.num_envs)
            self._group_tasks[i // self.group_size] = info.get("task_id")
        rest = [i for i in range(self.num_envs) if mask[i] and i not in first]
        replies = await asyncio.gather(*(self._reset_one(i, per_env[i] or self._group_tasks[i // self.group_size], split, limits) for i in rest))
        for i, info in zip(rest, replies):
            add_info(infos, info, i, self.num_envs)
        self._reset_spec = (split, limits)
        return list(self._obs), self._out_infos(infos)

    async def step(self, actions: Sequence[Optional[Action]]) -> Tuple[List[str], Any, Any, Any, VectorInfos]:
        """Steps every sub-environment with its action (all sent at once, replies awaited together).

        Args:
            actions: N actions, each as ``SimWebEnv.step`` takes them (a tool-call dict or model text);
                ``None`` only under ``AutoresetMode.DISABLED`` (do not step this env).

        Returns:
            ``(observations, rewards, terminations, truncations, infos)``: N observations, N rewards (0
            until an episode ends, then the rubric's score), N ``terminated`` (the agent answered) and N
            ``truncated`` (a limit ended it) flags, and the batched step infos; see ``AutoresetMode``
            for what an ended env returns next.
        """
        if len(actions) != self.num_envs:
            raise ValueError(f"step needs {self.num_envs} actions, got {len(actions)}")
        if any(self._needs_reset):
            raise SimWebError("RESET_NEEDED", "call reset before step (every sub-environment needs one)")
        rewards = [0.0] * self.num_envs
        terminated, truncated = list(self._terminated), list(self._truncated)
        infos: VectorInfos = {}
        mode = self.autoreset_mode

        async def one(i: int, action: Optional[Action]) -> None:
            done = self._terminated[i] or self._truncated[i]
            if mode is AutoresetMode.NEXT_STEP and done:
                info = await self._autoreset(i)
                add_info(infos, info, i, self.num_envs)
                terminated[i] = truncated[i] = False
                return
            if action is None:
                if mode is not AutoresetMode.DISABLED:
                    raise ValueError(f"action {i} is None; only AutoresetMode.DISABLED skips envs")
                return
            if done:
                raise ValueError(f"env {i} has ended: give it None, or reset it with options={{'reset_mask': ...}}")
            d = await self._send(i, "step", _step_data(action))
            self._obs[i], rewards[i] = d["observation"], float(d["reward"])
            self._terminated[i], self._truncated[i] = bool(d["terminated"]), bool(d["truncated"])
            terminated[i], truncated[i] = self._terminated[i], self._truncated[i]
            info = d["info"]
            if mode is AutoresetMode.SAME_STEP and (terminated[i] or truncated[i]):
                add_info(infos, {"final_obs": self._obs[i], "final_info": info}, i, self.num_envs)
                info = await self._autoreset(i)
            add_info(infos, info, i, self.num_envs)

        await asyncio.gather(*(one(i, a) for i, a in enumerate(actions)))
        return list(self._obs), self._arr(rewards), self._arr(terminated), self._arr(truncated), self._out_infos(infos)

    async def close(self) -> None:
        """Closes every connection; the server closes and logs their episodes. Safe to call twice."""
        if self.closed:
            return
        self.closed = True
        await asyncio.gather(*(c.close() for c in self._connections))

    def sync(self) -> "Any":
        """The blocking twin (``SyncSimWebVectorEnv``): same methods, run on the client's background loop."""
        from .vector_sync import SyncSimWebVectorEnv

        return SyncSimWebVectorEnv(self)

    async def __aenter__(self) -> "SimWebVectorEnv":
        await asyncio.gather(*(c.connect() for c in self._connections))
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"SimWebVectorEnv({self.url!r}, num_envs={self.num_envs}, num_connections={self.num_connections}, group_size={self.group_size})"

    # -- internals -------------------------------------------------------------------------------

    async def _send(self, i: int, type_: str, data: Dict[str, Any]) -> Dict[str, Any]:
        reply = await self._conn_of[i].request(type_, data, env_id=self._env_ids[i])
        return reply["data"]

    async def _reset_one(self, i: int, task: Optional[TaskSpec], split: Optional[str], limits: Dict[str, Any]) -> Dict[str, Any]:
        data: Dict[str, Any] = {}
        if self._seeds[i] is not None:
            data["seed"] = self._seeds[i]
        options = dict(limits)
        if isinstance(task, str):
            data["task_id"] = task
        elif isinstance(task, dict):
            options["task"] = task
        elif split is not None:
            data["split"] = split
        if options:
            data["options"] = options
        d = await self._send(i, "reset", data)
        self._tasks[i] = task if task is not None else d["info"].get("task_id")
        self._obs[i] = d["observation"]
        self._terminated[i] = self._truncated[i] = self._needs_reset[i] = False
        return d["info"]

    async def _autoreset(self, i: int) -> Dict[str, Any]:
        """Resets env ``i`` after its episode ended: the next seed of its slot (seed + N) and, in a group, the same task."""
        if self._seeds[i] is not None:
            self._seeds[i] = int(self._seeds[i]) + self.num_envs  # type: ignore[arg-type]
        split, limits = self._reset_spec
        task = self._tasks[i] if self.group_size > 1 or self._named else None
        return await self._reset_one(i, task, split, limits)

    def _seed_list(self, seed: Union[int, Sequence[Optional[int]], None]) -> List[Optional[int]]:
        if seed is None:
            return [None] * self.num_envs
        if isinstance(seed, int):
            return [seed + i for i in range(self.num_envs)]
        seeds = list(seed)
        if len(seeds) != self.num_envs:
            raise ValueError(f"seed lists must have num_envs={self.num_envs} entries, got {len(seeds)}")
        return seeds

    def _task_list(self, tasks: Optional[Sequence[Optional[TaskSpec]]]) -> List[Optional[TaskSpec]]:
        if tasks is None:
            return [None] * self.num_envs
        tasks = list(tasks)
        groups = self.num_envs // self.group_size
        if len(tasks) == groups:
            return [tasks[i // self.group_size] for i in range(self.num_envs)]
        if len(tasks) == self.num_envs:
            return tasks
        raise ValueError(f"tasks needs one entry per group ({groups}) or per env ({self.num_envs}), got {len(tasks)}")

    def _arr(self, values: List[Any]) -> Any:
        if not self.numpy:
            return values
        import numpy as np

        return np.asarray(values)

    def _out_infos(self, infos: VectorInfos) -> VectorInfos:
        return to_numpy(infos) if self.numpy else infos


def _step_data(action: Action) -> Dict[str, Any]:
    if isinstance(action, str):
        return {"text": action}
    if isinstance(action, dict):
        return dict(action)
    raise TypeError("each action must be a dict tool call, a str of model output, or None")
