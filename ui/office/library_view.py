"""The 专家库 tab: open or create a library file, import a workbook or CSV, list the experts with filters,
and start the random draw (draw_view)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain.evaluation import MemberCategory
from evaluator_app.office.library import IN_LIBRARY, STATUSES

from ..i18n import N_, tr
from ..widgets import Banner
from .register_view import begin_filter_change, end_filter_change
from .tables import Index, RowsModel

COLUMNS = (
    ("name", N_("姓名")),
    ("category", N_("类别")),
    ("org", N_("单位")),
    ("region", N_("地区")),
    ("title", N_("职称")),
    ("education", N_("学历")),
    ("senior_title", N_("高级职称")),
    ("years", N_("从业年限")),
    ("phone", N_("电话")),
    ("field", N_("专业领域")),
    ("status", N_("状态")),
    ("qualified", N_("第二十八条")),
)
STATUS_LABELS = (N_("在库"), N_("暂停"))  # library.STATUSES, shown through tr()
EXPERT_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SUSPENDED_COLOUR = QColor("#e6e6e6")
UNQUALIFIED_COLOUR = QColor("#fde2b8")


class ExpertModel(RowsModel):
    numbered = True

    def __init__(self, parent: QWidget | None = None):
        super().__init__(COLUMNS, parent)

    def set_experts(self, experts: list[dict]) -> None:
        self.set_rows(experts)

    @staticmethod
    def text(expert: dict, key: str) -> str:
        value = expert.get(key)
        if key == "senior_title":
            return tr("是") if value else tr("否")
        if key == "qualified":
            return tr("符合") if value else tr("不符合：{why}").format(why="；".join(expert.get("shortfalls") or []))
        if key in ("category", "status"):
            return tr(str(value or ""))
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        expert = self.rows[index.row()]
        key = self.key_at(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(expert, key)
        if role == SORT_ROLE:
            return expert.get("years", 0) if key == "years" else self.text(expert, key)
        if role == EXPERT_ROLE:
            return expert
        if role == Qt.ItemDataRole.BackgroundRole:
            if expert.get("status") != IN_LIBRARY:
                return QBrush(SUSPENDED_COLOUR)
            if not expert.get("qualified"):
                return QBrush(UNQUALIFIED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and expert.get("shortfalls"):
            return "\n".join(expert["shortfalls"])
        return None


class ExpertFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.text = ""
        self.category = ""
        self.status = ""
        self.qualified_only = False

    def set_filters(self, text: str | None = None, category: str | None = None, status: str | None = None,
                    qualified_only: bool | None = None) -> None:
        begin_filter_change(self)
        if text is not None:
            self.text = text.strip().casefold()
        if category is not None:
            self.category = category
        if status is not None:
            self.status = status
        if qualified_only is not None:
            self.qualified_only = qualified_only
        end_filter_change(self)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, ExpertModel)
        expert = model.rows[source_row]
        if self.category and expert.get("category") != self.category:
            return False
        if self.status and expert.get("status") != self.status:
            return False
        if self.qualified_only and not (expert.get("qualified") and expert.get("status") == IN_LIBRARY):
            return False
        if self.text:
            haystack = " ".join(str(expert.get(key, "")) for key, _ in COLUMNS).casefold()
            return all(word in haystack for word in self.text.split())
        return True


class LibraryTab(QWidget):
    openRequested = Signal()
    createRequested = Signal()
    importRequested = Signal()
    drawRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ExpertModel(self)
        self.proxy = ExpertFilter(self)
        self.proxy.setSourceModel(self.model)
        self.path_label = QLabel(tr("（未打开）"))
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(tr("打开专家库…"))
        self.open_button.clicked.connect(self.openRequested)
        self.create_button = QPushButton(tr("新建专家库…"))
        self.create_button.clicked.connect(self.createRequested)
        self.import_button = QPushButton(tr("导入专家名单…"))
        self.import_button.setToolTip(tr("从 Excel 工作簿（.xlsx）或 CSV 文件导入；"
                                         "同一专家（姓名、单位、电话相同）再次导入时更新，每处修改都有记录"))
        self.import_button.clicked.connect(self.importRequested)
        self.draw_button = QPushButton(tr("随机抽取评估组…"))
        self.draw_button.clicked.connect(self.drawRequested)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("专家库文件：")))
        top.addWidget(self.path_label, 1)
        for button in (self.open_button, self.create_button, self.import_button, self.draw_button):
            top.addWidget(button)

        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("搜索姓名、单位、专业领域…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.proxy.set_filters(text=text))
        self.category_box = QComboBox()
        self.category_box.addItem(tr("全部类别"), "")
        for category in MemberCategory:
            self.category_box.addItem(tr(category.value), category.value)
        self.category_box.currentIndexChanged.connect(
            lambda _n: self.proxy.set_filters(category=self.category_box.currentData() or ""))
        self.status_box = QComboBox()
        self.status_box.addItem(tr("全部状态"), "")
        for status in STATUSES:
            self.status_box.addItem(tr(status), status)
        self.status_box.currentIndexChanged.connect(
            lambda _n: self.proxy.set_filters(status=self.status_box.currentData() or ""))
        self.qualified = QCheckBox(tr("只看可抽取的（在库且符合第二十八条）"))
        self.qualified.toggled.connect(lambda on: self.proxy.set_filters(qualified_only=on))
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for widget in (self.category_box, self.status_box, self.qualified):
            filters.addWidget(widget)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.banner = Banner()
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.set_listing(None, None)

    def set_listing(self, path: str | None, listing: dict | None) -> None:
        self.path_label.setText(path or tr("（未打开）"))
        experts = (listing or {}).get("experts", [])
        self.model.set_experts(experts)
        self.import_button.setEnabled(path is not None)
        self.draw_button.setEnabled(listing is not None and not listing.get("problems"))
        if listing is None:
            self.status.setText(tr("打开一个专家库文件，或新建专家库后导入专家名单（Excel 或 CSV）。"))
            self.banner.show_messages([])
            return
        in_library = sum(1 for e in experts if e["status"] == IN_LIBRARY)
        qualified = sum(1 for e in experts if e["status"] == IN_LIBRARY and e["qualified"])
        self.status.setText(tr("{n} 名专家，在库 {in_library} 名，其中符合第二十八条 {qualified} 名；"
                               "修改记录 {log} 条。")
                            .format(n=len(experts), in_library=in_library, qualified=qualified,
                                    log=listing.get("log_entries", 0)))
        problems = listing.get("problems") or []
        self.banner.show_messages([tr("专家库校验未通过，不能抽取：")] + problems if problems else [])
        self.table.resizeColumnsToContents()

    def visible_experts(self) -> list[dict]:
        return [self.proxy.index(n, 0).data(EXPERT_ROLE) for n in range(self.proxy.rowCount())]
