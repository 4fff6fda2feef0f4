"""Stand-in for TRL's GRPOTrainer (README examples only).

Replays what GRPOTrainer does with `environment_factory` for one batch: one environment per row,
`reset(**row)` (every dataset column as a keyword argument), the environment's public methods except
`reset` offered as tools, one tool call, then `reward_funcs(environments=..., **columns)`, or, with no
reward function, each environment's `get_reward()` (TRL >= 1.8's reward source).
"""
import inspect


class GRPOConfig:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


class GRPOTrainer:
    def __init__(self, model, train_dataset, reward_funcs, environment_factory=None, args=None, **kwargs):
        rows = list(train_dataset)
        envs = [environment_factory() for _ in rows]
        for env, row in zip(envs, rows):
            env.reset(**row)
            tools = [n for n, m in inspect.getmembers(env, inspect.ismethod) if not n.startswith("_") and n != "reset"]
            if "search" not in tools:
                raise RuntimeError("environment has no search tool: %r" % tools)
            env.search(query=row.get("question") or "founded")
        funcs = reward_funcs if isinstance(reward_funcs, list) else [reward_funcs]
        self.rewards = [f(environments=envs, prompts=[r.get("prompt") for r in rows]) for f in funcs]
        if not funcs:  # TRL >= 1.8: the environment's own get_reward() is the reward source
            self.rewards = [[env.get_reward() for env in envs]]
        for r in self.rewards:
            if len(r) != len(rows) or not all(isinstance(x, (int, float)) for x in r):
                raise RuntimeError("reward function returned %r" % (r,))
        for env in envs:
            close = getattr(env, "close", None)
            if close is not None:
                close()
        print("trainer stand-in: rewards", self.rewards)

    def train(self):
        return None
