# %% [markdown]
# # Lab: the learning rate in Keras training
#
# This notebook is the hands-on lab of the chapter on the learning rate in Keras training: count `decay_steps` in steps, watch the rate of every step beside the loss, let a callback lower the rate on a plateau, resume a training where it stopped, and race one-cycle and warmup–stable–decay against cosine decay. Every cell builds the chapter's data and network itself, so each can be run on its own; none changes a global setting of TensorFlow, Keras or Matplotlib.

# %% [markdown]
# ## decay_steps counts steps
#
# The same cosine decay with `decay_steps` counted in steps and, by mistake, in epochs. Change `epochs`, or the batch size in `data`, and see how the right `decay_steps` follows.

# %%
--8<-- "keras-training/steps_not_epochs.py"

# %% [markdown]
# ## The rate of every step, beside the loss
#
# A callback reads the rate before each step and the loss on all 256 points after it, and TensorBoard's event file is read back without a server. The block saves its figure as `rate_and_loss.svg`. Try another schedule, for example `keras.optimizers.schedules.CosineDecay(0.1, 24)`, or a float such as `0.05`.

# %%
--8<-- "keras-training/see_rate.py"

# %% [markdown]
# ## Lowering the rate on a plateau
#
# `ReduceLROnPlateau` halves the rate after two epochs without an improvement of the validation loss by more than `min_delta`. Change `patience`, `factor` or `min_delta`.

# %%
--8<-- "keras-training/plateau.py"

# %% [markdown]
# ## Resuming
#
# A model saved and loaded goes on with its schedule; a copy of its weights starts the schedule again. Change the number of epochs before the stop.

# %%
--8<-- "keras-training/resume.py"

# %% [markdown]
# ## One-cycle, WSD and cosine
#
# The chapter's two schedule classes, trained beside Keras's cosine decay. Change `peak`, the cooldown length of `WarmupStableDecay` (24 steps here), or `pct` of `OneCycle`.

# %%
--8<-- "keras-training/schedules_compared.py"
