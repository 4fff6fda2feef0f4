"""verl adapter: simweb's ``search``, ``open``, ``find`` and ``answer`` as tools of verl's multi-turn agent loop.

Written against verl's public tool interface (``verl/tools/base_tool.py``, ``verl/tools/schemas.py``):
a tool is built from the tool-config YAML as ``cls(config=..., tool_schema=...)``, and the agent loop
(``verl/experimental/agent_loop/tool_agent_loop.py``) runs every call as
``create(create_kwargs=...)`` → ``execute(instance_id, args, agent_data=...)`` → ``release(instance_id)``.
A call's instance lives for that call only, so the simweb episode belongs to the *trajectory*:
``agent_data.request_id`` (or, for rollouts that create one instance per trajectory and share its id
among the tools, the instance id). The first call of a trajectory resets an episode with the row's
``create_kwargs`` (``task_id``, or ``question`` + ``ground_truth``/``answers``, ``seed``, ``split``); the call
that ends it (``answer``, or a limit) returns simweb's rubric reward as its tool reward, and
``compute_score`` hands that reward to verl's reward manager. Episodes of all trajectories share a
few multiplexed connections (one ``env_id`` per trajectory). Without verl installed the module falls
back to small local classes with the same shape.

Tool config (``clients/python/verl_tool_config.yaml``)::

    tools:
      - class_name: simweb_client.verl.SimWebSearchTool
        config: {type: native, url: ws://127.0.0.1:8080/ws}
"""

from __future__ import annotations

import asyncio
import weakref
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple
from uuid import uuid4

from .episode_pool import SimWebEpisodes, reset_data
from .errors import SimWebError

try:  # the real interface when verl is installed
    from verl.tools.base_tool import BaseTool  # type: ignore[import-not-found]
    from verl.tools.schemas import OpenAIFunctionToolSchema, ToolResponse  # type: ignore[import-not-found]
except ImportError:  # the same shape, for use and type checking without verl

    @dataclass
    class ToolResponse:  # type: ignore[no-redef]
        """verl's ``ToolResponse``: text (and images / videos) returned to the model."""

        text: Optional[str] = None
        image: Optional[List[Any]] = None
        video: Optional[List[Any]] = None

    @dataclass
    class _Function:
        name: str
        description: str
        parameters: Dict[str, Any] = field(default_factory=dict)

    @dataclass
    class OpenAIFunctionToolSchema:  # type: ignore[no-redef]
        """verl's ``OpenAIFunctionToolSchema``: ``{"type": "function", "function": {...}}``."""

        type: str
        function: _Function

        @classmethod
        def model_validate(cls, d: Dict[str, Any]) -> "OpenAIFunctionToolSchema":
            return cls(type=d["type"], function=_Function(**d["function"]))

        def model_dump(self, **_: Any) -> Dict[str, Any]:
            f = self.function
            return {"type": self.type, "function": {"name": f.name, "description": f.description, "parameters": f.parameters}}

    class BaseTool:  # type: ignore[no-redef]
        """verl's ``BaseTool`` constructor contract: ``(config, tool_schema)``, ``tool_schema`` None → ``get_openai_tool_schema()``."""

        def __init__(self, config: dict, tool_schema: Optional[OpenAIFunctionToolSchema]) -> None:
            self.config = config
            self.tool_schema = tool_schema or self.get_openai_tool_schema()
            self.name = self.tool_schema.function.name

        def get_openai_tool_schema(self) -> OpenAIFunctionToolSchema:
            return self.tool_schema


_SCHEMAS: Dict[str, Dict[str, Any]] = {
    "search": {"description": "Search the web; returns ranked results with rank number, title, URL and snippet.",
               "properties": {"query": {"type": "string", "description": 'The query. Supports "quoted phrases", site:host and -site:host.'}}},
    "open": {"description": "Open a web page and read it with numbered lines.",
             "properties": {"url": {"type": "string", "description": 'An absolute URL, or the rank number of a result of the last search (or a link id of the open page), e.g. "2".'}}},
    "find": {"description": "Find a text pattern (case-insensitive) in the open page; returns matching lines with their numbers.",
             "properties": {"pattern": {"type": "string", "description": "The text to look for."}}},
    "answer": {"description": "Give the final answer. This ends the episode.",
               "properties": {"answer": {"type": "string", "description": "The final answer, as short as possible."}}},
}


def tool_schema(name: str) -> OpenAIFunctionToolSchema:
    """The OpenAI function schema of simweb tool ``name`` in verl's type (what the YAML's ``tool_schema`` may restate)."""
    s = _SCHEMAS[name]
    params = {"type": "object", "properties": s["properties"], "required": list(s["properties"])}
    return OpenAIFunctionToolSchema.model_validate({"type": "function", "function": {"name": name, "description": s["description"], "parameters": params}})


class SimWebTool(BaseTool):
    """One simweb tool for verl; the subclasses name which. ``config``: ``url``, ``token``, ``num_connections``."""

    tool_name = ""

    def __init__(self, config: dict, tool_schema: Optional[OpenAIFunctionToolSchema] = None) -> None:
        self._instances: Dict[str, Dict[str, Any]] = {}
        self._keys: Dict[str, str] = {}
        self._rewards: Dict[str, float] = {}
        super().__init__(config or {}, tool_schema)

    def get_openai_tool_schema(self) -> OpenAIFunctionToolSchema:
        """simweb's schema of this tool (used when the YAML gives no ``tool_schema``)."""
        return tool_schema(self.tool_name)

    async def create(self, instance_id: Optional[str] = None, **kwargs: Any) -> Tuple[str, ToolResponse]:
        """Registers a call instance; ``create_kwargs`` (or the keyword arguments themselves) say the row's task."""
        instance_id = instance_id or str(uuid4())
        create_kwargs = kwargs.get("create_kwargs")
        self._instances[instance_id] = dict(create_kwargs if isinstance(create_kwargs, dict) else kwargs)
        return instance_id, ToolResponse()

    async def execute(self, instance_id: str, parameters: Dict[str, Any], **kwargs: Any) -> Tuple[ToolResponse, float, Dict[str, Any]]:
        """Runs the tool in the trajectory's episode. Returns ``(response, reward, metrics)``: reward is simweb's
        rubric score on the call that ends the episode, else 0; metrics say ``simweb_done`` and ``simweb_step``."""
        agent_data = kwargs.get("agent_data")
        key = str(getattr(agent_data, "request_id", None) or instance_id)
        self._keys[instance_id] = key
        pool = SimWebEpisodes.for_config(self.config)
        create_kwargs = self._instances.get(instance_id) or {}
        if not create_kwargs and agent_data is not None:  # the row's kwargs of any simweb tool
            for tk in (getattr(agent_data, "tools_kwargs", None) or {}).values():
                if isinstance(tk, dict) and tk.get("create_kwargs"):
                    create_kwargs = tk["create_kwargs"]
                    break
        if pool.ended(key) is not None:
            return ToolResponse(text="The episode is over: no more tool calls."), 0.0, {"simweb_done": True}
        try:
            ep = pool.get(key)
            if ep is None:
                ep = await pool.start(key, create_kwargs)
                if agent_data is not None:
                    weakref.finalize(agent_data, pool.close_soon, key)
            async with ep.lock:
                if ep.done:
                    return ToolResponse(text="The episode is over: no more tool calls."), 0.0, {"simweb_done": True}
                reply = await ep.conn.request("step", self.action(parameters), env_id=ep.env_id)
                d = reply["data"]
                ep.steps += 1
                reward = 0.0
                if d["terminated"] or d["truncated"]:
                    ep.done, ep.reward = True, float(d["reward"])
                    reward = ep.reward
                    self._rewards[instance_id] = reward
            if ep.done:
                await pool.close(key)
            return ToolResponse(text=d["observation"]), reward, {"simweb_done": ep.done, "simweb_step": ep.steps}
        except SimWebError as err:
            return ToolResponse(text=f"Error: {err}"), 0.0, {"simweb_error": err.code}

    def action(self, parameters: Dict[str, Any]) -> Dict[str, Any]:
        """The simweb tool call for the model's arguments."""
        return {"name": self.tool_name, "arguments": dict(parameters)}

    async def calc_reward(self, instance_id: str, **kwargs: Any) -> float:
        """simweb's reward of the instance's episode (0 until it ends)."""
        key = self._keys.get(instance_id, instance_id)
        if instance_id in self._rewards:
            return self._rewards[instance_id]
        pool = SimWebEpisodes.for_config(self.config)
        ep = pool.get(key)
        return ep.reward if ep is not None else pool.ended(key) or 0.0

    async def release(self, instance_id: str, **kwargs: Any) -> None:
        """Forgets the call instance. When the instance was the trajectory (no ``agent_data``), closes its episode."""
        self._instances.pop(instance_id, None)
        self._rewards.pop(instance_id, None)
        key = self._keys.pop(instance_id, None)
        if key == instance_id:
            await SimWebEpisodes.for_config(self.config).close(key)


class SimWebSearchTool(SimWebTool):
    """``search(query)``."""

    tool_name = "search"


class SimWebOpenTool(SimWebTool):
    """``open(url)``: a URL, or a result rank / link id as digits."""

    tool_name = "open"

    def action(self, parameters: Dict[str, Any]) -> Dict[str, Any]:
        target = str(parameters.get("url", parameters.get("id", ""))).strip()
        return {"name": "open", "arguments": {"id": int(target)} if target.isdigit() else {"url": target}}


class SimWebFindTool(SimWebTool):
    """``find(pattern)`` in the open page."""

    tool_name = "find"


class SimWebAnswerTool(SimWebTool):
    """``answer(answer)``: ends the episode; its tool reward is simweb's rubric score."""

    tool_name = "answer"


def compute_score(data_source: Any = None, solution_str: str = "", ground_truth: Any = None, extra_info: Optional[Dict[str, Any]] = None,
                  **kwargs: Any) -> Dict[str, Any]:
    """verl ``custom_reward_function``: the trajectory's simweb reward, from the tool rewards the agent loop collected.

    verl's reward manager calls ``compute_score(data_source=, solution_str=, ground_truth=, extra_info=)`` with
    the agent loop's ``tool_rewards`` in ``extra_info``; only the call that ended the episode carries a reward.
    """
    rewards = list((extra_info or {}).get("tool_rewards") or [])
    score = float(sum(float(r) for r in rewards))
    return {"score": score, "simweb_reward": score, "tool_calls": len(rewards)}


def tools_kwargs(**create_kwargs: Any) -> Dict[str, Dict[str, Any]]:
    """A dataset row's ``extra_info.tools_kwargs``: the same ``create_kwargs`` for all four tools."""
    return {name: {"create_kwargs": dict(create_kwargs)} for name in _SCHEMAS}
