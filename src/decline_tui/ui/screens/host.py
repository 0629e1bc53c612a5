"""What MainScreen's saving mixin (saving.py) may use of it: for the type checker only.

At run time `Host` is `object` and the mixins are plain classes. For mypy it is a Screen whose
`app` is DeclineApp and which has the main screen's state and methods below, so `self.app` and
`self.query_one(...)` are checked in the mixins too, and MainScreen against it (its methods are
abstract here: a MainScreen without one could not be made).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from abc import abstractmethod
    from datetime import datetime

    from textual import getters
    from textual.screen import Screen
    from textual.timer import Timer

    from decline_tui.core.session import Session
    from decline_tui.ui.app import DeclineApp

    class Host(Screen[None]):
        app = getters.app(DeclineApp)

        session: Session
        dirty: bool
        saved_at: datetime | None
        _save_timer: Timer | None

        @property
        @abstractmethod
        def now(self) -> datetime: ...

        @abstractmethod
        def mark_dirty(self) -> None: ...
        @abstractmethod
        def update_savestate(self) -> None: ...
        @abstractmethod
        def refresh_actions(self) -> None: ...

else:
    Host = object
