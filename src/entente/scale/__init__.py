"""scale (to be written)."""
