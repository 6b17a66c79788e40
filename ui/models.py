"""Table models over the session's domain data; no second copy of the data lives in the widgets."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from evaluator_app.domain.evaluation import Member
from evaluator_app.numbers import fmt, fmt_plain

from .i18n import N_, tr
from .session import EvaluationSession

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
WARN = QBrush(QColor("#fdecea"))
FLAG = QBrush(QColor("#fff3cd"))
MUTED = QBrush(QColor("#f2f2f2"))


class SessionTableModel(QAbstractTableModel):
    headers: tuple[str, ...] = ()  # marked with N_(), shown through tr()

    def __init__(self, session: EvaluationSession):
        super().__init__()
        self.session = session

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):  # noqa: N802
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.header_text(section)
        if role == DISPLAY and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def header_text(self, section: int) -> str:
        return tr(self.headers[section])

    def reload(self) -> None:
        self.beginResetModel()
        self.endResetModel()


class PanelModel(SessionTableModel):
    headers = (N_("姓名"), N_("类别"), N_("角色"), N_("单位"), N_("职务/职称"), N_("电话"), N_("学历"), N_("高级职称"),
               N_("从业年限"), N_("选取方式"), N_("回避声明"))

    @property
    def members(self) -> list[Member]:
        return self.session.evaluation.panel

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.members)

    def data(self, index: Index, role: int = DISPLAY):
        if role != DISPLAY and role != BACKGROUND:  # views ask for many roles; answer the two used at once
            return None
        members = self.members
        if not index.isValid() or not 0 <= index.row() < len(members):
            return None
        m, column = members[index.row()], index.column()
        if role == BACKGROUND:
            return WARN if column == 10 and (m.recusal is None or m.recusal.conflict) else None
        return self.display(m, column)

    @staticmethod
    def display(m: Member, column: int) -> str:
        match column:
            case 0:
                return m.name
            case 1:
                return tr(m.category.value)
            case 2:
                return tr(m.role.value)
            case 3:
                return m.org
            case 4:
                return m.title
            case 5:
                return m.phone
            case 6:
                return tr(m.education) if m.education else ""
            case 7:
                return "" if m.senior_title is None else (tr("是") if m.senior_title else tr("否"))
            case 8:
                return "" if m.years is None else str(m.years)
            case 9:
                return tr(m.selection) if m.selection else ""
            case _:
                return tr("未声明") if m.recusal is None else (tr("须回避") if m.recusal.conflict else tr("无利害关系"))


class SurveyModel(SessionTableModel):
    """One row per respondent; answer columns show the level label."""

    def __init__(self, session: EvaluationSession):
        super().__init__(session)
        self.refresh_headers()

    def refresh_headers(self) -> None:
        spec = self.session.evaluation.sheet.survey
        questions = [q.text for q in spec.questions] if spec else []
        # The questions are the sheet's text (data); only the fixed columns are translated.
        self.headers = (tr("编号"), tr("类型"), tr("地点"), tr("采集人"), *questions, tr("有效"))

    def header_text(self, section: int) -> str:
        return self.headers[section]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.session.evaluation.survey)

    def data(self, index: Index, role: int = DISPLAY):
        samples = self.session.evaluation.survey
        if not index.isValid() or not 0 <= index.row() < len(samples):
            return None
        sample = samples[index.row()]
        spec = self.session.evaluation.sheet.survey
        col = index.column()
        if spec is None:
            return None
        n_questions = len(spec.questions)
        valid = sample.answers.get(spec.overall_question) in spec.labels
        if role == DISPLAY:
            if col == 0:
                return str(index.row() + 1)
            if col == 1:
                return tr(sample.respondent_type) if sample.respondent_type else ""
            if col == 2:
                return sample.place
            if col == 3:
                member = self.session.evaluation.member(sample.collector)
                return member.name if member else ""
            if col < 4 + n_questions:
                answer = sample.answers.get(spec.questions[col - 4].code, "")
                return tr(answer) if answer else ""  # the level labels of the default sheet are translated
            return tr("有效") if valid else tr("无效")
        if role == BACKGROUND and not valid:
            return WARN
        return None


class MatrixModel(SessionTableModel):
    """Items × scorers with the aggregate; disagreements highlighted."""

    def _columns(self) -> list[str]:
        from evaluator_app.domain.scoring import scorers
        return scorers(self.session.evaluation)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):  # noqa: N802
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            cols = self._columns()
            if section < 2:
                return (tr("项目"), tr("满分"))[section]
            if section - 2 < len(cols):
                member = self.session.evaluation.member(cols[section - 2])
                return member.name if member else tr("评估组")
            return tr("汇总")
        return super().headerData(section, orientation, role)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns()) + 3

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.session.evaluation.sheet.items) + 1

    def data(self, index: Index, role: int = DISPLAY):
        if not index.isValid():
            return None
        ev = self.session.evaluation
        summary = self.session.summary
        items = ev.sheet.items
        cols = self._columns()
        row, col = index.row(), index.column()
        if row == len(items):  # the totals row
            if role != DISPLAY:
                return None
            if col == 0:
                return tr("合计")
            if col == 1:
                return fmt_plain(ev.sheet.max_total)
            if col - 2 < len(cols):
                return fmt(summary.members.get(cols[col - 2]))
            return fmt(summary.base_score)
        item = items[row]
        flagged = any(d.item == item.code for d in summary.disagreements)
        if role == DISPLAY:
            if col == 0:
                return f"{item.code} {item.name}"
            if col == 1:
                return fmt_plain(item.max)
            if col - 2 < len(cols):
                if item.code == ev.sheet.derived_item:
                    return tr("（换算）")
                score = self.session.score_of(cols[col - 2], item.code)
                if score is None:
                    return ""
                return tr("未到期") if score.na else fmt_plain(score.score) if score.score is not None else ""
            value = summary.items.get(item.code)
            return tr("未到期") if item.code in summary.not_applicable else fmt(value) if value is not None else ""
        if role == BACKGROUND:
            if flagged:
                return FLAG
            if item.code == ev.sheet.derived_item:
                return MUTED
        if role == TOOLTIP and flagged:
            d = next(d for d in summary.disagreements if d.item == item.code)
            return tr("评分分歧：最低 {low}，最高 {high}，超过满分的 {ratio}%").format(
                low=fmt(d.low), high=fmt(d.high), ratio=fmt(ev.sheet.disagreement_ratio * 100))
        if role == ALIGN and col >= 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class ScoreSheetModel(SessionTableModel):
    """One scorer's sheet: item, maximum, score (editable), deduction note (editable), guidance."""

    headers = (N_("项目"), N_("满分"), N_("得分"), N_("扣分理由"), N_("评分指引"), N_("核查方式"))

    def __init__(self, session: EvaluationSession, member: str = ""):
        super().__init__(session)
        self.member = member
        # Called instead of a plain edit once the sheet is submitted (a consensus revision needs a reason).
        self.revise_hook = None
        # Why the last setData was refused, as the session reported it; "" when it was taken or unchanged.
        self.refusal = ""

    def set_member(self, member: str) -> None:
        """Show a scorer's sheet. The same scorer again (a refresh) repaints in place, so the cursor stays put."""
        if member == self.member and self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(self.headers) - 1))
            return
        self.beginResetModel()
        self.member = member
        self.endResetModel()

    def items(self):
        return self.session.evaluation.sheet.scored_items

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or not self.member else len(self.items())

    def score_of(self, item_code: str):
        return self.session.score_of(self.member, item_code)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (2, 3):
            from evaluator_app.domain import workflow
            item = self.items()[index.row()]
            if workflow.can_edit_score(self.session.workflow, self.member, item.code):
                return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _save(self, item: str, value, note: str) -> bool:
        submitted = self.member in self.session.workflow.submitted
        if submitted and self.revise_hook is not None:
            return self.revise_hook(self.member, item, value, note)
        return self.session.set_score(self.member, item, value, note)

    def data(self, index: Index, role: int = DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self.items()):
            return None
        item = self.items()[index.row()]
        score = self.score_of(item.code)
        col = index.column()
        if role in (DISPLAY, EDIT):
            if col == 0:
                return f"{item.code} {item.name}"
            if col == 1:
                return fmt_plain(item.max)
            if col == 2:
                if score is not None and score.na:
                    return tr("未到期")
                return "" if score is None or score.score is None else fmt_plain(score.score)
            if col == 3:
                return score.note if score else ""
            if col == 4:
                return item.guidance
            if col == 5:
                return item.method
        if role == BACKGROUND:
            if col == 2 and score is None:
                return FLAG
            if col == 3 and score and score.score is not None and score.score < item.max and not score.note.strip() \
                    and self.session.evaluation.sheet.deduction_note_required:
                return WARN
        if role == TOOLTIP and col in (0, 4):
            return item.guidance
        if role == ALIGN and col in (1, 2):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def missing_note(self, row: int) -> str:
        """The rule's message when the row's score is a deduction the sheet wants a reason for and has none."""
        from evaluator_app.domain.rules import score_findings
        item = self.items()[row]
        score = self.score_of(item.code)
        if score is None or score.score is None:
            return ""
        findings = score_findings(item, score.score, score.note, self.session.evaluation.sheet)
        return next((f.message for f in findings if f.code == "score.note"), "")

    def setData(self, index: Index, value, role: int = EDIT) -> bool:  # noqa: N802
        self.refusal = ""
        if role != EDIT or not index.isValid() or index.column() not in (2, 3):
            return False
        with self.session.problems_heard() as heard:
            ok = self._set(index, value)
        if not ok and heard:
            self.refusal = heard[-1]
        return ok

    def _set(self, index: Index, value) -> bool:
        item = self.items()[index.row()]
        score = self.score_of(item.code)
        current_value = score.score if score else None
        current_note = score.note if score else ""
        if index.column() == 2:
            text = str(value).strip()
            if text == "":
                new_value = None
            else:
                from evaluator_app.numbers import to_decimal
                new_value = to_decimal(text)
                if new_value is None:
                    self.session.problem.emit(tr("{item} 的得分 “{text}” 不是数字").format(item=item.code, text=text))
                    return False
            if new_value == current_value:
                return False
            ok = self._save(item.code, new_value, current_note)
        else:
            if str(value) == current_note:
                return False
            if current_value is None:
                self.session.problem.emit(tr("请先为 {item} 打分，再填写扣分理由").format(item=item.code))
                return False
            ok = self._save(item.code, current_value, str(value))
        if ok:
            self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.headers) - 1))
        return ok


def percent(value) -> str:
    return "" if value is None else f"{fmt(value * 100)}%"
