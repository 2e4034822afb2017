"""Progress of long work: what the library reports, and how the command line shows it.

The library only reports (:class:`AddProgress`, counted in sentences, through a callback);
the CLI formats: :func:`meter` gives a bar with the rate and the time left on a terminal
(rich), and plain lines at most every :data:`PLAIN_EVERY` seconds otherwise (a log file, a
pipe), always on stderr so stdout stays the command's output. :func:`rate_line` is the
closing line ("added 1,200 sentences in 14.2 s, 84.5 sentences/s").
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Protocol, TextIO

#: seconds between two plain progress lines (stderr not a terminal)
PLAIN_EVERY = 10.0


@dataclass(frozen=True, slots=True)
class AddProgress:
    """Where an add stands, in sentences (embedding them is the slow part).

    ``planned`` counts the sentences of the documents read so far that were not stored yet
    (it grows while files are read); ``done`` those stored or embedded and waiting for the rest of
    their document; ``resumed``, among ``done``, those whose vectors came from the checkpoint of an
    interrupted add (not embedded again). ``files_done``/``files_total`` are 0 outside
    :meth:`~tabayyun.core.Tabayyun.add_files`.
    """

    done: int = 0
    planned: int = 0
    resumed: int = 0
    documents: int = 0
    files_done: int = 0
    files_total: int = 0

    def estimated_total(self) -> int:
        """``planned``, extrapolated over the files not read yet (their sentences are not known)."""
        if self.files_total and 0 < self.files_done < self.files_total:
            return max(self.planned, round(self.planned * self.files_total / self.files_done))
        return self.planned


AddCallback = Callable[[AddProgress], None]


class AddTally:
    """The running counts of one add; each change is reported to ``callback`` (when there is one)."""

    def __init__(self, callback: AddCallback | None, files_total: int = 0) -> None:
        self.callback = callback
        self.state = AddProgress(files_total=files_total)

    def _set(self, **changes: int) -> None:
        s = self.state
        self.state = replace(s, **{k: getattr(s, k) + v for k, v in changes.items()})
        if self.callback is not None:
            self.callback(self.state)

    def plan(self, sentences: int) -> None:
        if sentences:
            self._set(planned=sentences)

    def embedded(self, sentences: int, *, resumed: bool = False) -> None:
        if sentences:
            self._set(done=sentences, resumed=sentences if resumed else 0)

    def document(self) -> None:
        self._set(documents=1)

    def file(self) -> None:
        self._set(files_done=1)


# -- showing it (the CLI) ----------------------------------------------------------------


class Meter(Protocol):
    """Shows ``done`` out of ``total`` items; ``close`` ends the display."""

    def update(self, done: int, total: int) -> None: ...

    def close(self) -> None: ...


def _duration(seconds: float) -> str:
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {s % 3600 // 60} min"


def rate(items: int, seconds: float) -> float:
    return items / seconds if seconds > 0 else 0.0


def rate_line(verb: str, items: int, seconds: float, unit: str) -> str:
    """``"added 1,200 sentences in 14.2 s, 84.5 sentences/s"``."""
    return f"{verb} {items:,} {unit} in {seconds:,.1f} s, {rate(items, seconds):,.1f} {unit}/s"


class PlainMeter:
    """One line per :data:`PLAIN_EVERY` seconds: done/total, percent, rate and time left."""

    def __init__(self, label: str, unit: str, stream: TextIO, *, every: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.label, self.unit, self.stream, self.clock = label, unit, stream, clock
        self.every = PLAIN_EVERY if every is None else every
        self.start = clock()
        self.last = self.start

    def line(self, done: int, total: int) -> str:
        elapsed = self.clock() - self.start
        r = rate(done, elapsed)
        out = f"{self.label}: {done:,}/{total:,} {self.unit}"
        if total:
            out += f" ({100 * done / total:.0f} %)"
        out += f", {r:,.1f} {self.unit}/s"
        if r > 0 and total > done:
            out += f", about {_duration((total - done) / r)} left"
        return out

    def update(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.last >= self.every:
            self.last = now
            print(self.line(done, total), file=self.stream, flush=True)

    def close(self) -> None:
        pass


class RichMeter:
    """A bar on the terminal: done/total, the rate and the time left (rich, on ``stream``)."""

    def __init__(self, label: str, unit: str, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.unit = unit
        self.start = time.monotonic()
        self.bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
            console=Console(file=stream), transient=True,
        )  # fmt: skip
        self.task = self.bar.add_task(label, total=None, rate="")
        self.bar.start()

    def update(self, done: int, total: int) -> None:
        r = rate(done, time.monotonic() - self.start)
        self.bar.update(self.task, completed=done, total=max(total, done) or None,
                        rate=f"{r:,.1f} {self.unit}/s")

    def close(self) -> None:
        self.bar.stop()


def meter(label: str, unit: str, stream: TextIO | None = None) -> Meter:
    """A bar when ``stream`` (default stderr) is a terminal, plain periodic lines otherwise."""
    out = sys.stderr if stream is None else stream
    if getattr(out, "isatty", lambda: False)():
        return RichMeter(label, unit, out)
    return PlainMeter(label, unit, out)


def add_summary(p: AddProgress, seconds: float) -> str:
    """The closing line of an add: the sentences embedded now, the time and the rate."""
    line = rate_line("embedded", p.done - p.resumed, seconds, "sentences")
    if p.resumed:
        line += f" ({p.resumed:,} more taken from an interrupted add's checkpoint)"
    return line


@contextmanager
def showing_add(stream: TextIO | None = None) -> Iterator[AddCallback]:
    """A progress callback for :meth:`~tabayyun.core.Tabayyun.add_files` shown by a :func:`meter`; the
    closing :func:`add_summary` line once the add has finished."""
    out = sys.stderr if stream is None else stream
    shown = meter("adding", "sentences", out)
    last = [AddProgress()]
    start = time.monotonic()

    def update(p: AddProgress) -> None:
        last[0] = p
        shown.update(p.done, p.estimated_total())

    try:
        yield update
    finally:
        shown.close()
    print(add_summary(last[0], time.monotonic() - start), file=out, flush=True)


@contextmanager
def showing_steps(label: str, verb: str, unit: str, total: int,
                  stream: TextIO | None = None) -> Iterator[Callable[[], None]]:
    """A ``step()`` to call once per item done (claims checked); the closing rate line at the end."""
    out = sys.stderr if stream is None else stream
    shown = meter(label, unit, out)
    done = [0]
    start = time.monotonic()

    def step() -> None:
        done[0] += 1
        shown.update(done[0], total)

    try:
        yield step
    finally:
        shown.close()
    print(rate_line(verb, done[0], time.monotonic() - start, unit), file=out, flush=True)
