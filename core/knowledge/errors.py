"""Problems found in a data file, each with the file, the key path and the reason."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: Path
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where or '(top level)'}: {self.reason}"


class InvalidFile(ValueError):
    """Raised with every problem at once, so a clinic fixes a file in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def dotted(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)
