"""Tests of the Python client against a running simweb server (URL in SIMWEB_URL).

The vitest test test/env/ws/python-client.test.ts starts a server over a small fixed web with tasks
``t-alpha`` (answer 1987) and ``t-beta`` (answer Paris) and runs these tests against it.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import subprocess
import sys
import unittest
from pathlib import Path

from simweb_client import SimWebEnv, SimWebError, SimWebToolEnv

URL = os.environ.get("SIMWEB_URL")
HERE = Path(__file__).resolve().parent


@unittest.skipUnless(URL, "set SIMWEB_URL to a running simweb server")
class SimWebEnvTest(unittest.IsolatedAsyncioTestCase):
    async def test_episode_returns_gymnasium_tuples(self) -> None:
        async with SimWebEnv(URL) as env:
            obs, info = await env.reset(task_id="t-alpha", seed=3)
            self.assertIn("Alpha Corp", obs)
            self.assertEqual(info["task_id"], "t-alpha")
            self.assertEqual([t["function"]["name"] for t in info["tools"]], ["search", "open", "find", "answer"])
            obs, reward, terminated, truncated, info = await env.step({"name": "search", "arguments": '{"query": "Alpha Corp founded"}'})
            self.assertEqual((reward, terminated, truncated), (0.0, False, False))
            self.assertEqual(info["results"][0]["url"], "https://alpha.example/")
            obs, *_ = await env.step({"name": "open", "arguments": {"id": 1}})
            self.assertIn("1987", obs)
            state = await env.state()
            self.assertEqual(state["step_count"], 2)
            obs, reward, terminated, truncated, info = await env.step("<answer>1987</answer>")
            self.assertEqual((reward, terminated, truncated), (1.0, True, False))

    async def test_errors_raise_with_code_and_session_survives(self) -> None:
        env = SimWebEnv(URL)
        with self.assertRaises(SimWebError) as ctx:
            await env.step({"name": "search", "arguments": {"query": "x"}})
        self.assertEqual(ctx.exception.code, "RESET_NEEDED")
        with self.assertRaises(SimWebError) as ctx:
            await env.reset(task_id="no-such-task")
        self.assertEqual(ctx.exception.code, "UNKNOWN_TASK")
        with self.assertRaises(SimWebError) as ctx:
            await env.reset(max_steps=-1)
        self.assertEqual(ctx.exception.code, "VALIDATION_ERROR")
        obs, info = await env.reset(task_id="t-beta")
        self.assertEqual(info["task_id"], "t-beta")
        await env.close()
        await env.close()  # idempotent

    async def test_limits_truncate(self) -> None:
        async with SimWebEnv(URL) as env:
            await env.reset(task_id="t-beta", max_steps=1)
            _obs, reward, terminated, truncated, info = await env.step({"name": "find", "arguments": {"pattern": "x"}})
            self.assertEqual((reward, terminated, truncated), (0.0, False, True))
            self.assertEqual(info["end_reason"], "max_steps")

    async def test_multiplexed_env_ids_share_nothing(self) -> None:
        a = SimWebEnv(URL, env_id="a")
        b = SimWebEnv(URL, env_id="b")
        (_, ia), (_, ib) = await asyncio.gather(a.reset(task_id="t-alpha"), b.reset(task_id="t-beta"))
        self.assertEqual((ia["task_id"], ib["task_id"]), ("t-alpha", "t-beta"))
        await asyncio.gather(a.close(), b.close())


@unittest.skipUnless(URL, "set SIMWEB_URL to a running simweb server")
class SyncTest(unittest.TestCase):
    def test_sync_wrapper(self) -> None:
        with SimWebEnv(URL).sync() as env:
            obs, info = env.reset(task_id="t-beta")
            self.assertIn("Beta Museum", obs)
            _obs, reward, terminated, _truncated, _info = env.step({"text": "<answer>paris</answer>"})
            self.assertEqual((reward, terminated), (1.0, True))
            self.assertTrue(env.state()["done"])


@unittest.skipUnless(URL, "set SIMWEB_URL to a running simweb server")
class ToolEnvTest(unittest.TestCase):
    def test_exposes_exactly_the_four_tools_to_trl(self) -> None:
        env = SimWebToolEnv()
        # TRL >= 1.8's rule (no TRL installed here: get_reward is the reward source); test_trl.py covers <= 1.7
        tools = {n for n, _ in inspect.getmembers(env, predicate=inspect.ismethod) if n not in ("reset", "get_reward") and not n.startswith("_")}
        self.assertEqual(tools, {"search", "open", "find", "answer"})
        for name in tools:
            doc = inspect.getdoc(getattr(env, name)) or ""
            self.assertIn("Args:", doc)
            self.assertEqual(inspect.signature(getattr(env, name)).return_annotation, "str")

    def test_episode_through_tools(self) -> None:
        env = SimWebToolEnv(URL)
        first = env.reset(task_id="t-beta", prompt=[{"role": "user", "content": "ignored"}])
        self.assertIn("Beta Museum", first)
        self.assertIn("beta.example", env.search("Beta Museum Paris"))
        self.assertIn("Paris", env.open("1"))
        self.assertIn("L0", env.find("paris"))
        env.answer("Paris")
        self.assertEqual(env.get_reward(), 1.0)
        with self.assertRaises(ValueError):
            env.search("more")
        # a row with a question and answers runs an ad-hoc task
        env.reset(question="Where is the Beta Museum?", answers=["Paris"])
        env.answer("Rome")
        self.assertEqual(env.get_reward(), 0.0)
        env.close()

    def test_example_runs_16_episodes(self) -> None:
        script = HERE.parent / "examples" / "run_16_episodes.py"
        out = subprocess.run([sys.executable, str(script), URL], capture_output=True, text=True, timeout=120,
                             env={**os.environ, "PYTHONPATH": str(HERE.parent)})
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("16 episodes in", out.stdout)


if __name__ == "__main__":
    unittest.main()
