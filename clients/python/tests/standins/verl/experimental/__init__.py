"""Stand-in: verl.experimental."""
