"""Stand-in for openenv.core.generic_client: GenericEnvClient(base_url=...) and its .sync() form, over the port of
OpenEnv's client in test/env/http/fixtures/openenv_client.py (the same messages and parsing)."""
import asyncio

import standins_path  # noqa: F401  (puts the fixtures on sys.path)
import openenv_client


class StepResult:
    def __init__(self, d):
        self.observation = d["observation"]
        self.reward = d["reward"]
        self.done = d["done"]


class _Sync:
    def __init__(self, client):
        self._client = client
        self._loop = asyncio.new_event_loop()

    def __enter__(self):
        self._loop.run_until_complete(self._client.connect())
        return self

    def __exit__(self, *exc):
        self._loop.run_until_complete(self._client.disconnect())
        self._loop.close()

    def reset(self, **kwargs):
        return StepResult(self._loop.run_until_complete(self._client.reset(**kwargs)))

    def step(self, action):
        return StepResult(self._loop.run_until_complete(self._client.step(action)))

    def state(self):
        return self._loop.run_until_complete(self._client.state())


class GenericEnvClient(openenv_client.GenericEnvClient):
    def __init__(self, base_url, **kwargs):
        super().__init__(base_url)

    def sync(self):
        return _Sync(self)
