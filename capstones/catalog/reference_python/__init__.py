"""The Python reference for the catalog capstone: FastAPI, PostgreSQL full-text search, an in-process cache."""
