"""Exercise: can-i-deploy said yes, and production broke.

Symptom: orders-service 2 removed `total_cents`. Its pipeline asked "can I deploy orders-service 2 to
production?", got yes, deployed, and the checkout page broke: production still runs checkout-web 7, which reads
`total_cents`. checkout-web's main branch (version 9) had stopped reading it, and that is the version this
check looked at.

Diagnose: can_i_deploy compares the version being deployed with the latest main-branch version of each
integrated application. What matters is what runs in the target environment. Fix: check against the versions
deployed in that environment, every consumer and every provider of the application; with no verification result
for a pair, the answer is no (unknown is not safe); an application not deployed in the environment does not
constrain it. Say why in the reasons. Verify: `make exercise ID=testing/contract_tests/can_i_deploy`.
"""

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
    reasons = []
    for consumer, provider in sorted(broker.integrations):
        if application not in (consumer, provider):
            continue
        other = provider if application == consumer else consumer
        other_version = broker.main_branch.get(other)
        if other_version is None:
            continue
        if application == consumer:
            verified = result(broker, application, version, other, other_version)
        else:
            verified = result(broker, other, other_version, application, version)
        if verified is False:
            reasons.append(f"{other} {other_version}: verification failed")
    return Decision(not reasons, reasons)
