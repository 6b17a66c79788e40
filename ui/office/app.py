"""Starting the office window: `evaluator-app office [DIR]`."""

from __future__ import annotations


def run(folder: str | None = None) -> int:
    from ui.app import prepared_application, settle_once_shown

    prepared = prepared_application("evaluator-app office rollup DIR")
    if prepared is None:
        return 2
    app, settings = prepared
    from .window import OfficeWindow

    window = OfficeWindow(settings)
    window.show()
    window.open_folder(folder or window.remembered_folder() or None)
    settle_once_shown()
    return app.exec()
