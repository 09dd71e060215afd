"""One error tree. Every message is meant for a person and says what to do next.

Messages never carry names, answers or free text of a case: only ids, counts and paths
that the operator chose.
"""

from __future__ import annotations


class ScreeningError(Exception):
    """Base of every error the application raises on purpose.

    ``exit_code`` is what the command line returns for it.
    """

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(ScreeningError):
    """The command line or an input file was not understood (unknown id, bad key...)."""

    exit_code = 2


class WorkspaceError(ScreeningError):
    """The workspace directory is missing, unreadable, foreign, locked or too new."""


class WorkspaceLockedError(WorkspaceError):
    """Another instance of the application has the workspace open."""


class StorageFullError(WorkspaceError):
    """The disk is full; nothing already saved is lost."""


class AuthenticationError(ScreeningError):
    """Wrong account name or password, or the account is locked out."""


class AccountLockedError(AuthenticationError):
    """Too many wrong passwords: an administrator must unlock the account."""


class PermissionDeniedError(ScreeningError):
    """The signed-in role may not do this."""


class IntegrityError(ScreeningError):
    """Stored data failed its authenticity check: tampered, corrupted or moved."""


class NotFoundError(ScreeningError):
    """A case, account or other record with the given id does not exist."""


class FormError(ScreeningError):
    """A form file or catalog is broken. The message names file and line."""


class AssessmentError(UsageError):
    """Input to the assessment engine names an unknown indicator, flag or key."""
