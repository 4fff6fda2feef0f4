"""Adapter for TRL's ``GRPOTrainer(environment_factory=SimWebToolEnv)``, on TRL <= 1.7 and >= 1.8 alike.

TRL creates instances with no arguments, calls ``reset(**row)`` with each dataset row, and exposes every
public bound method (``inspect.ismethod``) as a tool, except ``reset``; TRL >= 1.8 (PR #6238) also
reserves ``get_reward``: when it is a plain bound method, the environment owns the reward and
``GRPOTrainer`` adds it as a reward source (without one it raises "No reward source provided").

So the tools are exactly ``search``, ``open``, ``find`` and ``answer`` under both rules: with TRL >= 1.8
(or no TRL installed) ``get_reward`` is a plain method, the reward source; with TRL <= 1.7, which would
offer it to the model as a fifth tool, each instance hides it behind a non-method attribute (still
callable) and ``simweb_reward_funcs()`` gives the reward function to pass instead. ``close()`` is never
a bound method, so no TRL version offers it.
"""

from __future__ import annotations

import functools
import os
import warnings
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

from .env import SimWebEnv
from .errors import SimWebError
from .sync import SyncSimWebEnv

DEFAULT_URL = "ws://127.0.0.1:8080/ws"

#: The first TRL release that discovers ``get_reward`` as a reward source (PR #6238).
TRL_GET_REWARD_VERSION = (1, 8)


def _installed_trl_version() -> Optional[Tuple[int, int]]:
    """(major, minor) of the installed ``trl``, or None when it is not installed."""
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover - Python < 3.8
        return None
    try:
        v = version("trl")
    except PackageNotFoundError:
        return None
    parts: List[int] = []
    for piece in v.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit()) or "0"
        parts.append(int(digits))
    while len(parts) < 2:
        parts.append(0)
    return (parts[0], parts[1])


def trl_owns_reward_via_get_reward() -> bool:
    """True when the installed TRL (>= 1.8, or none installed) takes ``get_reward`` as the reward source."""
    v = _installed_trl_version()
    return v is None or v >= TRL_GET_REWARD_VERSION


def simweb_reward(environments: List["SimWebToolEnv"], **kwargs: Any) -> List[float]:
    """A TRL reward function: each rollout's episode reward (for TRL <= 1.7, which passes ``environments``)."""
    return [env.get_reward() for env in environments]


def simweb_reward_funcs() -> List[Callable[..., List[float]]]:
    """What to pass as ``GRPOTrainer(reward_funcs=...)``: ``[]`` on TRL >= 1.8 (``get_reward`` is the
    reward source; passing ``simweb_reward`` too would count the reward twice), ``[simweb_reward]`` on
    TRL <= 1.7. Add your own reward functions to the list as usual."""
    return [] if trl_owns_reward_via_get_reward() else [simweb_reward]


class _NotATool:
    """Descriptor: the attribute is callable on instances but is not a bound method (hidden from TRL)."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self._fn = fn
        functools.update_wrapper(self, fn)

    def __get__(self, obj: Any, objtype: Any = None) -> Callable[..., Any]:
        return self._fn if obj is None else functools.partial(self._fn, obj)


class SimWebToolEnv:
    """One simweb episode per rollout, as tools a model can call.

    The server URL comes from the ``url`` argument, else the class attribute ``SimWebToolEnv.url``,
    else the ``SIMWEB_URL`` environment variable, else ``ws://127.0.0.1:8080/ws``.

    Example::

        from trl import GRPOConfig, GRPOTrainer
        from simweb_client import SimWebToolEnv, simweb_reward_funcs

        SimWebToolEnv.url = "ws://127.0.0.1:8080/ws"
        trainer = GRPOTrainer(model=..., train_dataset=dataset,  # rows carry the task's id
                              reward_funcs=simweb_reward_funcs(), environment_factory=SimWebToolEnv)
    """

    url: Optional[str] = None
    token: Optional[str] = None

    def __init__(self, url: Optional[str] = None, token: Optional[str] = None) -> None:
        self._url = url or type(self).url or os.environ.get("SIMWEB_URL") or DEFAULT_URL
        self._token = token or type(self).token or os.environ.get("SIMWEB_TOKEN") or None
        self._env: Optional[SyncSimWebEnv] = None
        self.reward = 0.0
        self.done = False
        self.info: Dict[str, Any] = {}
        if not trl_owns_reward_via_get_reward():
            # TRL <= 1.7 offers every public bound method as a tool: shadow get_reward with a partial
            self.get_reward = functools.partial(type(self).get_reward, self)  # type: ignore[method-assign]

    def reset(self, **row: Any) -> Optional[str]:
        """Starts an episode for a dataset row and returns its first observation (question + instructions).

        The row names a corpus task with ``task_id``, or with ``id`` as ``tasks.jsonl`` rows do (a row
        with ``id`` that the server does not know runs as an ad-hoc task when it carries ``question``
        and ``answers``, with a warning; without them it raises). A row with ``question`` and
        ``answers`` (also ``answer`` or ``golden_answers``) and no id is an ad-hoc task; ``seed`` and
        ``split`` are passed on. Other columns (``prompt``...) are ignored.
        """
        if self._env is None:
            self._env = SimWebEnv(self._url, token=self._token).sync()
        self.reward = 0.0
        self.done = False
        kwargs: Dict[str, Any] = {}
        if row.get("seed") is not None:
            kwargs["seed"] = int(row["seed"])
        adhoc: Optional[Dict[str, Any]] = None
        if row.get("question") is not None:
            answers = row.get("answers", row.get("answer", row.get("golden_answers")))
            if answers is None:
                raise ValueError("a row with `question` needs `answers` (or `answer` / `golden_answers`)")
            answers = [answers] if isinstance(answers, str) else [str(a) for a in answers]
            adhoc = {"question": str(row["question"]), "answers": answers}
        task_id = row.get("task_id", row.get("id"))
        if task_id is not None:
            kwargs["task_id"] = str(task_id)
        elif adhoc is not None:
            kwargs["task"] = adhoc
        if row.get("split") is not None and "task_id" not in kwargs:
            kwargs["split"] = str(row["split"])
        try:
            observation, self.info = self._env.reset(**kwargs)
        except SimWebError as err:
            if err.code != "UNKNOWN_TASK" or row.get("task_id") is not None or adhoc is None:
                raise
            warnings.warn(f"row id {task_id!r} is not a task of the server: running it as an ad-hoc task (no gold URLs)", stacklevel=2)
            del kwargs["task_id"]
            kwargs["task"] = {**adhoc, "id": str(task_id)}
            observation, self.info = self._env.reset(**kwargs)
        return observation

    def search(self, query: str) -> str:
        """
        Search the web and get ranked results with their rank number, title, URL and snippet.

        Args:
            query: The search query. Supports "quoted phrases", site:host and -site:host.

        Returns:
            The search results.
        """
        return self._call({"name": "search", "arguments": {"query": query}})

    def open(self, url: Union[str, int]) -> str:
        """
        Open a web page and read it with numbered lines.

        Args:
            url: An absolute URL, or the rank number of a result of the last search (or a link id of the current page), e.g. 2.

        Returns:
            The page text.
        """
        if isinstance(url, int) and not isinstance(url, bool):
            return self._call({"name": "open", "arguments": {"id": url}})
        target = str(url).strip()
        args: Dict[str, Any] = {"id": int(target)} if target.isdigit() else {"url": target}
        return self._call({"name": "open", "arguments": args})

    def find(self, pattern: str) -> str:
        """
        Find a text pattern (case-insensitive) in the currently open page.

        Args:
            pattern: The text to look for.

        Returns:
            The matching lines with their line numbers.
        """
        return self._call({"name": "find", "arguments": {"pattern": pattern}})

    def answer(self, answer: str, citations: Optional[List[str]] = None) -> str:
        """
        Give the final answer. This ends the episode.

        Args:
            answer: The final answer, as short as possible.
            citations: URLs of the pages that support the answer.

        Returns:
            A confirmation.
        """
        args: Dict[str, Any] = {"answer": answer}
        if citations is not None:
            args["citations"] = [citations] if isinstance(citations, str) else [str(c) for c in citations]
        return self._call({"name": "answer", "arguments": args})

    def get_reward(self) -> float:
        """The episode's reward: 0 until it ends, then the rubric's score (TRL >= 1.8's reward source)."""
        return self.reward

    @_NotATool
    def close(self) -> None:
        """Closes the connection (the server logs an unfinished episode as closed)."""
        if self._env is not None:
            env, self._env = self._env, None
            env.close()

    def _call(self, action: Dict[str, Any]) -> str:
        if self._env is None:
            raise ValueError("The environment was not reset.")
        if self.done:
            raise ValueError("The episode is over: no more tool calls.")
        try:
            observation, reward, terminated, truncated, self.info = self._env.step(action)
        except SimWebError as err:
            raise ValueError(str(err)) from err
        if terminated or truncated:
            self.done = True
            self.reward = reward
        return observation
