"""Full-screen presentation in large type: announcing the panel (step 1) and the debrief (step 8).

→ / 空格 / PageDown next slide, ← / PageUp previous, Esc closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from evaluator_app.domain.evaluation import Role
from evaluator_app.numbers import fmt
from evaluator_app.presentation import result_phrase

from .i18n import tr

Slide = tuple[str, list[str]]


class PresentationView(QDialog):
    def __init__(self, slides: list[Slide], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("演示"))
        self.slides = slides or [(tr("（无内容）"), [])]
        self.index = 0
        self.setStyleSheet("QDialog { background:#0b3d6e; } QLabel { color:white; }")
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.footer = QLabel()
        self.footer.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 30)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.footer)
        for label, size in ((self.title, 34), (self.body, 24), (self.footer, 14)):
            font = label.font()
            font.setPointSize(size)
            font.setBold(label is self.title)
            label.setFont(font)
        self.show_slide()

    def show_slide(self) -> None:
        title, lines = self.slides[self.index]
        self.title.setText(title)
        self.body.setText("\n".join(lines))
        self.footer.setText(tr("{page} / {pages}　　→ 下一页　← 上一页　Esc 退出").format(
            page=self.index + 1, pages=len(self.slides)))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Down):
            self.index = min(self.index + 1, len(self.slides) - 1)
            self.show_slide()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up):
            self.index = max(self.index - 1, 0)
            self.show_slide()
        else:
            super().keyPressEvent(event)

    def show_presentation(self) -> None:
        self.showFullScreen()


def announce_slides(session) -> list[Slide]:
    ev = session.evaluation
    leader = next((m for m in ev.panel if m.role is Role.LEADER), None)
    members = [m for m in ev.panel if m.role is not Role.LEADER]
    panel_lines = []
    if leader:
        panel_lines.append(tr("组长：{name}（{org} {title}）").format(
            name=leader.name, org=leader.org, title=leader.title))
    panel_lines += [tr("成员：{name}（{org} {title}，{category}）").format(
        name=m.name, org=m.org, title=m.title, category=tr(m.category.value)) for m in members]
    data = session.step_data("announce")
    agenda = data.get("agenda") or []
    slides: list[Slide] = [
        (f"{ev.pilot.get('name', '')}\n{tr(ev.kind.value)}",
         [tr("试点单位：{unit}").format(unit=ev.pilot.get("unit", "")),
          tr("评估日期：{date}").format(date=" – ".join(filter(None, (ev.evaluation_date, ev.evaluation_end_date))))]),
        (tr("评估组成员"), panel_lines),
        (tr("评估程序"), (data.get("procedure") or "").splitlines()),
    ]
    if agenda:
        slides.append((tr("日程安排"),
                       [f"{a.get('time', '')}　{a.get('item', '')}　{a.get('who', '')}" for a in agenda]))
    return slides


def debrief_slides(session) -> list[Slide]:
    ev = session.evaluation
    summary = session.summary
    result = result_phrase(summary).text(tr)
    slides: list[Slide] = [
        (tr("评估情况通报"), [f"{ev.pilot.get('name', '')}",
                             tr("试点单位：{unit}").format(unit=ev.pilot.get("unit", ""))]),
        (tr("评估结果"), [tr("基础分 {base}　加分 {bonus}　总分 {total}").format(
            base=fmt(summary.base_score), bonus=fmt(summary.bonus), total=fmt(summary.total)),
            tr("结论：{result}").format(result=result)]),
    ]
    if ev.findings:
        slides.append((tr("存在的问题"), [f"{i}. {n.text}" for i, n in enumerate(ev.findings, 1)]))
    if ev.suggestions:
        slides.append((tr("改进意见和建议"), [f"{i}. {n.text}" for i, n in enumerate(ev.suggestions, 1)]))
    return slides
