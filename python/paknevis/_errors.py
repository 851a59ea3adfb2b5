"""Exception classes of paknevis (raised by the compiled core too)."""


class PaknevisError(Exception):
    """Base class of paknevis errors."""


class ConfigError(PaknevisError, ValueError):
    """An invalid option, option value or configuration document."""
