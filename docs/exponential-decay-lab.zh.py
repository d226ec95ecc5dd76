# %% [markdown]
# # 实验：指数衰减学习率
#
# 这个笔记本是第三章的动手实验：重跑课程的 40 步训练，再比较不同的衰减设置。

# %% [markdown]
# ## 课程的 40 步训练

# %%
--8<-- "exponential-decay/decay_training.py"

# %% [markdown]
# ## 比较衰减设置
#
# 每一行是一组（初始学习率, 衰减率, 衰减步长, 是否阶梯型），打印 40 次更新后的 w 和最后一次更新所用的学习率。衰减率 0.9、步长 1 时学习率衰减得太快，w 还没走到 −1 附近就几乎停住了。修改 `settings` 试试别的组合。

# %%
--8<-- "exponential-decay/lab_decay_settings.py"

# %% [markdown]
# ## 学习率曲线
#
# 三种衰减率下的阶梯型（实线）与平滑衰减（点线）。改变 `decay_steps` 看看台阶的宽度。

# %%
--8<-- "exponential-decay/lab_plot_decay.py"
