"""SimWebVectorEnv against a real server on the generated world (``SIMWEB_WORLD_URL``)."""

from __future__ import annotations

import asyncio
import unittest
from typing import Any, Dict, List, Optional

from simweb_client import AutoresetMode, SimWebEnv, SimWebError, SimWebVectorEnv

from world import WORLD_URL, scripted_action, stable, trajectory_row

N = 16
GROUP = 4


def _unbatch(infos: Dict[str, Any], i: int) -> Dict[str, Any]:
    """Env ``i``'s info out of batched infos (the keys its mask marks)."""
    out: Dict[str, Any] = {}
    for k, v in infos.items():
        if k.startswith("_") or not infos.get(f"_{k}", [False] * N)[i]:
            continue
        out[k] = _unbatch(v, i) if isinstance(v, dict) else v[i]
    return out


async def vector_trajectories(num_connections: int) -> List[List[Any]]:
    async with SimWebVectorEnv(WORLD_URL, num_envs=N, num_connections=num_connections, group_size=GROUP,
                               autoreset_mode=AutoresetMode.DISABLED, env_id_prefix=f"det{num_connections}-") as envs:
        obs, infos = await envs.reset(seed=100)
        rows: List[List[Any]] = [[["reset", obs[i], stable(_unbatch(infos, i))]] for i in range(N)]
        questions = list(infos["question"])
        last: List[Dict[str, Any]] = [{} for _ in range(N)]
        for step in range(3):
            actions = [scripted_action(step, questions[i], last[i]) for i in range(N)]
            obs, rewards, term, trunc, infos = await envs.step(actions)
            for i in range(N):
                info = _unbatch(infos, i)
                if step == 0:
                    first = (info.get("results") or [{}])[0]
                    info_for_policy = {"title": first.get("title")}
                    last[i] = info_for_policy
                rows[i].append(trajectory_row(obs[i], rewards[i], term[i], trunc[i], info))
        return rows


async def single_trajectories() -> List[List[Any]]:
    """The same episodes one by one with SimWebEnv: a group's first env draws the task by seed, the rest join it."""
    rows: List[List[Any]] = []
    task = None
    for i in range(N):
        async with SimWebEnv(WORLD_URL) as env:
            if i % GROUP == 0:
                obs, info = await env.reset(seed=100 + i)
                task = info["task_id"]
            else:
                obs, info = await env.reset(seed=100 + i, task_id=task)
            row: List[Any] = [["reset", obs, stable(info)]]
            last: Dict[str, Any] = {}
            for step in range(3):
                o, r, te, tr, inf = await env.step(scripted_action(step, info["question"], last))
                if step == 0:
                    last = {"title": ((inf.get("results") or [{}])[0]).get("title")}
                row.append(trajectory_row(o, r, te, tr, inf))
            rows.append(row)
    return rows


@unittest.skipUnless(WORLD_URL, "set SIMWEB_WORLD_URL to a simweb server on the generated world")
class DeterminismTest(unittest.IsolatedAsyncioTestCase):
    async def test_same_seeds_same_trajectories_at_1_and_16_envs_per_connection(self) -> None:
        sixteen_per_conn = await vector_trajectories(1)
        one_per_conn = await vector_trajectories(16)
        single = await single_trajectories()
        self.assertEqual(len(sixteen_per_conn), N)
        self.assertEqual(sixteen_per_conn, one_per_conn)
        self.assertEqual(sixteen_per_conn, single)
        # the trajectories did something: every episode searched, opened and answered
        self.assertTrue(all(r[3][2] for r in single))
        self.assertEqual(len({r[0][2]["task_id"] for r in single}), len({r[0][2]["task_id"] for r in single[::GROUP]}))


@unittest.skipUnless(WORLD_URL, "set SIMWEB_WORLD_URL to a simweb server on the generated world")
class VectorSemanticsTest(unittest.IsolatedAsyncioTestCase):
    async def test_groups_share_a_task_with_their_own_seeds(self) -> None:
        async with SimWebVectorEnv(WORLD_URL, num_envs=8, group_size=4, num_connections=2) as envs:
            obs, infos = await envs.reset(seed=7)
            self.assertEqual(len(obs), 8)
            self.assertEqual(infos["_task_id"], [True] * 8)
            self.assertEqual(len(set(infos["task_id"][:4])), 1)
            self.assertEqual(len(set(infos["task_id"][4:])), 1)
            self.assertEqual(infos["seed"], list(range(7, 15)))
            # named tasks: one per group
            tasks = [infos["task_id"][4], infos["task_id"][0]]
            _obs, infos = await envs.reset(seed=[1, 2, 3, 4, 5, 6, 7, 8], tasks=tasks)
            self.assertEqual(infos["task_id"], [tasks[0]] * 4 + [tasks[1]] * 4)
            # an ad-hoc task for every group
            _obs, infos = await envs.reset(options={"tasks": [{"question": "Capital of France?", "answers": ["Paris"]}] * 2})
            self.assertTrue(all(t.startswith("adhoc:") for t in infos["task_id"]))
            _o, rewards, term, trunc, _i = await envs.step(["<answer>Paris</answer>"] * 4 + ["<answer>Rome</answer>"] * 4)
            self.assertEqual(rewards[:4], [rewards[0]] * 4)
            self.assertGreater(rewards[0], rewards[4])
            self.assertEqual(term, [True] * 8)
            self.assertEqual(trunc, [False] * 8)

    async def test_next_step_autoreset(self) -> None:
        async with SimWebVectorEnv(WORLD_URL, num_envs=2) as envs:
            self.assertEqual(envs.metadata["autoreset_mode"], AutoresetMode.NEXT_STEP)
            with self.assertRaises(SimWebError) as ctx:
                await envs.step(["x", "y"])
            self.assertEqual(ctx.exception.code, "RESET_NEEDED")
            _obs, infos = await envs.reset(seed=3)
            first_task = infos["task_id"][0]
            obs, rewards, term, _tr, infos = await envs.step(["<answer>x</answer>", {"name": "find", "arguments": {"pattern": "a"}}])
            self.assertEqual(term, [True, False])
            self.assertEqual(infos["_end_reason"], [True, False])
            # the next step resets env 0 (its action ignored) and steps env 1
            obs, rewards, term, trunc, infos = await envs.step([{"name": "find", "arguments": {"pattern": "ignored"}}, "<answer>y</answer>"])
            self.assertIn("question", infos)
            self.assertEqual(infos["_question"], [True, False])
            self.assertEqual(infos["seed"][0], 3 + 2)  # the slot's next seed: seed + num_envs
            self.assertEqual((rewards[0], term[0], trunc[0]), (0.0, False, False))
            self.assertEqual(term[1], True)
            self.assertIsInstance(first_task, str)
            with self.assertRaises(ValueError):
                await envs.step(["only one"])

    async def test_same_step_autoreset_reports_final_obs_and_info(self) -> None:
        async with SimWebVectorEnv(WORLD_URL, num_envs=2, autoreset_mode="SameStep", max_steps=1) as envs:
            await envs.reset(seed=11)
            obs, rewards, term, trunc, infos = await envs.step(["<answer>x</answer>", {"name": "find", "arguments": {"pattern": "a"}}])
            self.assertEqual((term, trunc), ([True, False], [False, True]))
            self.assertEqual(infos["_final_obs"], [True, True])
            self.assertEqual(infos["final_info"]["_end_reason"], [True, True])
            self.assertEqual(infos["final_info"]["end_reason"][1], "max_steps")
            self.assertEqual(infos["_question"], [True, True])  # the new episodes' reset infos
            self.assertTrue(all(o.startswith(q[:20]) or q[:20] in o for o, q in zip(obs, infos["question"])))
            _o, _r, term, trunc, _i = await envs.step([{"name": "find", "arguments": {"pattern": "a"}}] * 2)
            self.assertEqual(trunc, [True, True])  # the new episodes run (max_steps=1 ends them again)

    async def test_disabled_autoreset_skips_none_and_reset_mask(self) -> None:
        async with SimWebVectorEnv(WORLD_URL, num_envs=3, autoreset_mode=AutoresetMode.DISABLED) as envs:
            obs0, _ = await envs.reset(seed=21)
            obs, rewards, term, _tr, infos = await envs.step(["<answer>x</answer>", None, {"name": "find", "arguments": {"pattern": "a"}}])
            self.assertEqual(term, [True, False, False])
            self.assertEqual(obs[1], obs0[1])
            self.assertEqual(infos["_step"], [True, False, True])
            with self.assertRaises(ValueError):
                await envs.step(["<answer>again</answer>", None, None])
            obs, infos = await envs.reset(seed=[50, None, None], options={"reset_mask": [True, False, False]})
            self.assertEqual(infos["_task_id"], [True, False, False])
            self.assertEqual(infos["seed"][0], 50)
            _o, _r, term, _tr, _i = await envs.step(["<answer>x</answer>", None, None])
            self.assertEqual(term, [True, False, False])

    def test_sync_twin(self) -> None:
        with SimWebVectorEnv(WORLD_URL, num_envs=4, group_size=2).sync() as envs:
            obs, infos = envs.reset(seed=5)
            self.assertEqual(envs.num_envs, 4)
            _o, rewards, term, _tr, _i = envs.step(["<answer>x</answer>"] * 4)
            self.assertEqual(term, [True] * 4)

    async def test_256_episodes_on_one_connection(self) -> None:
        async with SimWebVectorEnv(WORLD_URL, num_envs=256, num_connections=1, group_size=8, autoreset_mode="Disabled") as envs:
            obs, infos = await envs.reset(seed=0)
            self.assertEqual(len(set(infos["task_id"])), len(set(infos["task_id"][::8])))
            _o, _r, term, _t, _i = await envs.step([{"name": "answer", "arguments": {"answer": "x"}}] * 256)
            self.assertEqual(sum(term), 256)


class ValidationTest(unittest.TestCase):
    def test_arguments(self) -> None:
        with self.assertRaises(ValueError):
            SimWebVectorEnv("ws://127.0.0.1:1/ws", num_envs=6, group_size=4)
        with self.assertRaises(ValueError):
            SimWebVectorEnv("ws://127.0.0.1:1/ws", num_envs=2, num_connections=3)
        self.assertEqual(SimWebVectorEnv("ws://127.0.0.1:1/ws", num_envs=256).num_connections, 4)


if __name__ == "__main__":
    unittest.main()
