"""Stand-in for verl (tests only): the tool interface of verl.tools and the tool agent loop's calls."""
