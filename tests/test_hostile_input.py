"""Hostile and malformed input through the real command line: refused with exit 2 and a Chinese message
naming the place, never a crash (exit 3), never a hang, never a file left behind; survey samples keep
only their documented fields."""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from evaluator_app import operations
from evaluator_app.cli import main
from evaluator_app.domain.evaluation import Sample
from evaluator_app.domain.survey import SAMPLE_FIELDS
from evaluator_app.errors import UserError
from evaluator_app.exchange.document import parse_evaluation
from evaluator_app.jsonfile import MAX_DEPTH, MAX_NAME_CHARS, MAX_PANEL_MEMBERS, MAX_SHEET_ENTRIES, MAX_STRING_CHARS
from evaluator_app.sheets.xlsx import MAX_ROWS, export_sheet_xlsx
from evaluator_app.storage.store import EvaluationStore
from tests.factories import DEFAULT_SHEET, ROOT, default_sheet, evaluation, full_scores, samples, small_sheet

# --- writing documents a JSON serialiser would not ---------------------------------------------

class Raw:
    """A JSON token written as is (`1e400`, `NaN`, a 5000-digit number)."""

    def __init__(self, text: str):
        self.text = text


class Pairs(list):
    """An object written from (key, value) pairs, so a key can repeat."""


class Deep:
    """`value` inside `levels` arrays, written without recursion."""

    def __init__(self, value: Any, levels: int):
        self.value, self.levels = value, levels


def emit(value: Any) -> str:
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Deep):
        return "[" * value.levels + emit(value.value) + "]" * value.levels
    if isinstance(value, Pairs):
        return "{" + ", ".join(f"{json.dumps(k)}: {emit(v)}" for k, v in value) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {emit(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(emit(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value)  # ASCII escapes: a lone surrogate becomes \ud800


def exchange() -> dict:
    doc = evaluation(sheet=small_sheet())
    doc["scores"] = full_scores(doc)
    doc["survey"] = samples([("满意", "满意"), ("非常满意", "满意"), ("不满意", "基本满意")], ["Q1", "Q2"])
    doc["findings"] = [{"id": "f1", "text": "部分标准未及时更新", "item": "X2", "step": 3}]
    return doc


def write(path: Path, doc: Any) -> Path:
    path.write_text(emit(doc), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    return code, capsys.readouterr().err


def crash_logs(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "logs").glob("crash-*")) if (data_dir / "logs").is_dir() else []


def refused_import(capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: Any) -> str:
    """Import `doc`; assert exit 2, and that nothing at all appeared in the target's folder."""
    source = write(tmp_path / "来件.json", doc)
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    start = time.monotonic()
    code, err = run(capsys, "import", source, folder / "评估.evaluation")
    assert code == 2, err
    assert time.monotonic() - start < 5
    assert list(folder.iterdir()) == []
    assert "来件.json" in err and "Traceback" not in err
    return err


# --- the audit's cases ----------------------------------------------------------------------------

def _set(path: str, value: Any):
    """A mutation setting the value at a dotted path (list indices as numbers)."""
    def apply(doc: dict) -> None:
        *parents, last = path.split(".")
        here: Any = doc
        for key in parents:
            here = here[int(key)] if isinstance(here, list) else here[key]
        here[int(last) if isinstance(here, list) else last] = value
    return apply


AUDIT_CASES = {
    "lone surrogate in a note": (_set("scores.0.note", "会议\ud800纪要"), "scores[0].note", "代理字符"),
    "lone surrogate in a key": (_set("pilot.\udc00", "x"), "pilot", "代理字符"),
    "500 levels of nesting": (_set("transport", Deep([], 499)), "transport", "嵌套层数过深"),
    "100000 levels of nesting": (_set("transport", Deep([], 99_999)), "", "嵌套层数过深"),
    "1e308 as a score": (_set("scores.0.score", Raw("1e308")), "scores[0].score", "数值过大"),
    "1e400 as a bonus cap": (_set("sheet.bonus_cap", Raw("1e400")), "sheet.bonus_cap", "数值过大"),
    "-1e400 in an unknown key": (_set("transport", Raw("-1e400")), "transport", "数值过大"),
    "huge years": (_set("panel.0.years", 10**30), "panel[0].years", "数值过大"),
    "5000-digit years": (_set("panel.0.years", Raw("9" * 5000)), "panel[0].years", "数字过长"),
    "1E+999999999 total cap in the embedded sheet": (
        _set("sheet.total_cap", "1E+999999999"), "sheet.total_cap", "数值过大"),
    "1E+999999999 as a JSON number": (_set("sheet.total_cap", Raw("1E+999999999")), "sheet.total_cap", "数值过大"),
    "pass score 1e-400": (_set("sheet.pass_score", Raw("1e-400")), "sheet.pass_score", "小数位数过多"),
    "seven decimal places": (_set("sheet.disagreement_ratio", Raw("0.1234567")), "sheet.disagreement_ratio",
                             "小数位数过多"),
    "NaN": (_set("scores.0.score", Raw("NaN")), "scores[0].score", "NaN"),
    "Infinity": (_set("bonuses", [{"code": "J1", "score": Raw("Infinity")}]), "bonuses[0].score", "Infinity"),
    "text of a million characters": (_set("overview", "很" * (MAX_STRING_CHARS + 1)), "overview", "过长"),
    "a member name of 150 characters": (_set("panel.1.name", "名" * (MAX_NAME_CHARS + 50)), "panel[1].name", "过长"),
    "a pilot name of 10000 characters": (_set("pilot.name", "名" * 10_000), "pilot.name", "过长"),
    "a panel of 20000 members": (lambda d: d.update(panel=[dict(d["panel"][0], id=f"m{i}") for i in range(20_000)]),
                                 "panel", f"最多 {MAX_PANEL_MEMBERS} 个"),
    "a sheet of 5000 items": (_set("sheet.categories.0.items", [{"code": f"Z{i}", "name": "项", "max": 1}
                                                                 for i in range(5000)]),
                              "sheet.categories[0].items", f"最多 {MAX_SHEET_ENTRIES} 个"),
    "a list of 200000 elements": (_set("suggestions", ["a"] * 200_000), "suggestions", "过多"),
}


@pytest.mark.parametrize("case", AUDIT_CASES)
def test_audit_case_is_refused_at_its_place(capsys, tmp_path, data_dir, case):
    mutate, place, words = AUDIT_CASES[case]
    doc = exchange()
    mutate(doc)
    err = refused_import(capsys, tmp_path, doc)
    assert words in err
    if place:
        assert re.search(rf"- {re.escape(place)}[\[.：]", err), err
    code, err = run(capsys, "summary", tmp_path / "来件.json")
    assert code == 2 and words in err
    assert crash_logs(data_dir) == []


def test_duplicate_keys_are_refused_naming_key_and_path(capsys, tmp_path):
    doc = exchange()
    doc["kind"] = "试点评估"
    top = Pairs(doc.items())
    top.append(("kind", "复查"))
    err = refused_import(capsys, tmp_path, top)
    assert "- kind：键“kind”重复出现" in err

    doc = exchange()
    doc["panel"][2] = Pairs([*doc["panel"][2].items(), ("name", "另一个名字")])
    err = refused_import(capsys, tmp_path, doc)
    assert "panel[2].name：键“name”重复出现" in err

    sheet = Pairs(default_sheet().items())
    sheet.append(("pass_score", 60))
    path = write(tmp_path / "表.json", sheet)
    code, err = run(capsys, "sheet", "validate", path)
    assert code == 2 and "pass_score：键“pass_score”重复出现" in err


def test_depth_limit_leaves_real_documents_alone():
    doc = exchange()
    doc["transport"] = Deep([], MAX_DEPTH - 2)  # the top-level object is the first level
    parse_evaluation(json.loads(emit(doc), parse_float=Decimal), "x")


SHEET_CASES = {
    "total cap 1E+999999999": (lambda s: s.update(total_cap="1E+999999999"), "total_cap"),
    "pass score 1e-400": (lambda s: s.update(pass_score=Raw("1e-400")), "pass_score"),
    "item maximum 1e308": (lambda s: s["categories"][0]["items"][0].update(max=Raw("1e308")),
                           "categories[0].items[0].max"),
    "level weight NaN": (lambda s: s["survey"]["levels"][0].update(weight=Raw("NaN")), "survey.levels[0].weight"),
    "lone surrogate in guidance": (lambda s: s["categories"][1]["items"][0].update(guidance="\udfff"),
                                   "categories[1].items[0].guidance"),
}


@pytest.mark.parametrize("case", SHEET_CASES)
def test_hostile_sheet_json_is_refused(capsys, tmp_path, data_dir, case):
    mutate, place = SHEET_CASES[case]
    sheet = default_sheet()
    mutate(sheet)
    path = write(tmp_path / "表.json", sheet)
    code, err = run(capsys, "sheet", "validate", path)
    assert code == 2 and f"- {place}：" in err, err
    code, err = run(capsys, "sheet", "export-xlsx", path, tmp_path / "表.xlsx")
    assert code == 2 and not (tmp_path / "表.xlsx").exists()
    assert crash_logs(data_dir) == []


# --- workbooks ------------------------------------------------------------------------------------

def _workbook(tmp_path: Path, name: str, edit) -> Path:
    """The default sheet as a workbook, its 评分项目 worksheet's XML passed through `edit`."""
    good = tmp_path / "good.xlsx"
    if not good.exists():
        export_sheet_xlsx(default_sheet(), good)
    out = tmp_path / name
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)
    return out


def _dimension(text: str) -> str:
    return re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', text)


def _last_row(text: str) -> str:
    return text.replace("</sheetData>", '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>X</t></is></c>'
                                        '</row></sheetData>')


def _empty_last_row(text: str) -> str:
    return text.replace("</sheetData>", '<row r="1048576" customHeight="1" ht="20"/></sheetData>')


def _number_cell(value: str):
    def edit(text: str) -> str:
        # the first item's 满分 (column F of row 2)
        return re.sub(r'(<c r="F2"[^>]*>)<v>[^<]*</v>', rf"\g<1><v>{value}</v>", text, count=1)
    return edit


def test_huge_declared_dimension_reads_only_the_cells_present(capsys, tmp_path):
    path = _workbook(tmp_path, "dimension.xlsx", _dimension)
    assert path.stat().st_size < 20_000
    start = time.monotonic()
    code, err = run(capsys, "sheet", "validate", path)
    assert code == 0, err
    assert time.monotonic() - start < 3
    path = _workbook(tmp_path, "empty-last-row.xlsx", lambda t: _empty_last_row(_dimension(t)))
    start = time.monotonic()
    assert run(capsys, "sheet", "validate", path)[0] == 0
    assert time.monotonic() - start < 3


def test_a_value_in_row_1048576_is_refused_quickly_at_its_cell(capsys, tmp_path, data_dir):
    path = _workbook(tmp_path, "last-row.xlsx", _last_row)
    start = time.monotonic()
    code, err = run(capsys, "sheet", "import-xlsx", path, tmp_path / "out.json")
    assert code == 2 and "评分项目!1048576:1048576" in err and f"最多 {MAX_ROWS} 行" in err
    assert time.monotonic() - start < 3
    assert not (tmp_path / "out.json").exists() and crash_logs(data_dir) == []


@pytest.mark.parametrize("value, words", [("1e308", "数值过大"), ("1E-300", "小数位数过多")])
def test_absurd_number_in_a_cell_is_refused_at_the_cell(capsys, tmp_path, value, words):
    path = _workbook(tmp_path, "number.xlsx", _number_cell(value))
    code, err = run(capsys, "sheet", "validate", path)
    assert code == 2 and "评分项目!F2" in err and words in err, err


# --- respondents' privacy -------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["name", "姓名", "phone", "电话", "id_number", "身份证号", "weather"])
def test_sample_with_an_undocumented_field_is_refused(capsys, tmp_path, field):
    doc = exchange()
    doc["survey"][1][field] = "13800138000"
    err = refused_import(capsys, tmp_path, doc)
    assert f"survey[1].{field}：不允许的字段“{field}”（样本 s002）" in err and "隐私" in err
    assert "13800138000" not in err


def test_exported_samples_hold_only_documented_fields(capsys, tmp_path):
    source = write(tmp_path / "来件.json", exchange())
    target = tmp_path / "评估.evaluation"
    assert run(capsys, "import", source, target)[0] == 0
    assert run(capsys, "export-json", target, tmp_path / "导出.json")[0] == 0
    exported = json.loads((tmp_path / "导出.json").read_text("utf-8"))
    assert len(exported["survey"]) == 3
    assert all(set(sample) <= set(SAMPLE_FIELDS) for sample in exported["survey"])


def test_a_sample_stored_with_more_fields_is_exported_without_them(capsys, tmp_path):
    """A file from an earlier version, whose sample kept a respondent's phone."""
    doc = exchange()
    evaluation_ = parse_evaluation(json.loads(emit(doc), parse_float=Decimal), "x")
    evaluation_.survey[0].extra = {"phone": "13800138000"}
    path = tmp_path / "旧版.evaluation"
    EvaluationStore.create(path, evaluation_, "test").close()
    assert run(capsys, "export-json", path, tmp_path / "导出.json")[0] == 0
    text = (tmp_path / "导出.json").read_text("utf-8")
    assert "13800138000" not in text and "phone" not in json.loads(text)["survey"][0]


def test_saving_a_sample_with_more_fields_is_refused(tmp_path):
    evaluation_ = parse_evaluation(json.loads(emit(exchange()), parse_float=Decimal), "x")
    path = tmp_path / "评估.evaluation"
    EvaluationStore.create(path, evaluation_, "test").close()
    with EvaluationStore.open(path) as store:
        sample = Sample("s100", {"Q1": "满意", "Q2": "满意"}, "群众", "大厅", extra={"身份证号": "110101"})
        with pytest.raises(UserError, match="身份证号.*隐私"):
            operations.save_sample(store, sample)
        assert [s.id for s in store.load().survey] == ["s001", "s002", "s003"]


# --- seeded mutations through the command line ---------------------------------------------------

HOSTILE_VALUES: list[Any] = [
    Raw("1e308"), Raw("1e400"), Raw("-1e400"), Raw("1e-400"), Raw("1E+999999999"), "1E+999999999", "-1e-400",
    Raw("NaN"), Raw("Infinity"), Raw("-Infinity"), Raw("9" * 5000), 10**18, -1, 0, Raw("0.1234567"),
    Decimal("2.5"), Decimal("1000000"), "\ud800", "a\udfffb", "长" * (MAX_STRING_CHARS + 1), "", " ", "x",
    None, True, False, [], {}, [None], {"a": 1}, "2025-13-45", "满意", "e1", "panel",
]


def _slots(value: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key) in a document."""
    if isinstance(value, dict):
        for key, element in value.items():
            out.append((value, key))
            _slots(element, out)
    elif isinstance(value, list):
        for index, element in enumerate(value):
            out.append((value, index))
            _slots(element, out)
    return out


def mutate(doc: dict, rng: random.Random) -> Any:
    """`doc` with one to three hostile changes."""
    for _ in range(rng.randint(1, 3)):
        slots = _slots(doc, [])
        container, key = rng.choice(slots)
        kind = rng.randrange(6)
        if kind <= 1:
            container[key] = rng.choice(HOSTILE_VALUES)
        elif kind == 2:
            container[key] = Deep(container[key], rng.choice((2, MAX_DEPTH, 500, 5000)))
        elif kind == 3 and isinstance(container, dict):
            container[key] = {"text": container[key]} if rng.random() < 0.5 else [container[key]]
        elif kind == 4 and isinstance(container, dict):
            container.pop(key)
        elif kind == 5:
            dicts = [c for c, _ in slots if isinstance(c, dict) and c]
            if dicts:
                target = rng.choice(dicts)
                repeated = rng.choice(list(target))
                pairs = Pairs(target.items())
                pairs.append((repeated, rng.choice(HOSTILE_VALUES[10:])))
                _replace(doc, target, pairs)
                return pairs if target is doc else doc
    return doc


def _replace(doc: Any, old: dict, new: Pairs) -> None:
    for container, key in _slots(doc, []):
        if container[key] is old:
            container[key] = new
            return


def _plain(value: Any) -> Any:
    """A copy, so a mutation never reaches the base document."""
    return json.loads(emit(value), parse_float=Decimal)


def test_seeded_mutations_exit_0_or_2_and_leave_nothing_when_refused(capsys, tmp_path, data_dir):
    rng = random.Random(20261128)
    base_exchange = _plain(exchange())
    base_sheet = _plain(default_sheet())
    out = tmp_path / "out"
    out.mkdir()
    counts = {0: 0, 2: 0}
    start = time.monotonic()
    for n in range(300):
        source = write(tmp_path / f"m{n}.json", mutate(_plain(base_exchange), rng))
        target = out / f"m{n}.evaluation"
        code, err = run(capsys, "import", source, target)
        assert code in (0, 2), (n, err)
        assert "Traceback" not in err
        if code == 2:
            assert list(out.iterdir()) == [], (n, err)
            assert summary_code(capsys, source) == 2
        else:
            assert run(capsys, "summary", target)[0] == 0
            target.unlink()
        counts[code] += 1

        sheet = write(tmp_path / f"s{n}.json", mutate(_plain(base_sheet), rng))
        code, err = run(capsys, "sheet", "validate", sheet)
        assert code in (0, 2), (n, err)
        counts[code] += 1
    assert crash_logs(data_dir) == []
    assert counts[2] > 300 and counts[0] > 20  # both outcomes are exercised
    assert time.monotonic() - start < 25


def summary_code(capsys: pytest.CaptureFixture[str], source: Path) -> int:
    return run(capsys, "summary", source)[0]


# --- hang cases in a real process ------------------------------------------------------------------

def test_hang_cases_finish_within_seconds_in_a_subprocess(tmp_path):
    doc = exchange()
    doc["sheet"]["total_cap"] = "1E+999999999"
    exchange_path = write(tmp_path / "来件.json", doc)
    workbook = _workbook(tmp_path, "last-row.xlsx", lambda t: _last_row(_dimension(t)))
    env = {**os.environ, "EVALUATOR_APP_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    commands = [
        (["import", exchange_path, tmp_path / "out" / "评估.evaluation"], 2),
        (["summary", exchange_path], 2),
        (["sheet", "validate", workbook], 2),
        (["sheet", "validate", DEFAULT_SHEET], 0),
    ]
    (tmp_path / "out").mkdir()
    for args, expected in commands:
        result = subprocess.run([sys.executable, "-m", "evaluator_app", *map(str, args)], capture_output=True,
                                text=True, encoding="utf-8", timeout=10, env=env, cwd=ROOT)
        assert result.returncode == expected, result.stderr
    assert list((tmp_path / "out").iterdir()) == []
    assert not (tmp_path / "data" / "logs").exists() or not list((tmp_path / "data" / "logs").glob("crash-*"))


def test_a_file_written_before_the_bounds_is_refused_not_hung(capsys, tmp_path, data_dir):
    """An evaluation file an earlier version wrote with `"total_cap": "1E+999999999"` in its sheet."""
    source = write(tmp_path / "来件.json", exchange())
    target = tmp_path / "旧.evaluation"
    assert run(capsys, "import", source, target)[0] == 0
    with sqlite3.connect(target) as conn:
        sheet = json.loads(conn.execute("SELECT document FROM sheet WHERE id = 1").fetchone()[0])
        sheet["total_cap"] = "1E+999999999"
        conn.execute("UPDATE sheet SET document = ? WHERE id = 1", (json.dumps(sheet),))
    conn.close()
    for args in (["summary", target], ["export-json", target, tmp_path / "导出.json"]):
        start = time.monotonic()
        code, err = run(capsys, *args)
        assert code == 2 and "total_cap：数值过大" in err
        assert time.monotonic() - start < 3
    assert not (tmp_path / "导出.json").exists() and crash_logs(data_dir) == []
