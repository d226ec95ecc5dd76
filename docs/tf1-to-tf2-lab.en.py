# %% [markdown]
# # Lab: from TF1 to TF2
#
# This notebook is the hands-on lab of the fourth chapter: run the course's TF1 script (on `tf.compat.v1`, in a graph of its own) next to the TF2 version and compare their output line by line; then see what reading before or after the update changes.
#
# The TF1 script uses graph mode only inside its own `tf.Graph`, so the TF2 cells after it still run eagerly.

# %% [markdown]
# ## The port of the course's script

# %%
--8<-- "tf1-to-tf2/course_tf1.py"

# %% [markdown]
# ## The TF2 version
#
# Word for word the same 40 lines as above.

# %%
--8<-- "exponential-decay/decay_training.py"

# %% [markdown]
# ## Read before or after
#
# Read the learning rate before the update and print the loss from `GradientTape`, and the output no longer matches the course.

# %%
--8<-- "tf1-to-tf2/loss_before_update.py"
