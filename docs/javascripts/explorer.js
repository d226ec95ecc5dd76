/* Learning-rate explorer: gradient descent on loss = (w + 1)^2, in float32.
 *
 * Every operation is rounded to float32 (Math.fround) in the order TensorFlow
 * performs it, so the table prints what the TensorFlow snippets print:
 *   grad = fround(fround(w + 1) * 2)          (gradient of tf.square)
 *   grad = fround(grad + fround(σ * fround(z)))  (with noise: z from noise() below)
 *   w    = fround(w - fround(grad * lr))       (Keras SGD, no momentum)
 *   lr   = fround(base * fround(rate ** p))    (ExponentialDecay, p = step / decay_steps,
 *                                              floored when staircase)
 * Nothing read from the URL or the inputs is ever inserted as HTML, and every check
 * of it takes time linear in its length (a 100,000-character value must not freeze the page).
 */
(() => {
  const f = Math.fround;
  const SVG = "http://www.w3.org/2000/svg";
  const LIMITS = {
    lrMin: 1e-4,
    lrMax: 1.5,
    stepsMax: 1000,
    w0Max: 1e6,
    decayStepsMax: 1e6,
    inverseRateMax: 1000,
    sigmaMin: 1e-4, // a σ other than 0 (smaller ones would make TensorFlow flush products)
    sigmaMax: 100,
    seedMax: 4294967295,
  };
  const TABLE_ROWS = 40;

  const TEXT = {
    zh: {
      lr: "学习率 η",
      lrExact: "学习率 η（精确值）",
      w0: "初值 w₀",
      steps: "更新次数",
      schedule: "学习率调度",
      constant: "常数",
      exponential: "指数衰减",
      inverse: "反时限衰减",
      cosine: "余弦衰减",
      warmup: "线性预热 + 余弦衰减",
      alpha: "下限比例 alpha",
      warmupSteps: "预热步数",
      badAlpha: "alpha 必须在 0 到 1 之间。",
      badWarmup: "预热步数必须是 1 到 1000000 之间的整数。",
      rate: "衰减率",
      decaySteps: "衰减步长 decay_steps",
      staircase: "阶梯型（staircase）",
      presets: "预设",
      presetCourse: "课程示例 η = 0.2",
      presetLarge1: "过大 η = 1",
      presetLarge12: "过大 η = 1.2",
      presetSmall: "过小 η = 0.0001",
      presetOneStep: "一步到位 η = 0.5",
      presetDecay: "课程的指数衰减",
      presetNoisy: "带噪声的几步 η = 0.2，σ = 1",
      sigma: "梯度噪声 σ",
      seed: "随机种子",
      badSigma: "梯度噪声 σ 必须是 0，或者在 0.0001 到 100 之间。",
      badSeed: "随机种子必须是 0 到 4294967295 之间的整数。",
      unusedSeed: "没有噪声（σ = 0）时用不到随机种子，所以它暂时不影响结果。",
      xi: "噪声 ξ",
      gradient: "梯度",
      curve: "损失函数曲线与每一步的位置",
      wPlot: "w 随更新次数的变化",
      lrPlot: "每次更新之后的学习率（即下一次更新所用的学习率）",
      table: "前几步的数值（float32，与 TensorFlow 的输出一致）",
      step: "更新次数",
      learningRate: "学习率",
      loss: "损失",
      share: "复制本页链接即可分享当前设置。",
      tableRegion: "前几步的数值表（窄屏上可横向滚动）",
      updates: "{n} 次更新",
      curveAlt:
        "{title}：曲线 loss = (w + 1)²，w 从 {lo} 到 {hi}；经过 {count}，损失从 {from} 变为 {to}。",
      wAlt: "{title}：经过 {count}，w 从 {from} 变为 {to}（最小 {min}，最大 {max}）。",
      lrAlt: "{title}：经过 {count}，学习率从 {from} 变为 {to}（最小 {min}，最大 {max}）。",
      lrAltConstant: "{title}：{count}中学习率始终是 {value}。",
      badLr: "学习率必须是 0.0001 到 1.5 之间的数。",
      badW0: "初值必须是绝对值不超过 1000000 的数。",
      badSteps: "更新次数必须是 1 到 1000 之间的整数。",
      badRate: "衰减率必须大于 0 且不超过 {max}。",
      badDecaySteps: "衰减步长必须是 1 到 1000000 之间的整数。",
      badSchedule: "网址中的 schedule 只能是 constant、exponential、inverse、cosine 或 warmup。",
      badStaircase: "网址中的 staircase 只能是 1 或 0（也可以写 true 或 false）。",
      unused: "当前的学习率调度用不到这个参数，所以它暂时不影响结果。",
      unknownParams: "网址中有实验台不认识的参数，已忽略：{names}。",
      duplicate: "网址中的 {name} 出现了 {n} 次，实验台只用第一个值。",
      listSeparator: "、",
      diverged:
        "第 {n} 次更新后数值超出了 float32 的范围：学习率过大，迭代发散。图表只画到此前一步。",
      truncated: "表格只列出前 {n} 行。",
      summary: "{count}后：w = {w}，损失 = {loss}。",
    },
    en: {
      lr: "Learning rate η",
      lrExact: "Learning rate η (exact value)",
      w0: "Starting value w₀",
      steps: "Number of updates",
      schedule: "Schedule",
      constant: "constant",
      exponential: "exponential decay",
      inverse: "inverse-time decay",
      cosine: "cosine decay",
      warmup: "linear warm-up + cosine decay",
      alpha: "Floor ratio alpha",
      warmupSteps: "Warm-up steps",
      badAlpha: "alpha must be between 0 and 1.",
      badWarmup: "Warm-up steps must be a whole number from 1 to 1000000.",
      rate: "Decay rate",
      decaySteps: "Decay steps (decay_steps)",
      staircase: "Staircase",
      presets: "Presets",
      presetCourse: "Course example η = 0.2",
      presetLarge1: "Too large η = 1",
      presetLarge12: "Too large η = 1.2",
      presetSmall: "Too small η = 0.0001",
      presetOneStep: "One step η = 0.5",
      presetDecay: "The course's exponential decay",
      presetNoisy: "Noisy steps η = 0.2, σ = 1",
      sigma: "Gradient noise σ",
      seed: "Seed",
      badSigma: "The noise σ must be 0, or from 0.0001 to 100.",
      badSeed: "The seed must be a whole number from 0 to 4294967295.",
      unusedSeed: " Without noise (σ = 0) the seed is not used, so for now it changes nothing.",
      xi: "Noise ξ",
      gradient: "Gradient",
      curve: "The loss curve and where each step lands",
      wPlot: "w after each update",
      lrPlot: "Learning rate after each update (the next update uses it)",
      table: "The first steps (float32, as TensorFlow prints them)",
      step: "Update",
      learningRate: "Learning rate",
      loss: "Loss",
      share: "Copy this page's address to share these settings.",
      tableRegion: "Table of the first steps (scrolls sideways on a narrow screen)",
      updates: "{n} updates",
      updateOne: "1 update",
      curveAlt:
        "{title}: the curve loss = (w + 1)² for w from {lo} to {hi}; over {count}, the loss goes from {from} to {to}.",
      wAlt: "{title}: over {count}, w goes from {from} to {to} (lowest {min}, highest {max}).",
      lrAlt:
        "{title}: over {count}, the learning rate goes from {from} to {to} (lowest {min}, highest {max}).",
      lrAltConstant: "{title}: the learning rate stays at {value} over {count}.",
      badLr: "The learning rate must be a number from 0.0001 to 1.5.",
      badW0: "The starting value must be a number no larger than 1000000 in absolute value.",
      badSteps: "The number of updates must be a whole number from 1 to 1000.",
      badRate: "The decay rate must be above 0 and at most {max}.",
      badDecaySteps: "Decay steps must be a whole number from 1 to 1000000.",
      badSchedule:
        "In the address, schedule must be constant, exponential, inverse, cosine or warmup.",
      badStaircase: "In the address, staircase must be 1 or 0 (true or false also work).",
      unused: " The current schedule does not use this setting, so it does not change the result.",
      unknownParams:
        "The address has parameters the explorer does not know; they are ignored: {names}.",
      duplicate: "The address gives {name} {n} times; the explorer uses the first value.",
      listSeparator: ", ",
      diverged:
        "After update {n} the values leave float32's range: the learning rate is too large and the iteration diverges. The plots stop at the step before.",
      truncated: "The table lists the first {n} rows.",
      summary: "After {count}: w = {w}, loss = {loss}.",
    },
  };

  const PRESETS = [
    {
      id: "course",
      label: "presetCourse",
      cfg: { lr: "0.2", w0: "5", steps: "3", schedule: "constant" },
    },
    {
      id: "large1",
      label: "presetLarge1",
      cfg: { lr: "1", w0: "5", steps: "6", schedule: "constant" },
    },
    {
      id: "large12",
      label: "presetLarge12",
      cfg: { lr: "1.2", w0: "5", steps: "6", schedule: "constant" },
    },
    {
      id: "small",
      label: "presetSmall",
      cfg: { lr: "0.0001", w0: "5", steps: "40", schedule: "constant" },
    },
    {
      id: "onestep",
      label: "presetOneStep",
      cfg: { lr: "0.5", w0: "5", steps: "8", schedule: "constant" },
    },
    {
      id: "decay",
      label: "presetDecay",
      cfg: {
        lr: "0.1",
        w0: "5",
        steps: "40",
        schedule: "exponential",
        rate: "0.99",
        decay_steps: "1",
        staircase: "1",
      },
    },
    {
      id: "noisy",
      label: "presetNoisy",
      cfg: { lr: "0.2", w0: "5", steps: "5", schedule: "constant", sigma: "1", seed: "1" },
    },
  ];
  const DEFAULTS = {
    lr: "0.2",
    w0: "5",
    steps: "3",
    schedule: "constant",
    rate: "0.99",
    decay_steps: "1",
    staircase: "1",
    alpha: "0",
    warmup_steps: "10",
    sigma: "0",
    seed: "1",
  };
  const SCHEDULES = ["constant", "exponential", "inverse", "cosine", "warmup"];
  // Which settings each schedule uses (the others are hidden).
  const USES = {
    constant: [],
    exponential: ["rate", "decay_steps", "staircase"],
    inverse: ["rate", "decay_steps", "staircase"],
    cosine: ["decay_steps", "alpha"],
    warmup: ["warmup_steps", "decay_steps", "alpha"],
  };
  // Settings every schedule uses; the others are checked only for the schedules in USES.
  const ALWAYS = ["lr", "w0", "steps", "schedule", "sigma"];
  // Parameters that belong to the theme, not to the explorer: Material's search adds `h`
  // to highlight the words searched for. They are kept in the address, never reported.
  const FOREIGN = ["h"];
  // Writing the address takes time in proportion to its length: one longer than this (say,
  // 100,000 pasted characters) is written once typing pauses, so that every keystroke
  // stays quick. The language links and leaving the page write it at once.
  const LONG_ADDRESS = 2000;
  const PAUSE_MS = 300;
  // How `staircase` may be spelled in the address; the page itself writes 1 or 0.
  const FLAGS = { 1: true, true: true, 0: false, false: false };

  // The slider's positions: SLIDER_STOPS + 1 rates, evenly spaced on a log scale from lrMin
  // to lrMax and rounded to 3 significant digits, so that both ends are exactly the limits.
  const SLIDER_STOPS = 400;
  /* A log scale of `stops` + 1 positions from `low` to `high`: the rate at a position, and
   * the position nearest a rate (at an end beyond them). Shared with explorer2d.js. */
  function logScale(low, high, stops) {
    const from = Math.log10(low);
    const span = Math.log10(high) - from;
    return {
      rate: (position) => +(10 ** (from + (span * position) / stops)).toPrecision(3),
      position: (rate) =>
        Math.min(stops, Math.max(0, Math.round(((Math.log10(rate) - from) / span) * stops))),
    };
  }
  const scale = logScale(LIMITS.lrMin, LIMITS.lrMax, SLIDER_STOPS);
  const sliderRate = scale.rate;
  const sliderPosition = scale.position;

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  }

  /* What a Chinese input method types, as ASCII: NFKC turns full-width digits, signs, ．
   * and ｅ into 0-9, + - . e; the ideographic full stop 。 is a decimal point too, and so is
   * the minus sign − a minus. NFKC would also make digits of ² or ①: text with any
   * character other than printable ASCII, spaces, the full-width forms and these few is
   * refused first (null). */
  function normalise(text) {
    const s = String(text == null ? "" : text);
    if (!/[^ -~]/.test(s)) return s.trim(); // printable ASCII: the usual case, and the quickest
    if (/[^ -~\s\u2212\u3002\uff01-\uff5e\uff61]/.test(s)) return null;
    return s
      .normalize("NFKC")
      .replace(/\u3002/g, ".")
      .replace(/\u2212/g, "-")
      .trim();
  }

  /* Parse a decimal typed by a person; anything else is NaN, never a guess.
   * Linear time: in the pattern no two parts can match the same character (the digits
   * before the point, after it and in the exponent are each one run), so a failed match
   * backtracks over each character at most once. The pattern that was here before,
   * \d+\.?\d*, could split one run of digits in n ways, and took quadratic time. */
  function number(text) {
    const s = normalise(text);
    if (s === null || !/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return NaN;
    return Number(s);
  }

  /* true or false from the address's spelling of a flag; undefined if it is neither. */
  function flag(text) {
    const s = normalise(text);
    const key = s === null ? "" : s.toLowerCase();
    return Object.hasOwn(FLAGS, key) ? FLAGS[key] : undefined;
  }

  /* "1 update" / "3 updates" / "3 次更新". */
  function updates(t, n) {
    return n === 1 && t.updateOne ? t.updateOne : format(t.updates, { n: n });
  }

  /* A number for a sentence: 4 significant digits, no "-0", a power of ten for the very
   * large or small ("-1.384e+19", not twenty digits). */
  function brief(x) {
    const r = +x.toPrecision(4);
    if (r === 0) return "0";
    return Math.abs(r) >= 1e6 || Math.abs(r) < 1e-4 ? r.toExponential() : String(r);
  }

  const inRange = (value, low, high) => value >= low && value <= high;
  const wholeIn = (value, low, high) => Number.isInteger(value) && inRange(value, low, high);

  /* Read the raw settings; each one is checked. A bad one that the schedule uses is an
   * error (nothing is drawn); a bad one it does not use, a warning (it is ignored). */
  function validate(raw, t) {
    const known = SCHEDULES.includes(raw.schedule);
    const cfg = {
      lr: number(raw.lr),
      w0: number(raw.w0),
      steps: number(raw.steps),
      schedule: raw.schedule,
      rate: number(raw.rate),
      decaySteps: number(raw.decay_steps),
      staircase: flag(raw.staircase),
      alpha: number(raw.alpha),
      warmupSteps: number(raw.warmup_steps),
      sigma: number(raw.sigma),
      seed: number(raw.seed),
    };
    const uses = (name) =>
      ALWAYS.includes(name) ||
      (name === "seed" && cfg.sigma !== 0) || // only a valid σ of 0 leaves it unused
      (known && USES[cfg.schedule]?.includes(name));
    // Exponential decay multiplies by the rate (at most 1); inverse-time decay divides by
    // 1 + rate * t / T, where Keras accepts any positive rate. A schedule that does not
    // use the rate is held to the wider of the two rules.
    const rateMax = cfg.schedule === "exponential" ? 1 : LIMITS.inverseRateMax;
    const checks = [
      ["lr", inRange(cfg.lr, LIMITS.lrMin, LIMITS.lrMax), t.badLr],
      ["w0", Math.abs(cfg.w0) <= LIMITS.w0Max, t.badW0],
      ["steps", wholeIn(cfg.steps, 1, LIMITS.stepsMax), t.badSteps],
      ["schedule", known, t.badSchedule],
      ["rate", cfg.rate > 0 && cfg.rate <= rateMax, format(t.badRate, { max: rateMax })],
      ["decay_steps", wholeIn(cfg.decaySteps, 1, LIMITS.decayStepsMax), t.badDecaySteps],
      ["staircase", cfg.staircase !== undefined, t.badStaircase],
      ["alpha", inRange(cfg.alpha, 0, 1), t.badAlpha],
      ["warmup_steps", wholeIn(cfg.warmupSteps, 1, LIMITS.decayStepsMax), t.badWarmup],
      [
        "sigma",
        cfg.sigma === 0 || inRange(cfg.sigma, LIMITS.sigmaMin, LIMITS.sigmaMax),
        t.badSigma,
      ],
      ["seed", wholeIn(cfg.seed, 0, LIMITS.seedMax), t.badSeed],
    ];
    const bad = checks.filter(([, valid]) => !valid);
    return {
      cfg: cfg,
      errors: bad.filter(([name]) => uses(name)).map(([name, , message]) => [name, message]),
      warnings: bad
        .filter(([name]) => !uses(name))
        .map(([name, , message]) => [name, message + (name === "seed" ? t.unusedSeed : t.unused)]),
    };
  }

  /* Keras' CosineDecay._decay_function, in float32. */
  function cosineFrom(lr, step, cfg) {
    const fraction = f(step / f(cfg.decaySteps));
    const cosine = f(0.5 * f(1 + f(Math.cos(f(f(Math.PI) * fraction)))));
    return f(f(lr) * f(f(f(1 - cfg.alpha) * cosine) + f(cfg.alpha)));
  }

  /* The learning rate of the update made at global step `step`, in float32,
   * as tf.keras.optimizers.schedules computes it. */
  function learningRate(cfg, step) {
    let p;
    switch (cfg.schedule) {
      case "exponential":
        p = f(f(step) / f(cfg.decaySteps));
        if (cfg.staircase) p = Math.floor(p);
        return f(f(cfg.lr) * f(f(cfg.rate) ** p));
      case "inverse": // InverseTimeDecay: lr / (1 + rate * p)
        p = f(f(step) / f(cfg.decaySteps));
        if (cfg.staircase) p = Math.floor(p);
        return f(f(cfg.lr) / f(1 + f(f(cfg.rate) * p)));
      case "cosine": // CosineDecay without warm-up
        return cosineFrom(cfg.lr, Math.min(f(step), f(cfg.decaySteps)), cfg);
      case "warmup": {
        // CosineDecay(0, warmup_target=lr, warmup_steps)
        const warm = f(cfg.warmupSteps);
        const s = Math.min(f(step), f(f(cfg.decaySteps) + warm));
        if (s < warm) return f(f(f(cfg.lr) * f(s / warm)) + 0);
        return cosineFrom(cfg.lr, f(s - warm), cfg);
      }
      default:
        return f(cfg.lr);
    }
  }

  /* Gradient noise, the same numbers as sitegate/noise.py (and the chapters' code):
   * xoshiro128** seeded by splitmix32, and the sum of 12 uniforms minus 6. Integer steps
   * and sums of multiples of 2^-32 below 12, all exact in double: no log, cos or sqrt. */
  const rotl = (x, k) => ((x << k) | (x >>> (32 - k))) >>> 0;
  function noise(seed) {
    const s = new Uint32Array(4);
    let state = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      state = (state + 0x9e3779b9) >>> 0;
      let z = Math.imul(state ^ (state >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    const next = () => {
      const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
      const t = (s[1] << 9) >>> 0;
      s[2] ^= s[0];
      s[3] ^= s[1];
      s[1] ^= s[2];
      s[0] ^= s[3];
      s[2] ^= t;
      s[3] = rotl(s[3], 11);
      return result;
    };
    return () => {
      let total = 0;
      for (let i = 0; i < 12; i++) total += next() / 4294967296;
      return total - 6;
    };
  }

  function descend(cfg) {
    let w = f(cfg.w0);
    const x0 = f(w + 1);
    const rows = [{ step: 0, w: w, lr: learningRate(cfg, 0), loss: f(x0 * x0) }];
    let diverged = 0;
    const sigma = f(cfg.sigma || 0);
    const draw = sigma === 0 ? null : noise(cfg.seed);
    for (let n = 1; n <= cfg.steps; n++) {
      let grad = f(f(w + 1) * 2);
      const xi = draw ? f(draw()) : 0; // the noise, as TensorFlow holds it: float32
      if (draw) grad = f(grad + f(sigma * xi));
      const next = f(w - f(grad * learningRate(cfg, n - 1)));
      const x = f(next + 1);
      const loss = f(x * x);
      if (!Number.isFinite(next) || !Number.isFinite(loss) || !Number.isFinite(grad)) {
        diverged = n;
        break;
      }
      w = next;
      // As the course prints it: read after the update, for the new global step.
      rows.push({ step: n, w: w, lr: learningRate(cfg, n), loss: loss, xi: xi, grad: grad });
    }
    return { rows: rows, diverged: diverged };
  }

  /* Six decimals, as Python's f"{x:.6f}" writes a float (the snippets print that way):
   * no "-0.000000"; every digit of a large number, where toFixed writes "1e+21"; and a
   * tie (x·10⁶ ending in exactly .5: x an odd multiple of 2⁻⁷, as a float32 between 2¹⁶
   * and 2¹⁷ is half the time) to the even digit, where toFixed rounds away from zero: the
   * last digit is then odd, and one less (no borrow). */
  function fixed(x) {
    if (x === 0) return "0.000000";
    if (Math.abs(x) >= 1e21) return `${BigInt(x)}.000000`;
    const s = x.toFixed(6);
    const tie = Number.isInteger(x * 128) && !Number.isInteger(x * 64);
    const d = s.charCodeAt(s.length - 1) - 48;
    return tie && d % 2 ? s.slice(0, -1) + (d - 1) : s;
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => {
      node.setAttribute(k, attrs[k]);
    });
    if (text != null) node.textContent = text;
    return node;
  }

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach((k) => {
      node.setAttribute(k, String(attrs[k]));
    });
    return node;
  }

  /* Axis range and ticks at round numbers (1, 2 or 5 times a power of ten). */
  function niceRange(values) {
    let lo = Math.min.apply(null, values),
      hi = Math.max.apply(null, values);
    if (lo === hi) {
      lo -= Math.abs(lo) * 0.1 || 1;
      hi += Math.abs(hi) * 0.1 || 1;
    }
    const raw = (hi - lo) / 4,
      power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * power).filter((s) => s >= raw)[0];
    return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step];
  }

  /* A small line chart; `series` = [{points: [[x, y]...], cls, dots}]. `alt` says what it
   * shows now: the accessible name (role="img") and the <title> a mouse shows. */
  function chart(alt, series, xLabel, yLabel) {
    const W = 360,
      H = 220,
      L = 52,
      R = 10,
      T = 10,
      B = 34;
    const xs = [],
      ys = [];
    series.forEach((s) => {
      s.points.forEach((p) => {
        xs.push(p[0]);
        ys.push(p[1]);
      });
    });
    const xr = niceRange(xs),
      yr = niceRange(ys);
    function sx(x) {
      return L + ((x - xr[0]) / (xr[1] - xr[0])) * (W - L - R);
    }
    function sy(y) {
      return H - B - ((y - yr[0]) / (yr[1] - yr[0])) * (H - T - B);
    }
    const svg = svgEl("svg", {
      viewBox: `0 0 ${W} ${H}`,
      role: "img",
      "aria-label": alt,
      class: "lr-chart",
    });
    const titleNode = svgEl("title");
    titleNode.textContent = alt;
    svg.appendChild(titleNode);
    svg.appendChild(
      svgEl("rect", { x: L, y: T, width: W - L - R, height: H - T - B, class: "lr-frame" }),
    );
    [
      [xr, true],
      [yr, false],
    ].forEach((axis) => {
      const r = axis[0],
        isX = axis[1];
      for (let v = r[0]; v <= r[1] + r[2] / 2; v += r[2]) {
        // The last label on the x axis ends at its tick, so that a long one is not cut off.
        const last = v + r[2] > r[1] + r[2] / 2;
        const label = svgEl(
          "text",
          isX
            ? { x: sx(v), y: H - B + 14, "text-anchor": last ? "end" : "middle", class: "lr-tick" }
            : { x: L - 4, y: sy(v) + 4, "text-anchor": "end", class: "lr-tick" },
        );
        const shown = Math.abs(v) < r[2] / 2 ? 0 : v;
        label.textContent =
          Math.abs(shown) >= 1e4 || (Math.abs(shown) < 1e-3 && shown !== 0)
            ? shown.toExponential(0)
            : String(+shown.toPrecision(4));
        svg.appendChild(label);
      }
    });
    const xl = svgEl("text", {
      x: (L + W - R) / 2,
      y: H - 4,
      "text-anchor": "middle",
      class: "lr-axis",
    });
    xl.textContent = xLabel;
    svg.appendChild(xl);
    const yl = svgEl("text", {
      x: 12,
      y: (T + H - B) / 2,
      "text-anchor": "middle",
      class: "lr-axis",
      transform: `rotate(-90 12 ${(T + H - B) / 2})`,
    });
    yl.textContent = yLabel;
    svg.appendChild(yl);
    series.forEach((s) => {
      const d = s.points.map((p) => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(" ");
      svg.appendChild(svgEl("polyline", { points: d, class: s.cls }));
      if (s.dots) {
        s.points.forEach((p) => {
          svg.appendChild(
            svgEl("circle", { cx: sx(p[0]), cy: sy(p[1]), r: 3, class: `${s.cls} lr-dot` }),
          );
        });
      }
    });
    return svg;
  }

  /* The three charts, each with a text alternative in the page's language. */
  function figures(t, rows) {
    const ws = rows.map((r) => r.w);
    const lo = Math.min(-4, Math.min.apply(null, ws)),
      hi = Math.max(6, Math.max.apply(null, ws));
    const curve = [];
    for (let i = 0; i <= 120; i++) {
      const x = lo + ((hi - lo) * i) / 120;
      curve.push([x, (x + 1) * (x + 1)]);
    }
    const first = rows[0],
      last = rows[rows.length - 1];
    const count = updates(t, last.step);
    const box = el("div", { class: "lr-figures" });
    box.appendChild(
      chart(
        format(t.curveAlt, {
          title: t.curve,
          lo: brief(lo),
          hi: brief(hi),
          count: count,
          from: brief(first.loss),
          to: brief(last.loss),
        }),
        [
          { points: curve, cls: "lr-curve" },
          { points: rows.map((r) => [r.w, (r.w + 1) * (r.w + 1)]), cls: "lr-path", dots: true },
        ],
        "w",
        "loss",
      ),
    );
    box.appendChild(
      chart(
        format(t.wAlt, {
          title: t.wPlot,
          count: count,
          from: brief(first.w),
          to: brief(last.w),
          min: brief(Math.min.apply(null, ws)),
          max: brief(Math.max.apply(null, ws)),
        }),
        [{ points: rows.map((r) => [r.step, r.w]), cls: "lr-path", dots: rows.length <= 60 }],
        t.step,
        "w",
      ),
    );
    // The rate after each update; with no update (divergence at once), the one before.
    const rates = rows.length > 1 ? rows.slice(1) : rows;
    const lrs = rates.map((r) => r.lr);
    const lrMin = Math.min.apply(null, lrs),
      lrMax = Math.max.apply(null, lrs);
    box.appendChild(
      chart(
        lrMin === lrMax
          ? format(t.lrAltConstant, { title: t.lrPlot, count: count, value: brief(lrMin) })
          : format(t.lrAlt, {
              title: t.lrPlot,
              count: count,
              from: brief(lrs[0]),
              to: brief(lrs[lrs.length - 1]),
              min: brief(lrMin),
              max: brief(lrMax),
            }),
        [{ points: rates.map((r) => [r.step, r.lr]), cls: "lr-rate", dots: rows.length <= 60 }],
        t.step,
        t.learningRate,
      ),
    );
    return box;
  }

  /* A table in a container of its own that scrolls sideways on a narrow screen; it can take
   * the keyboard focus, so that it can be scrolled without a mouse. `attribute` marks the
   * table for the tests; each row is [step, ...cells]. Shared with explorer2d.js. */
  function scrollingTable(label, attribute, caption, headers, rows) {
    const scroller = el("div", {
      class: "lr-table-scroll",
      tabindex: "0",
      role: "region",
      "aria-label": label,
    });
    // No class: Material styles class-less tables.
    const table = el("table", { [attribute]: "" });
    table.appendChild(el("caption", {}, caption));
    const head = el("tr");
    headers.forEach((h) => {
      head.appendChild(el("th", { scope: "col" }, h));
    });
    table.appendChild(el("thead")).appendChild(head);
    const body = table.appendChild(el("tbody"));
    rows.forEach((cells) => {
      const tr = el("tr", { "data-step": cells[0] });
      cells.forEach((v) => {
        tr.appendChild(el("td", {}, String(v)));
      });
      body.appendChild(tr);
    });
    scroller.appendChild(table);
    return scroller;
  }

  /* With noise, two more columns: the update's noise ξ and the gradient it used (σξ in). */
  function valueTable(t, rows, noisy) {
    const extra = (r) => (r.step === 0 ? ["—", "—"] : [fixed(r.xi), fixed(r.grad)]);
    return scrollingTable(
      t.tableRegion,
      "data-lr-table",
      t.table,
      [t.step, "w", t.learningRate, t.loss, ...(noisy ? [t.xi, t.gradient] : [])],
      rows
        .slice(0, TABLE_ROWS + 1)
        .map((r) => [r.step, fixed(r.w), fixed(r.lr), fixed(r.loss), ...(noisy ? extra(r) : [])]),
    );
  }

  /* Draw the state; `notes` are [field, message] warnings about the address it came from. */
  function render(root, t, state, notes) {
    const out = root.querySelector(".lr-output");
    const messages = root.querySelector(".lr-messages");
    const fresh = []; // the messages of this state, shown below only if they changed
    out.textContent = "";
    root.querySelectorAll("[aria-invalid]").forEach((n) => {
      n.removeAttribute("aria-invalid");
      n.removeAttribute("aria-describedby");
    });
    const checked = validate(state, t);
    // Errors first (they stop the drawing), then warnings: what was ignored, and why.
    checked.errors.forEach((e) => {
      const id = `lr-message-${e[0]}`;
      fresh.push(el("p", { class: "lr-error", "data-field": e[0], id }, e[1]));
      const input = root.querySelector(`[name="${e[0]}"]`);
      if (input) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", id); // read with the field
      }
    });
    notes.concat(checked.warnings).forEach((w) => {
      const attrs = { class: "lr-warning" };
      if (w[0]) attrs["data-field"] = w[0];
      fresh.push(el("p", attrs, w[1]));
    });
    const result = checked.errors.length ? null : descend(checked.cfg);
    if (result?.diverged) {
      fresh.push(el("p", { class: "lr-warning" }, format(t.diverged, { n: result.diverged })));
    }
    // A live region announces every change: rewrite it only when its text changes,
    // not on every keystroke that leaves the same message.
    const shown = [...messages.children].map((p) => p.textContent).join("\n");
    if (fresh.map((p) => p.textContent).join("\n") !== shown) {
      messages.replaceChildren(...fresh);
    }
    if (!result) return;
    const rows = result.rows;
    const last = rows[rows.length - 1];
    out.appendChild(
      el(
        "p",
        { class: "lr-summary" },
        format(t.summary, {
          count: updates(t, last.step),
          w: fixed(last.w),
          loss: fixed(last.loss),
        }),
      ),
    );
    out.appendChild(figures(t, rows));
    out.appendChild(valueTable(t, rows, checked.cfg.sigma > 0));
    if (rows.length > TABLE_ROWS + 1)
      out.appendChild(el("p", {}, format(t.truncated, { n: TABLE_ROWS + 1 })));
  }

  const kept = new URLSearchParams(); // the theme's parameters (FOREIGN) found by readUrl

  /* A name from the address, for a message: at most 24 characters, never empty. */
  function shown(name) {
    if (!name) return '""';
    return name.length > 24 ? `${name.slice(0, 24)}…` : name;
  }

  /* The settings in the address (those named in `defaults`, the others at their default),
   * the theme's parameters to keep (into `keep`), and notes on what in it was not used:
   * parameters the explorer does not know (ignored) and ones given twice (the first value
   * is used). Shared with explorer2d.js. */
  function readAddress(defaults, t, keep) {
    const params = new URLSearchParams(window.location.search);
    const state = Object.assign({}, defaults);
    const seen = new Map();
    const unknown = new Set();
    params.forEach((value, key) => {
      if (Object.hasOwn(defaults, key)) {
        if (!seen.has(key)) state[key] = value;
        seen.set(key, (seen.get(key) || 0) + 1);
      } else if (FOREIGN.includes(key)) keep.set(key, value);
      else unknown.add(shown(key));
    });
    const notes = [];
    seen.forEach((n, key) => {
      if (n > 1) notes.push([key, format(t.duplicate, { name: key, n: n })]);
    });
    if (unknown.size) {
      const names = Array.from(unknown);
      const listed = names.slice(0, 5).join(t.listSeparator) + (names.length > 5 ? "…" : "");
      notes.push(["", format(t.unknownParams, { names: listed })]);
    }
    return { state: state, notes: notes };
  }
  const readUrl = (t) => readAddress(DEFAULTS, t, kept);

  /* The language switcher's links keep the settings and the #anchor. */
  function languageLinks() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach((link) => {
      link.search = window.location.search;
      link.hash = window.location.hash;
    });
  }

  let waiting = null; // a long address not written yet: { state, timer }

  /* Put the settings in the address, keeping its #anchor and the theme's own parameters;
   * a long one once typing pauses (LONG_ADDRESS). */
  function writeUrl(state) {
    if (waiting) clearTimeout(waiting.timer);
    waiting = null;
    const length = Object.keys(DEFAULTS).reduce((n, k) => n + String(state[k]).length, 0);
    if (length <= LONG_ADDRESS) writeUrlNow(state);
    else waiting = { state: Object.assign({}, state), timer: setTimeout(flushUrl, PAUSE_MS) };
  }
  function flushUrl() {
    if (waiting) writeUrlNow(waiting.state);
  }
  function writeUrlNow(state) {
    if (waiting) clearTimeout(waiting.timer);
    waiting = null;
    writeAddress(Object.keys(DEFAULTS), state, kept);
  }

  /* The settings named by `keys`, whole, then the theme's parameters kept from the address
   * it was opened with, and its #anchor; the language links follow. Shared with
   * explorer2d.js. */
  function writeAddress(keys, state, keep) {
    const params = new URLSearchParams();
    keys.forEach((k) => {
      params.set(k, String(state[k]));
    });
    keep.forEach((value, key) => {
      params.set(key, value);
    });
    const url = `${window.location.pathname}?${params.toString()}${window.location.hash}`;
    window.history.replaceState(window.history.state, "", url);
    languageLinks();
  }

  /* A labelled input; its id is the prefix and its name. Shared with explorer2d.js. */
  function field(label, input, prefix = "lr") {
    const wrap = el("div", { class: "lr-field" });
    const id = `${prefix}-${input.getAttribute("name")}`;
    input.id = id;
    wrap.appendChild(el("label", { for: id }, label));
    wrap.appendChild(input);
    return wrap;
  }

  function build(root) {
    const lang = (document.documentElement.lang || "en").slice(0, 2);
    const t = TEXT[lang] || TEXT.en;
    const fromUrl = readUrl(t);
    let state = fromUrl.state;
    // Notes on the address as it was opened; gone at the first change, which rewrites it.
    let notes = fromUrl.notes;
    root.textContent = "";

    const presets = el("div", { class: "lr-presets", role: "group", "aria-label": t.presets });
    PRESETS.forEach((p) => {
      const b = el(
        "button",
        { type: "button", class: "md-button", "data-preset": p.id },
        t[p.label],
      );
      b.addEventListener("click", () => {
        state = Object.assign({}, DEFAULTS, p.cfg);
        sync();
        change();
      });
      presets.appendChild(b);
    });
    root.appendChild(presets);

    const form = el("form", { class: "lr-form", novalidate: "" });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
    });
    // A log scale: the position is a stop number (sliderRate); aria-valuetext says the rate.
    const slider = el("input", {
      type: "range",
      name: "lr_log",
      min: "0",
      max: String(SLIDER_STOPS),
      step: "1",
    });
    const lrInput = el("input", {
      type: "text",
      name: "lr",
      inputmode: "decimal",
      autocomplete: "off",
      spellcheck: "false",
    });
    const w0Input = el("input", {
      type: "text",
      name: "w0",
      inputmode: "decimal",
      autocomplete: "off",
      spellcheck: "false",
    });
    const stepsInput = el("input", {
      type: "text",
      name: "steps",
      inputmode: "numeric",
      autocomplete: "off",
      spellcheck: "false",
    });
    const scheduleInput = el("select", { name: "schedule" });
    SCHEDULES.forEach((name) => {
      scheduleInput.appendChild(el("option", { value: name }, t[name]));
    });
    const rateInput = el("input", {
      type: "text",
      name: "rate",
      inputmode: "decimal",
      autocomplete: "off",
      spellcheck: "false",
    });
    const decayInput = el("input", {
      type: "text",
      name: "decay_steps",
      inputmode: "numeric",
      autocomplete: "off",
      spellcheck: "false",
    });
    const stairInput = el("input", { type: "checkbox", name: "staircase" });
    const alphaInput = el("input", {
      type: "text",
      name: "alpha",
      inputmode: "decimal",
      autocomplete: "off",
      spellcheck: "false",
    });
    const warmInput = el("input", {
      type: "text",
      name: "warmup_steps",
      inputmode: "numeric",
      autocomplete: "off",
      spellcheck: "false",
    });
    const sigmaInput = el("input", {
      type: "text",
      name: "sigma",
      inputmode: "decimal",
      autocomplete: "off",
      spellcheck: "false",
    });
    const seedInput = el("input", {
      type: "text",
      name: "seed",
      inputmode: "numeric",
      autocomplete: "off",
      spellcheck: "false",
    });
    form.appendChild(field(t.lr, slider));
    form.appendChild(field(t.lrExact, lrInput));
    form.appendChild(field(t.w0, w0Input));
    form.appendChild(field(t.steps, stepsInput));
    form.appendChild(field(t.sigma, sigmaInput));
    form.appendChild(field(t.seed, seedInput));
    form.appendChild(field(t.schedule, scheduleInput));
    const decayBox = el("fieldset", { class: "lr-decay" });
    const stairField = field(t.staircase, stairInput);
    stairField.classList.add("lr-check");
    const decayFields = {
      warmup_steps: field(t.warmupSteps, warmInput),
      rate: field(t.rate, rateInput),
      decay_steps: field(t.decaySteps, decayInput),
      alpha: field(t.alpha, alphaInput),
      staircase: stairField,
    };
    Object.keys(decayFields).forEach((k) => {
      decayBox.appendChild(decayFields[k]);
    });
    form.appendChild(decayBox);
    root.appendChild(form);
    root.appendChild(el("div", { class: "lr-messages", role: "status", "aria-live": "polite" }));
    root.appendChild(el("div", { class: "lr-output" }));
    root.appendChild(el("p", { class: "lr-share" }, t.share));

    /* The slider follows a valid typed rate; either way it announces the rate in use. */
    function syncSlider() {
      const v = number(state.lr);
      const valid = inRange(v, LIMITS.lrMin, LIMITS.lrMax);
      if (valid) slider.value = String(sliderPosition(v));
      slider.setAttribute("aria-valuetext", String(valid ? v : sliderRate(+slider.value)));
    }
    function sync() {
      lrInput.value = state.lr;
      syncSlider();
      w0Input.value = state.w0;
      stepsInput.value = state.steps;
      // An unknown schedule from the address selects nothing (and is reported), so that
      // choosing any schedule, "constant" included, is a change.
      scheduleInput.selectedIndex = SCHEDULES.indexOf(state.schedule);
      rateInput.value = state.rate;
      decayInput.value = state.decay_steps;
      stairInput.checked = flag(state.staircase) === true;
      alphaInput.value = state.alpha;
      warmInput.value = state.warmup_steps;
      sigmaInput.value = state.sigma;
      seedInput.value = state.seed;
      const uses = SCHEDULES.includes(state.schedule) ? USES[state.schedule] : [];
      decayBox.hidden = uses.length === 0;
      Object.keys(decayFields).forEach((k) => {
        decayFields[k].hidden = uses.indexOf(k) < 0;
      });
    }
    function update() {
      writeUrl(state);
      render(root, t, state, notes);
    }
    function change() {
      notes = [];
      update();
    }
    function bind(input, key, read) {
      input.addEventListener("input", () => {
        state[key] = read();
        if (key === "schedule") sync();
        if (key === "lr") syncSlider();
        change();
      });
      input.addEventListener("change", () => {
        state[key] = read();
        sync();
        change();
      });
    }
    slider.addEventListener("input", () => {
      state.lr = String(sliderRate(+slider.value));
      lrInput.value = state.lr;
      syncSlider();
      change();
    });
    bind(lrInput, "lr", () => lrInput.value);
    bind(w0Input, "w0", () => w0Input.value);
    bind(stepsInput, "steps", () => stepsInput.value);
    bind(scheduleInput, "schedule", () => scheduleInput.value);
    bind(rateInput, "rate", () => rateInput.value);
    bind(decayInput, "decay_steps", () => decayInput.value);
    bind(stairInput, "staircase", () => (stairInput.checked ? "1" : "0"));
    bind(alphaInput, "alpha", () => alphaInput.value);
    bind(warmInput, "warmup_steps", () => warmInput.value);
    bind(sigmaInput, "sigma", () => sigmaInput.value);
    bind(seedInput, "seed", () => seedInput.value);
    sync();
    update();
  }

  // A read-only hook for the browser tests, which compare it with TensorFlow.
  // The 2-D explorer (explorer2d.js) reads typed numbers with the same rules.
  window.lrExplorer = Object.freeze({
    learningRate: learningRate,
    descend: descend,
    text: Object.freeze({
      normalise: normalise,
      number: number,
      format: format,
      brief: brief,
      el: el,
      svgEl: svgEl,
      readAddress: readAddress,
      logScale: logScale,
      scrollingTable: scrollingTable,
      writeAddress: writeAddress,
      field: field,
      updates: updates,
      inRange: inRange,
      wholeIn: wholeIn,
      flag: flag,
      noise: noise,
    }),
  });

  function start() {
    document.querySelectorAll(".lr-explorer").forEach(build);
    // A click on a heading's link changes only the #anchor: the language links follow it.
    window.addEventListener("hashchange", languageLinks);
    // A long address waiting to be written is written before a language link is used
    // (by the mouse, the keyboard or a finger) and before the page is left.
    const toLanguageLink = (e) => {
      if (e.target instanceof Element && e.target.closest("a.md-select__link[hreflang]"))
        flushUrl();
    };
    document.addEventListener("pointerdown", toLanguageLink, true);
    document.addEventListener("focusin", toLanguageLink);
    window.addEventListener("pagehide", flushUrl);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
