"""Whether the clinic server is back, asked off the wizard's thread.

A server that cannot be reached costs the connect timeout on each try (a network that answers
nothing: CONNECT_TIMEOUT_S of core/records/server.py). Once it has been away, the wizard's own calls
do not try it again: they keep writes on the tablet (core/records/forward.py) while this probe tries
the server on a thread of its own, every `interval_s`, until it answers. Then the next write sends
what waits, in order. Only the one call that finds the server gone waits for the timeout.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)


class ServerProbe:
    def __init__(self, engine: Engine, interval_s: float) -> None:
        self.engine, self.interval_s = engine, interval_s
        self._away = threading.Event()  # set while the server is away and no probe has reached it
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.tries = 0  # how often the probe tried the server (tests and the log read it)

    @property
    def away(self) -> bool:
        """Away, and no probe has reached the server since. A probe that ended while it was still
        away (its thread gone at the moment it was marked away again) is started again here: the
        tablet must never stay "away" with nothing trying."""
        if self._away.is_set():
            self._ensure_running()
        return self._away.is_set()

    def went_away(self) -> None:
        """The server could not be reached: try it again off this thread until it answers."""
        self._away.set()
        self._ensure_running()

    def _ensure_running(self) -> None:
        with self._lock:
            if not self._stop.is_set() and (self._thread is None or not self._thread.is_alive()):
                self._thread = threading.Thread(target=self._run, name="thirds-server-probe", daemon=True)
                self._thread.start()

    def back(self) -> None:
        """Try the server on the next call (asked for: "send now"), without waiting for the probe."""
        self._away.clear()

    def stop(self) -> None:
        """The records are closing: no more tries (a try under way ends with its timeout)."""
        self._stop.set()
        self._away.clear()

    def _run(self) -> None:
        while self._away.is_set() and not self._stop.wait(self.interval_s):
            if not self._away.is_set():
                return  # asked to try on the next call meanwhile
            self.tries += 1
            try:
                with self.engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
            except SQLAlchemyError:
                continue  # still away
            except Exception as error:  # noqa: BLE001 - a probe must outlive anything a driver raises
                log.warning("the server probe failed (%s); trying again", type(error).__name__)
                continue
            self._away.clear()
