"""Refresh resources/translations/evaluator_en.ts from the sources and build evaluator_en.qm.

    .venv/bin/python scripts/update_translations.py           # update the .ts, then build the .qm
    .venv/bin/python scripts/update_translations.py --check   # exit 1 if the .ts is out of date or unfinished
    .venv/bin/python scripts/update_translations.py --drop-vanished   # also forget texts gone from the sources

What is translated (context "evaluator", the Chinese text is the source):
  * every `tr("literal")` and `N_("literal")` in ui/ (found with `ast`, so nothing is run);
  * the terms the core package hands to the interface (step titles, kinds, member categories and
    roles, statuses, report topics, …), listed in `core_strings()` straight from evaluator_app.

Existing translations are kept; new texts are added as unfinished (Qt Linguist shows them to the
translator); texts no longer in the sources are kept as "vanished" so nothing typed is lost, and
are not built into the .qm. `tr()` with an f-string or a concatenation is refused: translate the
whole sentence with named placeholders, `tr("评估组 {n} 人").format(n=size)`.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONTEXT = "evaluator"
TS_FILE = ROOT / "resources" / "translations" / "evaluator_en.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
MARKERS = ("tr", "N_")


@dataclass
class Entry:
    source: str
    comment: str = ""  # tr()'s disambiguation: one Chinese text with two meanings
    locations: list[tuple[str, int | None]] = field(default_factory=list)
    note: str = ""  # shown to the translator (extracomment)


class SourceError(Exception):
    pass


# -- collecting -------------------------------------------------------------------------------------
def ui_strings(folder: Path = ROOT / "ui") -> tuple[dict[str, Entry], list[str]]:
    """Every literal passed to tr()/N_() under `folder` (keyed by text and disambiguation), and the calls
    that are not translatable as written."""
    entries: dict[tuple[str, str], Entry] = {}
    problems: list[str] = []
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) in MARKERS and node.args):
                continue
            arg = node.args[0]
            comment = node.args[1] if len(node.args) > 1 else None
            if comment is not None and not (isinstance(comment, ast.Constant) and isinstance(comment.value, str)):
                problems.append(f"{relative}:{node.lineno}: the disambiguation of tr() must be a literal string")
                continue
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                key = (arg.value, comment.value if comment is not None else "")
                entries.setdefault(key, Entry(*key)).locations.append((relative, node.lineno))
            elif isinstance(arg, (ast.JoinedStr, ast.BinOp)) or node.func.id == "N_":
                problems.append(f"{relative}:{node.lineno}: {node.func.id}() needs one literal string "
                                f"(whole sentence, named placeholders, .format() afterwards)")
    for entry in entries.values():
        entry.locations.sort(key=lambda location: (location[0], location[1] or 0))
    ordered = sorted(entries.values(), key=lambda entry: (entry.locations[0][0], entry.locations[0][1] or 0))
    return {(entry.source, entry.comment): entry for entry in ordered}, problems


def core_strings() -> dict[str, str]:
    """Terms the core package hands to the interface, shown there through tr(value): text -> where from."""
    from evaluator_app.domain import scoring, workflow
    from evaluator_app.domain.evaluation import (
        PILOT_FIELDS,
        RECUSAL_QUESTIONS,
        RESPONDENT_TYPES,
        Kind,
        MemberCategory,
        Role,
        Selection,
    )
    from evaluator_app.domain.sheet import UNKNOWN_ANSWER
    from evaluator_app.domain.steps import ON_SITE_STEPS, REINSPECTION_STEPS
    from evaluator_app.errors import LOCKED_WORDING
    from evaluator_app.paths import default_sheet_path
    from evaluator_app.presentation import WORDING
    from evaluator_app.sheets.load import load_sheet_file
    from evaluator_app.signing.records import PURPOSE_LABELS
    from evaluator_app.sync.labels import VALUE_WORDING

    found: dict[str, str] = {}

    def add(values, note: str) -> None:
        for value in values:
            if value:
                found.setdefault(value, note)

    for step in (*ON_SITE_STEPS, *REINSPECTION_STEPS):
        add((step.title,), "step title (evaluator_app/domain/steps.py)")
        add((step.short,), "step name in the step list, keep it short (evaluator_app/domain/steps.py)")
        add((step.article,), "article of the 细则 a step follows (evaluator_app/domain/steps.py)")
    add((k.value for k in Kind), "kind of evaluation (evaluator_app/domain/evaluation.py)")
    add((c.value for c in MemberCategory), "member category (evaluator_app/domain/evaluation.py)")
    add((r.value for r in Role), "member role (evaluator_app/domain/evaluation.py)")
    add((s.value for s in Selection), "how a member was selected (evaluator_app/domain/evaluation.py)")
    add(RESPONDENT_TYPES, "survey respondent type (evaluator_app/domain/evaluation.py)")
    add(PILOT_FIELDS.values(), "field of the pilot form (evaluator_app/domain/evaluation.py)")
    add(RECUSAL_QUESTIONS.values(), "conflict-of-interest question (evaluator_app/domain/evaluation.py)")
    add((workflow.NOT_STARTED, workflow.IN_PROGRESS, workflow.DONE), "step status (evaluator_app/domain/workflow.py)")
    add(workflow.CHECK_STATUSES, "checklist result (evaluator_app/domain/workflow.py)")
    add(workflow.REPORT_TOPICS, "topic of the pilot's summary report (evaluator_app/domain/workflow.py)")
    add((scoring.PASS, scoring.FAIL, scoring.PROGRESS_GOOD, scoring.PROGRESS_NORMAL, scoring.PROGRESS_LATE),
        "result of an evaluation (evaluator_app/domain/scoring.py)")
    add(WORDING, "result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} "
                 "(evaluator_app/presentation.py)")
    add((UNKNOWN_ANSWER,), "survey answer (evaluator_app/domain/sheet.py)")
    add(VALUE_WORDING, "a merged record's value in the conflict dialog; keep the {placeholders} "
                       "(evaluator_app/sync/labels.py)")
    add(LOCKED_WORDING, "refusal of an edit to a signed evaluation; keep the {placeholders} (evaluator_app/errors.py)")
    add(PURPOSE_LABELS.values(), "what a signature confirms (evaluator_app/signing/records.py)")
    survey = load_sheet_file(default_sheet_path()).survey
    if survey is not None:
        add(survey.labels, "satisfaction level of the default score sheet (scoring_sheets/)")
    return found


def collect() -> tuple[list[Entry], list[str]]:
    entries, problems = ui_strings()
    for text, note in core_strings().items():
        entry = entries.setdefault((text, ""), Entry(text))
        entry.note = note
    return list(entries.values()), problems


# -- the .ts file -----------------------------------------------------------------------------------
def read_ts(path: Path = TS_FILE) -> dict[tuple[str, str], tuple[str, str]]:
    """(source, comment) -> (translation, type); type is "" (finished), "unfinished", "vanished" or "obsolete"."""
    if not path.exists():
        return {}
    known: dict[str, tuple[str, str]] = {}
    for context in ET.parse(path).getroot().iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text if translation is not None and translation.text else ""
            kind = translation.get("type", "") if translation is not None else "unfinished"
            known[(message.findtext("source") or "", message.findtext("comment") or "")] = (text, kind)
    return known


def write_ts(entries: list[Entry], known: dict[tuple[str, str], tuple[str, str]], path: Path = TS_FILE
             ) -> dict[str, int]:
    root = ET.Element("TS", version="2.1", language="en_US", sourcelanguage="zh_CN")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    counts = {"finished": 0, "unfinished": 0, "vanished": 0}
    current = {(e.source, e.comment) for e in entries}

    def message(key: tuple[str, str], translation: str, kind: str, entry: Entry | None) -> None:
        source, comment = key
        element = ET.SubElement(context, "message")
        for filename, line in (entry.locations if entry else []):
            location = ET.SubElement(element, "location", filename=os.path.relpath(ROOT / filename, path.parent))
            if line is not None:
                location.set("line", str(line))
        ET.SubElement(element, "source").text = source
        if comment:
            ET.SubElement(element, "comment").text = comment
        if entry is not None and entry.note:
            ET.SubElement(element, "extracomment").text = entry.note
        node = ET.SubElement(element, "translation")
        if translation:
            node.text = translation
        if kind:
            node.set("type", kind)

    for entry in entries:
        key = (entry.source, entry.comment)
        translation, kind = known.get(key, ("", "unfinished"))
        if kind in ("vanished", "obsolete"):  # back in the sources: the old translation is offered, to be checked
            kind = "unfinished"
        if not translation:
            kind = "unfinished"
        message(key, translation, kind, entry)
        counts["unfinished" if kind else "finished"] += 1
    for key, (translation, _kind) in known.items():
        if key not in current and translation:
            message(key, translation, "vanished", None)
            counts["vanished"] += 1
    ET.indent(root, space="    ")
    text = ET.tostring(root, encoding="unicode")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + text + "\n", encoding="utf-8")
    return counts


def lrelease() -> Path:
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    subprocess.run([tool, str(TS_FILE), "-qm", str(QM_FILE)], check=True)
    return QM_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a text is missing from the .ts or not translated")
    parser.add_argument("--no-build", action="store_true", help="update the .ts only")
    parser.add_argument("--drop-vanished", action="store_true",
                        help="forget the translations of texts that are no longer in the sources")
    args = parser.parse_args(argv)
    entries, problems = collect()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    known = read_ts()
    if args.check:
        missing = [e.source for e in entries
                   if known.get((e.source, e.comment), ("", "unfinished"))[1] or not known[(e.source, e.comment)][0]]
        for source in missing:
            print(f"not translated: {source!r}", file=sys.stderr)
        return 1 if missing else 0
    if args.drop_vanished:
        current = {(e.source, e.comment) for e in entries}
        known = {key: value for key, value in known.items() if key in current}
    counts = write_ts(entries, known)
    print(f"{TS_FILE.relative_to(ROOT)}: {counts['finished']} finished, {counts['unfinished']} unfinished, "
          f"{counts['vanished']} vanished")
    if not args.no_build:
        print(f"built {lrelease().relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
