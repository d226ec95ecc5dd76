"""Read the display formulas of the pages and evaluate them as written.

A page marks each display formula with the line directly above its ``$$``::

    <!--formula:cosine-->
    $$
    \\eta_t = \\eta_0 \\left( (1 - \\alpha) \\cdot \\frac{1 + \\cos(\\pi \\min(t, T) / T)}{2}
    + \\alpha \\right)
    $$

:func:`formulas` finds the marked (and unmarked) blocks of a page, :func:`parse`
turns the TeX into a :class:`Formula`, and :meth:`Formula.value` evaluates it
with numpy for given values of its symbols, e.g. every step ``t`` at once.
Nothing is rewritten or simplified first: what is checked is what the reader
sees, so a dropped term or a changed exponent in the TeX changes the numbers.

The TeX subset is the one the pages use, read by a small recursive-descent
parser; anything else raises :class:`TexError` naming the construct::

    system    := relation (',' relation)* ['.' | ',']
    relation  := expr (relop expr)*        relop: = \\leftarrow < > \\le \\ge \\ne
    expr      := ['+' | '-'] term (('+' | '-') term)*
    term      := factor ((\\cdot | \\times | '/' | implicit) factor)*
    factor    := atom ['^' script]
    atom      := number | variable | (expr) | \\left( expr \\right) | {expr}
               | \\lfloor expr \\rfloor | \\frac{expr}{expr} | \\sqrt{expr}
               | \\min(expr, ...) | \\max(...) | \\cos ... | \\ln ... | \\log_b ...
               | \\sum_{k=a}^{b} term | \\begin{cases} expr & relation \\\\ ... \\end{cases}

- A variable is a letter or a Greek letter with an optional subscript:
  ``\\eta_0``, ``\\eta_{\\mathrm{end}}``, ``m_{\\mathrm{mul}}``, ``w_{n+1}``, ``T_i``.
  ``\\pi`` is the number π; ``\\mathrm{loss}`` is the variable ``loss``; the
  Leibniz fraction ``\\frac{\\partial\\, \\mathrm{loss}}{\\partial w}`` is one
  variable, the derivative, which the caller gives a value.
- Letters side by side multiply (``2w_n``, ``r \\, t / T``); ``/`` and the
  products read left to right, so ``\\pi t_i / T_i`` is (π·tᵢ)/Tᵢ.
- As in TeX, ``x^10`` would be x¹·0: a script of more than one character must
  be braced, and the parser refuses the unbraced form instead of misreading it.
- Spacing (``\\,`` ``\\;`` ``\\!`` ``\\quad`` ``\\qquad``) is ignored. Top-level
  commas separate equations: the first is the formula, the others define the
  symbols it uses (``T_i = T_0 \\, t_{\\mathrm{mul}}^{\\,i}`` defines ``T_i``, and
  ``T_k`` for any index ``k``), and a chain of inequalities such as
  ``0 \\le t_i < T_i`` is a condition that fixes an integer unknown (see
  :meth:`Formula.value`).
- ``\\text{...}`` is words, not maths: it cannot be evaluated and is refused
  (except ``\\text{otherwise}`` as the condition of a last case), and so is
  ``\\operatorname{...}``, a function the reader does not know.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np

# --- Errors ------------------------------------------------------------------


class TexError(ValueError):
    """TeX outside the subset: the message names the construct and its column."""


class EvalError(ValueError):
    """A formula that cannot be evaluated; ``position`` is the flat index where."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


# --- Tokens ------------------------------------------------------------------

SPACING = {r"\,", r"\;", r"\:", r"\!", r"\>", r"\ ", r"\quad", r"\qquad"}
GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta",
    "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho",
    "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega",
}  # fmt: skip
FUNCTIONS = {"cos", "sin", "tan", "exp", "ln", "log", "sqrt"}
# Other commands that start a factor (so that ``2 \\frac{a}{b}`` multiplies).
OPENERS = {"pi", "frac", "dfrac", "tfrac", "left", "lfloor", "lceil", "min", "max", "sum", "begin"}
RELATIONS = {
    "=": "=", r"\leftarrow": "←", r"\gets": "←",
    "<": "<", r"\lt": "<", ">": ">", r"\gt": ">",
    r"\le": "≤", r"\leq": "≤", r"\ge": "≥", r"\geq": "≥", r"\ne": "≠", r"\neq": "≠",
}  # fmt: skip
ORDER = {"<", ">", "≤", "≥", "≠"}
TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<word>\\(?:mathrm|text|textrm|operatorname|mathit)\s*\{(?P<inner>[^{}]*)\})
  | (?P<command>\\(?:[A-Za-z]+|[^A-Za-z]))
  | (?P<number>\d+(?:\.\d+)?|\.\d+)
  | (?P<letter>[A-Za-z])
  | (?P<symbol>[{}()\[\]^_&+\-*/=<>,.|'])
    """,
    re.X,
)


@dataclass(frozen=True)
class Token:
    """One piece of TeX: ``kind`` is word, command, number, letter or symbol."""

    kind: str
    text: str
    pos: int  # offset in the source
    inner: str = ""  # the braced text of \mathrm{...} and \text{...}


def tokenize(source: str) -> list[Token]:
    """The tokens of ``source``, spacing commands dropped."""
    tokens = []
    pos = 0
    while pos < len(source):
        match = TOKEN.match(source, pos)
        if match is None:
            raise TexError(f"unexpected character {source[pos]!r} at column {pos + 1}")
        kind = next(
            k for k in ("space", "word", "command", "number", "letter", "symbol") if match.group(k)
        )
        text = match.group(0)
        if kind != "space" and text not in SPACING:
            tokens.append(Token(kind, text, pos, (match.group("inner") or "").strip()))
        pos = match.end()
    return tokens


# --- Syntax tree ---------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Var:
    """A symbol; ``index`` is the subscript read as an expression, if it is one."""

    name: str  # canonical: eta_0, eta_end, m_mul, w_n+1, T_i, loss, ∂loss/∂w
    base: str  # eta, m, w, T
    index: object | None = None


@dataclass(frozen=True)
class Unary:
    op: str
    arg: object


@dataclass(frozen=True)
class Binary:
    op: str  # + - * / ^
    left: object
    right: object


@dataclass(frozen=True)
class Call:
    name: str  # cos sin tan exp ln log sqrt floor ceil abs min max
    args: tuple
    base: object | None = None  # \log_b


@dataclass(frozen=True)
class Sum:
    index: str
    lower: object
    upper: object
    body: object


@dataclass(frozen=True)
class Chain:
    """``a < b \\le c``: true where every comparison holds."""

    operands: tuple
    ops: tuple


@dataclass(frozen=True)
class Cases:
    rows: tuple  # ((value, condition or None for "otherwise"), ...)


@dataclass(frozen=True)
class Equation:
    lhs: object
    rhs: object
    op: str  # "=" or "←"


# --- Parser --------------------------------------------------------------------


class Parser:
    """Recursive descent over the tokens of one formula."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.at = 0

    # helpers
    def peek(self, ahead: int = 0) -> Token | None:
        index = self.at + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def next(self) -> Token:
        token = self.peek()
        if token is None:
            raise TexError("the formula ends too early")
        self.at += 1
        return token

    def accept(self, *texts: str) -> Token | None:
        token = self.peek()
        if token is not None and token.text in texts:
            self.at += 1
            return token
        return None

    def expect(self, text: str, what: str) -> Token:
        token = self.peek()
        if token is None or token.text != text:
            raise self.error(f"expected {text!r} {what}", token)
        self.at += 1
        return token

    def error(self, message: str, token: Token | None = None) -> TexError:
        if token is None:
            return TexError(f"{message}, found the end of the formula")
        return TexError(f"{message}, found {token.text!r} at column {token.pos + 1}")

    # grammar
    def system(self) -> list:
        items = [self.relation()]
        while self.accept(","):
            if self.peek() is None:
                break
            items.append(self.relation())
        self.accept(".")
        if self.peek() is not None:
            raise self.error("expected ',' or the end of the formula", self.peek())
        return items

    def relation(self):
        operands = [self.expr()]
        ops = []
        while (token := self.peek()) is not None and token.text in RELATIONS:
            self.at += 1
            ops.append(RELATIONS[token.text])
            operands.append(self.expr())
        if not ops:
            raise self.error("expected = or an inequality", self.peek())
        if ops in (["="], ["←"]):
            return Equation(operands[0], operands[1], ops[0])
        if all(op in ORDER for op in ops):
            return Chain(tuple(operands), tuple(ops))
        raise TexError(f"cannot read {' '.join(ops)} as one equation or one chain of inequalities")

    def expr(self):
        if sign := self.accept("+", "-"):
            node = Unary(sign.text, self.term())
        else:
            node = self.term()
        while (token := self.accept("+", "-")) is not None:
            node = Binary(token.text, node, self.term())
        return node

    def term(self):
        node = self.factor()
        while True:
            if self.accept(r"\cdot", r"\times", "*"):
                node = Binary("*", node, self.factor())
            elif self.accept("/"):
                node = Binary("/", node, self.factor())
            elif self.starts_factor(self.peek()):
                node = Binary("*", node, self.factor())
            else:
                return node

    def starts_factor(self, token: Token | None) -> bool:
        if token is None:
            return False
        if token.kind in ("number", "letter", "word"):
            return True
        if token.text in ("(", "[", "{"):
            return True
        name = token.text[1:]
        return token.kind == "command" and (name in GREEK or name in FUNCTIONS or name in OPENERS)

    def factor(self):
        node = self.atom()
        if self.accept("^"):
            if isinstance(node, Var) and self.peek() is not None and self.peek().text == "*":
                self.at += 1  # w^*: a decoration of the name, not a power
                node = Var(node.name + "^*", node.base, node.index)
                if not self.accept("^"):
                    return node
            node = Binary("^", node, self.script("^"))
        if self.peek() is not None and self.peek().text in ("^", "_"):
            raise self.error("a second script on the same symbol", self.peek())
        return node

    def script(self, mark: str):
        """The argument of ``^``: a braced group or one character."""
        token = self.next()
        if token.text == "{":
            node = self.expr()
            self.expect("}", f"to close {mark}{{")
            return node
        if token.kind == "number":
            if len(token.text) > 1:
                raise TexError(
                    f"{mark}{token.text} at column {token.pos + 1} means {mark}{token.text[0]} "
                    f"followed by {token.text[1:]} in TeX: write {mark}{{{token.text}}}"
                )
            return Num(float(token.text))
        if token.kind == "letter":
            return Var(token.text, token.text)
        if token.kind == "command" and token.text[1:] in GREEK:
            return Var(token.text[1:], token.text[1:])
        raise self.error(f"expected a braced group or one character after {mark}", token)

    def subscript(self) -> tuple[str, object | None]:
        """A subscript's canonical text, and its value as an index when it has one."""
        token = self.next()
        if token.text == "{":
            depth, raw = 1, []
            while True:
                inner = self.next()
                depth += {"{": 1, "}": -1}.get(inner.text, 0)
                if depth == 0:
                    break
                raw.append(inner)
        else:
            raw = [token]
        if not raw:
            raise self.error("an empty subscript", token)
        text = "".join(canonical(t) for t in raw)
        index = None
        if all(t.kind in ("number", "letter", "symbol") for t in raw):
            try:
                sub = Parser(raw)
                index = sub.expr()
                if sub.peek() is not None:
                    index = None
            except TexError:
                index = None
        return text, index

    def variable(self, base: str) -> Var:
        if self.accept("_"):
            text, index = self.subscript()
            return Var(f"{base}_{text}", base, index)
        return Var(base, base)

    def group(self, opening: str, closing: str, what: str):
        node = self.expr()
        self.expect(closing, f"to close {opening} {what}")
        return node

    def braced(self, what: str):
        token = self.peek()
        if token is None or token.text != "{":
            raise self.error(f"expected {{ after {what}", token)
        self.at += 1
        return self.group("{", "}", f"after {what}")

    def delimited(self, what: str) -> list:
        """``( a, b )`` or ``\\left( a, b \\right)``: the arguments of a function."""
        left = self.accept("(", r"\left")
        if left is None:
            raise self.error(f"expected ( after {what}", self.peek())
        if left.text == r"\left":
            self.expect("(", f"after \\left in {what}")
        args = [self.expr()]
        while self.accept(","):
            args.append(self.expr())
        if left.text == r"\left":
            self.expect(r"\right", f"to close \\left( in {what}")
        self.expect(")", f"to close {what}(")
        return args

    def atom(self):
        token = self.next()
        text, kind = token.text, token.kind
        if kind == "number":
            return Num(float(text))
        if kind == "letter":
            return self.variable(text)
        if kind == "word":
            if text.startswith(r"\text"):
                raise TexError(
                    f"{text} at column {token.pos + 1} is words, not maths: "
                    "it cannot be evaluated, write it as a formula"
                )
            if text.startswith(r"\operatorname"):
                raise TexError(f"{text} at column {token.pos + 1}: an unknown function")
            return self.variable(token.inner.replace(" ", ""))
        if text == "{":
            return self.group("{", "}", "group")
        if text in ("(", "["):
            return self.group(text, ")" if text == "(" else "]", "bracket")
        if kind != "command":
            raise self.error("expected a number, a symbol or a bracket", token)
        name = text[1:]
        if name in GREEK:
            return self.variable(name)
        if name == "pi":
            return Num(math.pi)
        if name == "left":
            return self.left(token)
        if name == "lfloor":
            return Call("floor", (self.group(r"\lfloor", r"\rfloor", ""),))
        if name == "lceil":
            return Call("ceil", (self.group(r"\lceil", r"\rceil", ""),))
        if name in ("frac", "dfrac", "tfrac"):
            return self.fraction(text)
        if name in ("min", "max"):
            return Call(name, tuple(self.delimited(text)))
        if name == "sqrt":
            return Call("sqrt", (self.braced(text),))
        if name in FUNCTIONS:
            return self.function(name)
        if name == "sum":
            return self.sum()
        if name == "begin":
            return self.cases()
        raise TexError(f"{text} at column {token.pos + 1} is not in the TeX subset")

    def left(self, token: Token):
        opening = self.next()
        closers = {"(": ")", "[": "]", r"\lfloor": r"\rfloor", r"\lceil": r"\rceil", "|": "|"}
        if opening.text not in closers:
            raise self.error(r"unsupported delimiter after \left", opening)
        node = self.expr()
        self.expect(r"\right", f"to close \\left{opening.text}")
        self.expect(closers[opening.text], f"after \\right to match \\left{opening.text}")
        wrap = {r"\lfloor": "floor", r"\lceil": "ceil", "|": "abs"}.get(opening.text)
        return Call(wrap, (node,)) if wrap else node

    def fraction(self, command: str):
        # Leibniz notation: \frac{\partial\, \mathrm{loss}}{\partial w} is one symbol.
        if (
            self.peek() is not None
            and self.peek().text == "{"
            and self.peek(1) is not None
            and self.peek(1).text == r"\partial"
        ):
            top = self.partial(command)
            bottom = self.partial(command)
            return Var(f"∂{top}/∂{bottom}", "∂")
        return Binary("/", self.braced(command), self.braced(command))

    def partial(self, command: str) -> str:
        self.expect("{", f"after {command}")
        self.expect(r"\partial", f"in {command}")
        raw = []
        while (token := self.next()).text != "}":
            raw.append(token)
        return "".join(canonical(t) for t in raw)

    def function(self, name: str):
        base = None
        if name == "log" and self.accept("_"):
            base = self.script("_")
        if self.peek() is not None and self.peek().text == "^":
            raise self.error(f"a power on \\{name} (write (\\{name} x)^2)", self.peek())
        if self.peek() is not None and self.peek().text in ("(", r"\left"):
            args = self.delimited("\\" + name)
            if len(args) != 1:
                raise TexError(f"\\{name} takes one argument, got {len(args)}")
            arg = args[0]
        else:
            arg = self.factor()  # \ln x^2 is ln(x²), as in print
        return Call("ln" if name == "log" and base is None else name, (arg,), base)

    def sum(self):
        self.expect("_", r"after \sum (write \sum_{k=0}^{n})")
        self.expect("{", r"after \sum_")
        index = self.next()
        if index.kind != "letter":
            raise self.error(r"expected the index letter of \sum", index)
        self.expect("=", r"after the index of \sum")
        lower = self.group("{", "}", r"\sum_")
        self.expect("^", r"after \sum_{...}")
        upper = self.script("^")
        return Sum(index.text, lower, upper, self.term())

    def environment(self, command: str) -> str:
        """The name in ``\\begin{cases}`` or ``\\end{cases}``."""
        self.expect("{", f"after {command}")
        letters = []
        while (token := self.next()).text != "}":
            letters.append(token.text)
        return "".join(letters)

    def cases(self):
        env = self.environment(r"\begin")
        if env != "cases":
            raise TexError(f"\\begin{{{env}}} is not in the TeX subset, only cases")
        rows = []
        while True:
            value = self.expr()
            self.expect("&", "between the value and the condition of a case")
            token = self.peek()
            if token is not None and token.kind == "word" and token.inner == "otherwise":
                self.at += 1
                condition = None
            else:
                condition = self.relation()
                if isinstance(condition, Equation) and condition.op == "=":  # t = 0: a test
                    condition = Chain((condition.lhs, condition.rhs), ("=",))
                if not isinstance(condition, Chain):
                    raise TexError("a case's condition must be a comparison")
            rows.append((value, condition))
            if not self.accept(r"\\"):
                break
            if self.peek() is not None and self.peek().text == r"\end":
                break
        self.expect(r"\end", r"to close \begin{cases}")
        if self.environment(r"\end") != "cases":
            raise TexError(r"\begin{cases} closed by another \end")
        return Cases(tuple(rows))


def canonical(token: Token) -> str:
    """How a token is spelled in a symbol's name: \\mathrm{end} → end, \\max → max."""
    if token.kind == "word":
        return token.inner.replace(" ", "")
    if token.kind == "command":
        return token.text[1:]
    return token.text


# --- Formulas --------------------------------------------------------------------


@dataclass
class Formula:
    """A parsed display formula: its first equation, definitions and conditions."""

    source: str
    equations: list[Equation]
    conditions: list[Chain] = field(default_factory=list)

    @property
    def main(self) -> Equation | Chain:
        """The first relation of the block: the formula the text is about."""
        return self.equations[0] if self.equations else self.conditions[0]

    def __add__(self, other: Formula) -> Formula:
        """This formula with the definitions and conditions of another block."""
        return Formula(
            f"{self.source}, \\qquad {other.source}",
            self.equations + other.equations,
            self.conditions + other.conditions,
        )

    def definitions(self) -> list[Equation]:
        """Equations after the first whose left side is one symbol."""
        return [eq for eq in self.equations[1:] if isinstance(eq.lhs, Var)]

    def symbols(self) -> set[str]:
        """Every symbol the formula mentions (sums' indices excluded)."""
        found: set[str] = set()
        for node in [*self.equations, *self.conditions]:
            found |= mentioned(node)
        return found

    def value(
        self,
        values: Mapping[str, object],
        *,
        side: str = "rhs",
        solve: Mapping[str, int] | None = None,
    ) -> np.ndarray:
        """Evaluate the main relation with ``values`` (TeX name → number or array).

        ``side`` is ``rhs`` or ``lhs`` of the first equation, or ``holds`` for
        a formula that is a condition (true where it holds). ``solve`` names
        integer unknowns, each with the largest value to try (``{"i": 100}``):
        at every position the unknown takes the one value 0, 1, … for which
        every condition of the formula holds; none or several is an error.
        """
        env = {name(key): np.asarray(v, dtype=float) for key, v in values.items()}
        context = Context(env, self.definitions())
        with np.errstate(all="ignore"):
            for unknown, largest in (solve or {}).items():
                env[name(unknown)] = self.solve(context, name(unknown), largest)
            main = self.main
            if side == "holds":
                if not isinstance(main, Chain):
                    raise EvalError("the formula is an equation, not a condition")
                return np.asarray(context.evaluate(main), dtype=bool)
            if not isinstance(main, Equation):
                raise EvalError("the formula is a condition, not an equation")
            return np.asarray(context.evaluate(main.rhs if side == "rhs" else main.lhs), float)

    def solve(self, context: Context, unknown: str, largest: int) -> np.ndarray:
        """The integer at each position for which all conditions hold."""
        if not self.conditions:
            raise EvalError(f"nothing fixes {unknown}: the formula states no condition on it")
        found = count = None
        for candidate in range(largest + 1):
            context.env[unknown] = np.asarray(float(candidate))
            holds = np.ones((), dtype=bool)
            for condition in self.conditions:
                holds = holds & np.asarray(context.evaluate(condition), dtype=bool)
            if found is None:
                found, count = np.zeros(holds.shape), np.zeros(holds.shape, dtype=int)
            found, count = np.where(holds, candidate, found), count + holds
            if count.min() > 0 and candidate >= found.max() + 2:
                break  # every position placed, and two more values tried for overlaps
        del context.env[unknown]
        flat = count.ravel()
        if (flat != 1).any():
            where = int(np.argmax(flat != 1))
            how = "no value" if flat[where] == 0 else "more than one value"
            raise EvalError(f"{how} of {unknown} from 0 to {largest} meets the conditions", where)
        return found


def mentioned(node) -> set[str]:
    """The symbols a node mentions."""
    if isinstance(node, Var):
        inner = mentioned(node.index) if node.index is not None else set()
        return {node.name} | inner
    if isinstance(node, Sum):
        inside = mentioned(node.body) - {node.index}
        return mentioned(node.lower) | mentioned(node.upper) | inside
    found: set[str] = set()
    for child in children(node):
        found |= mentioned(child)
    return found


def children(node) -> Iterator:
    if isinstance(node, Unary):
        yield node.arg
    elif isinstance(node, Binary):
        yield node.left
        yield node.right
    elif isinstance(node, Call):
        yield from node.args
        if node.base is not None:
            yield node.base
    elif isinstance(node, Chain):
        yield from node.operands
    elif isinstance(node, Cases):
        for value, condition in node.rows:
            yield value
            if condition is not None:
                yield condition
    elif isinstance(node, Equation):
        yield node.lhs
        yield node.rhs


# --- Evaluation --------------------------------------------------------------------

COMPARE = {
    "<": np.less,
    ">": np.greater,
    "≤": np.less_equal,
    "≥": np.greater_equal,
    "≠": np.not_equal,
    "=": np.equal,
}
CALLS = {
    "cos": np.cos,
    "sin": np.sin,
    "tan": np.tan,
    "exp": np.exp,
    "ln": np.log,
    "sqrt": np.sqrt,
    "floor": np.floor,
    "ceil": np.ceil,
    "abs": np.abs,
}


@dataclass
class Context:
    """Values of the symbols, and the definitions that give the others."""

    env: dict[str, np.ndarray]
    definitions: list[Equation]
    depth: int = 0

    def evaluate(self, node):
        if isinstance(node, Num):
            return node.value
        if isinstance(node, Var):
            return self.lookup(node)
        if isinstance(node, Unary):
            value = self.evaluate(node.arg)
            return -value if node.op == "-" else value
        if isinstance(node, Binary):
            left, right = self.evaluate(node.left), self.evaluate(node.right)
            if node.op == "+":
                return np.add(left, right)
            if node.op == "-":
                return np.subtract(left, right)
            if node.op == "*":
                return np.multiply(left, right)
            if node.op == "/":
                return np.true_divide(left, right)
            return np.power(np.asarray(left, dtype=float), right)
        if isinstance(node, Call):
            args = [self.evaluate(a) for a in node.args]
            if node.name == "min":
                return np.minimum.reduce(np.broadcast_arrays(*args))
            if node.name == "max":
                return np.maximum.reduce(np.broadcast_arrays(*args))
            if node.base is not None:
                return np.log(args[0]) / np.log(self.evaluate(node.base))
            return CALLS[node.name](args[0])
        if isinstance(node, Sum):
            return self.sum(node)
        if isinstance(node, Chain):
            values = [self.evaluate(o) for o in node.operands]
            holds = np.ones((), dtype=bool)
            for op, left, right in zip(node.ops, values, values[1:], strict=False):
                holds = holds & COMPARE[op](left, right)
            return holds
        if isinstance(node, Cases):
            return self.cases(node)
        raise EvalError(f"cannot evaluate {type(node).__name__}")

    def lookup(self, var: Var):
        if var.name in self.env:
            return self.env[var.name]
        for definition in self.definitions:
            lhs = definition.lhs
            if lhs.name == var.name and lhs.index is None:
                return self.nested({}).evaluate(definition.rhs)
            if lhs.base == var.base and isinstance(lhs.index, Var) and var.index is not None:
                # T_i = T_0 t_mul^i also gives T_k, T_{i+1}: substitute the index.
                return self.nested({lhs.index.name: self.evaluate(var.index)}).evaluate(
                    definition.rhs
                )
        raise EvalError(f"{var.name} has no value: give it one or define it in the formula")

    def nested(self, extra: dict) -> Context:
        if self.depth > 50:
            raise EvalError("the definitions refer to themselves")
        return Context({**self.env, **extra}, self.definitions, self.depth + 1)

    def sum(self, node: Sum):
        lower = np.asarray(self.evaluate(node.lower), dtype=float)
        upper = np.asarray(self.evaluate(node.upper), dtype=float)
        total = np.zeros(np.broadcast_shapes(lower.shape, upper.shape))
        if total.size == 0:
            return total
        start, stop = int(np.floor(lower.min())), int(np.floor(upper.max()))
        if stop - start > 100_000:
            raise EvalError(f"a sum over {stop - start} terms")
        for k in range(start, stop + 1):
            term = self.nested({node.index: np.asarray(float(k))}).evaluate(node.body)
            inside = (lower <= k) & (k <= upper)
            total = total + np.where(inside, term, 0.0)
        return total

    def cases(self, node: Cases):
        conditions = []
        for _, condition in node.rows:
            if condition is None:  # "otherwise": where no earlier case applies
                earlier = np.zeros((), dtype=bool)
                for c in conditions:
                    earlier = earlier | c
                conditions.append(~earlier)
            else:
                conditions.append(np.asarray(self.evaluate(condition), dtype=bool))
        values = [self.evaluate(value) for value, _ in node.rows]
        shape = np.broadcast_shapes(*(np.shape(x) for x in [*conditions, *values]))
        conditions = [np.broadcast_to(c, shape) for c in conditions]
        count = sum(c.astype(int) for c in conditions)
        flat = np.ravel(count)
        if (flat != 1).any():
            where = int(np.argmax(flat != 1))
            how = "no case applies" if flat[where] == 0 else "two cases apply"
            raise EvalError(f"\\begin{{cases}}: {how}", where)
        return np.select(conditions, [np.broadcast_to(v, shape) for v in values])


# --- Reading -----------------------------------------------------------------------


def parse(source: str) -> Formula:
    """Parse one display formula (the text between its ``$$``)."""
    items = Parser(tokenize(source)).system()
    equations = [item for item in items if isinstance(item, Equation)]
    conditions = [item for item in items if isinstance(item, Chain)]
    if not equations and len(conditions) != 1:
        raise TexError("a formula with no equation must be exactly one condition")
    return Formula(source.strip(), equations, conditions)


def name(tex: str) -> str:
    """The canonical name of a symbol written in TeX: ``\\eta_{\\mathrm{end}}`` → eta_end."""
    parser = Parser(tokenize(tex))
    node = parser.factor()
    if not isinstance(node, Var) or parser.peek() is not None:
        raise TexError(f"{tex!r} is not one symbol")
    return node.name


# --- Formulas on a page -------------------------------------------------------------

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.M | re.S)
DISPLAY = re.compile(r"^[ \t]*\$\$[ \t]*\n(.*?)\n[ \t]*\$\$[ \t]*$", re.M | re.S)
MARK = re.compile(r"^[ \t]*<!--formula:([\w-]+)-->[ \t]*$")


@dataclass(frozen=True)
class Display:
    """One ``$$`` block of a page; ``key`` comes from its mark, if any."""

    key: str | None
    line: int  # 1-based line of the formula's first line of TeX
    tex: str


def formulas(text: str) -> list[Display]:
    """Every display formula of a page, outside code fences, with its mark."""
    blanked = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = text.splitlines()
    found = []
    for match in DISPLAY.finditer(blanked):
        opening = blanked.count("\n", 0, match.start())  # 0-based line of the $$
        above = MARK.match(lines[opening - 1]) if opening > 0 else None
        found.append(Display(above.group(1) if above else None, opening + 2, match.group(1)))
    return found
