# %% [markdown]
# # 实验：Keras 训练中的学习率
#
# 这是“Keras 训练中的学习率”一章的实验笔记本：按步数而不是轮数设定 `decay_steps`，把每一步的学习率和损失画在一起，让回调在平台期降低学习率，让训练从停下的地方接着走，再让单周期调度、预热–稳定–衰减和余弦衰减比一比。每个单元格都自己生成本章的数据、搭建本章的网络，可以单独运行；没有一个单元格会改动 TensorFlow、Keras 或 Matplotlib 的全局设置。

# %% [markdown]
# ## decay_steps 数的是步数
#
# 同一个余弦衰减，`decay_steps` 一次按步数算，一次误按轮数算。改一改 `epochs`，或者 `data` 里的批量大小，看正确的 `decay_steps` 怎样跟着变。

# %%
--8<-- "keras-training/steps_not_epochs.py"

# %% [markdown]
# ## 每一步的学习率，和损失画在一起
#
# 回调在每一步之前读出学习率，在每一步之后算出全部 256 个点上的损失；TensorBoard 的事件文件不用服务器就读了回来。这段代码把图存成 `rate_and_loss.svg`。换一个调度试试，比如 `keras.optimizers.schedules.CosineDecay(0.1, 24)`，或者一个浮点数，比如 `0.05`。

# %%
--8<-- "keras-training/see_rate.py"

# %% [markdown]
# ## 在平台期降低学习率
#
# 验证损失连续两轮没有比最好值低出 `min_delta` 以上，`ReduceLROnPlateau` 就把学习率减半。改一改 `patience`、`factor` 或 `min_delta`。

# %%
--8<-- "keras-training/plateau.py"

# %% [markdown]
# ## 断点续训
#
# 保存后再读入的模型，调度接着往下走；只复制权重的模型，调度从头开始。改一改中断之前训练的轮数。

# %%
--8<-- "keras-training/resume.py"

# %% [markdown]
# ## 单周期调度、WSD 与余弦衰减
#
# 本章的两个调度类，与 Keras 的余弦衰减并排训练。改一改 `peak`、`WarmupStableDecay` 的冷却步数（这里是 24 步），或者 `OneCycle` 的 `pct`。

# %%
--8<-- "keras-training/schedules_compared.py"
