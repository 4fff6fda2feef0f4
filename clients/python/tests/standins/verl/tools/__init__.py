"""Stand-in: verl.tools."""
