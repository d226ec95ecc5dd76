# %% [markdown]
# # Lab: gradient noise and decay
#
# This notebook is the hands-on lab of the chapter on gradient noise and decay: take a few noisy steps, watch single runs settle into their noise band, then race constant rates against schedules on the same noise. The chapter's mini-batch code (`minibatch_noise.py`) can be copied into a new cell; it changes no global setting of TensorFlow or Matplotlib.

# %% [markdown]
# ## A few noisy steps
#
# The course's bowl with noise added to each gradient. Change `sigma` to 0 and the course's steps come back.

# %%
--8<-- "gradient-noise/noisy_steps.py"

# %% [markdown]
# ## One run each, and its noise band
#
# One run per learning rate, with dashed lines at plus and minus the square root of its noise floor. A single run does not settle at a point: it keeps moving around 0, about two thirds of the time inside its band (the band is one standard deviation either side). The smaller rate takes longer to get there, and its band is narrower. Change `rates` or `sigma`.

# %% alt="Line plot: the step (0 to 300) across, w + 1 up, the axis cut at −1 and 2, with dashed lines at plus and minus the square root of each run's noise floor. The run with lr = 0.2 comes in from the top at step 3 and from then on jitters around 0, about two thirds of the time between its dashed lines at ±0.25. The run with lr = 0.02 comes in from the top at step 28, comes down along a smooth curve, first goes below 0 at step 120, and then stays mostly just above 0, between −0.05 and 0.17, about three quarters of the time inside its narrower dashed lines at about ±0.07."
--8<-- "gradient-noise/lab_one_run.py"

# %% [markdown]
# ## Constant rates against schedules
#
# The chapter's race. Add a column, for example `S.CosineDecay(0.2, 3000)`, or change a decay setting, and see where it ends after 3000 steps.

# %%
--8<-- "gradient-noise/decay_vs_constant.py"
