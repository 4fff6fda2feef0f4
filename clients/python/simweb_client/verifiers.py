"""verifiers adapter: ``load_environment(url=..., split=...)`` → a tool environment over simweb.

Written against verifiers' v0 surface (``import verifiers as vf``: ``StatefulToolEnv`` with
``add_tool(fn, args_to_skip=[...])`` and ``update_tool_args``, ``setup_state``, ``@vf.stop``,
``@vf.cleanup``, ``vf.Rubric(funcs=, weights=)``). Each rollout drives one simweb episode: ``setup_state``
resets it from the row (``info``: ``task_id`` or ``seed`` + ``split``; or ``question`` + ``answer``) and
puts its first observation (question + instructions) in the prompt; the model's tool calls ``search``,
``open``, ``find`` and ``answer`` step it (the hidden ``env_id`` argument is injected); the rollout stops
when the episode ends, and the rubric's one reward function is simweb's own rubric score. Without
verifiers installed the module falls back to small local classes with the same shape.

Example::

    from simweb_client.verifiers import load_environment
    env = load_environment(url="ws://127.0.0.1:8080/ws", split="train", num_examples=64)
    # an environment package's own load_environment(**kwargs) can simply return this
"""

from __future__ import annotations

import uuid
from typing import Any, Callable, Dict, List, Optional

from .episode_pool import DEFAULT_URL, SimWebEpisodes
from .errors import SimWebError

try:
    import verifiers as vf  # type: ignore[import-not-found]

    _StatefulToolEnv: Any = vf.StatefulToolEnv
    _Rubric: Any = vf.Rubric
    _stop: Callable[..., Any] = vf.stop
    _cleanup: Callable[..., Any] = vf.cleanup
except (ImportError, AttributeError):  # the same shape without verifiers (or a `verifiers` that is not the library) (nothing runs rollouts then, but the class loads and types check)

    class _Rubric:  # type: ignore[no-redef]
        def __init__(self, funcs: Optional[List[Callable[..., Any]]] = None, weights: Optional[List[float]] = None, **kwargs: Any) -> None:
            self.funcs = list(funcs or [])
            self.weights = list(weights or [1.0] * len(self.funcs))

    class _StatefulToolEnv:  # type: ignore[no-redef]
        def __init__(self, tools: Optional[List[Callable[..., Any]]] = None, max_turns: int = 10, **kwargs: Any) -> None:
            self.tools: List[Callable[..., Any]] = list(tools or [])
            self.tool_map: Dict[str, Callable[..., Any]] = {}
            self.skipped_args: Dict[str, List[str]] = {}
            self.max_turns = max_turns
            self.dataset = kwargs.get("dataset")
            self.rubric = kwargs.get("rubric")

        def add_tool(self, tool: Callable[..., Any], args_to_skip: List[str] = []) -> None:
            self.tools.append(tool)
            self.tool_map[tool.__name__] = tool
            self.skipped_args[tool.__name__] = list(args_to_skip)

        async def setup_state(self, state: Dict[str, Any], **kwargs: Any) -> Any:
            return state

    def _stop(fn: Callable[..., Any]) -> Callable[..., Any]:  # type: ignore[no-redef]
        setattr(fn, "stop", True)
        return fn

    def _cleanup(fn: Callable[..., Any]) -> Callable[..., Any]:  # type: ignore[no-redef]
        setattr(fn, "cleanup", True)
        return fn


async def simweb_reward(state: Dict[str, Any]) -> float:
    """The rubric's reward: simweb's rubric score of the rollout's episode (0 unless it ended)."""
    return float((state.get("simweb") or {}).get("reward", 0.0))


class SimWebToolEnv(_StatefulToolEnv):  # type: ignore[misc, valid-type]
    """A verifiers ``StatefulToolEnv`` whose tools are simweb's and whose rubric is simweb's reward.

    Args:
        url: WebSocket URL of the server.
        token: Bearer token when the server requires one.
        num_connections: Connections the rollouts' episodes are multiplexed over.
        max_turns: Model turns per rollout (simweb's own ``max_steps`` still applies).
        **kwargs: Passed to ``StatefulToolEnv`` (``dataset``, ``eval_dataset``, ``system_prompt``...).
    """

    def __init__(self, url: str = DEFAULT_URL, token: Optional[str] = None, num_connections: int = 4, max_turns: int = 12, **kwargs: Any) -> None:
        kwargs.setdefault("rubric", _Rubric(funcs=[simweb_reward], weights=[1.0]))
        super().__init__(tools=[], max_turns=max_turns, **kwargs)
        self.simweb_config = {"url": url, "token": token, "num_connections": num_connections}
        for tool in (self.search, self.open, self.find, self.answer):
            self.add_tool(tool, args_to_skip=["env_id"])

    async def setup_state(self, state: Dict[str, Any], **kwargs: Any) -> Any:
        """Resets the rollout's episode from the row and shows its first observation as the user turn."""
        info = dict(state.get("info") or {})
        if info.get("question") is None and state.get("answer") and isinstance(state.get("question"), str):
            info.setdefault("question", state["question"])
        if info.get("question") is not None:
            info.setdefault("answers", info.get("answers") or [state.get("answer", "")])
        key = f"vf-{uuid.uuid4().hex}"
        pool = SimWebEpisodes.for_config(self.simweb_config)
        ep = await pool.start(key, info)
        state["simweb"] = {"env_id": key, "reward": 0.0, "done": False, "task_id": None}
        self._states = getattr(self, "_states", {})
        self._states[key] = state
        state["simweb"]["task_id"] = ep.info.get("task_id")
        observation = ep.first_observation
        prompt = list(state.get("prompt") or [])
        user = {"role": "user", "content": observation}
        if prompt and isinstance(prompt[-1], dict) and prompt[-1].get("role") == "user":
            prompt[-1] = {**prompt[-1], "content": observation}
        else:
            prompt.append(user)
        state["prompt"] = prompt
        return await super().setup_state(state, **kwargs)

    def update_tool_args(self, tool_name: str, tool_args: Dict[str, Any], messages: Any, state: Dict[str, Any], **kwargs: Any) -> Dict[str, Any]:
        """Injects the rollout's hidden ``env_id``."""
        return {**tool_args, "env_id": state["simweb"]["env_id"]}

    async def _step(self, env_id: str, name: str, arguments: Dict[str, Any]) -> str:
        pool = SimWebEpisodes.for_config(self.simweb_config)
        if pool.ended(env_id) is not None:
            return "The episode is over: no more tool calls."
        ep = pool.get(env_id)
        if ep is None:
            raise SimWebError("RESET_NEEDED", "this rollout has no simweb episode (setup_state did not run)")
        async with ep.lock:
            d = (await ep.conn.request("step", {"name": name, "arguments": arguments}, env_id=ep.env_id))["data"]
            if d["terminated"] or d["truncated"]:
                ep.done, ep.reward = True, float(d["reward"])
                state = self._states.pop(env_id, None)
                if state is not None:
                    state["simweb"].update(reward=ep.reward, done=True, end_reason=d["info"].get("end_reason"),
                                           components=d["info"].get("reward_components"))
        if ep.done:
            await pool.close(env_id)
        return str(d["observation"])

    async def search(self, query: str, env_id: str) -> str:
        """Search the web and get ranked results with their rank number, title, URL and snippet.

        Args:
            query: The search query. Supports "quoted phrases", site:host and -site:host.
        """
        return await self._step(env_id, "search", {"query": query})

    async def open(self, url: str, env_id: str) -> str:
        """Open a web page and read it with numbered lines.

        Args:
            url: An absolute URL, or the rank number of a result of the last search (or a link id of the open page), e.g. "2".
        """
        target = url.strip()
        return await self._step(env_id, "open", {"id": int(target)} if target.isdigit() else {"url": target})

    async def find(self, pattern: str, env_id: str) -> str:
        """Find a text pattern (case-insensitive) in the currently open page.

        Args:
            pattern: The text to look for.
        """
        return await self._step(env_id, "find", {"pattern": pattern})

    async def answer(self, answer: str, env_id: str) -> str:
        """Give the final answer. This ends the episode.

        Args:
            answer: The final answer, as short as possible.
        """
        return await self._step(env_id, "answer", {"answer": answer})

    @_stop
    async def simweb_episode_done(self, state: Dict[str, Any]) -> bool:
        """Stops the rollout once its simweb episode has ended (answer or a limit)."""
        return bool((state.get("simweb") or {}).get("done"))

    @_cleanup
    async def close_simweb_episode(self, state: Dict[str, Any]) -> None:
        """Closes an unfinished episode (the server logs it as closed). Idempotent."""
        key = (state.get("simweb") or {}).get("env_id")
        if key:
            getattr(self, "_states", {}).pop(key, None)
            await SimWebEpisodes.for_config(self.simweb_config).close(key)


def load_environment(url: str = DEFAULT_URL, split: str = "train", num_examples: int = 64, seed: int = 0, token: Optional[str] = None,
                     task_ids: Optional[List[str]] = None, **kwargs: Any) -> SimWebToolEnv:
    """verifiers' entry point: a ``SimWebToolEnv`` over ``num_examples`` rows of ``split``.

    Each row names its episode in ``info``: ``{"task_id": ...}`` for each of ``task_ids``, else
    ``{"seed": seed + i, "split": split}`` (simweb draws the task with the seed, so every rollout of a
    row, a GRPO group, runs the same task). The prompt's user turn is filled with the episode's
    question and instructions at rollout start.
    """
    infos: List[Dict[str, Any]] = [{"task_id": t} for t in task_ids] if task_ids else [{"seed": seed + i, "split": split} for i in range(num_examples)]
    rows = [{"prompt": [{"role": "user", "content": "(the simweb question, set when the rollout starts)"}], "answer": "", "info": info, "task": "simweb"}
            for info in infos]
    dataset: Any = rows
    try:
        from datasets import Dataset  # type: ignore[import-not-found]

        dataset = Dataset.from_list(rows)
    except ImportError:
        pass
    kwargs.setdefault("dataset", dataset)
    return SimWebToolEnv(url=url, token=token, **kwargs)
