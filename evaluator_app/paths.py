r"""Every path the app uses is decided here.

Bundled, read-only files (`resources/`, `scoring_sheets/`) come from the resource root: the
PyInstaller bundle when frozen, the source tree otherwise. Nothing is written inside the bundle.

The configuration folder holds settings.ini and the seal keys (`keys/`). It depends on the platform
and the environment only, so the window and the command line always share it and the data-folder
setting (kept in it) never moves it: Linux `$XDG_CONFIG_HOME/evaluator-app` (`~/.config/…`),
Windows `%APPDATA%\evaluator-app`, macOS `~/Library/Application Support/evaluator-app`;
EVALUATOR_APP_CONFIG_DIR, else EVALUATOR_APP_DATA_DIR, overrides it (tests, portable use).

The data folder holds backups, logs and the demo: the platform's data location (QStandardPaths in
the GUI, the same folder the command line computes) or EVALUATOR_APP_DATA_DIR, and the user may
move it in the settings. Earlier versions kept settings.ini and `keys/` in the data folder; both
are moved once to the configuration folder when first needed.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from . import system

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
    """The data folder chosen in the settings (backups, logs); None restores the standard one."""
    global _data_dir_override
    _data_dir_override = Path(path) if path else None


def data_dir() -> Path:
    """Backups, logs, the demo: where the settings put them, else the standard data folder."""
    if _data_dir_override is not None:
        return _data_dir_override
    return standard_data_dir()


def standard_data_dir() -> Path:
    """The data folder when the settings do not move it (and where earlier versions kept settings and keys)."""
    env = os.environ.get("EVALUATOR_APP_DATA_DIR")
    if env:
        return Path(env)
    if _standard_dir is not None:
        return _standard_dir
    return system.data_base() / APP_NAME  # what QStandardPaths calls the generic data location


def config_dir() -> Path:
    """Settings and seal keys: a function of the platform and the environment, never of a setting."""
    env = os.environ.get("EVALUATOR_APP_CONFIG_DIR") or os.environ.get("EVALUATOR_APP_DATA_DIR")
    if env:
        return Path(env)
    return system.config_base() / APP_NAME  # on Windows the roaming profile, as QStandardPaths' AppDataLocation


def keys_dir() -> Path:
    """The seal's key files: in the configuration folder, whatever the data-folder setting says."""
    return config_dir() / "keys"


def earlier_data_dirs() -> list[Path]:
    """Where earlier versions kept settings.ini and `keys/`: the data folder in use, then the standard one."""
    found: list[Path] = []
    for folder in (data_dir(), standard_data_dir()):
        if folder not in found and folder != config_dir():
            found.append(folder)
    return found


def settings_file() -> Path:
    """settings.ini in the configuration folder, moved there once from the data folder of earlier versions."""
    target = config_dir() / "settings.ini"
    if not target.exists():
        for folder in earlier_data_dirs():
            earlier = folder / "settings.ini"
            if earlier.is_file():
                with contextlib.suppress(OSError):  # unreadable or unmovable: start with fresh settings
                    move_file(earlier, target)
                break
    return target


def move_file(source: Path, target: Path) -> None:
    """Move one file, across drives too; `target` appears whole or not at all. OSError if it cannot."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
        return
    except OSError:
        pass
    partial = target.with_name(f".{target.name}.moving")
    try:
        import shutil  # only for the one-time move of an old key folder
        shutil.copy2(source, partial)
        os.replace(partial, target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    with contextlib.suppress(OSError):
        source.unlink()


def backups_dir() -> Path:
    return data_dir() / "backups"
