"""The provincial office's 专家库: experts imported from Excel (.xlsx) or CSV into the office's own SQLite file.

Columns (row 1 is the header): 姓名, 类别 (标准化专家 / 行业专家 / 管理人员), 单位, 地区, 职称, 学历, 高级职称 (是/否),
从业年限, 电话, and optionally 专业领域 and 状态 (在库 / 暂停). An expert is identified by 姓名 + 单位 + 电话
(compared after `normalise`): importing the same expert again updates the record. Experts missing from a later
file stay as they are; 状态 暂停 is how one is taken out of draws.

Every problem in the file is named by its cell (`专家库!C7`; a CSV file's cells are named after the file, as
Excel names its only worksheet) and the whole file is refused, nothing written. Workbooks are read with the
sheet workbook's bounded readers (evaluator_app/sheets/xlsx.py); CSV files are bounded the same way.

Every change is an entry of an append-only, hash-chained change log (evaluator_app/storage/changelog.py):
`add`, `update`, `suspend` (在库 → 暂停) and `reinstate` (暂停 → 在库), each with the record before and after.
`check` confirms the chain and that every expert row is what the log last recorded for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import secrets
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ..domain.evaluation import Member, MemberCategory, Role
from ..domain.rules import qualification_findings
from ..errors import FormatError, Problem, UserError
from ..fileio import FileTooLarge, describe_os_error, read_bytes_limited
from ..jsonfile import MAX_NAME_CHARS, MAX_PROBLEMS
from ..sheets.xlsx import cell_shown
from ..storage import changelog

LIBRARY_FORMAT = "evaluator-expert-library/1"
APPLICATION_ID = 0x45585042  # "EXPB": marks the file as an expert library, never an evaluation file
SHEET = "专家库"
IN_LIBRARY, SUSPENDED = "在库", "暂停"
STATUSES = (IN_LIBRARY, SUSPENDED)
CATEGORIES = tuple(c.value for c in MemberCategory)

MAX_CSV_BYTES = 5 * 1024 * 1024
MAX_FIELD_CHARS = 200  # 专业领域
MAX_YEARS = 80
IGNORED_HEADERS = ("序号", "备注")  # common in offices' own lists; read past, never stored


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool  # the column must be present and its cells filled
    optional_column: bool = False  # the column may be left out


COLUMNS = (
    Column("name", "姓名", True),
    Column("category", "类别", True),
    Column("org", "单位", True),
    Column("region", "地区", False),
    Column("title", "职称", False),
    Column("education", "学历", True),
    Column("senior_title", "高级职称", True),
    Column("years", "从业年限", True),
    Column("phone", "电话", True),
    Column("field", "专业领域", False, optional_column=True),
    Column("status", "状态", False, optional_column=True),
)
FIELDS = tuple(c.key for c in COLUMNS)

_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE expert (
    key TEXT PRIMARY KEY,  -- SHA-256 of the normalised 姓名|单位|电话
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('标准化专家', '行业专家', '管理人员')),
    org TEXT NOT NULL,
    region TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL,
    senior_title INTEGER NOT NULL CHECK (senior_title IN (0, 1)),
    years INTEGER NOT NULL CHECK (years >= 0),
    phone TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('在库', '暂停')),
    updated_at TEXT NOT NULL
);
""" + changelog.SCHEMA
# Schema versions, applied forward with `PRAGMA user_version`; never edit a released step, add one.
MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1,)
LATEST_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Expert:
    name: str
    category: str
    org: str
    region: str
    title: str
    education: str
    senior_title: bool
    years: int
    phone: str
    field: str = ""
    status: str = IN_LIBRARY

    @property
    def key(self) -> str:
        return expert_key(self.name, self.org, self.phone)

    def record(self) -> dict:
        return asdict(self)

    def as_member(self, member_id: str = "", role: Role = Role.MEMBER) -> Member:
        return Member(id=member_id or self.key[:12], name=self.name, category=MemberCategory(self.category),
                      role=role, org=self.org, title=self.title, phone=self.phone, education=self.education,
                      senior_title=self.senior_title, years=self.years)

    def shortfalls(self) -> list[str]:
        """Why the expert does not meet 第二十八条, as the panel rules word it; empty when qualified."""
        return [f.message for f in qualification_findings(self.as_member())]


@dataclass
class ImportReport:
    source: str
    rows: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    suspended: list[str] = field(default_factory=list)
    reinstated: list[str] = field(default_factory=list)
    unchanged: int = 0
    created: bool = False


# --- normalising -----------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_PHONE_PUNCT = re.compile(r"[\s\-()（）]+")


def normalise(text: str) -> str:
    """Full-width forms folded to half width (NFKC), all whitespace removed, case folded: how names and orgs
    are compared (`某市 政务服务中心` and `某市政务服务中心` are the same org)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def expert_key(name: str, org: str, phone: str) -> str:
    phone_norm = _PHONE_PUNCT.sub("", unicodedata.normalize("NFKC", phone))
    return hashlib.sha256(f"{normalise(name)}|{normalise(org)}|{phone_norm}".encode()).hexdigest()


# --- reading the file ------------------------------------------------------------------------------

def read_experts(path: str | os.PathLike[str]) -> list[tuple[int, Expert, set[str]]]:
    """(row number, expert, the columns present) for every data row of a .xlsx or .csv file; FormatError naming
    every problem by its cell."""
    source = os.fspath(path)
    suffix = Path(source).suffix.lower()
    if suffix == ".csv":
        name, rows = Path(source).stem or SHEET, _csv_rows(source)
    elif suffix in (".xlsx", ".xlsm"):
        name, rows = _xlsx_rows(source)
    else:
        raise UserError(f"{source}：专家库只能从 Excel 工作簿（.xlsx）或 CSV 文件（.csv，UTF-8 编码）导入")
    return _Rows(source, name).experts(rows)


def _csv_rows(source: str) -> list[tuple]:
    try:
        data = read_bytes_limited(source, MAX_CSV_BYTES)
    except FileTooLarge as err:
        raise _refuse(source, f"文件过大（{err.size / 2**20:.1f} MiB，上限 {MAX_CSV_BYTES // 2**20} MiB），"
                              "不像是专家库") from None
    if not data.strip():
        raise _refuse(source, "文件为空")
    if b"\x00" in data:
        raise _refuse(source, "不是 CSV 文本文件（含二进制内容）")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _refuse(source, f"不是 UTF-8 编码（第 {err.start + 1} 个字节处无法解码）；请在 Excel 中另存为"
                              "“CSV UTF-8（逗号分隔）”后再导入") from None
    from ..sheets.xlsx import MAX_COLS, MAX_ROWS
    rows: list[tuple] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for record in reader:
            if len(rows) > MAX_ROWS:
                raise _refuse(source, f"行数超过上限（最多 {MAX_ROWS} 行数据）")
            rows.append(tuple(record[:MAX_COLS]))
    except csv.Error as err:
        raise FormatError(source, [Problem(f"第 {reader.line_num} 行", f"CSV 格式错误（{err}）")]) from None
    return rows


def _xlsx_rows(source: str) -> tuple[str, list[tuple]]:
    import openpyxl

    from ..sheets.xlsx import MAX_FILE_BYTES, _check_archive, _read_rows
    try:
        data = read_bytes_limited(source, MAX_FILE_BYTES)
    except FileTooLarge as err:
        raise _refuse(source, f"文件过大（{err.size / 2**20:.1f} MiB，上限 {MAX_FILE_BYTES // 2**20} MiB），"
                              "不像是专家库工作簿") from None
    _check_archive(data, source)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, keep_links=False)
    except Exception:  # openpyxl raises anything from KeyError to XML errors on bad input
        raise _refuse(source, "无法打开工作簿：文件已损坏或不是 .xlsx 格式") from None
    name = ""
    try:
        names = wb.sheetnames
        if SHEET in names:
            name = SHEET
        elif len(names) == 1:
            name = names[0]
        else:
            raise _refuse(source, f"缺少工作表“{SHEET}”（工作簿有多张工作表时，专家名单须放在名为“{SHEET}”的工作表中）")
        return name, _read_rows(wb[name], name, source, formulas=True)
    except FormatError:
        raise
    except Exception:
        raise FormatError(source, [Problem(name, "工作表已损坏，无法读取")]) from None
    finally:
        wb.close()


def _refuse(source: str, message: str) -> FormatError:
    return FormatError(source, [Problem("", message)])


class _Rows:
    """Rows (values, row 1 the header) checked into experts, every problem named by its cell."""

    def __init__(self, source: str, sheet: str):
        self.source, self.sheet = source, sheet
        self.problems: list[Problem] = []

    def ref(self, column: int, row: int) -> str:
        from openpyxl.utils import get_column_letter
        return f"{self.sheet}!{get_column_letter(column + 1)}{row}"

    def problem(self, ref: str, message: str) -> None:
        self.problems.append(Problem(ref, message))

    def experts(self, rows: list[tuple]) -> list[tuple[int, Expert, set[str]]]:
        if not rows or all(_blank(v) for v in rows[0]):
            raise FormatError(self.source, [Problem(f"{self.sheet}!1:1", "第 1 行应为表头（姓名、类别、单位……）")])
        columns = self.header(rows[0])
        headed = {i for i, raw in enumerate(rows[0]) if not _blank(raw)}
        found: list[tuple[int, Expert, set[str]]] = []
        seen: dict[str, int] = {}
        if not self.problems:
            for number, row in enumerate(rows[1:], start=2):
                if not row or all(_blank(v) for v in row):
                    continue
                for index, value in enumerate(row):
                    if index not in headed and not _blank(value):
                        self.problem(self.ref(index, number), "此列没有表头，内容无法归入专家库的任何一列")
                expert = self.row(row, number, columns)
                if expert is None:
                    continue
                if expert.key in seen:
                    self.problem(self.ref(columns["name"], number),
                                 f"{expert.name}（{expert.org}，{expert.phone}）与第 {seen[expert.key]} 行重复"
                                 "（姓名、单位、电话相同即为同一专家）")
                    continue
                seen[expert.key] = number
                found.append((number, expert, set(columns)))
            if not found and not self.problems:
                self.problem(self.sheet, "没有专家：表头以下没有数据行")
        if self.problems:
            problems = self.problems[:MAX_PROBLEMS]
            if len(self.problems) > MAX_PROBLEMS:
                problems.append(Problem("", f"问题过多，只列出前 {MAX_PROBLEMS} 处（共 {len(self.problems)} 处）"))
            raise FormatError(self.source, problems)
        return found

    def header(self, row: tuple) -> dict[str, int]:
        by_header = {c.header: c for c in COLUMNS}
        columns: dict[str, int] = {}
        for index, raw in enumerate(row):
            if _blank(raw):
                continue
            text = normalise(str(raw))
            column = by_header.get(text)
            if column is None:
                if text not in IGNORED_HEADERS:
                    known = "、".join(c.header for c in COLUMNS)
                    self.problem(self.ref(index, 1), f"未知的列“{cell_shown(raw)}”；专家库的列为：{known}")
            elif column.key in columns:
                self.problem(self.ref(index, 1), f"列“{column.header}”重复")
            else:
                columns[column.key] = index
        for column in COLUMNS:
            if column.key not in columns and not column.optional_column:
                self.problem(f"{self.sheet}!1:1", f"缺少列“{column.header}”")
        return columns

    def row(self, row: tuple, number: int, columns: dict[str, int]) -> Expert | None:
        before = len(self.problems)
        values: dict[str, Any] = {}
        for column in COLUMNS:
            if column.key not in columns:
                continue
            index = columns[column.key]
            raw = row[index] if index < len(row) else None
            ref = self.ref(index, number)
            if _blank(raw):
                if column.required:
                    self.problem(ref, f"{column.header}不能为空")
                continue
            from ..sheets.xlsx import Formula
            if isinstance(raw, Formula):
                self.problem(ref, f"{column.header}是公式（{cell_shown(raw)}）；请直接填写内容")
                continue
            value = getattr(self, f"_{column.key}", self._text)(raw, ref, column.header)
            if value is not None:
                values[column.key] = value
        if len(self.problems) > before:
            return None
        return Expert(**{k: values.get(k, "") for k in FIELDS if k not in ("senior_title", "years", "status")},
                      senior_title=values["senior_title"], years=values["years"],
                      status=values.get("status", ""))

    def _text(self, raw: Any, ref: str, header: str, limit: int = MAX_NAME_CHARS) -> str | None:
        from ..sheets.xlsx import _number_from_cell
        if isinstance(raw, (datetime, date, time, timedelta)) or isinstance(raw, bool):
            self.problem(ref, f"{header}应为文字，实际为“{cell_shown(raw)}”")
            return None
        if isinstance(raw, (int, float)):
            number = _number_from_cell(raw)  # a phone number typed as a number
            if number is None:
                self.problem(ref, f"{header}应为文字，实际为“{cell_shown(raw)}”")
                return None
            raw = str(number)
        text = _SPACE.sub(" ", str(raw)).strip()
        if len(text) > limit:
            self.problem(ref, f"{header}过长（{len(text)} 个字符，最多 {limit} 个）")
            return None
        bad = [c for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co")]
        if bad:
            self.problem(ref, f"{header}含不可见的控制字符（U+{ord(bad[0]):04X}）")
            return None
        return text

    def _field(self, raw: Any, ref: str, header: str) -> str | None:
        return self._text(raw, ref, header, MAX_FIELD_CHARS)

    def _category(self, raw: Any, ref: str, header: str) -> str | None:
        text = self._text(raw, ref, header)
        if text is None:
            return None
        value = normalise(text)
        if value == "相关行业专家":
            value = "行业专家"
        if value not in CATEGORIES:
            self.problem(ref, f"{header}应为 {' / '.join(CATEGORIES)} 之一，实际为“{cell_shown(raw)}”")
            return None
        return value

    def _status(self, raw: Any, ref: str, header: str) -> str | None:
        text = self._text(raw, ref, header)
        if text is None:
            return None
        if normalise(text) not in STATUSES:
            self.problem(ref, f"{header}应为 {' / '.join(STATUSES)} 之一，实际为“{cell_shown(raw)}”")
            return None
        return normalise(text)

    def _senior_title(self, raw: Any, ref: str, header: str) -> bool | None:
        from ..sheets.xlsx import FALSE_WORDS, TRUE_WORDS
        if isinstance(raw, bool):
            return raw
        word = normalise(str(raw)) if isinstance(raw, (str, int)) else None
        if word in TRUE_WORDS or word == "有":
            return True
        if word in FALSE_WORDS or word == "无":
            return False
        self.problem(ref, f"{header}应为“是”或“否”，实际为“{cell_shown(raw)}”")
        return None

    def _years(self, raw: Any, ref: str, header: str) -> int | None:
        from ..sheets.xlsx import _number_from_cell, _parse_number
        number: Any = None
        if isinstance(raw, str):
            text = normalise(raw).removesuffix("年")
            number = _parse_number(text) if len(text) <= 10 else None
        elif not isinstance(raw, (bool, datetime, date, time, timedelta)):
            number = _number_from_cell(raw)
        if number is None or number != int(number):
            self.problem(ref, f"{header}应为整数（年），实际为“{cell_shown(raw)}”")
            return None
        if not 0 <= number <= MAX_YEARS:
            self.problem(ref, f"{header}应在 0 至 {MAX_YEARS} 年之间，实际为 {number}")
            return None
        return int(number)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


# --- the library file -------------------------------------------------------------------------------

class Library:
    """An open expert library file."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn, self.path = conn, path

    @property
    def library_id(self) -> str:
        return self.conn.execute("SELECT value FROM meta WHERE key = 'library_id'").fetchone()[0]

    def experts(self) -> list[Expert]:
        rows = self.conn.execute(f"SELECT {', '.join(FIELDS)} FROM expert ORDER BY position").fetchall()
        return [_expert(row) for row in rows]

    def log(self) -> list[changelog.Change]:
        return changelog.read(self.conn)

    def check(self) -> list[str]:
        """Problems with the change log and with expert rows that differ from what the log last recorded."""
        head = self.conn.execute("SELECT value FROM meta WHERE key = 'log_head'").fetchone()
        problems = changelog.verify_chain(self.conn, _genesis_id(self.library_id), head[0] if head else None)
        logged: dict[str, dict | None] = {}
        for change in self.log():
            if change.entity == "expert":
                logged[change.key] = change.new
        current = {e.key: e.record() for e in self.experts()}
        for key, record in current.items():
            if logged.get(key) != record:
                problems.append(f"专家 {record['name']}（{record['org']}）的记录与修改记录不符，可能被直接改动")
        for key in set(logged) - set(current):
            problems.append(f"修改记录中的专家 {(logged[key] or {}).get('name', key)} 在专家库中已不存在")
        return problems

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _expert(row: tuple) -> Expert:
    values = dict(zip(FIELDS, row, strict=True))
    values["senior_title"] = bool(values["senior_title"])
    return Expert(**values)


def _genesis_id(library_id: str) -> str:
    return f"expert-library:{library_id}"


def _library_error(err: sqlite3.Error, path: Path) -> UserError:
    code = (getattr(err, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
        return UserError(f"{path} 不是专家库文件，或文件已损坏")
    if code in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
        return UserError(f"专家库 {path} 正被其他程序使用；请稍后重试")
    if code == 13:
        return UserError(f"磁盘空间不足，无法写入专家库 {path}；这次导入没有保存")
    if code in (3, 8):
        return UserError(f"专家库 {path} 是只读的，不能写入；请复制到可写的文件夹后再导入")
    return UserError(f"专家库 {path} 操作失败：{err}")


def open_library(path: str | os.PathLike[str], read_only: bool = True) -> Library:
    """Open an existing library; UserError when it is missing, not a library, newer, or damaged."""
    where = Path(path)
    if not where.is_file():
        raise UserError(f"找不到专家库文件：{where}")
    try:
        if read_only:
            uri = where.resolve().as_uri()
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=5.0)
            conn.execute("PRAGMA query_only = ON")
        else:
            conn = sqlite3.connect(os.fspath(where), isolation_level=None, timeout=5.0)
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as err:
        raise _library_error(err, where) from None
    try:
        _check_file(conn, where, read_only)
        if not read_only:
            _migrate(conn, where)
    except BaseException:
        conn.close()
        raise
    return Library(conn, where)


def _check_file(conn: sqlite3.Connection, where: Path, read_only: bool) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise UserError(f"{where} 不是专家库文件（专家库由 evaluator-app library import 生成）")
        if version > LATEST_VERSION:
            raise UserError(f"专家库 {where} 由更新版本的程序创建（格式版本 {version}），请升级程序后再打开")
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(20)")]
    except sqlite3.Error as err:
        raise _library_error(err, where) from None
    if problems != ["ok"]:
        raise UserError(f"专家库 {where} 未通过完整性检查（{problems[0]}）")
    if read_only and version < LATEST_VERSION:
        raise UserError(f"专家库 {where} 由旧版本创建，请先用 library import 更新一次")


def _migrate(conn: sqlite3.Connection, where: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for step in range(version, LATEST_VERSION):
        with _transaction(conn, where):
            if step == 0:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for statement in _statements(MIGRATIONS[step]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step + 1}")


def _statements(script: str) -> list[str]:
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return statements


@contextmanager
def _transaction(conn: sqlite3.Connection, where: Path) -> Iterator[None]:
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as err:
        raise _library_error(err, where) from None
    try:
        yield
        conn.execute("COMMIT")
    except sqlite3.Error as err:
        conn.execute("ROLLBACK")
        raise _library_error(err, where) from None
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def import_file(library: str | os.PathLike[str], source: str | os.PathLike[str],
                actor: str = "library-import") -> ImportReport:
    """Read `source` whole (refused with every problem, nothing written), then create the library or update it
    in one transaction. A new library is built beside the target and linked into place when complete."""
    from ..fileio import fsync_dir, sweep_stale_temps
    from ..services.files import _link_into_place

    rows = read_experts(source)
    target = Path(library)
    report = ImportReport(Path(source).name, rows=len(rows))
    if target.exists():
        with open_library(target, read_only=False) as lib:
            _apply(lib, rows, report, actor)
        return report
    if not target.parent.is_dir():
        raise UserError(f"找不到文件夹：{target.parent}")
    sweep_stale_temps(target.parent)
    partial = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.evaluator-tmp")
    try:
        try:
            conn = sqlite3.connect(os.fspath(partial), isolation_level=None)
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as err:
            raise _library_error(err, target) from None
        with Library(conn, partial) as lib:
            _migrate(conn, partial)
            with _transaction(conn, partial):
                conn.execute("INSERT INTO meta (key, value) VALUES ('format', ?), ('library_id', ?), "
                             "('created_at', ?)", (LIBRARY_FORMAT, secrets.token_hex(16), _now()))
            _apply(lib, rows, report, actor)
        report.created = True
        _link_into_place(partial, target)
        fsync_dir(target.parent)
    except OSError as err:
        raise UserError(describe_os_error(err, target)) from None
    finally:
        for suffix in ("", "-journal"):
            try:
                os.unlink(f"{partial}{suffix}")
            except OSError:
                pass
    return report


def _apply(lib: Library, rows: list[tuple[int, Expert, set[str]]], report: ImportReport, actor: str) -> None:
    conn, at = lib.conn, _now()
    with _transaction(conn, lib.path):
        head_row = conn.execute("SELECT value FROM meta WHERE key = 'log_head'").fetchone()
        head = head_row[0] if head_row else changelog.genesis_hash(_genesis_id(lib.library_id))
        existing = {e.key: e for e in lib.experts()}
        position = conn.execute("SELECT coalesce(max(position), 0) FROM expert").fetchone()[0]
        for number, expert, present in rows:
            reason = f"导入 {report.source} 第 {number} 行"
            old = existing.get(expert.key)
            if old is None:
                new = _with_status(expert, expert.status or IN_LIBRARY)
                position += 1
                conn.execute(f"INSERT INTO expert ({', '.join(FIELDS)}, key, position, updated_at) "
                             f"VALUES ({', '.join('?' * (len(FIELDS) + 3))})",
                             (*_values(new), new.key, position, at))
                head = changelog.append(conn, head, at, actor, "add", "expert", new.key, None, new.record(), reason)
                report.added.append(new.name)
                continue
            status = expert.status if "status" in present and expert.status else old.status
            fields_changed = _with_status(expert, old.status) != old
            if not fields_changed and status == old.status:
                report.unchanged += 1
                continue
            current = old
            if fields_changed:
                current = _with_status(expert, old.status)
                _store(conn, current, at)
                head = changelog.append(conn, head, at, actor, "update", "expert", old.key, old.record(),
                                        current.record(), reason)
                report.updated.append(expert.name)
            if status != old.status:
                changed = _with_status(current, status)
                _store(conn, changed, at)
                action = "suspend" if status == SUSPENDED else "reinstate"
                head = changelog.append(conn, head, at, actor, action, "expert", old.key, current.record(),
                                        changed.record(), reason)
                (report.suspended if status == SUSPENDED else report.reinstated).append(expert.name)
        conn.execute("INSERT INTO meta (key, value) VALUES ('log_head', ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (head,))


def _with_status(expert: Expert, status: str) -> Expert:
    return Expert(**{**expert.record(), "status": status})


def _values(expert: Expert) -> tuple:
    record = expert.record()
    record["senior_title"] = int(record["senior_title"])
    return tuple(record[k] for k in FIELDS)


def _store(conn: sqlite3.Connection, expert: Expert, at: str) -> None:
    assignments = ", ".join(f"{k} = ?" for k in FIELDS)
    conn.execute(f"UPDATE expert SET {assignments}, updated_at = ? WHERE key = ?", (*_values(expert), at, expert.key))


def listing(lib: Library) -> dict:
    """The library as JSON: every expert with whether they meet 第二十八条, and the log's state."""
    experts = []
    for expert in lib.experts():
        shortfalls = expert.shortfalls()
        experts.append({"key": expert.key, **expert.record(), "qualified": not shortfalls,
                        "shortfalls": shortfalls})
    return {"format": LIBRARY_FORMAT, "library_id": lib.library_id, "experts": experts,
            "log_entries": len(lib.log()), "problems": lib.check()}
