"""Deliberately insecure code for the SAST exercise. Never import this into a real program."""

import hashlib
import subprocess

DB_PASSWORD = "hunter2hunter2"  # noqa: S105 - the scanner must find this


def archive(user_supplied_name: str) -> None:
    subprocess.run(f"tar czf /tmp/{user_supplied_name}.tgz data/", shell=True, check=False)  # noqa: S602


def fingerprint(password: str) -> str:
    return hashlib.md5(password.encode()).hexdigest()  # noqa: S324


def calculate(expression: str) -> object:
    return eval(expression)  # noqa: S307
