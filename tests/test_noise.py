"""sitegate.noise: the generator both explorers share with Python (the browser tests
compare the two bit for bit; these check the Python side on its own)."""

from __future__ import annotations

import re
import statistics

from sitegate.noise import Noise, normals
from sitegate.pages import snippet_root


def test_xoshiro128_starts_as_its_definition_says() -> None:
    """From the state (1, 2, 3, 4) the first output is rotl(2·5, 7)·9 = 1280·9 = 11520."""
    noise = Noise(0)
    noise.state = [1, 2, 3, 4]
    assert noise.next_u32() == 11520


def test_normals_have_mean_0_variance_1_and_stay_within_6() -> None:
    """Irwin–Hall(12) − 6: mean 0 and variance 1 (12 uniforms of variance 1/12 each)."""
    sample = normals(2026, 10_000)  # 0.15 s: the session's time counts
    assert all(-6 <= z <= 6 for z in sample)
    assert abs(statistics.fmean(sample)) < 0.05  # 5 standard errors of the mean
    assert abs(statistics.pvariance(sample) - 1) < 0.07  # 5.1 (Var z² = 1.9 here)


def test_seeds_give_different_streams_and_the_same_seed_the_same() -> None:
    assert normals(1, 100) == normals(1, 100)
    assert normals(1, 100) != normals(2, 100)
    assert normals(2**32 + 1, 10) == normals(1, 10)  # the seed is taken modulo 2**32


def test_the_chapters_write_out_the_same_generator() -> None:
    """noisy_steps.py and momentum_noise.py each write the generator out (a reader copies
    one file); the two copies are the same text, so one change cannot miss the other. That
    they give sitegate.noise's numbers is checked by the explorers' presets in the browser."""
    snippets = snippet_root()
    copies = {
        name: re.search(
            r"^MASK = .*?^    return out\n", (snippets / name).read_text("utf-8"), re.M | re.S
        )
        for name in ("gradient-noise/noisy_steps.py", "beyond-one-dimension/momentum_noise.py")
    }
    assert all(copies.values()), copies
    first, second = (match.group(0) for match in copies.values())
    assert first == second
