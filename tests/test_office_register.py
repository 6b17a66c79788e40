"""The provincial office's register through the real command line: `demo --pilots`, `office rollup`,
`office confirm`, on real signed packages.

The packages are made once per module: 12 by one panel's installation (`demo --pilots 12`), one by
another installation (its certificate not registered at the office) and one copy whose report has a
flipped byte (its manifest.json made to match, so only the seal can tell). The office is a third
installation that registered the panel's certificate (`trust add`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from evaluator_app.cli import main
from tests.factories import digests, flip_report_byte

TODAY = dt.date.today()


def run(args: list[str], config: Path, data: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "EVALUATOR_APP_CONFIG_DIR": str(config), "EVALUATOR_APP_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, "-m", "evaluator_app", *args], capture_output=True, text=True, env=env,
                          timeout=600)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    base = tmp_path_factory.mktemp("office")
    panel, other, office_config = base / "panel-config", base / "other-config", base / "office-config"
    data = base / "data"
    made = run(["demo", str(base / "panel"), "--pilots", "12"], panel, data)
    assert made.returncode == 0, made.stderr
    foreign = run(["demo", str(base / "other"), "--pilots", "1"], other, data)
    assert foreign.returncode == 0, foreign.stderr
    for config, pem in ((panel, base / "panel.pem"), (other, base / "other.pem")):
        exported = run(["cert", "export", str(pem)], config, data)
        assert exported.returncode == 0, exported.stderr
    added = run(["trust", "add", str(base / "panel.pem")], office_config, data)
    assert added.returncode == 0, added.stderr

    received = base / "received"
    shutil.copytree(base / "panel" / "报送包", received / "报送包")
    (received / "其他安装").mkdir()
    shutil.copy(next((base / "other" / "报送包").glob("*.zip")), received / "其他安装" / "foreign.zip")
    (received / "改动").mkdir()
    original = sorted((received / "报送包").glob("*.zip"))[1]
    flip_report_byte(original, received / "改动" / "altered.zip")
    return {"base": base, "received": received, "config": office_config, "other_pem": base / "other.pem",
            "panel_pem": base / "panel.pem", "altered_from": original}


@pytest.fixture
def as_office(office, monkeypatch):
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(office["config"]))
    return office


def rollup(folder: Path, capsys, *extra: str) -> tuple[int, dict]:
    code = main(["office", "rollup", str(folder), "--json", "--today", TODAY.isoformat(), *extra])
    out = capsys.readouterr().out
    return code, json.loads(out)


def summary_of(package: Path, tmp_path: Path, capsys) -> dict:
    with zipfile.ZipFile(package) as archive:
        data = archive.read("评估数据.json")
    document = tmp_path / f"{package.stem}.json"
    document.write_bytes(data)
    assert main(["summary", str(document), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def by_package(document: dict) -> dict[str, dict]:
    return {row["package"]: row for row in document["rows"]}


@pytest.mark.slow
def test_rollup_has_a_row_per_package_with_the_figures_of_its_summary(as_office, capsys, tmp_path):
    received = as_office["received"]
    before = digests(received, "*")
    code, document = rollup(received, capsys)
    assert code == 1  # two packages do not verify
    assert document["packages"] == 14 and len(document["rows"]) == 14
    for row in document["rows"]:
        summary = summary_of(received / row["package"], tmp_path, capsys)
        assert row["total"] == summary["total"]
        assert row["result"] == summary["result"]
        assert row["result_text"] == summary["result_text"]
        assert row["consequence"] == summary["consequence"]
        assert row["panel_size"] == summary["panel"]["size"]
        assert row["standardization_experts"] == summary["panel"]["standardization_experts"]
        assert row["satisfaction_rate"] == summary["satisfaction"]["rate"]
        assert row["vetoes"] == summary["vetoes"]
    assert digests(received, "*") == before  # nothing in a received package, nor in the folder, was written


@pytest.mark.slow
def test_the_demo_is_varied(as_office, capsys):
    _, document = rollup(as_office["received"] / "报送包", capsys)
    rows = document["rows"]
    assert len(rows) == 12
    assert {row["kind"] for row in rows} == {"试点评估", "中期评估", "复查"}
    assert {"合格", "不合格"} <= {row["result"] for row in rows}
    assert any(row["vetoes"] for row in rows if row["kind"] == "试点评估")
    assert any(row["vetoes"] for row in rows if row["kind"] == "复查")
    assert any(row["result"] == "不合格" and not row["vetoes"] for row in rows)
    assert len({row["pilot"] for row in rows}) == 11  # one pilot evaluated again after its 整改
    assert {row["panel_size"] for row in rows} == {5, 6, 7}
    assert len({row["total"] for row in rows}) >= 10
    assert {row["seal"] for row in rows} == {"trusted"}
    assert document["by_kind_and_result"]["复查"] == {"合格": 1, "不合格": 2}


@pytest.mark.slow
def test_seal_status_foreign_untrusted_until_registered_altered_broken(as_office, capsys, tmp_path, monkeypatch):
    received = as_office["received"]
    _, document = rollup(received, capsys)
    rows = by_package(document)
    foreign, altered = rows["其他安装/foreign.zip"], rows["改动/altered.zip"]
    assert foreign["seal"] == "untrusted" and foreign["seal_text"] == "签章证书未登记"
    assert foreign["trusted_as"] is None
    assert foreign["total"] is not None  # intact: its figures are shown, flagged, and not counted
    assert any(flag["code"] == "seal" and foreign["fingerprint"] in flag["text"] for flag in foreign["flags"])
    assert altered["seal"] == "broken"
    assert any("签章" in problem or "改动" in problem for problem in altered["problems"])
    trusted = [row for row in document["rows"] if row["seal"] == "trusted"]
    assert len(trusted) == 12 and len({row["fingerprint"] for row in trusted}) == 1
    assert foreign["fingerprint"] != trusted[0]["fingerprint"]
    assert {row["trusted_as"] for row in trusted} == {"已登记"}
    assert document["seals"] == {"trusted": 12, "untrusted": 1, "broken": 1, "missing": 0}
    assert document["counted"] == 12

    # Pinning the panel's fingerprint: only that certificate is accepted.
    code, pinned = rollup(received, capsys, "--fingerprint", trusted[0]["fingerprint"])
    assert code == 1 and by_package(pinned)["其他安装/foreign.zip"]["seal"] == "untrusted"
    assert {row["trusted_as"] for row in pinned["rows"] if row["seal"] == "trusted"} == {"指定指纹"}

    # The office confirms the other installation's fingerprint by phone and registers its certificate.
    config = tmp_path / "office-config"
    shutil.copytree(as_office["config"], config)
    monkeypatch.setenv("EVALUATOR_APP_CONFIG_DIR", str(config))
    assert main(["trust", "add", str(as_office["other_pem"])]) == 0
    capsys.readouterr()
    code, again = rollup(received, capsys)
    rows = by_package(again)
    assert rows["其他安装/foreign.zip"]["seal"] == "trusted"
    assert rows["改动/altered.zip"]["seal"] == "broken"
    assert code == 1 and again["counted"] == 13


@pytest.mark.slow
def test_the_workbook_holds_the_same_rows(as_office, capsys, tmp_path):
    out = tmp_path / "登记表.xlsx"
    code = main(["office", "rollup", str(as_office["received"]), "--json", "--today", TODAY.isoformat(),
                 "-o", str(out)])
    document = json.loads(capsys.readouterr().out)
    assert code == 1 and out.exists()
    assert not [p for p in tmp_path.iterdir() if p != out]  # no work files left beside it
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["登记表", "汇总", "计分项得分率", "专家参与", "提示"]
    ws = wb["登记表"]
    headers = [cell.value for cell in ws[3]]
    cells = [dict(zip(headers, values, strict=True)) for values in ws.iter_rows(min_row=4, values_only=True)]
    assert len(cells) == 14
    for row, cell in zip(document["rows"], cells, strict=True):
        assert cell["报送包"] == row["package"]
        assert cell["试点名称"] == row["pilot"]
        assert cell["评估类型"] == row["kind"]
        assert cell["结论"] == row["result_text"]
        assert cell["签章"] == row["seal_text"]
        assert (cell["签章证书指纹"] or None) == row["fingerprint"]
        assert str(cell["总分"]) == str(float(row["total"]))
        assert cell["评估组人数"] == row["panel_size"]
        assert (cell["后续处理"] or None) == (row["consequence"] or {}).get("text")
        assert (cell["提示"] or "") == "\n".join(flag["text"] for flag in row["flags"])
        assert not isinstance(cell["总分"], str) and not str(cell["提示"] or "").startswith("=")
    counts = wb["汇总"]
    assert counts.cell(row=3, column=1).value == "评估类型"
    total_row = [r for r in counts.iter_rows(min_row=4, values_only=True) if r[0] == "合计"][0]
    assert total_row[-1] == document["counted"] == 12
    items = list(wb["计分项得分率"].iter_rows(min_row=4, values_only=True))
    assert {item[1] for item in items} >= {"A1", "B1", "C3", "D3"}
    assert all(0 <= item[7] <= 1 for item in items)
    assert any(item[10] in ("偏难", "偏易") for item in items)
    experts = list(wb["专家参与"].iter_rows(min_row=4, values_only=True))
    assert sum(e[3] for e in experts) == sum(row["panel_size"] for row in document["rows"]
                                             if row["seal"] == "trusted" and row["package"].startswith("报送包/"))
    flags = list(wb["提示"].iter_rows(min_row=4, values_only=True))
    assert len(flags) == sum(len(row["flags"]) for row in document["rows"])


@pytest.mark.slow
def test_flags_same_pilot_deadlines_experts(as_office, capsys):
    _, document = rollup(as_office["received"], capsys, "--max-panels", "2")
    rows = document["rows"]
    codes = {flag["code"] for row in rows for flag in row["flags"]}
    assert {"seal", "duplicate_pilot", "duplicate_evaluation", "deadline", "expert_panels"} <= codes
    again = [row for row in rows if row["pilot"].startswith("丙县")]
    assert len(again) == 2 and all(any(f["code"] == "duplicate_pilot" for f in r["flags"]) for r in again)
    # The 整改 of the first 丙县 evaluation is not flagged: the pilot has been evaluated again since.
    first = min(again, key=lambda r: r["evaluation_date"])
    assert not any(f["code"] == "deadline" for f in first["flags"])
    # The altered copy and its original: the same evaluation twice.
    altered = by_package(document)["改动/altered.zip"]
    assert any(f["code"] == "duplicate_evaluation" for f in altered["flags"])
    # A 整改 due in 20 days and a 合格 validity ending in 25 days (a day or two less after a short month).
    due = [flag["text"] for row in rows for flag in row["flags"] if flag["code"] == "deadline"]
    assert any(re.fullmatch(r"整改期限 \S+，还有 (1[89]|20) 天", text) for text in due), due
    assert any(re.fullmatch(r"合格有效期届满 \S+，还有 2[345] 天", text) for text in due), due
    # Fifty days on, that 整改 deadline has passed.
    code = main(["office", "rollup", str(as_office["received"]), "--json",
                 "--today", (TODAY + dt.timedelta(days=50)).isoformat()])
    later = json.loads(capsys.readouterr().out)
    assert code == 1
    texts = [flag["text"] for row in later["rows"] for flag in row["flags"] if flag["code"] == "deadline"]
    assert any(re.fullmatch(r"整改期限 \S+ 已过 3[0-2] 天", text) for text in texts), texts
    # The default limit of 3 panels flags fewer experts than a limit of 2.
    _, default = rollup(as_office["received"], capsys)
    over2 = [e for e in document["experts"] if e["over_limit"]]
    over3 = [e for e in default["experts"] if e["over_limit"]]
    assert len(over3) < len(over2) and all(e["panels"] > 3 for e in over3)


@pytest.mark.slow
def test_confirmations_are_recorded_shown_and_append_only(as_office, capsys, tmp_path):
    folder = tmp_path / "received"
    shutil.copytree(as_office["received"], folder)
    _, document = rollup(folder, capsys)
    row = by_package(document)[f"报送包/{as_office['altered_from'].name}"]  # its altered copy is in 改动/
    before = digests(folder, "*")

    code = main(["office", "confirm", str(folder), row["evaluation_id"][:8], "--by", "某省联席办公室 王某",
                 "--document", "某标联办〔2026〕3号", "--date", TODAY.isoformat()])
    captured = capsys.readouterr()
    out = captured.out
    assert code == 0, captured.err
    assert "已记录省级确认" in out and row["pilot"] in out
    register = folder / "省级登记.sqlite"
    assert register.exists()
    assert {k: v for k, v in digests(folder, "*").items() if k != "省级登记.sqlite"} == before

    _, shown = rollup(folder, capsys)
    confirmed = by_package(shown)[row["package"]]
    assert confirmed["confirmations"][0]["confirmed_by"] == "某省联席办公室 王某"
    assert confirmed["confirmations"][0]["document_no"] == "某标联办〔2026〕3号"
    assert confirmed["confirmations"][0]["confirmed_on"] == TODAY.isoformat()
    assert confirmed["confirmations"][0]["package_sha256"] == row["package_sha256"]
    assert all(not r["confirmations"] for r in shown["rows"] if r["evaluation_id"] != row["evaluation_id"])

    # A correction is a new entry; the latest is shown first in the workbook, both kept.
    assert main(["office", "confirm", str(folder), row["evaluation_id"], "--by", "王某",
                 "--document", "某标联办〔2026〕4号"]) == 0
    assert "此前已确认 1 次" in capsys.readouterr().out
    out_xlsx = tmp_path / "r.xlsx"
    main(["office", "rollup", str(folder), "-o", str(out_xlsx), "--today", TODAY.isoformat()])
    text = capsys.readouterr().out
    assert "某标联办〔2026〕4号" in text
    ws = openpyxl.load_workbook(out_xlsx)["登记表"]
    headers = [cell.value for cell in ws[3]]
    column = headers.index("省级确认")
    cells = [values[column] for values in ws.iter_rows(min_row=4, values_only=True)]
    assert f"{TODAY.isoformat()} 王某（某标联办〔2026〕4号）（共 2 次）" in cells

    # The log only grows.
    conn = sqlite3.connect(register)
    with pytest.raises(sqlite3.DatabaseError, match="只能追加"):
        conn.execute("UPDATE confirmation SET document_no = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="只能追加"):
        conn.execute("DELETE FROM confirmation")
    assert conn.execute("SELECT COUNT(*) FROM confirmation").fetchone()[0] == 2
    conn.close()

    # Refused: the untrusted package (exit 1, nothing recorded), a future date, an unknown id.
    foreign = by_package(shown)["其他安装/foreign.zip"]
    assert main(["office", "confirm", str(folder), foreign["evaluation_id"], "--by", "王某", "--document", "5号"]) == 1
    assert "签章证书未登记" in capsys.readouterr().err
    future = (TODAY + dt.timedelta(days=1)).isoformat()
    assert main(["office", "confirm", str(folder), row["evaluation_id"], "--by", "王某", "--document", "6号",
                 "--date", future]) == 2
    assert main(["office", "confirm", str(folder), "ffffffffff", "--by", "王某", "--document", "7号"]) == 2
    capsys.readouterr()
    conn = sqlite3.connect(register)
    assert conn.execute("SELECT COUNT(*) FROM confirmation").fetchone()[0] == 2
    conn.close()

    # The altered copy of the confirmed package is not what was confirmed; nor is the confirmed package
    # once replaced by it.
    assert any(flag["code"] == "replaced" for flag in by_package(shown)["改动/altered.zip"]["flags"])
    assert not any(flag["code"] == "replaced" for flag in confirmed["flags"])
    shutil.copy(folder / "改动" / "altered.zip", folder / row["package"])
    _, replaced = rollup(folder, capsys)
    flags = by_package(replaced)[row["package"]]["flags"]
    assert any(flag["code"] == "replaced" for flag in flags)


@pytest.mark.slow
def test_text_output(as_office, capsys):
    code = main(["office", "rollup", str(as_office["received"]), "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert code == 1
    assert "报送包 14 个" in out and "签章证书未登记" in out and "签章或文件已损坏" in out
    assert "同一试点出现" in out and "整改期限" in out


# -- fast: no signed packages needed ------------------------------------------------------------------

def test_empty_folder_and_hostile_files(tmp_path, capsys):
    assert main(["office", "rollup", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["packages"] == 0
    (tmp_path / "not-a-zip.zip").write_bytes(b"PK\x03\x04 garbage")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", "{}")
        archive.writestr("评估数据.json", b"\0" * (20 * 1024 * 1024))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bomb.zip").write_bytes(bomb.getvalue())
    before = digests(tmp_path, "*")
    assert main(["office", "rollup", str(tmp_path), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert [row["seal"] for row in document["rows"]] == ["broken", "broken"]
    assert all(row["total"] is None and row["data_problem"] for row in document["rows"])
    assert digests(tmp_path, "*") == before


def test_bad_input(tmp_path, capsys):
    assert main(["office", "rollup", str(tmp_path / "missing")]) == 2
    assert main(["office", "rollup", str(tmp_path), "--today", "28.11.2026"]) == 2
    assert main(["office", "rollup", str(tmp_path), "--max-panels", "0"]) == 2
    assert main(["office", "confirm", str(tmp_path), "abc", "--by", "王某", "--document", "1号"]) == 2
    assert main(["office", "confirm", str(tmp_path), "abcdef12", "--by", " ", "--document", "1号"]) == 2
    assert main(["demo", str(tmp_path / "d"), "--pilots", "0"]) == 2
    err = capsys.readouterr().err
    assert "YYYY-MM-DD" in err and "至少给出前 6 位" in err and "不能为空" in err
    assert not (tmp_path / "省级登记.sqlite").exists()
