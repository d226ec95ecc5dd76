"""The gradient noise of both explorers and of the chapters' code that they replay
(noisy_steps.py, momentum_noise.py): the same numbers in Python and in the browser.

xoshiro128** (Blackman and Vigna, 2018) on 32-bit words, its state filled by
splitmix32 from a seed; a normal-like number is the sum of 12 uniforms minus 6
(Irwin and Hall: mean 0, variance 1, within ±6). Every step is an integer
operation or a sum of multiples of 2**-32 below 12, exact in float64, so
docs/javascripts/explorer.js (Math.imul, >>> 0) gives the same bits: no
log, cos or sqrt, whose last bit differs between libraries.
"""

from __future__ import annotations

MASK = 0xFFFFFFFF


def _rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (32 - k))) & MASK


class Noise:
    """A stream of normal-like numbers from a 32-bit seed."""

    def __init__(self, seed: int) -> None:
        state, words = seed & MASK, []
        for _ in range(4):  # splitmix32
            state = (state + 0x9E3779B9) & MASK
            z = ((state ^ (state >> 16)) * 0x85EBCA6B) & MASK
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK
            words.append(z ^ (z >> 16))
        self.state = words

    def next_u32(self) -> int:
        """The next 32-bit output of xoshiro128**."""
        s = self.state
        result = (_rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 9) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 11)
        return result

    def normal(self) -> float:
        """Irwin–Hall: 12 uniforms k / 2**32, summed, minus 6."""
        total = 0.0
        for _ in range(12):
            total += self.next_u32() / 4294967296.0
        return total - 6.0


def normals(seed: int, count: int) -> list[float]:
    """The first ``count`` numbers of the stream for ``seed``."""
    noise = Noise(seed)
    return [noise.normal() for _ in range(count)]
