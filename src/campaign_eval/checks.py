"""Argument checks at the package's boundaries: an error names the argument, choices and value."""

from __future__ import annotations

from collections.abc import Iterable


def check_choice(name: str, value: object, allowed: Iterable[object]) -> None:
    """Raise ValueError unless ``value`` is one of ``allowed``.

    Args:
        name: The argument's name, as the caller wrote it.
        value: The value received.
        allowed: The values accepted.

    Raises:
        ValueError: Naming the argument, the allowed values and the value received.

    Example:
        >>> check_choice("kind", "mean", ("proportion", "mean"))
        >>> check_choice("kind", "median", ("proportion", "mean"))
        Traceback (most recent call last):
        ...
        ValueError: kind must be one of 'proportion', 'mean'; got 'median'
    """
    choices = tuple(allowed)
    if value not in choices:
        listed = ", ".join(repr(a) for a in choices)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
