"""Stand-in for gpt-oss (README examples only); see test/readme/standins/README.md."""
