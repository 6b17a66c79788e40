"""The 评估报告 PDF, timed beside a floor measured in the same run.

Run: .venv/bin/python bench/bench_report.py

The report: the default sheet, 7 members scoring every member-scored item with deduction notes,
300 survey samples, findings and suggestions, a several-paragraph 评估综述, every signature
(REPORT and SHEET for each member, the 组长's CONCLUSION), step times and a certificate
fingerprint: every section and appendix. `build_report_pdf` is timed end to end (scoring,
fingerprint, layout, the two-pass page footers, the atomic write), median of 3 after a warm-up.

The floor is reportlab alone laying out the same volume with the same embedded font: the same
sections with the same tables (rows × columns of Paragraph cells holding the same text), the same
paragraphs, the same signature images and a bar chart, with a one-pass page-number footer and no
scoring, no fingerprint, no two-pass canvas. Target: report ≤ 1.5 × floor (a goal; the script
prints 目标达成 / 未达成 and exits 0 whatever it measures).
"""

from __future__ import annotations

import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 3
MEMBERS = 7
SAMPLES = 300
TARGET_RATIO = 1.5
CERTIFICATE = "5C3A" * 16


def signature_png(seed: int, size: tuple[int, int] = (360, 120)) -> bytes:
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    points = [(10 + i * (size[0] - 20) / 12, rng.randint(15, size[1] - 15)) for i in range(13)]
    ImageDraw.Draw(image).line(points, fill=(10, 10, 90, 255), width=5)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def build_evaluation():
    from evaluator_app.exchange.document import parse_evaluation
    from tests import factories

    sheet = factories.default_sheet()
    doc = factories.evaluation(sheet=sheet, members=factories.panel(MEMBERS, experts=3), id="BENCH-0001")
    rng = random.Random(2026)
    maxima = {i["code"]: Decimal(i["max"]) for c in sheet["categories"] for i in c["items"]}
    doc["scores"] = factories.full_scores(
        doc, lambda member, item: Decimal("0.5") * rng.randint(int(maxima[item] * Decimal("1.5")),
                                                               int(maxima[item] * 2)))
    for score in doc["scores"]:
        if score["score"] < maxima[score["item"]]:
            score["note"] = "部分资料不全，记录不连续；现场抽查发现个别岗位执行不到位"
    questions = [q["code"] for q in sheet["survey"]["questions"]]
    labels = [level["label"] for level in sheet["survey"]["levels"]]
    doc["survey"] = factories.samples(
        [tuple(rng.choices(labels, [45, 35, 12, 5, 3])[0] for _ in questions) for _ in range(SAMPLES)], questions)
    doc["findings"] = [f"问题{i}：标准体系中服务保障标准偏少，部分岗位缺少作业指导书，记录不完整。"
                       for i in range(1, 7)]
    doc["suggestions"] = [f"建议{i}：完善标准实施评价机制，定期开展标准实施效果评价并持续改进。" for i in range(1, 7)]
    doc["overview"] = "\n".join(
        "评估组按照《社会管理和公共服务综合标准化试点细则（试行）》的要求，听取了试点单位的工作汇报，查阅了相关文件、"
        "记录和标准文本，考核了服务现场，随机调查了公众满意程度，并对照评估计分表进行了测评。" for _ in range(8))
    doc["bonuses"] = [{"code": sheet["bonuses"][0]["code"], "score": 2, "note": "地方标准 2 项"}]
    doc = json.loads(json.dumps(doc, default=str), parse_float=Decimal)
    return parse_evaluation(doc, "bench")


def build_signatures(evaluation):
    from evaluator_app.domain.signature import Purpose, Signature

    signatures = []
    for index, member in enumerate(evaluation.panel):
        for offset, purpose in enumerate((Purpose.REPORT, Purpose.SHEET)):
            signatures.append(Signature(f"{member.id}-{purpose}", member.id, purpose, "2025-11-20T16:30:00+08:00",
                                        "0" * 64, signature_png(index * 2 + offset)))
    signatures.append(Signature("conclusion", evaluation.panel[0].id, Purpose.CONCLUSION,
                                "2025-11-20T17:00:00+08:00", "0" * 64, signature_png(999, (300, 150))))
    return signatures


def step_times(evaluation):
    from evaluator_app.domain.steps import steps_for

    return {step.number: (f"2025-11-20T{8 + step.number:02d}:00:00+08:00",
                          f"2025-11-20T{8 + step.number:02d}:45:00+08:00")
            for step in steps_for(evaluation.kind)}


# -- the floor: reportlab alone, same volume -----------------------------------------------------

def floor_pdf(evaluation, signatures, path: Path) -> int:
    """The same sections, tables, paragraphs, images and chart, laid out by reportlab alone."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from evaluator_app.reports.fonts import FONT_NAME, register_fonts

    register_fonts()
    cell = ParagraphStyle("c", fontName=FONT_NAME, fontSize=10, leading=13, wordWrap="CJK")
    body = ParagraphStyle("b", fontName=FONT_NAME, fontSize=14, leading=24, wordWrap="CJK", firstLineIndent=28)
    head = ParagraphStyle("h", fontName=FONT_NAME, fontSize=16, leading=24, alignment=1)
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT_NAME), ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    width = A4[0] - 54 * mm

    def table(rows, weights, splittable=True):
        total = sum(weights)
        t = Table([[Paragraph(str(v), cell) if not hasattr(v, "wrap") else v for v in row] for row in rows],
                  colWidths=[width * w / total for w in weights], repeatRows=1, splitInRow=1 if splittable else 0)
        t.setStyle(grid)
        return t

    def image(png, w, h):
        return Image(io.BytesIO(png), width=w, height=h, mask="auto")

    by_signer = {(s.signer, s.purpose.value): s.png for s in signatures}
    sheet = evaluation.sheet
    pilot = evaluation.pilot
    story: list = [Spacer(1, 80), Paragraph("社会管理和公共服务综合标准化试点", head), Paragraph("评估报告", head),
                   Spacer(1, 120), table([[k, pilot.get(k, "")] for k in ("name", "unit", "guidance_unit",
                                                                           "management_unit", "address")], [1, 3]),
                   PageBreak()]
    story.append(table([[k, v, "", "", "", ""] for k, v in list(pilot.items())[:5]], [1, 1, 1, 1, 1, 1]))
    story.append(table([["专家组", "姓名", "单位/职务（职称）", "", "电话", "签字"]]
                       + [["组长" if i == 0 else "小组成员", m.name, f"{m.org}/{m.title}", "", m.phone,
                           image(by_signer[(m.id, "report")], 60, 20)] for i, m in enumerate(evaluation.panel)],
                       [1, 1, 1, 1, 1, 1]))
    story.append(table([["评估目的", evaluation.purpose], ["评估依据", evaluation.basis]], [1, 5]))
    story.append(table([["评估结论", "合格"], ["得分", "基础分 + 加分 = 总分"], ["合格分数线", "80"],
                        ["否决项", "无"], ["计分表", sheet.name]], [1, 5]))
    story += [Paragraph(text, body) for text in evaluation.summary_text.split("\n")]
    story.append(table([["评估专家组长签字：", image(by_signer[(evaluation.panel[0].id, "conclusion")], 120, 60)]],
                       [3, 2]))
    story.append(PageBreak())
    scores = {(s.member, s.item): s for s in evaluation.scores}
    matrix = [["编号", "项目", "满分", *[m.name for m in evaluation.panel], "项目得分"]]
    for category in sheet.categories:
        matrix.append([category.code, category.name, str(category.max), *[""] * MEMBERS, ""])
        for item in category.items:
            matrix.append([item.code, item.name, str(item.max),
                           *[str(scores[(m.id, item.code)].score) if (m.id, item.code) in scores else "—"
                             for m in evaluation.panel], "2.50"])
        matrix.append(["", "小计", "", *["20.00"] * MEMBERS, "20.00"])
    matrix += [["", "成员合计", "100", *["88.00"] * MEMBERS, "88.00"]] + [["基础分"] + [""] * (MEMBERS + 3)] * 5
    story += [Paragraph("附表1 计分汇总表", head), table(matrix, [24, 100, 26] + [36] * MEMBERS + [44])]
    for member in evaluation.panel:
        rows = [["编号", "项目", "满分", "得分", "扣分理由 / 说明"]]
        for category in sheet.categories:
            rows.append([category.code, category.name, str(category.max), "", ""])
            for item in category.items:
                score = scores.get((member.id, item.code))
                rows.append([item.code, item.name, str(item.max), str(score.score) if score else "7.00",
                             score.note if score else "由公众满意度调查换算"])
            rows.append(["", "小计", "", "20.00", ""])
        rows.append(["", "合计", "100", "88.00", ""])
        story += [PageBreak(), Paragraph(f"附表2 计分表（{member.name}）", head), table(rows, [32, 108, 30, 34, 238]),
                  table([["评分人签字：", image(by_signer[(member.id, "sheet")], 120, 40)]], [5, 4])]
    survey = sheet.survey
    story += [PageBreak(), Paragraph("附表3 公众满意度调查统计", head),
              table([["问题", *survey.labels, "不了解", "有效回答", "满意率", "满意度指数"]]
                    + [[q.text, *["12"] * 6, "300", "92.00%", "85.00"] for q in survey.questions],
                    [110] + [33] * 7 + [46, 46]),
              table([[k, "92.00%（说明文字）"]
                     for k in ("总体满意率", "严格满意率", "满意度指数", "置信区间", "换算得分")],
                    [1.3, 3])]
    drawing = Drawing(width, 200, initialFontName=FONT_NAME)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 46, 30, width - 70, 138
    chart.data = [[130, 100, 40, 20, 10]]
    chart.categoryAxis.categoryNames = list(survey.labels)
    chart.categoryAxis.labels.fontName = FONT_NAME
    chart.valueAxis.labels.fontName = FONT_NAME
    drawing.add(chart)
    story.append(drawing)
    story.append(Paragraph("附表4 问题与改进建议", head))
    story += [Paragraph(note.text, body) for note in evaluation.findings + evaluation.suggestions]
    story += [Paragraph("附表5 评估工作程序记录", head),
              table([["序号", "步骤", "依据", "开始", "完成"]]
                    + [[str(i), "步骤名称" * 3, "第二十一条", "08:00", "09:00"] for i in range(1, 9)],
                    [30, 170, 86, 72, 72])]

    def footer(canv, doc):
        canv.setFont(FONT_NAME, 10.5)
        canv.drawCentredString(A4[0] / 2, 20 * mm, f"第 {canv.getPageNumber()} 页")

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm, topMargin=37 * mm,
                            bottomMargin=35 * mm, initialFontName=FONT_NAME)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return doc.page


def page_count(path: Path) -> int:
    import re

    return len(re.findall(rb"/Type /Page(?![a-zA-Z])", path.read_bytes()))


def main() -> int:
    from evaluator_app.reports.pdf import build_report_pdf

    evaluation = build_evaluation()
    signatures = build_signatures(evaluation)
    times = step_times(evaluation)
    app: list[float] = []
    floor: list[float] = []
    with tempfile.TemporaryDirectory(prefix="evaluator-bench-report-") as tmp:
        folder = Path(tmp)
        os.environ["EVALUATOR_APP_DATA_DIR"] = str(folder / "data")
        report, baseline = folder / "report.pdf", folder / "floor.pdf"
        for run in range(RUNS + 1):  # the first run of each warms up (font loading, caches) and is not counted
            began = time.perf_counter()
            build_report_pdf(evaluation, report, signatures=signatures, certificate_fingerprint=CERTIFICATE,
                             step_times=times)
            elapsed = time.perf_counter() - began
            if run:
                app.append(elapsed)
            began = time.perf_counter()
            floor_pdf(evaluation, signatures, baseline)
            elapsed = time.perf_counter() - began
            if run:
                floor.append(elapsed)
        pages = (page_count(report), page_count(baseline))
        sizes = (report.stat().st_size, baseline.stat().st_size)

    app_ms, floor_ms = statistics.median(app) * 1000, statistics.median(floor) * 1000
    ratio = app_ms / floor_ms
    print(f"评估报告 PDF（{MEMBERS} 名成员，默认计分表 27 项，{SAMPLES} 份满意度样本，全部附表与签名）")
    print(f"Python {sys.version.split()[0]}，{os.cpu_count()} 核；每项中位数取自 {RUNS} 次（另有 1 次预热）")
    print()
    print(f"  build_report_pdf     {app_ms:8.1f} ms   {pages[0]:3d} 页   {sizes[0] // 1024:5d} KiB")
    print(f"  下限（reportlab 单独） {floor_ms:8.1f} ms   {pages[1]:3d} 页   {sizes[1] // 1024:5d} KiB")
    print(f"  倍数                 {ratio:8.2f}x")
    print()
    print("下限：同一字体、同样的章节、表格（行 × 列的 Paragraph 单元格与相同文字）、段落、签名图像和柱状图，"
          "只用 reportlab 排版，单遍页脚，不计分、不算指纹、不做两遍页码")
    print(f"目标 报告 ≤ {TARGET_RATIO:.1f} × 下限（{ratio:.2f}x）：{'目标达成' if ratio <= TARGET_RATIO else '未达成'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
