/* Accessibility fixes for what the theme builds in the browser.
 *
 * Material for MkDocs creates some markup at run time, so these cannot be
 * made at build time (hooks/a11y.py fixes the static markup):
 * - a region that scrolls sideways (a wide table, formula, figure or output)
 *   must be reachable with the keyboard: it gets tabindex="0", role="region"
 *   and a name, for as long as it actually scrolls at the current width, and
 *   data-scroll-more says on which side there is more to see;
 * - a code annotation's marker is a link with no text: it gets a name;
 * - every code block's tool bar is a <nav>: each gets a name of its own;
 * - below 76.25em the navigation is a drawer whose menu button is a <label>
 *   the keyboard cannot reach, while the closed drawer's links stay in the
 *   Tab order off-screen: the label becomes a button (Enter or Space opens
 *   the drawer and moves the focus into it, Escape closes it and returns the
 *   focus), and the closed drawer is inert;
 * - the colour-scheme switch is a pair of radios, neither checked when the
 *   scheme follows the system: the Tab key then lands on the one whose
 *   label is hidden. The radio of the scheme shown is checked, so the focus
 *   (and its ring) is on the visible switch, and Space switches like Enter.
 * Everything is re-checked when the theme adds markup or the window resizes.
 */
(() => {
  const TEXT = {
    zh: {
      table: "表格 {n}（可横向滚动）",
      figure: "插图 {n}（可横向滚动）",
      formula: "公式 {n}（可横向滚动）",
      output: "输出 {n}（可横向滚动）",
      code: "代码 {n}（可横向滚动）",
      region: "可横向滚动的内容",
      annotation: "代码注释 {n}",
      codeTools: "第 {n} 个代码块的工具",
      menu: "导航菜单",
    },
    en: {
      table: "Table {n} (scrolls sideways)",
      figure: "Figure {n} (scrolls sideways)",
      formula: "Formula {n} (scrolls sideways)",
      output: "Output {n} (scrolls sideways)",
      code: "Code {n} (scrolls sideways)",
      region: "Content that scrolls sideways",
      annotation: "Code annotation {n}",
      codeTools: "Tools of code block {n}",
      menu: "Navigation menu",
    },
  };
  // What may scroll sideways, and what each is called.
  const SCROLLERS = [
    [".md-typeset__scrollwrap", "table"],
    [".figure-scroll", "figure"],
    [".math-block", "formula"],
    [".jp-OutputArea-output", "output"],
    [".highlight-ipynb", "code"],
    [".highlight pre > code", "code"],
    [".lr-table-scroll", "table"],
  ];
  const text = () => TEXT[document.documentElement.lang?.slice(0, 2)] ?? TEXT.en;

  // Wider than its box, and a box that scrolls (not a wrapper whose overflow shows).
  const scrolls = (element) =>
    element.scrollWidth > element.clientWidth + 1 &&
    ["auto", "scroll"].includes(getComputedStyle(element).overflowX);

  // Which sides have more to see: the stylesheet fades those edges out, so
  // a region that scrolls looks cut, not complete.
  function showMore(element) {
    const left = element.scrollLeft > 1;
    const right = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
    const more = left && right ? "both" : left ? "left" : right ? "right" : "";
    element.setAttribute("data-scroll-more", more);
  }

  function onScroll(event) {
    showMore(event.currentTarget);
  }

  // data-scroll-region lists what this script added, so that unmarking
  // removes that and nothing the theme or nbconvert had set.
  function markScroller(element, label) {
    const added = [];
    if (element.tabIndex < 0) {
      element.setAttribute("tabindex", "0");
      added.push("tabindex");
    }
    if (!element.hasAttribute("role")) {
      element.setAttribute("role", "region");
      added.push("role");
    }
    if (!element.hasAttribute("aria-label")) {
      element.setAttribute("aria-label", label);
      added.push("aria-label");
    }
    element.setAttribute("data-scroll-region", added.join(" "));
    element.addEventListener("scroll", onScroll, { passive: true });
    showMore(element);
  }

  function unmarkScroller(element) {
    // It fits again: no useless stop for the Tab key, no fade.
    const added = element.getAttribute("data-scroll-region").split(" ");
    for (const name of added) if (name) element.removeAttribute(name);
    element.removeEventListener("scroll", onScroll);
    element.removeAttribute("data-scroll-more");
    element.removeAttribute("data-scroll-region");
  }

  function markScrollers(words) {
    for (const [selector, kind] of SCROLLERS) {
      const found = document.querySelectorAll(`.md-content ${selector}`);
      for (const [index, element] of found.entries()) {
        const ours = element.hasAttribute("data-scroll-region");
        // Numbered, so that each region's name is its own (axe: landmark-unique).
        const name = words[kind].replace("{n}", String(index + 1));
        if (ours && scrolls(element)) showMore(element);
        else if (scrolls(element)) markScroller(element, name);
        else if (ours) unmarkScroller(element);
      }
    }
  }

  function nameControls(words) {
    document.querySelectorAll(".md-content a.md-annotation__index").forEach((link) => {
      if (link.hasAttribute("aria-label")) return;
      const n = link.querySelector("[data-md-annotation-id]")?.dataset.mdAnnotationId ?? "";
      link.setAttribute("aria-label", words.annotation.replace("{n}", n));
    });
    document.querySelectorAll(".md-content nav.md-code__nav").forEach((nav, index) => {
      nav.setAttribute("aria-label", words.codeTools.replace("{n}", String(index + 1)));
    });
  }

  const WIDE = window.matchMedia("(min-width: 76.25em)"); // Material's drawer breakpoint

  function drawer(words) {
    const toggle = document.getElementById("__drawer");
    const button = document.querySelector('label.md-header__button[for="__drawer"]');
    const sidebar = document.querySelector(".md-sidebar--primary");
    if (!toggle || !button || !sidebar || button.hasAttribute("data-a11y")) return;
    const sync = () => {
      sidebar.inert = !(WIDE.matches || toggle.checked);
      button.setAttribute("aria-expanded", String(toggle.checked));
    };
    button.setAttribute("data-a11y", "");
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", words.menu);
    button.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      toggle.click();
    });
    toggle.addEventListener("change", () => {
      sync();
      if (toggle.checked && !WIDE.matches)
        sidebar.querySelector("a[href], input, [tabindex='0']")?.focus();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !toggle.checked || WIDE.matches) return;
      toggle.click();
      button.focus();
    });
    WIDE.addEventListener("change", sync);
    sync();
  }

  function palette() {
    const radios = [...document.querySelectorAll('input[name="__palette"]')];
    if (!radios.length || radios[0].hasAttribute("data-a11y")) return;
    const scheme = document.body.getAttribute("data-md-color-scheme");
    if (!radios.some((radio) => radio.checked)) {
      const shown = radios.find((radio) => radio.dataset.mdColorScheme === scheme);
      if (shown) shown.checked = true;
    }
    for (const radio of radios) {
      radio.setAttribute("data-a11y", "");
      radio.addEventListener("keydown", (event) => {
        if (event.key !== " ") return;
        event.preventDefault();
        radio.nextElementSibling?.click(); // the label that switches scheme
      });
    }
  }

  let pending = false;
  function update() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const words = text();
      markScrollers(words);
      nameControls(words);
      drawer(words);
      palette();
    });
  }

  function start() {
    update();
    const content = document.querySelector(".md-content");
    if (content)
      new MutationObserver(update).observe(content, {
        childList: true,
        subtree: true,
      });
    window.addEventListener("resize", update);
    window.addEventListener("load", update);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
