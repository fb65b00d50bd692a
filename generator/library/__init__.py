"""The YAML clause library: load, write, source records, the lock."""
