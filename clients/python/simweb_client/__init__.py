"""simweb client: Gym-style episodes on a simulated web over WebSocket.

``SimWebEnv`` (async) and its ``.sync()`` twin drive episodes; ``SimWebToolEnv`` plugs into TRL's
``GRPOTrainer(environment_factory=...)``; server errors raise ``SimWebError`` with a stable code.
"""

from .env import SimWebEnv
from .errors import SimWebError
from .sync import SyncSimWebEnv
from .trl import SimWebToolEnv, simweb_reward, simweb_reward_funcs

__all__ = ["SimWebEnv", "SyncSimWebEnv", "SimWebError", "SimWebToolEnv", "simweb_reward", "simweb_reward_funcs"]
__version__ = "0.1.0"
