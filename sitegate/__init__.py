"""The machinery behind the gate: expand pages, run their blocks, read prose."""
