/* Learning-rate explorer: gradient descent on loss = (w + 1)^2, in float32.
 *
 * Every operation is rounded to float32 (Math.fround) in the order TensorFlow
 * performs it, so the table prints what the TensorFlow snippets print:
 *   grad = fround(fround(w + 1) * 2)          (gradient of tf.square)
 *   w    = fround(w - fround(grad * lr))       (Keras SGD, no momentum)
 *   lr   = fround(base * fround(rate ** p))    (ExponentialDecay, p = step / decay_steps,
 *                                              floored when staircase)
 * Nothing read from the URL or the inputs is ever inserted as HTML.
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
      alpha: "最低比例 alpha",
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
      curve: "损失函数曲线与每一步的位置",
      wPlot: "w 随更新次数的变化",
      lrPlot: "每次更新之后的学习率（即下一次更新所用的学习率）",
      table: "前几步的数值（float32，与 TensorFlow 的输出一致）",
      step: "更新次数",
      learningRate: "学习率",
      loss: "损失",
      share: "复制本页链接即可分享当前设置。",
      badLr: "学习率必须是 0.0001 到 1.5 之间的数。",
      badW0: "初值必须是绝对值不超过 1000000 的数。",
      badSteps: "更新次数必须是 1 到 1000 之间的整数。",
      badRate: "衰减率必须大于 0 且不超过 {max}。",
      badDecaySteps: "衰减步长必须是 1 到 1000000 之间的整数。",
      diverged:
        "第 {n} 次更新后数值超出了 float32 的范围：学习率过大，迭代发散。图表只画到此前一步。",
      truncated: "表格只列出前 {n} 行。",
      summary: "{n} 次更新后：w = {w}，损失 = {loss}。",
    },
    en: {
      lr: "Learning rate η",
      lrExact: "Learning rate η (exact value)",
      w0: "Start w₀",
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
      curve: "The loss curve and where each step lands",
      wPlot: "w after each update",
      lrPlot: "Learning rate after each update (the next update uses it)",
      table: "The first steps (float32, as TensorFlow prints them)",
      step: "Update",
      learningRate: "Learning rate",
      loss: "Loss",
      share: "Copy this page's address to share these settings.",
      badLr: "The learning rate must be a number from 0.0001 to 1.5.",
      badW0: "The start must be a number no larger than 1000000 in absolute value.",
      badSteps: "The number of updates must be a whole number from 1 to 1000.",
      badRate: "The decay rate must be above 0 and at most {max}.",
      badDecaySteps: "Decay steps must be a whole number from 1 to 1000000.",
      diverged:
        "After update {n} the values leave float32's range: the learning rate is too large and the iteration diverges. The plots stop at the step before.",
      truncated: "The table lists the first {n} rows.",
      summary: "After {n} updates: w = {w}, loss = {loss}.",
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

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  }

  /* Parse a decimal typed by a person; anything else is NaN, never a guess. */
  function number(text) {
    const s = String(text == null ? "" : text).trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
    return Number(s);
  }

  const inRange = (value, low, high) => value >= low && value <= high;
  const wholeIn = (value, low, high) => Number.isInteger(value) && inRange(value, low, high);

  /* Read the raw settings; each one a schedule uses must be in its range. */
  function validate(raw, t) {
    const cfg = {
      lr: number(raw.lr),
      w0: number(raw.w0),
      steps: number(raw.steps),
      schedule: SCHEDULES.indexOf(raw.schedule) >= 0 ? raw.schedule : "constant",
      rate: number(raw.rate),
      decaySteps: number(raw.decay_steps),
      staircase: raw.staircase !== "0",
      alpha: number(raw.alpha),
      warmupSteps: number(raw.warmup_steps),
    };
    const uses = (name) => USES[cfg.schedule].includes(name);
    // Exponential decay multiplies by the rate (at most 1); inverse-time decay divides by
    // 1 + rate * t / T, where Keras accepts any positive rate.
    const rateMax = cfg.schedule === "inverse" ? LIMITS.inverseRateMax : 1;
    const checks = [
      ["lr", true, inRange(cfg.lr, LIMITS.lrMin, LIMITS.lrMax), t.badLr],
      ["w0", true, Math.abs(cfg.w0) <= LIMITS.w0Max, t.badW0],
      ["steps", true, wholeIn(cfg.steps, 1, LIMITS.stepsMax), t.badSteps],
      [
        "rate",
        uses("rate"),
        cfg.rate > 0 && cfg.rate <= rateMax,
        format(t.badRate, { max: rateMax }),
      ],
      [
        "decay_steps",
        uses("decay_steps"),
        wholeIn(cfg.decaySteps, 1, LIMITS.decayStepsMax),
        t.badDecaySteps,
      ],
      ["alpha", uses("alpha"), inRange(cfg.alpha, 0, 1), t.badAlpha],
      [
        "warmup_steps",
        uses("warmup_steps"),
        wholeIn(cfg.warmupSteps, 1, LIMITS.decayStepsMax),
        t.badWarmup,
      ],
    ];
    const errors = checks
      .filter(([, used, valid]) => used && !valid)
      .map(([name, , , message]) => [name, message]);
    return { cfg: cfg, errors: errors };
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

  function descend(cfg) {
    let w = f(cfg.w0);
    const x0 = f(w + 1);
    const rows = [{ step: 0, w: w, lr: learningRate(cfg, 0), loss: f(x0 * x0) }];
    let diverged = 0;
    for (let n = 1; n <= cfg.steps; n++) {
      const grad = f(f(w + 1) * 2);
      const next = f(w - f(grad * learningRate(cfg, n - 1)));
      const x = f(next + 1);
      const loss = f(x * x);
      if (!Number.isFinite(next) || !Number.isFinite(loss) || !Number.isFinite(grad)) {
        diverged = n;
        break;
      }
      w = next;
      // As the course prints it: read after the update, for the new global step.
      rows.push({ step: n, w: w, lr: learningRate(cfg, n), loss: loss });
    }
    return { rows: rows, diverged: diverged };
  }

  function fixed(x) {
    return (x === 0 ? 0 : x).toFixed(6);
  } // no "-0.000000"

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

  /* A small line chart; `series` = [{points: [[x, y]...], cls, dots}]. */
  function chart(title, series, xLabel, yLabel) {
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
    const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "lr-chart" });
    const titleNode = svgEl("title");
    titleNode.textContent = title;
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
        const label = svgEl(
          "text",
          isX
            ? { x: sx(v), y: H - B + 14, "text-anchor": "middle", class: "lr-tick" }
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

  function render(root, t, state) {
    const out = root.querySelector(".lr-output");
    const messages = root.querySelector(".lr-messages");
    out.textContent = "";
    messages.textContent = "";
    root.querySelectorAll("[aria-invalid]").forEach((n) => {
      n.removeAttribute("aria-invalid");
    });
    const checked = validate(state, t);
    if (checked.errors.length) {
      checked.errors.forEach((e) => {
        messages.appendChild(el("p", { class: "lr-error", "data-field": e[0] }, e[1]));
        const input = root.querySelector(`[name="${e[0]}"]`);
        if (input) input.setAttribute("aria-invalid", "true");
      });
      return;
    }
    const cfg = checked.cfg;
    const result = descend(cfg);
    const rows = result.rows;
    if (result.diverged) {
      messages.appendChild(
        el("p", { class: "lr-warning" }, format(t.diverged, { n: result.diverged })),
      );
    }
    const last = rows[rows.length - 1];
    out.appendChild(
      el(
        "p",
        { class: "lr-summary" },
        format(t.summary, { n: last.step, w: fixed(last.w), loss: fixed(last.loss) }),
      ),
    );

    const ws = rows.map((r) => r.w);
    const lo = Math.min(-4, Math.min.apply(null, ws)),
      hi = Math.max(6, Math.max.apply(null, ws));
    const curve = [];
    for (let i = 0; i <= 120; i++) {
      const x = lo + ((hi - lo) * i) / 120;
      curve.push([x, (x + 1) * (x + 1)]);
    }
    const figures = el("div", { class: "lr-figures" });
    figures.appendChild(
      chart(
        t.curve,
        [
          { points: curve, cls: "lr-curve" },
          { points: rows.map((r) => [r.w, (r.w + 1) * (r.w + 1)]), cls: "lr-path", dots: true },
        ],
        "w",
        "loss",
      ),
    );
    figures.appendChild(
      chart(
        t.wPlot,
        [{ points: rows.map((r) => [r.step, r.w]), cls: "lr-path", dots: rows.length <= 60 }],
        t.step,
        "w",
      ),
    );
    figures.appendChild(
      chart(
        t.lrPlot,
        [
          {
            points: rows
              .slice(1)
              .map((r) => [r.step, r.lr])
              .concat(rows.length > 1 ? [] : [[0, rows[0].lr]]),
            cls: "lr-rate",
            dots: rows.length <= 60,
          },
        ],
        t.step,
        t.learningRate,
      ),
    );
    out.appendChild(figures);

    // No class: Material styles class-less tables; the data attribute is for tests.
    const table = el("table", { "data-lr-table": "" });
    table.appendChild(el("caption", {}, t.table));
    const head = el("tr");
    [t.step, "w", t.learningRate, t.loss].forEach((h) => {
      head.appendChild(el("th", { scope: "col" }, h));
    });
    table.appendChild(el("thead")).appendChild(head);
    const body = table.appendChild(el("tbody"));
    rows.slice(0, TABLE_ROWS + 1).forEach((r) => {
      const tr = el("tr", { "data-step": r.step });
      [String(r.step), fixed(r.w), fixed(r.lr), fixed(r.loss)].forEach((v) => {
        tr.appendChild(el("td", {}, v));
      });
      body.appendChild(tr);
    });
    out.appendChild(table);
    if (rows.length > TABLE_ROWS + 1)
      out.appendChild(el("p", {}, format(t.truncated, { n: TABLE_ROWS + 1 })));
  }

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    const state = Object.assign({}, DEFAULTS);
    Object.keys(DEFAULTS).forEach((k) => {
      if (params.has(k)) state[k] = params.get(k);
    });
    return state;
  }

  function writeUrl(state) {
    const params = new URLSearchParams();
    Object.keys(DEFAULTS).forEach((k) => {
      params.set(k, state[k]);
    });
    window.history.replaceState(null, "", `${window.location.pathname}?${params.toString()}`);
  }

  function field(label, input) {
    const wrap = el("div", { class: "lr-field" });
    const id = `lr-${input.getAttribute("name")}`;
    input.id = id;
    wrap.appendChild(el("label", { for: id }, label));
    wrap.appendChild(input);
    return wrap;
  }

  function build(root) {
    const lang = (document.documentElement.lang || "en").slice(0, 2);
    const t = TEXT[lang] || TEXT.en;
    let state = readUrl();
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
        update();
      });
      presets.appendChild(b);
    });
    root.appendChild(presets);

    const form = el("form", { class: "lr-form", novalidate: "" });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
    });
    const slider = el("input", {
      type: "range",
      name: "lr_log",
      min: Math.log10(LIMITS.lrMin),
      max: Math.log10(LIMITS.lrMax).toFixed(4),
      step: "0.01",
    });
    const lrInput = el("input", {
      type: "text",
      name: "lr",
      inputmode: "decimal",
      autocomplete: "off",
    });
    const w0Input = el("input", {
      type: "text",
      name: "w0",
      inputmode: "decimal",
      autocomplete: "off",
    });
    const stepsInput = el("input", {
      type: "text",
      name: "steps",
      inputmode: "numeric",
      autocomplete: "off",
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
    });
    const decayInput = el("input", {
      type: "text",
      name: "decay_steps",
      inputmode: "numeric",
      autocomplete: "off",
    });
    const stairInput = el("input", { type: "checkbox", name: "staircase" });
    const alphaInput = el("input", {
      type: "text",
      name: "alpha",
      inputmode: "decimal",
      autocomplete: "off",
    });
    const warmInput = el("input", {
      type: "text",
      name: "warmup_steps",
      inputmode: "numeric",
      autocomplete: "off",
    });
    form.appendChild(field(t.lr, slider));
    form.appendChild(field(t.lrExact, lrInput));
    form.appendChild(field(t.w0, w0Input));
    form.appendChild(field(t.steps, stepsInput));
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
    root.appendChild(el("div", { class: "lr-messages", role: "alert", "aria-live": "polite" }));
    root.appendChild(el("div", { class: "lr-output" }));
    root.appendChild(el("p", { class: "lr-share" }, t.share));

    function sync() {
      lrInput.value = state.lr;
      const v = number(state.lr);
      if (v > 0) slider.value = String(Math.log10(v));
      w0Input.value = state.w0;
      stepsInput.value = state.steps;
      scheduleInput.value = SCHEDULES.indexOf(state.schedule) >= 0 ? state.schedule : "constant";
      rateInput.value = state.rate;
      decayInput.value = state.decay_steps;
      stairInput.checked = state.staircase !== "0";
      alphaInput.value = state.alpha;
      warmInput.value = state.warmup_steps;
      const uses = USES[scheduleInput.value];
      decayBox.hidden = uses.length === 0;
      Object.keys(decayFields).forEach((k) => {
        decayFields[k].hidden = uses.indexOf(k) < 0;
      });
    }
    function update() {
      writeUrl(state);
      render(root, t, state);
    }
    function bind(input, key, read) {
      input.addEventListener("input", () => {
        state[key] = read();
        if (key === "schedule") sync();
        update();
      });
      input.addEventListener("change", () => {
        state[key] = read();
        sync();
        update();
      });
    }
    slider.addEventListener("input", () => {
      state.lr = String(+(10 ** Number(slider.value)).toPrecision(3));
      lrInput.value = state.lr;
      update();
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
    sync();
    update();
  }

  // A read-only hook for the browser tests, which compare it with TensorFlow.
  window.lrExplorer = Object.freeze({ learningRate: learningRate, descend: descend });

  function start() {
    document.querySelectorAll(".lr-explorer").forEach(build);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
