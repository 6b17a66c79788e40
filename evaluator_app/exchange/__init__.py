"""The evaluation exchange JSON (`evaluator-evaluation/1`) and the `summary --json` report."""
