"""The records window's actions while the clinic server is away: said at once, never waited for.

Each action that reads or writes the server would wait for the connect timeout (a network that
answers nothing) and then fail. `needs_server` runs it through Records.on_server: while the server is
away, or when this very call finds it gone, the owner says so (`say_away`) instead.
Saving goes on meanwhile: the outbox keeps every answer (core/records/forward.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from core.records import Records


class ServerAction(Protocol):
    records: Records

    def say_away(self) -> None: ...


Result = TypeVar("Result")


def needs_server(method: Callable[..., Result]) -> Callable[..., Result | None]:
    @functools.wraps(method)
    def run(self: ServerAction, *args: Any, **kwargs: Any) -> Result | None:
        reached, result = self.records.on_server(lambda: method(self, *args, **kwargs))
        if not reached:
            self.say_away()
        return result

    return run
