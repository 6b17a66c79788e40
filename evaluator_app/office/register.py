"""The provincial office's register: every pilot's package in one table (第二十二、二十三条).

`rollup(folder)` verifies every package (`*.zip`, recursively) with the trust list (`verify_package`)
and reads its exchange document (评估数据.json) into memory: the figures are the app's own summary of
that document (`compute`, the same as `evaluator-app summary 评估数据.json`), the wording of results and
consequences comes from `presentation` through `summary_document`. Packages are opened read-only and
nothing is extracted to disk.

One row per package: the pilot, unit, kind, dates, panel, total, result, vetoes, satisfaction rate,
the seal (trusted / untrusted certificate / broken / missing) with the signer's fingerprint, what
follows (整改 due, validity end, when the 复查 may be applied for) and the office's confirmations.

Flags: an invalid panel, a seal not trusted, the same evaluation or the same pilot more than once, an
expert on more panels than `max_panels`, a deadline within `DEADLINE_DAYS` of `today` (or past) for the
latest evaluation of a pilot, a package replaced after it was confirmed.

Statistics (summary by kind and result, item averages, expert usage) count each evaluation once and
only packages whose seal is trusted: figures nobody can vouch for do not enter them.

The office's own record is `省级登记.sqlite` in the folder (never inside a package): an append-only log
of 省级确认 (who, when, document number, which package by its SHA-256), its triggers refusing any
update or deletion. `confirm` appends to it; `rollup` only reads it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
import unicodedata
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from pathlib import Path

from ..domain.consequences import ConsequenceCode
from ..domain.evaluation import Evaluation, MemberCategory, Role
from ..domain.rules import add_months, parse_date
from ..domain.scoring import Summary, compute
from ..errors import FormatError, UserError, VerificationFailed
from ..exchange.document import parse_evaluation
from ..exchange.summary_json import summary_document
from ..jsonfile import parse_json_text
from ..numbers import FOUR_PLACES, rounded
from ..presentation import NO_RESULT, sheet_label
from ..signing.package import MANIFEST, MAX_RATIO, RATIO_FLOOR, PackageReport, verify_package
from ..signing.trust import NOT_PINNED, UNTRUSTED

REGISTER_FILE = "省级登记.sqlite"
REGISTER_FORMAT = "evaluator-office-register/1"
ROLLUP_FORMAT = "evaluator-office-rollup/1"
DATA_FILE = "评估数据.json"
MAX_DATA_BYTES = 64 * 1024 * 1024
MAX_PACKAGES = 5000
DEFAULT_MAX_PANELS = 3
DEADLINE_DAYS = 60
APPLY_BEFORE_END_MONTHS = 3  # 复查: apply in the 3 months before the validity ends (第三十二条)
HARD_BELOW = Decimal("0.80")  # an item whose average score ratio is below this is marked 偏难
EASY_FROM = Decimal("0.98")  # and from this, 偏易
MAX_FIELD_CHARS = 100
NO_SEALED_REPORT = "提交包中没有签章的评估报告"


class SealStatus(StrEnum):
    TRUSTED = "trusted"
    UNTRUSTED = "untrusted"
    BROKEN = "broken"
    MISSING = "missing"


SEAL_TEXT = {
    SealStatus.TRUSTED: "签章可信",
    SealStatus.UNTRUSTED: "签章证书未登记",
    SealStatus.BROKEN: "签章或文件已损坏",
    SealStatus.MISSING: "没有签章报告",
}


@dataclass(frozen=True)
class Flag:
    code: str  # panel, seal, duplicate_evaluation, duplicate_pilot, expert_panels, deadline, data, replaced
    text: str

    def document(self) -> dict:
        return {"code": self.code, "text": self.text}


@dataclass(frozen=True)
class Confirmation:
    seq: int
    evaluation_id: str
    confirmed_by: str
    confirmed_on: str
    document_no: str
    package: str
    package_sha256: str
    recorded_at: str

    @property
    def text(self) -> str:
        return f"{self.confirmed_on} {self.confirmed_by}（{self.document_no}）"

    def document(self) -> dict:
        return {"seq": self.seq, "confirmed_by": self.confirmed_by, "confirmed_on": self.confirmed_on,
                "document_no": self.document_no, "package": self.package, "package_sha256": self.package_sha256,
                "recorded_at": self.recorded_at}


@dataclass(frozen=True)
class Deadline:
    label: str  # 整改期限, 复查申请起, 合格有效期届满, 试点评估申请起
    date: dt.date
    opens: bool = False  # a period that opens on the date (flagged only before it), not one that ends


@dataclass
class Row:
    number: int
    package: str  # relative to the folder, with "/"
    package_sha256: str
    seal: SealStatus
    problems: list[str]
    fingerprint: str | None = None
    signer: str = ""
    trusted_as: str | None = None
    evaluation_id: str = ""
    evaluation: Evaluation | None = None
    summary: Summary | None = None
    figures: dict | None = None  # summary_document(summary): the figures `evaluator-app summary` shows
    data_problem: str = ""
    deadlines: list[Deadline] = field(default_factory=list)
    confirmations: list[Confirmation] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def pilot(self) -> str:
        return self.evaluation.pilot.get("name", "") if self.evaluation else ""

    @property
    def unit(self) -> str:
        return self.evaluation.pilot.get("unit", "") if self.evaluation else ""

    @property
    def kind(self) -> str:
        return self.evaluation.kind.value if self.evaluation else ""

    @property
    def evaluation_date(self) -> str:
        return (self.evaluation.evaluation_date or "") if self.evaluation else ""

    @property
    def seal_text(self) -> str:
        return SEAL_TEXT[self.seal]

    @property
    def confirmation(self) -> Confirmation | None:
        return self.confirmations[-1] if self.confirmations else None

    @property
    def satisfaction_rate(self) -> Decimal | None:
        stats = self.summary.survey if self.summary else None
        return rounded(stats.rate, FOUR_PLACES) if stats and stats.rate is not None else None

    def deadline(self, label: str) -> dt.date | None:
        return next((d.date for d in self.deadlines if d.label == label), None)

    def document(self) -> dict:
        figures = self.figures or {}
        evaluation = self.evaluation
        panel = figures.get("panel", {})
        return {
            "number": self.number, "package": self.package, "package_sha256": self.package_sha256,
            "seal": self.seal.value, "seal_text": self.seal_text, "fingerprint": self.fingerprint,
            "signer": self.signer, "trusted_as": self.trusted_as, "problems": self.problems,
            "evaluation_id": self.evaluation_id, "pilot": self.pilot, "unit": self.unit, "kind": self.kind,
            "evaluation_date": self.evaluation_date or None,
            "term_start": evaluation.pilot.get("term_start") if evaluation else None,
            "term_end": evaluation.pilot.get("term_end") if evaluation else None,
            "panel_size": panel.get("size"), "standardization_experts": panel.get("standardization_experts"),
            "panel_valid": panel.get("valid"),
            "total": figures.get("total"), "result": figures.get("result"), "result_text": figures.get("result_text"),
            "vetoes": figures.get("vetoes", []),
            "satisfaction_rate": figures.get("satisfaction", {}).get("rate"),
            "consequence": figures.get("consequence"),
            "deadlines": [{"label": d.label, "date": d.date.isoformat()} for d in self.deadlines],
            "confirmations": [c.document() for c in self.confirmations],
            "data_problem": self.data_problem or None,
            "flags": [f.document() for f in self.flags],
        }


@dataclass(frozen=True)
class ItemAverage:
    sheet: str  # the sheet's label, 暂定 marked
    code: str
    name: str
    category: str
    maximum: Decimal
    count: int
    average: Decimal  # rounded to 2 places
    ratio: Decimal  # average score ratio, rounded to 4 places
    lowest: Decimal
    highest: Decimal

    @property
    def mark(self) -> str:
        if self.ratio < HARD_BELOW:
            return "偏难"
        if self.ratio >= EASY_FROM:
            return "偏易"
        return ""

    def document(self) -> dict:
        return {"sheet": self.sheet, "code": self.code, "name": self.name, "category": self.category,
                "max": str(self.maximum), "count": self.count, "average": str(self.average),
                "ratio": str(self.ratio), "lowest": str(self.lowest), "highest": str(self.highest),
                "mark": self.mark}


@dataclass
class ExpertUsage:
    name: str
    org: str
    category: str
    panels: int = 0
    leader: int = 0
    evaluations: list[str] = field(default_factory=list)  # "试点名称（评估日期，类型）"

    def document(self, limit: int) -> dict:
        return {"name": self.name, "org": self.org, "category": self.category, "panels": self.panels,
                "leader": self.leader, "evaluations": self.evaluations, "over_limit": self.panels > limit}


@dataclass
class Register:
    folder: Path
    today: dt.date
    max_panels: int
    rows: list[Row]
    counts: dict[str, dict[str, int]]  # kind → result → evaluations (trusted, each once)
    items: list[ItemAverage]
    experts: list[ExpertUsage]
    counted: int  # evaluations in the statistics

    @property
    def all_trusted(self) -> bool:
        return all(row.seal is SealStatus.TRUSTED for row in self.rows)

    @property
    def flags(self) -> list[tuple[Row, Flag]]:
        return [(row, flag) for row in self.rows for flag in row.flags]

    def document(self) -> dict:
        return {
            "format": ROLLUP_FORMAT, "folder": str(self.folder), "today": self.today.isoformat(),
            "max_panels": self.max_panels, "deadline_days": DEADLINE_DAYS,
            "packages": len(self.rows),
            "seals": {status.value: sum(1 for r in self.rows if r.seal is status) for status in SealStatus},
            "counted": self.counted,
            "rows": [row.document() for row in self.rows],
            "by_kind_and_result": self.counts,
            "items": [item.document() for item in self.items],
            "experts": [expert.document(self.max_panels) for expert in self.experts],
        }


# -- the rollup ------------------------------------------------------------------------------------

def rollup(folder: str | os.PathLike[str], today: dt.date | None = None, max_panels: int = DEFAULT_MAX_PANELS,
           expected_fingerprint: str | None = None) -> Register:
    """Verify and read every package in `folder` (recursively) into the register; never writes."""
    root = Path(folder)
    if not root.is_dir():
        raise UserError(f"找不到文件夹：{root}")
    if max_panels < 1:
        raise UserError("--max-panels 应为正整数")
    today = today or dt.date.today()
    confirmations = read_confirmations(root)
    rows = []
    for number, path in enumerate(package_paths(root), start=1):
        row = read_package(path, root, number, expected_fingerprint)
        row.confirmations = confirmations.get(row.evaluation_id, [])
        rows.append(row)
    counted = _counted(rows)
    experts = _experts(counted)
    _flag(rows, experts, today, max_panels)
    ordered = sorted(experts.values(), key=lambda e: (-e.panels, e.category != MemberCategory.STANDARDIZATION.value,
                                                      e.name))
    return Register(root, today, max_panels, rows, _counts(counted), _item_averages(counted), ordered, len(counted))


def package_paths(root: Path) -> list[Path]:
    """Every `*.zip` under `root`, in path order; symbolic links to folders are not followed."""
    found: list[Path] = []
    for current, folders, files in os.walk(root):
        folders.sort()
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in sorted(files):
            if name.lower().endswith(".zip") and not name.startswith("."):
                found.append(Path(current) / name)
                if len(found) > MAX_PACKAGES:
                    raise UserError(f"{root} 中的报送包超过 {MAX_PACKAGES} 个，请分文件夹汇总")
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def read_package(path: Path, root: Path, number: int = 1, expected_fingerprint: str | None = None) -> Row:
    """One package: its seal verified, its exchange document read and summarised in memory."""
    report = verify_package(path, expected_fingerprint)
    seal = next(iter(report.seals.values()), None)
    row = Row(number, path.relative_to(root).as_posix(), file_sha256(path), seal_status(report), report.problems,
              evaluation_id=report.evaluation_id)
    if seal is not None and seal.fingerprint:
        row.fingerprint = seal.fingerprint
        row.signer = seal.signer
        row.trusted_as = seal.seals[-1].trusted_as if seal.seals else None
    else:
        row.fingerprint = report.certificate_fingerprint
    try:
        evaluation = read_evaluation(path)
    except (FormatError, UserError) as err:
        row.data_problem = str(err).splitlines()[0]
        return row
    row.evaluation = evaluation
    row.summary = compute(evaluation)
    row.figures = summary_document(row.summary)
    row.evaluation_id = row.evaluation_id or evaluation.id
    if report.evaluation_id and evaluation.id and evaluation.id != report.evaluation_id:
        row.data_problem = f"{DATA_FILE} 的评估编号（{evaluation.id}）与清单（{report.evaluation_id}）不同"
    row.deadlines = deadlines(row.summary)
    return row


def seal_status(report: PackageReport) -> SealStatus:
    """Trusted when the package verifies; untrusted when its only fault is a seal made with a certificate
    not registered (or not the one named); missing when it has no sealed report; otherwise broken."""
    if report.ok:
        return SealStatus.TRUSTED
    seal = next(iter(report.seals.values()), None)
    if seal is None:
        return SealStatus.MISSING if any(p.startswith(NO_SEALED_REPORT) for p in report.problems) \
            else SealStatus.BROKEN
    if not seal.ok and report.problems and all(UNTRUSTED in p or NOT_PINNED in p for p in report.problems):
        return SealStatus.UNTRUSTED
    return SealStatus.BROKEN


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def read_evaluation(path: Path) -> Evaluation:
    """The package's exchange document, read into memory within bounds and parsed; UserError otherwise."""
    source = f"{path.name}:{DATA_FILE}"
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo(DATA_FILE)
            except KeyError:
                raise UserError(f"{path.name} 中没有 {DATA_FILE}") from None
            if info.flag_bits & 0x1 or info.file_size > MAX_DATA_BYTES or (
                    info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                raise UserError(f"{source} 过大、已加密或压缩比异常，未读取")
            with archive.open(info) as handle:
                data = handle.read(MAX_DATA_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
            RuntimeError, NotImplementedError):
        raise UserError(f"{source} 无法读取（提交包已损坏）") from None
    if len(data) > MAX_DATA_BYTES:
        raise UserError(f"{source} 过大，未读取")
    return parse_evaluation(parse_json_text(data, source), source)


def deadlines(summary: Summary) -> list[Deadline]:
    """The dates that follow from the result (domain.consequences): the 整改 deadline; the 合格 validity's
    end and, 3 months before it, the opening of the 复查 application (第三十二条); a 中期评估's
    application for the final evaluation."""
    consequence = summary.consequence
    if consequence is None or consequence.due is None:
        return []
    due = consequence.due
    if consequence.code is ConsequenceCode.RECTIFY:
        return [Deadline("整改期限", due)]
    if consequence.code in (ConsequenceCode.VALID, ConsequenceCode.REINSPECTION_VALID):
        return [Deadline("复查申请起", add_months(due, -APPLY_BEFORE_END_MONTHS), opens=True),
                Deadline("合格有效期届满", due)]
    if consequence.code is ConsequenceCode.APPLY_FINAL:
        return [Deadline("试点评估申请起", due, opens=True)]
    return []


# -- flags and statistics ---------------------------------------------------------------------------

def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _counted(rows: list[Row]) -> list[Row]:
    """The rows the statistics count: trusted, readable, each evaluation once (its first package)."""
    seen: set[str] = set()
    counted = []
    for row in rows:
        if row.seal is not SealStatus.TRUSTED or row.summary is None or row.data_problem:
            continue
        if row.evaluation_id and row.evaluation_id in seen:
            continue
        seen.add(row.evaluation_id)
        counted.append(row)
    return counted


def _expert_key(name: str, phone: str) -> str:
    return f"{_key(name)}|{re.sub(r'[^0-9]', '', phone)}"


def _experts(rows: list[Row]) -> dict[str, ExpertUsage]:
    """Who sat on the panels counted, identified by name and phone."""
    usage: dict[str, ExpertUsage] = {}
    for row in rows:
        assert row.evaluation is not None
        for member in row.evaluation.panel:
            entry = usage.setdefault(_expert_key(member.name, member.phone),
                                     ExpertUsage(member.name, member.org, member.category.value))
            entry.panels += 1
            entry.leader += member.role is Role.LEADER
            entry.evaluations.append(f"{row.pilot}（{row.evaluation_date}，{row.kind}）")
    return usage


def _flag(rows: list[Row], experts: dict[str, ExpertUsage], today: dt.date, max_panels: int) -> None:
    for row in rows:
        if row.seal is not SealStatus.TRUSTED:
            detail = "；".join(row.problems[:2])
            fingerprint = f"（证书指纹 {row.fingerprint}）" if row.fingerprint else ""
            row.flags.append(Flag("seal", f"{row.seal_text}{fingerprint}：{detail}" if detail else row.seal_text))
        if row.data_problem:
            row.flags.append(Flag("data", row.data_problem))
        if row.summary is not None and not row.summary.panel_valid:
            row.flags.append(Flag("panel", "评估组不符合要求：" + "；".join(row.summary.panel_problems)))
        if row.summary is not None and row.summary.result is None:
            row.flags.append(Flag("result", NO_RESULT))
        confirmation = row.confirmation
        if confirmation is not None and confirmation.package_sha256 != row.package_sha256:
            row.flags.append(Flag("replaced", f"报送包与 {confirmation.confirmed_on} 省级确认时的不同"
                                              "（SHA-256 不一致）：确认后被更换或改动"))

    by_id: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.evaluation_id:
            by_id[row.evaluation_id].append(row)
    for evaluation_id, same in by_id.items():
        if len(same) > 1:
            for row in same:
                others = "、".join(r.package for r in same if r is not row)
                row.flags.append(Flag("duplicate_evaluation", f"同一评估（编号 {evaluation_id[:12]}…）的报送包出现 "
                                                              f"{len(same)} 次；另见 {others}"))

    by_pilot: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.evaluation is not None and (row.pilot or row.unit):
            by_pilot[_key(row.pilot or row.unit)].append(row)
    latest: set[str] = set()  # the latest evaluation of each pilot (every package of it)
    for same in by_pilot.values():
        ordered = sorted(same, key=lambda r: (r.evaluation_date, r.seal is SealStatus.TRUSTED, r.number))
        latest.add(ordered[-1].evaluation_id or ordered[-1].package)
        evaluations = {r.evaluation_id or r.package for r in same}
        if len(evaluations) > 1:
            for row in same:
                others = "、".join(f"第 {r.number} 行（{r.evaluation_date} {r.kind}）" for r in ordered if r is not row)
                row.flags.append(Flag("duplicate_pilot", f"同一试点出现 {len(evaluations)} 次；另见 {others}"))

    for row in rows:
        if row.evaluation is None:
            continue
        for member in row.evaluation.panel:
            usage = experts.get(_expert_key(member.name, member.phone))
            if usage is not None and usage.panels > max_panels:
                row.flags.append(Flag("expert_panels", f"专家 {member.name} 参加了 {usage.panels} 个评估组"
                                                       f"（上限 {max_panels} 个）"))

    horizon = today + dt.timedelta(days=DEADLINE_DAYS)
    for row in rows:
        if (row.evaluation_id or row.package) not in latest:
            continue  # a later evaluation of the same pilot follows on
        for deadline in row.deadlines:
            if deadline.date < today and not deadline.opens:
                row.flags.append(Flag("deadline", f"{deadline.label} {deadline.date.isoformat()} 已过 "
                                                  f"{(today - deadline.date).days} 天"))
            elif today <= deadline.date <= horizon:
                row.flags.append(Flag("deadline", f"{deadline.label} {deadline.date.isoformat()}，还有 "
                                                  f"{(deadline.date - today).days} 天"))


def _counts(rows: list[Row]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        assert row.summary is not None
        result = row.summary.result or NO_RESULT
        by_result = counts.setdefault(row.kind, {})
        by_result[result] = by_result.get(result, 0) + 1
    return counts


def _item_averages(rows: list[Row]) -> list[ItemAverage]:
    """Per sheet (its id and version) and item: the average of the panel's item score over its maximum."""
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        assert row.evaluation is not None
        groups[(row.evaluation.sheet.id, row.evaluation.sheet.version)].append(row)
    averages = []
    for same in groups.values():
        assert same[0].evaluation is not None
        sheet = same[0].evaluation.sheet
        label = sheet_label(sheet)
        for category in sheet.categories:
            for item in category.items:
                if not item.max:
                    continue
                values = [r.summary.items[item.code] for r in same
                          if r.summary is not None and r.summary.items.get(item.code) is not None]
                if not values:
                    continue
                ratios = [Fraction(v) / Fraction(item.max) for v in values if v is not None]
                average = sum((Fraction(v) for v in values if v is not None), Fraction(0)) / len(values)
                averages.append(ItemAverage(
                    label, item.code, item.name, f"{category.code} {category.name}", item.max, len(values),
                    rounded(average), rounded(sum(ratios, Fraction(0)) / len(ratios), FOUR_PLACES),
                    rounded(min(ratios), FOUR_PLACES), rounded(max(ratios), FOUR_PLACES)))
    return averages


# -- the office's register file (省级确认) ------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS confirmation (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    evaluation_id TEXT NOT NULL,
    confirmed_by TEXT NOT NULL,
    confirmed_on TEXT NOT NULL,
    document_no TEXT NOT NULL,
    package TEXT NOT NULL,
    package_sha256 TEXT NOT NULL,
    pilot TEXT NOT NULL,
    result TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS confirmation_evaluation ON confirmation (evaluation_id, seq);
CREATE TRIGGER IF NOT EXISTS confirmation_no_update BEFORE UPDATE ON confirmation
BEGIN SELECT RAISE(ABORT, '省级确认记录只能追加，不能修改'); END;
CREATE TRIGGER IF NOT EXISTS confirmation_no_delete BEFORE DELETE ON confirmation
BEGIN SELECT RAISE(ABORT, '省级确认记录只能追加，不能删除'); END;
"""


def register_path(folder: str | os.PathLike[str]) -> Path:
    return Path(folder) / REGISTER_FILE


def read_confirmations(folder: Path) -> dict[str, list[Confirmation]]:
    """The confirmations recorded in the folder's register, oldest first, by evaluation id; read-only."""
    path = register_path(folder)
    if not path.exists():
        return {}
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            _check_format(conn, path)
            records = conn.execute(
                "SELECT seq, evaluation_id, confirmed_by, confirmed_on, document_no, package, package_sha256, "
                "recorded_at FROM confirmation ORDER BY seq").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as err:
        raise UserError(f"省级登记文件 {path} 无法读取（{err}）") from None
    found: dict[str, list[Confirmation]] = defaultdict(list)
    for record in records:
        found[record[1]].append(Confirmation(*record))
    return dict(found)


def _check_format(conn: sqlite3.Connection, path: Path) -> None:
    try:
        value = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.Error:
        value = None
    if value is None or value[0] != REGISTER_FORMAT:
        raise UserError(f"{path} 不是省级登记文件（应为 {REGISTER_FORMAT}）")


@dataclass(frozen=True)
class Confirmed:
    confirmation: Confirmation
    row: Row
    earlier: int  # confirmations of this evaluation recorded before


def confirm(folder: str | os.PathLike[str], evaluation_id: str, by: str, document_no: str,
            on: str | None = None, expected_fingerprint: str | None = None, today: dt.date | None = None) -> Confirmed:
    """Record the office's 省级确认 of one evaluation whose package is in `folder` and verifies.

    `evaluation_id` may be a unique prefix (at least 6 characters). Refused (VerificationFailed, exit 1)
    when no package of it verifies with a trusted seal; UserError for bad input."""
    root = Path(folder)
    if not root.is_dir():
        raise UserError(f"找不到文件夹：{root}")
    by, document_no = _field(by, "--by 确认人"), _field(document_no, "--document 文件号")
    today = today or dt.date.today()
    day = parse_date(on) if on else today
    if day is None or (on and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", on)):
        raise UserError(f"确认日期 “{on}” 格式不对：应为 YYYY-MM-DD，如 {today.isoformat()}")
    if day > today:
        raise UserError(f"确认日期 {day.isoformat()} 晚于今天（{today.isoformat()}）")
    wanted = evaluation_id.strip().lower()
    if len(wanted) < 6 or not re.fullmatch(r"[0-9a-z_-]+", wanted):
        raise UserError("评估编号应至少给出前 6 位（见 office rollup 的输出或报送包的 manifest.json）")
    matches: dict[str, list[Path]] = defaultdict(list)
    for path in package_paths(root):
        found = _manifest_id(path)
        if found and found.lower().startswith(wanted):
            matches[found].append(path)
    if not matches:
        raise UserError(f"{root} 中没有评估编号为 {evaluation_id} 的报送包")
    if len(matches) > 1:
        raise UserError(f"评估编号 {evaluation_id} 不唯一（{'、'.join(sorted(matches))}），请给出更多位")
    full_id, paths = next(iter(matches.items()))
    rows = [read_package(path, root, number, expected_fingerprint) for number, path in enumerate(paths, start=1)]
    good = [row for row in rows if row.seal is SealStatus.TRUSTED and row.summary is not None and not row.data_problem]
    if not good:
        lines = [f"未确认：评估 {full_id} 的报送包未通过校验"]
        for row in rows:
            lines += [f"  {row.package}：{row.seal_text}"] + [f"    - {p}" for p in row.problems[:5]]
            if row.data_problem:
                lines.append(f"    - {row.data_problem}")
        raise VerificationFailed("\n".join(lines))
    if len({row.package_sha256 for row in good}) > 1:
        raise UserError(f"评估 {full_id} 有内容不同的多个报送包（{'、'.join(r.package for r in good)}），"
                        "请核对后只保留评估组交出的那一份")
    row = good[0]
    assert row.summary is not None and row.figures is not None
    if row.summary.result is None:
        raise UserError(f"评估 {full_id} 尚未形成结论，不能确认")
    evaluated = parse_date(row.evaluation_date)
    if evaluated is not None and day < evaluated:
        raise UserError(f"确认日期 {day.isoformat()} 早于评估日期 {evaluated.isoformat()}")
    recorded = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    path = register_path(root)
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("PRAGMA synchronous=FULL")
            conn.executescript("BEGIN IMMEDIATE;" + SCHEMA + "INSERT OR IGNORE INTO meta (key, value) "
                               f"VALUES ('format', '{REGISTER_FORMAT}'); COMMIT;")
            conn.execute("BEGIN IMMEDIATE")
            _check_format(conn, path)
            earlier = conn.execute("SELECT COUNT(*) FROM confirmation WHERE evaluation_id = ?",
                                   (full_id,)).fetchone()[0]
            cursor = conn.execute(
                "INSERT INTO confirmation (evaluation_id, confirmed_by, confirmed_on, document_no, package, "
                "package_sha256, pilot, result, fingerprint, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (full_id, by, day.isoformat(), document_no, row.package, row.package_sha256, row.pilot,
                 row.figures["result_text"], row.fingerprint or "", recorded))
            conn.execute("COMMIT")
            seq = cursor.lastrowid or 0
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()
    except sqlite3.Error as err:
        raise UserError(f"无法写入省级登记文件 {path}（{err}）") from None
    confirmation = Confirmation(seq, full_id, by, day.isoformat(), document_no, row.package, row.package_sha256,
                                recorded)
    return Confirmed(confirmation, row, earlier)


def _field(value: str, what: str) -> str:
    text = unicodedata.normalize("NFC", (value or "").strip())
    if not text:
        raise UserError(f"{what}不能为空")
    if len(text) > MAX_FIELD_CHARS or any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise UserError(f"{what}过长（最多 {MAX_FIELD_CHARS} 个字符）或含控制字符")
    return text


def _manifest_id(path: Path) -> str:
    """The evaluation id in a package's manifest.json, read within bounds; "" when it cannot be read."""
    import json

    from ..signing.package import MAX_MANIFEST_BYTES
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(MANIFEST)
            if info.file_size > MAX_MANIFEST_BYTES or info.flag_bits & 0x1:
                return ""
            document = json.loads(archive.read(info).decode("utf-8"))
    except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
            RuntimeError, NotImplementedError, RecursionError):
        return ""
    value = document.get("evaluation_id") if isinstance(document, dict) else None
    return value if isinstance(value, str) else ""


def short_id(evaluation_id: str) -> str:
    return evaluation_id[:12]


__all__ = ["DEFAULT_MAX_PANELS", "DEADLINE_DAYS", "REGISTER_FILE", "Confirmation", "Confirmed", "Flag",
           "Register", "Row", "SealStatus", "confirm", "deadlines", "read_confirmations",
           "read_package", "rollup"]
