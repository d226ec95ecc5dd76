# %% [markdown]
# # Lab: the learning rate and the update rule
#
# This notebook is the hands-on lab of the first chapter. Run the chapter's TensorFlow 2 code first, then change the learning rate and watch what the parameter w does. Every code cell can be edited and run again.

# %% [markdown]
# ## The chapter's code
#
# Three updates with `GradientTape` and `SGD`, learning rate 0.2: w goes from 5 to 2.6, 1.16 and 0.296.

# %%
--8<-- "learning-rate/update_rule_tf.py"

# %% [markdown]
# ## Try other learning rates
#
# Edit the `rates` list and compare the first five updates. Why does learning rate 0.5 reach −1 in one step?

# %%
--8<-- "learning-rate/lab_try_rates.py"

# %% [markdown]
# ## As a plot
#
# The same comparison as a line plot. The dotted line is the optimum w = −1.

# %% alt="Line plot: the update number n (0 to 10) across, w_n up. One line for each learning rate, 0.05, 0.2 and 0.5; all start at w = 5 and approach the dotted line w = −1, faster for a larger rate; with 0.5, w reaches −1 in one step and stays there."
--8<-- "learning-rate/lab_plot_steps.py"
