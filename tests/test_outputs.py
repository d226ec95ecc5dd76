"""Claims that link the outputs of different snippets.

Each recorded output is itself checked against a real run by test_snippets,
so comparing recorded outputs compares what the scripts print.
"""

from __future__ import annotations

from sitegate.pages import snippet_root


def test_tf1_port_prints_exactly_what_the_tf2_version_prints() -> None:
    """The course's script on tf.compat.v1 and the TF2 rewrite agree, all 40 lines."""
    tf1 = (snippet_root() / "tf1-to-tf2" / "course_tf1.out").read_text(encoding="utf-8")
    tf2 = (snippet_root() / "exponential-decay" / "decay_training.out").read_text(encoding="utf-8")
    assert len(tf1.splitlines()) == 40
    assert tf1 == tf2


def test_the_pitfall_differs_from_the_course_only_in_loss_and_rate() -> None:
    """The read-before rewrite has the course's w but other losses and rates."""
    course = (snippet_root() / "exponential-decay" / "decay_training.out").read_text()
    pitfall = (snippet_root() / "tf1-to-tf2" / "loss_before_update.out").read_text()
    for theirs, ours in zip(course.splitlines(), pitfall.splitlines(), strict=False):
        assert theirs.split(", learning rate")[0] == ours.split(", learning rate")[0]
        assert theirs != ours
