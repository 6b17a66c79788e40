"""The 专家库 and the random draw of an evaluation panel, through the real command line on real files:
import (.xlsx, CSV with and without BOM), updates logged, errors named by cell, hostile files refused in
seconds; draws that keep 第十九条 and 第二十八条 and the 回避 of the pilot unit and its 保证单位, reproducible and
fair; the written evaluation and the sealed 抽取记录."""

from __future__ import annotations

import csv
import json
import math
import re
import shutil
import sqlite3
import subprocess
import time
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from evaluator_app.cli import main
from evaluator_app.exchange.document import parse_evaluation
from evaluator_app.office.draw import DrawRequest, PilotInfo, draw
from evaluator_app.office.library import normalise, open_library
from evaluator_app.signing.seal import embedded_files
from tests.factories import evaluation

HEADER = ["姓名", "类别", "单位", "地区", "职称", "学历", "高级职称", "从业年限", "电话", "专业领域", "状态"]
UNIT, GUARANTOR = "某市政务服务中心", "某市人民政府"
STD, IND, MAN = "标准化专家", "行业专家", "管理人员"
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
ORGS = {STD: ["省标准化研究院", "市质量技术监督研究所", "省标准化协会", "某大学标准化研究中心"],
        IND: ["省政务服务管理办公室", "某市行政审批局", "省大数据中心", "某区便民服务中心"],
        MAN: ["省市场监督管理局", "某市市场监督管理局", "省发展和改革委员会"]}


def expert_rows() -> list[list]:
    """60 experts; per category: eligible ones, then the unqualified, the pilot unit's and 保证单位's, the 暂停."""
    rows: list[list] = []

    def add(category: str, org: str, education: str = "硕士", senior: str = "是", years: int = 12,
            status: str = "在库") -> None:
        n = len(rows)
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)] + ("" if n < len(SURNAMES) else "一")
        rows.append([name, category, org, "某省", "研究员" if senior == "是" else "工程师", education, senior,
                     years, f"1390000{n:04d}", "政务服务标准化", status])

    for category, eligible in ((STD, 14), (IND, 16), (MAN, 13)):
        orgs = ORGS[category]
        for i in range(eligible):
            add(category, orgs[i % len(orgs)], years=5 + i)
        add(category, orgs[0], education="大专")
        add(category, orgs[1], years=3)
        if category == STD:
            add(category, orgs[2], senior="否")
            add(category, "某市　政务服务中心")  # full-width space: still the pilot unit
            add(category, GUARANTOR)
        elif category == IND:
            add(category, UNIT)
            add(category, "某市政务服务中心")
            add(category, "某市人民政府办公室")  # a department of the 保证单位
        else:
            add(category, UNIT)
            add(category, "某市人民政府")
        add(category, orgs[0], status="暂停")
    assert len(rows) == 60
    return rows


ELIGIBLE = {STD: 14, IND: 16, MAN: 13}


def write_xlsx(path: Path, rows: list[list], header: list[str] = HEADER, sheet: str = "专家库") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list], bom: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def pilot_doc(tmp_path: Path, **more) -> Path:
    doc = evaluation(members=[], id="eval-2025-07", **more)
    path = tmp_path / "pilot.json"
    path.write_text(json.dumps(doc, default=str, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture
def library(tmp_path, capsys) -> Path:
    target = tmp_path / "library.sqlite"
    code, out, err = run(capsys, "library", "import", target, write_xlsx(tmp_path / "experts.xlsx", expert_rows()))
    assert code == 0, err
    assert "已创建专家库" in out and "新增 60 名" in out
    return target


def listing(capsys, library: Path) -> dict:
    code, out, err = run(capsys, "library", "list", library, "--json")
    assert code == 0, err
    return json.loads(out)


def draw_json(capsys, library: Path, pilot: Path, size: int, seed: str, *more) -> dict:
    code, out, err = run(capsys, "draw", library, "--pilot", pilot, "--size", size, "--seed", seed, "--json", *more)
    assert code == 0, err
    return json.loads(out)


def conflicted(org: str) -> bool:
    return any(normalise(org).startswith(normalise(x)) for x in (UNIT, GUARANTOR))


# --- the library ---------------------------------------------------------------------------------------

def test_import_lists_every_expert_with_whether_they_meet_article_28(capsys, library):
    doc = listing(capsys, library)
    assert len(doc["experts"]) == 60 and doc["log_entries"] == 60 and doc["problems"] == []
    by_name = {e["name"]: e for e in doc["experts"]}
    unqualified = [e for e in doc["experts"] if not e["qualified"]]
    assert len(unqualified) == 7  # 大专 ×3, 3 years ×3, no senior title ×1
    assert any("学历为大专" in s for e in unqualified for s in e["shortfalls"])
    assert any("3 年" in s for e in unqualified for s in e["shortfalls"])
    assert sum(1 for e in doc["experts"] if e["status"] == "暂停") == 3
    first = expert_rows()[0]
    assert by_name[first[0]]["phone"] == first[8] and by_name[first[0]]["years"] == 5
    code, out, _ = run(capsys, "library", "list", library)
    assert code == 0 and "60 名专家" in out and "不符合" in out


@pytest.mark.parametrize("bom", [True, False])
def test_csv_with_or_without_bom_gives_the_same_library(capsys, tmp_path, library, bom):
    other = tmp_path / f"csv-{bom}.sqlite"
    code, _, err = run(capsys, "library", "import", other, write_csv(tmp_path / "experts.csv", expert_rows(), bom))
    assert code == 0, err
    assert listing(capsys, other)["experts"] == listing(capsys, library)["experts"]


def test_reimport_updates_the_same_expert_and_logs_update_suspend_and_reinstate(capsys, tmp_path, library):
    rows = expert_rows()
    rows[0][4] = "教授级高级工程师"  # 职称 changed
    rows[1][10] = "暂停"
    rows[1][2] = " ".join(rows[1][2])  # the same org written with spaces: the same expert
    rows[-1][10] = "在库"  # the suspended 管理人员 comes back
    code, out, err = run(capsys, "library", "import", library, write_xlsx(tmp_path / "again.xlsx", rows))
    assert code == 0, err
    assert "已更新专家库" in out and "新增 0 名" in out and "更新 2 名" in out and "暂停 1 名" in out
    assert "恢复 1 名" in out and "未变 57 名" in out
    doc = listing(capsys, library)
    assert len(doc["experts"]) == 60 and doc["problems"] == []
    by_name = {e["name"]: e for e in doc["experts"]}
    assert by_name[rows[0][0]]["title"] == "教授级高级工程师"
    assert by_name[rows[1][0]]["status"] == "暂停" and by_name[rows[-1][0]]["status"] == "在库"
    with open_library(library) as lib:
        log = lib.log()
    actions = Counter(c.action for c in log)
    assert actions == {"add": 60, "update": 2, "suspend": 1, "reinstate": 1}
    update = next(c for c in log if c.action == "update" and c.new["name"] == rows[0][0])
    assert update.old["title"] == "研究员" and update.new["title"] == "教授级高级工程师"
    assert "again.xlsx 第 2 行" in update.reason
    code, out, _ = run(capsys, "library", "import", library, tmp_path / "again.xlsx")
    assert code == 0 and "未变 60 名" in out
    assert len(listing(capsys, library)["experts"]) == 60


def test_import_errors_are_named_by_cell_and_nothing_is_written(capsys, tmp_path):
    rows = expert_rows()[:7]
    rows[0][1] = "专家"  # B2
    rows[1][7] = "十年"  # H3
    rows[2][6] = "可能"  # G4
    rows[3][0] = None  # A5
    rows[4][10] = "退休"  # K6
    rows[6] = list(rows[5])  # A8: the same expert as row 7
    target = tmp_path / "library.sqlite"
    code, _, err = run(capsys, "library", "import", target, write_xlsx(tmp_path / "bad.xlsx", rows))
    assert code == 2
    for cell, words in (("专家库!B2", "类别应为"), ("专家库!H3", "从业年限应为整数"), ("专家库!G4", "“是”或“否”"),
                        ("专家库!A5", "姓名不能为空"), ("专家库!K6", "状态应为"), ("专家库!A8", "与第 7 行重复")):
        assert re.search(f"{re.escape(cell)}：[^\n]*{re.escape(words)}", err), (cell, err)
    assert list(tmp_path.iterdir()) == [tmp_path / "bad.xlsx"]
    code, _, err = run(capsys, "library", "import", target,
                       write_xlsx(tmp_path / "header.xlsx", expert_rows()[:2], HEADER[:7] + ["年限", "电话"]))
    assert code == 2 and "专家库!H1" in err and "未知的列“年限”" in err and "缺少列“从业年限”" in err
    bad_csv = expert_rows()[:3]
    bad_csv[2][7] = "2.5"
    bad_csv[1].append("多出的一格")
    code, _, err = run(capsys, "library", "import", target, write_csv(tmp_path / "名单.csv", bad_csv))
    assert code == 2 and "名单!H4：从业年限应为整数" in err and "名单!L3：此列没有表头" in err
    assert not target.exists()


def test_an_existing_library_is_left_unchanged_when_an_import_is_refused(capsys, tmp_path, library):
    before = library.read_bytes()
    rows = expert_rows()
    rows[10][5] = "本科\x07"
    code, _, err = run(capsys, "library", "import", library, write_csv(tmp_path / "bad.csv", rows))
    assert code == 2 and "bad!F12" in err and "控制字符" in err
    assert library.read_bytes() == before


def _rewrite(source: Path, target: Path, edit) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
    return target


def _hostile_files(tmp_path: Path) -> list[tuple[Path, str]]:
    good = write_xlsx(tmp_path / "good.xlsx", expert_rows())
    cases = [
        (_rewrite(good, tmp_path / "last-row.xlsx", lambda t: t.replace(
            "</sheetData>", '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>X</t></is></c></row></sheetData>')),
         "专家库!1048576:1048576"),
        (_rewrite(good, tmp_path / "cells.xlsx", lambda t: t.replace(
            "</sheetData>", '<row r="70">' + "".join(f"<c><v>{n}</v></c>" for n in range(600_000))
            + "</row></sheetData>")),
         "单元格过多"),
    ]
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        zout.writestr("[Content_Types].xml", "<Types/>")
        zout.writestr("xl/worksheets/sheet1.xml", "<" + "a" * (20 * 1024 * 1024) + ">")
    cases.append((bomb, "压缩"))
    big = tmp_path / "big.csv"
    big.write_bytes(("姓名,类别\n" + "张三,标准化专家\n" * 400_000).encode())
    cases.append((big, "文件过大"))
    rows = tmp_path / "rows.csv"
    rows.write_bytes((",".join(HEADER) + "\n" + "\n".join(f"x{n}" for n in range(10_000))).encode())
    cases.append((rows, "行数超过上限"))
    field = tmp_path / "field.csv"
    field.write_bytes((",".join(HEADER) + '\n"' + "长" * 1_000_000 + '",标准化专家\n').encode())
    cases.append((field, "CSV 格式错误"))
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes((",".join(HEADER) + "\n").encode("gbk"))
    cases.append((gbk, "不是 UTF-8 编码"))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x00\x01\x02PK" * 100)
    cases.append((binary, "不是 CSV 文本文件"))
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a workbook")
    cases.append((garbage, "xlsx"))
    return cases


def test_hostile_workbooks_and_csv_files_are_refused_within_seconds(capsys, tmp_path):
    target = tmp_path / "out" / "library.sqlite"
    target.parent.mkdir()
    for path, words in _hostile_files(tmp_path):
        start = time.monotonic()
        code, _, err = run(capsys, "library", "import", target, path)
        elapsed = time.monotonic() - start
        assert code == 2 and words in err, (path.name, err)
        assert elapsed < 5, (path.name, elapsed)
        assert list(target.parent.iterdir()) == []


# --- the draw ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [5, 6, 7])
def test_every_draw_keeps_the_rules_and_leaves_out_the_pilot_unit_guarantor_unqualified_and_suspended(
        capsys, tmp_path, library, size):
    pilot = pilot_doc(tmp_path)
    experts = {e["name"]: e for e in listing(capsys, library)["experts"]}
    for seed in ("2025-省评估-第1批", "见证人掷骰 4-6-1", "x"):
        doc = draw_json(capsys, library, pilot, size, seed, "--reserve", 3)
        panel, reserves = doc["panel"], doc["reserves"]
        assert len(panel) == size and len(reserves) == 3
        assert sum(1 for m in panel if m["category"] == STD) >= math.ceil(size / 3)
        leaders = [m for m in panel if m["role"] == "组长"]
        assert len(leaders) == 1 and leaders[0]["category"] == STD and leaders[0] is panel[0]
        names = [m["name"] for m in panel + reserves]
        assert len(set(names)) == len(names)
        for member in panel + reserves:
            expert = experts[member["name"]]
            assert expert["qualified"] and expert["status"] == "在库" and not conflicted(member["org"]), member
            assert member["selection"]["method"] == "随机抽取" and seed in member["selection"]["record"]
        assert doc["pool"]["by_category"] == ELIGIBLE and doc["pool"]["size"] == 43
        assert len(doc["exclusions"]) == 17
        reasons = {x["name"]: "；".join(x["reasons"]) for x in doc["exclusions"]}
        assert "任职于试点单位（某市政务服务中心）" in reasons[expert_rows()[17][0]]  # "某市　政务服务中心"
        assert "任职于保证单位（某市人民政府）下属的某市人民政府办公室" in reasons[expert_rows()[40][0]]
        assert "状态为暂停" in reasons[expert_rows()[19][0]]
        assert "学历为大专" in reasons[expert_rows()[14][0]]


def test_the_same_seed_gives_the_identical_json_and_another_seed_another_panel(capsys, tmp_path, library):
    pilot = pilot_doc(tmp_path)
    args = ("draw", library, "--pilot", pilot, "--size", 7, "--seed", "种子-42", "--reserve", 2, "--json")
    first, second = run(capsys, *args), run(capsys, *args)
    assert first[0] == 0 and first == second
    other = draw_json(capsys, library, pilot, 7, "种子-43", "--reserve", 2)
    assert [m["name"] for m in other["panel"]] != [m["name"] for m in json.loads(first[1])["panel"]]
    # the pool's digest and the lots can be recomputed from the documented method
    doc = json.loads(first[1])
    with open_library(library) as lib:
        experts = lib.experts()
    import hashlib
    import hmac
    pool = [e for e in experts if e.status == "在库" and not e.shortfalls() and not conflicted(e.org)]
    digest = hashlib.sha256("".join(sorted(f"{e.key}\t{e.category}\n" for e in pool)).encode()).hexdigest()
    assert doc["pool"]["digest"] == digest
    key = hashlib.sha256(f"evaluator-expert-draw/1\n种子-42\n{digest}\neval-2025-07".encode()).digest()
    lots = sorted((hmac.new(key, e.key.encode(), hashlib.sha256).hexdigest(), e) for e in pool
                  if e.category == STD)
    assert [m["name"] for m in doc["panel"][:3]] == [e.name for _, e in lots[:3]]


def test_over_300_seeds_every_eligible_expert_is_drawn_and_standardization_experts_alike(capsys, library):
    with open_library(library) as lib:
        experts = lib.experts()
    pilot = PilotInfo("eval-2025-07", "某市政务服务综合标准化试点", UNIT, GUARANTOR)
    eligible = [e for e in experts if e.status == "在库" and not e.shortfalls() and not conflicted(e.org)]
    assert len(eligible) == 43
    counts: Counter[str] = Counter()
    for n in range(300):
        result = draw(experts, pilot, DrawRequest(size=7, seed=f"seed-{n}"))
        drawn = [d.expert for d in result.panel]
        assert sum(1 for e in drawn if e.category == STD) >= math.ceil(len(drawn) / 3)
        counts.update(e.key for e in drawn)
    assert set(counts) == {e.key for e in eligible}
    std = [counts[e.key] for e in eligible if e.category == STD]
    mean = sum(std) / len(std)
    assert all(0.6 * mean <= c <= 1.4 * mean for c in std), (mean, sorted(std))


def test_too_few_eligible_standardization_experts_is_refused_and_nothing_written(capsys, tmp_path):
    rows = expert_rows()
    for row in rows[1:14]:
        row[10] = "暂停"  # one eligible 标准化专家 left
    library = tmp_path / "small.sqlite"
    assert run(capsys, "library", "import", library, write_csv(tmp_path / "small.csv", rows))[0] == 0
    out = tmp_path / "draw.json"
    code, _, err = run(capsys, "draw", library, "--pilot", pilot_doc(tmp_path), "--size", 5, "--seed", "s",
                       "-o", out, "--by", "张主任")
    assert code == 2 and "标准化专家只有 1 名" in err and "至少 2 名" in err
    assert not out.exists() and not out.with_suffix(".pdf").exists()
    rows = expert_rows()
    for row in rows[14:]:
        row[10] = "暂停"
    assert run(capsys, "library", "import", library, write_csv(tmp_path / "small2.csv", rows))[0] == 0
    code, _, err = run(capsys, "draw", library, "--pilot", pilot_doc(tmp_path), "--size", 7, "--seed", "s",
                       "--standardization", 3)
    assert code == 0
    code, _, err = run(capsys, "draw", library, "--pilot", pilot_doc(tmp_path), "--size", 7, "--seed", "s",
                       "--standardization", 3, "--reserve", 20)
    assert code == 0  # fewer reserves than asked: a warning, not a refusal


def test_too_few_eligible_in_total_is_refused(capsys, tmp_path):
    rows = [r for r in expert_rows() if r[1] == STD][:14]
    library = tmp_path / "std-only.sqlite"
    assert run(capsys, "library", "import", library, write_xlsx(tmp_path / "std.xlsx", rows[:6]))[0] == 0
    code, _, err = run(capsys, "draw", library, "--pilot", pilot_doc(tmp_path), "--size", 7, "--seed", "s")
    assert code == 2 and "符合条件的专家只有 6 名，评估组需要 7 名" in err


@pytest.mark.parametrize("options, words", [
    (("--size", 5, "--standardization", 1), "至少需要 2 名标准化专家"),
    (("--size", 5, "--standardization", 6), "超过评估组人数"),
    (("--size", 8), "5 至 7 人"),
    (("--size", 5, "--seed", " "), "--seed 不能为空"),
])
def test_impossible_requests_are_refused(capsys, tmp_path, library, options, words):
    args = ["draw", library, "--pilot", pilot_doc(tmp_path), "--seed", "s", *options]
    code, _, err = run(capsys, *args)
    assert code == 2 and words in err, err


def test_excluded_orgs_are_compared_after_normalising_width_and_spaces(capsys, tmp_path, library):
    pilot = pilot_doc(tmp_path)
    doc = draw_json(capsys, library, pilot, 5, "s", "--exclude-org", "省 标准化研究院",
                    "--exclude-org", "省大数据中心")
    assert doc["pool"]["by_category"] == {STD: 10, IND: 12, MAN: 13}
    assert all(m["org"] not in ("省标准化研究院", "省大数据中心") for m in doc["panel"])
    waived = draw_json(capsys, library, pilot, 5, "s", "--allow-unqualified")
    assert waived["pool"]["by_category"] == {STD: 17, IND: 18, MAN: 15} and waived["allow_unqualified"]


def test_a_tampered_library_is_not_drawn_from(capsys, tmp_path, library):
    with sqlite3.connect(library) as conn:
        conn.execute("UPDATE expert SET years = 30 WHERE position = 15")  # 大专 → still, but edited outside
    code, out, _ = run(capsys, "library", "list", library)
    assert code == 1 and "与修改记录不符" in out
    code, _, err = run(capsys, "draw", library, "--pilot", pilot_doc(tmp_path), "--size", 5, "--seed", "s")
    assert code == 2 and "校验未通过" in err


def test_output_is_a_valid_evaluation_and_a_sealed_record_that_verify_accepts(capsys, tmp_path, library):
    pilot = pilot_doc(tmp_path)
    out = tmp_path / "drawn.json"
    code, stdout, err = run(capsys, "draw", library, "--pilot", pilot, "--size", 7, "--seed", "2025-第3批",
                            "--reserve", 2, "-o", out, "--by", "张主任", "--witness", "李纪检", "--witness", "王律师")
    assert code == 0, err
    assert "已写出评估交换 JSON" in stdout and "签章的抽取记录" in stdout
    document = json.loads(out.read_text("utf-8"), parse_float=Decimal)
    evaluation_ = parse_evaluation(document, str(out))
    assert len(evaluation_.panel) == 7 and evaluation_.panel[0].role.value == "组长"
    assert all(m.selection == "随机抽取" and "2025-第3批" in m.selection_record for m in evaluation_.panel)
    assert document["pilot"] == json.loads(pilot.read_text("utf-8"))["pilot"]
    pdf = out.with_suffix(".pdf")
    code, verified, err = run(capsys, "verify", pdf)
    assert code == 0 and "校验通过" in verified, err
    record = json.loads(embedded_files(pdf.read_bytes())["draw.json"])
    assert record["by"] == "张主任" and record["witnesses"] == ["李纪检", "王律师"] and record["drawn_at"]
    assert [m["name"] for m in record["panel"]] == [m.name for m in evaluation_.panel]
    assert b"/FontFile2" in pdf.read_bytes()  # embedded fonts
    text = _pdf_text(pdf)
    for words in ("评估专家随机抽取记录", "张主任", "李纪检", "2025-第3批", record["pool"]["digest"][:20],
                  evaluation_.panel[0].name, "排除的专家及原因", "状态为暂停"):
        assert words in text, words
    # an import of the written file works: it is a real evaluation
    assert run(capsys, "import", out, tmp_path / "drawn.evaluation")[0] == 0
    # never overwritten
    before = out.read_bytes()
    code, _, err = run(capsys, "draw", library, "--pilot", pilot, "--size", 7, "--seed", "other", "-o", out,
                       "--by", "张主任")
    assert code == 2 and "已存在" in err and out.read_bytes() == before


def test_output_needs_who_drew_and_a_document_without_scores(capsys, tmp_path, library):
    out = tmp_path / "drawn.json"
    code, _, err = run(capsys, "draw", library, "--pilot", pilot_doc(tmp_path), "--size", 5, "--seed", "s", "-o", out)
    assert code == 2 and "--by" in err
    scored = evaluation(id="eval-x", scores=[{"member": "e1", "item": "X1", "score": 3}])
    path = tmp_path / "scored.json"
    path.write_text(json.dumps(scored, default=str, ensure_ascii=False), "utf-8")
    code, _, err = run(capsys, "draw", library, "--pilot", path, "--size", 5, "--seed", "s", "-o", out, "--by", "张")
    assert code == 2 and "已有评分" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["experts.xlsx", "library.sqlite", "pilot.json",
                                                                  "scored.json"])


def _pdf_text(path: Path) -> str:
    """The text without whitespace, so words wrapped inside a cell still match."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext not installed")
    text = subprocess.run([tool, "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout
    return re.sub(r"\s+", "", text)
