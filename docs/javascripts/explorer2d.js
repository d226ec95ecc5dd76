/* Two-dimensional explorer: gradient descent, heavy ball (Keras's SGD with momentum) and
 * Keras's Adam on the quadratic loss = wᵀHw / 2, whose Hessian H has the curvatures l1, l2
 * along axes turned by `angle` degrees, with seeded gradient noise; a second run, B, may be
 * drawn beside the first for comparison. Loaded only by the page that uses it, after
 * explorer.js, whose helpers it shares (window.lrExplorer.text), and adam-powers.js.
 *
 * Every operation is rounded to the chosen float type, in the order TensorFlow performs it,
 * and a result below the type's smallest normal number is flushed to zero as TensorFlow's
 * CPU kernels do on x86 (see arithmetic(); × is m, ÷ is q, a rounded sum is r):
 *   H    = [[a, b], [b, d]], each entry computed in double and rounded once by r
 *   g    = (r(a×w1 + b×w2), r(b×w1 + d×w2))                (the gradient Hw)
 *   loss = 0.5 × r(w1×g1 + w2×g2)                           (wᵀHw / 2)
 *   lr   = the rate rounded to float32 (Keras keeps it in a float32 variable); β also, as
 *          tf.cast makes a float32 tensor of a Python float before casting it
 *   SGD:       w = r(w − g×lr)
 *   momentum:  v = r(v×β − g×lr); w = r(w + v)              (SGD.update_step)
 *   Adam, at step t:                                         (Adam.update_step)
 *     α = (lr × r(√r(1 − β₂^t))) ÷ r(1 − β₁^t)    β^t from powers(): TensorFlow's pow
 *     m = r(m + r(g − m)×c₁); v = r(v + r(g×g − v)×c₂)   c = 1 − β in double, then the type
 *     w = r(w − (m×α) ÷ r(r(√v) + ε))                  ε rounded to the type; √ rounded
 *   Adam's weight decay wd > 0 (AdamW), first: w = r(w − (w×wd)×lr)   (_apply_weight_decay)
 *          wd through float32 as β; the gradient is the one taken before the decay; in a
 *          graph w − w×(wd×lr), in float32 w − w×((wd×η)×f) where lr = η×f (see descend())
 *   noise:     g = r(g + σ×r(z)), z from noise() below, w1's before w2's at each update
 * Nothing read from the address or the inputs is ever inserted as HTML.
 */
(() => {
  const f32 = Math.fround;
  const LIMITS = {
    curvatureMin: 0.000001,
    curvatureMax: 10000,
    lrMin: 0.00001,
    lrMax: 10,
    betaMax: 0.999,
    stepsMax: 10000, // as many as adam-powers.js covers
    epsMin: 1e-30,
    epsMax: 1,
    startMax: 100,
    sigmaMax: 100,
    wdMax: 100,
    smallest: 1e-30, // the smallest size of a start, β or σ other than 0
    // One-cycle: pct·total stays a normal float32 (TensorFlow would read a subnormal peak step
    // as 0), and η/div, η/div/final_div stay normal numbers. Its end, computed in float32 as
    // η + (η/div/final_div − η), is only about η/div/final_div, and can be 0.
    pctMin: 0.000001,
    divMax: 1e6,
    finalDivMax: 1e9,
    seedMax: 4294967295,
  };
  const TOLERANCE = 1e-6; // "converged": the distance to the minimum is this times the start's
  const BLOW_UP = 1000; // "diverging": the loss is this many times the start's
  const TABLE_ROWS = 40;
  // The slider's positions: SLIDER_STOPS + 1 rates, evenly spaced on a log scale from lrMin
  // to lrMax, rounded to 3 significant digits (both ends are exactly the limits).
  const SLIDER_STOPS = 600;
  const SIZE = 320; // the contour plot's side, in SVG units

  const TEXT = {
    zh: {
      presets: "预设（即“多维”一章代码里的几组训练，以及“Keras 训练”一章的学习率表）",
      presetMomentum: "动量",
      presetCosine: "余弦",
      presetCosineLong: "余弦（192 步）",
      presetOneCycle: "单周期",
      presetNoise: "噪声：",
      presetLimits: "稳定上限两侧：",
      presetRings: "振荡：",
      sentenceJoin: "",
      l1: "曲率 λ₁",
      l2: "曲率 λ₂",
      angle: "主轴转角（度）",
      optimizer: "优化器",
      gd: "梯度下降（SGD）",
      momentum: "动量（SGD momentum）",
      adam: "Adam",
      lr: "学习率 η",
      lrSlider: "学习率 η（对数刻度滑块，刻度线标出稳定上限）",
      beta: "动量系数 β",
      b1: "Adam 的 β₁",
      b2: "Adam 的 β₂",
      eps: "Adam 的 ε",
      wd: "Adam 的权重衰减 wd（weight_decay，0 即不衰减）",
      sched: "学习率调度",
      constant: "常数",
      exponential: "指数衰减",
      inverse: "反时限衰减",
      cosine: "余弦衰减",
      warmup: "线性预热 + 余弦衰减",
      onecycle: "单周期调度（OneCycle）",
      wsd: "预热–稳定–衰减（WSD）",
      rate: "衰减率",
      dsteps: "衰减步长（decay_steps）",
      stair: "阶梯型（staircase）",
      no: "否",
      yes: "是",
      alpha: "下限比例 alpha",
      warm: "预热步数",
      total: "单周期调度：总步数（total_steps）",
      pct: "单周期调度：上升段所占比例 pct",
      div: "单周期调度：div（从 η/div 开始）",
      fdiv: "单周期调度：final_div（到约 η/div/final_div 结束）",
      dstart: "WSD：开始冷却的步数（decay_start）",
      cool: "WSD：冷却步数（decay_steps）",
      mode: "调度和权重衰减在哪里计算",
      mode2: "B 的调度和权重衰减在哪里计算",
      graph: "tf.function 的计算图中（在只有 CPU 的机器上，model.fit 即如此）",
      eager: "即时执行",
      sched2: "B 的学习率调度",
      rateColumn: "下一次更新的 η",
      whatSchedule: "，{name}",
      dtype: "浮点类型",
      steps: "更新次数",
      w1: "起点 w₁",
      w2: "起点 w₂",
      sigma: "梯度噪声 σ",
      seed: "随机种子",
      opt2: "对比：第二组训练 B",
      none: "不对比",
      lr2: "B 的学习率 η",
      beta2: "B 的动量系数 β",
      b1b: "B 的 Adam β₁",
      b2b: "B 的 Adam β₂",
      wd2: "B 的 Adam 权重衰减 wd",
      runA: "A：{what}",
      runB: "B：{what}",
      whatSgd: "SGD，η = {lr}",
      whatMomentum: "动量，η = {lr}，β = {beta}",
      whatAdam: "Adam，η = {lr}，β₁ = {b1}，β₂ = {b2}",
      whatDecay: "，权重衰减 wd = {wd}",
      columnB: "B 的 {name}",
      saysB: "B：{said}",
      beyondB: "B 的 η 超过了它的稳定上限 {value}。",
      step: "单步",
      play: "播放",
      pause: "暂停",
      reset: "回到起点",
      end: "跳到最后",
      limit: "稳定上限 {formula} = {value}",
      noLimit: "稳定上限 2/λmax 和 2(1 + β)/λmax 属于梯度下降和动量；Adam 不标上限。",
      beyond: "η 超过了稳定上限：沿最陡的方向，误差从长远看会越来越大。",
      beyondSchedule:
        "有 {count}所用的学习率超过了稳定上限 {value}；学习率一直保持在这样的值时，沿最陡的方向，误差从长远看会越来越大。",
      hessian: "黑塞矩阵 H = [[{a}, {b}], [{b}, {d}]]（{dtype}）",
      contour: "等高线与迭代路径（拖动或用方向键移动起点）",
      lossPlot: "损失随更新次数的变化（对数坐标）",
      startHandle: "起点 ({w1}, {w2})。用方向键移动；按住 Shift 时每次移得更少。",
      contourAlt: "{title}：最小值在原点；起点 ({w1}, {w2})，{count}后到达 ({x1}, {x2})。",
      lossAlt: "{title}：经过{count}，损失从 {from} 变为 {to}。",
      mapTitle: "稳定性图：沿每条主轴一次更新的谱半径（即 momentum_map.py 画的图）",
      mapAxes:
        "横轴是 η·λ，从 0 到 4.5；纵轴是 β，从 0 到 1；颜色表示谱半径，从 0（深紫）到 1（黄），大于 1 为灰色；虚线 η·λ = 2(1 + β) 是稳定上限；点线 β = (1 − √(η·λ))² 以上，更新的特征方程的根是复数，谱半径等于 √β。A 的两条主轴用圆点标出，B 的用方块。",
      mapJoin: "。",
      mapClick: "点击或轻触图中一点，A 最陡主轴的点就移到那里；用键盘时，设置优化器、η 和 β 即可。",
      mapHeld:
        "所点之处需要的学习率 {wanted} 超出了允许的范围，只能取最近的界限 {lr}，所以 A 的点不在所点之处。",
      mapBelow:
        "在这个调度下，这组训练始终用不到 η = {lr}：它最高的学习率 {top} 比 η 低，所以 A 的点落在所点之处的左边。",
      mapWho: "{name}：",
      mapPoints:
        "β = {beta}；沿 λ₁ 的主轴 η·λ₁ = {h1}，谱半径 {r1}；沿 λ₂ 的主轴 η·λ₂ = {h2}，谱半径 {r2}。",
      mapShrinks:
        "学习率保持不变、没有噪声时，从长远看，沿每条主轴的误差平均每次更新乘上它的谱半径；较大的那个 {r} 决定收敛的快慢（除非沿那条主轴的误差本来就是 0）。",
      mapSteady: "学习率保持不变时，谱半径等于 1 的主轴上，误差从长远看既不缩小也不放大。",
      mapGrows: "学习率保持不变时，谱半径大于 1 的主轴上，误差会越来越大。",
      mapScheduled:
        "调度让学习率每次更新都在变：只有一直保持下一次更新的学习率，这些谱半径才成立。",
      mapNoise: "有噪声时，误差不会缩小到 0，而是停在一个下限附近。",
      mapBeyond: "（超出右边缘的点画在边缘上。）",
      mapAdam: "一般来说，Adam 的更新不是误差的一个固定的线性变换，这张图上没有它的点。",
      table: "每次更新后的数值（{dtype}，与 TensorFlow 一致）",
      tableRegion: "数值表（窄屏上可横向滚动）",
      index: "更新次数",
      loss: "损失",
      updates: "{n} 次更新",
      summary: "{count}后：w = ({w1}, {w2})，损失 = {loss}。",
      reached: "到原点的距离在第 {n} 次更新后降到起点距离的百万分之一以下。",
      notReached: "在 {count}内，到原点的距离没有降到起点距离的百万分之一。",
      stays: "从第 {n} 次更新起，损失一直低于起点损失的百万分之一。",
      lowest: "损失在第 {n} 次更新后最低（{loss}），最后又比这高。",
      blowUp: "第 {n} 次更新后，损失超过了起点损失的 {times} 倍。",
      overflow: "第 {n} 次更新时损失超出了 {dtype} 的范围，图表和表格只画到此前的那次更新。",
      truncated: "表格列出前 {n} 行和当前这一行。",
      badCurvature: "曲率必须是 0.000001 到 10000 之间的数。",
      badAngle: "转角必须是 −90 到 90 之间的数。",
      badLr: "学习率必须是 0.00001 到 10 之间的数。",
      badBeta: "动量系数必须是 0，或在 1e-30 到 0.999 之间（TensorFlow 把更小的数当作 0）。",
      badSteps: "更新次数必须是 1 到 10000 之间的整数。",
      badStart:
        "起点的坐标必须是 0，或绝对值在 1e-30 到 100 之间的数（TensorFlow 把更小的数当作 0）。",
      badOptimizer: "网址中的 opt 只能是 sgd、momentum 或 adam。",
      badListed: "网址中的 {name} 只能是这几个值之一：{values}。",
      badEps: "ε 必须是 1e-30 到 1 之间的数。",
      badDtype: "网址中的 dtype 只能是 float32 或 float64。",
      badStair: "网址中的 stair 只能是 1 或 0（也可以写 true 或 false）。",
      badAlpha: "alpha 必须是 0 到 1 之间的数。",
      badWarm: "预热步数必须是 1 到 10000 之间的整数。",
      badTotal: "单周期调度的总步数必须是 1 到 10000 之间的整数。",
      badPct: "pct 必须不小于 0.000001，并且小于 1。",
      badDiv: "div 必须是 1 到 1000000 之间的数。",
      badFdiv: "final_div 必须是 1 到 1000000000 之间的数。",
      badDstart: "开始冷却的步数必须是 0 到 10000 之间的整数。",
      badCool: "冷却步数必须是 1 到 10000 之间的整数。",
      unusedSchedule: "A 和 B 的学习率调度都用不到这个参数，所以它暂时不影响结果。",
      unusedMode:
        "A 的学习率为常数、阶梯型或“线性预热 + 余弦衰减”，在计算图中与即时执行时相同，A 又不做权重衰减，所以它暂时不影响结果。",
      unusedMode2:
        "B 的学习率为常数、阶梯型或“线性预热 + 余弦衰减”，在计算图中与即时执行时相同，B 又不做权重衰减，所以它暂时不影响结果。",
      unused: "只有动量用到 β，所以它暂时不影响结果。",
      unusedAdam: "A 和 B 都不是 Adam 时用不到 ε，所以它暂时不影响结果。",
      unusedAdamA: "A 不是 Adam 时用不到它的 β₁ 和 β₂，所以它们暂时不影响结果。",
      unusedAdamB: "B 不是 Adam 时用不到它的 β₁ 和 β₂，所以它们暂时不影响结果。",
      unusedSeed: "没有噪声（σ = 0）时用不到种子，所以它暂时不影响结果。",
      unusedWdA:
        "A 不是 Adam 时用不到它的权重衰减（实验台只给 Adam 提供权重衰减），所以它暂时不影响结果。",
      unusedWdB:
        "B 不是 Adam 时用不到它的权重衰减（实验台只给 Adam 提供权重衰减），所以它暂时不影响结果。",
      badWd: "权重衰减必须是 0，或在 1e-30 到 100 之间。",
      unusedB: "不对比时用不到 B 的设置，所以它暂时不影响结果。",
      badOptimizer2: "网址中的 opt2 只能是 none、sgd、momentum 或 adam。",
      badSigma: "噪声 σ 必须是 0，或在 1e-30 到 100 之间（TensorFlow 把更小的数当作 0）。",
      badSeed: "种子必须是 0 到 4294967295 之间的整数。",
      settled: "第 {from} 到第 {to} 次更新的平均损失：{mean}。",
      unknownParams: "网址中有实验台不认识的参数，已忽略：{names}。",
      duplicate: "网址中的 {name} 出现了 {n} 次，实验台只用第一个值。",
      listSeparator: "、",
      badAt: "网址中的 at 只能是 end，或 0 到更新次数之间的整数；现在显示的是最后一次更新。",
    },
    en: {
      presets:
        "Presets (the runs of More than one dimension, and the rate table of Keras training)",
      presetMomentum: "momentum",
      presetCosine: "cosine",
      presetCosineLong: "cosine/192",
      presetOneCycle: "one-cycle",
      presetNoise: "noise: ",
      presetLimits: "around the limit: ",
      presetRings: "ringing: ",
      sentenceJoin: " ",
      l1: "Curvature λ₁",
      l2: "Curvature λ₂",
      angle: "Angle of the axes (degrees)",
      optimizer: "Optimiser",
      gd: "Gradient descent (SGD)",
      momentum: "Momentum (SGD momentum)",
      adam: "Adam",
      lr: "Learning rate η",
      lrSlider: "Learning rate η (a log-scale slider; the tick marks the stability limit)",
      beta: "Momentum β",
      b1: "Adam's β₁",
      b2: "Adam's β₂",
      eps: "Adam's ε",
      wd: "Adam's weight decay wd (weight_decay; 0: none)",
      sched: "Schedule",
      constant: "constant",
      exponential: "exponential decay",
      inverse: "inverse-time decay",
      cosine: "cosine decay",
      warmup: "linear warm-up + cosine decay",
      onecycle: "one-cycle (OneCycle)",
      wsd: "warmup–stable–decay (WSD)",
      rate: "Decay rate",
      dsteps: "Decay steps (decay_steps)",
      stair: "Staircase",
      no: "no",
      yes: "yes",
      alpha: "Floor fraction alpha",
      warm: "Warm-up steps",
      total: "One-cycle: total steps (total_steps)",
      pct: "One-cycle: share of the steps rising, pct",
      div: "One-cycle: div, starting at η/div",
      fdiv: "One-cycle: final_div, ending near η/div/final_div",
      dstart: "WSD: step where the decay starts (decay_start)",
      cool: "WSD: decay steps (decay_steps)",
      mode: "Where the schedule and weight decay are computed",
      mode2: "B: where its schedule and weight decay are computed",
      graph: "in a tf.function's graph (as model.fit on a CPU-only machine)",
      eager: "eagerly",
      sched2: "B: schedule",
      rateColumn: "next η",
      whatSchedule: ", {name}",
      dtype: "Float type",
      steps: "Updates",
      w1: "Start w₁",
      w2: "Start w₂",
      sigma: "Gradient noise σ",
      seed: "Seed",
      opt2: "Compare with a second run, B",
      none: "no comparison",
      lr2: "B: learning rate η",
      beta2: "B: momentum β",
      b1b: "B: Adam's β₁",
      b2b: "B: Adam's β₂",
      wd2: "B: Adam's weight decay wd",
      runA: "A: {what}",
      runB: "B: {what}",
      whatSgd: "SGD, η = {lr}",
      whatMomentum: "momentum, η = {lr}, β = {beta}",
      whatAdam: "Adam, η = {lr}, β₁ = {b1}, β₂ = {b2}",
      whatDecay: ", weight decay wd = {wd}",
      columnB: "B: {name}",
      saysB: "B: {said}",
      beyondB: "B's η is above its stability limit, {value}.",
      step: "Step",
      play: "Play",
      pause: "Pause",
      reset: "Back to the start",
      end: "Go to the end",
      limit: "stability limit {formula} = {value}",
      noLimit:
        "The stability limits 2/λmax and 2(1 + β)/λmax belong to gradient descent and momentum; for Adam none is marked.",
      beyond:
        "η is above the stability limit: along the steepest direction the error grows in the long run.",
      beyondSchedule:
        "{count} used a rate above the stability limit, {value}; at such a rate held constant, the error along the steepest direction would grow in the long run.",
      hessian: "Hessian H = [[{a}, {b}], [{b}, {d}]] ({dtype})",
      contour: "Contours and the path (drag the start, or move it with the arrow keys)",
      lossPlot: "Loss against the number of updates (log scale)",
      startHandle: "Start ({w1}, {w2}). Arrow keys move it; with Shift, in smaller steps.",
      contourAlt:
        "{title}: the minimum is at the origin; from ({w1}, {w2}), after {count} at ({x1}, {x2}).",
      lossAlt: "{title}: over {count} the loss goes from {from} to {to}.",
      mapTitle:
        "Stability map: the spectral radius of one update along each axis (momentum_map.py's map)",
      mapAxes:
        "Across: η·λ from 0 to 4.5; up: β from 0 to 1; colour: the spectral radius, from 0 (dark purple) to 1 (yellow), grey above 1; the dashed line η·λ = 2(1 + β) is the stability limit; above the dotted curve β = (1 − √(η·λ))² the roots of the update's characteristic equation are complex and the radius is √β. A's two axes are marked with circles, B's with squares.",
      mapJoin: ". ",
      mapClick:
        "Click or tap the map to put the point of A's steepest axis there; from the keyboard, set the optimiser, η and β.",
      mapHeld:
        "The rate the click asks for, {wanted}, is outside the rates allowed: {lr}, the nearest limit, is used, so A's point is not where the click was.",
      mapBelow:
        "With this schedule the run never uses η = {lr}: its highest rate, {top}, is lower, so A's point stands left of the click.",
      mapWho: "{name}: ",
      mapPoints:
        "β = {beta}; along λ₁'s axis η·λ₁ = {h1}, radius {r1}; along λ₂'s, η·λ₂ = {h2}, radius {r2}.",
      mapShrinks:
        " Held at this rate, without noise, the error along each axis is multiplied in the long run by its radius per update, on average; the larger, {r}, sets the pace (unless the error along that axis is 0).",
      mapSteady:
        " Held at this rate, the error along an axis whose radius is 1 neither shrinks nor grows in the long run.",
      mapGrows: " Held at this rate, the error along an axis whose radius is above 1 grows.",
      mapScheduled:
        " The schedule changes the rate from update to update: these radii hold only if the rate of the next update were kept.",
      mapNoise: " With noise the error does not shrink to 0: it settles at a floor.",
      mapBeyond: " (A point beyond the right edge is drawn on the edge.)",
      mapAdam:
        "Adam's update is not, in general, one fixed linear map of the error: it has no point here.",
      table: "Values after each update ({dtype}, as TensorFlow computes them)",
      tableRegion: "Table of values (scrolls sideways on a narrow screen)",
      index: "Update",
      loss: "Loss",
      updates: "{n} updates",
      updateOne: "1 update",
      summary: "After {count}: w = ({w1}, {w2}), loss = {loss}.",
      reached:
        "The distance to the origin fell below a millionth of the start's distance after update {n}.",
      notReached:
        "Within {count} the distance to the origin did not fall below a millionth of the start's.",
      stays: "From update {n} on, the loss stays below a millionth of the start's loss.",
      lowest: "The loss was lowest after update {n} ({loss}), and is higher at the end.",
      blowUp: "After update {n} the loss was above {times} times the start's.",
      overflow:
        "At update {n} the loss overflowed {dtype}'s range; the plots and the table stop at the update before.",
      truncated: "The table lists the first {n} rows and the current one.",
      badCurvature: "A curvature must be a number from 0.000001 to 10000.",
      badAngle: "The angle must be a number from −90 to 90.",
      badLr: "The learning rate must be a number from 0.00001 to 10.",
      badBeta: "β must be 0, or from 1e-30 to 0.999 (TensorFlow takes smaller numbers as 0).",
      badSteps: "The number of updates must be a whole number from 1 to 10000.",
      badStart:
        "Each coordinate of the start must be 0, or of size 1e-30 to 100 (TensorFlow takes smaller numbers as 0).",
      badOptimizer: "In the address, opt can only be sgd, momentum or adam.",
      badListed: "In the address, {name} can only be one of {values}.",
      badEps: "ε must be a number from 1e-30 to 1.",
      badDtype: "In the address, dtype can only be float32 or float64.",
      badStair: "In the address, stair can only be 1 or 0 (or true or false).",
      badAlpha: "alpha must be a number from 0 to 1.",
      badWarm: "The warm-up steps must be a whole number from 1 to 10000.",
      badTotal: "One-cycle's total steps must be a whole number from 1 to 10000.",
      badPct: "pct must be a number from 0.000001 up to, but not including, 1.",
      badDiv: "div must be a number from 1 to 1000000.",
      badFdiv: "final_div must be a number from 1 to 1000000000.",
      badDstart: "The step where the decay starts must be a whole number from 0 to 10000.",
      badCool: "WSD's decay steps must be a whole number from 1 to 10000.",
      unusedSchedule:
        " Neither A's schedule nor B's uses this setting, so for now it changes nothing.",
      unusedMode:
        " A's rate is constant, a staircase or linear warm-up + cosine decay, the same in a graph and eagerly, and A does not decay its weights, so for now this changes nothing.",
      unusedMode2:
        " B's rate is constant, a staircase or linear warm-up + cosine decay, the same in a graph and eagerly, and B does not decay its weights, so for now this changes nothing.",
      unused: " Only momentum uses β, so for now it changes nothing.",
      unusedAdam: " Neither A nor B is Adam, so for now ε changes nothing.",
      unusedAdamA: " A is not Adam, so for now its β₁ and β₂ change nothing.",
      unusedAdamB: " B is not Adam, so for now its β₁ and β₂ change nothing.",
      unusedSeed: " Without noise (σ = 0) the seed is not used, so for now it changes nothing.",
      unusedWdA:
        " A is not Adam, so for now its weight decay changes nothing (the explorer offers weight decay with Adam only).",
      unusedWdB:
        " B is not Adam, so for now its weight decay changes nothing (the explorer offers weight decay with Adam only).",
      badWd: "The weight decay must be 0, or from 1e-30 to 100.",
      unusedB: " With no comparison B's settings are not used, so for now they change nothing.",
      badOptimizer2: "In the address, opt2 can only be none, sgd, momentum or adam.",
      badSigma:
        "The noise σ must be 0, or from 1e-30 to 100 (TensorFlow takes smaller numbers as 0).",
      badSeed: "The seed must be a whole number from 0 to 4294967295.",
      settled: "Mean loss over updates {from} to {to}: {mean}.",
      unknownParams: "The address has parameters the explorer does not know, ignored: {names}.",
      duplicate: "The address gives {name} {n} times; the explorer uses the first.",
      listSeparator: ", ",
      badAt:
        "In the address, at can only be end or a whole number from 0 to the number of updates; the last update is shown.",
    },
  };

  const DEFAULTS = {
    l1: "10",
    l2: "1",
    angle: "0",
    opt: "sgd",
    lr: "0.15",
    beta: "0.5",
    b1: "0.9", // Keras's defaults for Adam
    b2: "0.999",
    eps: "1e-7",
    wd: "0", // Adam's weight_decay=None; AdamW's default would be 0.004
    sched: "constant",
    rate: "0.96",
    dsteps: "100",
    stair: "0",
    alpha: "0",
    warm: "10",
    total: "50", // the chapter's OneCycle defaults: pct 0.3, div 25, final_div 1e4
    pct: "0.3",
    div: "25",
    fdiv: "10000",
    dstart: "40",
    cool: "10",
    mode: "graph",
    dtype: "float32",
    steps: "50",
    w1: "1",
    w2: "1",
    sigma: "0",
    seed: "1",
    opt2: "none",
    lr2: "0.05",
    beta2: "0.9",
    b1b: "0.9",
    b2b: "0.999",
    wd2: "0",
    sched2: "constant",
    mode2: "graph",
    at: "end", // the update the plots and the table show: a copied address reopens there
  };
  const OPTIMIZERS = ["sgd", "momentum", "adam"];
  // Adam's β₁ and β₂: the values whose powers adam-powers.js has checked against TensorFlow.
  const POWERS = window.lrExplorerPowers;
  const { beta1: BETA1, beta2: BETA2 } = POWERS;
  const DTYPES = ["float32", "float64"];
  // Keras's schedules. The decay rate and decay_steps come from the lists whose powers and
  // cosines schedule-fixes.js has checked against TensorFlow, in both modes (graph, eager).
  // And two of the Keras chapter's classes (schedules_compared.py): OneCycle, WarmupStableDecay.
  const SCHEDULES = ["constant", "exponential", "inverse", "cosine", "warmup", "onecycle", "wsd"];
  const FIXES = window.lrExplorerSchedules;
  // The settings of the chapter's classes beyond η and warm (WSD's warm-up, as Keras's).
  const ONE_CYCLE = ["total", "pct", "div", "fdiv"];
  const CLASS_SETTINGS = [...ONE_CYCLE, "dstart", "cool"];
  const DECAY_STEPS = FIXES.decaySteps.map(String);
  // The settings offered as a list of numbers: the fields are lists, the address is checked
  // against them, and a listed value written another way is read as the listed one.
  const NUMBER_LISTS = {
    b1: BETA1,
    b2: BETA2,
    b1b: BETA1,
    b2b: BETA2,
    rate: FIXES.rates,
    dsteps: DECAY_STEPS,
  };

  /* The presets are the runs of gd_condition.py, momentum_speedup.py and momentum_noise.py,
   * computed here as those snippets compute them: the best constant rate 2 / (κ + 1), heavy
   * ball tuned with s = √κ: η = 4 / (s + 1)², β = ((s − 1) / (s + 1))², and the two noisy
   * runs at the effective rate η / (1 − β) = 0.05. */
  function tuned(kappa) {
    const s = Math.sqrt(kappa);
    return { lr: String(4 / (s + 1) ** 2), beta: String(((s - 1) / (s + 1)) ** 2) };
  }
  const PRESETS = [
    { id: "gd2", label: "SGD κ = 2", cfg: { l1: "2", lr: String(2 / 3), steps: "20" } },
    { id: "gd10", label: "SGD κ = 10", cfg: { l1: "10", lr: String(2 / 11), steps: "100" } },
    { id: "gd100", label: "SGD κ = 100", cfg: { l1: "100", lr: String(2 / 101), steps: "700" } },
    { id: "gd10over", label: "SGD κ = 10, η = 0.21", cfg: { l1: "10", lr: "0.21", steps: "60" } },
    { id: "hb10", label: "{momentum} κ = 10", cfg: { l1: "10", opt: "momentum", ...tuned(10) } },
    {
      id: "hb100",
      label: "{momentum} κ = 100",
      cfg: { l1: "100", opt: "momentum", ...tuned(100) },
    },
    {
      id: "hb1000",
      label: "{momentum} κ = 1000",
      cfg: { l1: "1000", opt: "momentum", steps: "320", ...tuned(1000) },
    },
    {
      id: "noisegd",
      label: "{noise}SGD η = 0.05",
      cfg: { l1: "10", lr: "0.05", steps: "4000", sigma: "1", seed: "1" },
    },
    {
      id: "noisehb",
      label: "{noise}{momentum} η = 0.005, β = 0.9",
      cfg: {
        l1: "10",
        opt: "momentum",
        lr: "0.005",
        beta: "0.9",
        steps: "4000",
        sigma: "1",
        seed: "1",
      },
    },
  ];
  /* Six of the ten Adam runs of adam.py (lr 0.1, Keras's β₁, β₂ and ε, 1500 updates): the
   * loss scale · (κ u₁² + u₂²) / 2 from u = (1, 1), its axes u along w or turned by 45°
   * (where u = (1, 1) is w = (√2, 0)). The tests check all ten through the address. */
  const adam = (kappa, turned, scale = 1) => ({
    l1: String(scale * kappa),
    l2: String(scale),
    angle: turned ? "45" : "0",
    w1: turned ? String(Math.SQRT2) : "1",
    w2: turned ? "0" : "1",
    opt: "adam",
    lr: "0.1",
    steps: "1500",
  });
  PRESETS.push(
    { id: "adam10", label: "Adam κ = 10", cfg: adam(10, false) },
    { id: "adam1000", label: "Adam κ = 1000", cfg: adam(1000, false) },
    { id: "adam10turned", label: "Adam κ = 10, 45°", cfg: adam(10, true) },
    { id: "adam1000turned", label: "Adam κ = 1000, 45°", cfg: adam(1000, true) },
    { id: "adamlarge", label: "Adam κ = 10, {loss} × 1000", cfg: adam(10, false, 1000) },
    { id: "adamsmall", label: "Adam κ = 10, {loss} × 10⁻⁶", cfg: adam(10, false, 1e-6) },
  );
  // adamw_decay.py's runs with a gradient: AdamW (Adam with weight decay 0.1) against plain
  // Adam, both at lr 0.01 on κ = 10 from (1, 1) for 50 updates, eagerly as the snippet runs.
  PRESETS.push({
    id: "adamw",
    label: "AdamW / Adam κ = 10",
    cfg: { l1: "10", opt: "adam", lr: "0.01", wd: "0.1", steps: "50", mode: "eager" },
    b: { opt2: "adam", lr2: "0.01", mode2: "eager" },
  });
  // Two comparisons: the chapter's pairs of runs, as A and B on one plot.
  const hundred = tuned(100);
  PRESETS.push(
    {
      id: "cmp100",
      label: "SGD / {momentum} κ = 100",
      cfg: { l1: "100", lr: String(2 / 101), steps: "700" },
      b: { opt2: "momentum", lr2: hundred.lr, beta2: hundred.beta },
    },
    {
      id: "cmpnoise",
      label: "{noise}SGD / {momentum}",
      cfg: { l1: "10", lr: "0.05", steps: "4000", sigma: "1", seed: "1" },
      b: { opt2: "momentum", lr2: "0.005", beta2: "0.9" },
    },
  );
  // The three runs of paths_2d.py, from (1, 2) on κ = 10: gradient descent at 2/11 against
  // the tuned heavy ball, and Adam at 0.1.
  const ten = tuned(10);
  PRESETS.push(
    {
      id: "paths",
      label: "SGD / {momentum} κ = 10, (1, 2)",
      cfg: { l1: "10", w2: "2", lr: String(2 / 11), steps: "100" },
      b: { opt2: "momentum", lr2: ten.lr, beta2: ten.beta },
    },
    {
      id: "pathsadam",
      label: "Adam κ = 10, (1, 2)",
      cfg: { l1: "10", w2: "2", opt: "adam", lr: "0.1", steps: "100" },
    },
  );
  // momentum_limits.py: heavy ball with lr = 0.04, each coordinate a run of its own (the
  // axes unturned), at h = lr·λ = 0.95 and 1.05 times the limit 2(1 + β); and at h = 0.04
  // (λ = 1), two values of β side by side as A and B.
  [0, 0.5, 0.64, 0.9].forEach((beta) => {
    PRESETS.push({
      id: `limits${beta}`,
      label: `{limits}β = ${beta}`,
      cfg: {
        opt: "momentum",
        lr: "0.04",
        beta: String(beta),
        l1: String((0.95 * 2 * (1 + beta)) / 0.04),
        l2: String((1.05 * 2 * (1 + beta)) / 0.04),
        steps: "300",
      },
    });
  });
  [
    [0, 0.5],
    [0.64, 0.9],
  ].forEach(([a, b]) => {
    PRESETS.push({
      id: `rings${a}`,
      label: `{rings}β = ${a} / ${b}`,
      cfg: { opt: "momentum", lr: "0.04", beta: String(a), l1: "1", steps: "60" },
      b: { opt2: "momentum", lr2: "0.04", beta2: String(b) },
    });
  });
  // The chapter's lab as it opens (lab_paths.py, lab_adam.py): gradient descent against heavy
  // ball at lr 0.18, β 0.27 on κ = 10 for 40 steps, and Adam at lr 0.1 on κ = 10 for 2000.
  PRESETS.push(
    {
      id: "labpaths",
      label: "SGD / {momentum} κ = 10, η = 0.18",
      cfg: { l1: "10", lr: "0.18", steps: "40" },
      b: { opt2: "momentum", lr2: "0.18", beta2: "0.27" },
    },
    { id: "labadam", label: "Adam κ = 10", cfg: { ...adam(10, false), steps: "2000" } },
  );
  // The rate table of the Keras chapter's schedules_compared.py: its four schedules, peak 0.2,
  // eagerly (as it prints them), two at a time as A and B for 96 updates: Keras's cosine decay
  // after an 8-step warm-up, planned for 96 steps (decay steps 88) or for 192 (184), one-cycle
  // over 96 steps (its defaults pct 0.3, div 25, final_div 1e4), and WSD with its cooldown
  // over the last 24. Not its network: the bowl here is the explorer's, λ₁ = 5, where 0.2 is
  // half the stability limit.
  const keras = { sched: "warmup", warm: "8", dsteps: "88", mode: "eager", mode2: "eager" };
  Object.assign(keras, { l1: "5", lr: "0.2", steps: "96", opt2: "sgd", lr2: "0.2" });
  Object.assign(keras, { total: "96", dstart: "72", cool: "24" });
  PRESETS.push(
    { id: "schedonecycle", label: "{cosine} / {onecycle}", cfg: { ...keras, sched2: "onecycle" } },
    { id: "schedwsd", label: "{cosine} / WSD", cfg: { ...keras, sched2: "wsd" } },
    {
      id: "schedlong",
      label: "{cosineLong} / WSD",
      cfg: { ...keras, dsteps: "184", sched2: "wsd" },
    },
  );
  // Each preset's snippet, by the start of its name: the buttons are grouped by it.
  const SNIPPETS = [
    ["gd", "gd_condition.py"],
    ["hb", "momentum_speedup.py"],
    ["cmp100", "momentum_speedup.py"],
    ["noise", "momentum_noise.py"],
    ["cmpnoise", "momentum_noise.py"],
    ["adamw", "adamw_decay.py"], // before "adam", which it starts with
    ["adam", "adam.py"],
    ["paths", "paths_2d.py"],
    ["limits", "momentum_limits.py"],
    ["rings", "momentum_limits.py"],
    ["labpaths", "lab_paths.py"],
    ["labadam", "lab_adam.py"],
    ["sched", "schedules_compared.py"],
  ];
  PRESETS.forEach((p) => {
    p.snippet = SNIPPETS.find(([start]) => p.id.startsWith(start))[1];
    // The snippets run in float64 from (1, 1), with λ₂ = 1 and unrotated axes (the
    // curvature chapter's do; the Keras chapter's network is float64 too).
    p.cfg = { ...DEFAULTS, dtype: "float64", steps: "320", ...p.cfg, ...p.b };
  });

  // Shared with explorer.js, loaded on every page before this script: reading typed numbers
  // (full-width digits, 。), messages, sentences' numbers, elements, the address.
  const { number, format, brief, el, svgEl, readAddress, writeAddress, scrollingTable } =
    window.lrExplorer.text;
  const { field: sharedField, updates: counted, inRange, wholeIn, flag } = window.lrExplorer.text;
  const field = (label, input) => sharedField(label, input, "lr2");

  /* The decimal numpy prints for a float32 or float64 scalar: the fewest significant digits
   * that read back as exactly x, and of those the closest to x (an even last digit on a
   * tie). JavaScript's String() does this for a double; for a float32, at each number of
   * digits the nearest decimal may miss x's interval while a neighbour hits it (beside a
   * power of two the interval is lopsided), so all three are tried. */
  function exact(x, dtype) {
    if (x === 0) return "0";
    if (!Number.isFinite(x)) return String(x);
    if (dtype === "float64") return numpyStyle(x, x, 1e16);
    const [m, e] = float32Parts(x);
    for (let digits = 1; digits < 10; digits++) {
      const [mantissa, power] = x.toExponential(digits - 1).split("e");
      const n = Number(mantissa.replace(".", ""));
      const scale = Number(power) - (digits - 1);
      let best = null;
      for (const k of [n - 1, n, n + 1]) {
        const value = Number(`${k}e${scale}`);
        if (f32(value) !== x) continue;
        // |k·10^scale − m·2^e|, exactly, over the common denominator 10^-scale · 2^-e.
        const gap = bigAbs(
          BigInt(k) * 10n ** BigInt(Math.max(scale, 0)) * 2n ** BigInt(Math.max(-e, 0)) -
            BigInt(m) * 2n ** BigInt(Math.max(e, 0)) * 10n ** BigInt(Math.max(-scale, 0)),
        );
        if (!best || gap < best.gap || (gap === best.gap && k % 2 === 0)) best = { value, gap };
      }
      if (best) return numpyStyle(best.value, x, 1e6);
    }
    return numpyStyle(x, x, 1e6);
  }

  /* numpy's notation for the digits of v, chosen by the size of x itself: positional from
   * 1e-4 up to `top` (1e16 for a float64, 1e6 for a float32), with ".0" on a whole number;
   * otherwise scientific with at least two exponent digits (8.1511525e+18). */
  function numpyStyle(v, x, top) {
    const size = Math.abs(x);
    if (size >= 1e-4 && size < top) {
      const text = String(v); // positional in this range, with the shortest digits
      return /[.e]/.test(text) ? text : `${text}.0`;
    }
    const [mantissa, power] = v.toExponential().split("e");
    const exponent = Number(power);
    const digits = String(Math.abs(exponent)).padStart(2, "0");
    return `${mantissa}e${exponent < 0 ? "-" : "+"}${digits}`;
  }
  const bigAbs = (v) => (v < 0n ? -v : v);

  /* A normal float32 x as m·2^e, m a whole number (the sign in m). */
  function float32Parts(x) {
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, x);
    const bits = view.getUint32(0);
    const m = (bits & 0x7fffff) | 0x800000;
    const e = ((bits >>> 23) & 0xff) - 150;
    return [bits >>> 31 ? -m : m, e];
  }

  const { rate: sliderRate, position: sliderPosition } = window.lrExplorer.text.logScale(
    LIMITS.lrMin,
    LIMITS.lrMax,
    SLIDER_STOPS,
  );

  // Gradient noise: explorer.js's generator, the same numbers as sitegate/noise.py.
  const { noise } = window.lrExplorer.text;

  /* The first `count` numbers for `seed`, kept for the next call: moving the start reruns
   * the same updates with the same noise. */
  let noiseKept = { seed: -1, z: new Float64Array(0) };
  function noiseFor(seed, count) {
    if (noiseKept.seed !== seed || noiseKept.z.length < count) {
      const draw = noise(seed);
      noiseKept = { seed, z: Float64Array.from({ length: count }, draw) };
    }
    return noiseKept.z;
  }

  /* Arithmetic in the type, as TensorFlow's CPU kernels do it on x86, which flush a tiny
   * result to a signed zero. `r` rounds a sum or a difference: one that falls below the
   * smallest normal number is exact, and flushed. `m` multiplies: x86 calls a product tiny
   * when, rounded to the type's precision with no limit on the exponent, it is below the
   * smallest normal number; rounding to the subnormal numbers first would keep a few that
   * x86 flushes, so the test scales the product up by 2⁶⁴ (exactly) and rounds there.
   * Inputs are never subnormal (validate() refuses tiny starts, β and σ), so x86's other
   * switch, treating subnormal inputs as zero, never matters. */
  const TINY = { float32: 2 ** -126, float64: 2 ** -1022 };
  function arithmetic(dtype) {
    const tiny = TINY[dtype];
    const flush = (x) => (Math.abs(x) < tiny ? 0 * x : x);
    if (dtype === "float32") {
      // A float32 quotient or square root computed in double and rounded to float32 is the
      // correctly rounded one (53 ≥ 2·24 + 2 bits); so is a product, exact in a double.
      return {
        r: (x) => flush(f32(x)),
        m: (p, q) => {
          const x = p * q; // exact: two float32 significands fit in a double's
          const y = f32(x);
          if (Math.abs(y) > tiny) return y;
          return Math.abs(f32(x * 2 ** 64)) < tiny * 2 ** 64 ? 0 * x : y;
        },
        q: (p, q) => {
          const y = f32(p / q);
          if (Math.abs(y) > tiny) return y;
          return Math.abs(f32((p * 2 ** 64) / q)) < tiny * 2 ** 64 ? 0 * y : y;
        },
      };
    }
    return {
      r: flush,
      m: (p, q) => {
        const x = p * q;
        if (Math.abs(x) > tiny) return x;
        return Math.abs(p * (q * 2 ** 64)) < tiny * 2 ** 64 ? 0 * x : x;
      },
      q: (p, q) => {
        const x = p / q;
        if (Math.abs(x) > tiny) return x;
        return Math.abs((p * 2 ** 64) / q) < tiny * 2 ** 64 ? 0 * x : x;
      },
    };
  }

  /* β^t for t = 0 … n as TensorFlow's tf.pow gives it, for a β that adam-powers.js lists.
   * The product β·β·…·β is carried in two doubles (Dekker's exact product: about 100
   * bits), so rounding it to the type gives the correctly rounded power (sitegate/powers.py
   * checks that no exact power lies near a tie); then the steps where TensorFlow's pow is
   * one unit in the last place above or below are moved there. Below 2^-(p+2), p the
   * significand's bits, 1 − β^t is 1 whatever β^t is: the list stops there. */
  const SPLIT = 134217729; // 2^27 + 1
  const halves = (x) => {
    const c = SPLIT * x;
    const high = c - (c - x);
    return [high, x - high];
  };
  /* The neighbour of x (not 0) above it (direction +1) or below it (−1) in the type: a
   * negative number's bits count away from 0, so they move the other way. */
  function beside(x, direction, dtype) {
    const value = dtype === "float32" ? new Float32Array([x]) : new Float64Array([x]);
    const bits = x < 0 ? -direction : direction;
    if (dtype === "float32") new Uint32Array(value.buffer)[0] += bits;
    else new BigUint64Array(value.buffer)[0] += BigInt(bits);
    return value[0];
  }
  /* powers(), kept: dragging the start reruns Adam with the same β and type. */
  const powersKept = new Map();
  function powersFor(beta, dtype, n) {
    const key = `${dtype} ${beta}`;
    if (!(powersKept.get(key)?.length > n)) powersKept.set(key, powers(beta, dtype, n));
    return powersKept.get(key);
  }

  function powers(beta, dtype, n) {
    const { r } = arithmetic(dtype);
    const out = new Float64Array(n + 1);
    const b = f32(Number(beta));
    const [bh, bl] = halves(b);
    const fixes = new Map(
      (POWERS.fixes[dtype][beta] || []).map((t) => [Math.abs(t), Math.sign(t)]),
    );
    let hi = 1;
    let lo = 0;
    out[0] = 1;
    for (let t = 1; t <= n; t++) {
      const p = hi * b;
      const [hh, hl] = halves(hi);
      const e = hh * bh - p + hh * bl + hl * bh + hl * bl + lo * b;
      hi = p + e;
      lo = e - (hi - p);
      const x = dtype === "float32" ? f32(hi) : hi;
      out[t] = r(fixes.has(t) ? beside(x, fixes.get(t), dtype) : x);
    }
    return out;
  }

  /* A list of schedule-fixes.js as a map from step to +1 or −1, made once per list. */
  const fixMaps = new WeakMap();
  function fixMap(list) {
    if (!fixMaps.has(list))
      fixMaps.set(list, new Map(list.map((n) => [Math.abs(n), Math.sign(n)])));
    return fixMaps.get(list);
  }

  /* The learning rate at steps 0 … count − 1 (the update at step i uses the i-th), in float32
   * as Keras's schedule computes it: ExponentialDecay, InverseTimeDecay, CosineDecay, and
   * CosineDecay warming up linearly from 0. In a graph (mode "graph": a tf.function, as in
   * model.fit on a CPU), Grappler's constant folding rewrites some operations: k / decay_steps
   * becomes k times the float32 reciprocal r of decay_steps, and a constant factor in front of
   * it is folded into r (π·r for the cosine, rate·r for inverse-time decay); inside the
   * warm-up's tf.cond the divisions are kept (0.5·(1 − alpha) is folded, which changes no
   * value: halving is exact). Eagerly, k is divided. A power or a cosine is the
   * browser's, in double, rounded to float32, then moved one unit where TensorFlow's powf or
   * cosf is (schedule-fixes.js). The tests compare each kind with Keras's, in both modes. */
  function schedule(cfg, kind, count) {
    const lr = f32(cfg.lr);
    if (kind === "constant") return new Float64Array(count).fill(lr);
    let at = null;
    if (kind === "exponential") at = exponentialAt(cfg, lr);
    else if (kind === "inverse") at = inverseAt(cfg, lr);
    else if (kind === "onecycle") at = oneCycleAt(cfg);
    else if (kind === "wsd") at = wsdAt(cfg);
    else at = cosineAt(cfg, kind, lr);
    const rates = Float64Array.from({ length: count }, (_, i) => at(i));
    // A rate computed as η × factor (exponential decay, cosine decay): the factors too, which
    // a float32 graph multiplies into Adam's weight decay one by one (see descend()).
    if (at.factor) rates.factors = Float64Array.from({ length: count }, (_, i) => at.factor(i));
    return rates;
  }

  /* schedule(), kept: dragging the start reruns the same schedule at every frame. */
  const schedulesKept = new Map();
  function scheduleFor(cfg, kind, count) {
    const names = ["lr", "rate", "dsteps", "stair", "alpha", "warm", "mode", ...CLASS_SETTINGS];
    const key = [kind, count, ...names.map((name) => cfg[name])].join(" ");
    if (!schedulesKept.has(key)) {
      if (schedulesKept.size > 3) schedulesKept.clear(); // A's and B's, a few times over
      schedulesKept.set(key, schedule(cfg, kind, count));
    }
    return schedulesKept.get(key);
  }

  const moved = (x, list, k) => (list.has(k) ? beside(x, list.get(k), "float32") : x);
  const graphed = (cfg) => cfg.mode === "graph";

  /* ExponentialDecay: lr · rate^p, p = step / decay_steps (floored with staircase). */
  function exponentialAt(cfg, lr) {
    const { r, m, q } = arithmetic("float32");
    const steps = f32(Number(cfg.dsteps));
    const over = (k) => (graphed(cfg) ? m(k, q(1, steps)) : q(k, steps));
    const rate = f32(Number(cfg.rate));
    // With a staircase the mode changes nothing (and may be unused, even invalid): p is whole.
    const fixes = FIXES[cfg.stair ? "eager" : cfg.mode].power[cfg.rate];
    const whole = fixMap(fixes["1"]); // p = n exactly: decay_steps 1's list
    const list = fixMap(fixes[cfg.dsteps]);
    const stairs = (i) => {
      const p = Math.floor(over(i));
      return moved(r(rate ** p), whole, p);
    };
    const factor = cfg.stair ? stairs : (i) => moved(r(rate ** over(i)), list, i);
    const at = (i) => m(lr, factor(i));
    at.factor = factor;
    return at;
  }

  /* InverseTimeDecay: lr / (1 + rate · p); in a graph without staircase, rate · (k · r) is
   * k · (rate · r), the constants folded together. */
  function inverseAt(cfg, lr) {
    const { r, m, q } = arithmetic("float32");
    const steps = f32(Number(cfg.dsteps));
    const rate = f32(Number(cfg.rate));
    const folded = m(rate, q(1, steps));
    const graph = graphed(cfg);
    return (i) => {
      let scaled = 0;
      if (graph && !cfg.stair) scaled = m(i, folded);
      else if (graph) scaled = m(rate, Math.floor(m(i, q(1, steps))));
      else scaled = m(rate, cfg.stair ? Math.floor(q(i, steps)) : q(i, steps));
      return q(lr, r(1 + scaled));
    };
  }

  /* CosineDecay at step i, with a linear warm-up from 0 to lr for "warmup" (whose tf.cond
   * keeps its divisions, in a graph too: it uses the eager list). */
  function cosineAt(cfg, kind, lr) {
    const { r, m, q } = arithmetic("float32");
    const steps = f32(Number(cfg.dsteps));
    const pi = f32(Math.PI);
    const graph = kind === "cosine" && graphed(cfg);
    const cosines = fixMap(FIXES[graph ? "graph" : "eager"].cosine[cfg.dsteps]);
    const folded = m(pi, q(1, steps));
    const alpha = f32(cfg.alpha);
    const kept = r(1 - cfg.alpha); // 1 - alpha in Python, then float32
    // _decay_function, k steps into the decay (k ≤ decay_steps): lr × its factor
    const factor = (k) => {
      const angle = graph ? m(k, folded) : m(pi, q(k, steps));
      const cosine = moved(r(Math.cos(angle)), cosines, k);
      return r(m(kept, m(0.5, r(1 + cosine))) + alpha);
    };
    const decay = (k) => m(lr, factor(k));
    if (kind === "cosine") {
      const at = (i) => decay(Math.min(i, steps));
      at.factor = (i) => factor(Math.min(i, steps));
      return at;
    }
    const warm = f32(cfg.warm);
    const top = r(steps + warm);
    return (i) => {
      const s = Math.min(i, top);
      return s < warm ? r(m(lr, q(s, warm)) + 0) : decay(s - warm);
    };
  }

  /* The Keras chapter's OneCycle (schedules_compared.py) at step i: from η/div up to η over
   * the first pct·total steps, then down to η/div/final_div. Its Python floats (η − η/div,
   * pct·total, total − pct·total, η/div/final_div − η, η/div) are doubles, each made a
   * float32 tensor; step i is t. In a graph, as in Keras's schedules, a division by a
   * constant becomes a product with its float32 reciprocal, the constant factor in front
   * folded in: (η − η/div)·t / top is t · ((η − η/div) · (1/top)). */
  function oneCycleAt(cfg) {
    const { r, m, q } = arithmetic("float32");
    const top = cfg.pct * cfg.total; // the step with the highest rate
    const low = cfg.lr / cfg.div;
    const [peak, start, span] = [f32(cfg.lr), f32(low), f32(cfg.total - top)];
    const [rise, fall, topF] = [f32(cfg.lr - low), f32(low / cfg.fdiv - cfg.lr), f32(top)];
    const graph = graphed(cfg);
    const riseFolded = m(rise, q(1, topF));
    const spanReciprocal = q(1, span);
    return (i) => {
      if (i < topF) return r(start + (graph ? m(i, riseFolded) : q(m(rise, i), topF)));
      const over = r(i - topF);
      const down = Math.min(graph ? m(over, spanReciprocal) : q(over, span), 1);
      return r(peak + m(fall, down));
    };
  }

  /* The chapter's WarmupStableDecay at step i: η·t/warmup up to the warm-up's end, then η
   * until decay_start, then η(1 − √done), done = (t − decay_start)/decay_steps held within
   * [0, 1]. tf.where computes both branches and keeps no division from the graph's rewrite:
   * in a graph η·t/warmup is t · (η · (1/warmup)) and done is (t − decay_start) · (1/decay_steps).
   * A float32 square root rounds the exact one, as Math.sqrt in double then rounded does. */
  function wsdAt(cfg) {
    const { r, m, q } = arithmetic("float32");
    const [peak, warm, begin] = [f32(cfg.lr), f32(cfg.warm), f32(cfg.dstart)];
    const length = f32(cfg.cool);
    const graph = graphed(cfg);
    const warmFolded = m(peak, q(1, warm));
    const lengthReciprocal = q(1, length);
    return (i) => {
      if (i < warm) return graph ? m(i, warmFolded) : q(m(peak, i), warm);
      const over = r(i - begin);
      const done = Math.min(Math.max(graph ? m(over, lengthReciprocal) : q(over, length), 0), 1);
      return m(peak, r(1 - r(Math.sqrt(done))));
    };
  }

  /* A weight decay as validate() accepts it: 0 (none), or from the smallest size to wdMax. */
  const validDecay = (x) => x === 0 || inRange(x, LIMITS.smallest, LIMITS.wdMax);

  function validate(raw, t) {
    const cfg = {
      l1: number(raw.l1),
      l2: number(raw.l2),
      angle: number(raw.angle),
      opt: raw.opt,
      lr: number(raw.lr),
      beta: number(raw.beta),
      b1: raw.b1,
      b2: raw.b2,
      eps: number(raw.eps),
      wd: number(raw.wd),
      sched: raw.sched,
      rate: raw.rate,
      dsteps: raw.dsteps,
      stair: flag(raw.stair),
      alpha: number(raw.alpha),
      warm: number(raw.warm),
      total: number(raw.total),
      pct: number(raw.pct),
      div: number(raw.div),
      fdiv: number(raw.fdiv),
      dstart: number(raw.dstart),
      cool: number(raw.cool),
      mode: raw.mode,
      dtype: raw.dtype,
      steps: number(raw.steps),
      w1: number(raw.w1),
      w2: number(raw.w2),
      sigma: number(raw.sigma),
      seed: number(raw.seed),
      opt2: raw.opt2,
      lr2: number(raw.lr2),
      beta2: number(raw.beta2),
      b1b: raw.b1b,
      b2b: raw.b2b,
      wd2: number(raw.wd2),
      sched2: raw.sched2,
      mode2: raw.mode2,
    };
    const curvature = (x) => inRange(x, LIMITS.curvatureMin, LIMITS.curvatureMax);
    // 0, or no smaller than 1e-30: TensorFlow's kernels read a subnormal input as 0.
    const sized = (x, top) => x === 0 || inRange(Math.abs(x), LIMITS.smallest, top);
    const start = (x) => sized(x, LIMITS.startMax);
    const listed = (name, values = NUMBER_LISTS[name]) => [
      name,
      values.includes(cfg[name]),
      format(t.badListed, { name, values: values.join(t.listSeparator) }),
    ];
    const checks = [
      ["l1", curvature(cfg.l1), t.badCurvature],
      ["l2", curvature(cfg.l2), t.badCurvature],
      ["angle", inRange(cfg.angle, -90, 90), t.badAngle],
      ["opt", OPTIMIZERS.includes(cfg.opt), t.badOptimizer],
      ["lr", inRange(cfg.lr, LIMITS.lrMin, LIMITS.lrMax), t.badLr],
      ["beta", cfg.beta >= 0 && sized(cfg.beta, LIMITS.betaMax), t.badBeta],
      listed("b1"),
      listed("b2"),
      ["eps", inRange(cfg.eps, LIMITS.epsMin, LIMITS.epsMax), t.badEps],
      ["wd", validDecay(cfg.wd), t.badWd],
      listed("sched", SCHEDULES),
      listed("rate"),
      listed("dsteps"),
      ["stair", typeof cfg.stair === "boolean", t.badStair],
      ["alpha", inRange(cfg.alpha, 0, 1), t.badAlpha],
      ["warm", wholeIn(cfg.warm, 1, LIMITS.stepsMax), t.badWarm],
      ["total", wholeIn(cfg.total, 1, LIMITS.stepsMax), t.badTotal],
      ["pct", cfg.pct >= LIMITS.pctMin && cfg.pct < 1, t.badPct],
      ["div", inRange(cfg.div, 1, LIMITS.divMax), t.badDiv],
      ["fdiv", inRange(cfg.fdiv, 1, LIMITS.finalDivMax), t.badFdiv],
      ["dstart", wholeIn(cfg.dstart, 0, LIMITS.stepsMax), t.badDstart],
      ["cool", wholeIn(cfg.cool, 1, LIMITS.stepsMax), t.badCool],
      listed("mode", FIXES.modes),
      ["dtype", DTYPES.includes(cfg.dtype), t.badDtype],
      ["steps", wholeIn(cfg.steps, 1, LIMITS.stepsMax), t.badSteps],
      ["w1", start(cfg.w1), t.badStart],
      ["w2", start(cfg.w2), t.badStart],
      ["sigma", cfg.sigma >= 0 && sized(cfg.sigma, LIMITS.sigmaMax), t.badSigma],
      ["seed", wholeIn(cfg.seed, 0, LIMITS.seedMax), t.badSeed],
      ["opt2", ["none", ...OPTIMIZERS].includes(cfg.opt2), t.badOptimizer2],
      ["lr2", inRange(cfg.lr2, LIMITS.lrMin, LIMITS.lrMax), t.badLr],
      ["beta2", cfg.beta2 >= 0 && sized(cfg.beta2, LIMITS.betaMax), t.badBeta],
      listed("b1b"),
      listed("b2b"),
      ["wd2", validDecay(cfg.wd2), t.badWd],
      listed("sched2", SCHEDULES),
      listed("mode2", FIXES.modes),
    ];
    const bad = checks.filter(([, valid]) => !valid);
    const adamless = cfg.opt !== "adam" && cfg.opt2 !== "adam";
    const unused = (name) =>
      scheduleUnused(name, cfg) ||
      (name === "beta" && cfg.opt !== "momentum") ||
      (name === "eps" && adamless) ||
      (["b1", "b2", "wd"].includes(name) && cfg.opt !== "adam") ||
      (["b1b", "b2b", "wd2"].includes(name) && cfg.opt2 !== "adam") ||
      (name === "seed" && cfg.sigma === 0) ||
      (["lr2", "beta2", "sched2"].includes(name) && cfg.opt2 === "none") ||
      (name === "beta2" && cfg.opt2 !== "momentum");
    return {
      cfg: cfg,
      errors: bad.filter(([name]) => !unused(name)).map(([name, , m]) => [name, m]),
      warnings: bad
        .filter(([name]) => unused(name))
        .map(([name, , m]) => [name, m + unusedWhy(name, cfg, t)]),
    };
  }

  /* A's checked settings, with β and weight decay 0 where its optimiser has none, and B's:
   * A's with B's own optimiser, rate, β's, weight decay, schedule and mode. */
  function runSettings(checked) {
    const a = { ...checked };
    if (a.opt !== "momentum") a.beta = 0;
    if (a.opt !== "adam") a.wd = 0;
    const b = {
      ...a,
      opt: a.opt2,
      lr: a.lr2,
      beta: a.opt2 === "momentum" ? a.beta2 : 0,
      b1: a.b1b,
      b2: a.b2b,
      wd: a.opt2 === "adam" ? a.wd2 : 0,
      sched: a.sched2,
      mode: a.mode2,
    };
    return [a, b];
  }

  /* Whether a schedule's setting is used by neither A's schedule nor B's (mode is A's own,
   * mode2 B's). The mode changes nothing with a staircase (the floor of k · (1/n) and of
   * k / n agree for every offered n, and p is then whole) or in the warm-up's cond. */
  function scheduleUnused(name, cfg) {
    const withB = cfg.opt2 === "none" ? [] : [cfg.sched2];
    const kinds = { mode: [cfg.sched], mode2: withB }[name] || [cfg.sched, ...withB];
    const stair = flag(String(cfg.stair)) === true;
    // Adam's weight decay is computed in another order in a graph (see descend()).
    const decays = (opt, wd) => {
      const x = number(String(wd));
      return opt === "adam" && x > 0 && validDecay(x);
    };
    if (name === "mode" && decays(cfg.opt, cfg.wd)) return false;
    if (name === "mode2" && cfg.opt2 !== "none" && decays(cfg.opt2, cfg.wd2)) return false;
    const classes = ["onecycle", "wsd"];
    const rewritten = [...(stair ? ["cosine"] : ["exponential", "inverse", "cosine"]), ...classes];
    const uses = {
      rate: ["exponential", "inverse"],
      stair: ["exponential", "inverse"],
      dsteps: ["exponential", "inverse", "cosine", "warmup"],
      mode: rewritten,
      mode2: rewritten,
      alpha: ["cosine", "warmup"],
      warm: ["warmup", "wsd"],
      ...Object.fromEntries(ONE_CYCLE.map((setting) => [setting, ["onecycle"]])),
      dstart: ["wsd"],
      cool: ["wsd"],
    }[name];
    return Boolean(uses) && !kinds.some((kind) => uses.includes(kind));
  }

  /* Why a setting in error changes nothing for now. */
  function unusedWhy(name, cfg, t) {
    if (name === "mode2" && cfg.opt2 === "none") return t.unusedB;
    if (name === "mode") return t.unusedMode;
    if (name === "mode2") return t.unusedMode2;
    if (scheduleUnused(name, cfg)) return t.unusedSchedule;
    if (name === "seed") return t.unusedSeed;
    if (name === "eps") return t.unusedAdam;
    if (["b1", "b2"].includes(name)) return t.unusedAdamA;
    if (["b1b", "b2b"].includes(name)) return t.unusedAdamB;
    if (name === "wd") return t.unusedWdA;
    if (name === "wd2") return t.unusedWdB;
    if (["lr2", "sched2"].includes(name) || (name === "beta2" && cfg.opt2 === "none"))
      return t.unusedB;
    return t.unused;
  }

  /* The Hessian's entries for curvatures l1, l2 along axes turned by `angle` degrees. */
  function hessian(cfg) {
    const { r } = arithmetic(cfg.dtype);
    const turn = (cfg.angle * Math.PI) / 180;
    // Exact at the angles where cos², sin² and cos·sin are known: 0, ±45 and ±90 degrees
    // (at 45°, a = (λ₁ + λ₂)/2 and b = (λ₁ − λ₂)/2, as adam.py writes them).
    const known = { 0: [1, 0, 0], 45: [0.5, 0.5, 0.5], 90: [0, 1, 0] };
    const exactly = known[Math.abs(cfg.angle)];
    if (exactly) {
      const [cc, ss, cs] = [exactly[0], exactly[1], Math.sign(cfg.angle) * exactly[2]];
      return {
        a: r(cfg.l1 * cc + cfg.l2 * ss),
        b: r((cfg.l1 - cfg.l2) * cs),
        d: r(cfg.l1 * ss + cfg.l2 * cc),
      };
    }
    const c = Math.cos(turn);
    const s = Math.sin(turn);
    return {
      a: r(cfg.l1 * c * c + cfg.l2 * s * s),
      b: r((cfg.l1 - cfg.l2) * c * s),
      d: r(cfg.l1 * s * s + cfg.l2 * c * c),
    };
  }

  /* Keras's update of one coordinate k (0 or 1) by the chosen optimiser: the new weight from
   * the gradient g, the weight x and the update's index i, whose rate is lr[i] (float32, cast
   * to the type); the slots are kept in here. */
  function optimizer(cfg, lr) {
    const { r, m } = arithmetic(cfg.dtype);
    if (cfg.opt === "adam") return adamUpdate(cfg, lr);
    if (cfg.opt === "sgd") return (_k, g, x, i) => r(x - m(g, lr[i]));
    const beta = f32(cfg.beta);
    const velocity = [0, 0];
    return (k, g, x, i) => {
      velocity[k] = r(m(velocity[k], beta) - m(g, lr[i]));
      return r(x + velocity[k]);
    };
  }

  /* Adam.update_step, operation by operation, at local step i + 1. Keras passes 1 − β₁,
   * 1 − β₂ and ε as Python floats, made tensors of the type; β^t comes from β cast through
   * float32 (powers()). */
  function adamUpdate(cfg, lr) {
    const { r, m, q } = arithmetic(cfg.dtype);
    const c1 = r(1 - Number(cfg.b1));
    const c2 = r(1 - Number(cfg.b2));
    const eps = r(cfg.eps);
    const p1 = powersFor(cfg.b1, cfg.dtype, cfg.steps);
    const p2 = powersFor(cfg.b2, cfg.dtype, cfg.steps);
    const mean = [0, 0];
    const square = [0, 0];
    let step = -1;
    let alpha = 0;
    return (k, g, x, i) => {
      if (i !== step) {
        step = i;
        alpha = q(m(lr[i], r(Math.sqrt(r(1 - p2[i + 1])))), r(1 - p1[i + 1]));
      }
      mean[k] = r(mean[k] + m(r(g - mean[k]), c1));
      square[k] = r(square[k] + m(r(m(g, g) - square[k]), c2));
      return r(x - q(m(mean[k], alpha), r(r(Math.sqrt(square[k])) + eps)));
    };
  }

  /* The run: w after each update (w[2n], w[2n + 1]) and the loss there, in the float type. */
  function descend(cfg) {
    const { r, m } = arithmetic(cfg.dtype);
    const { a, b, d } = hessian(cfg);
    // The rate of the update at step i; one more, the next update's, for the table.
    const rates = scheduleFor(cfg, cfg.sched, cfg.steps + 1);
    const update = optimizer(cfg, rates);
    // Adam's weight decay (AdamW), before the update: w − (w × wd) × lr, wd cast as β is. In
    // a graph, Grappler's arithmetic optimiser reorders the chain of products so that the
    // scalars are multiplied first: w − w × (wd × lr). In float32, where casting lr to the
    // type is no operation, a rate that is itself η × factor (exponential or cosine decay)
    // joins the chain: w − w × ((wd × η) × factor).
    const wd = cfg.opt === "adam" && cfg.wd > 0 ? r(f32(cfg.wd)) : 0;
    const graph = cfg.mode === "graph";
    const chained = graph && cfg.dtype === "float32" && rates.factors;
    const wdTimesEta = chained ? m(wd, f32(cfg.lr)) : 0;
    const scale = (i) => (chained ? m(wdTimesEta, rates.factors[i]) : m(wd, rates[i]));
    const decayed = (x, i) => {
      if (!wd) return x;
      return r(x - (graph ? m(x, scale(i)) : m(m(x, wd), rates[i])));
    };
    const sigma = r(cfg.sigma);
    const z = sigma === 0 ? null : noiseFor(cfg.seed, 2 * cfg.steps);
    const n = cfg.steps;
    const w = new Float64Array(2 * (n + 1));
    const loss = new Float64Array(n + 1);
    let w1 = r(cfg.w1);
    let w2 = r(cfg.w2);
    let finite = n; // the last update whose values are all finite
    for (let i = 0; ; i++) {
      let g1 = r(m(a, w1) + m(b, w2));
      let g2 = r(m(b, w1) + m(d, w2));
      w[2 * i] = w1;
      w[2 * i + 1] = w2;
      loss[i] = m(0.5, r(m(w1, g1) + m(w2, g2)));
      if (!Number.isFinite(loss[i])) {
        finite = i - 1;
        break;
      }
      if (i === n) break;
      if (z) {
        g1 = r(g1 + m(sigma, r(z[2 * i])));
        g2 = r(g2 + m(sigma, r(z[2 * i + 1])));
      }
      w1 = update(0, g1, decayed(w1, i), i);
      w2 = update(1, g2, decayed(w2, i), i);
    }
    return {
      a,
      b,
      d,
      w,
      loss,
      rates,
      last: finite,
      overflow: finite < n ? finite + 1 : 0,
      ...readouts(w, loss, n, finite),
    };
  }

  /* What the sentence under the plots reports: the first update within a millionth of the
   * start's distance, the update from which the loss stays below a millionth of the start's,
   * the first above a thousand times its loss, and the mean loss over the
   * second half of the updates (with noise, the floor the run settles at). */
  function readouts(w, loss, n, finite) {
    // As the chapter's code: Σw² ≤ ε²·Σw₀², in double. A start whose squares underflow
    // (float64 near 1e-160) is compared by the length itself; a start at the minimum never
    // "reaches" it, and a start whose loss is 0 has no multiple to pass.
    const square = w[0] ** 2 + w[1] ** 2;
    const small = square < 1e-280;
    const start = small ? Math.hypot(w[0], w[1]) : square;
    const near = (i) =>
      small
        ? Math.hypot(w[2 * i], w[2 * i + 1]) <= TOLERANCE * start
        : w[2 * i] ** 2 + w[2 * i + 1] ** 2 <= TOLERANCE ** 2 * start;
    let reached = 0;
    let blowUp = 0;
    for (let i = 1; i <= finite; i++) {
      if (!reached && start > 0 && near(i)) reached = i;
      if (!blowUp && loss[0] > 0 && loss[i] > BLOW_UP * loss[0]) blowUp = i;
    }
    const stays = staysBelow(loss, finite);
    const half = Math.floor(n / 2);
    let mean = 0;
    if (finite === n) {
      for (let i = half + 1; i <= n; i++) mean += loss[i];
      mean /= n - half;
    }
    let lowest = 0; // the first update with the lowest loss (numpy's argmin)
    for (let i = 1; i <= finite; i++) if (loss[i] < loss[lowest]) lowest = i;
    return { reached, blowUp, stays, lowest, settled: { from: half + 1, to: n, mean } };
  }

  /* adam.py's count: one past the last update whose loss is above a millionth of the start's;
   * 0 when that is the last update shown (adam.py prints steps + 1) or when the start's loss
   * is 0. A run that overflows is read up to its last finite update. */
  function staysBelow(loss, finite) {
    if (!(loss[0] > 0)) return 0;
    let i = finite;
    while (i >= 0 && !(loss[i] / loss[0] > TOLERANCE)) i--;
    return i < finite ? i + 1 : 0;
  }

  /* Half the side of the plotted square: the whole path, but at most four times the start's
   * distance from the minimum (a diverging path leaves the plot). */
  function extent(cfg, run) {
    const start = Math.max(Math.abs(cfg.w1), Math.abs(cfg.w2), 0.01);
    let far = start;
    for (let i = 0; i < 2 * (run.last + 1); i++) far = Math.max(far, Math.abs(run.w[i]));
    return Math.min(far, 4 * start) * 1.1;
  }

  /* The rate above which the steepest direction grows: 2 / λmax, or 2(1 + β) / λmax. */
  function stabilityLimit(cfg) {
    const top = Math.max(cfg.l1, cfg.l2);
    if (cfg.opt === "adam") return Number.NaN; // none is marked for Adam
    return cfg.opt === "momentum" ? (2 * (1 + f32(cfg.beta))) / top : 2 / top;
  }

  function choice(name, options) {
    const select = el("select", { name: name });
    options.forEach(([value, label]) => {
      select.appendChild(el("option", { value: value }, label));
    });
    return select;
  }

  const kept = new URLSearchParams();

  const writeUrl = (state) => writeAddress(Object.keys(DEFAULTS), state, kept);

  /* An SVG polyline's points in tenths of a unit (the line sits in a group scaled by 0.1, so
   * that whole numbers are written, which is quick), leaving out a point that falls on the
   * one before it: 10,000 updates of a converged run are a few hundred distinct points.
   * With `columns`, a run of points in one column of tenths keeps only its first, lowest,
   * highest and last point: a curve against the update number draws the same from them. */
  function polyline(count, xAt, yAt, columns) {
    const tenths = (v) => Math.round(Math.max(-1e5, Math.min(1e5, v)) * 10);
    const points = [];
    let column = [];
    const flush = () => {
      if (!column.length) return;
      const ys = column.map((p) => p[1]);
      const low = column[ys.indexOf(Math.min(...ys))];
      const high = column[ys.indexOf(Math.max(...ys))];
      const keep = [column[0], low, high, column[column.length - 1]];
      keep.sort((p, q) => p[2] - q[2]);
      keep.forEach((p, k) => {
        if (k === 0 || p !== keep[k - 1]) points.push(`${p[0]},${p[1]}`);
      });
      column = [];
    };
    let lastX = Number.NaN;
    let lastY = Number.NaN;
    for (let i = 0; i < count; i++) {
      const x = tenths(xAt(i));
      const y = tenths(yAt(i));
      if (columns) {
        if (x !== lastX) flush();
        column.push([x, y, i]);
      } else if (x !== lastX || y !== lastY || i === count - 1) points.push(`${x},${y}`);
      lastX = x;
      lastY = y;
    }
    flush();
    return points.join(" ");
  }

  /* The two figures, made once and redrawn in place: dragging the start must not replace
   * the element that holds the pointer. */
  function figures(t) {
    const contour = svgEl("svg", {
      viewBox: `0 0 ${SIZE} ${SIZE}`,
      class: "lr2-contour",
      role: "group",
      "aria-label": t.contour,
    });
    const contourTitle = contour.appendChild(svgEl("title"));
    contour.appendChild(
      svgEl("rect", { x: 0, y: 0, width: SIZE, height: SIZE, class: "lr2-frame" }),
    );
    const levels = [];
    for (let k = 0; k < 8; k++)
      levels.push(contour.appendChild(svgEl("ellipse", { class: "lr2-level" })));
    const tenth = { transform: "scale(0.1)" };
    const pathB = contour
      .appendChild(svgEl("g", tenth))
      .appendChild(svgEl("polyline", { class: "lr2-path lr2-b" }));
    const hereB = contour.appendChild(svgEl("circle", { r: 4, class: "lr2-here lr2-b" }));
    const path = contour
      .appendChild(svgEl("g", tenth))
      .appendChild(svgEl("polyline", { class: "lr2-path" }));
    const here = contour.appendChild(svgEl("circle", { r: 4, class: "lr2-here" }));
    const c = SIZE / 2;
    contour.appendChild(
      svgEl("path", { d: `M${c - 6} ${c}h12M${c} ${c - 6}v12`, class: "lr2-minimum" }),
    );
    // The start is an HTML button over the plot, not an SVG shape: a browser honours
    // `touch-action: none` on it, so a finger drags it while a swipe elsewhere scrolls.
    const holder = el("div", { class: "lr2-holder" });
    holder.appendChild(contour);
    const handle = holder.appendChild(el("button", { type: "button", class: "lr2-start" }));
    const width = 320;
    const height = 160;
    const loss = svgEl("svg", {
      viewBox: `0 0 ${width} ${height}`,
      class: "lr2-loss",
      role: "img",
    });
    loss.appendChild(
      svgEl("rect", { x: 36, y: 8, width: width - 44, height: height - 28, class: "lr2-frame" }),
    );
    const ticks = loss.appendChild(svgEl("g"));
    const curveB = loss
      .appendChild(svgEl("g", tenth))
      .appendChild(svgEl("polyline", { class: "lr2-path lr2-b" }));
    const curve = loss
      .appendChild(svgEl("g", tenth))
      .appendChild(svgEl("polyline", { class: "lr2-path" }));
    let scale = 1;
    const clamp = (v) => Math.max(-1e5, Math.min(1e5, v)).toFixed(1);
    const x = (w1) => clamp(c + w1 * scale);
    const y = (w2) => clamp(c - w2 * scale);
    const xu = (w1) => c + w1 * scale; // in units, for polyline()
    const yu = (w2) => c - w2 * scale;

    /* Run A (and B, or null) up to update `upTo`, each no further than its last. */
    function draw(cfg, run, upTo, view, runB) {
      scale = SIZE / (2 * view);
      // Levels: the start's loss, then a quarter of it each time (half the distance).
      const top = Math.max(run.loss[0], 1e-300);
      levels.forEach((ellipse, k) => {
        const level = top / 4 ** k;
        ellipse.setAttribute("cx", c);
        ellipse.setAttribute("cy", c);
        ellipse.setAttribute("rx", clamp(Math.sqrt((2 * level) / cfg.l1) * scale));
        ellipse.setAttribute("ry", clamp(Math.sqrt((2 * level) / cfg.l2) * scale));
        ellipse.setAttribute("transform", `rotate(${-cfg.angle} ${c} ${c})`);
      });
      const trace = (line, dot, r) => {
        const k = Math.min(upTo, r.last);
        const xs = (i) => xu(r.w[2 * i]);
        line.setAttribute(
          "points",
          polyline(k + 1, xs, (i) => yu(r.w[2 * i + 1])),
        );
        dot.setAttribute("cx", x(r.w[2 * k]));
        dot.setAttribute("cy", y(r.w[2 * k + 1]));
      };
      trace(path, here, run);
      if (runB) trace(pathB, hereB, runB);
      else pathB.setAttribute("points", "");
      hereB.setAttribute("visibility", runB ? "visible" : "hidden");
      const percent = (v) => `${Math.max(0, Math.min(100, (v / SIZE) * 100)).toFixed(2)}%`;
      handle.style.left = percent(xu(cfg.w1));
      handle.style.top = percent(yu(cfg.w2));
      handle.setAttribute(
        "aria-label",
        format(t.startHandle, { w1: brief(cfg.w1), w2: brief(cfg.w2) }),
      );
      contourTitle.textContent = format(t.contourAlt, {
        title: t.contour,
        w1: brief(cfg.w1),
        w2: brief(cfg.w2),
        count: counted(t, Math.min(upTo, run.last)),
        x1: brief(run.w[2 * Math.min(upTo, run.last)]),
        x2: brief(run.w[2 * Math.min(upTo, run.last) + 1]),
      });

      const logs = (r) =>
        Array.from({ length: r.last + 1 }, (_, i) => Math.log10(Math.max(r.loss[i], 1e-300)));
      const values = logs(run);
      const valuesB = runB ? logs(runB) : [];
      const every = [...values, ...valuesB];
      let low = Infinity;
      let high = -Infinity;
      for (const v of every) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
      low = Math.floor(low);
      high = Math.ceil(high);
      const span = Math.max(1, high - low);
      const n = Math.max(1, run.last, runB ? runB.last : 0);
      const lx = (i) => 36 + (i / n) * (width - 44);
      const ly = (v) => 8 + ((high - v) / span) * (height - 28);
      ticks.textContent = "";
      const stride = Math.max(1, Math.ceil(span / 4));
      for (let p = low; p <= high; p += stride) {
        const label = ticks.appendChild(
          svgEl("text", {
            x: 32,
            y: (ly(p) + 4).toFixed(1),
            "text-anchor": "end",
            class: "lr2-tick",
          }),
        );
        label.textContent = `1e${p}`;
      }
      const last = ticks.appendChild(
        svgEl("text", { x: width - 8, y: height - 4, "text-anchor": "end", class: "lr2-tick" }),
      );
      last.textContent = String(n);
      const curveOf = (line, vs) => {
        const k = Math.min(upTo, vs.length - 1);
        line.setAttribute(
          "points",
          polyline(k + 1, lx, (i) => ly(vs[i]), true),
        );
      };
      curveOf(curve, values);
      if (runB) curveOf(curveB, valuesB);
      else curveB.setAttribute("points", "");
      loss.setAttribute(
        "aria-label",
        format(t.lossAlt, {
          title: t.lossPlot,
          count: counted(t, Math.min(upTo, run.last)),
          from: brief(run.loss[0]),
          to: brief(run.loss[Math.min(upTo, run.last)]),
        }),
      );
    }

    const toWeights = (px, py) => [(px - c) / scale, (c - py) / scale];
    return { contour, holder, loss, handle, draw, toWeights };
  }

  /* The map of momentum_map.py. For heavy ball along one axis of the bowl, curvature λ and
   * h = η·λ, the error follows e ← (1 + β − h)·e − β·e₋₁: the larger |z| of the roots of
   * z² − (1 + β − h)·z + β = 0, the update's spectral radius, is the factor by which the
   * error shrinks (or grows) per update in the long run. Computed as the snippet computes
   * it, with +, ×, √ only, on the snippet's grid (numpy's linspace: i × step, the last
   * value the end itself), and coloured as Matplotlib colours it: viridis from 0 to 1 (its
   * 256 colours as bytes, each channel ⌊255·x⌋), light grey above 1. */
  function radius(h, beta) {
    const a = 1 + beta - h;
    const disc = a * a - 4 * beta;
    return disc < 0 ? Math.sqrt(beta) : (Math.abs(a) + Math.sqrt(Math.max(disc, 0))) / 2;
  }
  const linspace = (stop, num) =>
    Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : i * (stop / (num - 1))));
  const MAP_H = linspace(4.5, 226).slice(1); // η·λ: 225 columns, 0 left out
  const MAP_BETA = linspace(0.995, 200); // β: 200 rows, from the bottom
  const VIRIDIS =
    "44015444025544035745055845065a45085b46095c460b5e460c5f460e61470f6247116347126547146647156747166947186a48196b481a6c481c6e481d6f481e70482071482172482273482374472575472676472777472878472a79472b7a472c7b462d7c462f7c46307d46317e45327f45347f453580453681443781443982433a83433b83433c84423d84423e854240854141864142864043874044873f45873f47883e48883e49893d4a893d4b893d4c893c4d8a3c4e8a3b508a3b518a3a528b3a538b39548b39558b38568b38578c37588c37598c365a8c365b8c355c8c355d8c345e8d345f8d33608d33618d32628d32638d31648d31658d31668d30678d30688d2f698d2f6a8d2e6b8e2e6c8e2e6d8e2d6e8e2d6f8e2c708e2c718e2c728e2b738e2b748e2a758e2a768e2a778e29788e29798e287a8e287a8e287b8e277c8e277d8e277e8e267f8e26808e26818e25828e25838d24848d24858d24868d23878d23888d23898d22898d228a8d228b8d218c8d218d8c218e8c208f8c20908c20918c1f928c1f938b1f948b1f958b1f968b1e978a1e988a1e998a1e998a1e9a891e9b891e9c891e9d881e9e881e9f881ea0871fa1871fa2861fa38620a48520a58521a68521a78422a78423a88323a98224aa8225ab8126ac8127ad8028ae7f29af7f2ab07e2bb17d2cb17d2eb27c2fb37b30b47a32b57a33b67935b77836b87738b97639b9763bba753dbb743ebc7340bd7242be7144be7045bf6f47c06e49c16d4bc26c4dc26b4fc36951c46853c56755c66657c66559c7645bc8625ec96160c96062ca5f64cb5d67cc5c69cc5b6bcd596dce5870ce5672cf5574d05477d05279d1517cd24f7ed24e81d34c83d34b86d44988d5478bd5468dd64490d64392d74195d73f97d83e9ad83c9dd93a9fd938a2da37a5da35a7db33aadb32addc30afdc2eb2dd2cb5dd2bb7dd29bade27bdde26bfdf24c2df22c5df21c7e01fcae01ecde01dcfe11cd2e11bd4e11ad7e219dae218dce218dfe318e1e318e4e318e7e419e9e419ece41aeee51bf1e51cf3e51ef6e61ff8e621fae622fde724";
  // The 256 colours and, last, Matplotlib's "lightgrey" for a radius above 1, as bytes.
  const LUT = Uint8Array.from({ length: 3 * 257 }, (_, i) =>
    i < 768 ? Number.parseInt(VIRIDIS.slice(2 * i, 2 * i + 2), 16) : 211,
  );
  function colour(r) {
    let x = r * 256; // as Matplotlib: the top value itself takes the last colour
    if (x === 256) x = 255;
    return x < 256 ? Math.trunc(x) : 256; // an index into LUT
  }
  function paint(canvas, width, height, colourAt) {
    const context = canvas.getContext("2d");
    const image = context.createImageData(width, height);
    const bytes = image.data;
    for (let row = 0, at = 0; row < height; row++) {
      for (let col = 0; col < width; col++, at += 4) {
        const k = 3 * colourAt(row, col);
        bytes[at] = LUT[k];
        bytes[at + 1] = LUT[k + 1];
        bytes[at + 2] = LUT[k + 2];
        bytes[at + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
  }

  // A radius within 5e-4 of 1 but not 1 gets the digits that tell it from 1.
  const nearOne = (r) =>
    r !== 1 && Math.abs(r - 1) < 5e-4 ? String(+r.toPrecision(10)) : brief(r);

  /* The map's figure: the picture (a canvas under an SVG of axes, lines and marks), the
   * points of A's and B's two axes, and a sentence with their numbers. */
  function stabilityMap(t) {
    const [W, H, PX, PY, PW, PH] = [320, 236, 36, 8, 240, 200];
    const box = el("div", { class: "lr2-mapbox" });
    const placed = (left, top, width, height) =>
      `left:${(100 * left) / W}%;top:${(100 * top) / H}%;` +
      `width:${(100 * width) / W}%;height:${(100 * height) / H}%`;
    const picture = box.appendChild(
      el("canvas", {
        width: MAP_H.length,
        height: MAP_BETA.length,
        class: "lr2-map-picture",
        style: placed(PX, PY, PW, PH),
        "data-lr2-map-picture": "",
      }),
    );
    const bar = box.appendChild(
      el("canvas", {
        width: 1,
        height: 256,
        class: "lr2-map-picture",
        style: placed(284, 28, 8, 180),
        "data-lr2-map-bar": "",
      }),
    );
    const svg = box.appendChild(
      svgEl("svg", { viewBox: `0 0 ${W} ${H}`, class: "lr2-map", role: "img" }),
    );
    const mx = (h) => PX + (Math.min(h, 4.5) / 4.5) * PW;
    const my = (beta) => PY + (1 - beta) * PH;
    const text = (x, y, words, anchor = "middle") => {
      const node = svg.appendChild(
        svgEl("text", { x, y, "text-anchor": anchor, class: "lr2-tick" }),
      );
      node.textContent = words;
    };
    svg.appendChild(svgEl("rect", { x: PX, y: PY, width: PW, height: PH, class: "lr2-frame" }));
    [0, 1, 2, 3, 4].forEach((h) => {
      text(mx(h), PY + PH + 12, String(h));
    });
    text(PX + PW / 2, H - 2, "η·λ");
    [0, 0.5, 1].forEach((beta) => {
      text(PX - 4, my(beta) + 4, String(beta), "end");
    });
    text(10, PY + PH / 2, "β");
    [
      [0, 208],
      [0.5, 118],
      [1, 28],
    ].forEach(([value, y]) => {
      text(296, y + 4, String(value), "start");
    });
    svg.appendChild(svgEl("rect", { x: 284, y: 8, width: 8, height: 14, class: "lr2-map-over" }));
    text(296, 19, "> 1", "start");
    // The stability limit h = 2(1 + β), dashed; above the dotted curve β = (1 − √h)² the
    // roots are complex and the radius is √β.
    svg.appendChild(
      svgEl("line", {
        x1: mx(2),
        y1: my(0),
        x2: mx(4),
        y2: my(1),
        class: "lr2-map-limit",
        "data-lr2-map-limit": "",
      }),
    );
    const edge = Array.from({ length: 101 }, (_, k) => {
      const h = (4 * k) / 100;
      return `${mx(h).toFixed(1)},${my((1 - Math.sqrt(h)) ** 2).toFixed(1)}`;
    });
    const curve = edge.join(" "); // white dots on a dark line: seen on yellow and grey too
    svg.appendChild(svgEl("polyline", { points: curve, class: "lr2-map-edge-halo" }));
    svg.appendChild(
      svgEl("polyline", { points: curve, class: "lr2-map-edge", "data-lr2-map-edge": "" }),
    );
    const marks = svg.appendChild(svgEl("g"));
    // The picture's text alternative: what it shows; the sentence, with its numbers, is
    // read after it (aria-describedby), and shown under it.
    const says = el("p", { class: "lr2-map-says", id: "lr2-map-says", "data-lr2-map": "" });
    svg.setAttribute("aria-label", t.mapTitle + t.mapJoin + t.mapAxes);
    svg.setAttribute("aria-describedby", "lr2-map-says");
    let painted = false;

    /* The two axes of one run: η·λ for each at the rate of the update after the one shown. */
    function points(settings, r, upTo) {
      if (settings.opt === "adam") return null;
      const k = Math.min(upTo, r.last);
      const lr = r.rates[k];
      const beta = settings.opt === "momentum" ? f32(settings.beta) : 0; // as Keras casts it
      const h = [lr * settings.l1, lr * settings.l2];
      return { beta, h, r: h.map((x) => radius(x, beta)) };
    }

    /* Where a point's label goes: A's above it and B's below, each turned the other way at
     * the top or the bottom of the map, and to its left near the right edge. */
    function labelAt(x, y, h, below) {
      const under = below ? y < PY + PH - 12 : y < PY + 12;
      return {
        x: h > 4 ? x - 8 : x + 8,
        y: under ? y + 16 : y - 8,
        "text-anchor": h > 4 ? "end" : "start",
      };
    }

    /* The two points of one run, A's round and B's square (larger, drawn first, so that A's
     * shows inside it), each outlined in black and white so that it stands out on any colour,
     * and labelled with its axis: A's above, B's below, one label if the two coincide. */
    function mark(p, name, extra) {
      const size = name === "A" ? 4 : 6;
      const shape = (x, y, grow, cls) =>
        name === "A"
          ? svgEl("circle", { cx: x, cy: y, r: size + grow, class: cls })
          : svgEl("rect", {
              x: x - size - grow,
              y: y - size - grow,
              width: 2 * (size + grow),
              height: 2 * (size + grow),
              class: cls,
            });
      const same = p.h[0] === p.h[1];
      p.h.forEach((h, i) => {
        if (same && i === 1) return;
        const [x, y] = [mx(h), my(p.beta)];
        marks.appendChild(shape(x, y, 1.5, "lr2-map-outline"));
        marks.appendChild(shape(x, y, 0, `lr2-map-point${extra}`));
        const label = marks.appendChild(
          svgEl("text", { ...labelAt(x, y, h, name === "B"), class: `lr2-map-label${extra}` }),
        );
        label.textContent = same ? `${name}₁,₂` : `${name}${i ? "₂" : "₁"}`;
      });
    }

    /* What a run's points say: their numbers, and what the larger radius means for the
     * error if the rate were held, with the run's schedule and noise said. */
    function sentence(p, settings, noisy) {
      const numbers = {
        beta: brief(p.beta),
        h1: brief(p.h[0]),
        r1: nearOne(p.r[0]),
        h2: brief(p.h[1]),
        r2: nearOne(p.r[1]),
      };
      let said = format(t.mapPoints, numbers);
      const worst = Math.max(...p.r);
      if (worst > 1) said += t.mapGrows;
      else if (worst === 1) said += t.mapSteady;
      else said += format(t.mapShrinks, { r: nearOne(worst) });
      if (settings.sched !== "constant") said += t.mapScheduled;
      if (noisy) said += t.mapNoise;
      if (Math.max(...p.h) > 4.5) said += t.mapBeyond;
      return said;
    }

    /* The map's (η·λ, β) under a point of the screen; null off the coloured square. A
     * click reports whole CSS pixels: one more pixel around the square counts as its edge. */
    function at(clientX, clientY) {
      const r = svg.getBoundingClientRect();
      const x = ((clientX - r.left) / r.width) * W;
      const y = ((clientY - r.top) / r.height) * H;
      const pixel = W / r.width; // a CSS pixel in the SVG's units (the same both ways)
      const near = (v, from, size) => v >= from - pixel && v <= from + size + pixel;
      if (!(near(x, PX, PW) && near(y, PY, PH))) return null;
      const within = (v) => Math.min(1, Math.max(0, v));
      return { h: within((x - PX) / PW) * 4.5, beta: within(1 - (y - PY) / PH) };
    }

    function draw(cfg, run, upTo, runB, b) {
      if (!painted) {
        const rows = MAP_BETA.length;
        paint(picture, MAP_H.length, rows, (row, col) =>
          colour(radius(MAP_H[col], MAP_BETA[rows - 1 - row])),
        );
        paint(bar, 1, 256, (row) => 255 - row); // the colours from the top, radius 1, down
        painted = true;
      }
      marks.textContent = "";
      const runs = [
        [points(cfg, run, upTo), "A", ""],
        [runB && points(b, runB, upTo), "B", " lr2-b"],
      ];
      [...runs].reverse().forEach(([p, name, extra]) => {
        if (p) mark(p, name, extra); // B's first, under A's
      });
      const said = [];
      const settings = (name) => (name === "A" ? cfg : b);
      const noisy = cfg.sigma > 0;
      runs.forEach(([p, name]) => {
        if (!runB && name === "B") return;
        const who = runB ? format(t.mapWho, { name }) : "";
        if (!p) {
          said.push(who + t.mapAdam);
          says.removeAttribute(`data-lr2-map-${name.toLowerCase()}`);
          return;
        }
        said.push(who + sentence(p, settings(name), noisy));
        says.setAttribute(`data-lr2-map-${name.toLowerCase()}`, [p.beta, ...p.h, ...p.r].join(" "));
      });
      if (!runB) says.removeAttribute("data-lr2-map-b");
      says.textContent = said.join(t.sentenceJoin);
    }
    return { box, says, draw, at };
  }

  /* The first rows and the current one; with B, its columns beside A's ("—" past a run's
   * last update). */
  function valueTable(t, cfg, run, upTo, runB) {
    const steps = [];
    for (let i = 0; i <= Math.min(upTo, TABLE_ROWS); i++) steps.push(i);
    if (upTo > TABLE_ROWS) steps.push(upTo);
    // With a schedule, a run's columns end with the rate of the next update (float32).
    const scheduled = (kind) => kind !== "constant";
    const cells = (r, i, kind) => {
      const past = i > r.last;
      const shown = past ? ["—", "—", "—"] : [r.w[2 * i], r.w[2 * i + 1], r.loss[i]];
      if (scheduled(kind)) shown.push(past ? "—" : r.rates[i]);
      return shown.map((x, k) => (x === "—" ? x : exact(x, k === 3 ? "float32" : cfg.dtype)));
    };
    const names = (kind) => ["w₁", "w₂", t.loss, ...(scheduled(kind) ? [t.rateColumn] : [])];
    const headers = [t.index, ...names(cfg.sched)];
    if (runB) headers.push(...names(cfg.sched2).map((name) => format(t.columnB, { name })));
    return scrollingTable(
      t.tableRegion,
      "data-lr2-table",
      format(t.table, { dtype: cfg.dtype }),
      headers,
      steps.map((i) => [
        i,
        ...cells(run, i, cfg.sched),
        ...(runB ? cells(runB, i, cfg.sched2) : []),
      ]),
    );
  }

  function build(root) {
    const lang = (document.documentElement.lang || "en").slice(0, 2);
    const t = TEXT[lang] || TEXT.en;
    const fromUrl = readAddress(DEFAULTS, t, kept);
    let state = fromUrl.state;
    let notes = fromUrl.notes;
    let run = null;
    let runB = null; // the second run, B, when one is compared
    let cfgB = null; // B's settings: A's, with B's own optimiser, rate, β's, decay, schedule
    let cfg = null;
    const final = () => Math.max(run ? run.last : 0, runB ? runB.last : 0);
    let upTo = 0; // the update the plots and the table show
    let timer = 0;
    let view = 1;

    root.textContent = "";
    // The presets, grouped by the snippet whose runs they are; folded on a phone, where the
    // 30 buttons would push the explorer a screen down.
    const presets = el("details", { class: "lr2-presets" });
    presets.open = !window.matchMedia("(max-width: 37.5em)").matches;
    presets.appendChild(el("summary", {}, t.presets));
    const groups = new Map();
    PRESETS.forEach((p) => {
      if (!groups.has(p.snippet)) {
        const id = `lr2-presets-${groups.size}`;
        const group = el("div", { class: "lr-presets", role: "group", "aria-labelledby": id });
        group.appendChild(el("code", { class: "lr2-presets-file", id }, p.snippet));
        groups.set(p.snippet, presets.appendChild(group));
      }
      const button = el(
        "button",
        { type: "button", class: "md-button", "data-preset": p.id },
        format(p.label, {
          momentum: t.presetMomentum,
          noise: t.presetNoise,
          loss: t.loss,
          limits: t.presetLimits,
          rings: t.presetRings,
          cosine: t.presetCosine,
          cosineLong: t.presetCosineLong,
          onecycle: t.presetOneCycle,
        }),
      );
      button.addEventListener("click", () => {
        state = { ...p.cfg };
        notes = [];
        fill();
        update(true);
      });
      groups.get(p.snippet).appendChild(button);
    });
    root.appendChild(presets);

    // Every number is typed as text (full-width digits and 。 are read too); `numeric`
    // asks a phone for digits only, `decimal` for a point as well.
    const typed = (name, mode = "decimal") => el("input", { name, type: "text", inputmode: mode });
    const listed = (name, values = NUMBER_LISTS[name]) =>
      choice(
        name,
        values.map((v) => [v, v]),
      );
    const inputs = {
      l1: typed("l1"),
      l2: typed("l2"),
      angle: typed("angle"),
      opt: choice("opt", [
        ["sgd", t.gd],
        ["momentum", t.momentum],
        ["adam", t.adam],
      ]),
      lr: typed("lr"),
      beta: typed("beta"),
      b1: listed("b1"),
      b2: listed("b2"),
      eps: typed("eps"),
      wd: typed("wd"),
      sched: choice(
        "sched",
        SCHEDULES.map((kind) => [kind, t[kind]]),
      ),
      rate: listed("rate"),
      dsteps: listed("dsteps"),
      stair: choice("stair", [
        ["0", t.no],
        ["1", t.yes],
      ]),
      alpha: typed("alpha"),
      warm: typed("warm", "numeric"),
      total: typed("total", "numeric"),
      pct: typed("pct"),
      div: typed("div"),
      fdiv: typed("fdiv"),
      dstart: typed("dstart", "numeric"),
      cool: typed("cool", "numeric"),
      mode: choice("mode", [
        ["graph", t.graph],
        ["eager", t.eager],
      ]),
      dtype: choice("dtype", [
        ["float32", "float32"],
        ["float64", "float64"],
      ]),
      steps: typed("steps", "numeric"),
      w1: typed("w1"),
      w2: typed("w2"),
      sigma: typed("sigma"),
      seed: typed("seed", "numeric"),
      opt2: choice("opt2", [
        ["none", t.none],
        ["sgd", t.gd],
        ["momentum", t.momentum],
        ["adam", t.adam],
      ]),
      lr2: typed("lr2"),
      beta2: typed("beta2"),
      b1b: listed("b1b"),
      b2b: listed("b2b"),
      wd2: typed("wd2"),
      sched2: choice(
        "sched2",
        SCHEDULES.map((kind) => [kind, t[kind]]),
      ),
      mode2: choice("mode2", [
        ["graph", t.graph],
        ["eager", t.eager],
      ]),
    };
    const form = el("div", { class: "lr-form" });
    // The rate: typed exactly, or on a log-scale slider whose track marks the stability limit;
    // the limit is also written under it, and read with both by a screen reader.
    const limitNote = el("p", { class: "lr2-limit", id: "lr2-limit", "data-lr2-limit": "" });
    const slider = el("input", {
      type: "range",
      min: "0",
      max: String(SLIDER_STOPS),
      step: "1",
      "aria-label": t.lrSlider,
      "aria-describedby": "lr2-limit",
    });
    const mark = el("span", { class: "lr2-mark", "aria-hidden": "true", "data-lr2-mark": "" });
    Object.keys(inputs).forEach((k) => {
      const box = form.appendChild(field(t[k === "opt" ? "optimizer" : k], inputs[k]));
      if (k !== "lr") return;
      const track = box.appendChild(el("div", { class: "lr2-rate" }));
      track.appendChild(slider);
      track.appendChild(mark);
      box.appendChild(limitNote);
    });
    slider.addEventListener("input", () => {
      state.lr = String(sliderRate(+slider.value));
      inputs.lr.value = state.lr;
      notes = [];
      update(false);
    });
    /* The slider follows a valid typed rate; the mark sits at the limit, hidden off the scale. */
    function syncSlider(limit) {
      const rate = number(state.lr);
      if (inRange(rate, LIMITS.lrMin, LIMITS.lrMax)) slider.value = String(sliderPosition(rate));
      slider.setAttribute("aria-valuetext", `η = ${inputs.lr.value}`);
      const inside = limit >= LIMITS.lrMin && limit <= LIMITS.lrMax;
      mark.hidden = !inside;
      if (inside) mark.style.setProperty("--at", String(sliderPosition(limit) / SLIDER_STOPS));
    }
    root.appendChild(form);

    const controls = el("div", { class: "lr2-controls" });
    // data-lr2-control names each button for the tests, in either language.
    const button = (name, text, more) =>
      el("button", { type: "button", class: "md-button", "data-lr2-control": name, ...more }, text);
    const stepButton = button("step", t.step);
    const playButton = button("play", t.play, { "aria-pressed": "false" });
    const resetButton = button("reset", t.reset);
    const endButton = button("end", t.end);
    [stepButton, playButton, resetButton, endButton].forEach((b) => {
      controls.appendChild(b);
    });
    root.appendChild(controls);
    const messages = el("div", { class: "lr-messages", "aria-live": "polite" });
    root.appendChild(messages);
    const status = el("p", { class: "lr-summary", "aria-live": "polite", "data-lr2-status": "" });
    root.appendChild(status);
    const out = el("div", { class: "lr2-output" });
    root.appendChild(out);

    function fill() {
      Object.keys(inputs).forEach((k) => {
        inputs[k].value = state[k];
      });
    }

    function stop(quiet) {
      if (timer) cancelAnimationFrame(timer);
      timer = 0;
      playButton.textContent = t.play;
      playButton.setAttribute("aria-pressed", "false");
      if (!quiet) describe();
      keepAt();
    }

    /* The address names the update shown (`at`), written when the run stands still. */
    function keepAt() {
      if (!run || timer) return;
      const at = upTo === final() ? "end" : String(upTo);
      if (state.at === at) return;
      state.at = at;
      urlSoon();
    }

    function describe() {
      if (!run) return;
      const summary = (r) => {
        const k = Math.min(upTo, r.last);
        return format(t.summary, {
          count: counted(t, k),
          w1: brief(r.w[2 * k]),
          w2: brief(r.w[2 * k + 1]),
          loss: brief(r.loss[k]),
        });
      };
      const parts = [summary(run)];
      if (runB) parts.push(format(t.saysB, { said: summary(runB) }));
      // A live region speaks each change: rewrite it only when the words change.
      const text = parts.join(t.sentenceJoin);
      if (status.textContent !== text) status.textContent = text;
    }

    const plots = figures(t);
    const figureBox = el("div", { class: "lr2-figures" });
    const first = figureBox.appendChild(el("figure"));
    first.appendChild(plots.holder);
    first.appendChild(el("figcaption", {}, t.contour));
    const second = figureBox.appendChild(el("figure"));
    second.appendChild(plots.loss);
    second.appendChild(el("figcaption", {}, t.lossPlot));
    const map = stabilityMap(t);
    const third = figureBox.appendChild(el("figure", { class: "lr2-map-figure" }));
    third.appendChild(map.box);
    third.appendChild(el("figcaption", {}, t.mapTitle + t.mapJoin + t.mapClick));
    third.appendChild(map.says);
    root.insertBefore(figureBox, out);
    // Which line is which when B is drawn: A solid, B dashed (not told by colour alone).
    const legend = el("p", { class: "lr2-legend", hidden: "" });
    const legendA = legend.appendChild(el("span", { class: "lr2-key" }));
    const legendB = legend.appendChild(el("span", { class: "lr2-key lr2-b" }));
    root.insertBefore(legend, out);
    const tableBox = root.appendChild(el("div", { class: "lr2-table" }));

    /* Draw the run up to update `upTo`. While the start is dragged (`light`), the table and
     * the live region wait for the drop: they are rebuilt then, once. */
    function draw(light) {
      out.textContent = "";
      figureBox.hidden = !run;
      if (!run) {
        status.textContent = "";
        tableBox.textContent = "";
        return;
      }
      plots.draw(cfg, run, upTo, view, runB);
      if (!light) map.draw(cfg, run, upTo, runB, cfgB); // a drag moves no point of the map
      legend.hidden = !runB;
      if (runB) {
        const words = { sgd: t.whatSgd, momentum: t.whatMomentum, adam: t.whatAdam };
        const what = (s) =>
          format(words[s.opt], { lr: brief(s.lr), beta: brief(s.beta), b1: s.b1, b2: s.b2 }) +
          (s.wd > 0 ? format(t.whatDecay, { wd: brief(s.wd) }) : "") +
          (s.sched === "constant" ? "" : format(t.whatSchedule, { name: t[s.sched] }));
        legendA.textContent = format(t.runA, { what: what(cfg) });
        legendB.textContent = format(t.runB, { what: what(cfgB) });
      }
      const entries = {
        a: exact(run.a, cfg.dtype),
        b: exact(run.b, cfg.dtype),
        d: exact(run.d, cfg.dtype),
      };
      out.appendChild(
        el(
          "p",
          { class: "lr2-hessian", "data-a": entries.a, "data-b": entries.b, "data-d": entries.d },
          format(t.hessian, { ...entries, dtype: cfg.dtype }),
        ),
      );
      out.appendChild(readout(run, "data-lr2", (text) => text));
      if (runB)
        out.appendChild(readout(runB, "data-lr2b", (text) => format(t.saysB, { said: text })));
      if (light) {
        tableBox.setAttribute("aria-busy", "true");
        return;
      }
      tableBox.removeAttribute("aria-busy");
      tableBox.replaceChildren(valueTable(t, cfg, run, upTo, runB));
      if (upTo > TABLE_ROWS)
        tableBox.appendChild(el("p", {}, format(t.truncated, { n: TABLE_ROWS + 1 })));
      if (!timer) describe(); // the live region speaks when the run stands still
      keepAt();
    }

    /* The sentence under the plots for one run; its numbers also in data attributes. */
    function readout(r, prefix, wrap) {
      const said = [
        r.reached
          ? format(t.reached, { n: r.reached })
          : format(t.notReached, { count: counted(t, r.last) }),
      ];
      if (r.stays) said.push(format(t.stays, { n: r.stays }));
      if (r.blowUp) said.push(format(t.blowUp, { n: r.blowUp, times: BLOW_UP }));
      if (r.lowest < r.last) {
        said.push(format(t.lowest, { n: r.lowest, loss: exact(r.loss[r.lowest], cfg.dtype) }));
      }
      if (cfg.sigma > 0 && !r.overflow && r.settled.to >= r.settled.from) {
        said.push(format(t.settled, { ...r.settled, mean: brief(r.settled.mean) }));
      }
      if (r.overflow) said.push(format(t.overflow, { n: r.overflow, dtype: cfg.dtype }));
      return el(
        "p",
        {
          [`${prefix}-reached`]: String(r.reached),
          [`${prefix}-stays`]: String(r.stays),
          [`${prefix}-blowup`]: String(r.blowUp),
          [`${prefix}-lowest`]: String(r.lowest),
          [`${prefix}-settled`]: String(r.settled.mean),
        },
        wrap(said.join(t.sentenceJoin)),
      );
    }

    /* A click or a tap on the map makes A heavy ball with the β there, at the rate that puts
     * its steepest axis (λmax) at the η·λ there: β to 3 decimals, at most the map's top row;
     * the rate to 3 significant digits, within the rate's limits (a message says when a
     * limit is used). With a schedule the rate set is its η, and the run opens at the update
     * before the first that uses the highest rate the run reaches (the point is drawn at the
     * next update's rate): η, unless the peak lies beyond the updates, between two of them
     * (one-cycle), or WSD's decay starts before its warm-up ends. */
    map.box.addEventListener("click", (event) => {
      const where = run && map.at(event.clientX, event.clientY);
      if (!where) return;
      const wanted = +(where.h / Math.max(cfg.l1, cfg.l2)).toPrecision(3);
      const lr = Math.min(LIMITS.lrMax, Math.max(LIMITS.lrMin, wanted));
      state.opt = "momentum";
      state.lr = String(lr);
      state.beta = String(+Math.min(MAP_BETA.at(-1), Math.max(0, where.beta)).toFixed(3));
      ["opt", "lr", "beta"].forEach((name) => {
        inputs[name].value = state[name];
      });
      notes = lr === wanted ? [] : [["lr", format(t.mapHeld, { wanted, lr })]];
      update(false);
      if (!run || cfg.sched === "constant") return;
      let peak = 0; // the first update whose next rate is the run's highest
      for (let k = 1; k <= run.last; k++) if (run.rates[k] > run.rates[peak]) peak = k;
      upTo = peak;
      // The schedule's highest rate over all the updates set, not only those of a run that
      // blew up first: only then is the schedule what keeps the point left of the click.
      const highest = run.rates.reduce((a, b) => Math.max(a, b));
      if (highest < f32(cfg.lr)) {
        const below = format(t.mapBelow, { lr: state.lr, top: exact(highest, "float32") });
        notes.push(["lr", below]);
        messages.appendChild(el("p", { class: "lr-warning", "data-field": "lr" }, below));
      }
      draw();
    });

    // The start follows the pointer (mouse, pen or finger) and the arrow keys.
    let dragging = false;
    function moveStart(w1, w2) {
      const round = (v) =>
        String(+Math.max(-LIMITS.startMax, Math.min(LIMITS.startMax, v)).toPrecision(3));
      state.w1 = round(w1);
      state.w2 = round(w2);
      inputs.w1.value = state.w1;
      inputs.w2.value = state.w2;
      notes = [];
      update(false, true, dragging);
    }
    let pending = null;
    const pointerAt = (event) => {
      const box = plots.contour.getBoundingClientRect();
      return plots.toWeights(
        ((event.clientX - box.left) / box.width) * SIZE,
        ((event.clientY - box.top) / box.height) * SIZE,
      );
    };
    // A mouse or a pen moves the start from anywhere on the plot; a finger only from the
    // start itself, so that a swipe across the plot still scrolls the page.
    plots.holder.addEventListener("pointerdown", (event) => {
      if (!run || (event.pointerType === "touch" && event.target !== plots.handle)) return;
      event.preventDefault(); // the focus goes to the start, not to the page
      plots.holder.setPointerCapture(event.pointerId);
      plots.handle.focus({ preventScroll: true });
      dragging = true;
      moveStart(...pointerAt(event));
    });
    const drop = () => {
      if (!dragging) return;
      dragging = false;
      pending = null;
      draw();
    };
    plots.holder.addEventListener("pointerup", drop);
    plots.holder.addEventListener("pointercancel", drop);
    plots.holder.addEventListener("lostpointercapture", drop);
    plots.holder.addEventListener("pointermove", (event) => {
      if (!run || !plots.holder.hasPointerCapture(event.pointerId)) return;
      if (!pending) {
        requestAnimationFrame(() => {
          const where = pending;
          pending = null;
          if (!where || !dragging) return;
          const begun = performance.now();
          moveStart(...where);
          plots.contour.getBoundingClientRect(); // the frame's layout, inside the measure
          // The work of one frame of the drag, for the benchmark (User Timing).
          performance.measure("lr2 drag frame", { start: begun });
        });
      }
      pending = pointerAt(event);
    });
    plots.handle.addEventListener("keydown", (event) => {
      const by = (event.shiftKey ? 0.01 : 0.05) * view;
      const moves = {
        ArrowLeft: [-by, 0],
        ArrowRight: [by, 0],
        ArrowUp: [0, by],
        ArrowDown: [0, -by],
      };
      if (!run || !moves[event.key]) return;
      event.preventDefault();
      moveStart(cfg.w1 + moves[event.key][0], cfg.w2 + moves[event.key][1]);
    });

    /* The messages for a checked state; the fields in error are marked and named. */
    function problems(checked) {
      const fresh = [];
      root.querySelectorAll("[aria-invalid]").forEach((n) => {
        n.removeAttribute("aria-invalid");
        n.removeAttribute("aria-describedby");
      });
      checked.errors.forEach(([name, message]) => {
        const id = `lr2-message-${name}`;
        fresh.push(el("p", { class: "lr-error", "data-field": name, id }, message));
        inputs[name]?.setAttribute("aria-invalid", "true");
        inputs[name]?.setAttribute("aria-describedby", id);
      });
      notes.concat(checked.warnings).forEach(([name, message]) => {
        const attrs = { class: "lr-warning" };
        if (name) attrs["data-field"] = name;
        fresh.push(el("p", attrs, message));
      });
      return fresh;
    }

    /* Run the checked settings (A, and B if compared); warnings for rates above a limit. */
    function compute(checked, fromStart, keepView) {
      [cfg, cfgB] = runSettings(checked);
      run = descend(cfg);
      runB = cfg.opt2 === "none" ? null : descend(cfgB);
      upTo = fromStart ? 0 : final();
      if (!keepView) view = Math.max(extent(cfg, run), runB ? extent(cfg, runB) : 0);
      const limit = stabilityLimit(cfg);
      limitNote.textContent = limitText(cfg, limit);
      syncSlider(limit);
      return [...beyond(cfg, run, t.beyond), ...(runB ? beyond(cfgB, runB, t.beyondB) : [])];
    }

    /* The sentence under the rate: the stability limit, or why none is marked. */
    function limitText(settings, limit) {
      if (settings.opt === "adam") return t.noLimit;
      const formula = settings.opt === "momentum" ? "2(1 + β)/λmax" : "2/λmax";
      return format(t.limit, { formula, value: brief(limit) });
    }

    /* A warning if the rate Keras uses, rounded to float32, is above the stability limit
     * (0.2 becomes 0.2000000030, above 2 / 10); with a schedule, how many updates use such
     * a rate. */
    function beyond(settings, result, message) {
      const limit = stabilityLimit(settings);
      if (!(f32(settings.lr) > limit)) return []; // Adam's limit is NaN: none
      let said = format(message, { value: brief(limit) });
      if (settings.sched !== "constant") {
        // The updates that ran: to the one that overflowed, if one did.
        const ran = Math.min(settings.steps, result.last + 1);
        const above = result.rates.slice(0, ran).filter((x) => x > limit).length;
        if (!above) return [];
        said = format(t.beyondSchedule, { value: brief(limit), count: counted(t, above) });
        if (message === t.beyondB) said = format(t.saysB, { said });
      }
      return [el("p", { class: "lr-warning" }, said)];
    }

    // Moving the start writes the address at most four times a second (writing it takes
    // a millisecond or more); leaving the page or taking a language link writes it at once.
    let urlTimer = 0;
    const urlNow = () => {
      clearTimeout(urlTimer);
      urlTimer = 0;
      writeUrl(state);
    };
    const urlSoon = () => {
      if (!urlTimer) urlTimer = setTimeout(urlNow, 250);
    };
    window.addEventListener("pagehide", () => urlTimer && urlNow());
    const toLanguageLink = (event) => {
      if (urlTimer && event.target instanceof Element && event.target.closest("a[hreflang]"))
        urlNow();
    };
    document.addEventListener("pointerdown", toLanguageLink, true);
    document.addEventListener("focusin", toLanguageLink);

    /* A listed value written another way (b1=0.90, dsteps=1e2, full-width digits) is read as
     * the listed one, and shown and kept in the address that way. */
    function canonical() {
      Object.entries(NUMBER_LISTS).forEach(([name, values]) => {
        const found = values.find((v) => Number(v) === number(state[name]));
        if (found === undefined || found === state[name]) return;
        state[name] = found;
        inputs[name].value = found;
      });
    }

    function update(fromStart, keepView, light) {
      canonical();
      stop(light); // while dragging, the live region waits for the drop
      state.at = fromStart ? "0" : "end"; // a new run opens at its start or its end
      if (keepView) urlSoon();
      else urlNow();
      const checked = validate(state, t);
      const fresh = problems(checked);
      if (checked.errors.length) {
        run = null;
        cfg = null;
        limitNote.textContent = "";
        syncSlider(Number.NaN); // no limit to mark; the slider says the rate as typed
      } else fresh.push(...compute(checked.cfg, fromStart, keepView));
      if (checked.errors.length) runB = null;
      const before = [...messages.children].map((p) => p.textContent).join("\n");
      if (fresh.map((p) => p.textContent).join("\n") !== before) messages.replaceChildren(...fresh);
      inputs.beta.disabled = state.opt !== "momentum";
      inputs.lr2.disabled = state.opt2 === "none";
      inputs.beta2.disabled = state.opt2 !== "momentum";
      inputs.b1.disabled = state.opt !== "adam";
      inputs.b2.disabled = state.opt !== "adam";
      inputs.eps.disabled = state.opt !== "adam" && state.opt2 !== "adam";
      inputs.b1b.disabled = state.opt2 !== "adam";
      inputs.b2b.disabled = state.opt2 !== "adam";
      inputs.wd.disabled = state.opt !== "adam";
      inputs.wd2.disabled = state.opt2 !== "adam";
      inputs.sched2.disabled = state.opt2 === "none";
      const used = ["rate", "dsteps", "stair", "alpha", "warm", "mode", "mode2"];
      [...used, ...CLASS_SETTINGS].forEach((name) => {
        inputs[name].disabled = scheduleUnused(name, state);
      });
      draw(light);
    }

    Object.keys(inputs).forEach((k) => {
      inputs[k].addEventListener(inputs[k].tagName === "SELECT" ? "change" : "input", () => {
        state[k] = inputs[k].value;
        notes = [];
        update(false);
      });
    });
    stepButton.addEventListener("click", () => {
      stop();
      if (run && upTo < final()) upTo += 1;
      draw();
    });
    resetButton.addEventListener("click", () => {
      stop();
      upTo = 0;
      draw();
    });
    endButton.addEventListener("click", () => {
      stop();
      if (run) upTo = final();
      draw();
    });
    playButton.addEventListener("click", () => {
      if (timer) {
        stop();
        return;
      }
      if (!run) return;
      if (upTo >= final()) upTo = 0;
      if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
        upTo = final(); // no animation: the whole run at once
        draw();
        return;
      }
      playButton.textContent = t.pause;
      playButton.setAttribute("aria-pressed", "true");
      const per = Math.max(1, Math.ceil(final() / 240)); // about four seconds at 60 frames
      const tick = () => {
        upTo = Math.min(final(), upTo + per);
        draw();
        timer = upTo < final() ? requestAnimationFrame(tick) : 0;
        if (!timer) stop();
      };
      timer = requestAnimationFrame(tick);
    });

    fill();
    const at = state.at;
    update(false);
    // A copied address reopens at the update it shows; any other `at` is reported.
    if (at !== "end" && run && wholeIn(number(at), 0, final())) {
      upTo = number(at);
      draw();
    } else if (at !== "end") {
      notes = [...notes, ["at", t.badAt]];
      update(false);
    }
  }

  // A read-only hook for the browser tests, which compare it with TensorFlow.
  const normals = (seed, count) => Array.from({ length: count }, noise(seed));
  window.lrExplorer2d = Object.freeze({
    descend,
    hessian,
    exact,
    normals,
    arithmetic,
    powers: (beta, dtype, n) => Array.from(powers(beta, dtype, n)),
    // The stability map's grid, and its radius row by row from β = 0 (as numpy's array).
    mapGrid: () => ({ h: MAP_H, beta: MAP_BETA }),
    mapRadius: () => MAP_BETA.flatMap((beta) => MAP_H.map((h) => radius(h, beta))),
    // The schedule's rates at steps 0 … count − 1, as the bytes of a Float32Array in base64.
    rates: (cfg, count) => {
      const bytes = new Uint8Array(Float32Array.from(schedule(cfg, cfg.sched, count)).buffer);
      return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
    },
  });

  function start() {
    document.querySelectorAll(".lr-explorer-2d").forEach(build);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
