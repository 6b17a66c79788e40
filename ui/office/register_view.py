"""The register tab: every received package in one table, filtered and sorted, refreshed on a worker thread."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.office.register import DEADLINE_DAYS, Register, Row, SealStatus
from evaluator_app.presentation import result_phrase

from ..i18n import N_, tr
from .tables import Index, RowsModel

SEAL_LABELS = {
    SealStatus.TRUSTED: N_("签章可信"),
    SealStatus.UNTRUSTED: N_("签章证书未登记"),
    SealStatus.BROKEN: N_("签章或文件已损坏"),
    SealStatus.MISSING: N_("没有签章报告"),
}
DEADLINE_LABELS = {label: label for label in (N_("整改期限"), N_("复查申请起"), N_("合格有效期届满"),
                                              N_("试点评估申请起"))}

COLUMNS = (
    ("number", N_("序号")),
    ("pilot", N_("试点")),
    ("unit", N_("试点单位")),
    ("kind", N_("评估类型")),
    ("date", N_("评估日期")),
    ("total", N_("总分")),
    ("result", N_("结论")),
    ("satisfaction", N_("满意度")),
    ("seal", N_("签章")),
    ("confirmation", N_("省级确认")),
    ("deadline", N_("最近期限")),
    ("flags", N_("需要注意")),
    ("package", N_("报送包")),
)
COLUMN = {key: n for n, (key, _) in enumerate(COLUMNS)}

BROKEN_COLOUR = QColor("#f8d0cc")  # a seal broken or missing: nothing in the package can be vouched for
UNTRUSTED_COLOUR = QColor("#fde2b8")  # a certificate not registered: telephone the panel, register it
DEADLINE_COLOUR = QColor("#fff4b0")  # a deadline within DEADLINE_DAYS (or past)
FLAG_COLOUR = QColor("#eef2fb")  # another matter to look at

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def begin_filter_change(proxy: QSortFilterProxyModel) -> None:
    """Before a filter's criteria change (Qt 6.9 and later; invalidateFilter() is deprecated there)."""
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()


def end_filter_change(proxy: QSortFilterProxyModel) -> None:
    if hasattr(proxy, "endFilterChange"):
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        proxy.invalidateFilter()


def seal_label(status: SealStatus) -> str:
    return tr(SEAL_LABELS[status])


def deadline_label(label: str) -> str:
    return tr(label)


def result_label(row: Row) -> str:
    if row.summary is not None:
        return result_phrase(row.summary).text(tr)
    return row.data_problem or "—"


def nearest_deadline(row: Row, today: dt.date) -> tuple[dt.date, str] | None:
    """The first deadline of the row from today on (or the latest one past), with its label."""
    if not row.deadlines:
        return None
    coming = sorted((d for d in row.deadlines if d.date >= today), key=lambda d: d.date)
    chosen = coming[0] if coming else max(row.deadlines, key=lambda d: d.date)
    return chosen.date, chosen.label


def is_flagged(row: Row) -> bool:
    return bool(row.flags)


def has_deadline_flag(row: Row) -> bool:
    return any(flag.code == "deadline" for flag in row.flags)


def row_colour(row: Row) -> QColor | None:
    if row.seal in (SealStatus.BROKEN, SealStatus.MISSING):
        return BROKEN_COLOUR
    if row.seal is SealStatus.UNTRUSTED:
        return UNTRUSTED_COLOUR
    if has_deadline_flag(row):
        return DEADLINE_COLOUR
    if row.flags:
        return FLAG_COLOUR
    return None


class RegisterModel(RowsModel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(COLUMNS, parent)
        self.register: Register | None = None

    def set_register(self, register: Register | None) -> None:
        self.register = register
        self.set_rows(register.rows if register is not None else [])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.key_at(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key)
        if role == SORT_ROLE:
            return self.sort_key(row, key)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = row_colour(row)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(flag.text for flag in row.flags) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("number", "total", "satisfaction"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _today(self) -> dt.date:
        return self.register.today if self.register is not None else dt.date.today()

    def text(self, row: Row, key: str) -> str:
        figures = row.figures or {}
        if key == "number":
            return str(row.number)
        if key == "pilot":
            return row.pilot or "—"
        if key == "unit":
            return row.unit
        if key == "kind":
            return tr(row.kind) if row.kind else ""
        if key == "date":
            return row.evaluation_date
        if key == "total":
            return str(figures.get("total") or "—")
        if key == "result":
            return result_label(row)
        if key == "satisfaction":
            rate = row.satisfaction_rate
            return f"{rate * 100:.2f}%" if rate is not None else "—"
        if key == "seal":
            return seal_label(row.seal)
        if key == "confirmation":
            c = row.confirmation
            return f"{c.confirmed_on} {c.document_no}" if c else tr("未确认")
        if key == "deadline":
            found = nearest_deadline(row, self._today())
            return f"{found[0].isoformat()} {deadline_label(found[1])}" if found else ""
        if key == "flags":
            return tr("{n} 处").format(n=len(row.flags)) if row.flags else ""
        if key == "package":
            return row.package
        return ""

    def sort_key(self, row: Row, key: str) -> Any:
        if key == "number":
            return row.number
        if key == "total":
            value = (row.figures or {}).get("total")
            try:
                return float(Decimal(str(value))) if value not in (None, "") else -1.0
            except ArithmeticError:
                return -1.0
        if key == "satisfaction":
            rate = row.satisfaction_rate
            return float(rate) if rate is not None else -1.0
        if key == "deadline":
            found = nearest_deadline(row, self._today())
            return found[0].isoformat() if found else "9999"
        if key == "flags":
            return len(row.flags)
        return self.text(row, key)


class RegisterFilter(QSortFilterProxyModel):
    """Text (any column), kind, result, seal status, flagged only."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.text = ""
        self.kind = ""
        self.result = ""
        self.seal: SealStatus | None = None
        self.flagged_only = False

    def set_filters(self, text: str | None = None, kind: str | None = None, result: str | None = None,
                    seal: SealStatus | None | str = "", flagged_only: bool | None = None) -> None:
        begin_filter_change(self)
        if text is not None:
            self.text = text.strip().casefold()
        if kind is not None:
            self.kind = kind
        if result is not None:
            self.result = result
        if seal != "":
            self.seal = seal if isinstance(seal, SealStatus) or seal is None else SealStatus(seal)
        if flagged_only is not None:
            self.flagged_only = flagged_only
        end_filter_change(self)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, RegisterModel)
        row = model.row_at(source_row)
        if self.kind and row.kind != self.kind:
            return False
        if self.result and (row.figures or {}).get("result") != self.result:
            return False
        if self.seal is not None and row.seal is not self.seal:
            return False
        if self.flagged_only and not row.flags:
            return False
        if self.text:
            haystack = " ".join([model.text(row, key) for key, _ in COLUMNS] + [row.evaluation_id, row.signer]
                                + [flag.text for flag in row.flags]).casefold()
            return all(word in haystack for word in self.text.split())
        return True


class RegisterTable(QTableView):
    activatedRow = Signal(object)  # the Row under Enter or a double click

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedRow.emit(self.currentIndex().data(ROW_ROLE))
            return
        super().keyPressEvent(event)


class RegisterTab(QWidget):
    """The filters above the table, the progress of a refresh, a line of totals below."""

    openRequested = Signal(object)  # Row
    refreshRequested = Signal()
    exportRequested = Signal()
    chooseFolderRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = RegisterModel(self)
        self.proxy = RegisterFilter(self)
        self.proxy.setSourceModel(self.model)

        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(tr("选择文件夹…"))
        self.choose_button.clicked.connect(self.chooseFolderRequested)
        self.refresh_button = QPushButton(tr("刷新"))
        self.refresh_button.setToolTip(tr("重新校验文件夹中的全部报送包"))
        self.refresh_button.clicked.connect(self.refreshRequested)
        self.export_button = QPushButton(tr("导出登记表 Excel…"))
        self.export_button.clicked.connect(self.exportRequested)
        self.open_button = QPushButton(tr("查看报送包…"))
        self.open_button.clicked.connect(self._open_current)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("报送包文件夹：")))
        top.addWidget(self.folder_label, 1)
        for button in (self.choose_button, self.refresh_button, self.export_button):
            top.addWidget(button)

        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("搜索试点、单位、编号、注意事项…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.proxy.set_filters(text=text))
        self.kind_box = QComboBox()
        self.result_box = QComboBox()
        self.seal_box = QComboBox()
        self.seal_box.addItem(tr("全部签章状态"), None)
        for status in SealStatus:
            self.seal_box.addItem(seal_label(status), status.value)
        self.flagged = QCheckBox(tr("只看需要注意的"))
        self.flagged.toggled.connect(lambda on: self.proxy.set_filters(flagged_only=on))
        self.kind_box.currentIndexChanged.connect(
            lambda _n: self.proxy.set_filters(kind=self.kind_box.currentData() or ""))
        self.result_box.currentIndexChanged.connect(
            lambda _n: self.proxy.set_filters(result=self.result_box.currentData() or ""))
        self.seal_box.currentIndexChanged.connect(
            lambda _n: self.proxy.set_filters(seal=self.seal_box.currentData()))
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for widget in (self.kind_box, self.result_box, self.seal_box, self.flagged):
            filters.addWidget(widget)
        filters.addWidget(self.open_button)

        self.table = RegisterTable()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN["number"], Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.openRequested.emit(index.data(ROW_ROLE)))
        self.table.activatedRow.connect(self.openRequested)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.legend = QLabel(tr("颜色：红色 签章或文件已损坏、没有签章报告；橙色 签章证书未登记；"
                                "黄色 {days} 天内到期或已过期的期限；浅蓝 其他需要注意的事项。")
                             .format(days=DEADLINE_DAYS))
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color:#555;")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.legend)
        self._fill_choices()
        self.set_folder(None)

    # -- contents --------------------------------------------------------------------------------------
    def set_folder(self, folder: str | None) -> None:
        self.folder_label.setText(folder or tr("（未选择）"))
        has = folder is not None
        self.refresh_button.setEnabled(has)

    def set_register(self, register: Register | None) -> None:
        self.model.set_register(register)
        self._fill_choices()
        self.export_button.setEnabled(register is not None)
        self.open_button.setEnabled(register is not None and bool(register.rows))
        if register is None:
            self.status.setText("")
            return
        rows = register.rows
        trusted = sum(1 for row in rows if row.seal is SealStatus.TRUSTED)
        flagged = sum(1 for row in rows if row.flags)
        confirmed = sum(1 for row in rows if row.confirmation is not None)
        self.status.setText(tr("报送包 {n} 个：签章可信 {trusted} 个，未通过校验 {bad} 个；需要注意 {flagged} 个；"
                               "已省级确认 {confirmed} 个。汇总日期 {today}。").format(
            n=len(rows), trusted=trusted, bad=len(rows) - trusted, flagged=flagged, confirmed=confirmed,
            today=register.today.isoformat()))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column, widest in ((COLUMN["pilot"], 220), (COLUMN["unit"], 150), (COLUMN["result"], 210),
                               (COLUMN["deadline"], 190)):
            header.resizeSection(column, min(header.sectionSize(column), widest))

    def _fill_choices(self) -> None:
        rows = self.model.rows
        for box, everything, values in (
                (self.kind_box, tr("全部评估类型"), sorted({row.kind for row in rows if row.kind})),
                (self.result_box, tr("全部结论"),
                 sorted({str((row.figures or {}).get("result")) for row in rows
                         if (row.figures or {}).get("result")}))):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, "")
            for value in values:
                box.addItem(tr(value), value)
            found = box.findData(current) if current else 0
            box.setCurrentIndex(max(found, 0))
            box.blockSignals(False)
            if current and found < 0:
                box.currentIndexChanged.emit(0)

    def visible_rows(self) -> list[Row]:
        return [self.proxy.index(n, 0).data(ROW_ROLE) for n in range(self.proxy.rowCount())]

    def current_row(self) -> Row | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _open_current(self) -> None:
        row = self.current_row() or (self.visible_rows() or [None])[0]
        if row is not None:
            self.openRequested.emit(row)

    # -- progress --------------------------------------------------------------------------------------
    def show_progress(self, done: int, total: int) -> None:
        self.progress.show()
        # The rollup verifies the packages in one call: the bar shows it busy, with how many it reads.
        self.progress.setRange(0, 0)
        self.progress.setFormat(tr("正在校验 {n} 个报送包…").format(n=total) if total > 0 else tr("正在校验报送包…"))
        self.refresh_button.setEnabled(False)
        self.choose_button.setEnabled(False)

    def hide_progress(self) -> None:
        self.progress.hide()
        self.refresh_button.setEnabled(True)
        self.choose_button.setEnabled(True)
