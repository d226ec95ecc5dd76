# %% [markdown]
# # Lab: learning-rate schedules today
#
# This notebook is the hands-on lab of the chapter on today's learning-rate schedules: plot a few schedules and change their settings to see how the curves move; then compare schedules on the same small network.

# %% [markdown]
# ## Plot the schedules
#
# Change `total` or the settings of each schedule and run again.

# %%
--8<-- "schedules/lab_plot_schedules.py"

# %% [markdown]
# ## Compared on a small network
#
# The same data and the same initial weights; only the schedule changes. Try replacing the 0.3 in `schedules` with 0.2 or 0.5.

# %%
--8<-- "schedules/compare_schedules.py"
