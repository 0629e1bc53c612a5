"""What can be wrong with a workbook file, worded for the person who has to fix it."""

from __future__ import annotations

from pathlib import Path


class WorkbookError(Exception):
    """The workbook cannot be used as it is; says where, so the person can fix it."""

    def __init__(self, path: Path, message: str, line: int | None = None, col: int | None = None):
        self.path = Path(path)
        self.message = message
        self.line = line
        self.col = col
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.message}"


class ConflictError(WorkbookError):
    """Another program changed the file after we read it; saving would destroy its change."""


class ReadOnlyError(WorkbookError):
    """The file or its folder is read-only: the person made it so, and a save must not undo it.

    Raised before anything is written; the changes stay in the app, which may save a copy
    elsewhere (Store.save_copy).
    """
