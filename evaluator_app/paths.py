"""Every path the app uses is decided here.

Bundled, read-only files (`resources/`, `scoring_sheets/`) come from the resource root: the
PyInstaller bundle when frozen, the source tree otherwise. User data (settings, keys, logs,
backups) lives in the data folder, never inside the bundle. The GUI sets the data folder from
QStandardPaths at start-up; the command line uses the platform default or EVALUATOR_APP_DATA_DIR.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "evaluator-app"
_standard_dir: Path | None = None  # the platform's place for app data (QStandardPaths in the GUI)
_data_dir_override: Path | None = None  # the user's choice in the settings


def resource_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return resource_root() / "resources"


def scoring_sheets_dir() -> Path:
    return resource_root() / "scoring_sheets"


def default_sheet_path() -> Path:
    return scoring_sheets_dir() / "sms-pilot-default.json"


def set_standard_dir(path: str | os.PathLike[str] | None) -> None:
    global _standard_dir
    _standard_dir = Path(path) if path else None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """The data folder chosen in the settings (backups, keys, logs); None restores the standard one."""
    global _data_dir_override
    _data_dir_override = Path(path) if path else None


def data_dir() -> Path:
    if _data_dir_override is not None:
        return _data_dir_override
    return config_dir()


def config_dir() -> Path:
    """Where settings.ini lives: never moved by the data-folder setting it holds."""
    env = os.environ.get("EVALUATOR_APP_DATA_DIR")
    if env:
        return Path(env)
    if _standard_dir is not None:
        return _standard_dir
    if sys.platform == "win32":  # what QStandardPaths calls the generic data location
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def backups_dir() -> Path:
    return data_dir() / "backups"
