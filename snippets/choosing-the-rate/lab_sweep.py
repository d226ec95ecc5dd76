# Sweep the learning rate: distance |w + 1| left after 40 updates from w = 5.
import numpy as np

rates = np.array([1e-4, 1e-3, 1e-2, 0.1, 0.2, 0.5, 0.9, 0.99, 1.0, 1.01, 1.2])
distance = np.abs((5.0 + 1) * (1 - 2 * rates) ** 40)  # closed form

for lr, d in zip(rates, distance):
    verdict = "converges" if d < 6 else "does not converge"
    print(f"lr = {lr:<7g} |w40 + 1| = {d:12.6g}  {verdict}")
