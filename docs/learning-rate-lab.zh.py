# %% [markdown]
# # 实验：学习率与更新公式
#
# 这个笔记本是第一章的动手实验。先运行第一章的 TensorFlow 2 代码，再改动学习率，看看参数 w 的变化。每个代码单元都可以直接修改后重新运行。

# %% [markdown]
# ## 第一章的代码
#
# 用 `GradientTape` 和 `SGD` 做三次更新，学习率 0.2，w 从 5 变为 2.6、1.16、0.296。

# %%
--8<-- "learning-rate/update_rule_tf.py"

# %% [markdown]
# ## 换几个学习率试试
#
# 修改 `rates` 列表，比较前五次更新。学习率 0.5 为什么一步就到了 −1？

# %%
--8<-- "learning-rate/lab_try_rates.py"

# %% [markdown]
# ## 画出来
#
# 同样的比较画成折线图。点线是最优值 w = −1。

# %%
--8<-- "learning-rate/lab_plot_steps.py"
