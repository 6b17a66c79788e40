"""Preferences and window state, declared once, kept in settings.ini in the configuration folder."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from evaluator_app.paths import settings_file

MAX_RECENT = 10


class AppSettings:
    def __init__(self) -> None:
        path = settings_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.q = QSettings(str(path), QSettings.Format.IniFormat)

    # -- preferences ------------------------------------------------------------------------
    @property
    def large_text(self) -> bool:
        return self.q.value("prefs/large_text", False, type=bool)

    @large_text.setter
    def large_text(self, value: bool) -> None:
        self.q.setValue("prefs/large_text", value)

    @property
    def member_identity(self) -> str:
        """Who works on this laptop: written as the author of every record."""
        return self.q.value("prefs/member_identity", "", type=str)

    @member_identity.setter
    def member_identity(self, value: str) -> None:
        self.q.setValue("prefs/member_identity", value)

    @property
    def language(self) -> str:
        """"zh_CN" (the default) or "en"."""
        return self.q.value("prefs/language", "zh_CN", type=str)

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("prefs/language", value)

    @property
    def default_sheet(self) -> str:
        """A sheet file offered first for new evaluations ("" = the bundled default sheet)."""
        return self.q.value("prefs/default_sheet", "", type=str)

    @default_sheet.setter
    def default_sheet(self, value: str) -> None:
        self.q.setValue("prefs/default_sheet", value)

    @property
    def data_folder(self) -> str:
        """Where backups and logs go ("" = the standard location); the seal keys stay in the configuration folder."""
        return self.q.value("prefs/data_folder", "", type=str)

    @data_folder.setter
    def data_folder(self, value: str) -> None:
        self.q.setValue("prefs/data_folder", value)

    @property
    def backup_count(self) -> int:
        return max(1, self.q.value("prefs/backup_count", 10, type=int))

    @backup_count.setter
    def backup_count(self, value: int) -> None:
        self.q.setValue("prefs/backup_count", int(value))

    @property
    def paper_signatures(self) -> bool:
        """Signature mode: False = signature pad, True = paper (empty 签字 cells to sign the printout)."""
        return self.q.value("prefs/paper_signatures", False, type=bool)

    @paper_signatures.setter
    def paper_signatures(self, value: bool) -> None:
        self.q.setValue("prefs/paper_signatures", value)

    @property
    def first_run_done(self) -> bool:
        return self.q.value("state/first_run_done", False, type=bool)

    @first_run_done.setter
    def first_run_done(self, value: bool) -> None:
        self.q.setValue("state/first_run_done", value)

    # -- recent files and where the user was ------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.q.value("state/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def add_recent(self, path: str) -> None:
        files = [path] + [p for p in self.recent_files() if p != path]
        self.q.setValue("state/recent", files[:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        self.q.setValue("state/recent", [p for p in self.recent_files() if p != path])

    def last_step(self, path: str) -> int:
        return self.q.value(f"state/steps/{_key(path)}", 1, type=int)

    def set_last_step(self, path: str, step: int) -> None:
        self.q.setValue(f"state/steps/{_key(path)}", step)

    def open_file(self) -> str:
        """The file that was open when the program last stopped without closing it (a crash)."""
        return self.q.value("state/open_file", "", type=str)

    def set_open_file(self, path: str) -> None:
        self.q.setValue("state/open_file", path)
        self.q.sync()

    # -- window state ---------------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        value = self.q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, value: QByteArray) -> None:
        self.q.setValue("window/geometry", value)

    def sync(self) -> None:
        self.q.sync()


def _key(path: str) -> str:
    """A settings key for a file path: two 32-bit checksums of it, in hex (ini keys fold case on Windows)."""
    import zlib
    data = path.encode("utf-8")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def apply_settings(settings: AppSettings) -> None:
    """What takes effect at once: the data folder and the text size (the language is applied by the window)."""
    from PySide6.QtWidgets import QApplication

    from evaluator_app import paths

    from .fonts import app_font
    if settings.data_folder:
        paths.set_data_dir(settings.data_folder)
    app = QApplication.instance()
    if app is not None:
        font = app_font(large=settings.large_text)
        if font != app.font():
            app.setFont(font)
