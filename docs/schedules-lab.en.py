# %% [markdown]
# # Lab: learning-rate schedules today
#
# This notebook is the hands-on lab of the chapter on today's learning-rate schedules: plot a few schedules and change their settings to see how the curves move; then check TensorFlow's schedules step by step against plain-Python formulas. The code comparing schedules on a small network (`compare_schedules.py`) trains the network four times, so it is not part of this notebook: copy it from the chapter into a new cell to run it. Apart from re-seeding the random generators (`tf.keras.utils.set_random_seed`), it changes no global setting of TensorFlow or Matplotlib, so the rest of the notebook keeps working as before.

# %% [markdown]
# ## Plot the schedules
#
# Change `total` or the settings of each schedule and run again.

# %% alt="Line plot: the step (0 to 1000) across, the learning rate up. Cosine decay falls from 0.1 to 0 along a cosine; warm-up plus cosine first rises in a straight line from 0 to 0.1 over the first 100 steps, then falls to 0 along a cosine; polynomial decay with power 1 falls from 0.1 to 0 in a straight line."
--8<-- "schedules/lab_plot_schedules.py"

# %% [markdown]
# ## Checked against the formulas
#
# Every schedule is compared with a plain-Python formula at each step from 0 to 1500. Try changing one formula (the cosine's `alpha`, say) and watch the output turn into `DIFFER`.

# %%
--8<-- "schedules/check_reference.py"
