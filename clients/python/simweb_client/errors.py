"""Errors raised by the simweb client."""

from __future__ import annotations


class SimWebError(Exception):
    """An error reply from the server (or a lost connection), with the server's stable code.

    Codes: INVALID_JSON, UNKNOWN_TYPE, VALIDATION_ERROR, RESET_NEEDED, EXECUTION_ERROR,
    CAPACITY_REACHED, CLIENT_LIMIT, OVERLOADED, SESSION_ERROR, UNKNOWN_TASK, MESSAGE_TOO_BIG,
    UNAUTHORIZED (the server's error reply also says ``retry_after`` seconds for the first three).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class ConnectionLost(SimWebError):
    """The connection broke (the server or a load balancer went away, or no reply came in time).

    Code ``SESSION_ERROR``, as before; ``SimWebEnv(..., reconnect=True)`` catches it, opens a new
    connection and re-runs the episode from its seed.
    """

    def __init__(self, message: str) -> None:
        super().__init__("SESSION_ERROR", message)
