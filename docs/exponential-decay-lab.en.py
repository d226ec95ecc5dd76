# %% [markdown]
# # Lab: exponential decay of the learning rate
#
# This notebook is the hands-on lab of the third chapter: run the course's 40-step training again, then compare other decay settings.

# %% [markdown]
# ## The course's 40 steps

# %%
--8<-- "exponential-decay/decay_training.py"

# %% [markdown]
# ## Comparing decay settings
#
# Each line is one setting (initial learning rate, decay rate, decay step, staircase or not), with w after 40 updates and the learning rate of the last update. With decay rate 0.9 and decay step 1 the rate decays too fast: w almost stops before it gets near −1. Edit `settings` to try other combinations.

# %%
--8<-- "exponential-decay/lab_decay_settings.py"

# %% [markdown]
# ## Learning-rate curves
#
# Staircase (solid) and smooth (dotted) decay for three decay rates. Change `decay_steps` and watch the width of the steps.

# %% alt="Line plot: global_step (0 to 100) across, the learning rate up, every line starting at 0.1 and falling. Two lines of one colour for each decay rate, 0.99, 0.95 and 0.9: a solid staircase that drops every 10 steps, and a dotted smooth curve through the left end of each stair. The smaller the rate, the faster the fall."
--8<-- "exponential-decay/lab_plot_decay.py"
