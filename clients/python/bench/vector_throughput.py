"""Steps per second of ``SimWebVectorEnv`` with N episodes over 1, 4 and 16 connections.

Each round resets all N episodes (in GRPO groups of 8) and steps them four times: search the question,
open the first result, find a word in it, answer. A step is one episode's step; resets are timed
but not counted. Needs a server that lets one client hold N episodes and one connection hold N env_ids:

    npm run simweb -- serve --db corpus.duckdb --port 8080 --faults none \\
        --max-sessions 600 --max-sessions-per-client 600 --max-envs-per-connection 256
    python3 clients/python/bench/vector_throughput.py ws://127.0.0.1:8080/ws --envs 256 --rounds 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any, Dict, List

from simweb_client import AutoresetMode, SimWebVectorEnv


async def run(url: str, envs: int, connections: int, rounds: int, group: int) -> Dict[str, Any]:
    venv = SimWebVectorEnv(url, num_envs=envs, num_connections=connections, group_size=group, autoreset_mode=AutoresetMode.DISABLED)
    steps, step_s, reset_s = 0, 0.0, 0.0
    async with venv:
        for r in range(rounds):
            t0 = time.perf_counter()
            _obs, infos = await venv.reset(seed=r * envs)
            reset_s += time.perf_counter() - t0
            plan: List[List[Any]] = [
                [{"name": "search", "arguments": {"query": q}} for q in infos["question"]],
                [{"name": "open", "arguments": {"id": 1}}] * envs,
                [{"name": "find", "arguments": {"pattern": "the"}}] * envs,
                [{"name": "answer", "arguments": {"answer": "unknown"}}] * envs,
            ]
            done = [False] * envs
            t0 = time.perf_counter()
            for actions in plan:
                actions = [None if d else a for a, d in zip(actions, done)]
                steps += sum(a is not None for a in actions)
                _o, _r, term, trunc, _i = await venv.step(actions)
                done = [a or b for a, b in zip(term, trunc)]
            step_s += time.perf_counter() - t0
    return {"envs": envs, "connections": connections, "steps": steps, "steps_per_s": round(steps / step_s, 1),
            "step_batch_ms": round(1000 * step_s / (rounds * len(plan)), 1), "reset_batch_ms": round(1000 * reset_s / rounds, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("url", nargs="?", default="ws://127.0.0.1:8080/ws")
    ap.add_argument("--envs", type=int, default=256)
    ap.add_argument("--connections", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--group-size", type=int, default=8)
    a = ap.parse_args()
    rows = [asyncio.run(run(a.url, a.envs, c, a.rounds, a.group_size)) for c in a.connections]
    print("| episodes | connections | steps | steps/s | ms per batched step | ms per batched reset |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['envs']} | {r['connections']} | {r['steps']} | {r['steps_per_s']} | {r['step_batch_ms']} | {r['reset_batch_ms']} |")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
