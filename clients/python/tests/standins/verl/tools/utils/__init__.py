"""Stand-in: verl.tools.utils."""
