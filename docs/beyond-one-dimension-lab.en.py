# %% [markdown]
# # Lab: curvature, momentum and Adam
#
# This notebook is the hands-on lab of the chapter "More than one dimension": run gradient descent on a bowl whose two axes curve differently, watch plain gradient descent and the heavy ball find their way over its contours, then set Adam loose on the same bowls. Only the first code cell uses TensorFlow; the other two write the optimisers' updates in numpy, in the forms the chapter checks against Keras, so they run in an instant. The chapter's other examples (`momentum_limits.py` or `adam_warmup.py`, say) can be copied into a new cell; they change no global setting of TensorFlow or Matplotlib.

# %% [markdown]
# ## The steep direction limits the rate
#
# Keras's `SGD` on the loss (κ w1² + w2²)/2. The first three runs use the best constant rate 2/(κ + 1): the steps they need grow about like κ. The last two take κ = 10 and sit on either side of the limit 2/λ_max = 0.2: at 0.21 the steep direction w1 diverges, while the flat direction w2 still converges. Change the rates in the line `runs += ...`: try 0.2 exactly, where the factor on w1 is −1.00, or add a κ of your own.

# %%
--8<-- "beyond-one-dimension/gd_condition.py"

# %% [markdown]
# ## Gradient descent and the heavy ball on the contours
#
# Left, the paths from w = (1, 1) over the contours of the loss; right, the distance to the minimum at each step, on a log scale. At a rate of 0.18 gradient descent zigzags back and forth along the steep direction w1 and creeps along the flat direction w2; the heavy ball with β = 0.27 starts the same way but reaches the minimum much sooner. Change `beta` to 0 (the heavy ball becomes gradient descent) or to 0.9 (it rings: it swings back and forth around the minimum for a long time). Then set `lr` to 0.21: gradient descent diverges, but the heavy ball still converges, because its limit is 2(1 + β)/κ; both limits are printed under the figure. Try `kappa = 100.0` with `lr = 0.018` as well, below the new limits: after 40 steps both are still far from the minimum, held back by the flat direction. The same two runs open in the chapter's explorer in two dimensions (the preset under `lab_paths.py`), where the rate and β can be changed with the mouse and every update stepped through.

# %% alt="Two panels under one legend: gradient descent (GD) and the heavy ball, both at lr = 0.18, the heavy ball with β = 0.27. Left: their paths from w = (1, 1) over grey elliptical contours of the loss, w1 across (−1.5 to 1.5, steep, λ = κ = 10), w2 up (−1 to 1.5, flat, λ = 1), a cross at the minimum (0, 0). Both first jump to (−0.8, 0.82). GD then zigzags left and right, w1 changing sign at every step, each swing 0.8 times the one before, while creeping down w2; the heavy ball swings much less after that (|w1| at most 0.16) and goes down almost straight to the minimum. Right: the distance to the minimum on a log scale (1e−06 to 1e+00) against the step (0 to 40): both fall from 1.4 along nearly straight lines, the heavy ball's steeper; at step 40 GD is at about 4e−4 and the heavy ball at about 1.5e−6."
--8<-- "beyond-one-dimension/lab_paths.py"

# %% [markdown]
# ## Adam on the same bowls
#
# Adam written in numpy as Keras updates it, at a rate of 0.1, on the loss scale·(κ u1² + u2²)/2. The last line says from which step on the loss stays below a millionth of its start. While the axes u lie along w, Adam's steps do not depend on the curvature or on the loss's scale: change `kappa` to 1000, or `scale` to 1000, and that step is still 123. Turn the axes by 45 degrees (`turned = True`) and raise `kappa` to 100 or 1000: now Adam slows down too, more as κ grows. A tiny loss (`scale = 1e-6`) starts with gradients of only 1e-5 and 1e-6, so √v (about 3e-7 and 3e-8) is no longer large next to Adam's ε = 1e-7, so the first moves get shorter, most of all along the flat direction. This run, as the cell opens, is also a preset of the explorer in two dimensions (under `lab_adam.py`).

# %%
--8<-- "beyond-one-dimension/lab_adam.py"
