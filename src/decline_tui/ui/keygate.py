"""Type-ahead lands where it was typed: one key at a time, each after the last has settled.

Textual's App forwards each key from the terminal to the widget focused *when the App reads
it*, by posting it to that widget's queue, and moves on. A key that changes focus (Tab, F3,
Enter on the offer list, a key that opens a dialog) does so only once it has bubbled back up
to a binding, so when several keys arrive in one terminal read (over SSH, from a text
expander, while the app is busy) the keys after it are already queued on the old widget:
"Tab L e a d" typed into the company field replaced the company with "Lead". (Textual 8.2;
upstream: keys are forwarded without waiting for the previous key's bindings, see
textual/app.py `App.on_event`.)

The gate holds each key from the terminal until the previous one has been handled all the
way: every message pump on the focused widget's chain (and the screen, and the app) has
emptied its queue, round after round, so a focus change caused by a follow-up message (an
option chosen, a dialog's first field focused) has happened too. Then the next key goes to
whatever is focused now. That is looked at only when the next key comes: a key typed once
the app is quiet goes through at once and costs nothing (settling after every key held up
painting the draft by 38 ms); a guard timer releases the gate should a pump vanish mid-way.

Work that ends in a focus change outside that chain (a region made the first time it is
shown, then focused) holds the keys itself: `hold_keys` until it is done.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

MAX_ROUNDS = 12  # settling rounds before a key is let through anyway
GUARD_SECONDS = 1.0  # a round not back by then belongs to a pump that went away
HOLD_SECONDS = 5.0  # a hold not let go by then belongs to work that failed: keys go on


class KeyGate(App[None]):
    """Mixin for the App: keys and pastes from the terminal are handled strictly in order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[events.Event] = deque()
        self._in_flight = False
        self._releasing: events.Event | None = None
        self._round = 0  # generation of the settle round under way
        self._settling = False  # rounds are under way for the key in flight
        self._key: events.Event | None = None  # the last key let through
        self._key_back = False  # it came back up to the app, or a binding here took it
        self._after_keys: list[Callable[[], None]] = []
        self._holds = 0  # work under way that the next key must wait for (hold_keys)
        self._held_back = False  # a settle round found a hold, and stopped there

    @staticmethod
    def _gated(event: events.Event) -> bool:
        return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded

    async def on_event(self, event: events.Event) -> None:
        if not self._gated(event):
            await super().on_event(event)
            if event is self._key:  # back from its trip up the DOM, bindings run
                self._key_back = True
            return
        if event is not self._releasing and not self._settled():
            self._held.append(event)
            return
        self._releasing = None
        self._in_flight = True  # settled lazily: only when the next key comes (see _settled)
        self._key, self._key_back = event, False
        try:
            await super().on_event(event)
            if not event.is_forwarded:  # a priority binding took it, here and now
                self._key_back = True
        finally:
            if self._held and not self._settling:  # keys wait already: settle for them now
                self._settling = True
                self._settle(rounds=0)

    def _settled(self) -> bool:
        """Whether the last key has been handled all the way, so the next may go.

        Looked at only when a key comes: ordinary typing, slower than the app, finds every
        queue empty and pays nothing; a key that comes too soon waits for settling rounds.
        """
        if not self._in_flight and not self._holds:
            return True
        if self._settling:
            return False
        if not self._busy():
            self._in_flight = False
            return True
        self._settling = True
        self._settle(rounds=0)
        return False

    def when_keys_done(self, callback: Callable[[], None]) -> None:
        """Run `callback` once every key read from the terminal so far has been handled.

        Called through the app's queue (call_later), so keys the driver has posted but the app
        has not looked at yet are counted too."""
        if self._settled() and not self._held:
            callback()
        else:
            self._after_keys.append(callback)

    def hold_keys(self) -> Callable[[], None]:
        """Keep the next keys back until the returned function is called (once is enough).

        For a key whose work goes on outside its chain and ends by moving the focus: the
        scenario helper, made the first time F6 shows it, then focused. The keys typed after
        it are the helper's, not the editor's that had the focus meanwhile."""
        self._holds += 1
        done = False

        def let_go() -> None:
            nonlocal done
            if done:
                return
            done = True
            self._holds -= 1
            if not self._holds and self._held_back:
                self._held_back = False
                self._settle(rounds=0)

        self.set_timer(HOLD_SECONDS, let_go)
        return let_go

    def _busy(self) -> bool:
        """The last key is still on its way, or a pump on the chain has work queued.

        (A queue's count of unfinished tasks would also show a message being handled, but
        Textual never marks a message done that a newer one replaced, so it only grows.)"""
        if self._holds:
            return True
        key = self._key
        if key is not None and not self._key_back and not key._stop_propagation:
            return True
        return any(pump.message_queue_size for pump in self._chain())

    def _chain(self) -> list[MessagePump]:
        """The pumps a key travels through, and those that act on it: focused widget up."""
        pumps: list[MessagePump] = [self]
        try:
            screen = self.screen
        except Exception:  # no screen yet, or the app is closing
            return pumps
        pumps.append(screen)
        focused = screen.focused
        if focused is not None:
            pumps.extend(node for node in focused.ancestors_with_self if node is not screen)
        return pumps

    def _settle(self, rounds: int) -> None:
        """Wait until every pump on the chain has handled what was queued before this round."""
        self._round += 1
        generation = self._round
        pumps = self._chain()
        pending = 0

        def one_done() -> None:
            nonlocal pending
            pending -= 1
            if pending == 0 and generation == self._round:
                self._round_done(rounds)

        for pump in pumps:
            if pump.call_later(one_done):
                pending += 1
        if pending == 0:
            self._release()
            return
        self.set_timer(GUARD_SECONDS, lambda: self._guard(generation))

    def _round_done(self, rounds: int) -> None:
        if self._holds:  # settled again once the hold is let go
            self._round += 1  # this round's guard is void
            self._held_back = True
            return
        if self._busy() and rounds + 1 < MAX_ROUNDS:
            self._settle(rounds + 1)
        else:
            self._release()

    def _guard(self, generation: int) -> None:
        if generation == self._round and self._in_flight:
            self._release()

    def _release(self) -> None:
        self._round += 1  # outstanding callbacks and guards of this key are void now
        self._in_flight = False
        self._settling = False
        if self._held:
            self._releasing = self._held.popleft()
            self._in_flight = True  # keeps later keys behind the one being released
            self.post_message(self._releasing)
        else:
            waiting, self._after_keys = self._after_keys, []
            for callback in waiting:
                callback()
