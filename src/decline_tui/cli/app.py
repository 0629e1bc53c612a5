"""No command: the full-screen workbook (Textual loads only when it is wanted)."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from decline_tui.cli.common import EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    """Open the full-screen workbook; a broken file is reported here and never opened."""
    from decline_tui.core.session import Session
    from decline_tui.core.store import workbook_path

    session, created, recovered = Session.start(
        workbook_path(args.data_dir), date.today(), datetime.now()
    )
    from decline_tui.ui.app import DeclineApp  # Textual loads only when the app is wanted

    app = DeclineApp(session, created=created, recovered=recovered)
    app.run()
    return app.return_code or EXIT_OK
