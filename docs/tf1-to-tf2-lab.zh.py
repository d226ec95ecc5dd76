# %% [markdown]
# # 实验：从 TF1 到 TF2
#
# 这个笔记本是第四章的动手实验：把课程的 TF1 脚本（通过 `tf.compat.v1` 在独立的计算图中运行）和 TF2 的写法放在一起运行，逐行比较输出；再看看“先读还是后读”的差别。
#
# TF1 脚本只在自己的 `tf.Graph` 中使用图模式，所以之后的 TF2 单元照常即时执行。

# %% [markdown]
# ## 课程脚本的移植版

# %%
--8<-- "tf1-to-tf2/course_tf1.py"

# %% [markdown]
# ## TF2 的写法
#
# 与上面的 40 行逐字相同。

# %%
--8<-- "exponential-decay/decay_training.py"

# %% [markdown]
# ## 先读还是后读
#
# 在更新之前读取学习率、直接打印 `GradientTape` 里的损失，输出就与课程对不上。

# %%
--8<-- "tf1-to-tf2/loss_before_update.py"
