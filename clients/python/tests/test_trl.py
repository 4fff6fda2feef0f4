"""SimWebToolEnv under TRL's own rules, replayed without TRL installed.

The stand-ins below repeat, line for line in substance, how ``GRPOTrainer`` treats an
``environment_factory`` (trl/trainer/grpo_trainer.py):

- TRL <= 1.7 (v1.7.1, ``__init__``): ``inspect.getmembers(environment, predicate=inspect.ismethod)``;
  ``reset`` is required, every other name not starting with ``_`` is a tool, keyed by ``__name__``;
  reward functions get ``environments=self.environments``.
- TRL >= 1.8 (v1.8.0, PR #6238): the same enumeration on a probe instance, but ``get_reward`` is
  reserved: when present (a bound method) it is added as a reward source named after the class,
  ``[e.get_reward() if type(e) is _env_type else None for e in environments]``; with no reward function
  and no ``get_reward`` it raises "No reward source provided"; per-batch tool dicts leave out
  ``reset`` and ``get_reward``.
"""

from __future__ import annotations

import inspect
import os
import sys
import types
import unittest
import warnings
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple
from unittest import mock

from simweb_client import SimWebToolEnv, simweb_reward_funcs

URL = os.environ.get("SIMWEB_URL")


def trl17_tools(environment: Any) -> Dict[str, Callable[..., Any]]:
    """TRL <= 1.7: the tool dict of one environment."""
    has_reset = False
    methods = []
    for name, member in inspect.getmembers(environment, predicate=inspect.ismethod):
        if name == "reset":
            has_reset = True
        elif not name.startswith("_"):
            methods.append(member)
    if not has_reset:
        raise ValueError("Each environment instance returned by `environment_factory` must define a callable `reset` ")
    return {tool.__name__: tool for tool in methods}


def trl18_init(factory: Callable[[], Any], reward_funcs: Any = None) -> Tuple[List[Callable[..., Any]], List[str], Dict[str, Callable[..., Any]]]:
    """TRL >= 1.8: (reward_funcs, reward_func_names, probe tools) as ``GRPOTrainer.__init__`` builds them."""
    if reward_funcs is None:
        reward_funcs = []
    elif not isinstance(reward_funcs, list):
        reward_funcs = [reward_funcs]
    names = [f.__name__ for f in reward_funcs]
    instance = factory()
    has_reset = has_reward = False
    methods = []
    for member_name, member in inspect.getmembers(instance, predicate=inspect.ismethod):
        if member_name == "reset":
            has_reset = True
        elif member_name == "get_reward":
            has_reward = True
        elif not member_name.startswith("_"):
            methods.append(member)
    if not has_reset:
        raise ValueError("Each environment instance returned by `environment_factory` must define a callable `reset`.")
    if has_reward:
        env_type = type(instance)
        if inspect.iscoroutinefunction(instance.get_reward):
            raise AssertionError("SimWebToolEnv.get_reward is sync")

        def get_reward(environments: List[Any], _env_type: type = env_type, **kwargs: Any) -> List[Any]:
            return [e.get_reward() if type(e) is _env_type else None for e in environments]

        reward_funcs.append(get_reward)
        names.append(env_type.__name__)
    if not reward_funcs:
        raise ValueError("No reward source provided. Pass `reward_funcs`, or an `environment_factory` whose environment defines a `get_reward` method.")
    return reward_funcs, names, {m.__name__: m for m in methods}


def trl18_batch_tools(environment: Any) -> Dict[str, Callable[..., Any]]:
    """TRL >= 1.8: the per-rollout tool dict built in ``_generate_and_score_completions``."""
    return {
        member.__name__: member
        for member_name, member in inspect.getmembers(environment, predicate=inspect.ismethod)
        if member_name not in ("reset", "get_reward") and not member_name.startswith("_")
    }


def as_trl(version: Tuple[int, int]) -> Any:
    return mock.patch("simweb_client.trl._installed_trl_version", return_value=version)


TOOLS = {"search", "open", "find", "answer"}


class TrlRulesTest(unittest.TestCase):
    def test_trl17_sees_exactly_the_four_tools(self) -> None:
        with as_trl((1, 7)):
            env = SimWebToolEnv()
            self.assertEqual(set(trl17_tools(env)), TOOLS)
            self.assertEqual(len(simweb_reward_funcs()), 1)
            self.assertEqual(env.get_reward(), 0.0)  # still callable for the reward function

    def test_trl18_finds_get_reward_as_the_reward_source(self) -> None:
        for version in [(1, 8), (1, 9), (2, 0), None]:
            with self.subTest(version=version), as_trl(version):  # type: ignore[arg-type]
                funcs, names, tools = trl18_init(SimWebToolEnv, simweb_reward_funcs())
                self.assertEqual(names, ["SimWebToolEnv"])  # one column, no double counting
                self.assertEqual(set(tools), TOOLS)
                self.assertEqual(set(trl18_batch_tools(SimWebToolEnv())), TOOLS)

    def test_trl18_would_refuse_a_hidden_get_reward(self) -> None:
        class Hidden(SimWebToolEnv):
            def __init__(self) -> None:
                super().__init__()
                self.get_reward = lambda: 0.0  # type: ignore[method-assign]

        with as_trl((1, 8)), self.assertRaisesRegex(ValueError, "No reward source provided"):
            trl18_init(Hidden)

    def test_tool_docstrings_describe_every_argument(self) -> None:
        env = SimWebToolEnv()
        for name in TOOLS:
            fn = getattr(env, name)
            doc = inspect.getdoc(fn) or ""
            for param in inspect.signature(fn).parameters:
                self.assertRegex(doc, rf"\n\s*{param}: ", f"{name}({param}) needs an Args entry")
            self.assertEqual(inspect.signature(fn).return_annotation, "str")


class _Recorder:
    """Stands in for the sync client: records what SimWebToolEnv sends."""

    def __init__(self, unknown: Tuple[str, ...] = ()) -> None:
        self.resets: List[Dict[str, Any]] = []
        self.steps: List[Dict[str, Any]] = []
        self.unknown = unknown

    def reset(self, **kwargs: Any) -> Tuple[str, Dict[str, Any]]:
        from simweb_client import SimWebError

        self.resets.append(kwargs)
        if kwargs.get("task_id") in self.unknown:
            raise SimWebError("UNKNOWN_TASK", "no such task")
        return "Question: ?", {}

    def step(self, action: Dict[str, Any]) -> Tuple[str, float, bool, bool, Dict[str, Any]]:
        self.steps.append(action)
        return "ok", 0.0, False, False, {}


class ToolArgumentsTest(unittest.TestCase):
    def env(self, rec: _Recorder) -> SimWebToolEnv:
        env = SimWebToolEnv()
        env._env = rec  # type: ignore[assignment]
        return env

    def test_open_takes_an_integer_rank_and_answer_takes_citations(self) -> None:
        rec = _Recorder()
        env = self.env(rec)
        env.reset(task_id="t")
        env.open(2)
        env.open("3")
        env.open("https://a.example/")
        env.answer("Paris", citations=["https://beta.example/"])
        env.done = False
        env.answer("Paris", citations="https://beta.example/")  # type: ignore[arg-type]
        env.done = False
        env.answer("Paris")
        self.assertEqual(
            [s["arguments"] for s in rec.steps],
            [
                {"id": 2},
                {"id": 3},
                {"url": "https://a.example/"},
                {"answer": "Paris", "citations": ["https://beta.example/"]},
                {"answer": "Paris", "citations": ["https://beta.example/"]},
                {"answer": "Paris"},
            ],
        )

    def test_a_row_id_selects_the_task(self) -> None:
        rec = _Recorder(unknown=("custom-7",))
        env = self.env(rec)
        env.reset(id="t-beta", question="Where?", answers=["Paris"], gold_urls=["https://beta.example/"], prompt=[])
        self.assertEqual(rec.resets[-1], {"task_id": "t-beta"})
        env.reset(task_id="t-alpha", id="row-1")
        self.assertEqual(rec.resets[-1], {"task_id": "t-alpha"})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            env.reset(id="custom-7", question="Where?", answers="Paris")
        self.assertEqual(rec.resets[-1], {"task": {"question": "Where?", "answers": ["Paris"], "id": "custom-7"}})
        self.assertIn("not a task of the server", str(caught[0].message))
        from simweb_client import SimWebError

        with self.assertRaises(SimWebError):
            env.reset(id="custom-7")  # no question to fall back on


ROOT = Path(__file__).resolve().parents[3]


def readme_trl_snippet() -> str:
    """The TRL code block of the repository README's drop-in section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### TRL `environment_factory`") :]
    start = section.index("```python\n") + 10
    return section[start : section.index("\n```", start)]


class ReadmeSnippetTest(unittest.TestCase):
    def test_the_readme_snippet_builds_a_trainer_under_both_rules(self) -> None:
        built: List[Any] = []

        class GRPOTrainer:  # the stand-in: each TRL version's environment_factory handling
            def __init__(self, model: Any, train_dataset: Any, reward_funcs: Any, environment_factory: Any, args: Any) -> None:
                from simweb_client.trl import trl_owns_reward_via_get_reward

                if trl_owns_reward_via_get_reward():
                    built.append(("1.8", trl18_init(environment_factory, reward_funcs)[1:]))
                else:
                    built.append(("1.7", sorted(trl17_tools(environment_factory())), [f.__name__ for f in reward_funcs]))

        fake_trl = types.ModuleType("trl")
        fake_trl.GRPOTrainer = GRPOTrainer  # type: ignore[attr-defined]
        fake_trl.GRPOConfig = lambda **kw: kw  # type: ignore[attr-defined]
        fake_datasets = types.ModuleType("datasets")  # the snippet builds its rows with datasets.Dataset.from_list
        fake_datasets.Dataset = types.SimpleNamespace(from_list=list)  # type: ignore[attr-defined]
        saved = SimWebToolEnv.url
        try:
            with mock.patch.dict(sys.modules, {"trl": fake_trl, "datasets": fake_datasets}):
                for version in [(1, 7), (1, 8)]:
                    with as_trl(version):
                        exec(readme_trl_snippet(), {"dataset": [{"prompt": [], "id": "t-beta"}]})
        finally:
            SimWebToolEnv.url = saved
        self.assertEqual(built[0], ("1.7", sorted(TOOLS), ["simweb_reward"]))
        self.assertEqual(built[1][0], "1.8")
        self.assertEqual(built[1][1][0], ["SimWebToolEnv"])
        self.assertEqual(set(built[1][1][1]), TOOLS)


@unittest.skipUnless(URL, "set SIMWEB_URL to a running simweb server")
class TrlLiveTest(unittest.TestCase):
    def test_a_grpo_step_under_trl18_rules(self) -> None:
        with as_trl((1, 8)):
            funcs, _names, _tools = trl18_init(lambda: SimWebToolEnv(URL), simweb_reward_funcs())
            rows = [{"prompt": [{"role": "user", "content": "q"}], "id": "t-beta"}, {"prompt": [], "id": "t-alpha"}]
            envs = [SimWebToolEnv(URL) for _ in rows]
            for env, row in zip(envs, rows):
                self.assertIn("Question", env.reset(**row))
            self.assertEqual([e.info["task_id"] for e in envs], ["t-beta", "t-alpha"])
            tools = [trl18_batch_tools(e) for e in envs]
            self.assertIn("Paris", tools[0]["search"]("Beta Museum Paris") + tools[0]["open"](1))
            tools[0]["answer"]("Paris", citations=["https://beta.example/"])
            tools[1]["answer"]("1999")
            self.assertEqual(funcs[0](environments=envs, prompts=[], completions=[]), [1.0, 0.0])
            for e in envs:
                e.close()

    def test_a_grpo_step_under_trl17_rules(self) -> None:
        with as_trl((1, 7)):
            env = SimWebToolEnv(URL)
            tools = trl17_tools(env)
            env.reset(id="t-beta")
            tools["answer"]("paris")
            self.assertEqual([f(environments=[env]) for f in simweb_reward_funcs()], [[1.0]])
            env.close()


if __name__ == "__main__":
    unittest.main()
