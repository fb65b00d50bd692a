"""One error type for bad input: the CLI prints it in Chinese and exits with code 2."""
from __future__ import annotations


class GwplanError(Exception):
    """Bad input or bad usage. `message` is Chinese text for the user, naming what to fix."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        return located(self.message, self.file, self.line)


def located(message: str, file: str | None = None, line: int | None = None) -> str:
    """Format `file:line: message`, the form editors and terminals turn into links."""
    if file and line:
        return f"{file}:{line}: {message}"
    if file:
        return f"{file}: {message}"
    return message
