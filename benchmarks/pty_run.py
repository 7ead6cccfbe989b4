"""Run a terminal app under a pseudo-terminal: time its start, count its output, read its RSS.

The app reports two moments by appending ``<event> <time.monotonic()>`` lines to the file named
by ``AGENTTUI_BENCH_MARKERS``: ``first-frame`` (Textual's Ready: the first frame is painted) and
``loaded`` (every agent is in the tree). CLOCK_MONOTONIC is shared by all processes, so those
times compare directly with the launch time taken here.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

COLUMNS, ROWS = 120, 40
MARKERS_VAR = "AGENTTUI_BENCH_MARKERS"


@dataclass
class PtyApp:
    """A child process on a pseudo-terminal, with everything it wrote counted."""

    pid: int
    master: int
    markers: Path
    launched: float
    first_byte: float | None = None
    written: int = 0
    rusage_kb: int | None = None
    tail: bytes = b""

    def pump(self, seconds: float) -> int:
        """Read the app's output for ``seconds``; the number of bytes read."""
        total = 0
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                total += self._read()
        return total

    def _read(self) -> int:
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the child closed the terminal
            time.sleep(0.01)
            return 0
        if chunk and self.first_byte is None:
            self.first_byte = time.monotonic()
        self.written += len(chunk)
        self.tail = (self.tail + chunk)[-4096:]
        return len(chunk)

    def failure(self, what: str) -> RuntimeError:
        """An error saying ``what`` did not happen, with the end of the app's output."""
        text = self.tail.decode("utf-8", "replace")
        return RuntimeError(f"{what}; the app's last output:\n{text[-1500:]}")

    def wait_for(self, event: str, timeout: float) -> float | None:
        """Seconds from launch until the app reported ``event``; None after ``timeout`` or
        when the app exited first."""
        deadline = time.monotonic() + timeout
        while event not in self._markers() and time.monotonic() < deadline:
            if self.exited():
                break
            self.pump(0.02)
        at = self._markers().get(event)
        return None if at is None else at - self.launched

    def exited(self) -> bool:
        """True once the child has ended (its peak memory is then in ``rusage_kb``)."""
        if self.rusage_kb is None:
            pid, _status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.rusage_kb = usage.ru_maxrss
        return self.rusage_kb is not None

    def _markers(self) -> dict[str, float]:
        seen: dict[str, float] = {}
        if self.markers.exists():
            for line in self.markers.read_text().splitlines():
                name, _, at = line.partition(" ")
                seen.setdefault(name, float(at))
        return seen

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def settle(self, quiet: float = 0.5, limit: float = 10.0) -> None:
        """Read until the app has written nothing for ``quiet`` seconds (at most ``limit``)."""
        deadline = time.monotonic() + limit
        while self.pump(quiet) and time.monotonic() < deadline:
            pass

    def bursts(self, keys: bytes, quiet: float = 0.25,
               limit: float = 10.0) -> list[tuple[float, bytes]]:
        """Send ``keys`` and read what comes until ``quiet`` seconds pass without output:
        each read as (seconds since sending, bytes). A key can cause several frames (a
        Textual app repaints scrollbars in the frame after a layout change)."""
        self.send(keys)
        sent = time.monotonic()
        chunks: list[tuple[float, bytes]] = []
        deadline = sent + limit
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], quiet if chunks else left)
            if not ready:
                break
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            self.written += len(chunk)
            self.tail = (self.tail + chunk)[-4096:]
            chunks.append((time.monotonic() - sent, chunk))
        return chunks

    def response(self, keys: bytes, quiet: float = 0.25,
                 limit: float = 10.0) -> tuple[float | None, int]:
        """Send ``keys``, wait for output (up to ``limit``) and read it until ``quiet`` seconds
        pass without any: the seconds from sending to the last byte of that burst (None when
        nothing came) and the bytes in it. A blinking cursor restarts its blink on a key, so
        the burst holds at most one blink (when it lasts nearly the blink interval)."""
        self.send(keys)
        sent = time.monotonic()
        last, count = None, 0
        deadline = sent + limit
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left if last is None else quiet)
            if not ready:
                break
            read = self._read()
            if read:
                last, count = time.monotonic(), count + read
        return (None if last is None else last - sent), count

    def quit(self, keys: bytes = b"\x11", timeout: float = 10.0) -> None:
        """Send the quit key, drain until the child exits (killing it after ``timeout``), and
        keep its resource usage."""
        if not self.exited():
            self.send(keys)
        deadline = time.monotonic() + timeout
        while not self.exited() and time.monotonic() < deadline:
            self.pump(0.05)
        if not self.exited():
            os.kill(self.pid, signal.SIGKILL)
            self.rusage_kb = os.wait4(self.pid, 0)[2].ru_maxrss
        os.close(self.master)


def launch(argv: Sequence[str], env: Mapping[str, str], markers: Path) -> PtyApp:
    """Start ``argv`` on a new 120x40 pseudo-terminal with TERM=xterm-256color."""
    markers.unlink(missing_ok=True)
    child_env = {**env, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS),
                 MARKERS_VAR: str(markers)}
    launched = time.monotonic()
    pid, master = pty.fork()
    if pid == 0:  # the child: size its terminal, then become the app
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        os.execvpe(argv[0], list(argv), child_env)
    return PtyApp(pid, master, markers, launched)
