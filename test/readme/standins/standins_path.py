"""Puts the client ports of test/env/http/fixtures (gpt-oss's ExaBackend, OpenEnv's GenericEnvClient) on the path."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "env", "http", "fixtures"))
