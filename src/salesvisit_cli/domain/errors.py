"""The errors a user can act on; the CLI shows each as one `Error:` line."""


class SalesvisitError(Exception):
    """A problem the user can fix: bad input, a missing record, a refused action."""


class ValidationError(SalesvisitError):
    """Input that breaks a rule; nothing was written."""


class NotFoundError(SalesvisitError):
    """A referenced record does not exist."""


class StoreError(SalesvisitError):
    """The database cannot be opened, read or written."""
