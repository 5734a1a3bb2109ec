"""Capstone projects: the grader, each capstone's spec and checks, and the reference services."""
