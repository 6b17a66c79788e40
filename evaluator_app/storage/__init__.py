"""The evaluation file: one SQLite database per evaluation, versioned, logged, backed up."""
