"""analysis (to be written)."""
