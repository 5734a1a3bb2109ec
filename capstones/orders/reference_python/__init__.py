"""The Python reference for the orders capstone: FastAPI, PostgreSQL (psycopg) and a payment worker."""
