"""Scoring sheets (计分表): the JSON format, its validation, Excel authoring, the bundled sheets."""
