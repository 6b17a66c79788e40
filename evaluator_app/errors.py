"""Expected errors: each carries a message in Chinese that names what is wrong and where.

Bugs are plain exceptions; the command line and the GUI turn these into messages, never tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """An error the user can act on. `str(err)` is the full Chinese message."""

    exit_code = 2


@dataclass
class Problem:
    """One problem found in a document, located by a JSON path such as `panel[3].category`."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}：{self.message}" if self.path else self.message


class FormatError(UserError):
    """A document (sheet, evaluation exchange, workbook) that does not follow its format."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = list(problems)
        lines = [f"{source} 格式错误（{len(self.problems)} 处）："]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class StoreError(UserError):
    """The evaluation file cannot be opened or written (locked, read-only, disk full, corrupt)."""


class CorruptFileError(StoreError):
    """The evaluation file failed its integrity check."""


class LockedError(UserError):
    """The evaluation is signed and locked; edits are refused. The message is a template with values, so the
    window can say it in the interface language."""

    def __init__(self, template: str, **values: str):
        self.template, self.values = template, values
        super().__init__(template.format(**values))


LOCKED_EDIT = "评估文件 {name} 已全体签字并锁定，不能修改；如确需修改，须由组长填写理由解锁"
LOCKED_SIGN = "评估已全体签字并锁定，不能再签字；如确需重新签字，须由组长填写理由解锁"
LOCKED_WORDING = (LOCKED_EDIT, LOCKED_SIGN)


class FileInUseError(StoreError):
    """Another window or program has the evaluation file open for writing; only one may write at a time."""


class ReadOnlyError(UserError):
    """An edit through an evaluation file opened read-only; nothing was changed."""


class VerificationFailed(UserError):
    """A check found the file not as it was signed or sealed (exit code 1, not a usage error)."""

    exit_code = 1
