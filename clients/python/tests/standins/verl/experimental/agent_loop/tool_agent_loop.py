"""Stand-in for verl's ToolAgentLoop: AgentData and the calls `_call_tool` makes for one tool call."""

import json
from typing import Any, Dict, List
from uuid import uuid4

from verl.tools.schemas import ToolResponse


class AgentData:
    def __init__(self, messages: List[Dict[str, Any]], tools_kwargs: Dict[str, Any]) -> None:
        self.messages = messages
        self.request_id = uuid4().hex
        self.tools_kwargs = tools_kwargs
        self.tool_rewards: List[float] = []
        self.turn_scores: List[float] = []
        self.extra_fields: Dict[str, Any] = {}


async def call_tool(tools: Dict[str, Any], name: str, arguments: str, agent_data: AgentData):
    """`ToolAgentLoop._call_tool`: create → execute(agent_data=) → release, errors become the tool's text."""
    tool, instance_id = None, None
    try:
        tool_args = json.loads(arguments)
        tool = tools[name]
        kwargs = agent_data.tools_kwargs.get(name, {})
        instance_id, _ = await tool.create(create_kwargs=kwargs.get("create_kwargs", {}))
        response, reward, metrics = await tool.execute(instance_id, tool_args, agent_data=agent_data)
    except Exception as e:
        return ToolResponse(text=f"Error when executing tool: {e}"), 0.0, {}
    finally:
        if tool and instance_id:
            await tool.release(instance_id)
    if reward is not None:
        agent_data.tool_rewards.append(reward)
    return ToolResponse(text=response.text), reward, metrics


def extra_fields(agent_data: AgentData) -> Dict[str, Any]:
    """What the loop's output carries to the reward manager (`tool_extra_fields` → `extra_info`)."""
    return {"turn_scores": agent_data.turn_scores, "tool_rewards": agent_data.tool_rewards}
