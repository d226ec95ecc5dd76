# %% [markdown]
# # 实验：现代的学习率调度
#
# 这个笔记本是“现代的学习率调度”一章的动手实验：先画出几种调度，改一改参数看曲线怎样变化；再在同一个小网络上比较不同的调度。

# %% [markdown]
# ## 画出调度曲线
#
# 修改 `total` 或各个调度的参数，重新运行。

# %%
--8<-- "schedules/lab_plot_schedules.py"

# %% [markdown]
# ## 在小网络上比较
#
# 同一份数据、同样的初始权重，只改变学习率调度。试着把 `schedules` 里的 0.3 改成 0.2 或 0.5。

# %%
--8<-- "schedules/compare_schedules.py"
