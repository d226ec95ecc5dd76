# %% [markdown]
# # 实验：学习率的选择
#
# 这个笔记本是第二章的动手实验：先重跑“过大”和“过小”两种情形，再把学习率从 0.0001 一直扫到 1.2，找出收敛与发散的分界。

# %% [markdown]
# ## 学习率过大与过小

# %%
--8<-- "choosing-the-rate/too_large.py"

# %%
--8<-- "choosing-the-rate/too_small.py"

# %% [markdown]
# ## 扫描学习率
#
# 用通项公式计算 40 次更新后 w 与 −1 的距离。注意 0.1 和 0.9、0.01 和 0.99 的结果完全相同：因子 1 − 2η 只差一个符号。

# %%
--8<-- "choosing-the-rate/lab_sweep.py"

# %% [markdown]
# ## 画出分界
#
# 横轴是学习率（对数刻度），纵轴是 40 次更新后的距离。红色虚线是上限 2/L = 1，超过它距离急剧增大。改一改 `steps` 看看曲线如何变化。

# %%
--8<-- "choosing-the-rate/lab_plot_sweep.py"
