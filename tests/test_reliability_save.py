"""Saving under real failures: real processes, real SIGKILL, two programs on one workbook.

test_store.py checks the same promises in one process with monkeypatched failures; these
check them the way they break in life. A saving process is killed at random moments, and
afterwards the workbook must hold exactly its old bytes or its new ones, be private (0600),
and leave at most one temp file, which the next save removes. Two processes saving the same
workbook over and over must never lose an update without one of them being told.

Children are made with os.fork (milliseconds each: everything is imported already) and always
leave by os._exit, so no child ever runs pytest's code. `pytest --soak` runs many more
iterations. POSIX only: Windows has neither fork nor SIGKILL.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import select
import signal
import stat
import struct
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from decline_tui.core import filelock
from decline_tui.core.model import Contact, Interaction, Offer, Profile, Terms, Workbook
from decline_tui.core.store import ConflictError, Store, WorkbookError, read_workbook

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"),
    reason="needs os.fork and SIGKILL (POSIX)",
)

FAILED = 3  # a child's exit status when its save raised
FINISH, QUIT = -1.0, -2.0  # commands to a parked save besides a delay
WAIT = 20.0  # seconds a pipe read may take before the test gives up instead of hanging


# --------------------------------------------------------------------------- workbooks


def realistic(n: int, variant: str, seed: int = 7) -> Workbook:
    """A job search's worth of offers; variants share ids but differ all through the file."""
    rng = random.Random(seed)
    wb = Workbook(profile=Profile(name="Sam Lee", email="sam@example.com"))
    for i in range(n):
        company = f"{rng.choice(['Acme', 'Globex', 'Sólás', 'Brückner', 'Ōkami'])} {i}"
        first = rng.choice(["María", "Tom", "Priya", "Léa", "Kenji"])
        offer = Offer(
            id=f"offer-{i}",
            company=company,
            role=rng.choice(["Senior Product Designer", "Staff Engineer", "UX Lead"]),
            contact_name=f"{first} López",
            contact_email=f"{first.lower()}{i}@example.com",
            received=date(2026, 1, 1) + timedelta(days=i % 300),
            deadline=date(2026, 1, 8) + timedelta(days=i % 300),
            channel=rng.choice(["email", "phone"]),
            reason="I have accepted a role that lets me stay close to my family",
            admired="the care your team puts into accessibility",
            project="the warehouse dashboard redesign",
            status=rng.choice(["declined", "deciding", "declined"]),
            notes=f"Round {i} notes ({variant}).\nAsk about the parental leave policy.\n",
            interviews=rng.randint(0, 5),
            drafts={
                "email": f"Dear {first},\n\nThank you for the offer ({variant}).\n\n" * 3,
            },
            contacts=[Contact(name=f"{first} Park", role="Recruiter", email=f"r{i}@example.com")],
            log=[
                Interaction(date=date(2026, 2, 1), kind="call", channel="phone", note=variant),
            ],
            counter=Terms(salary=90_000 + i, remote="hybrid") if i % 4 == 0 else None,
            send_at=datetime(2026, 3, 2, 9, 0) if i % 7 == 0 else None,
        )
        if variant == "B" and i % 5 == 0:
            offer.status = "declined"
            offer.log.append(Interaction(date=date(2026, 3, 1), note=f"followed up {i}"))
        wb.offers.append(offer)
    if variant == "B":
        wb.offers.append(Offer(id="late-offer", company="Late Offer GmbH"))
    return wb


def settle(path: Path, wb_a: Workbook, wb_b: Workbook) -> tuple[bytes, bytes]:
    """Save A and B by turns until each comes out the same: the two contents a save can leave.

    The file starts with a person's own comment, which every save must keep.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# my job search, also edited by hand\n", encoding="utf-8")
    store = Store(path)
    store.load()
    last: tuple[bytes, bytes] | None = None
    for _ in range(5):
        store.save(wb_a)
        a = path.read_bytes()
        store.save(wb_b)
        b = path.read_bytes()
        if (a, b) == last:
            store.save(wb_a)
            assert path.read_bytes() == a
            return a, b
        last = (a, b)
    raise AssertionError("saving A and B by turns never settled on two contents")


def temp_names(folder: Path) -> set[str]:
    """Everything in the data folder besides the workbook; only save's temp files belong."""
    names = {p.name for p in folder.iterdir()} - {"workbook.toml"}
    assert all(n.startswith(".workbook.toml.") and n.endswith(".tmp") for n in names), names
    return names


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def spin(until: float) -> None:
    """Wait precisely: time.sleep is too coarse for kills a fraction of a millisecond apart."""
    while time.perf_counter() < until:
        pass


def read_exact(fd: int, size: int, timeout: float = WAIT) -> bytes:
    data = b""
    deadline = time.monotonic() + timeout
    while len(data) < size:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError("a child process did not answer in time")
        chunk = os.read(fd, size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def reap(pid: int, timeout: float = WAIT) -> int:
    """Wait for a child (killing it if it outlives the timeout); its wait status."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.002)  # a polling slice: the condition is the child's exit
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


def child(body) -> int:
    """Fork; the child runs body() and leaves by os._exit (0 done, FAILED on any exception)."""
    pid = os.fork()
    if pid:
        return pid
    code = FAILED
    try:
        body()
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)


# --------------------------------------------------------------------------- crashes


class _Parked(BaseException):
    """Raised in the test process once a fork of it waits at a save's locked section."""

    def __init__(self, pid: int):
        super().__init__(pid)
        self.pid = pid


class ParkedSave:
    """A process stopped inside Store.save where it takes the lock, data already serialised.

    Each run() forks a copy that goes on with the real save (lock, conflict check, stale
    temp files, write, fsync, replace) and SIGKILLs it after a delay. So hundreds of kills
    land in the part of a save that touches the disk, without redoing the TOML work first.
    """

    def __init__(self, pid: int, commands: int, results: int):
        self.pid, self.commands, self.results = pid, commands, results

    @classmethod
    def start(cls, store: Store, wb: Workbook) -> ParkedSave:
        real_hold = filelock.hold
        commands_r, commands_w = os.pipe()
        results_r, results_w = os.pipe()

        @contextlib.contextmanager
        def forking_hold(folder, *args, **kwargs):
            pid = os.fork()
            if pid:
                raise _Parked(pid)
            os.close(commands_w)
            os.close(results_r)
            _serve(commands_r, results_w)  # returns only in a victim
            with real_hold(folder, *args, **kwargs) as held:
                yield held

        parent = os.getpid()
        filelock.hold = forking_hold
        try:
            store.save(wb)
        except _Parked as parked:
            os.close(commands_r)
            os.close(results_w)
            return cls(parked.pid, commands_w, results_r)
        except BaseException:
            if os.getpid() == parent:
                raise
            os._exit(FAILED)  # a victim whose save failed
        finally:
            if os.getpid() == parent:
                filelock.hold = real_hold
        if os.getpid() == parent:
            raise AssertionError("Store.save never took the folder's lock")
        os._exit(0)  # a victim whose save completed

    def run(self, delay: float | None) -> tuple[int, float]:
        """One victim, killed `delay` seconds after its fork (None: let it finish)."""
        os.write(self.commands, struct.pack("=d", FINISH if delay is None else delay))
        status, elapsed = struct.unpack("=id", read_exact(self.results, 12))
        return status, elapsed

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self.commands, struct.pack("=d", QUIT))
        os.close(self.commands)
        os.close(self.results)
        reap(self.pid)


def _serve(commands: int, results: int) -> None:
    """In the parked process: fork a victim per command, kill it on time, report how it went."""
    while True:
        raw = read_exact(commands, 8, timeout=3600)
        (delay,) = struct.unpack("=d", raw) if len(raw) == 8 else (QUIT,)
        if delay == QUIT:
            os._exit(0)
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.close(commands)
            os.close(results)
            return
        if delay >= 0:
            spin(start + delay)
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.write(results, struct.pack("=id", status, time.perf_counter() - start))


class CrashLedger:
    """Checks the folder after each kill and counts where in the save the kills landed."""

    def __init__(self, path: Path, contents: dict[bytes, str]):
        self.path, self.contents = path, contents
        self.counts: dict[str, int] = {}

    def state(self) -> str:
        data = self.path.read_bytes()
        if data not in self.contents:
            a, b = self.contents
            raise AssertionError(
                f"the workbook holds neither the old nor the new content ({len(data)} bytes; "
                f"A is {len(a)}, B is {len(b)})"
            )
        return self.contents[data]

    def after(self, before: str, temps_before: set[str], status: int) -> str:
        now = self.state()
        assert mode(self.path) == 0o600
        temps = temp_names(self.path.parent)
        assert len(temps) <= 1, f"temp files pile up: {sorted(temps)}"
        for name in temps:
            assert mode(self.path.parent / name) == 0o600  # even a half-written copy is private
        if os.WIFSIGNALED(status):
            assert os.WTERMSIG(status) == signal.SIGKILL
            if now != before:
                where = "after the replace"
            elif temps - temps_before:
                where = "mid-write"
            else:
                where = "before the write"
        else:
            assert os.WEXITSTATUS(status) == 0, "the save failed instead of completing"
            assert now != before
            where = "finished"
        self.counts[where] = self.counts.get(where, 0) + 1
        return now


@pytest.fixture(scope="module")
def crash_setup(tmp_path_factory):
    """Two versions of a 50-offer workbook and a store ready to save each over the other.

    Shared by the crash tests (it takes a second to make): whatever a test leaves, the file
    holds A or B, and each store only ever saves in a forked copy.
    """
    path = tmp_path_factory.mktemp("crash") / "data" / "workbook.toml"
    wb = {"A": realistic(50, "A"), "B": realistic(50, "B")}
    a, b = settle(path, wb["A"], wb["B"])
    assert a != b
    for content, name in ((a, "A"), (b, "B")):
        parsed = read_workbook(content, path)
        assert parsed == wb[name]  # the project's parser reads back exactly what was saved
    stores = {}
    for name, content in (("A", a), ("B", b)):  # a store that has read A saves B, and back
        path.write_bytes(content)
        stores[name] = Store(path)
        stores[name].load()
    os.chmod(path, 0o600)
    return path, wb, stores, {a: "A", b: "B"}


def test_a_save_killed_anywhere_leaves_the_old_or_the_new_workbook(crash_setup, soak):
    """Kills spread over a whole save, TOML work included, from its first line to its last."""
    path, wb, stores, contents = crash_setup
    ledger = CrashLedger(path, contents)
    other = {"A": "B", "B": "A"}
    rng = random.Random(20261125)

    def save_once(delay: float | None) -> tuple[int, float]:
        before = ledger.state()
        temps = temp_names(path.parent)
        start = time.perf_counter()
        pid = child(lambda: stores[before].save(wb[other[before]]))
        if delay is not None:
            spin(start + delay)
            os.kill(pid, signal.SIGKILL)
        status = reap(pid)
        elapsed = time.perf_counter() - start
        ledger.after(before, temps, status)
        return status, elapsed

    # The quickest of a few full saves: on a busy machine the median overshoots, and every
    # kill would land after the save was done.
    duration = min(save_once(None)[1] for _ in range(3))
    kills = 500 if soak else 12
    for _ in range(kills):
        save_once(rng.uniform(0, 1.2 * duration))
    print(f"whole save {duration * 1000:.1f} ms; {kills} kills landed: {ledger.counts}")
    assert sum(ledger.counts.values()) == kills + 3


def test_a_write_killed_at_random_moments_leaves_the_old_or_the_new_workbook(crash_setup, soak):
    """Hundreds of kills inside the part of a save that touches the disk, then a clean save."""
    path, wb, stores, contents = crash_setup
    ledger = CrashLedger(path, contents)
    parked = {}
    try:
        parked["A"] = ParkedSave.start(stores["A"], wb["B"])  # runs when the file holds A
        parked["B"] = ParkedSave.start(stores["B"], wb["A"])

        def run(delay: float | None) -> float:
            before = ledger.state()
            temps = temp_names(path.parent)
            status, elapsed = parked[before].run(delay)
            ledger.after(before, temps, status)
            return elapsed

        duration = min(run(None) for _ in range(8))  # the quickest: see above
        rng = random.Random(20261126)
        kills = 5000 if soak else 200
        for _ in range(kills):
            run(rng.uniform(0, 1.2 * duration))
    finally:
        for saver in parked.values():
            saver.close()
    print(f"locked section {duration * 1000:.2f} ms; {kills} kills landed: {ledger.counts}")
    assert sum(ledger.counts.values()) == kills + 8
    # Kills after the replace are rarer (the dir fsync and exit are short): only a soak is
    # sure to see some, though it is almost certain in CI too.
    for where in ("before the write", "mid-write", *(["after the replace"] if soak else [])):
        assert ledger.counts.get(where, 0) > 0, f"no kill landed {where}"
    # The next save after all that leaves the folder clean.
    store = Store(path)
    store.save(store.load())
    assert temp_names(path.parent) == set()
    assert mode(path) == 0o600


# --------------------------------------------------------------------------- two instances


def _log_notes(path: Path) -> list[str]:
    wb = read_workbook(path.read_bytes(), path)
    return [entry.note for entry in wb.offers[0].log]


def _small_workbook(path: Path) -> None:
    store = Store(path)
    store.load()
    store.save(realistic(3, "A"))


def test_two_processes_saving_one_workbook_lose_no_update(data_dir, soak):
    """Each adds its own log entries as fast as it can; on a conflict it loads theirs and redoes,
    as the app's "Load theirs" does. Every entry either process saved must be in the file."""
    path = data_dir / "workbook.toml"
    _small_workbook(path)
    rounds = 150 if soak else 25  # the log grows with every round, and so does each save
    go_r, go_w = os.pipe()
    reports: dict[str, int] = {}
    pids: dict[str, int] = {}

    def worker(name: str, out: int) -> None:
        read_exact(go_r, 1)
        store = Store(path)
        wb = store.load()
        conflicts = private = 0
        for k in range(rounds):
            while True:
                wb.offers[0].log.append(Interaction(date=date(2026, 11, 25), note=f"{name}-{k}"))
                try:
                    store.save(wb)
                    break
                except ConflictError:
                    conflicts += 1
                    wb = store.load()  # load theirs, then redo ours
            private += mode(path) == 0o600
        os.write(out, json.dumps({"conflicts": conflicts, "private": private}).encode() + b"\n")

    outs = {}
    for name in ("left", "right"):
        out_r, out_w = os.pipe()
        pids[name] = child(lambda name=name, out_w=out_w: worker(name, out_w))
        os.close(out_w)
        outs[name] = out_r
    os.write(go_w, b"gg")
    for name, pid in pids.items():
        assert reap(pid, timeout=20 + 2 * rounds) == 0, f"{name} failed"
        report = json.loads(os.read(outs[name], 4096))
        assert report["private"] == rounds  # 0600 after every save
        reports[name] = report["conflicts"]
        os.close(outs[name])
    os.close(go_r)
    os.close(go_w)

    notes = _log_notes(path)
    for name in ("left", "right"):
        mine = [n for n in notes if n.startswith(f"{name}-")]
        assert mine == [f"{name}-{k}" for k in range(rounds)], f"{name} lost an update"
    assert len(notes) == 1 + 2 * rounds
    assert mode(path) == 0o600
    assert temp_names(path.parent) == set()
    print(f"{2 * rounds} saves from two processes, none lost; conflicts caught: {reports}")


def test_a_save_waits_for_the_lock_gives_up_with_a_message_and_a_dead_holder_frees_it(
    data_dir, monkeypatch
):
    path = data_dir / "workbook.toml"
    _small_workbook(path)
    before = path.read_bytes()
    store = Store(path)
    wb = store.load()
    wb.offers[0].notes = "mine"
    ready_r, ready_w = os.pipe()

    def holder() -> None:
        with filelock.hold(path.parent) as held:
            os.write(ready_w, b"y" if held else b"n")
            time.sleep(WAIT)  # holds the lock until the test kills it (WAIT: a safety net)

    pid = child(holder)
    try:
        assert read_exact(ready_r, 1) == b"y"
        monkeypatch.setattr(filelock, "TIMEOUT", 0.2)
        start = time.monotonic()
        with pytest.raises(WorkbookError, match=r"could not be saved: .*locked") as info:
            store.save(wb)
        assert 0.2 <= time.monotonic() - start < 5
        assert not isinstance(info.value, ConflictError)
        assert path.read_bytes() == before
    finally:
        os.kill(pid, signal.SIGKILL)  # a holder that dies, however it dies, lets go
        reap(pid)
        os.close(ready_r)
        os.close(ready_w)
    store.save(wb)
    assert read_workbook(path.read_bytes(), path).offers[0].notes == "mine"


@pytest.mark.parametrize("flock", [True, False], ids=["flock", "no-flock"])
def test_a_save_removes_temp_files_that_crashed_saves_left(data_dir, monkeypatch, flock):
    """Under the lock every temp file is stale; without one (Windows), only old ones are."""
    path = data_dir / "workbook.toml"
    _small_workbook(path)
    if not flock:
        monkeypatch.setattr(filelock, "fcntl", None)
    old, fresh = path.parent / ".workbook.toml.old12345.tmp", path.parent / ".workbook.toml.new.tmp"
    for leftover in (old, fresh):
        leftover.write_bytes(b"half a workbook")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    other = path.parent / ".notes.txt.abc.tmp"  # not the workbook's: never touched
    other.write_text("x")
    store = Store(path)
    store.save(store.load())
    left = {p.name for p in path.parent.iterdir()}
    assert left == {"workbook.toml", other.name} | (set() if flock else {fresh.name})


@pytest.mark.parametrize("locked", [True, False], ids=["with-lock", "without-lock"])
def test_no_save_slips_in_between_another_save_s_check_and_its_write(data_dir, monkeypatch, locked):
    """Process A stops after its last check, just before its rename; B then saves.

    With the lock, B waits for A and is told of A's change (a ConflictError, never a silent
    loss). Without it (the lock replaced by nothing) B's save succeeds and A's rename then
    erases it, and nobody knows: the race the lock closes, shown deterministically. (A save
    re-checks the file after writing its new one, so only this last moment is left open.)
    """
    path = data_dir / "workbook.toml"
    _small_workbook(path)
    if not locked:
        monkeypatch.setattr(filelock, "hold", lambda folder, *a, **k: contextlib.nullcontext(False))
    in_window_r, in_window_w = os.pipe()
    go_r, go_w = os.pipe()
    a_out_r, a_out_w = os.pipe()
    b_out_r, b_out_w = os.pipe()
    real_replace = os.replace

    def paused_replace(src, dst):  # the new file is written and the file re-checked
        if Path(dst) == path:
            os.write(in_window_w, b"w")
            read_exact(go_r, 1)
        real_replace(src, dst)

    def saver(note: str, out: int, pause: bool) -> None:
        store = Store(path)
        wb = store.load()
        wb.offers[0].log.append(Interaction(date=date(2026, 11, 25), note=note))
        if pause:
            os.replace = paused_replace  # only in this child
        try:
            store.save(wb)
        except ConflictError:
            os.write(out, b"c")
        else:
            os.write(out, b"s")

    pid_a = child(lambda: saver("from A", a_out_w, pause=True))
    assert read_exact(in_window_r, 1) == b"w"  # A checked the file, holds the lock if any
    pid_b = child(lambda: saver("from B", b_out_w, pause=False))
    if locked:
        ready, _, _ = select.select([b_out_r], [], [], 0.3)
        assert not ready, "B saved while A was between its check and its write"
    else:
        assert read_exact(b_out_r, 1) == b"s"  # B found the file unchanged and wrote it
    os.write(go_w, b"g")
    assert read_exact(a_out_r, 1) == b"s"
    assert reap(pid_a) == 0
    if locked:
        assert read_exact(b_out_r, 1) == b"c"  # B was told: a ConflictError
    assert reap(pid_b) == 0
    for fd in (in_window_r, in_window_w, go_r, go_w, a_out_r, a_out_w, b_out_r, b_out_w):
        os.close(fd)

    notes = _log_notes(path)
    assert "from A" in notes
    assert "from B" not in notes  # without the lock, B's "saved" was a silent loss
    assert mode(path) == 0o600
