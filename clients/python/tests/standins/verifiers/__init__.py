"""Stand-in for verifiers' v0 surface (tests only): Rubric, ToolEnv, StatefulToolEnv, @stop, @cleanup, and a
rollout that calls an environment the way MultiTurnEnv.rollout does (setup_state → model turn → stop checks →
env_response → ... → cleanup → rubric scoring)."""

import inspect
import json
from typing import Any, Callable, Dict, List, Optional

Messages = List[Dict[str, Any]]
State = Dict[str, Any]


def stop(fn: Callable) -> Callable:
    fn.stop = True
    return fn


def cleanup(fn: Callable) -> Callable:
    fn.cleanup = True
    return fn


class Rubric:
    def __init__(self, funcs: Optional[List[Callable]] = None, weights: Optional[List[float]] = None, **kwargs: Any) -> None:
        self.funcs = list(funcs or [])
        self.weights = list(weights or [1.0] * len(self.funcs))

    async def score_rollout(self, state: State) -> None:
        """Each reward function gets the arguments its signature names (prompt, completion, answer, state, info, task)."""
        metrics = {}
        for func in self.funcs:
            wanted = inspect.signature(func).parameters
            args = {k: state.get(k) for k in ("prompt", "completion", "answer", "info", "task") if k in wanted}
            if "state" in wanted:
                args["state"] = state
            metrics[func.__name__] = float(await func(**args))
        state["metrics"] = metrics
        state["reward"] = sum(w * metrics[f.__name__] for f, w in zip(self.funcs, self.weights))


def _tool_def(fn: Callable, skip: List[str]) -> Dict[str, Any]:
    params = [p for n, p in inspect.signature(fn).parameters.items() if n not in skip and n != "self"]
    return {"name": fn.__name__, "description": (inspect.getdoc(fn) or "").split("\n")[0],
            "parameters": {"type": "object", "properties": {p.name: {"type": "string"} for p in params}, "required": [p.name for p in params]}}


class ToolEnv:
    def __init__(self, tools: Optional[List[Callable]] = None, max_turns: int = 10, dataset: Any = None, rubric: Any = None, **kwargs: Any) -> None:
        self.tools = list(tools or [])
        self.max_turns = max_turns
        self.dataset = dataset
        self.rubric = rubric or Rubric()
        self.tool_map = {t.__name__: t for t in self.tools}
        self.tool_defs = [_tool_def(t, []) for t in self.tools]

    async def setup_state(self, state: State, **kwargs: Any) -> State:
        return state

    async def call_tool(self, tool_name: str, tool_args: dict, tool_call_id: str, **kwargs: Any) -> Dict[str, Any]:
        result = self.tool_map[tool_name](**tool_args)
        if inspect.isawaitable(result):
            result = await result
        return {"role": "tool", "content": str(result), "tool_call_id": tool_call_id}


class StatefulToolEnv(ToolEnv):
    def __init__(self, tools: Optional[List[Callable]] = None, max_turns: int = 10, **kwargs: Any) -> None:
        super().__init__(tools=tools, max_turns=max_turns, **kwargs)
        self.skipped_args: Dict[str, List[str]] = {}

    def add_tool(self, tool: Callable, args_to_skip: List[str] = []) -> None:
        self.tools.append(tool)
        self.tool_defs.append(_tool_def(tool, args_to_skip))
        self.tool_map[tool.__name__] = tool
        self.skipped_args[tool.__name__] = args_to_skip

    def update_tool_args(self, tool_name: str, tool_args: dict, messages: Messages, state: State, **kwargs: Any) -> dict:
        raise NotImplementedError

    async def env_response(self, messages: Messages, state: State, **kwargs: Any) -> Messages:
        out = []
        for call in messages[-1]["tool_calls"]:
            try:
                args = json.loads(call["arguments"])
                args = self.update_tool_args(call["name"], args, messages, state, **kwargs)
                out.append(await self.call_tool(call["name"], args, call["id"]))
            except Exception as e:
                out.append({"role": "tool", "content": f"{e}", "tool_call_id": call["id"]})
        return out

    def _marked(self, mark: str) -> List[Callable]:
        return [getattr(self, n) for n in dir(type(self)) if getattr(getattr(type(self), n, None), mark, False)]

    async def is_completed(self, state: State) -> bool:
        if len(state["trajectory"]) >= self.max_turns:
            return True
        if state["trajectory"] and not state["trajectory"][-1].get("tool_calls"):
            return True  # ToolEnv.no_tools_called
        for fn in self._marked("stop"):
            if await fn(state):
                return True
        return False


async def rollout(env: StatefulToolEnv, row: Dict[str, Any], model: Callable[[Messages, List[Dict[str, Any]]], Dict[str, Any]]) -> State:
    """One rollout of `row`: `model(messages, tool_defs)` returns the assistant message (with `tool_calls`)."""
    state: State = {"prompt": [dict(m) for m in row["prompt"]], "answer": row.get("answer", ""), "info": dict(row.get("info") or {}),
                    "task": row.get("task"), "trajectory": []}
    await env.setup_state(state)
    messages = list(state["prompt"])
    try:
        while True:
            reply = model(messages, env.tool_defs)
            messages.append(reply)
            state["trajectory"].append(reply)
            if await env.is_completed(state):
                break
            messages.extend(await env.env_response(messages, state))
            if await env.is_completed(state):
                break
    finally:
        state["completion"] = messages[len(state["prompt"]):]
        for fn in env._marked("cleanup"):
            await fn(state)
    await env.rubric.score_rollout(state)
    return state
