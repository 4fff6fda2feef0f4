"""Shared by the tests that run against a real server on the generated world (URL in ``SIMWEB_WORLD_URL``).

test/env/ws/python-client.test.ts serves a generated world with room for 256 episodes on one connection.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional

WORLD_URL: Optional[str] = os.environ.get("SIMWEB_WORLD_URL")

VOLATILE = ("episode_id",)


def stable(info: Any) -> Any:
    """An info without the fields that name the episode on the server (they differ between transports)."""
    if isinstance(info, dict):
        return {k: stable(v) for k, v in info.items() if k not in VOLATILE}
    if isinstance(info, list):
        return [stable(v) for v in info]
    return info


def scripted_action(step: int, question: str, last_info: Dict[str, Any]) -> Dict[str, Any]:
    """A fixed three-step policy: search the question, open the first result, answer its title."""
    if step == 0:
        return {"name": "search", "arguments": {"query": question}}
    if step == 1:
        return {"name": "open", "arguments": {"id": 1}}
    return {"name": "answer", "arguments": {"answer": str(last_info.get("title") or "unknown")}}


def trajectory_row(obs: str, reward: float, terminated: bool, truncated: bool, info: Dict[str, Any]) -> List[Any]:
    return [obs, reward, terminated, truncated, stable(info)]
