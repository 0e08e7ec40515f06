"""The errors a user can act on; the CLI shows each as one `Error:` line."""

from salesvisit_cli.i18n import N_


class SalesvisitError(Exception):
    """A problem the user can fix: bad input, a missing record, a refused action."""


class ValidationError(SalesvisitError):
    """Input that breaks a rule; nothing was written."""


class NotFoundError(SalesvisitError):
    """A referenced record does not exist."""


class StoreError(SalesvisitError):
    """The database cannot be opened, read or written."""


# The system's words (Linux) for the file errors a person meets, as message ids.
_OS_REASONS = {
    "ENOENT": N_("No such file or directory"),
    "EACCES": N_("Permission denied"),
    "EPERM": N_("Operation not permitted"),
    "EISDIR": N_("Is a directory"),
    "ENOTDIR": N_("Not a directory"),
    "EEXIST": N_("File exists"),
    "ENOSPC": N_("No space left on device"),
    "EROFS": N_("Read-only file system"),
}


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in the interface language (the system's words otherwise)."""
    import errno

    from salesvisit_cli.i18n import _

    reason = _OS_REASONS.get(errno.errorcode.get(error.errno or 0, ""))
    return _(reason) if reason else str(error.strerror or error)
