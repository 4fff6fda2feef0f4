"""Stand-in for gpt_oss.tools.simple_browser.backend: ExaBackend with gpt-oss's constructor fields (chz: source, BASE_URL, api_key) over the request/parsing port of test/env/http/fixtures/gpt_oss_exa_client.py."""
import standins_path  # noqa: F401  (puts the fixtures on sys.path)
import gpt_oss_exa_client


class ExaBackend(gpt_oss_exa_client.ExaBackend):
    def __init__(self, source, BASE_URL="https://api.exa.ai", api_key=None):
        super().__init__(BASE_URL, api_key or "not-checked")
        self.source = source
