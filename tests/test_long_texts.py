"""Texts typed in the window are bounded like imported ones, and a report that cannot be laid out says so."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest

from evaluator_app import operations
from evaluator_app.cli import main
from evaluator_app.errors import UserError
from evaluator_app.services.files import import_evaluation
from evaluator_app.storage.store import EvaluationStore
from tests.factories import evaluation


@pytest.fixture
def evaluation_file(tmp_path):
    source = tmp_path / "e.json"
    source.write_text(json.dumps(evaluation(), ensure_ascii=False, default=str), encoding="utf-8")
    return import_evaluation(source, tmp_path / "e.sqlite")


def test_a_pilot_name_or_member_name_too_long_for_a_report_cell_is_refused(evaluation_file):
    with EvaluationStore.open(evaluation_file, actor="e1") as store:
        with pytest.raises(UserError, match="试点信息“试点名称”过长（20000 个字），最多 100 个字"):
            operations.set_pilot_field(store, "name", "试" * 20000)
        member = store.load().panel[1]
        with pytest.raises(UserError, match="成员的单位过长"):
            operations.update_member(store, dataclasses.replace(member, org="某" * 3000))
        with pytest.raises(UserError, match="一段文字最多 10000 个字"):
            operations.set_meta_text(store, "purpose", "目" * 10001)
        assert store.load().pilot["name"] == "某市政务服务综合标准化试点"


def test_a_file_whose_cell_cannot_fit_a_page_gets_a_message_not_a_crash(capsys, evaluation_file, tmp_path):
    conn = sqlite3.connect(evaluation_file)
    conn.execute("UPDATE pilot_field SET value = ? WHERE name = 'name'", ("试" * 3000,))
    conn.commit()
    conn.close()
    code = main(["report", str(evaluation_file), "-o", str(tmp_path / "r.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and "报告无法排版" in err and "Traceback" not in err
    assert not (tmp_path / "r.pdf").exists()
