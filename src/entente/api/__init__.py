"""api (to be written)."""
