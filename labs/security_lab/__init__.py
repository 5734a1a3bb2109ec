"""Security lab: one service written twice, vulnerable and fixed."""
