"""The command line: every subcommand and exit code, messages in Chinese, never a traceback."""

from __future__ import annotations

import glob
import json
import sqlite3
import subprocess
import sys
from decimal import Decimal

import pytest

from evaluator_app import __version__
from evaluator_app.cli import main
from tests.factories import ROOT, evaluation, full_scores, samples, small_sheet


def run(capsys, *args):
    code = main(list(map(str, args)))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def write(path, document) -> str:
    path.write_text(json.dumps(document, default=str, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def document():
    doc = evaluation(sheet=small_sheet())
    doc["scores"] = full_scores(doc, lambda m, i: Decimal("3.5") if i == "X1" and m == "e2" else None)
    doc["survey"] = samples([("满意", "满意")] * 4, ["Q1", "Q2"])
    return doc


def test_version_as_a_subprocess():
    result = subprocess.run([sys.executable, "-m", "evaluator_app", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"evaluator-app {__version__}"


def test_validate_shipped_sheets(capsys):
    code, out, _ = run(capsys, "sheet", "validate", *glob.glob(str(ROOT / "scoring_sheets" / "*.json")))
    assert code == 0 and "4 类 27 项，满分 100" in out and "暂定" in out


def test_validate_broken_sheet_exits_2_naming_places(capsys, tmp_path):
    sheet = small_sheet()
    sheet["categories"][0]["max"] = 9
    sheet["categories"][1]["items"][0]["max"] = "二"
    code, _, err = run(capsys, "sheet", "validate", write(tmp_path / "broken.json", sheet))
    assert code == 2
    assert "broken.json" in err and "categories[0].max" in err and "categories[1].items[0].max" in err


def test_validate_garbage_exits_2(capsys, tmp_path):
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x00\x01\x02garbage")
    code, _, err = run(capsys, "sheet", "validate", str(garbage), str(tmp_path / "missing.json"))
    assert code == 2 and "garbage.json" in err and "missing.json" in err


def test_sheet_xlsx_round_trip_through_the_command_line(capsys, tmp_path):
    xlsx, back = tmp_path / "sheet.xlsx", tmp_path / "back.json"
    source = ROOT / "scoring_sheets" / "sms-pilot-default.json"
    assert run(capsys, "sheet", "export-xlsx", source, xlsx)[0] == 0
    assert run(capsys, "sheet", "import-xlsx", xlsx, back)[0] == 0
    original = json.loads(source.read_text("utf-8"), parse_float=Decimal)
    again = json.loads(back.read_text("utf-8"), parse_float=Decimal)
    assert normalise(again) == normalise(original)
    assert run(capsys, "sheet", "validate", xlsx)[0] == 0


def normalise(value):
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Decimal(value).normalize()
    if isinstance(value, str):
        try:
            return Decimal(value).normalize() if value.strip() and value.replace(".", "", 1).isdigit() else value
        except ArithmeticError:
            return value
    return value


def test_import_summary_export_verify(capsys, tmp_path, document):
    source, target = write(tmp_path / "in.json", document), tmp_path / "评估.sqlite"
    code, out, _ = run(capsys, "import", source, target)
    assert code == 0 and target.exists() and "6 名成员" in out
    code, out, _ = run(capsys, "summary", target, "--json")
    result = json.loads(out)
    assert code == 0 and result["items"]["X1"] == "3.92" and result["total"] == "9.92" and result["result"] == "合格"
    code, out, _ = run(capsys, "summary", target)
    assert code == 0 and "总分 9.92" in out and "结论：合格" in out
    exported = tmp_path / "out.json"
    assert run(capsys, "export-json", target, exported)[0] == 0
    assert json.loads(exported.read_text("utf-8"))["format"] == "evaluator-evaluation/1"
    code, out, _ = run(capsys, "verify", target)
    assert code == 0 and "校验通过" in out


def test_import_refuses_to_overwrite(capsys, tmp_path, document):
    source = write(tmp_path / "in.json", document)
    target = tmp_path / "existing.sqlite"
    target.write_bytes(b"keep me")
    code, _, err = run(capsys, "import", source, target)
    assert code == 2 and "已存在" in err and target.read_bytes() == b"keep me"


@pytest.mark.parametrize("mutate, place", [
    (lambda d: d["scores"][0].update(score=5), "scores[0].score"),
    (lambda d: d["scores"][0].update(score=Decimal("0.3")), "scores[0].score"),
    (lambda d: d["scores"][0].update(score=-1), "scores[0].score"),
    (lambda d: d["scores"][0].update(member="e77"), "scores[0].member"),
    (lambda d: d["scores"][0].update(item="X9"), "scores[0].item"),
    (lambda d: d["sheet"]["categories"][1]["items"][0].update(code="X1"), "X1"),
    (lambda d: d["sheet"]["categories"][1].update(max=5), "sheet.categories[1].max"),
    (lambda d: d.update(format="evaluator-evaluation/2"), "format"),
    (lambda d: d["survey"][0]["answers"].update(Q2="凑合"), "survey[0].answers.Q2"),
])
def test_import_refuses_format_errors_and_writes_nothing(capsys, tmp_path, document, mutate, place):
    mutate(document)
    target = tmp_path / "out.sqlite"
    code, _, err = run(capsys, "import", write(tmp_path / "in.json", document), target)
    assert code == 2 and place in err and "in.json" in err
    assert list(tmp_path.iterdir()) == [tmp_path / "in.json"]


@pytest.mark.parametrize("content", [b"", b"{\"format\": \"evaluator-", b"\x00\xff\xfe binary",
                                     "{\"a\": \"评估\"}".encode("gbk"), b"[]", b"42"])
def test_import_refuses_unreadable_json(capsys, tmp_path, content):
    source = tmp_path / "in.json"
    source.write_bytes(content)
    code, _, err = run(capsys, "import", source, tmp_path / "out.sqlite")
    assert code == 2 and "in.json" in err
    assert not (tmp_path / "out.sqlite").exists()


def test_verify_fails_with_1_on_tampering(capsys, tmp_path, document):
    target = tmp_path / "e.sqlite"
    run(capsys, "import", write(tmp_path / "in.json", document), target)
    conn = sqlite3.connect(target)
    conn.execute("DROP TRIGGER change_log_no_update")
    conn.execute("UPDATE change_log SET actor = '别人' WHERE seq = 1")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "verify", target)
    assert code == 1 and "校验未通过" in err and "第 1 条" in err


def test_verify_fails_with_1_on_a_damaged_file(capsys, tmp_path):
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    code, _, err = run(capsys, "verify", damaged)
    assert code == 1 and "damaged.sqlite" in err


def test_usage_errors_exit_2_in_chinese(capsys):
    code, _, err = run(capsys, "import", "only-one-argument.json")
    assert code == 2 and "缺少参数" in err
    code, _, err = run(capsys, "summary")
    assert code == 2
    code, _, err = run(capsys, "summary", "nowhere.sqlite")
    assert code == 2 and "nowhere.sqlite" in err


def test_summary_of_an_exchange_document_directly(capsys, tmp_path, document):
    code, out, _ = run(capsys, "summary", write(tmp_path / "doc.json", document), "--json")
    assert code == 0 and json.loads(out)["total"] == "9.92"


def test_leftovers_of_a_killed_import_are_removed(capsys, tmp_path, document):
    # A dead importer's partial files (any name, sidecars included), even beside a finished file.
    source = write(tmp_path / "in.json", document)
    target = tmp_path / "评估[2025].sqlite"
    dead_pid = 2 ** 22 + 12345
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f".{target.name}.{dead_pid}.importing{suffix}").write_bytes(b"partial")
    assert run(capsys, "import", source, target)[0] == 0
    assert not [p for p in tmp_path.iterdir() if ".importing" in p.name]
    (tmp_path / f".{target.name}.{dead_pid}.importing").write_bytes(b"partial")
    assert run(capsys, "import", source, target)[0] == 2  # refused: the target exists…
    assert not [p for p in tmp_path.iterdir() if ".importing" in p.name]  # …but the leftover is gone


def test_gui_without_a_display_or_with_a_missing_file(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    if sys.platform.startswith("linux"):
        code, _, err = run(capsys)
        assert code == 2 and "图形显示" in err
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    code, _, err = run(capsys, tmp_path / "不存在.sqlite")
    assert code == 2 and "不存在.sqlite" in err
