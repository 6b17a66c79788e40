"""The start screen: recent evaluations, a new evaluation, open a file, import an exchange JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain.evaluation import PILOT_DATE_FIELDS, PILOT_FIELDS, Evaluation, Kind
from evaluator_app.domain.rules import parse_period, period_problem, running_time_findings
from evaluator_app.domain.sheet import Sheet
from evaluator_app.errors import UserError
from evaluator_app.paths import scoring_sheets_dir
from evaluator_app.sheets.load import load_sheet_file

from .i18n import tr
from .widgets import Banner, heading, ok_cancel

# The default 评估目的 and 评估依据 are the text of the (Chinese) report, not interface text: never translated.
DEFAULT_PURPOSE = "检验试点单位标准体系建设与实施的成效，评价试点目标和任务的完成情况，形成评估结论。"
DEFAULT_BASIS = ("《社会管理和公共服务综合标准化试点细则（试行）》（国标委服务联〔2013〕61号）、试点任务书、"
                 "试点单位评估申请表及总结报告、社会管理和公共服务综合标准化试点评估计分表")
REINSPECTION_ONLY = ("pilot_evaluation_date", "qualified_date", "qualified_document")


class StartPage(QWidget):
    openRequested = Signal(str)
    newRequested = Signal()
    openFileRequested = Signal()
    importRequested = Signal()

    def __init__(self, recent: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        title = heading(tr("社会管理和公共服务综合标准化试点　现场考核评估"), 18)
        title.setObjectName("start_title")
        title.setWordWrap(True)
        subtitle = QLabel(tr("按《细则》第二十一条的八个步骤组织现场评估；全部数据离线保存在评估文件中。"))
        subtitle.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, signal, name in ((tr("新建评估(&N)…"), self.newRequested, "new_evaluation"),
                                   (tr("打开评估文件(&O)…"), self.openFileRequested, "open_evaluation"),
                                   (tr("导入交换文件(&I)…"), self.importRequested, "import_exchange")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setMinimumHeight(40)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.recent = QListWidget()
        self.recent.setObjectName("recent_files")
        self.recent.itemActivated.connect(lambda item: self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(heading(tr("最近的评估（回车或双击打开）"), 12))
        layout.addWidget(self.recent, 1)
        self.set_recent(recent)

    def set_recent(self, files: list[str]) -> None:
        self.recent.clear()
        for path in files:
            exists = Path(path).exists()
            text = "{name}　—　{path}" if exists else tr("{name}　—　{path}（文件不存在）")
            item = QListWidgetItem(text.format(name=Path(path).name, path=path))
            item.setData(Qt.ItemDataRole.UserRole, path)
            if not exists:
                item.setForeground(Qt.GlobalColor.gray)
            self.recent.addItem(item)
        if not files:
            self.recent.addItem(QListWidgetItem(tr("（暂无。可新建评估，或打开 U 盘上的评估文件。）")))


class NewEvaluationDialog(QDialog):
    """Kind, sheet, and the pilot form with every field of 附件3 / 附件6, validated as typed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("新建评估"))
        self.resize(720, 680)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in Kind:  # shown in the interface language, kept as the stored value
            self.kind.addItem(tr(kind.value), kind.value)
        self.kind.currentIndexChanged.connect(self.update_kind)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheet")
        self.sheets: list[Sheet] = []
        for path in sorted(scoring_sheets_dir().glob("*.json")):
            try:
                sheet = load_sheet_file(path)
            except UserError:
                continue
            self.sheets.append(sheet)
            self.sheet_combo.addItem(f"{sheet.name}（{sheet.version}）", len(self.sheets) - 1)
        from .settings import AppSettings
        preferred = AppSettings().default_sheet
        if preferred:
            self.load_sheet_file(preferred)
        load_button = QPushButton(tr("从文件载入计分表…"))
        load_button.clicked.connect(lambda: self.load_sheet_file())
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_combo, 1)
        sheet_row.addWidget(load_button)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow(tr("评估类型"), self.kind)
        form.addRow(tr("计分表"), sheet_row)
        self.evaluation_date = QLineEdit(dt.date.today().isoformat())
        self.evaluation_date.setObjectName("evaluation_date")
        self.evaluation_date.setToolTip(tr("现场评估两天时写起止日期，例如 2025-11-18至19日"))
        form.addRow(tr("评估日期*"), self.evaluation_date)
        self.rows: dict[str, QLabel] = {}
        for key, label in PILOT_FIELDS.items():
            edit = QLineEdit()
            edit.setObjectName(f"pilot_{key}")
            edit.setAccessibleName(tr(label))
            if key in PILOT_DATE_FIELDS:
                edit.setPlaceholderText("YYYY-MM-DD")
            edit.textChanged.connect(self.validate)
            self.fields[key] = edit
            caption = QLabel(tr(label) + ("*" if key in ("name", "unit") else ""))
            self.rows[key] = caption
            form.addRow(caption, edit)
        self.purpose = QLineEdit(DEFAULT_PURPOSE)
        self.basis = QLineEdit(DEFAULT_BASIS)
        form.addRow(tr("评估目的"), self.purpose)
        form.addRow(tr("评估依据"), self.basis)
        self.evaluation_date.textChanged.connect(self.validate)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.banner = Banner()
        self.banner.setObjectName("new_evaluation_banner")
        buttons = ok_cancel(self, tr("创建并保存…"))
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.update_kind()

    def load_sheet_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("选择计分表"), "", tr("计分表 (*.json *.xlsx)"))
        if not path:
            return
        from . import messages
        try:
            sheet = load_sheet_file(path)
        except UserError as err:
            messages.error(self, str(err), tr("计分表无效"))
            return
        self.sheets.append(sheet)
        self.sheet_combo.addItem(f"{sheet.name}（{Path(path).name}）", len(self.sheets) - 1)
        self.sheet_combo.setCurrentIndex(self.sheet_combo.count() - 1)

    def update_kind(self) -> None:
        reinspection = self.kind.currentData() == Kind.REINSPECTION.value
        for key in REINSPECTION_ONLY:
            self.fields[key].setVisible(reinspection)
            self.rows[key].setVisible(reinspection)
        self.validate()

    def problems(self) -> tuple[list[str], list[str]]:
        errors, warnings = [], []
        for key in ("name", "unit"):
            if not self.fields[key].text().strip():
                errors.append(tr("请填写{field}").format(field=tr(PILOT_FIELDS[key])))
        for key in PILOT_DATE_FIELDS:
            text = self.fields[key].text().strip()
            if text and not _is_date(text):
                errors.append(tr("{field}应为 YYYY-MM-DD 格式的日期").format(field=tr(PILOT_FIELDS[key])))
        period = parse_period(self.evaluation_date.text())
        day = period[0] if period else ""
        if period is None:
            errors.append(tr("评估日期应为 YYYY-MM-DD 格式的日期，两天时如 2025-11-18至19日"))
        elif problem := period_problem(*period):
            errors.append(problem)
        if not self.sheets:
            errors.append(tr("没有可用的计分表，请从文件载入"))
        since = self.fields["system_running_since"].text().strip()
        if _is_date(since) and _is_date(day):
            warnings += [f.message for f in running_time_findings(since, day, Kind(self.kind.currentData()))]
        return errors, warnings

    def validate(self) -> None:
        errors, warnings = self.problems()
        if errors:
            self.banner.show_messages(errors, "error")
        else:
            self.banner.show_messages(warnings, "warning")
        self.ok_button.setEnabled(not errors)

    def evaluation(self) -> Evaluation:
        sheet = self.sheets[self.sheet_combo.currentData()]
        kind = Kind(self.kind.currentData())
        pilot = {k: e.text().strip() for k, e in self.fields.items()
                 if e.text().strip() and (kind is Kind.REINSPECTION or k not in REINSPECTION_ONLY)}
        start, end = parse_period(self.evaluation_date.text()) or (self.evaluation_date.text().strip(), None)
        return Evaluation(kind=kind, sheet=sheet, pilot=pilot, evaluation_date=start,
                          evaluation_end_date=end if end != start else None,
                          purpose=self.purpose.text().strip(), basis=self.basis.text().strip())


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return len(text) == 10
    except ValueError:
        return False
