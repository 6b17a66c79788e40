"""随机抽取评估组: the pilot's document, the panel's size, K, reserves, seed, orgs to avoid, who draws and who
witnesses; the drawn panel, the reserves and who was excluded; then the evaluation with that panel and the
sealed 抽取记录 PDF written (as `evaluator-app draw -o`)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain.rules import MAX_PANEL, MIN_PANEL
from evaluator_app.office.draw import MAX_RESERVE

from .. import messages
from ..i18n import N_, tr
from ..widgets import Banner

SEATS = (N_("标准化专家席位"), N_("其余席位"), N_("备选"))  # draw.STD_SEAT, OTHER_SEAT, RESERVE_SEAT
_NAMES = re.compile(r"[、,，;；\n]+")


def names(text: str) -> list[str]:
    return [name.strip() for name in _NAMES.split(text) if name.strip()]


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    for n, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(n, column, item)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class DrawDialog(QDialog):
    """Non-modal; the window runs the draw and writes the files (`drawRequested`, `saveRequested`)."""

    drawRequested = Signal()
    saveRequested = Signal()
    choosePilotRequested = Signal()

    def __init__(self, library: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("随机抽取评估组"))
        self.library = library
        self.prepared = None  # actions.PreparedDraw of the last draw shown
        self.pilot = QLineEdit()
        self.pilot.setPlaceholderText(tr("试点的评估交换文件（.json，由 evaluator-app export-json 导出）"))
        choose = QPushButton(tr("选择…"))
        choose.clicked.connect(self.choosePilotRequested)
        pilot_row = QHBoxLayout()
        pilot_row.addWidget(self.pilot, 1)
        pilot_row.addWidget(choose)
        self.size = QSpinBox()
        self.size.setRange(MIN_PANEL, MAX_PANEL)
        self.size.setValue(MIN_PANEL)
        self.standardization = QSpinBox()
        self.standardization.setRange(0, MAX_PANEL)
        self.standardization.setSpecialValueText(tr("默认（人数的三分之一，向上取整）"))
        self.reserve = QSpinBox()
        self.reserve.setRange(0, MAX_RESERVE)
        self.reserve.setValue(2)
        self.seed = QLineEdit()
        self.seed.setPlaceholderText(tr("事先公布或当场确定的文字，如当日某彩票开奖号码"))
        self.exclude = QPlainTextEdit()
        self.exclude.setPlaceholderText(tr("另行回避的单位，每行一个（试点单位和保证单位自动回避）"))
        self.exclude.setFixedHeight(60)
        self.allow_unqualified = QCheckBox(tr("允许不完全符合第二十八条的专家参加抽取"))
        self.by = QLineEdit()
        self.by.setPlaceholderText(tr("抽取人（写出抽取记录时必须填写）"))
        self.witnesses = QLineEdit()
        self.witnesses.setPlaceholderText(tr("见证人，用顿号或逗号分隔"))
        form = QFormLayout()
        form.addRow(tr("专家库："), QLabel(library))
        form.addRow(tr("试点评估文件："), pilot_row)
        form.addRow(tr("评估组人数："), self.size)
        form.addRow(tr("标准化专家席位："), self.standardization)
        form.addRow(tr("备选人数："), self.reserve)
        form.addRow(tr("抽取种子："), self.seed)
        form.addRow(tr("回避单位："), self.exclude)
        form.addRow("", self.allow_unqualified)
        form.addRow(tr("抽取人："), self.by)
        form.addRow(tr("见证人："), self.witnesses)

        self.draw_button = QPushButton(tr("抽取"))
        self.draw_button.setDefault(True)
        self.draw_button.clicked.connect(self.drawRequested)
        self.save_button = QPushButton(tr("写出评估文件和抽取记录…"))
        self.save_button.setToolTip(tr("写出替换了评估组的评估交换文件，并在旁边写出签章的抽取记录 PDF"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.saveRequested)
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draw_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = Banner()
        self.results = QVBoxLayout()
        results_box = QGroupBox(tr("抽取结果"))
        inner = QVBoxLayout(results_box)
        inner.addWidget(self.summary)
        inner.addWidget(self.banner)
        inner.addLayout(self.results, 1)
        self.panel_table = self.reserve_table = self.exclusion_table = None

        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(results_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.resize(1240, 700)
        for widget in (self.pilot, self.seed, self.by, self.witnesses):
            widget.textChanged.connect(self._changed)
        for spin in (self.size, self.standardization, self.reserve):
            spin.valueChanged.connect(self._changed)
        self.exclude.textChanged.connect(self._changed)
        self.allow_unqualified.toggled.connect(self._changed)

    def values(self) -> dict:
        return {"pilot": self.pilot.text().strip(), "size": self.size.value(), "seed": self.seed.text(),
                "standardization": self.standardization.value() or None, "reserve": self.reserve.value(),
                "exclude_orgs": [line.strip() for line in self.exclude.toPlainText().splitlines() if line.strip()],
                "allow_unqualified": self.allow_unqualified.isChecked(), "by": self.by.text().strip(),
                "witnesses": names(self.witnesses.text())}

    def _changed(self, *_args: object) -> None:
        """Any change makes the shown draw stale: it must be drawn again before it is written."""
        if self.prepared is not None:
            self.prepared = None
            self.save_button.setEnabled(False)
            self.summary.setText(tr("条件已修改，请重新抽取。"))

    def _clear_results(self) -> None:
        while self.results.count():
            item = self.results.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()

    def show_result(self, prepared) -> None:  # actions.PreparedDraw
        self.prepared = prepared
        record = prepared.record
        self._clear_results()
        pool = record["pool"]
        by_category = tr("，").join(f"{tr(c)} {n}" for c, n in pool["by_category"].items())
        self.summary.setText(tr("种子“{seed}”；专家库 {library} 名，符合条件 {pool} 名（{by_category}），"
                                "排除 {excluded} 名；抽取池摘要 {digest}").format(
            seed=record["seed"], library=record["library_size"], pool=pool["size"], by_category=by_category,
            excluded=len(record["exclusions"]), digest=pool["digest"][:16] + "…"))
        self.banner.show_messages(record["warnings"], "warning")
        order = {entry["id"]: entry for entry in record["order"]}
        self.panel_table = _table(
            [tr("编号"), tr("姓名"), tr("类别"), tr("单位"), tr("角色"), tr("席位")],
            [[m["id"], m["name"], tr(m["category"]), m["org"], tr(m["role"]),
              f"{tr(order[m['id']]['seat'])} {order[m['id']]['seat_number']}/{order[m['id']]['seats']}"]
             for m in record["panel"]])
        self.reserve_table = _table(
            [tr("递补顺序"), tr("姓名"), tr("类别"), tr("单位")],
            [[str(m["reserve"]), m["name"], tr(m["category"]), m["org"]] for m in record["reserves"]])
        self.exclusion_table = _table(
            [tr("姓名"), tr("单位"), tr("类别"), tr("排除原因")],
            [[x["name"], x["org"], tr(x["category"]), "；".join(x["reasons"])] for x in record["exclusions"]])
        for title, table in ((tr("评估组（{n} 人，标准化专家席位 {k} 个）").format(
                n=record["size"], k=record["standardization_seats"]), self.panel_table),
                (tr("备选（{n} 名）").format(n=len(record["reserves"])), self.reserve_table),
                (tr("排除（{n} 名）").format(n=len(record["exclusions"])), self.exclusion_table)):
            self.results.addWidget(QLabel(title))
            self.results.addWidget(table, {id(self.panel_table): 4, id(self.reserve_table): 2}.get(id(table), 3))
        self.save_button.setEnabled(True)

    def show_failure(self, message: str) -> None:
        self.prepared = None
        self._clear_results()
        self.save_button.setEnabled(False)
        self.summary.setText("")
        self.banner.show_messages([message], "error")

    def require(self) -> bool:
        values = self.values()
        missing = [label for label, key in ((tr("试点评估文件"), "pilot"), (tr("抽取种子"), "seed")) if not values[key]]
        if missing:
            messages.error(self, tr("请填写：{fields}").format(fields=tr("、").join(missing)))
            return False
        return True
