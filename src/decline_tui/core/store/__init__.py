"""The workbook file: TOML in, TOML out, without ever losing the person's words.

One job a module, each below the next:
- paths: where the workbook lives (data_dir, workbook_path).
- errors: WorkbookError and its kinds, worded for the person who has to fix the file.
- schema: the file's version, its upgrades (MIGRATIONS) and the fields of each table.
- positions: where a key or header is in the text, for messages and for cutting.
- reading: text to a checked Workbook, by the standard library's TOML parser.
- writing: a Workbook into the tomlkit document, touching only what changed (apply).
- pieces: saving offer by offer, so a 1,000-offer file saves in milliseconds.
- file: Store, the file itself: atomic, private saves, the folder's lock, links kept,
  other programs' writes noticed.
"""

from decline_tui.core.safefile import atomic_write, keep_beside, remove_stale_temps
from decline_tui.core.store.errors import ConflictError, ReadOnlyError, WorkbookError
from decline_tui.core.store.file import Store
from decline_tui.core.store.paths import (
    APP_NAME,
    ENV_DATA_DIR,
    FILE_NAME,
    data_dir,
    workbook_path,
)
from decline_tui.core.store.reading import read_text, read_workbook
from decline_tui.core.store.schema import MAX_CHECKIN_MONTHS, MIGRATIONS, SCHEMA_VERSION
from decline_tui.core.store.writing import apply

__all__ = [
    "APP_NAME",
    "ENV_DATA_DIR",
    "FILE_NAME",
    "MAX_CHECKIN_MONTHS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ConflictError",
    "ReadOnlyError",
    "Store",
    "WorkbookError",
    "apply",
    "atomic_write",
    "data_dir",
    "keep_beside",
    "read_text",
    "read_workbook",
    "remove_stale_temps",
    "workbook_path",
]
