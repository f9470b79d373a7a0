"""Claims: a figure read with what it is said of, and checked against what its source states.

`read` turns a sentence into claims (entity, metric, period, direction, unit, value); `facts`
turns a cited source into the same shape (a tool's cells through their declared measures, an
article's sentences through `read`); `check` compares one claim with the facts of the sources
it cites: verified, contradicted (with the source's value) or unsupported.
"""
