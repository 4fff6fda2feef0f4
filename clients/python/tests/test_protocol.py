"""The client's protocol check: unit cases, a server speaking another version, and the real server's version."""

from __future__ import annotations

import asyncio
import json
import unittest
import urllib.request
import warnings

import websockets

import simweb_client
from simweb_client import PROTOCOL_VERSION, SimWebEnv, SimWebError, SimWebVectorEnv, check_protocol

from world import WORLD_URL


class CheckProtocolTest(unittest.TestCase):
    def test_rule(self) -> None:
        major, minor = map(int, PROTOCOL_VERSION.split("."))
        self.assertTrue(simweb_client.__version__.startswith(PROTOCOL_VERSION + "."))
        check_protocol(PROTOCOL_VERSION)
        check_protocol(f"{major}.{minor + 3}")  # a newer minor only adds
        for bad in (f"{major + 1}.0", f"{major - 1}.9", "garbage"):
            with self.assertRaises(SimWebError) as ctx:
                check_protocol(bad)
            self.assertEqual(ctx.exception.code, "PROTOCOL_MISMATCH")
        if minor > 0:
            with self.assertRaises(SimWebError):
                check_protocol(f"{major}.{minor - 1}")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            check_protocol(None)
        self.assertEqual(len(caught), 1)


class ConnectTimeCheckTest(unittest.IsolatedAsyncioTestCase):
    async def test_a_server_of_another_major_version_is_refused_at_connect(self) -> None:
        async def handler(ws, *_path) -> None:  # websockets 10-13 pass (ws, path), newer (ws)
            async for _ in ws:
                await ws.send(json.dumps({"type": "error", "data": {"code": "UNKNOWN_TYPE", "message": "never reached"}}))

        major = int(PROTOCOL_VERSION.split(".")[0])
        async with websockets.serve(handler, "127.0.0.1", 0, extra_headers={"X-Simweb-Protocol": f"{major + 1}.0"}) as server:  # type: ignore[call-arg]
            port = next(iter(server.sockets)).getsockname()[1]
            url = f"ws://127.0.0.1:{port}/ws"
            with self.assertRaises(SimWebError) as ctx:
                await SimWebEnv(url).reset(seed=1)
            self.assertEqual(ctx.exception.code, "PROTOCOL_MISMATCH")
            self.assertIn(f"{major + 1}.0", ctx.exception.message)
            envs = SimWebVectorEnv(url, num_envs=2)
            with self.assertRaises(SimWebError) as ctx:
                await envs.reset(seed=1)
            self.assertEqual(ctx.exception.code, "PROTOCOL_MISMATCH")
            await envs.close()

    @unittest.skipUnless(WORLD_URL, "set SIMWEB_WORLD_URL to a simweb server on the generated world")
    async def test_the_real_server_speaks_this_clients_protocol(self) -> None:
        health_url = WORLD_URL.replace("ws://", "http://").rsplit("/ws", 1)[0] + "/healthz"
        health = json.loads(await asyncio.to_thread(lambda: urllib.request.urlopen(health_url, timeout=10).read()))
        self.assertEqual(health["protocol_version"], PROTOCOL_VERSION)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no "did not send X-Simweb-Protocol" warning
            async with SimWebEnv(WORLD_URL) as env:
                await env.reset(seed=1)


if __name__ == "__main__":
    unittest.main()
