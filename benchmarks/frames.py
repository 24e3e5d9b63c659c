"""Tap to painted frame on every wizard page (issue 10).

For each page, one representative tap (a Yes / No on screening, a grade on a third page, a keystroke
in the consult page's name field, …; on the Plan page a decline / restore, 'Decline…', a keypad key and
OK on the dose keypad, each on its own line), repeated
THIRDS_BENCH_TAPS times (60; 5 more first, to warm caches, not counted). A tap is a synthetic mouse
press and release sent back to back to the control (a keystroke: key press and release); the time runs
from just before the press to the end of the next paint of the window after the input is handled: the
frame that shows the tap's result. (A QPushButton paints its pressed look synchronously inside the
press, `repaint()`; that frame ends well under a millisecond after the press and shows nothing of the
result, so it is reported beside the figure, not as it. When a tap's layout settles in a further frame,
that frame's end is reported beside the figure too.) Beside each figure is the main thread's CPU time
over the same span: on a busy machine the wall-clock figure includes waiting for a core, the CPU time
is the app's own work.

How the frame is seen (startup.py's method, an event filter, so nothing is painted twice to be
measured): Qt paints a window when its top-level widget handles the UpdateRequest event that
`update()` posts; the filter on the window handles that event itself and notes the time after it,
when every widget in the dirty region has had its Paint event and the backing store is flushed.

Targets (issue 10): p95 <= 16 ms on every page, <= 12 ms on the Plan page. Reported, not asserted:
the exit status is non-zero only for a crash (an exception in the app during a tap, or here).
Controls are found by accessible name (or type); a page whose control is not found is skipped with a
note. Under QT_QPA_PLATFORM=offscreen (the default here) paints are software (raster into a QImage).

Run: `make bench` (startup.py calls this), or `.venv/bin/python benchmarks/frames.py`.
THIRDS_FRAMES_PROFILE=plan (a page's name) adds a cProfile of that page's taps.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import math
import os
import pstats
import re
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QLineEdit,
    QScrollArea,
    QWidget,
)

TARGET_MS = 16.0
PLAN_TARGET_MS = 12.0
TAPS = int(os.environ.get("THIRDS_BENCH_TAPS", "60"))
WARM_UP = 5
FRAME_TIMEOUT = 1.0  # s: a tap that changes nothing on screen is reported, not waited for forever


class Skip(Exception):
    """The page's control is not there (pages are being changed): skip the page, say why."""


class AppError(Exception):
    """The app raised in a tap's handler: what the practitioner would see as a crash."""


# --- the clock -----------------------------------------------------------------------------------
class FrameClock(QObject):
    """Event filter on the top-level window: the end of each painted frame."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.ends: list[float] = []
        self.cpu: list[float] = []  # this thread's CPU time at each end: the work, without the waits
        self._inside = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.window and event.type() == QEvent.Type.UpdateRequest and not self._inside:
            self._inside = True
            try:
                self.window.event(event)  # layout is done: this paints and flushes the frame
            finally:
                self._inside = False
            self.ends.append(time.perf_counter())
            self.cpu.append(time.thread_time())
            return True
        return False


# --- synthetic input -----------------------------------------------------------------------------
def _mouse(widget: QWidget, kind: QEvent.Type, buttons: Qt.MouseButton) -> None:
    centre = widget.rect().center()
    event = QMouseEvent(
        kind,
        QPointF(centre),
        QPointF(widget.mapTo(widget.window(), centre)),
        QPointF(widget.mapToGlobal(centre)),
        Qt.MouseButton.LeftButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def tap(widget: QWidget) -> None:
    """Press and release back to back: no frame between them, so the next one shows the result."""
    _mouse(widget, QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton)
    _mouse(widget, QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)


def key(widget: QWidget, code: Qt.Key, text: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text))


# --- finding controls ----------------------------------------------------------------------------
def named(root: QWidget, pattern: str, kind: type[QWidget] = QAbstractButton) -> list[QWidget]:
    """Visible controls under `root` whose accessible name matches `pattern` (whole name)."""
    regex = re.compile(pattern)
    return [w for w in root.findChildren(kind) if w.isVisible() and regex.fullmatch(w.accessibleName())]


def groups(root: QWidget, pattern: str) -> dict[str, list[QAbstractButton]]:
    """Buttons named `<group>: <option>` with the group matching `pattern`, by group, in order."""
    out: dict[str, list[QAbstractButton]] = {}
    for button in named(root, rf"({pattern}): [^:]+"):
        assert isinstance(button, QAbstractButton)
        out.setdefault(button.accessibleName().rpartition(": ")[0], []).append(button)
    return out


def pair(buttons: list[QAbstractButton], first: int = 0, second: int = 1) -> tuple[QAbstractButton, QAbstractButton]:
    """Two options to tap in turn, the unchosen one first, so every tap changes the answer."""
    if len(buttons) <= max(first, second):
        raise Skip(f"only {len(buttons)} options")
    a, b = buttons[first], buttons[second]
    return (b, a) if a.isChecked() else (a, b)


def into_view(widget: QWidget) -> None:
    """Scroll the page so the control is on screen, as a finger would before tapping it."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget, 10, 40)


# --- one kind of tap, repeated -------------------------------------------------------------------
@dataclass
class Result:
    page: str
    what: str
    target: float
    frames: list[float] = field(default_factory=list)  # ms, tap to the end of the next frame
    later: list[float] = field(default_factory=list)  # ms to the end of a further frame, when one came
    cpu: list[float] = field(default_factory=list)  # ms of CPU in this thread over the same span
    pressed: list[float] = field(default_factory=list)  # ms to the pressed look, painted during the press
    missing: int = 0  # taps after which no frame came
    skipped: str = ""


Round = Callable[[int], Callable[[], None]]  # round number -> the input to time (found, not yet sent)


def settle(app: QApplication, clock: FrameClock, quiet: float = 0.004) -> None:
    """Run the event loop until nothing has been painted for `quiet` seconds (deferred deletions,
    zero timers and their frames belong to the tap before, not to the next one)."""
    last = time.perf_counter()
    seen = len(clock.ends)
    deadline = last + 1.0
    while time.perf_counter() < deadline:
        app.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        if len(clock.ends) != seen:
            seen, last = len(clock.ends), time.perf_counter()
        elif time.perf_counter() - last > quiet:
            return
        time.sleep(0.0005)


def measure(app: QApplication, clock: FrameClock, result: Result, next_input: Round,
            errors: list[str], profile: cProfile.Profile | None = None) -> None:
    for index in range(WARM_UP + TAPS):
        send = next_input(index)  # may raise Skip
        settle(app, clock)
        before = len(errors)
        del clock.ends[:], clock.cpu[:]
        if profile is not None and index >= WARM_UP:
            profile.enable()
        start, cpu = time.perf_counter(), time.thread_time()
        send()
        delivered = time.perf_counter()  # frames that ended by now were painted during the input
        while not any(end > delivered for end in clock.ends) and time.perf_counter() - start < FRAME_TIMEOUT:
            app.processEvents()
        if profile is not None:
            profile.disable()
        settle(app, clock, quiet=0.02)
        if len(errors) != before:
            raise AppError(f"the app raised during the tap: {errors[-1].strip().splitlines()[-1]}")
        if index < WARM_UP:
            continue
        during = [end for end in clock.ends if end <= delivered]  # QAbstractButton repaints on press
        after = [end for end in clock.ends if end > delivered]
        if during:
            result.pressed.append((during[0] - start) * 1000)
        if not after:
            result.missing += 1
            continue
        result.frames.append((after[0] - start) * 1000)
        result.cpu.append((clock.cpu[clock.ends.index(after[0])] - cpu) * 1000)
        if len(after) > 1:
            result.later.append((after[-1] - start) * 1000)


# --- the pages' taps ---------------------------------------------------------------------------
# Each takes the page and returns what to tap per round; controls are looked up again every round
# (the Plan page rebuilds its rows), outside the timed span.


def consult_taps(page: QWidget) -> Iterator[tuple[str, str, Round]]:
    fields = named(page, r"Patient name", QLineEdit) or named(page, r".+", QLineEdit)
    if not fields:
        raise Skip("no text field")
    field_ = fields[0]
    field_.setFocus()
    into_view(field_)

    def round_(index: int) -> Callable[[], None]:
        if index % 2 == 0:
            return lambda: key(field_, Qt.Key.Key_A, "a")
        return lambda: key(field_, Qt.Key.Key_Backspace, "")

    yield "", f"a keystroke in '{field_.accessibleName()}' (a letter, then Backspace)", round_


def choice_taps(pattern: str, describe: str, first: int = 0, second: int = 1,
                prefer: str = "") -> Callable[[QWidget], Iterator[tuple[str, str, Round]]]:
    """Two options of one choice row (grades, Yes / No, options), tapped in turn."""

    def taps(page: QWidget) -> Iterator[tuple[str, str, Round]]:
        found = groups(page, pattern)
        if not found:
            raise Skip(f"no control named like '{pattern}: …' (the sample consult has no consent signed)")
        if not any(button.isEnabled() for buttons in found.values() for button in buttons):
            raise Skip(f"'{pattern}' is not open in the sample consult (no photo taken)")
        name = next((g for g in found if prefer and prefer in g), next(iter(found)))
        a, b = pair(found[name], first, second)

        def round_(index: int) -> Callable[[], None]:
            target = a if index % 2 == 0 else b
            into_view(target)
            return lambda: tap(target)

        yield "", f"{describe} ('{name}': {a.text()} / {b.text()})", round_

    return taps


def third_taps(page: QWidget, app: QApplication, clock: FrameClock) -> Iterator[tuple[str, str, Round]]:
    """Select an area with a concern (tapping its area button, adding a concern if it has none),
    then grade it."""
    grade = r".+: (At rest|On movement|[^:]+)"

    def grades() -> dict[str, list[QAbstractButton]]:
        return {g: b for g, b in groups(page, grade).items()
                if len(b) >= 3 and all(re.fullmatch(r"[0-4]", x.text()) for x in b)}

    if not grades():
        for area in named(page, r"Area: .+"):
            into_view(area)
            tap(area)
            settle(app, clock)
            if not grades():
                toggles = named(page, r"Concern: .+")
                if toggles:
                    tap(toggles[0])
                    settle(app, clock)
            if grades():
                break
    found = grades()
    if not found:
        raise Skip("no grade buttons after selecting an area")
    name = next((g for g in found if "At rest" in g), next(iter(found)))
    a, b = pair(found[name], 1, 2)

    def round_(index: int) -> Callable[[], None]:
        target = a if index % 2 == 0 else b
        into_view(target)
        return lambda: tap(target)

    yield "", f"a grade ('{name}': {a.text()} / {b.text()})", round_


def plan_taps(page: QWidget, app: QApplication, clock: FrameClock) -> Iterator[tuple[str, str, Round]]:
    declines = named(page, r"Decline [^:]+")
    if not declines:
        raise Skip("no Decline… button")
    name = declines[0].accessibleName().removeprefix("Decline ")
    escaped = re.escape(name)
    reason = r"Decline " + escaped + r": (?!other reason$|confirm$|reason missing$).+"

    def button(pattern: str) -> QWidget:
        found = named(page, pattern)
        if not found:
            raise Skip(f"no button named like '{pattern}'")
        into_view(found[0])
        return found[0]

    def open_reasons() -> QWidget:
        """'Decline…' opens the reasons (a tap too, timed below); again when they are shut."""
        if not named(page, reason):
            tap(button(r"Decline " + escaped))
            settle(app, clock)
        return button(reason)

    # The cycle of one decline: 'Decline…' opens the reasons, a reason declines, Restore restores.
    def decline_restore(index: int) -> Callable[[], None]:
        declined = named(page, r"Restore " + escaped)
        target = button(r"Restore " + escaped) if declined else open_reasons()
        return lambda: tap(target)

    yield "", f"a decline (a reason's button) or Restore, in turn ('{name}')", decline_restore

    def opening(index: int) -> Callable[[], None]:
        if named(page, r"Restore " + escaped):  # left declined by the taps before (untimed)
            tap(button(r"Restore " + escaped))
            settle(app, clock)
        if named(page, reason):  # shut them again (untimed): 'Decline…' toggles the panel
            tap(button(r"Decline " + escaped))
            settle(app, clock)
        target = button(r"Decline " + escaped)
        return lambda: tap(target)

    yield "Decline…", f"'Decline…', opening the reasons ('{name}')", opening

    fields = named(page, r"Dose: [^:]+")  # a keypad field: a tap opens the keypad, OK commits
    if fields:
        yield from keypad_taps(page, app, clock, fields[0].accessibleName(), button)
        return
    steppers = groups(page, r"Dose: [^:]+")  # the earlier −5 −1 +1 +5 stepper
    doses = {g: b for g, b in steppers.items() if any(x.accessibleName().endswith(": +1") for x in b)}
    if not doses:
        raise Skip("no dose control (neither a keypad field 'Dose: …' nor a stepper with '+1')")
    dose = next(iter(doses))

    def stepping(index: int) -> Callable[[], None]:
        target = button(re.escape(dose) + (r": \+1" if index % 2 == 0 else r": -1"))
        return lambda: tap(target)

    yield "dose", f"a dose step, +1 then -1 ('{dose}')", stepping


def keypad_taps(page: QWidget, app: QApplication, clock: FrameClock, dose: str,
                button: Callable[[str], QWidget]) -> Iterator[tuple[str, str, Round]]:
    """The dose keypad: its keys (a digit, then Backspace), and OK committing a new dose."""

    def keypad_open() -> None:
        if not named(page, r"Keypad: OK"):
            tap(button(re.escape(dose)))
            settle(app, clock)

    def key_taps(index: int) -> Callable[[], None]:
        keypad_open()
        target = button(r"Keypad: 1" if index % 2 == 0 else r"Keypad: backspace")
        return lambda: tap(target)

    yield "keypad key", f"a keypad key, a digit then Backspace ('{dose}')", key_taps

    def commit(index: int) -> Callable[[], None]:
        keypad_open()
        tap(button(r"Keypad: 2" if index % 2 == 0 else r"Keypad: 3"))  # replaces the value shown
        settle(app, clock)
        target = button(r"Keypad: OK")
        return lambda: tap(target)

    yield "dose", f"OK on the dose keypad, a new dose each time, 2 U / 3 U ('{dose}')", commit


def button_taps(pattern: str, describe: str, missing: str) -> Callable[[QWidget], Iterator[tuple[str, str, Round]]]:
    """One button tapped again and again."""

    def taps(page: QWidget) -> Iterator[tuple[str, str, Round]]:
        buttons = [b for b in named(page, pattern) if b.isVisible()]
        if not buttons:
            raise Skip(missing)
        target = buttons[0]

        def round_(index: int) -> Callable[[], None]:
            into_view(target)
            return lambda: tap(target)

        yield "", describe, round_

    return taps


# 'Record as given' with nothing chosen yet: the step checks the entry and says what is missing
given_taps = button_taps(r"Record as given", "Record as given, refused in words (no product or lot yet)",
                         "no 'Record as given' button (the sample consult has no consent signed)")
finish_taps = button_taps(r"Save consultation", "Save consultation (a JSON file written to a temporary folder)",
                          "no 'Save consultation' button")


PageTaps = Callable[..., Iterator[tuple[str, str, Round]]]
TAPS_OF: dict[str, PageTaps] = {
    "ConsultDetailsPage": consult_taps,
    "GoalsPage": choice_taps(r"Expectation", "an expectation"),
    "HistoryPage": choice_taps(r"Earlier filler \d+ permanent", "permanent filler Yes / No"),
    "ScreeningPage": choice_taps(r"Screening: [^:]+", "a Yes / No"),
    "UpperThirdPage": third_taps,
    "MiddleThirdPage": third_taps,
    "LowerThirdPage": third_taps,
    "SkinPage": choice_taps(r"Skin: [^:]+", "a skin grade", 1, 2),
    "PlanPage": plan_taps,
    "ConsentPage": choice_taps(r"Photo consent", "photo consent Yes / No"),
    "PhotosPage": choice_taps(r"Photos in the takeaway", "photos on the takeaway Yes / No"),
    "GivenPage": given_taps,
    "FinishPage": finish_taps,
}
TAPS_OF.update({  # by module name too (gui/pages/__init__.py PAGES), should a class be renamed
    "consult": consult_taps, "goals": TAPS_OF["GoalsPage"], "history": TAPS_OF["HistoryPage"],
    "screening": TAPS_OF["ScreeningPage"], "upper_third": third_taps, "middle_third": third_taps,
    "lower_third": third_taps, "skin": TAPS_OF["SkinPage"], "plan": plan_taps, "finish": finish_taps,
    "consent": TAPS_OF["ConsentPage"], "photos": TAPS_OF["PhotosPage"], "given": TAPS_OF["GivenPage"],
})
NEEDS_LOOP = {third_taps, plan_taps}


# --- the run -------------------------------------------------------------------------------------
def p95(values: list[float]) -> float:
    """Nearest rank: the value 95 % of the taps are at or under."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


def page_name(page: QWidget) -> str:
    return type(page).__module__.rpartition(".")[2]


def clinical_record(wizard: QWidget) -> None:
    """The sample consult signed (every injectable, photos yes) with a front photo, so the Photos and
    Given steps have their controls open."""
    from core.consent import signature
    from core.consultation import PhotoView
    from core.photos import import_photo
    from gui.screenshots import synthetic_face

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    pad = signature([[(0.1, 0.5), (0.5, 0.3), (0.9, 0.5)]], 3.0)
    model = wizard.model  # type: ignore[attr-defined]
    assert model.sign_consent(list(model.kb.injectables()), True, pad, pad, now) is None
    assert model.set_photo(PhotoView.FRONT_REST, import_photo(synthetic_face((226, 188, 160), 4)), now) is None


def run(profile_page: str = "") -> tuple[Lines, list[str]]:
    from core.knowledge.loader import clinic_knowledge_base
    from gui.app import create_app
    from gui.screenshots import sample
    from gui.wizard import ConsultationWizard

    errors: list[str] = []
    hook = sys.excepthook

    def record(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
        errors.append("".join(traceback.format_exception(kind, value, trace)))
        hook(kind, value, trace)

    sys.excepthook = record
    app = create_app()
    platform = QGuiApplication.platformName()
    paints = "software (raster) paints" if platform in ("offscreen", "minimal") else "the platform's paints"
    print(f"frames: tap to the end of the next painted frame, {TAPS} taps per line after {WARM_UP} warm-up taps; "
          f"platform {platform} ({paints}), {os.cpu_count()} cores", flush=True)
    results = Lines()
    with tempfile.TemporaryDirectory() as folder:
        wizard = ConsultationWizard(clinic_knowledge_base(), confirm=lambda *_: True, output_dir=Path(folder))
        wizard.model.load(sample(dt.date.today()))
        clinical_record(wizard)
        wizard.show()
        clock = FrameClock(wizard)
        wizard.installEventFilter(clock)
        settle(app, clock)
        for page_id in wizard.pageIds():
            while wizard.currentId() != page_id:
                before = wizard.currentId()
                wizard.next()
                if wizard.currentId() == before:
                    raise RuntimeError(f"the wizard does not go on from page {before}")
            page = wizard.currentPage()
            settle(app, clock, quiet=0.05)
            name = page_name(page)
            taps_of = TAPS_OF.get(type(page).__name__) or TAPS_OF.get(name)
            if taps_of is None:
                results.append(Result(name, "", TARGET_MS, skipped=f"no tap defined for {type(page).__name__}"))
                continue
            target = PLAN_TARGET_MS if taps_of is plan_taps else TARGET_MS
            kinds = taps_of(page, app, clock) if taps_of in NEEDS_LOOP else taps_of(page)
            label = name
            while True:
                try:
                    tag, what, next_input = next(kinds)
                except StopIteration:
                    break
                except Skip as why:
                    results.append(Result(label, "", target, skipped=str(why)))
                    break
                except AppError:
                    raise
                except Exception as error:  # noqa: BLE001 - this script could not drive the page as it is now
                    results.append(Result(label, "", target, skipped=f"could not drive it: {error!r}"))
                    break
                label = f"{name}, its next tap"
                result = Result(f"{name}, {tag}" if tag else name, what, target)
                profile = cProfile.Profile() if profile_page == name else None
                try:
                    measure(app, clock, result, next_input, errors, profile)
                except Skip as why:
                    result.skipped = str(why)
                except AppError:
                    raise
                except Exception as error:  # noqa: BLE001 - as above
                    result.skipped = f"could not drive it: {error!r}"
                results.append(result)
                if profile is not None:
                    print(f"--- cProfile of {result.page}: {what}, {TAPS} taps, by own time ---")
                    pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(25)
                    print(f"--- cProfile of {result.page}, by cumulative time ---")
                    pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(35)
        wizard.dirty = False
        wizard.close()
        app.processEvents()
    sys.excepthook = hook
    return results, errors


def line(r: Result) -> str:
    """One line a page (or a further tap of it): `plan: median 9.8 ms, p95 11.2 ms (target 12) — …`."""
    if r.skipped:
        return f"{r.page}: skipped ({r.skipped})"
    if not r.frames:
        return f"{r.page}: no frame after any of {TAPS} taps ({r.what})"
    cpu = f"CPU median {statistics.median(r.cpu):.1f} ms, p95 {p95(r.cpu):.1f} ms"
    notes = [r.what, f"{len(r.frames)} taps", cpu]
    if r.pressed:
        notes.append(f"pressed look painted at median {statistics.median(r.pressed):.1f} ms")
    if r.missing:
        notes.append(f"{r.missing} taps painted nothing")
    if len(r.later) > len(r.frames) // 10:
        notes.append(f"a further frame after {len(r.later)} taps, ending at median {statistics.median(r.later):.1f} ms")
    if p95(r.frames) > r.target:
        notes.append("MISSES the target")
    return (f"{r.page}: median {statistics.median(r.frames):.1f} ms, p95 {p95(r.frames):.1f} ms "
            f"(target {r.target:g}) — {'; '.join(notes)}")


class Lines(list[Result]):
    """The results, each printed as it comes (a crash later still leaves the pages before it)."""

    def append(self, result: Result) -> None:
        super().append(result)
        print(line(result), flush=True)


def main() -> int:
    try:
        results, errors = run(os.environ.get("THIRDS_FRAMES_PROFILE", ""))
    except Exception:  # noqa: BLE001 - a crash here or in the app: say where, exit non-zero
        traceback.print_exc()
        print("frames: CRASHED (see above)")
        return 1
    measured = [r for r in results if r.frames]
    if measured:
        worst = max(measured, key=lambda r: p95(r.frames))
        over = [r.page for r in measured if p95(r.frames) > r.target]
        print(f"frames: worst p95 {p95(worst.frames):.1f} ms ({worst.page}); "
              + (f"over target: {', '.join(over)}" if over else "every page within its target"))
    if errors:
        print(f"frames: the app raised {len(errors)} exception(s) during taps (a crash in use)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
