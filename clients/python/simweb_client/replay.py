"""What a client keeps of its running episode to re-run it on a new connection after the old one broke.

An episode is a pure function of its seed, task and actions on a given corpus (``DESIGN.md``: every draw is
seeded), so re-sending the reset (with the seed the server reported) and the same actions to any replica of
the same corpus gives the same observations. The record checks that they do and that the corpus digest matches.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from .errors import SimWebError

RETRYABLE_REFUSALS = ("CAPACITY_REACHED", "CLIENT_LIMIT", "OVERLOADED")
"""Refusals a re-run waits out (``retry_after``) instead of failing: a surviving replica may be briefly full."""


def outcome_key(data: Dict[str, Any]) -> Tuple[Any, ...]:
    """What must be the same when a step is replayed: observation, reward and end flags (not the replica or ids)."""
    return (data.get("observation"), data.get("reward"), data.get("terminated"), data.get("truncated"))


class EpisodeRecord:
    """The reset and the steps of the running episode, as sent and as answered.

    Args:
        reset: The data of the ``reset`` message, with the seed the server reported (so a re-run draws the same task).
        info: The reset's info (``corpus_digest``, ``replica`` when the server sends them).
    """

    def __init__(self, reset: Dict[str, Any], info: Dict[str, Any]) -> None:
        self.reset = reset
        self.corpus_digest: Optional[str] = info.get("corpus_digest")
        self.replica: Optional[str] = info.get("replica")
        self.steps: List[Tuple[Dict[str, Any], Tuple[Any, ...]]] = []

    def add(self, step: Dict[str, Any], reply: Dict[str, Any]) -> None:
        """Records a step that was answered."""
        self.steps.append((step, outcome_key(reply)))

    def check_reset(self, info: Dict[str, Any]) -> None:
        """Raises ``CORPUS_MISMATCH`` when the new replica serves another corpus than the one the episode began on."""
        digest = info.get("corpus_digest")
        if self.corpus_digest is not None and digest != self.corpus_digest:
            raise SimWebError(
                "CORPUS_MISMATCH",
                f"the episode began on corpus {self.corpus_digest} (replica {self.replica}); the new connection's replica "
                f"{info.get('replica')} serves {digest}: it cannot be re-run there",
            )

    def check_step(self, index: int, reply: Dict[str, Any]) -> None:
        """Raises ``REPLAY_MISMATCH`` when a replayed step's outcome differs from the one seen before the loss."""
        if outcome_key(reply) != self.steps[index][1]:
            raise SimWebError("REPLAY_MISMATCH", f"step {index} of the re-run episode differs from the one seen before the connection was lost")
