"""Handwritten signatures, locking and unlocking, on real evaluation files; and the stroke renderer."""

from __future__ import annotations

import io
import json
import math
from decimal import Decimal

import pytest
from PIL import Image

from evaluator_app import operations
from evaluator_app.domain.evaluation import Member, MemberCategory, Note, Recusal, Role, Sample
from evaluator_app.domain.signature import Purpose
from evaluator_app.errors import LockedError, UserError
from evaluator_app.exchange.document import evaluation_document, parse_evaluation
from evaluator_app.jsonfile import dumps
from evaluator_app.signing import records
from evaluator_app.signing.records import (
    content_for,
    current_signatures,
    is_current,
    lock_if_complete,
    sign,
    signature_history,
    signature_status,
    signatures,
    signed_versions,
    unlock,
)
from evaluator_app.signing.strokes import normalise_strokes, render_png, strokes_from_json, strokes_to_json
from evaluator_app.storage.store import EvaluationStore
from tests.factories import NO_CONFLICT, evaluation, full_scores, samples, small_sheet, submit_all

PAD = (800, 300)


def scribble(seed: int = 0) -> list[list[tuple[float, float, float]]]:
    wave = [(60 + i * 3, 150 + 50 * math.sin(i / 9 + seed), 0.3 + 0.6 * abs(math.sin(i / 13))) for i in range(150)]
    return [wave, [(500 + seed, 80, 0.8), (520 + seed, 200, 0.9)]]


def make_store(tmp_path, scored: bool = True, aggregation: str = "mean", name: str = "评估.sqlite"):
    doc = evaluation(sheet=small_sheet(aggregation))
    if scored:
        if aggregation == "consensus":
            doc["scores"] = [{"member": "panel", "item": code, "score": value}
                             for code, value in (("X1", 4), ("X2", 2), ("Y2", 2))]
        else:
            doc["scores"] = full_scores(doc)
    doc["survey"] = samples([("满意", "满意")] * 4, ["Q1", "Q2"])
    parsed = parse_evaluation(json.loads(json.dumps(doc, default=str), parse_float=Decimal), "test")
    store = EvaluationStore.create(tmp_path / name, parsed, actor="测试")
    if scored:
        submit_all(store)
    return store


@pytest.fixture
def store(tmp_path):
    s = make_store(tmp_path)
    yield s
    s.close()


def sign_all(store, skip: tuple[str, str] | None = None) -> None:
    members = [m for m in store.load().panel]
    for purpose in (Purpose.SHEET, Purpose.REPORT):
        for index, member in enumerate(members):
            if skip != (member.id, purpose.value):
                sign(store, member.id, purpose, scribble(index), *PAD)
    if skip != ("e1", Purpose.CONCLUSION.value):
        sign(store, "e1", Purpose.CONCLUSION, scribble(9), *PAD)


# -- the whole flow ---------------------------------------------------------------------------------

def test_all_sign_then_locked_then_leader_unlocks(store):
    sign_all(store, skip=("e1", "conclusion"))
    status = signature_status(store)
    assert not status["locked"] and not status["complete"]
    assert [(p["member"], p["purpose"], p["state"]) for p in status["pending"]] == [("e1", "conclusion", "missing")]
    assert not store.locked

    final = sign(store, "e1", "conclusion", scribble(9), *PAD)
    assert final.purpose is Purpose.CONCLUSION and len(final.content_sha256) == 64
    assert final.png.startswith(b"\x89PNG") and final.width == 800 and final.height == 300
    assert store.locked
    assert signature_status(store)["complete"] and signature_status(store)["pending"] == []
    assert len(signatures(store)) == 6 * 2 + 1
    assert all(is_current(store, s) for s in signatures(store))

    # The signed version is the exchange JSON the REPORT signatures cover.
    signed_text = dumps(evaluation_document(store.load()))
    versions = signed_versions(store)
    assert len(versions) == 1 and versions[0].document == signed_text
    assert versions[0].sha256 == final.content_sha256
    assert sorted(versions[0].signatures) == sorted(s.id for s in signatures(store))

    # Locked: every kind of edit is refused, signing too.
    with pytest.raises(LockedError):
        store.set_score("e2", "X1", Decimal(3))
    with pytest.raises(LockedError):
        store.set_pilot_field("address", "别处")
    with pytest.raises(LockedError):
        store.save_note("finding", Note("f9", "新问题"))
    with pytest.raises(LockedError):
        store.save_sample(Sample("s999", {"Q1": "满意", "Q2": "满意"}))
    with pytest.raises(LockedError):
        store.set_meta_text("overview", "改写综述")
    with pytest.raises(LockedError):
        sign(store, "e2", "report", scribble(), *PAD)
    assert dumps(evaluation_document(store.load())) == signed_text

    # Only the 组长 unlocks, and only with a reason.
    with pytest.raises(UserError, match="只有组长"):
        unlock(store, "e2", "评分录入有误")
    with pytest.raises(UserError, match="只有组长"):
        unlock(store, "nobody", "评分录入有误")
    with pytest.raises(UserError, match="理由"):
        unlock(store, "e1", "   ")
    assert store.locked and len(signatures(store)) == 13

    unlock(store, "e1", "X1 评分录入有误，需更正")
    assert not store.locked
    assert signatures(store) == []
    history = signature_history(store)
    assert len(history) == 13 and all(r.voided_at and "X1 评分录入有误" in r.void_reason for r in history)
    store.set_score("e2", "X1", Decimal(3), reason="更正")

    # The signed version stays retrievable after the unlock and the edit.
    assert signed_versions(store)[0].document == signed_text
    assert dumps(evaluation_document(store.load())) != signed_text

    changes = store.changes()
    actions = [(c.action, c.entity) for c in changes]
    assert actions.count(("sign", "signature")) == 13
    assert ("store", "signed_version") in actions and ("lock", "meta") in actions
    void = next(c for c in changes if c.action == "void")
    assert void.reason == "X1 评分录入有误，需更正" and void.new["by"] == "e1"
    unlocked = next(c for c in changes if c.action == "unlock")
    assert unlocked.reason == "X1 评分录入有误，需更正"
    assert store.verify().ok

    with pytest.raises(UserError, match="尚未锁定"):
        unlock(store, "e1", "再解锁一次")


def test_sign_persists_and_reopens(store, tmp_path):
    sign(store, "e3", "sheet", scribble(), *PAD)
    path = store.path
    store.close()
    with EvaluationStore.open(path) as reopened:
        [saved] = signatures(reopened)
        assert saved.signer == "e3" and saved.purpose is Purpose.SHEET
        assert saved.strokes and saved.strokes[0][0] == pytest.approx(scribble()[0][0], abs=0.01)
        assert is_current(reopened, saved)
        assert reopened.verify().ok


def test_relock_after_unlock_keeps_both_versions(store):
    sign_all(store)
    unlock(store, "e1", "更正 X1")
    store.set_score("e2", "X1", Decimal("3.5"), reason="更正")
    sign_all(store)
    assert store.locked
    versions = signed_versions(store)
    assert len(versions) == 2 and versions[0].sha256 != versions[1].sha256
    e2_x1 = lambda v: next(s["score"] for s in json.loads(v.document)["scores"]  # noqa: E731
                           if s["member"] == "e2" and s["item"] == "X1")
    assert (e2_x1(versions[0]), e2_x1(versions[1])) == ("4", "3.5")


# -- refusals -----------------------------------------------------------------------------------------

def test_sheet_signing_refused_while_scores_missing(tmp_path):
    with make_store(tmp_path, scored=False) as store:
        store.set_score("e2", "X1", Decimal(4))
        with pytest.raises(UserError, match="尚有 2 项未评分") as caught:
            sign(store, "e2", "sheet", scribble(), *PAD)
        assert "X2" in str(caught.value) and "Y2" in str(caught.value)
        store.set_score("e2", "X2", Decimal(2))
        store.set_score("e2", "Y2", Decimal(1), note="档案不全")
        with pytest.raises(UserError, match="计分表尚未提交"):
            sign(store, "e2", "sheet", scribble(), *PAD)
        for member in store.load().panel:
            operations.declare_recusal(store, member.id, NO_CONFLICT)
        operations.submit_sheet(store, "e2")
        signed = sign(store, "e2", "sheet", scribble(), *PAD)
        assert is_current(store, signed)
        # Another member's missing scores do not matter for e2's sheet, but block the report.
        with pytest.raises(UserError, match="结论尚未形成"):
            sign(store, "e2", "report", scribble(), *PAD)
        status = {(e["member"], e["purpose"]): e for e in signature_status(store)["required"]}
        assert status[("e2", "sheet")]["state"] == "signed"
        assert not status[("e3", "sheet")]["can_sign"] and "未评分" in status[("e3", "sheet")]["blocked_by"]
        assert not store.locked


def test_conclusion_only_by_leader_and_signer_must_be_member(store):
    before = len(store.changes())
    with pytest.raises(UserError, match="只能由组长"):
        sign(store, "e2", "conclusion", scribble(), *PAD)
    with pytest.raises(UserError, match="不是本评估组的成员"):
        sign(store, "x9", "report", scribble(), *PAD)
    with pytest.raises(UserError, match="未知的签字用途"):
        sign(store, "e2", "bogus", scribble(), *PAD)
    with pytest.raises(UserError, match="签名为空"):
        sign(store, "e2", "sheet", [[], []], *PAD)
    with pytest.raises(UserError, match="签字板尺寸"):
        sign(store, "e2", "sheet", scribble(), 0, 300)
    with pytest.raises(UserError, match="PNG"):
        sign(store, "e2", "sheet", scribble(), *PAD, png=b"GIF89a")
    assert signatures(store) == [] and len(store.changes()) == before


def test_recused_member_cannot_sign(store):
    member = next(m for m in store.load().panel if m.id == "e4")
    member.recusal = Recusal({"employed": True, "consulted": False, "related": False}, "2025-11-20T09:00:00+08:00")
    store.save_member(member)
    with pytest.raises(UserError, match="回避"):
        sign(store, "e4", "sheet", scribble(), *PAD)


# -- re-signing and staleness -------------------------------------------------------------------------------

def test_resigning_voids_the_earlier_signature(store):
    first = sign(store, "e2", "sheet", scribble(1), *PAD)
    second = sign(store, "e2", "sheet", scribble(2), *PAD)
    assert [s.id for s in signatures(store)] == [second.id]
    history = {r.signature.id: r for r in signature_history(store)}
    assert history[first.id].voided_at and history[first.id].void_reason == "重新签字"
    assert history[second.id].active
    assert [s.id for s in signatures(store, active_only=False)] == [first.id, second.id]
    log = [c for c in store.changes() if c.action == "sign"]
    assert log[1].old["id"] == first.id and log[1].reason == "重新签字"


def test_signature_goes_stale_when_the_signed_content_changes(store):
    sheet_sig = sign(store, "e2", "sheet", scribble(), *PAD)
    report_sig = sign(store, "e3", "report", scribble(), *PAD)
    other_sheet = sign(store, "e3", "sheet", scribble(), *PAD)
    assert all(is_current(store, s) for s in (sheet_sig, report_sig, other_sheet))

    store.set_score("e2", "X1", Decimal("3.5"), note="会议记录缺一次", reason="复核")
    assert not is_current(store, sheet_sig)  # e2's own scores changed
    assert not is_current(store, report_sig)  # the whole evaluation changed
    assert is_current(store, other_sheet)  # e3's scores did not
    assert [s.id for s in current_signatures(store)] == [other_sheet.id]
    states = {(e["member"], e["purpose"]): e["state"] for e in signature_status(store)["required"]}
    assert states[("e2", "sheet")] == "stale" and states[("e3", "report")] == "stale"
    assert states[("e3", "sheet")] == "signed" and states[("e4", "sheet")] == "missing"

    # A stale signature does not count: re-signing it is what completes the evaluation.
    sign_all(store, skip=("e2", "sheet"))
    assert not store.locked
    assert ("e2", "sheet", "stale") in [(p["member"], p["purpose"], p["state"])
                                        for p in signature_status(store)["pending"]]
    sign(store, "e2", "sheet", scribble(), *PAD)
    assert store.locked


def test_edit_after_report_signatures_needs_everyone_to_sign_again(store):
    sign_all(store, skip=("e1", "conclusion"))
    store.set_pilot_field("contact", "张某")  # not locked yet: edits allowed, but the report changed
    sign(store, "e1", "conclusion", scribble(), *PAD)
    assert not store.locked
    pending = signature_status(store)["pending"]
    assert {p["purpose"] for p in pending} == {"report"} and len(pending) == 6


def test_content_for(store):
    sheet_text = content_for(store, "e2", Purpose.SHEET)
    document = json.loads(sheet_text)
    assert document["member"] == "e2" and document["sheet"]["id"] == "test-small"
    assert [s["item"] for s in document["scores"]] == ["X1", "X2", "Y2"]
    assert content_for(store, "e2", "report") == dumps(evaluation_document(store.load()))
    assert content_for(store, "e2", "report") == content_for(store, "e1", "conclusion")


def test_consensus_sheet_is_signed_by_every_member(tmp_path):
    with make_store(tmp_path, aggregation="consensus") as store:
        a = sign(store, "e2", "sheet", scribble(), *PAD)
        b = sign(store, "e3", "sheet", scribble(), *PAD)
        assert json.loads(content_for(store, "e2", "sheet"))["scorer"] == "panel"
        store.set_score("panel", "X1", Decimal("3.5"), reason="合议")
        assert not is_current(store, a) and not is_current(store, b)
        sign_all(store)
        assert store.locked


def test_the_last_signature_and_the_lock_commit_together(store, monkeypatch):
    calls = []
    original = EvaluationStore.set_locked

    def crash_once(self, locked, reason=""):
        if locked and not calls:
            calls.append(1)
            raise OSError("power cut")
        return original(self, locked, reason)

    monkeypatch.setattr(EvaluationStore, "set_locked", crash_once)
    with pytest.raises(OSError):
        sign_all(store)
    # Nothing of the last signature's transaction stayed: not locked, no signed version, no conclusion.
    assert not store.locked and signed_versions(store) == []
    assert ("e1", Purpose.CONCLUSION) not in {(s.signer, s.purpose) for s in signatures(store)}
    sign(store, "e1", Purpose.CONCLUSION, scribble(9), *PAD)
    assert store.locked and len(signed_versions(store)) == 1


def test_lock_if_complete_locks_a_complete_file_left_unlocked(store, monkeypatch):
    monkeypatch.setattr(records, "_lock_if_complete", lambda s: False)
    sign_all(store)
    assert not store.locked
    monkeypatch.undo()
    assert lock_if_complete(store) and store.locked
    assert len(signed_versions(store)) == 1
    assert not lock_if_complete(store)


def test_signature_rows_cannot_be_deleted_or_rewritten(store):
    import sqlite3
    sig = sign(store, "e2", "sheet", scribble(), *PAD)
    with pytest.raises(sqlite3.DatabaseError):
        store.conn.execute("DELETE FROM signature")
    with pytest.raises(sqlite3.DatabaseError):
        store.conn.execute("UPDATE signature SET content_sha256 = 'x' WHERE id = ?", (sig.id,))
    assert is_current(store, signatures(store)[0])


def test_member_added_after_lock_is_refused(store):
    sign_all(store)
    with pytest.raises(LockedError):
        store.save_member(Member("e7", "专家新", MemberCategory.INDUSTRY, Role.MEMBER))


# -- strokes -------------------------------------------------------------------------------------------

def test_render_png_is_transparent_cropped_and_bounded():
    png = render_png(scribble(), 2000, 600)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.mode == "RGBA"
    assert image.width <= 600 and image.height < image.width
    alpha = image.getchannel("A")
    assert alpha.getextrema() == (0, 255)
    assert image.getpixel((0, 0))[3] == 0  # the margin is transparent
    alphas = alpha.tobytes()
    darkest = alphas.index(max(alphas))
    r, g, b, _ = image.getpixel((darkest % image.width, darkest // image.width))
    assert b > r and r < 80  # dark blue ink


def test_render_png_small_signature_is_not_enlarged_and_dot_renders():
    image = Image.open(io.BytesIO(render_png([[(10, 10, 1.0)]], 400, 200)))
    assert image.width < 60 and image.getchannel("A").getextrema()[1] > 0


def test_pressure_changes_line_width():
    line = [(x, 50.0) for x in range(20, 300, 4)]
    light = Image.open(io.BytesIO(render_png([[(x, y, 0.05) for x, y in line]], 400, 200)))
    heavy = Image.open(io.BytesIO(render_png([[(x, y, 1.0) for x, y in line]], 400, 200)))
    ink = lambda im: sum(1 for a in im.getchannel("A").tobytes() if a > 128)  # noqa: E731
    assert ink(heavy) > 1.5 * ink(light)


def test_strokes_json_round_trip_and_validation():
    strokes = [[(1.234567, 2.5, 0.12345), (3, 4, 1.5)], [], [(5, 6)]]
    text = strokes_to_json(strokes)
    assert strokes_from_json(text) == [[(1.23, 2.5, 0.123), (3.0, 4.0, 1.0)], [(5.0, 6.0, 0.5)]]
    for bad in ("not json", "{}", "[[[1]]]", '[[["a", 1, 0]]]', "[[[1e999, 1, 1]]]"):
        with pytest.raises(UserError):
            strokes_from_json(bad)
    with pytest.raises(UserError):
        normalise_strokes([[(float("nan"), 1, 1)]])
    with pytest.raises(UserError, match="签名为空"):
        render_png([], 100, 100)


def test_records_module_exports():
    assert set(records.__all__) >= {"sign", "unlock", "signatures", "signature_status", "is_current", "content_for",
                                    "signed_versions"}
