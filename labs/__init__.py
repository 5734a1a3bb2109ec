"""Runnable labs, one per skill area."""
