"""Gymnasium's vector ``infos``: one dict whose every key holds a value per sub-environment, plus a ``_key`` mask.

Mirrors ``gymnasium.vector.VectorEnv._add_info`` without NumPy: a key's values are a list of length
``num_envs`` (0 / 0.0 / False for numbers and booleans where an env did not report it, else None),
nested dicts are batched recursively, and ``infos["_key"][i]`` says whether env ``i`` reported ``key``.
``to_numpy`` turns the lists into the arrays Gymnasium itself would hold.
"""

from __future__ import annotations

from typing import Any, Dict, List

VectorInfos = Dict[str, Any]
"""``{key: [value of env 0, ..., value of env N-1], "_key": [bool, ...], ...}``."""


def add_info(infos: VectorInfos, env_info: Dict[str, Any], env_num: int, num_envs: int) -> VectorInfos:
    """Adds the ``info`` of env ``env_num`` to the batched ``infos`` (in place) and returns it."""
    for key, value in env_info.items():
        if isinstance(value, dict):  # final_info too, as Gymnasium batches it
            batched: Any = add_info(infos.get(key, {}), value, env_num, num_envs)
        else:
            batched = infos.get(key)
            if batched is None:
                fill = type(value)() if type(value) in (int, float, bool) else None
                batched = [fill] * num_envs
            batched[env_num] = value
        mask: List[bool] = infos.get(f"_{key}") or [False] * num_envs
        mask[env_num] = True
        infos[key], infos[f"_{key}"] = batched, mask
    return infos


def to_numpy(infos: VectorInfos) -> VectorInfos:
    """The same infos with NumPy arrays, as Gymnasium holds them (numbers typed, other values ``dtype=object``)."""
    import numpy as np

    out: VectorInfos = {}
    for key, value in infos.items():
        if isinstance(value, dict):
            out[key] = to_numpy(value)
            continue
        kinds = {type(v) for v in value if v is not None}
        if key.startswith("_") or (len(kinds) == 1 and kinds <= {int, float, bool} and None not in value):
            out[key] = np.asarray(value)
        else:
            arr = np.empty(len(value), dtype=object)
            arr[:] = value
            out[key] = arr
    return out
