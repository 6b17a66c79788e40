"""Step 7 结论: figures, vetoes decided by the panel, bonuses, satisfaction, the result, the
评估综述 (seeded with a generated draft) and the lists of 问题 and 改进建议."""

from __future__ import annotations

import html
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from evaluator_app.domain.evaluation import Note
from evaluator_app.domain.overview import draft_overview
from evaluator_app.numbers import fmt, fmt_plain, to_decimal
from evaluator_app.presentation import (
    category_lines,
    consequence_phrase,
    result_is_positive,
    result_phrase,
    sheet_phrase,
)

from .. import messages
from ..i18n import N_, join, tr
from ..models import percent
from ..widgets import AutoSaveText, heading
from .base import StepPage

UNDECIDED, CONFIRMED, DECLINED = N_("未决定"), N_("确认（否决）"), N_("不成立")

# The texts of each list, whole sentences per kind of note (no fragments put together).
NOTE_TEXTS = {
    "finding": {"title": N_("问题"), "add": N_("添加问题…"), "prompt": N_("问题："), "add_title": N_("添加问题"),
                "edit": N_("修改问题（原文：{text}）："), "edit_title": N_("修改问题")},
    "suggestion": {"title": N_("改进建议"), "add": N_("添加改进建议…"), "prompt": N_("改进建议："),
                   "add_title": N_("添加改进建议"), "edit": N_("修改改进建议（原文：{text}）："),
                   "edit_title": N_("修改改进建议")},
}


class NoteList(QWidget):
    """问题 or 改进建议: add, edit (double-click), remove."""

    def __init__(self, session, kind: str, parent=None):
        super().__init__(parent)
        self.session, self.kind = session, kind
        self.texts = NOTE_TEXTS[kind]
        self.title = tr(self.texts["title"])
        self.list = QListWidget()
        self.list.setObjectName(f"{kind}_list")
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(self.edit)
        add = QPushButton(tr(self.texts["add"]))
        add.clicked.connect(lambda: self.add())
        remove = QPushButton(tr("删除"))
        remove.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.title, 12))
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
        text = text or messages.ask_text(self, tr(self.texts["prompt"]), tr(self.texts["add_title"]))
        if text:
            self.session.save_note(self.kind, Note(uuid.uuid4().hex[:12], text))

    def edit(self, entry: QListWidgetItem) -> None:
        note = next(n for n in self.notes() if n.id == entry.data(Qt.ItemDataRole.UserRole))
        text = messages.ask_text(self, tr(self.texts["edit"]).format(text=note.text), tr(self.texts["edit_title"]))
        if text:
            from dataclasses import replace
            self.session.save_note(self.kind, replace(note, text=text))

    def remove(self) -> None:
        entry = self.list.currentItem()
        if entry and messages.ask(self, tr("删除“{text}”？").format(text=entry.text())):
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
        veto_box = QGroupBox(tr("否决项（由评估组集体决定，记录姓名与理由）"))
        veto_grid = QGridLayout(veto_box)
        for row, veto in enumerate(sheet.vetoes):
            label = QLabel(f"{veto.code} {veto.text}")
            label.setWordWrap(True)
            veto_grid.addWidget(label, row, 0)
            if veto.rule is None:
                combo = QComboBox()
                combo.setObjectName(f"veto_{veto.code}")
                for choice in (UNDECIDED, DECLINED, CONFIRMED):
                    combo.addItem(tr(choice), choice)
                note = QLineEdit()
                note.setPlaceholderText(tr("参与决定的成员与理由"))
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
        bonus_box = QGroupBox(tr("加分项（合计不超过 {cap} 分）").format(cap=fmt_plain(sheet.bonus_cap))
                              if sheet.bonus_cap is not None else tr("加分项"))
        bonus_grid = QGridLayout(bonus_box)
        for row, bonus in enumerate(sheet.bonuses):
            label = QLabel(tr("{code} {text}（至多 {max}）").format(code=bonus.code, text=bonus.text,
                                                                  max=fmt_plain(bonus.max)))
            label.setWordWrap(True)
            score = QLineEdit()
            score.setObjectName(f"bonus_{bonus.code}")
            score.setMaximumWidth(70)
            note = QLineEdit()
            note.setPlaceholderText(tr("依据"))
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
        self.override_reason.setPlaceholderText(tr("调整理由（必填）"))
        override_button = QPushButton(tr("调整换算得分"))
        override_button.clicked.connect(self.save_override)
        clear_override = QPushButton(tr("恢复换算值"))
        # The reason goes into the file's change record, which is kept in Chinese.
        clear_override.clicked.connect(lambda: self.session.set_override(sheet.derived_item, None, "恢复换算值"))
        sat_box = QGroupBox(tr("公众满意度"))
        sat_layout = QVBoxLayout(sat_box)
        sat_layout.addWidget(self.satisfaction)
        if sheet.derived_item:
            row = QHBoxLayout()
            row.addWidget(QLabel(tr("评估组调整 {item}：").format(item=sheet.derived_item)))
            row.addWidget(self.override_score)
            row.addWidget(self.override_reason, 1)
            row.addWidget(override_button)
            row.addWidget(clear_override)
            sat_layout.addLayout(row)

        self.overview = AutoSaveText(tr("评估综述：由组长撰写，可先生成草稿再修改"))
        self.overview.setObjectName("overview_editor")
        self.overview.save.connect(lambda text: self.session.set_meta_text("overview", text))
        draft = QPushButton(tr("生成综述草稿(&G)"))
        draft.setObjectName("draft_overview")
        draft.clicked.connect(self.generate_draft)
        self.findings = NoteList(session, "finding")
        self.suggestions = NoteList(session, "suggestion")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.result_label)
        self.consequence_label = QLabel()
        self.consequence_label.setObjectName("consequence_label")
        self.consequence_label.setWordWrap(True)
        left_layout.addWidget(self.consequence_label)
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
        header.addWidget(heading(tr("评估综述"), 12))
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
        self.result_label.setText(tr("结论：{result}").format(result=result_phrase(summary).text(tr)))
        positive = result_is_positive(summary)
        colour = "#6d4c00" if positive is None else "#1b5e20" if positive else "#8a1c1c"
        self.result_label.setStyleSheet(f"color:{colour};")
        consequence = consequence_phrase(summary.consequence).text(tr) if summary.consequence else ""
        self.consequence_label.setText(consequence)
        self.consequence_label.setVisible(bool(consequence))
        rows = "".join(f"<tr><td>{html.escape(f'{c.code} {c.name}')}</td><td align='right'>{c.score}</td>"
                       f"<td align='right'>/ {fmt_plain(c.maximum)}</td></tr>" for c in category_lines(sheet, summary))
        progress = ("<br>" + tr("完成度 {percent}（中期评估进展评价）").format(percent=percent(summary.progress))
                    if summary.progress is not None else "")
        vetoes = tr("否决项：{vetoes}").format(vetoes=join(summary.vetoes) or tr("无"))
        totals = tr("基础分 <b>{base}</b> + 加分 <b>{bonus}</b> = 总分 <b>{total}</b>（合格分 {pass_score}）").format(
            base=fmt(summary.base_score), bonus=fmt(summary.bonus), total=fmt(summary.total),
            pass_score=fmt_plain(sheet.pass_score))
        label = html.escape(tr("计分表：{sheet}").format(sheet=sheet_phrase(sheet).text(tr)))
        self.figures.setText(f"<table cellspacing='4'>{rows}</table>"
                             f"<p>{totals}{progress}<br>{vetoes}<br>{label}</p>")
        decisions = {d.code: d for d in ev.vetoes}
        for veto in sheet.vetoes:
            first, second = self.veto_widgets[veto.code]
            if second is None:
                triggered = veto.code in summary.vetoes
                first.setText(tr("按规则触发（否决）") if triggered else tr("未触发"))
                first.setStyleSheet("color:#8a1c1c; font-weight:bold;" if triggered else "color:#1b5e20;")
                continue
            decision = decisions.get(veto.code)
            choice = UNDECIDED if decision is None else (CONFIRMED if decision.confirmed else DECLINED)
            first.setCurrentIndex(max(first.findData(choice), 0))
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
            figures = {"valid": stats.valid_samples, "rate": percent(stats.rate), "index": fmt(stats.index),
                       "item": sheet.derived_item, "derived": fmt(stats.derived_score),
                       "used": fmt(summary.derived_value)}
            text = (tr("有效样本 {valid} 份，总体满意率 {rate}，满意度指数 {index}，"
                       "{item} 换算 {derived}，采用 {used}（已调整）")
                    if summary.overridden else
                    tr("有效样本 {valid} 份，总体满意率 {rate}，满意度指数 {index}，"
                       "{item} 换算 {derived}，采用 {used}"))
            text = text.format(**figures)
            if stats.below_minimum and sheet.survey:
                text += "\n" + tr("有效样本少于 {n} 份：结论中将注明").format(n=sheet.survey.min_valid_samples)
            self.satisfaction.setText(text)
        self.overview.set_saved_text(ev.summary_text)
        self.findings.refresh()
        self.suggestions.refresh()

    # -- actions --------------------------------------------------------------------------------
    def save_veto(self, code: str) -> None:
        combo, note = self.veto_widgets[code]
        choice = combo.currentData()
        if choice == UNDECIDED:
            return
        with self.session.problems_heard() as problems:
            self.session.decide_veto(code, choice == CONFIRMED, note.text())
        if problems:
            messages.error(self, "\n".join(problems))

    def save_bonus(self, code: str) -> None:
        score, note = self.bonus_widgets[code]
        text = score.text().strip()
        value = to_decimal(text) if text else None
        if text and value is None:
            messages.error(self, tr("{code} 的加分 “{text}” 不是数字").format(code=code, text=text))
            return
        self.session.set_bonus(code, value, note.text().strip())

    def save_override(self) -> None:
        value = to_decimal(self.override_score.text().strip())
        if value is None:
            messages.error(self, tr("请填写调整后的得分"))
            return
        self.session.set_override(self.session.evaluation.sheet.derived_item, value,
                                  self.override_reason.text().strip())

    def generate_draft(self) -> None:
        current = self.overview.toPlainText().strip()
        if current and not messages.ask(self, tr("用生成的草稿替换当前综述？（可用 Ctrl+Z 撤销）")):
            return
        text = draft_overview(self.session.evaluation, self.session.summary)
        # Through the editor's own undo stack, so Ctrl+Z brings the earlier text back.
        cursor = self.overview.textCursor()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)
        self.overview.flush()
