"""The load client of the scale-out test: many concurrent WebSocket sessions and a ``/retrieve`` stream through a
load balancer, every episode with ``SimWebEnv(reconnect=True)``, reported as one JSON document.

Session ``i`` plays episodes with seeds ``(i mod sessions/2) * 1000 + k`` (k = 0, 1, ...): every seed is played by two
sessions, which the balancer spreads over replicas, so the report shows whether the same seed gave the same trajectory
on different replicas. Each episode opens its own connection (as one rollout per environment object does) and runs a
fixed three-step policy. Sessions keep starting episodes until ``--stop-file`` exists (or ``--max-seconds``), then
finish the one they are in. Progress goes to stderr as ``{"done": n}`` lines; the report to ``--out``.

    python3 clients/python/bench/failover_load.py --ws ws://10.0.0.20:8080/ws --http http://10.0.0.20:8080 \\
        --sessions 600 --stop-file /tmp/stop --out report.json
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import http.client
import json
import os
import sys
import threading
import time
from typing import Any, Dict, List, Optional
from urllib.parse import urlparse

from simweb_client import SimWebEnv


def _action(step: int, question: str, first_rank_title: Optional[str]) -> Dict[str, Any]:
    if step == 0:
        return {"name": "search", "arguments": {"query": question}}
    if step == 1:
        return {"name": "open", "arguments": {"id": 1}}
    return {"name": "answer", "arguments": {"answer": first_rank_title or "unknown"}}


async def episode(url: str, seed: int, timeout: float, think: float) -> Dict[str, Any]:
    """One episode; returns what the report keeps of it (or the error that reached the caller)."""
    t0 = time.time()
    env = SimWebEnv(url, reconnect=True, request_timeout=timeout, reconnect_delay=0.2, max_reconnects=10)
    rec: Dict[str, Any] = {"seed": seed, "started": t0}
    try:
        obs, info = await env.reset(seed=seed, split="train")
        rec.update(task_id=info["task_id"], replica_start=info.get("replica"), digest=info.get("corpus_digest"))
        h = hashlib.sha256(json.dumps([obs]).encode())
        title = None
        for step in range(3):
            await asyncio.sleep(think)  # the model's turn: a trainer's session is mostly waiting for its policy
            obs, reward, term, trunc, sinfo = await env.step(_action(step, info["question"], title))
            if step == 0:
                title = (sinfo.get("results") or [{}])[0].get("title")
            h.update(json.dumps([obs, reward, term, trunc]).encode())
            if term or trunc:
                break
        rec.update(done=True, reward=reward, trajectory=h.hexdigest()[:16])
    except Exception as err:  # surfaced to the caller despite reconnect: counted as an error (and a lost episode)
        rec.update(done=False, error=f"{type(err).__name__}: {err}")
    finally:
        rec.update(replica_end=env.replica, reconnects=env.reconnects, reruns=env.reruns, ended=time.time())
        try:
            await env.close()
        except Exception:
            pass
    return rec


async def session(i: int, half: int, url: str, stop: Any, out: List[Dict[str, Any]], timeout: float, think: float) -> None:
    k = 0
    while not stop():
        r = await episode(url, (i % half) * 1000 + k, timeout, think)
        r["session"] = i
        out.append(r)
        k += 1


def retrieve_stream(base: str, stop: Any, report: Dict[str, Any]) -> None:
    """POSTs small /retrieve batches on one keep-alive connection (reopened after an error) until ``stop()``."""
    u = urlparse(base)
    body = json.dumps({"queries": ["history of the city", "founded in", "river"], "topk": 3})
    conn: Optional[http.client.HTTPConnection] = None
    replicas: Dict[str, int] = {}
    per_conn: List[int] = []
    seen: set = set()
    while not stop():
        try:
            if conn is None:
                conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=10)
                if seen:
                    per_conn.append(len(seen))
                seen = set()
            conn.request("POST", "/retrieve", body, {"Content-Type": "application/json"})
            res = conn.getresponse()
            data = res.read()
            rep = res.getheader("X-Simweb-Replica") or "?"
            if res.status == 200 and len(json.loads(data)["result"]) == 3:
                report["ok"] += 1
                replicas[rep] = replicas.get(rep, 0) + 1
                seen.add(rep)
            else:
                report["errors"] += 1
                report.setdefault("statuses", {})[str(res.status)] = report.get("statuses", {}).get(str(res.status), 0) + 1
        except Exception as err:
            report["errors"] += 1
            report.setdefault("exceptions", []).append(f"{type(err).__name__}: {err}"[:200])
            conn = None
            time.sleep(0.05)
    per_conn.append(len(seen))
    report["replicas"] = replicas
    report["max_replicas_on_one_connection"] = max(per_conn) if per_conn else 0


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ws", required=True)
    ap.add_argument("--http", required=True)
    ap.add_argument("--sessions", type=int, default=600)
    ap.add_argument("--stop-file", required=True)
    ap.add_argument("--max-seconds", type=float, default=60.0)
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--think-ms", type=float, default=300.0, help="pause before each step (the policy's turn)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    t0 = time.time()
    stop = lambda: os.path.exists(a.stop_file) or time.time() - t0 > a.max_seconds  # noqa: E731
    episodes: List[Dict[str, Any]] = []
    retrieve: Dict[str, Any] = {"ok": 0, "errors": 0}
    th = threading.Thread(target=retrieve_stream, args=(a.http, stop, retrieve), daemon=True)
    th.start()

    async def progress() -> None:
        while not stop():
            print(json.dumps({"done": sum(1 for e in episodes if e.get("done")), "t": round(time.time() - t0, 2)}), file=sys.stderr, flush=True)
            await asyncio.sleep(0.2)

    prog = asyncio.ensure_future(progress())
    await asyncio.gather(*(session(i, max(1, a.sessions // 2), a.ws, stop, episodes, a.timeout, a.think_ms / 1000) for i in range(a.sessions)))
    prog.cancel()
    th.join(timeout=15)
    with open(a.out, "w") as f:
        json.dump({"sessions": a.sessions, "seconds": time.time() - t0, "episodes": episodes, "retrieve": retrieve}, f)
    print(json.dumps({"finished": len(episodes)}), file=sys.stderr, flush=True)


if __name__ == "__main__":
    asyncio.run(main())
