"""Schema versions of the evaluation file, applied forward with `PRAGMA user_version`.

Never edit a released step: add a new one. Each step runs in one transaction with the version bump.
"""

from __future__ import annotations

# An application id marks the file as ours ("EVAL" in ASCII).
APPLICATION_ID = 0x4556414C

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sheet (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    document TEXT NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE TABLE pilot_field (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE member (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    org TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    role TEXT NOT NULL,
    education TEXT NOT NULL DEFAULT '',
    senior_title INTEGER,
    years INTEGER,
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE score (
    id TEXT PRIMARY KEY,
    member_id TEXT REFERENCES member(id) ON DELETE CASCADE,  -- NULL: the panel's consensus score
    item TEXT NOT NULL,
    score TEXT,
    na INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX score_member_item ON score (coalesce(member_id, ''), item);
CREATE TABLE veto_decision (
    code TEXT PRIMARY KEY,
    confirmed INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE bonus_award (
    code TEXT PRIMARY KEY,
    score TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE override (
    item TEXT PRIMARY KEY,
    score TEXT NOT NULL,
    reason TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE sample (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    respondent_type TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    time TEXT NOT NULL DEFAULT '',
    collector TEXT REFERENCES member(id) ON DELETE SET NULL,
    answers TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    old TEXT,
    new TEXT,
    reason TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
"""

# Version 2: how members were chosen and their 回避 declarations, findings and suggestions,
# score revisions of the consensus round, and the record of each on-site step.
_V2 = """
ALTER TABLE member ADD COLUMN selection TEXT NOT NULL DEFAULT '';
ALTER TABLE member ADD COLUMN selection_record TEXT NOT NULL DEFAULT '';
ALTER TABLE member ADD COLUMN recusal TEXT;
ALTER TABLE member ADD COLUMN replaces TEXT NOT NULL DEFAULT '';
CREATE TABLE note (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('finding', 'suggestion')),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    item TEXT NOT NULL DEFAULT '',
    step INTEGER,
    extra TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE score_revision (
    id TEXT PRIMARY KEY,
    score_id TEXT NOT NULL REFERENCES score(id) ON DELETE CASCADE,
    old_score TEXT,
    new_score TEXT,
    reason TEXT NOT NULL,
    author TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE step_record (
    step INTEGER PRIMARY KEY,
    status TEXT NOT NULL DEFAULT '未开始',
    started_at TEXT NOT NULL DEFAULT '',
    finished_at TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2)
LATEST_VERSION = len(MIGRATIONS)
