"""Configuration from the environment: defaults, parsing, and errors that name every bad variable."""

from __future__ import annotations

import pytest

from examples.cloud_devops.twelve_factor.settings import ConfigError, load_settings

BASE = {"DATABASE_URL": "postgresql://app:s3cret-password@db.internal:5432/app"}


# --8<-- [start:tests]
def test_defaults_apply_when_only_the_required_variable_is_set():
    settings = load_settings(BASE)
    assert (settings.port, settings.log_level, settings.debug, settings.allowed_hosts) == (8000, "INFO", False, ())


def test_values_are_parsed_into_types():
    env = {**BASE, "PORT": "9090", "LOG_LEVEL": "debug", "DEBUG": "false", "ALLOWED_HOSTS": "api.example.com, a.test"}
    settings = load_settings(env)
    assert settings.port == 9090
    assert settings.log_level == "DEBUG"
    assert settings.debug is False  # bool("false") would have been True
    assert settings.allowed_hosts == ("api.example.com", "a.test")


def test_every_problem_is_reported_at_once_without_leaking_values():
    env = {"DATABASE_URL": "mysql://root:hunter2@db/app", "PORT": "80a", "DEBUG": "maybe", "LOG_LEVEL": "LOUD"}
    with pytest.raises(ConfigError) as caught:
        load_settings(env)
    message = str(caught.value)
    for name in ("DATABASE_URL", "PORT", "DEBUG", "LOG_LEVEL"):
        assert name in message
    assert "hunter2" not in message
    assert len(caught.value.problems) == 4


# --8<-- [end:tests]


def test_missing_database_url_is_an_error():
    with pytest.raises(ConfigError, match="DATABASE_URL is required"):
        load_settings({})


@pytest.mark.parametrize("port", ["0", "65536", "-1"])
def test_port_must_be_in_range(port):
    with pytest.raises(ConfigError, match="PORT must be between 1 and 65535"):
        load_settings({**BASE, "PORT": port})


def test_settings_are_immutable():
    settings = load_settings(BASE)
    with pytest.raises(AttributeError):
        settings.port = 1  # type: ignore[misc]


@pytest.mark.parametrize(("raw", "problem"), [("-1", "JOB_SECONDS must be at least 0.0"), ("soon", "must be a number")])
def test_job_seconds_is_a_non_negative_number(raw, problem):
    with pytest.raises(ConfigError, match=problem):
        load_settings({**BASE, "JOB_SECONDS": raw})
    assert load_settings({**BASE, "JOB_SECONDS": "1.5"}).job_seconds == 1.5


@pytest.mark.parametrize("raw", ["nan", "NaN", "inf", "-inf", "1e999"])
def test_job_seconds_rejects_values_that_are_not_finite(raw):
    # float() accepts all of these, and NaN would pass the range check: every comparison with NaN is False.
    with pytest.raises(ConfigError, match="JOB_SECONDS must be a number, not"):
        load_settings({**BASE, "JOB_SECONDS": raw})
