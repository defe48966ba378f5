"""Faust agents (thin wrappers around pipeline functions). Populated by the streaming pipeline."""
