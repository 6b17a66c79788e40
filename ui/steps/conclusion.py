"""Step 7 结论: figures, vetoes decided by the panel, bonuses, satisfaction, the result, the
评估综述 (seeded with a generated draft) and the lists of 问题 and 改进建议."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QScrollArea, QSplitter, QVBoxLayout, QWidget,
)

from evaluator_app.domain.evaluation import Kind, Note
from evaluator_app.domain.overview import draft_overview
from evaluator_app.numbers import fmt, fmt_plain, to_decimal

from .. import messages
from ..models import percent
from ..widgets import AutoSaveText, heading
from .base import StepPage

UNDECIDED, CONFIRMED, DECLINED = "未决定", "确认（否决）", "不成立"


class NoteList(QWidget):
    """问题 or 改进建议: add, edit (double-click), remove."""

    def __init__(self, session, kind: str, title: str, parent=None):
        super().__init__(parent)
        self.session, self.kind, self.title = session, kind, title
        self.list = QListWidget()
        self.list.setObjectName(f"{kind}_list")
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(self.edit)
        add = QPushButton(f"添加{title}…")
        add.clicked.connect(lambda: self.add())
        remove = QPushButton("删除")
        remove.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title, 12))
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def notes(self) -> list[Note]:
        ev = self.session.evaluation
        return ev.findings if self.kind == "finding" else ev.suggestions

    def refresh(self) -> None:
        self.list.clear()
        for index, note in enumerate(self.notes(), 1):
            entry = QListWidgetItem(f"{index}. {note.text}" + (f"（{note.item}）" if note.item else ""))
            entry.setData(Qt.ItemDataRole.UserRole, note.id)
            self.list.addItem(entry)

    def add(self, text: str | None = None) -> None:
        text = text or messages.ask_text(self, f"{self.title}：", f"添加{self.title}")
        if text:
            self.session.save_note(self.kind, Note(uuid.uuid4().hex[:12], text))

    def edit(self, entry: QListWidgetItem) -> None:
        note = next(n for n in self.notes() if n.id == entry.data(Qt.ItemDataRole.UserRole))
        text = messages.ask_text(self, f"修改{self.title}（原文：{note.text}）：", f"修改{self.title}")
        if text:
            from dataclasses import replace
            self.session.save_note(self.kind, replace(note, text=text))

    def remove(self) -> None:
        entry = self.list.currentItem()
        if entry and messages.ask(self, f"删除“{entry.text()}”？"):
            self.session.delete_note(entry.data(Qt.ItemDataRole.UserRole))


class ConclusionPage(StepPage):
    def __init__(self, session, step, parent=None):
        super().__init__(session, step, parent)
        sheet = session.evaluation.sheet
        self.result_label = QLabel()
        self.result_label.setObjectName("result_label")
        font = self.result_label.font()
        font.setPointSize(16)
        font.setBold(True)
        self.result_label.setFont(font)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.figures.setTextFormat(Qt.TextFormat.RichText)

        self.veto_widgets: dict[str, tuple[QComboBox, QLineEdit]] = {}
        veto_box = QGroupBox("否决项（由评估组集体决定，记录姓名与理由）")
        veto_grid = QGridLayout(veto_box)
        for row, veto in enumerate(sheet.vetoes):
            label = QLabel(f"{veto.code} {veto.text}")
            label.setWordWrap(True)
            veto_grid.addWidget(label, row, 0)
            if veto.rule is None:
                combo = QComboBox()
                combo.setObjectName(f"veto_{veto.code}")
                combo.addItems([UNDECIDED, DECLINED, CONFIRMED])
                note = QLineEdit()
                note.setPlaceholderText("参与决定的成员与理由")
                note.setObjectName(f"veto_note_{veto.code}")
                combo.activated.connect(lambda _=0, code=veto.code: self.save_veto(code))
                note.editingFinished.connect(lambda code=veto.code: self.save_veto(code))
                veto_grid.addWidget(combo, row, 1)
                veto_grid.addWidget(note, row, 2)
                self.veto_widgets[veto.code] = (combo, note)
            else:
                rule_label = QLabel()
                rule_label.setObjectName(f"veto_rule_{veto.code}")
                veto_grid.addWidget(rule_label, row, 1, 1, 2)
                self.veto_widgets[veto.code] = (rule_label, None)  # type: ignore[assignment]
        veto_grid.setColumnStretch(0, 2)
        veto_grid.setColumnStretch(2, 2)

        self.bonus_widgets: dict[str, tuple[QLineEdit, QLineEdit]] = {}
        bonus_box = QGroupBox(f"加分项（合计不超过 {fmt_plain(sheet.bonus_cap)} 分）" if sheet.bonus_cap is not None else "加分项")
        bonus_grid = QGridLayout(bonus_box)
        for row, bonus in enumerate(sheet.bonuses):
            label = QLabel(f"{bonus.code} {bonus.text}（至多 {fmt_plain(bonus.max)}）")
            label.setWordWrap(True)
            score = QLineEdit()
            score.setObjectName(f"bonus_{bonus.code}")
            score.setMaximumWidth(70)
            note = QLineEdit()
            note.setPlaceholderText("依据")
            score.editingFinished.connect(lambda code=bonus.code: self.save_bonus(code))
            note.editingFinished.connect(lambda code=bonus.code: self.save_bonus(code))
            bonus_grid.addWidget(label, row, 0)
            bonus_grid.addWidget(score, row, 1)
            bonus_grid.addWidget(note, row, 2)
            self.bonus_widgets[bonus.code] = (score, note)
        bonus_grid.setColumnStretch(0, 2)
        bonus_grid.setColumnStretch(2, 2)

        self.satisfaction = QLabel()
        self.satisfaction.setWordWrap(True)
        self.override_score = QLineEdit()
        self.override_score.setMaximumWidth(70)
        self.override_reason = QLineEdit()
        self.override_reason.setPlaceholderText("调整理由（必填）")
        override_button = QPushButton("调整换算得分")
        override_button.clicked.connect(self.save_override)
        clear_override = QPushButton("恢复换算值")
        clear_override.clicked.connect(lambda: self.session.set_override(sheet.derived_item, None, "恢复换算值"))
        sat_box = QGroupBox("公众满意度")
        sat_layout = QVBoxLayout(sat_box)
        sat_layout.addWidget(self.satisfaction)
        if sheet.derived_item:
            row = QHBoxLayout()
            row.addWidget(QLabel(f"评估组调整 {sheet.derived_item}："))
            row.addWidget(self.override_score)
            row.addWidget(self.override_reason, 1)
            row.addWidget(override_button)
            row.addWidget(clear_override)
            sat_layout.addLayout(row)

        self.overview = AutoSaveText("评估综述：由组长撰写，可先生成草稿再修改")
        self.overview.setObjectName("overview_editor")
        self.overview.save.connect(lambda text: self.session.set_meta_text("overview", text))
        draft = QPushButton("生成综述草稿(&G)")
        draft.setObjectName("draft_overview")
        draft.clicked.connect(self.generate_draft)
        self.findings = NoteList(session, "finding", "问题")
        self.suggestions = NoteList(session, "suggestion", "改进建议")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.result_label)
        left_layout.addWidget(self.figures)
        left_layout.addWidget(veto_box)
        if sheet.bonuses:
            left_layout.addWidget(bonus_box)
        left_layout.addWidget(sat_box)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(heading("评估综述", 12))
        header.addStretch(1)
        header.addWidget(draft)
        right_layout.addLayout(header)
        right_layout.addWidget(self.overview, 2)
        lists = QHBoxLayout()
        lists.addWidget(self.findings)
        lists.addWidget(self.suggestions)
        right_layout.addLayout(lists, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setSizes([560, 560])
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # -- display ------------------------------------------------------------------------------
    def refresh_body(self) -> None:
        ev = self.session.evaluation
        summary = self.session.summary
        sheet = ev.sheet
        if summary.result:
            prefix = "复查" if ev.kind is Kind.REINSPECTION and summary.result in ("合格", "不合格") else ""
            self.result_label.setText(f"结论：{prefix}{summary.result}")
            colour = "#1b5e20" if summary.result in ("合格", "进展良好") else "#8a1c1c"
            self.result_label.setStyleSheet(f"color:{colour};")
        else:
            self.result_label.setText("结论：尚不能形成（评分未完成或评估组不符合要求）")
            self.result_label.setStyleSheet("color:#6d4c00;")
        rows = "".join(f"<tr><td>{c.code} {c.name}</td><td align='right'>{fmt(summary.categories[c.code])}</td>"
                       f"<td align='right'>/ {fmt_plain(c.max)}</td></tr>" for c in sheet.categories)
        progress = f"<br>完成度 {percent(summary.progress)}（中期评估进展评价）" if summary.progress is not None else ""
        vetoes = "、".join(summary.vetoes) or "无"
        self.figures.setText(
            f"<table cellspacing='4'>{rows}</table>"
            f"<p>基础分 <b>{fmt(summary.base_score)}</b> + 加分 <b>{fmt(summary.bonus)}</b> = 总分 <b>{fmt(summary.total)}</b>"
            f"（合格分 {fmt_plain(sheet.pass_score)}）{progress}<br>否决项：{vetoes}</p>")
        decisions = {d.code: d for d in ev.vetoes}
        for veto in sheet.vetoes:
            first, second = self.veto_widgets[veto.code]
            if second is None:
                first.setText("按规则触发（否决）" if veto.code in summary.vetoes else "未触发")
                first.setStyleSheet("color:#8a1c1c; font-weight:bold;" if veto.code in summary.vetoes else "color:#1b5e20;")
                continue
            decision = decisions.get(veto.code)
            first.setCurrentText(UNDECIDED if decision is None else (CONFIRMED if decision.confirmed else DECLINED))
            if not second.hasFocus():
                second.setText(decision.note if decision else "")
                second.setCursorPosition(0)
        awards = {b.code: b for b in ev.bonuses}
        for code, (score, note) in self.bonus_widgets.items():
            award = awards.get(code)
            if not score.hasFocus():
                score.setText(fmt_plain(award.score) if award else "")
            if not note.hasFocus():
                note.setText(award.note if award else "")
        stats = summary.survey
        if stats is not None:
            text = (f"有效样本 {stats.valid_samples} 份，总体满意率 {percent(stats.rate)}，满意度指数 {fmt(stats.index)}，"
                    f"{sheet.derived_item} 换算 {fmt(stats.derived_score)}，采用 {fmt(summary.derived_value)}"
                    + ("（已调整）" if summary.overridden else ""))
            if stats.below_minimum and sheet.survey:
                text += f"\n有效样本少于 {sheet.survey.min_valid_samples} 份：结论中将注明"
            self.satisfaction.setText(text)
        self.overview.set_saved_text(ev.summary_text)
        self.findings.refresh()
        self.suggestions.refresh()

    # -- actions --------------------------------------------------------------------------------
    def save_veto(self, code: str) -> None:
        combo, note = self.veto_widgets[code]
        choice = combo.currentText()
        if choice == UNDECIDED:
            return
        confirmed = choice == CONFIRMED
        if not note.text().strip():
            messages.error(self, f"请在 {code} 后填写参与决定的成员与理由")
            return
        self.session.set_veto(code, confirmed, note.text().strip())

    def save_bonus(self, code: str) -> None:
        score, note = self.bonus_widgets[code]
        text = score.text().strip()
        value = to_decimal(text) if text else None
        if text and value is None:
            messages.error(self, f"{code} 的加分 “{text}” 不是数字")
            return
        self.session.set_bonus(code, value, note.text().strip())

    def save_override(self) -> None:
        value = to_decimal(self.override_score.text().strip())
        if value is None:
            messages.error(self, "请填写调整后的得分")
            return
        self.session.set_override(self.session.evaluation.sheet.derived_item, value, self.override_reason.text().strip())

    def generate_draft(self) -> None:
        current = self.overview.toPlainText().strip()
        if current and not messages.ask(self, "用生成的草稿替换当前综述？（可用 Ctrl+Z 撤销）"):
            return
        text = draft_overview(self.session.evaluation, self.session.summary)
        # Through the editor's own undo stack, so Ctrl+Z brings the earlier text back.
        cursor = self.overview.textCursor()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)
        self.overview.flush()

    def finish_problems(self) -> list[str]:
        ev = self.session.evaluation
        problems = []
        decided = {d.code for d in ev.vetoes}
        undecided = [v.code for v in ev.sheet.vetoes if v.rule is None and v.code not in decided]
        if undecided:
            problems.append(f"否决项尚未决定：{'、'.join(undecided)}")
        if not ev.summary_text.strip():
            problems.append("评估综述尚未填写")
        if self.session.summary.result is None:
            problems.append("尚不能形成结论（评分未完成或评估组不符合要求）")
        return problems
