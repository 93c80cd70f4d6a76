"""Exception type for font lookup and preparation problems."""

from __future__ import annotations


class FontError(Exception):
    """A font could not be found, chosen or prepared."""
