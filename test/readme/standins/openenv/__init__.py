"""Stand-in for OpenEnv (README examples only); see test/readme/standins/README.md."""
