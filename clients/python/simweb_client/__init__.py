"""simweb client: Gym-style episodes on a simulated web over WebSocket.

``SimWebEnv`` (async) and its ``.sync()`` twin drive one episode; ``SimWebVectorEnv`` steps N
episodes over a few multiplexed connections with Gymnasium's vector-env semantics;
``SimWebToolEnv`` plugs into TRL's ``GRPOTrainer(environment_factory=...)``; ``simweb_client.verl``
and ``simweb_client.verifiers`` adapt simweb to verl's tool agent loop and to verifiers' tool
environments. Server errors raise ``SimWebError`` with a stable code.
"""

from ._version import PROTOCOL_VERSION, __version__, check_protocol
from .connection import SimWebConnection
from .env import SimWebEnv
from .errors import ConnectionLost, SimWebError
from .sync import SyncSimWebEnv
from .trl import SimWebToolEnv, simweb_reward, simweb_reward_funcs
from .vector import AutoresetMode, SimWebVectorEnv
from .vector_sync import SyncSimWebVectorEnv

__all__ = [
    "AutoresetMode",
    "ConnectionLost",
    "PROTOCOL_VERSION",
    "SimWebConnection",
    "SimWebEnv",
    "SimWebError",
    "SimWebToolEnv",
    "SimWebVectorEnv",
    "SyncSimWebEnv",
    "SyncSimWebVectorEnv",
    "__version__",
    "check_protocol",
    "simweb_reward",
    "simweb_reward_funcs",
]
