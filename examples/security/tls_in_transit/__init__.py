"""Example code for the security lesson; see docs/security/."""
