"""The 评估报告 PDF, checked for what a reader of the printout would notice.

Text checks use `pdftotext` and page renders use `pdftoppm` (poppler-utils); each is skipped when
the tool is missing. The font and image checks parse the PDF bytes and need no tool.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from evaluator_app.domain.evaluation import Evaluation
from evaluator_app.domain.scoring import compute
from evaluator_app.domain.signature import Purpose, Signature
from evaluator_app.exchange.document import parse_evaluation
from evaluator_app.numbers import fmt
from evaluator_app.reports import pdf as report
from evaluator_app.reports.pdf import build_report_pdf, short_fingerprint

from . import factories

PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
needs_pdftoppm = pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm (poppler-utils) is not installed")

CERTIFICATE = "3F:2A:" + "0123456789ABCDEF" * 3 + "0123456789AB"  # 64 hex digits with separators
FORM_LABELS = ("试点名称", "试点单位", "业务指导单位", "管理单位", "评估日期", "地址", "评估时间",
               "法定代表人（负责人）", "联系人", "电话", "保证单位", "评估专家组人员名单", "专家组", "组长",
               "小组成员", "姓名", "单位/职务（职称）", "签字", "评估目的", "评估依据", "评估综述",
               "评估专家组长签字")
REINSPECTION_LABELS = ("复查报告", "接受复查单位", "复查时间", "试点期限", "试点评估时间",
                       "确定为“试点合格单位”时间及文件号", "复查专家组人员名单", "复查目的", "复查依据",
                       "复查专家组组长签字", "复查日期")


# -- building documents ------------------------------------------------------------------------------

def to_evaluation(doc: dict) -> Evaluation:
    return parse_evaluation(json.loads(json.dumps(doc, default=str), parse_float=Decimal), "test")


def document(kind: str = "试点评估", members: int = 7, samples: int = 40, **more) -> dict:
    sheet = factories.default_sheet()
    doc = factories.evaluation(sheet=sheet, members=factories.panel(members, experts=3), kind=kind,
                               id="EV-TEST-001", **more)
    rng = random.Random(members)
    maxima = {i["code"]: Decimal(i["max"]) for c in sheet["categories"] for i in c["items"]}
    doc["scores"] = factories.full_scores(
        doc, lambda member, item: maxima[item] - Decimal("0.5") * rng.randint(0, 2))
    for score in doc["scores"]:
        if score["score"] < maxima[score["item"]]:
            score["note"] = "部分记录不完整"
    questions = [q["code"] for q in sheet["survey"]["questions"]]
    labels = [level["label"] for level in sheet["survey"]["levels"]]
    answers = [tuple(rng.choices(labels, [50, 35, 10, 3, 2])[0] for _ in questions) for _ in range(samples)]
    doc["survey"] = factories.samples(answers, questions)
    doc["findings"] = ["部分岗位缺少作业指导书。",
                       {"text": "员工对岗位标准的知晓程度不均衡。", "item": "C2", "step": 4}]
    doc["suggestions"] = ["定期开展标准实施效果评价。"]
    doc["overview"] = "评估组听取了汇报，查阅了资料，考核了现场。\n试点工作总体达到要求。"
    return doc


def signature_png(seed: int, size: tuple[int, int] = (300, 100)) -> bytes:
    """A small transparent PNG with one stroke, different for each seed."""
    rng = random.Random(seed)
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    points = [(10 + i * (size[0] - 20) / 8, rng.randint(15, size[1] - 15)) for i in range(9)]
    ImageDraw.Draw(image).line(points, fill=(20, 20, 120, 255), width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def signatures_for(evaluation: Evaluation) -> list[Signature]:
    signed = []
    for index, member in enumerate(evaluation.panel):
        for purpose in (Purpose.REPORT, Purpose.SHEET):
            signed.append(Signature(f"{member.id}-{purpose}", member.id, purpose, "2025-11-20T16:00:00+08:00",
                                    "0" * 64, signature_png(index * 10 + len(purpose)), width=300, height=100))
    leader = evaluation.panel[0]
    signed.append(Signature("conclusion", leader.id, Purpose.CONCLUSION, "2025-11-20T17:00:00+08:00", "0" * 64,
                            signature_png(999, (240, 120)), width=240, height=120))
    return signed


def pdf_text(path: Path) -> str:
    """The text in drawing order (`-raw`): a cell's wrapped lines stay together."""
    return subprocess.run([PDFTOTEXT, "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def squeeze(text: str) -> str:
    """Without whitespace, so a label wrapped inside its cell still matches."""
    return re.sub(r"\s+", "", text)


# -- reading PDF bytes (no external tool) -----------------------------------------------------------

def pdf_objects(data: bytes) -> dict[int, bytes]:
    """Each indirect object's text up to its stream or `endobj` (enough for dictionaries)."""
    objects = {}
    for match in re.finditer(rb"(?m)^(\d+) 0 obj\b", data):
        end = data.find(b"endobj", match.end())
        body = data[match.end():end]
        stream = body.find(b"stream")
        objects[int(match.group(1))] = body[:stream] if stream >= 0 else body
    return objects


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page(?![a-zA-Z])", data))


# -- fixtures ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reports")


@pytest.fixture(scope="module")
def signed(out_dir) -> tuple[Evaluation, Path]:
    evaluation = to_evaluation(document())
    path = out_dir / "signed.pdf"
    build_report_pdf(evaluation, path, signatures=signatures_for(evaluation), certificate_fingerprint=CERTIFICATE,
                     step_times={1: ("2025-11-20T08:30:00+08:00", "2025-11-20T08:50:00+08:00")})
    return evaluation, path


@pytest.fixture(scope="module")
def unsigned(out_dir) -> tuple[Evaluation, Path]:
    evaluation = to_evaluation(document(members=6))
    path = out_dir / "unsigned.pdf"
    build_report_pdf(evaluation, path)
    return evaluation, path


# -- no external tool --------------------------------------------------------------------------------

def test_every_font_is_embedded_and_no_builtin_cjk_font(signed):
    data = signed[1].read_bytes()
    assert data.startswith(b"%PDF-")
    objects = pdf_objects(data)
    fonts = {number: body for number, body in objects.items() if re.search(rb"/Type /Font(?![a-zA-Z])", body)}
    assert fonts, "no font in the PDF"
    for number, body in fonts.items():
        descriptor = re.search(rb"/FontDescriptor (\d+) 0 R", body)
        assert descriptor, f"font object {number} has no descriptor (not embedded): {body[:200]!r}"
        assert b"/FontFile2" in objects[int(descriptor.group(1))], f"font {number} is not an embedded TrueType font"
    assert b"STSong" not in data
    assert b"/Helvetica" not in data and b"/Times" not in data


def test_signature_images_are_drawn_and_paper_mode_leaves_cells_empty(signed, out_dir):
    evaluation, path = signed
    images = pdf_objects(path.read_bytes()).values()
    drawn = [body for body in images if b"/Subtype /Image" in body and b"/SMask" in body]
    # Every member's REPORT and SHEET signature plus the 组长's CONCLUSION, each a distinct PNG.
    assert len(drawn) == 2 * len(evaluation.panel) + 1

    paper = out_dir / "paper.pdf"
    build_report_pdf(evaluation, paper, signatures=signatures_for(evaluation), paper_mode=True)
    assert b"/Subtype /Image" not in paper.read_bytes()


def test_progress_reports_each_section_then_the_end(out_dir):
    evaluation = to_evaluation(document(members=5, samples=5))
    calls: list[tuple[int, int]] = []
    build_report_pdf(evaluation, out_dir / "progress.pdf", progress=lambda done, total: calls.append((done, total)))
    totals = {total for _, total in calls}
    assert len(totals) == 1
    total = totals.pop()
    dones = [done for done, _ in calls]
    assert dones == sorted(dones) and dones[0] == 0 and dones[-1] == total
    assert len(set(dones)) >= 8


def test_cancelled_build_writes_nothing(out_dir):
    evaluation = to_evaluation(document(members=5, samples=5))
    target = out_dir / "cancelled.pdf"

    def cancel(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_report_pdf(evaluation, target, progress=cancel)
    assert not target.exists()
    assert not list(out_dir.glob(".cancelled.pdf.*"))


def test_draft_defaults_to_missing_report_signatures(signed):
    evaluation, _ = signed
    everyone = signatures_for(evaluation)
    assert report.default_draft(evaluation, everyone) is False
    assert report.default_draft(evaluation, everyone[2:]) is True  # the first member's REPORT is missing
    assert report.default_draft(evaluation, []) is True
    assert report.default_draft(evaluation, [], paper_mode=True) is False


def test_certificate_fingerprint_is_grouped_for_reading_aloud():
    grouped = report.format_certificate_fingerprint(CERTIFICATE)
    assert grouped.replace(" ", "") == re.sub("[^0-9A-F]", "", CERTIFICATE)
    assert len(grouped.split(" ")) == 16
    assert report.format_certificate_fingerprint("not-a-hash") == "not-a-hash"


# -- text (pdftotext) ---------------------------------------------------------------------------------

@needs_pdftotext
def test_every_form_label_and_member_appears(signed):
    evaluation, path = signed
    text = squeeze(pdf_text(path))
    for label in FORM_LABELS:
        assert label in text, label
    for member in evaluation.panel:
        assert member.name in text, member.name
    for title in ("计分汇总表", "计分表", "公众满意度调查统计", "问题与改进建议", "评估工作程序记录"):
        assert title in text, title


@needs_pdftotext
def test_pilot_total_and_result_appear(signed):
    evaluation, path = signed
    summary = compute(evaluation)
    assert summary.result == "合格"
    text = pdf_text(path)
    assert evaluation.pilot["name"] in text
    assert "社会管理和公共服务综合标准化试点" in text and "评估报告" in text
    line = f"基础分 {fmt(summary.base_score)} + 加分 {fmt(summary.bonus)} = 总分 {fmt(summary.total)}"
    assert line in text
    assert "合格" in text and "不合格" not in text
    assert "暂定" in text  # the default sheet is provisional
    assert "满意度换算" in text
    assert "员工对岗位标准的知晓程度不均衡" in text and "定期开展标准实施效果评价" in text


@needs_pdftotext
def test_footer_numbers_every_page_and_carries_id_and_fingerprint(signed):
    evaluation, path = signed
    data = path.read_bytes()
    pages = page_count(data)
    assert pages > 10
    text = pdf_text(path)
    chunks = text.split("\f")
    for number in range(1, pages + 1):
        assert f"第 {number} 页 共 {pages} 页" in chunks[number - 1], number
    fingerprint = short_fingerprint(evaluation)
    assert len(fingerprint) == 16
    assert text.count(fingerprint) == pages
    assert text.count(evaluation.id) >= pages
    last = chunks[pages - 1]
    assert "报告签章证书指纹 (SHA-256)" in last
    assert report.format_certificate_fingerprint(CERTIFICATE) in last


@needs_pdftotext
def test_draft_watermark_only_when_not_everyone_signed(signed, unsigned):
    assert "草稿" not in squeeze(pdf_text(signed[1]))
    text = squeeze(pdf_text(unsigned[1]))
    pages = page_count(unsigned[1].read_bytes())
    assert text.count("草稿") >= pages  # the watermark on every page


@needs_pdftotext
def test_reinspection_uses_the_annex_6_wording(out_dir):
    evaluation = to_evaluation(document(kind="复查", members=6))
    evaluation.pilot.update({"pilot_evaluation_date": "2022-11-20", "qualified_date": "2023-01-10",
                             "qualified_document": "国标委服务联〔2023〕1号"})
    path = out_dir / "reinspection.pdf"
    build_report_pdf(evaluation, path)
    text = pdf_text(path)
    flat = squeeze(text)
    for label in REINSPECTION_LABELS:
        assert label in flat, label
    assert "复查合格" in text
    assert "国标委服务联〔2023〕1号" in flat
    assert "评估专家组人员名单" not in flat


@needs_pdftotext
def test_midterm_title_and_progress_rating(out_dir):
    evaluation = to_evaluation(document(kind="中期评估", members=5))
    path = out_dir / "midterm.pdf"
    build_report_pdf(evaluation, path)
    text = pdf_text(path)
    summary = compute(evaluation)
    assert "中期评估报告" in text
    assert summary.result in ("进展良好", "基本正常", "滞后")
    assert f"{summary.result}（完成度{fmt(summary.progress * 100)}%）" in squeeze(text)


@needs_pdftotext
def test_consensus_sheet_has_one_panel_column(out_dir):
    doc = document(members=5)
    doc["sheet"]["aggregation"] = "consensus"
    doc["scores"] = [dict(s, member="panel") for s in doc["scores"] if s["member"] == "e1"]
    evaluation = to_evaluation(doc)
    path = out_dir / "consensus.pdf"
    build_report_pdf(evaluation, path)
    text = pdf_text(path)
    matrix = text.split("附表1")[1].split("附表2")[0]
    assert "评估组" in matrix
    assert not any(member.name in matrix for member in evaluation.panel)
    assert "共识评分" in text


@needs_pdftotext
def test_long_text_flows_over_pages_and_nothing_is_lost(out_dir):
    doc = document(members=7)
    doc["overview"] = "\n".join(f"第{i}段：评估组对照计分表逐项核查了试点单位提交的资料和现场情况，" * 4
                                for i in range(1, 30)) + "\n综述结束标记。"
    doc["panel"][1]["org"] = "某某省标准化研究院服务标准化研究所（国家社会管理和公共服务标准化工作专家库入库单位）"
    doc["purpose"] = "检验试点建设成效。" * 60
    doc["scores"][0]["score"] = Decimal(2)
    doc["scores"][0]["note"] = "资料不全；" * 400 + "扣分理由结束标记"
    evaluation = to_evaluation(doc)
    path = out_dir / "long.pdf"
    build_report_pdf(evaluation, path, signatures=signatures_for(evaluation))
    flat = squeeze(pdf_text(path))
    assert "综述结束标记" in flat
    assert "扣分理由结束标记" in flat
    assert "入库单位）" in flat


# -- rendering (pdftoppm) -----------------------------------------------------------------------------

@needs_pdftoppm
def test_every_page_renders_non_blank(signed, tmp_path):
    _, path = signed
    subprocess.run([PDFTOPPM, "-r", "50", "-png", str(path), str(tmp_path / "page")], check=True,
                   capture_output=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == page_count(path.read_bytes())
    for png in pngs:
        with Image.open(png) as image:
            grey = image.convert("L")
            dark = sum(grey.histogram()[:200])
            assert dark > 200, f"{png.name} looks blank"


# -- issue 12: rare characters, 避头尾, layout, the panel appendix, the consequence -------------------

CLOSERS = "，。、；：！？）》」』】〕’”"
OPENERS = "（《「『【〔‘“"


def pdffonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout


def test_uncovered_characters_lists_what_no_bundled_font_draws():
    from evaluator_app.reports import fonts

    # 䶮 (Extension A) and 𠮷 (Extension B) are covered; 𫠝 (Extension C) is not; invisible ones are ignored.
    assert fonts.uncovered_characters("王䶮，𠮷祥；张喆 ABC 123\n") == []
    assert fonts.uncovered_characters("𫠝王𫠝\u200b\ufe00") == ["\U0002B81D"]
    runs = fonts.font_runs("王䶮𠮷祥")
    assert [face for face, _ in runs] == [fonts.FONT_NAME, fonts.EXT_A.name, fonts.EXT_B.name, fonts.FONT_NAME]
    assert "".join(text for _, text in runs) == "王䶮𠮷祥"


@needs_pdftotext
def test_names_with_extension_a_and_b_characters_print_whole_with_embedded_fonts(out_dir):
    doc = document(members=5, samples=5)
    doc["panel"][0]["name"] = "王䶮"
    doc["panel"][1]["name"] = "𠮷祥"
    evaluation = to_evaluation(doc)
    path = out_dir / "rare.pdf"
    build_report_pdf(evaluation, path)
    text = pdf_text(path)
    assert "王䶮" in text and "𠮷祥" in text
    assert "计分表（王䶮）" in squeeze(text) and "计分表（𠮷祥）" in squeeze(text)
    fonts_listed = pdffonts(path)
    rows = [line.split() for line in fonts_listed.splitlines()[2:] if line.strip()]
    assert any("HanaMinA" in row[0] for row in rows) and any("HanaMinB" in row[0] for row in rows)
    for row in rows:  # name type encoding emb sub uni …: every font embedded
        assert row[-5] == "yes", fonts_listed


def test_a_character_no_font_draws_is_refused_naming_field_and_character(out_dir):
    from evaluator_app.errors import UserError

    doc = document(members=5, samples=5)
    doc["panel"][2]["org"] = "某𫠝研究院"
    evaluation = to_evaluation(doc)
    target = out_dir / "refused.pdf"
    with pytest.raises(UserError) as caught:
        build_report_pdf(evaluation, target)
    message = str(caught.value)
    assert "𫠝" in message and "U+2B81D" in message and f"成员“{evaluation.panel[2].name}”的单位" in message
    assert not target.exists()


def test_kinsoku_line_breaking_keeps_punctuation_where_it_belongs():
    from reportlab.lib.styles import ParagraphStyle

    from evaluator_app.reports.fonts import FONT_NAME, register_fonts
    from evaluator_app.reports.typeset import Para, markup

    register_fonts()
    style = ParagraphStyle("t", fontName=FONT_NAME, fontSize=10, leading=14, wordWrap="CJK")
    text = "评估组认为，试点单位（含参加单位）：标准体系健全；实施有效。" * 6 + "时间2025年12月31日，得分95.50分。" * 3
    for width in range(60, 200, 7):  # every width puts a different character at the break
        para = Para(markup(text), style)
        para.wrap(width, 10_000)
        lines = ["".join(word.text for word in line.words) for line in para.blPara.lines]
        assert "".join(lines) == text
        for previous, line in zip(lines, lines[1:], strict=False):
            assert line[0] not in CLOSERS, (width, previous, line)
            assert previous[-1] not in OPENERS, (width, previous, line)
            assert not (previous[-1].isdigit() and line[0].isdigit()), (width, previous, line)


@needs_pdftotext
def test_no_printed_line_starts_with_closing_or_ends_with_opening_punctuation(out_dir):
    doc = document(members=5, samples=5)
    sentence = "评估组认为，试点单位（含参加单位）的标准体系：健全；实施“有效”。"
    doc["overview"] = "\n".join(f"第{i}段" + sentence[i:] + sentence * 5 for i in range(len(sentence)))
    doc["basis"] = "《社会管理和公共服务综合标准化试点细则（试行）》；" * 3
    doc["findings"] = [sentence[i:] + sentence * 2 for i in range(0, len(sentence), 3)]
    evaluation = to_evaluation(doc)
    path = out_dir / "kinsoku.pdf"
    build_report_pdf(evaluation, path)
    lines = [line.strip() for line in pdf_text(path).splitlines() if line.strip()]
    assert len(lines) > 200
    assert [line for line in lines if line[0] in CLOSERS] == []
    assert [line for line in lines if line[-1] in OPENERS] == []


@needs_pdftotext
def test_basis_split_over_a_page_keeps_its_label(out_dir):
    doc = document(members=7, samples=5)
    doc["basis"] = "\n".join(f"{i}．《社会管理和公共服务综合标准化试点细则（试行）》（国标委服务联〔2013〕61号）"
                             for i in range(1, 30)) + "\n依据结束标记"
    evaluation = to_evaluation(doc)
    path = out_dir / "basis.pdf"
    build_report_pdf(evaluation, path)
    text = pdf_text(path)
    flat = squeeze(text)
    assert "评估依据（续）" in flat
    assert "依据结束标记" in flat
    assert flat.index("评估依据") < flat.index("1．《") < flat.index("评估依据（续）")


@needs_pdftotext
def test_reinspection_term_row_keeps_dates_whole(out_dir):
    evaluation = to_evaluation(document(kind="复查", members=6, samples=5))
    evaluation.pilot.update({"pilot_evaluation_date": "2022-11-20", "qualified_date": "2023-01-10",
                             "qualified_document": "国标委服务联〔2023〕1号"})
    path = out_dir / "term.pdf"
    build_report_pdf(evaluation, path)
    lines = [line.strip() for line in pdf_text(path).splitlines()]
    for date in ("2023年1月1日", "2025年12月31日", "2022年11月20日", "2023年1月10日"):
        assert any(date in line for line in lines), date


@needs_pdftotext
def test_consequence_of_the_result_is_stated_next_to_it(signed):
    from evaluator_app.presentation import consequence_text, formal, result_text

    evaluation, path = signed
    summary = compute(evaluation)
    consequence = consequence_text(summary)
    assert consequence
    flat = squeeze(pdf_text(path))
    assert squeeze(result_text(summary) + formal(consequence)) in flat  # in the report's register: 2028年11月20日
    assert "年" in formal(consequence) and not any(ch.isspace() for ch in formal(consequence))


@needs_pdftotext
def test_panel_appendix_shows_selection_qualifications_recusal_vetoes_and_revisions(out_dir):
    from evaluator_app.domain.evaluation import Recusal

    doc = document(members=5, samples=5)
    doc["panel"][1]["selection"] = {"method": "随机抽取", "record": "专家库抽取记录第CQ-018号"}
    doc["panel"][2]["education"] = "大专"
    doc["panel"][2]["years"] = 3
    evaluation = to_evaluation(doc)
    evaluation.panel[0].recusal = Recusal({"employed": False, "consulted": False, "related": False},
                                          "2025-11-20T08:40:00+08:00")
    first = evaluation.panel[3]
    revisions = {(first.id, "A1"): [{"old": "2", "new": "2.5", "reason": "协商后认为记录基本完整",
                                      "author": evaluation.panel[0].id, "at": "2025-11-20T15:10:00+08:00"}]}
    path = out_dir / "appendix.pdf"
    build_report_pdf(evaluation, path, revisions=revisions)
    flat = squeeze(pdf_text(path))
    for expected in ("附表6", "评估组组成与回避", "随机抽取：专家库抽取记录第CQ-018号", "学历为大专",
                     "3年（一般应为5年以上）", "无须回避", "2025-11-2008:40", "否决项认定", "未发现",
                     "协商记录", "协商后认为记录基本完整", "2.5"):
        assert expected in flat, expected


def test_field_names_in_messages_use_the_forms_words():
    from evaluator_app.reports.pdf import printed_fields

    evaluation = to_evaluation(document(members=5, samples=5))
    assert ("试点信息“所属行业”", "政务服务") in printed_fields(evaluation)


@needs_pdftotext
def test_write_report_prints_the_stores_score_revisions_in_the_consensus_record(tmp_path):
    from evaluator_app import operations as ops
    from evaluator_app.services.handover import write_report
    from tests.test_operations import make_store

    with make_store(tmp_path) as store:
        factories.submit_all(store)
        ops.reopen_item(store, "A1")
        ops.revise_score(store, "e2", "A1", Decimal(2), "会议纪要补看后统一", "现场补看会议纪要")
        result = write_report(store, tmp_path / "报告.pdf")
        flat = squeeze(pdf_text(result.path))
    assert "协商记录" in flat and "现场补看会议纪要" in flat
    record = flat[flat.index("协商记录"):]
    assert "A1" in record and "现场补看会议纪要" in record
