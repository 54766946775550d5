"""Plain-language explanations of a learner's errors (placeholder: filled in by the explain feature)."""


def explain(exc, stopped=False):
    return None
