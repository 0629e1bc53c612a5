"""Where the workbook lives: one folder per person, chosen by flag, environment or platform."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "decline-tui"
FILE_NAME = "workbook.toml"
ENV_DATA_DIR = "DECLINE_TUI_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where the workbook lives: --data-dir, else $DECLINE_TUI_DATA_DIR, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only needed when no override is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def workbook_path(folder: str | os.PathLike[str] | None = None) -> Path:
    """The workbook file inside the data folder."""
    return data_dir(folder) / FILE_NAME
