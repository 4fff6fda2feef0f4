"""Stand-in for gpt_oss.tools.simple_browser: SimpleBrowserTool(backend=...) searches once through its backend, as its first tool call would."""
from .backend import ExaBackend  # noqa: F401


class SimpleBrowserTool:
    def __init__(self, backend, name="browser"):
        self.backend = backend
        self.name = name
        page = backend.search("founded", 3)  # the real tool's first `search` call, through the real request and parsing port
        if not page["urls"]:
            raise RuntimeError("the backend's search gave no links")
