"""simweb_client.verl through the verl stand-in (tests/standins): 16 trajectories of the tool agent loop's calls."""

from __future__ import annotations

import asyncio
import gc
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "standins"))

from verl.experimental.agent_loop.tool_agent_loop import AgentData, call_tool, extra_fields  # noqa: E402
from verl.tools.utils.tool_registry import initialize_tools_from_config  # noqa: E402

from simweb_client import verl as simweb_verl  # noqa: E402
from world import WORLD_URL  # noqa: E402

CONFIG = Path(__file__).resolve().parent.parent / "verl_tool_config.yaml"


@unittest.skipUnless(WORLD_URL, "set SIMWEB_WORLD_URL to a simweb server on the generated world")
class VerlToolsTest(unittest.IsolatedAsyncioTestCase):
    async def asyncTearDown(self) -> None:
        await simweb_verl.SimWebEpisodes.close_all()

    def tools(self):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write(CONFIG.read_text().replace("ws://127.0.0.1:8080/ws", WORLD_URL))
        return {t.name: t for t in initialize_tools_from_config(f.name)}

    async def test_tool_config_builds_the_four_tools_with_simwebs_schemas(self) -> None:
        tools = self.tools()
        self.assertEqual(list(tools), ["search", "open", "find", "answer"])
        for name, tool in tools.items():
            self.assertEqual(type(tool).__mro__[-2].__module__, "verl.tools.base_tool")  # the real (stand-in) BaseTool
            schema = tool.tool_schema.model_dump(exclude_unset=True, exclude_none=True)
            self.assertEqual(schema["function"]["name"], name)
            self.assertEqual(schema["function"]["parameters"]["required"], list(schema["function"]["parameters"]["properties"]))

    async def test_16_trajectories_through_the_agent_loop(self) -> None:
        tools = self.tools()

        async def trajectory(i: int):
            if i % 2 == 0:  # an ad-hoc task the model answers right
                kw = {"question": "What is the capital of France?", "ground_truth": ["Paris"], "seed": i}
            else:  # a corpus task drawn by seed from the test split, answered wrong
                kw = {"seed": 1000 + i, "split": "test"}
            agent = AgentData(messages=[{"role": "user", "content": "..."}], tools_kwargs=simweb_verl.tools_kwargs(**kw))
            # turn 1: two parallel calls (max_parallel_calls), the first creates the episode
            first = await asyncio.gather(call_tool(tools, "search", '{"query": "capital France"}', agent),
                                         call_tool(tools, "find", '{"pattern": "x"}', agent))
            opened, _r, _m = await call_tool(tools, "open", '{"url": "1"}', agent)
            answer = "Paris" if i % 2 == 0 else "not the answer"
            done, reward, metrics = await call_tool(tools, "answer", f'{{"answer": "{answer}"}}', agent)
            after, _r2, _m2 = await call_tool(tools, "search", '{"query": "more"}', agent)
            score = simweb_verl.compute_score(data_source="simweb", solution_str="", ground_truth=None, extra_info=extra_fields(agent))
            return first, opened, done, reward, metrics, after, score, agent

        results = await asyncio.gather(*(trajectory(i) for i in range(16)))
        pool = simweb_verl.SimWebEpisodes.for_config(tools["search"].config)
        for i, (first, opened, done, reward, metrics, after, score, agent) in enumerate(results):
            self.assertIn("Search results", first[0][0].text)
            self.assertTrue(opened.text)
            self.assertEqual(metrics["simweb_done"], True)
            self.assertIn("over", after.text)
            self.assertEqual(score["score"], reward)  # the trajectory's reward is the answer's rubric score
            self.assertEqual(len(agent.tool_rewards), 5)
            self.assertIsNone(pool.get(agent.request_id))  # the episode ended and was closed
            if i % 2 == 0:
                self.assertGreater(reward, 0.5, f"trajectory {i}")
        self.assertGreater(min(r[3] for r in results[::2]), max(r[3] for r in results[1::2]))

    async def test_unfinished_trajectory_is_closed_when_its_agent_data_goes(self) -> None:
        tools = self.tools()
        agent = AgentData(messages=[], tools_kwargs=simweb_verl.tools_kwargs(seed=5))
        await call_tool(tools, "search", '{"query": "a"}', agent)
        pool = simweb_verl.SimWebEpisodes.for_config(tools["search"].config)
        key = agent.request_id
        self.assertIsNotNone(pool.get(key))
        del agent
        gc.collect()
        for _ in range(50):
            await asyncio.sleep(0.02)
            if pool.get(key) is None:
                break
        self.assertIsNone(pool.get(key))

    async def test_instance_per_trajectory_rollouts(self) -> None:
        # rollouts that create one instance per trajectory, shared by the tools, then calc_reward and release
        tools = self.tools()
        iid = "traj-1"
        for t in tools.values():
            await t.create(iid, question="Capital of France?", answers=["Paris"])
        await tools["search"].execute(iid, {"query": "France"})
        _resp, reward, _m = await tools["answer"].execute(iid, {"answer": "Paris"})
        self.assertEqual(await tools["answer"].calc_reward(iid), reward)
        self.assertGreater(reward, 0.5)
        for t in tools.values():
            await t.release(iid)


if __name__ == "__main__":
    unittest.main()
