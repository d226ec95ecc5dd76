# %% [markdown]
# # Lab: choosing the learning rate
#
# This notebook is the hands-on lab of the second chapter: run the "too large" and "too small" cases again, then sweep the learning rate from 0.0001 all the way to 1.2 and find where convergence turns into divergence.

# %% [markdown]
# ## Too large and too small

# %%
--8<-- "choosing-the-rate/too_large.py"

# %%
--8<-- "choosing-the-rate/too_small.py"

# %% [markdown]
# ## Sweeping the learning rate
#
# The closed form gives the distance between w and −1 after 40 updates. Note that 0.1 and 0.9, or 0.01 and 0.99, give exactly the same result: their factors 1 − 2η differ only in sign.

# %%
--8<-- "choosing-the-rate/lab_sweep.py"

# %% [markdown]
# ## Where the boundary lies
#
# The learning rate on the horizontal axis (log scale), the distance after 40 updates on the vertical one. The red dashed line is the limit 2/L = 1; beyond it the distance explodes. Change `steps` and watch the curve.

# %% alt="Log-log plot: the learning rate η (0.0001 to 1.2) across, the distance |w40 + 1| after 40 updates up. For a tiny η the distance is close to the grey dotted line |w0 + 1| = 6; it falls as η grows, is lowest near 0.5, climbs back to 6 at the red dashed line η = 1 and shoots up beyond it."
--8<-- "choosing-the-rate/lab_plot_sweep.py"
