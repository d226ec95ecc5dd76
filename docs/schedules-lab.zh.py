# %% [markdown]
# # 实验：现代的学习率调度
#
# 这个笔记本是“现代的学习率调度”一章的动手实验：先画出几种调度，改一改参数看曲线怎样变化；再用纯 Python 的公式逐步核对 TensorFlow 的调度。在小网络上比较调度的代码（`compare_schedules.py`）要把网络训练四遍，所以没有放进这个笔记本，可以从本章页面复制到新的单元中运行。除了重新设置随机种子（`tf.keras.utils.set_random_seed`），它不会改动 TensorFlow 或 Matplotlib 的任何全局设置，笔记本的其余部分照常可用。

# %% [markdown]
# ## 画出调度曲线
#
# 修改 `total` 或各个调度的参数，重新运行。

# %% alt="折线图：横轴是步数（0 到 1000），纵轴是学习率。余弦衰减从 0.1 沿余弦曲线降到 0；预热加余弦先在前 100 步从 0 直线升到 0.1，再沿余弦曲线降到 0；幂为 1 的多项式衰减从 0.1 沿直线降到 0。"
--8<-- "schedules/lab_plot_schedules.py"

# %% [markdown]
# ## 与公式逐步核对
#
# 每种调度在第 0 到 1500 步都与纯 Python 的公式比较。试着改动某个公式（比如余弦的 `alpha`），看看输出怎样变成 `DIFFER`。

# %%
--8<-- "schedules/check_reference.py"
