"""SimWebEnv(reconnect=True) when its connection dies mid-episode.

A TCP proxy in this test stands in for a load balancer in front of two replicas of one corpus
(``SIMWEB_WORLD_URL`` and ``SIMWEB_WORLD_URL_2``, started by test/env/ws/python-client.test.ts): new connections
go to the replicas in turn, and ``cut()`` aborts every connection it carries, as a ``kill -9`` of a replica does.
"""

from __future__ import annotations

import asyncio
import os
import unittest
from typing import Any, Dict, List, Optional, Set, Tuple
from urllib.parse import urlparse

from simweb_client import SimWebEnv, SimWebError
from simweb_client.replay import EpisodeRecord

from world import WORLD_URL, scripted_action

WORLD_URL_2: Optional[str] = os.environ.get("SIMWEB_WORLD_URL_2")


class CuttingProxy:
    """Round-robin TCP proxy over backends; ``cut()`` resets every open connection (no close frame reaches the client)."""

    def __init__(self, backends: List[Tuple[str, int]]) -> None:
        self.backends = backends
        self.next = 0
        self.open: Set[asyncio.StreamWriter] = set()
        self.server: Optional[asyncio.AbstractServer] = None

    async def start(self) -> str:
        self.server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"ws://127.0.0.1:{port}/ws"

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host, port = self.backends[self.next % len(self.backends)]
        self.next += 1
        up_reader, up_writer = await asyncio.open_connection(host, port)
        self.open.update((writer, up_writer))

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                self.open.discard(dst)
                dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    def cut(self) -> None:
        for w in list(self.open):
            w.transport.abort()
        self.open.clear()

    async def close(self) -> None:
        self.cut()
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()


def _backend(url: str) -> Tuple[str, int]:
    u = urlparse(url)
    return u.hostname or "127.0.0.1", u.port or 80


async def _episode(url: str, seed: int, cut_after: Optional[int] = None, proxy: Optional[CuttingProxy] = None, **kw: Any) -> Tuple[List[Any], SimWebEnv, Any]:
    """The scripted three-step episode; with ``cut_after=k`` the proxy cuts every connection after step k."""
    env = SimWebEnv(url, **kw)
    rows: List[Any] = []
    try:
        obs, info = await env.reset(seed=seed, split="train")
        first = info.get("replica")
        rows.append(obs)
        last: Dict[str, Any] = {}
        for step in range(3):
            if cut_after is not None and step == cut_after and proxy is not None:
                proxy.cut()
            obs, reward, term, trunc, info = await env.step(scripted_action(step, info["question"] if step == 0 else "", last))
            if step == 0:
                last = {"title": (info.get("results") or [{}])[0].get("title")}
            rows.append([obs, reward, term, trunc])
    finally:
        await env.close()
    return rows, env, first


@unittest.skipUnless(WORLD_URL and WORLD_URL_2, "set SIMWEB_WORLD_URL and SIMWEB_WORLD_URL_2 to two replicas of one corpus")
class ReconnectTest(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self) -> None:
        self.proxy = CuttingProxy([_backend(WORLD_URL or ""), _backend(WORLD_URL_2 or "")])
        self.url = await self.proxy.start()

    async def asyncTearDown(self) -> None:
        await self.proxy.close()

    async def test_a_cut_mid_episode_is_rerun_on_the_other_replica_with_the_same_trajectory(self) -> None:
        want, _, _ = await _episode(WORLD_URL or "", seed=21)
        for cut_after in (1, 2):
            got, env, first = await _episode(self.url, seed=21, cut_after=cut_after, proxy=self.proxy, reconnect=True, reconnect_delay=0.05)
            self.assertEqual(got, want, f"cut after step {cut_after}")
            self.assertEqual((env.reconnects, env.reruns), (1, 1))
            # round robin over the two replicas: the episode began on one and was re-run on the other
            self.assertEqual((first, env.replica), ("py-a", "py-b"))

    async def test_without_reconnect_the_client_sees_a_clean_session_error(self) -> None:
        with self.assertRaises(SimWebError) as ctx:
            await _episode(self.url, seed=21, cut_after=1, proxy=self.proxy)
        self.assertEqual(ctx.exception.code, "SESSION_ERROR")
        self.assertIn("connection closed", ctx.exception.message)

    async def test_a_lost_reset_is_sent_again_and_unreachable_gives_up_with_session_error(self) -> None:
        env = SimWebEnv(self.url, reconnect=True, reconnect_delay=0.05)
        await env.connect()
        self.proxy.cut()
        _obs, info = await env.reset(seed=5, split="train")
        self.assertEqual(env.reconnects, 1)
        self.assertIn(info["replica"], ("py-a", "py-b"))
        await env.close()
        dead = SimWebEnv("ws://127.0.0.1:9/ws", reconnect=True, max_reconnects=2, reconnect_delay=0.01)
        with self.assertRaises(SimWebError) as ctx:
            await dead.reset(seed=1)
        self.assertEqual(ctx.exception.code, "SESSION_ERROR")


class EpisodeRecordTest(unittest.TestCase):
    def test_refuses_another_corpus_and_a_diverging_replay(self) -> None:
        rec = EpisodeRecord({"seed": 1}, {"corpus_digest": "sha256:aaaa", "replica": "r1"})
        rec.check_reset({"corpus_digest": "sha256:aaaa", "replica": "r2"})
        with self.assertRaises(SimWebError) as ctx:
            rec.check_reset({"corpus_digest": "sha256:bbbb", "replica": "r3"})
        self.assertEqual(ctx.exception.code, "CORPUS_MISMATCH")
        rec.add({"name": "search"}, {"observation": "o", "reward": 0.0, "terminated": False, "truncated": False})
        rec.check_step(0, {"observation": "o", "reward": 0.0, "terminated": False, "truncated": False, "info": {"replica": "r2"}})
        with self.assertRaises(SimWebError) as ctx:
            rec.check_step(0, {"observation": "other", "reward": 0.0, "terminated": False, "truncated": False})
        self.assertEqual(ctx.exception.code, "REPLAY_MISMATCH")


if __name__ == "__main__":
    unittest.main()
