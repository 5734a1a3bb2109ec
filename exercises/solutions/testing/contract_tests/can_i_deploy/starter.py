"""A reference solution: the answer depends on what is deployed in the target environment, in both directions,
and a pair with no verification result is not safe."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Verification:
    """The provider version was verified against the consumer version's contract, with this result."""

    consumer: str
    consumer_version: str
    provider: str
    provider_version: str
    success: bool


@dataclass
class Broker:
    integrations: set[tuple[str, str]]  # (consumer, provider) pairs that have a contract
    verifications: list[Verification]
    deployed: dict[str, dict[str, str]]  # environment -> application -> the version running there
    main_branch: dict[str, str] = field(default_factory=dict)  # application -> latest version on main


@dataclass
class Decision:
    ok: bool
    reasons: list[str]


def result(broker: Broker, consumer: str, consumer_version: str, provider: str, provider_version: str) -> bool | None:
    for verification in broker.verifications:
        if (verification.consumer, verification.consumer_version) == (consumer, consumer_version) and (
            verification.provider,
            verification.provider_version,
        ) == (provider, provider_version):
            return verification.success
    return None


def can_i_deploy(broker: Broker, application: str, version: str, environment: str) -> Decision:
    """Safe when every integrated application deployed in `environment` has a successful verification with it."""
    running = broker.deployed.get(environment, {})
    reasons = []
    for consumer, provider in sorted(broker.integrations):
        if application not in (consumer, provider):
            continue
        other = provider if application == consumer else consumer
        other_version = running.get(other)
        if other_version is None:
            continue  # not deployed there: nothing in that environment depends on this pair yet
        if application == consumer:
            verified = result(broker, application, version, other, other_version)
        else:
            verified = result(broker, other, other_version, application, version)
        if verified is None:
            reasons.append(f"{other} {other_version} in {environment}: no verification result, so not known to be safe")
        elif not verified:
            reasons.append(f"{other} {other_version} in {environment}: verification failed")
    return Decision(not reasons, reasons)
