"""Who may do what. Enforced here, in services, so every client (UI, CLI) gets the same rules."""

from __future__ import annotations

from enum import StrEnum

from screening_app.core.errors import PermissionDeniedError, UsageError


class Role(StrEnum):
    RESPONDER = "responder"
    INTERPRETER = "interpreter"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Capability(StrEnum):
    MANAGE_ACCOUNTS = "accounts.manage"
    LIST_CASES = "cases.list"
    VIEW_CASE = "cases.view"
    CREATE_CASE = "cases.create"
    CONDUCT_INTERVIEW = "interview.conduct"
    REVIEW = "review"
    EXPORT = "export"
    VERIFY_AUDIT = "audit.verify"
    PURGE = "cases.purge"
    STATISTICS = "statistics"


_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    # Administrators keep the laptop running; they do not read case content.
    Role.ADMIN: frozenset({Capability.MANAGE_ACCOUNTS, Capability.VERIFY_AUDIT, Capability.PURGE}),
    Role.SUPERVISOR: frozenset(
        {
            Capability.LIST_CASES,
            Capability.VIEW_CASE,
            Capability.CREATE_CASE,
            Capability.CONDUCT_INTERVIEW,
            Capability.REVIEW,
            Capability.EXPORT,
            Capability.VERIFY_AUDIT,
            Capability.STATISTICS,
        }
    ),
    Role.RESPONDER: frozenset(
        {
            Capability.LIST_CASES,
            Capability.VIEW_CASE,
            Capability.CREATE_CASE,
            Capability.CONDUCT_INTERVIEW,
        }
    ),
    # An interpreter works inside the interview in progress: no case list, no records.
    Role.INTERPRETER: frozenset({Capability.CONDUCT_INTERVIEW}),
}


def parse_role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise UsageError(f"unknown role '{text}': use one of {allowed}") from None


def capabilities(role: Role) -> frozenset[Capability]:
    return _CAPABILITIES[role]


def require(role: Role, capability: Capability) -> None:
    if capability not in _CAPABILITIES[role]:
        raise PermissionDeniedError(
            f"the {role.value} role may not do this ({capability.value}); ask a colleague "
            "with the right role"
        )
