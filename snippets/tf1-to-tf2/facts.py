"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

from sitegate.facts import decay_run, decayed, gradient_descent


def facts() -> dict[str, float]:
    """Chapter ``tf1-to-tf2``: reading the course's output correctly."""
    ws = decay_run()
    return {
        "w1": ws[1],  # after the first update of the decayed run
        "w3_course": gradient_descent(5.0, 0.2, 3)[
            -1
        ],  # the update-rule lesson's row 4
        "gs_after_9": 9 + 1,  # line i is printed after update i + 1
        "lr9": decayed(9),  # the rate update 10 used
        "lr1": decayed(1),
        "loss0": (5.0 + 1) ** 2,  # the loss before the first update
    }
