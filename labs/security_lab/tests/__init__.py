"""Attack tests for the security lab."""
