"""simweb_client.verifiers through the verifiers stand-in (tests/standins): 16 rollouts against the generated world."""

from __future__ import annotations

import asyncio
import json
import sys
import unittest
from pathlib import Path
from typing import Any, Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent / "standins"))

import verifiers as vf  # noqa: E402

from simweb_client.episode_pool import SimWebEpisodes  # noqa: E402
from simweb_client.verifiers import SimWebToolEnv, load_environment  # noqa: E402
from world import WORLD_URL  # noqa: E402


def scripted_model(answer: str):
    """A model that searches the question, opens the first result, then answers ``answer``."""

    def model(messages: List[Dict[str, Any]], tools: List[Dict[str, Any]]) -> Dict[str, Any]:
        turn = sum(1 for m in messages if m["role"] == "assistant")
        question = messages[0]["content"].splitlines()[0][:200]
        call = [("search", {"query": question}), ("open", {"url": "1"}), ("answer", {"answer": answer})][min(turn, 2)]
        return {"role": "assistant", "content": None, "tool_calls": [{"id": f"c{turn}", "name": call[0], "arguments": json.dumps(call[1])}]}

    return model


@unittest.skipUnless(WORLD_URL, "set SIMWEB_WORLD_URL to a simweb server on the generated world")
class VerifiersEnvTest(unittest.IsolatedAsyncioTestCase):
    async def asyncTearDown(self) -> None:
        await SimWebEpisodes.close_all()

    async def test_load_environment_is_a_stateful_tool_env_with_simwebs_rubric(self) -> None:
        env = load_environment(url=WORLD_URL, split="test", num_examples=16)
        self.assertIsInstance(env, vf.StatefulToolEnv)
        self.assertEqual([t["name"] for t in env.tool_defs], ["search", "open", "find", "answer"])
        self.assertTrue(all("env_id" not in t["parameters"]["properties"] for t in env.tool_defs))
        self.assertEqual([f.__name__ for f in env.rubric.funcs], ["simweb_reward"])
        self.assertEqual(len(list(env.dataset)), 16)
        self.assertEqual(list(env.dataset)[3]["info"], {"seed": 3, "split": "test"})

    async def test_16_rollouts(self) -> None:
        env = load_environment(url=WORLD_URL, split="test", num_examples=8, max_turns=6)
        rows = list(env.dataset)
        groups = [row for row in rows for _ in range(2)]  # two rollouts per row: a GRPO group shares its task
        states = await asyncio.gather(*(vf.rollout(env, row, scripted_model("unknown")) for row in groups))
        self.assertEqual(len(states), 16)
        for a, b in zip(states[::2], states[1::2]):
            self.assertEqual(a["simweb"]["task_id"], b["simweb"]["task_id"])
            self.assertEqual(a["prompt"][-1]["content"], b["prompt"][-1]["content"])
        for s in states:
            self.assertTrue(s["simweb"]["done"])
            self.assertNotIn("set when the rollout starts", s["prompt"][-1]["content"])  # the episode's question
            self.assertEqual(s["reward"], s["simweb"]["reward"])
            self.assertEqual(s["metrics"]["simweb_reward"], s["reward"])
            self.assertEqual(len(s["trajectory"]), 3)  # the episode ended at the answer: the rollout stopped

    async def test_the_reward_is_simwebs_rubric(self) -> None:
        env = SimWebToolEnv(url=WORLD_URL, max_turns=4)
        row = {"prompt": [{"role": "user", "content": "?"}], "answer": "Paris", "info": {"question": "What is the capital of France?"}}
        right, wrong = await asyncio.gather(vf.rollout(env, row, scripted_model("Paris")), vf.rollout(env, row, scripted_model("Rome")))
        self.assertGreater(right["reward"], 0.5)
        self.assertGreater(right["reward"], wrong["reward"])
        self.assertIn("capital of France", right["prompt"][-1]["content"])

    async def test_an_unfinished_rollout_is_closed_by_cleanup(self) -> None:
        env = SimWebToolEnv(url=WORLD_URL, max_turns=1)
        state = await vf.rollout(env, {"prompt": [], "info": {"seed": 4}}, scripted_model("x"))
        self.assertFalse(state["simweb"]["done"])
        pool = SimWebEpisodes.for_config(env.simweb_config)
        self.assertIsNone(pool.get(state["simweb"]["env_id"]))
        self.assertEqual(state["reward"], 0.0)


if __name__ == "__main__":
    unittest.main()
