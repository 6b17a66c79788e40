"""Step 5 满意度调查: one row per respondent typed with the keys 1–5 (the levels, best first) and 0
(不了解), Enter saves the row and starts the next; live statistics beside the table.

With the default eight questions one respondent takes nine keystrokes."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
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

from evaluator_app.domain.evaluation import RESPONDENT_TYPES, Sample
from evaluator_app.domain.sheet import UNKNOWN_ANSWER
from evaluator_app.numbers import fmt

from .. import messages
from ..i18n import tr
from ..models import SurveyModel, percent
from ..widgets import Banner, heading
from .base import StepPage


class AnswerEntry(QFrame):
    """Takes the digits of one respondent's answers; Enter submits, Backspace undoes, Esc clears."""

    submitted = Signal(list)

    def __init__(self, labels: tuple[str, ...], questions: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.labels = labels
        self.questions = questions
        self.answers: list[str] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("answer_entry")
        self.setAccessibleName(tr("满意度录入：按 1–5 录入等级，0 为不了解，回车保存"))
        grid = QGridLayout(self)
        self.cells: list[QLabel] = []
        for index, question in enumerate(questions):
            title = QLabel(question)
            title.setWordWrap(True)
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cell = QLabel("·")
            cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cell.setMinimumHeight(30)
            cell.setWordWrap(True)  # a long level ("Very dissatisfied") takes two lines rather than more width
            cell.setStyleSheet("QLabel { border:1px solid #bbb; border-radius:3px; background:white; }")
            grid.addWidget(title, 0, index)
            grid.addWidget(cell, 1, index)
            self.cells.append(cell)
        self.show_answers()

    def focusInEvent(self, event) -> None:  # noqa: N802
        self.setStyleSheet("AnswerEntry { border:2px solid #1a73e8; }")
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.setStyleSheet("")
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        text = event.text()
        if text.isdigit() and len(self.answers) < len(self.questions):
            digit = int(text)
            if digit == 0:
                self.answers.append(UNKNOWN_ANSWER)
            elif 1 <= digit <= len(self.labels):
                self.answers.append(self.labels[digit - 1])
            self.show_answers()
        elif key == Qt.Key.Key_Backspace and self.answers:
            self.answers.pop()
            self.show_answers()
        elif key == Qt.Key.Key_Escape:
            self.clear()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.answers:
                self.submitted.emit(list(self.answers))
        else:
            super().keyPressEvent(event)

    def clear(self) -> None:
        self.answers = []
        self.show_answers()

    def show_answers(self) -> None:
        for index, cell in enumerate(self.cells):
            # The answers are kept as the sheet's labels; the default sheet's labels are shown translated.
            cell.setText(tr(self.answers[index]) if index < len(self.answers)
                         else ("▌" if index == len(self.answers) else "·"))


class SurveyPage(StepPage):
    def __init__(self, session, step, parent=None):
        super().__init__(session, step, parent)
        spec = session.evaluation.sheet.survey
        self.spec = spec
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        if spec is None:
            layout.addWidget(QLabel(tr("本计分表没有满意度调查部分。")))
            return
        legend = "　".join(f"{i} {tr(label)}" for i, label in enumerate(spec.labels, 1)) + f"　0 {tr(UNKNOWN_ANSWER)}"
        self.legend = QLabel(tr("键盘录入：{legend}；回车保存本行，退格撤销，Esc 清空。不录入姓名、电话、身份证号。")
                             .format(legend=legend))
        self.legend.setWordWrap(True)
        self.respondent = QComboBox()
        for kind in RESPONDENT_TYPES:  # shown in the interface language, saved as the stored value
            self.respondent.addItem(tr(kind), kind)
        self.place = QLineEdit()
        self.place.setPlaceholderText(tr("调查地点，如：政务服务大厅"))
        self.collector = QComboBox()
        self.entry = AnswerEntry(spec.labels, [q.text for q in spec.questions])
        self.entry.submitted.connect(self.save_row)
        self.message = Banner()
        form = QHBoxLayout()
        for label, widget in ((tr("类型"), self.respondent), (tr("地点"), self.place), (tr("采集人"), self.collector)):
            form.addWidget(QLabel(label))
            form.addWidget(widget, 1 if widget is self.place else 0)

        self.model = SurveyModel(session)
        self.table = QTableView()
        self.table.setObjectName("survey_table")
        self.table.setAccessibleName(tr("已录入的满意度样本"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        delete = QPushButton(tr("删除选中样本"))
        delete.clicked.connect(self.delete_selected)

        stats = QWidget()
        stats.setMinimumWidth(330)
        stats_layout = QVBoxLayout(stats)
        stats_layout.setContentsMargins(0, 0, 0, 0)
        stats_layout.addWidget(heading(tr("实时统计")))
        self.progress = QProgressBar()
        self.progress.setFormat(tr("有效样本 %v / %m"))
        stats_layout.addWidget(self.progress)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setObjectName("survey_headline")
        stats_layout.addWidget(self.headline)
        self.per_question = QLabel()
        self.per_question.setWordWrap(True)
        self.per_question.setTextFormat(Qt.TextFormat.RichText)
        stats_layout.addWidget(self.per_question, 1)

        left = QVBoxLayout()
        left.addWidget(self.legend)
        left.addLayout(form)
        left.addWidget(self.entry)
        left.addWidget(self.message)
        left.addWidget(self.table, 1)
        left.addWidget(delete, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.addLayout(left, 3)
        row.addWidget(stats, 1)
        layout.addLayout(row)

    def refresh_body(self) -> None:
        if self.spec is None:
            return
        current = self.collector.currentData()
        self.collector.blockSignals(True)
        self.collector.clear()
        for member in self.session.evaluation.panel:
            self.collector.addItem(member.name, member.id)
        if current:
            index = self.collector.findData(current)
            self.collector.setCurrentIndex(max(index, 0))
        self.collector.blockSignals(False)
        self.model.refresh_headers()
        self.model.reload()
        self.table.scrollToBottom()
        self.update_stats()

    def update_stats(self) -> None:
        stats = self.session.summary.survey
        spec = self.spec
        if stats is None or spec is None:
            return
        target = max(spec.target_valid_samples or 0, spec.min_valid_samples, 1)
        self.progress.setMaximum(target)
        self.progress.setValue(min(stats.valid_samples, target))
        counts = {"valid": stats.valid_samples, "invalid": stats.invalid_samples, "minimum": spec.min_valid_samples,
                  "target": spec.target_valid_samples}
        lines = [(tr("有效样本 {valid} 份（无效 {invalid} 份），最低要求 {minimum} 份，目标 {target} 份")
                  if spec.target_valid_samples else
                  tr("有效样本 {valid} 份（无效 {invalid} 份），最低要求 {minimum} 份")).format(**counts)]
        if stats.rate is not None:
            lines.append(tr("总体满意率 {rate}（95% 区间 {low}–{high}）").format(
                rate=percent(stats.rate), low=percent(stats.wilson_low), high=percent(stats.wilson_high)))
            lines.append(tr("严格满意率 {strict}　满意度指数 {index}").format(
                strict=percent(stats.strict_rate), index=fmt(stats.index)))
        if spec.derive:
            derived = self.session.summary.derived_value
            capped = stats.below_minimum and spec.derive.cap_below_min is not None
            lines.append((tr("{item} 换算得分：{score}（样本不足，已按上限封顶）") if capped else
                          tr("{item} 换算得分：{score}")).format(
                item=spec.derive.item, score=fmt(derived) if derived is not None else "—"))
        self.headline.setText("\n".join(lines))
        rows = "".join(f"<tr><td>{q.text}</td><td align='right'>{stats.questions[q.code].valid}</td>"
                       f"<td align='right'>{percent(stats.questions[q.code].rate)}</td>"
                       f"<td align='right'>{fmt(stats.questions[q.code].index) or ''}</td></tr>"
                       for q in spec.questions)
        question = tr("问题", "survey question")
        self.per_question.setText(f"<table cellspacing='4'><tr><th align='left'>{question}</th><th>{tr('有效')}</th>"
                                  f"<th>{tr('满意率')}</th><th>{tr('指数')}</th></tr>{rows}</table>")

    def save_row(self, answers: list[str]) -> None:
        spec = self.spec
        if len(answers) < len(spec.questions) and not messages.ask(
                self, tr("本行只录入了 {n} / {total} 题，未答的题目按未回答保存？").format(n=len(answers),
                                                                            total=len(spec.questions))):
            return
        sample = Sample(
            id=uuid.uuid4().hex[:12],
            answers={q.code: a for q, a in zip(spec.questions, answers, strict=False)},
            respondent_type=self.respondent.currentData() or self.respondent.currentText(),
            place=self.place.text().strip(),
            time=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            collector=self.collector.currentData() or "",
        )
        if self.session.save_sample(sample):
            valid = sample.answers.get(spec.overall_question) in spec.labels
            self.message.show_messages([] if valid else [tr("已保存，但总体满意度未回答或为“不了解”，该样本记为无效")],
                                       "warning")
            self.entry.clear()
            self.entry.setFocus()

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        samples = self.session.evaluation.survey
        if rows and messages.ask(self, tr("删除选中的 {n} 份样本？（修改记录中保留）").format(n=len(rows))):
            for row in rows:
                self.session.delete_sample(samples[row].id)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.spec is not None:
            self.entry.setFocus()


__all__ = ["SurveyPage", "AnswerEntry", "QFormLayout"]
