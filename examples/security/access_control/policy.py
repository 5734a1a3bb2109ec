"""Role-based and attribute-based access control as plain functions, so they are easy to test."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


# --8<-- [start:rbac]
class Permission(StrEnum):
    INVOICE_READ_OWN = "invoice:read:own"
    INVOICE_READ_ANY = "invoice:read:any"
    INVOICE_APPROVE = "invoice:approve"
    USER_MANAGE = "user:manage"


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "customer": frozenset({Permission.INVOICE_READ_OWN}),
    "accountant": frozenset({Permission.INVOICE_READ_OWN, Permission.INVOICE_READ_ANY, Permission.INVOICE_APPROVE}),
    "admin": frozenset({Permission.INVOICE_READ_OWN, Permission.USER_MANAGE}),  # admins manage users, not money
}


@dataclass(frozen=True)
class User:
    id: int
    roles: frozenset[str]
    department: str = ""
    mfa: bool = False


def permissions_of(user: User) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for role in user.roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())  # unknown roles grant nothing: deny by default
    return frozenset(granted)


# --8<-- [end:rbac]


# --8<-- [start:abac]
@dataclass(frozen=True)
class Invoice:
    id: int
    owner_id: int
    department: str
    amount_cents: int
    approved_by: set[int] = field(default_factory=set, compare=False)


APPROVAL_MFA_THRESHOLD_CENTS = 1_000_000


def can_read(user: User, invoice: Invoice) -> bool:
    """Object-level check: owning the object, or holding the read-any permission."""
    perms = permissions_of(user)
    return Permission.INVOICE_READ_ANY in perms or (
        Permission.INVOICE_READ_OWN in perms and invoice.owner_id == user.id
    )


def can_approve(user: User, invoice: Invoice) -> bool:
    """ABAC: the role is necessary but not sufficient; attributes of user and object decide."""
    return (
        Permission.INVOICE_APPROVE in permissions_of(user)
        and user.department == invoice.department  # only your own department's invoices
        and user.id != invoice.owner_id  # never approve your own invoice (separation of duties)
        and (invoice.amount_cents < APPROVAL_MFA_THRESHOLD_CENTS or user.mfa)  # big sums need a fresh MFA login
    )


# --8<-- [end:abac]
