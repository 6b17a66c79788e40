"""The leader's view of several laptops: per member, the file sent and returned, scores complete, the sheet
submitted and signed; and, for every merged record, where it came from."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .i18n import tr
from .session import EvaluationSession

MEMBER_COLUMNS = ("姓名", "成员文件分发", "交回（合并于）", "来自电脑", "评分", "计分表提交", "计分表签字")


def _time(stamp: str) -> str:
    return stamp[:16].replace("T", " ") if stamp else ""


class MembersDialog(QDialog):
    """文件 › 成员与数据来源…: non-modal; refreshed whenever the evaluation changes."""

    def __init__(self, session: EvaluationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("成员与数据来源"))
        self.members = QTableWidget()
        self.members.setObjectName("member_status")
        self.members.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.origins = QTableWidget()
        self.origins.setObjectName("record_origins")
        self.origins.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.note = QLabel()
        self.note.setWordWrap(True)
        tabs = QTabWidget()
        tabs.addTab(self.members, tr("成员"))
        tabs.addTab(self.origins, tr("记录来源"))
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(tabs, 1)
        layout.addWidget(close)
        self.resize(980, 480)
        session.changed.connect(self.refresh)
        self.refresh()

    def closeEvent(self, event) -> None:  # noqa: N802
        try:
            self.session.changed.disconnect(self.refresh)
        except (RuntimeError, TypeError):
            pass
        super().closeEvent(event)

    def refresh(self, _what: str = "all") -> None:
        if self.session.closed:
            return
        statuses = self.session.member_status()
        if self.session.member_file:
            self.note.setText(tr("这是{name}的成员文件；下表是本文件所知的情况，全组的情况以组长的评估文件为准。")
                              .format(name=self.session.bound_member_name))
        else:
            self.note.setText(tr("成员交回的数据合并后，这里显示每位成员的进度；每条合并来的记录在“记录来源”中可查到"
                                 "来自哪个文件、哪位成员、哪台电脑。"))
        self.members.clear()
        self.members.setColumnCount(len(MEMBER_COLUMNS))
        self.members.setHorizontalHeaderLabels([tr(c) for c in MEMBER_COLUMNS])
        self.members.setRowCount(len(statuses))
        for row, status in enumerate(statuses):
            name = tr("{name}（组长）").format(name=status.name) if status.leader else status.name
            cells = [
                name,
                _time(status.sent_at) or ("—" if status.leader else tr("未分发")),
                _time(status.returned_at) or ("—" if status.leader else tr("未交回")),
                status.laptop,
                tr("{done}/{total}").format(done=status.scored, total=status.to_score)
                + (tr("（完成）") if status.scores_complete else ""),
                _time(status.submitted_at) or tr("未提交"),
                tr("已签字") if status.sheet_signed else tr("未签字"),
            ]
            tips = [status.member, status.sent_file, status.returned_file, "", "", "", ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if tips[column]:
                    item.setToolTip(tips[column])
                self.members.setItem(row, column, item)
        self.members.resizeColumnsToContents()
        origins = list(self.session.record_origins().values())
        headers = [tr("记录"), tr("来源文件"), tr("成员"), tr("电脑"), tr("原记录时间"), tr("合并时间")]
        self.origins.clear()
        self.origins.setColumnCount(len(headers))
        self.origins.setHorizontalHeaderLabels(headers)
        self.origins.setRowCount(len(origins))
        names = {m.id: m.name for m in self.session.evaluation.panel}
        for row, origin in enumerate(origins):
            cells = [origin.title, origin.file, names.get(origin.member, origin.member), origin.laptop,
                     _time(origin.recorded_at), _time(origin.merged_at)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(origin.text())
                self.origins.setItem(row, column, item)
        self.origins.resizeColumnsToContents()

    def origin_of(self, title: str) -> str:
        """The origin shown for a record ("评分 e2/X1"), as its tooltip says; "" when it was typed here."""
        for row in range(self.origins.rowCount()):
            item = self.origins.item(row, 0)
            if item is not None and item.text() == title:
                return item.toolTip()
        return ""


__all__ = ["MembersDialog"]
