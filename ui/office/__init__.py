"""The provincial office's window (`evaluator-app office [DIR]`): the register of received packages, the
专家库 with the random draw, and the trust list. Widgets only; the rules are in evaluator_app.office and
evaluator_app.signing."""
