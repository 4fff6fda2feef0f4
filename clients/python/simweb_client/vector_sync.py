"""Blocking twin of ``SimWebVectorEnv``: its calls run on the client's shared background event-loop thread."""

from __future__ import annotations

from typing import Any, List, Optional, Sequence, Tuple, Union

from .env import Action
from .sync import run_sync
from .vector import AutoresetMode, SimWebVectorEnv, TaskSpec
from .vector_infos import VectorInfos


class SyncSimWebVectorEnv:
    """``SimWebVectorEnv`` without ``await``: same arguments, methods and returns.

    Example::

        envs = SimWebVectorEnv("ws://127.0.0.1:8080/ws", num_envs=4).sync()
        obs, infos = envs.reset(seed=1)
        obs, rewards, terminated, truncated, infos = envs.step(["<answer>Paris</answer>"] * 4)
        envs.close()
    """

    def __init__(self, env: SimWebVectorEnv) -> None:
        self.env = env

    @classmethod
    def create(cls, url: str, num_envs: int, **kwargs: Any) -> "SyncSimWebVectorEnv":
        """Same as ``SimWebVectorEnv(url, num_envs, **kwargs).sync()``."""
        return cls(SimWebVectorEnv(url, num_envs, **kwargs))

    @property
    def num_envs(self) -> int:
        """Number of sub-environments."""
        return self.env.num_envs

    @property
    def autoreset_mode(self) -> AutoresetMode:
        """See ``AutoresetMode``."""
        return self.env.autoreset_mode

    @property
    def metadata(self) -> dict:
        """``{"autoreset_mode": ...}``, as Gymnasium's vector envs."""
        return self.env.metadata

    def reset(self, *, seed: Union[int, Sequence[Optional[int]], None] = None, options: Optional[dict] = None,
              tasks: Optional[Sequence[Optional[TaskSpec]]] = None) -> Tuple[List[str], VectorInfos]:
        """See ``SimWebVectorEnv.reset``."""
        return run_sync(self.env.reset(seed=seed, options=options, tasks=tasks))

    def step(self, actions: Sequence[Optional[Action]]) -> Tuple[List[str], Any, Any, Any, VectorInfos]:
        """See ``SimWebVectorEnv.step``."""
        return run_sync(self.env.step(actions))

    def close(self) -> None:
        """See ``SimWebVectorEnv.close``."""
        run_sync(self.env.close())

    def __enter__(self) -> "SyncSimWebVectorEnv":
        run_sync(self.env.__aenter__())
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
