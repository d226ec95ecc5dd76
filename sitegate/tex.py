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
  :meth:`Formula.value`). Nothing after the first relation may go unchecked:
  another equation must define a symbol the formula uses and no symbol the
  caller gives a value (:meth:`Formula.refusals`), and another condition must
  hold wherever the formula is evaluated.
- Brackets, groups and scripts nested more than ``MAX_DEPTH`` deep, and a sum
  whose bound is NaN or infinite, are refused with a message, not a crash.
- Two numbers side by side (``1{300}``, ``1\\,000``, ``0.5{0}``, ``2\\frac{1}{2}``)
  look like one number to a reader but would be multiplied: refused.
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
    text: str = field(default="", compare=False)  # as written, for messages


@dataclass(frozen=True)
class Cases:
    rows: tuple  # ((value, condition or None for "otherwise"), ...)
    texts: tuple = field(default=(), compare=False)  # each row as written


@dataclass(frozen=True)
class Equation:
    lhs: object
    rhs: object
    op: str  # "=" or "←"
    text: str = field(default="", compare=False)  # as written, for messages


# --- Parser --------------------------------------------------------------------


MAX_DEPTH = 60  # brackets, groups and scripts nested deeper than this are refused


class Parser:
    """Recursive descent over the tokens of one formula."""

    def __init__(self, tokens: list[Token], source: str = "") -> None:
        self.tokens = tokens
        self.source = source
        self.at = 0
        self.depth = 0

    def written(self, start: int) -> str:
        """The source from token ``start`` to the last token read, as written."""
        if not self.source or start >= self.at:
            return ""
        last = self.tokens[self.at - 1]
        return self.source[self.tokens[start].pos : last.pos + len(last.text)].strip()

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
        start = self.at
        operands = [self.expr()]
        ops = []
        while (token := self.peek()) is not None and token.text in RELATIONS:
            self.at += 1
            ops.append(RELATIONS[token.text])
            operands.append(self.expr())
        if not ops:
            raise self.error("expected = or an inequality", self.peek())
        if ops in (["="], ["←"]):
            return Equation(operands[0], operands[1], ops[0], self.written(start))
        if all(op in ORDER for op in ops):
            return Chain(tuple(operands), tuple(ops), self.written(start))
        raise TexError(f"cannot read {' '.join(ops)} as one equation or one chain of inequalities")

    def expr(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            token = self.peek()
            where = f" at column {token.pos + 1}" if token is not None else ""
            raise TexError(f"brackets or groups nested more than {MAX_DEPTH} deep{where}")
        try:
            if sign := self.accept("+", "-"):
                node = Unary(sign.text, self.term())
            else:
                node = self.term()
            while (token := self.accept("+", "-")) is not None:
                node = Binary(token.text, node, self.term())
            return node
        finally:
            self.depth -= 1

    def term(self):
        node = self.factor()
        while True:
            if self.accept(r"\cdot", r"\times", "*"):
                node = Binary("*", node, self.factor())
            elif self.accept("/"):
                node = Binary("/", node, self.factor())
            elif self.starts_factor(self.peek()):
                self.refuse_glued_numbers()
                node = Binary("*", node, self.factor())
            else:
                return node

    def refuse_glued_numbers(self) -> None:
        """Refuse ``1{300}``, ``1\\,000``, ``0.5{0}``: a reader sees one number, not a product.

        TeX drops the spacing and the braces, so the page shows 1300, 1 000
        and 0.50, while a product would compute 300, 0 and 0. Likewise
        ``2\\frac{1}{2}`` reads as the mixed number 2½, not 2·½.
        """
        back = self.at - 1
        while back > 0 and self.tokens[back].text == "}":
            back -= 1
        ahead = self.at
        while ahead < len(self.tokens) - 1 and self.tokens[ahead].text == "{":
            ahead += 1
        left, right = self.tokens[back], self.tokens[ahead]
        if ahead > self.at and right.text in ("+", "-"):
            raise TexError(
                f"{{{right.text}... at column {self.tokens[self.at].pos + 1} multiplies, but the "
                f"braces are invisible: a reader sees {right.text} as a sum or difference; "
                "write ( ) or \\cdot"
            )
        if left.kind != "number":
            return
        if right.kind == "number":
            shown = self.source[left.pos : right.pos + len(right.text)] if self.source else ""
            shown += "}" * (ahead - self.at) if shown else ""
            raise TexError(
                f"two numbers side by side at column {left.pos + 1}"
                + (f" ({shown!r})" if shown else "")
                + f": a reader sees the one number {left.text}{right.text}, the formula "
                f"would multiply {left.text} by {right.text}; write one number, or \\cdot"
            )
        if right.text in (r"\frac", r"\dfrac", r"\tfrac"):
            after = self.tokens[ahead + 1 : ahead + 3]
            if len(after) == 2 and after[0].text == "{" and after[1].kind == "number":
                shown = f"{left.text}{right.text}{{{after[1].text}..."
                raise TexError(
                    f"{shown} at column {left.pos + 1} reads as a mixed number, not a "
                    f"product; write {left.text} \\cdot {right.text}"
                )

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
        rows, texts = [], []
        while True:
            start = self.at
            value = self.expr()
            self.expect("&", "between the value and the condition of a case")
            token = self.peek()
            if token is not None and token.kind == "word" and token.inner == "otherwise":
                self.at += 1
                condition = None
            else:
                condition = self.relation()
                if isinstance(condition, Equation) and condition.op == "=":  # t = 0: a test
                    condition = Chain((condition.lhs, condition.rhs), ("=",), condition.text)
                if not isinstance(condition, Chain):
                    raise TexError("a case's condition must be a comparison")
            rows.append((value, condition))
            texts.append(self.written(start))
            if not self.accept(r"\\"):
                break
            if self.peek() is not None and self.peek().text == r"\end":
                break
        self.expect(r"\end", r"to close \begin{cases}")
        if self.environment(r"\end") != "cases":
            raise TexError(r"\begin{cases} closed by another \end")
        return Cases(tuple(rows), tuple(texts))


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
    """A parsed display formula: its first relation, definitions and conditions.

    The first relation of the block (``main``) is the formula the text is
    about. Every other equation must define one symbol that the formula uses,
    and every other condition must hold wherever the formula is evaluated:
    nothing the reader sees is left unchecked (see :meth:`refusals`).
    """

    source: str
    equations: list[Equation]
    conditions: list[Chain] = field(default_factory=list)
    first: Equation | Chain | None = None  # the first relation; default: first equation

    @property
    def main(self) -> Equation | Chain:
        """The first relation of the block: the formula the text is about."""
        if self.first is not None:
            return self.first
        return self.equations[0] if self.equations else self.conditions[0]

    def __add__(self, other: Formula) -> Formula:
        """This formula with the definitions and conditions of another block."""
        return Formula(
            f"{self.source}, \\qquad {other.source}",
            self.equations + other.equations,
            self.conditions + other.conditions,
            self.main,
        )

    def definitions(self) -> list[Equation]:
        """Every equation other than the main one whose left side is one symbol."""
        return [eq for eq in self.equations if eq is not self.main and isinstance(eq.lhs, Var)]

    def side_conditions(self) -> list[Chain]:
        """The conditions other than the main relation."""
        return [c for c in self.conditions if c is not self.main]

    def symbols(self) -> set[str]:
        """Every symbol the formula mentions (sums' indices excluded)."""
        found: set[str] = set()
        for node in [*self.equations, *self.conditions]:
            found |= mentioned(node)
        return found

    def case_rows(self) -> list[tuple[tuple, str]]:
        """Every row of every ``cases``: its key for ``coverage``, and as written."""
        rows = []
        for node in [*self.equations, *self.conditions]:
            for found in walk(node):
                if isinstance(found, Cases):
                    for number, text in enumerate(found.texts or [""] * len(found.rows)):
                        rows.append(((found, number), text))
        return rows

    def refusals(self, given: set[str]) -> list[str]:
        """What the formula states that no evaluation with ``given`` symbols would check.

        ``given`` holds canonical names (``eta_0``, see :func:`name`).

        - an equation after the first whose left side is not one symbol (``1 = 0``);
        - a definition of a symbol that is given a value (``r = 2`` where r is a
          parameter), of the main equation's own left side, or a second one;
        - a definition that nothing in the formula uses.
        """
        main = self.main
        problems = []
        for eq in self.equations:
            if eq is not main and not isinstance(eq.lhs, Var):
                problems.append(
                    f"`{eq.text}`: an equation after the first must define one symbol; "
                    "nothing checks this one"
                )
        own = main.lhs.name if isinstance(main, Equation) and isinstance(main.lhs, Var) else None
        seen: set[str] = set()
        for eq in self.definitions():
            symbol = eq.lhs.name
            if symbol in given:
                problems.append(
                    f"`{eq.text}` defines {symbol}, which is a parameter the check gives "
                    "its own values: the page's definition would be ignored"
                )
            elif symbol == own:
                problems.append(f"`{eq.text}` defines the formula's own left side {symbol} again")
            elif symbol in seen:
                problems.append(f"`{eq.text}`: {symbol} is defined twice")
            seen.add(symbol)
        for eq in self.unused_definitions(given):
            if eq.lhs.name in given or eq.lhs.name == own:
                continue  # already refused above
            problems.append(f"`{eq.text}` defines {eq.lhs.name}, which the formula never uses")
        return problems

    def unused_definitions(self, given: set[str]) -> list[Equation]:
        """Definitions that evaluating the main relation and the conditions never reaches."""
        main = self.main
        seeds = [*self.side_conditions()]
        if isinstance(main, Chain):
            seeds.append(main)
        else:
            seeds.append(main.rhs)
            if not isinstance(main.lhs, Var) or main.lhs.name in given:
                seeds.append(main.lhs)  # evaluated, not a name
        reached = [var for seed in seeds for var in walk(seed) if isinstance(var, Var)]
        waiting = list(self.definitions())
        grew = True
        while grew:
            grew = False
            for eq in list(waiting):
                if any(defines(eq, var) and var.name not in given for var in reached):
                    waiting.remove(eq)
                    reached += [var for var in walk(eq.rhs) if isinstance(var, Var)]
                    grew = True
        return waiting

    def evaluate(self, node, values: Mapping[str, object]) -> np.ndarray:
        """Any part of the formula (e.g. a bound of its condition), with its definitions."""
        env = {name(key): np.asarray(v, dtype=float) for key, v in values.items()}
        with np.errstate(all="ignore"):
            try:
                return np.asarray(Context(env, self.definitions()).evaluate(node), dtype=float)
            except RecursionError:
                raise EvalError("the formula is nested too deeply to evaluate") from None

    def value(
        self,
        values: Mapping[str, object],
        *,
        side: str = "rhs",
        solve: Mapping[str, int] | None = None,
        coverage: dict | None = None,
    ) -> np.ndarray:
        """Evaluate the main relation with ``values`` (TeX name → number or array).

        ``side`` is ``rhs`` or ``lhs`` of the first equation, or ``holds`` for
        a formula that is a condition (true where it holds). ``solve`` names
        integer unknowns, each with the largest value to try (``{"i": 100}``):
        at every position the unknown takes the one value 0, 1, … for which
        every condition of the formula holds; none or several is an error.
        Every other condition must hold at every position, and
        :meth:`refusals` must be empty, else :class:`EvalError`.
        ``coverage`` collects which rows of each ``cases`` applied somewhere
        (see :meth:`case_rows`).
        """
        env = {name(key): np.asarray(v, dtype=float) for key, v in values.items()}
        refused = self.refusals(set(env) | {name(u) for u in (solve or {})})
        if refused:
            raise EvalError(refused[0])
        context = Context(env, self.definitions(), seen=coverage)
        with np.errstate(all="ignore"):
            try:
                for unknown, largest in (solve or {}).items():
                    env[name(unknown)] = self.solve(context, name(unknown), largest)
                main = self.main
                if side == "holds":
                    if not isinstance(main, Chain):
                        raise EvalError("the formula is an equation, not a condition")
                    return np.asarray(context.evaluate(main), dtype=bool)
                if not isinstance(main, Equation):
                    raise EvalError("the formula is a condition, not an equation")
                result = np.asarray(
                    context.evaluate(main.rhs if side == "rhs" else main.lhs), float
                )
                for condition in self.side_conditions():
                    holds = np.asarray(context.evaluate(condition), dtype=bool)
                    holds = np.broadcast_to(holds, np.broadcast_shapes(holds.shape, result.shape))
                    if not holds.all():
                        where = int(np.argmax(~holds.ravel()))
                        raise EvalError(f"the condition `{condition.text}` does not hold", where)
                return result
            except RecursionError:
                raise EvalError("the formula is nested too deeply to evaluate") from None

    def solve(self, context: Context, unknown: str, largest: int) -> np.ndarray:
        """The integer at each position for which all conditions hold."""
        if not self.side_conditions():
            raise EvalError(f"nothing fixes {unknown}: the formula states no condition on it")
        found = count = None
        for candidate in range(largest + 1):
            context.env[unknown] = np.asarray(float(candidate))
            holds = np.ones((), dtype=bool)
            for condition in self.side_conditions():
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


def defines(definition: Equation, var: Var) -> bool:
    """Whether ``definition`` gives ``var`` its value (``T_i = …`` gives T_k too)."""
    lhs = definition.lhs
    if lhs.name == var.name and lhs.index is None:
        return True
    return lhs.base == var.base and isinstance(lhs.index, Var) and var.index is not None


def walk(node) -> Iterator:
    """The node and every node below it (subscripts included)."""
    yield node
    if isinstance(node, Var):
        if node.index is not None:
            yield from walk(node.index)
        return
    if isinstance(node, Sum):
        for child in (node.lower, node.upper, node.body):
            yield from walk(child)
        return
    for child in children(node):
        yield from walk(child)


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
    seen: dict | None = None  # (cases, row) → whether the row applied somewhere

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
        return Context({**self.env, **extra}, self.definitions, self.depth + 1, self.seen)

    def sum(self, node: Sum):
        lower = np.asarray(self.evaluate(node.lower), dtype=float)
        upper = np.asarray(self.evaluate(node.upper), dtype=float)
        total = np.zeros(np.broadcast_shapes(lower.shape, upper.shape))
        if total.size == 0:
            return total
        for bound, what in ((lower, "lower"), (upper, "upper")):
            finite = np.isfinite(np.broadcast_to(bound, total.shape)).ravel()
            if not finite.all():
                where = int(np.argmax(~finite))
                bad = np.broadcast_to(bound, total.shape).ravel()[where]
                raise EvalError(
                    f"the {what} bound of \\sum_{{{node.index}=...}} is {bad}, not a finite number",
                    where,
                )
        low, high = float(np.floor(lower.min())), float(np.floor(upper.max()))
        if high - low > 100_000:
            raise EvalError(f"a sum over {high - low:.3g} terms")
        start, stop = int(low), int(high)
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
        if self.seen is not None:
            for row, applies in enumerate(conditions):
                self.seen[node, row] = self.seen.get((node, row), False) or bool(applies.any())
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
    try:
        items = Parser(tokenize(source), source).system()
    except RecursionError:
        raise TexError("the formula is nested too deeply to read") from None
    equations = [item for item in items if isinstance(item, Equation)]
    conditions = [item for item in items if isinstance(item, Chain)]
    if isinstance(items[0], Chain) and len(conditions) != 1:
        extra = next(c for c in conditions if c is not items[0])
        raise TexError(
            f"a formula that is a condition cannot state a second one (`{extra.text}`): "
            "nothing would check it"
        )
    return Formula(source.strip(), equations, conditions, items[0])


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


# --- Display math the gate would not read -------------------------------------------

# Inline code on one paragraph: `…`, ``…``.
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
SIMPLE_MARK = re.compile(r"\s*[\w.-]+(?::[\w.-]+)?\s*")  # formula:key, fact:x, given, glossary
HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)(?=[\s/>])[^<>]*?(/?)>")
HTML_ELEMENTS = set(
    "a abbr article aside audio b blockquote button canvas center cite code dd del details "
    "dfn div dl dt em fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 header i "
    "iframe ins kbd label li main mark math nav noscript object ol output p picture pre q s "
    "samp script section select slot small span strong style sub summary sup svg table tbody "
    "td template textarea tfoot th thead tr u ul var video".split()
)
OTHER_DISPLAY = re.compile(r"\$\$|\\\[|\\begin\s*\{")


@dataclass(frozen=True)
class Unread:
    """Display math that readers see but the gate does not check, or the reverse."""

    line: int  # 1-based
    key: str | None  # the formula mark it belongs to, if any
    message: str


def blank(text: str, pattern: re.Pattern) -> str:
    """``text`` with every match of ``pattern`` made spaces, line breaks kept."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def html_regions(text: str) -> list[tuple[int, int, str]]:
    """Spans (start, end, tag) of raw HTML elements, outermost only; unclosed: to the end."""
    regions, stack = [], []
    for match in HTML_TAG.finditer(text):
        closing, tag, selfclosing = match.group(1), match.group(2).lower(), match.group(3)
        if tag not in HTML_ELEMENTS and "-" not in tag:
            continue
        if closing:
            if tag in [open_tag for open_tag, _ in stack]:
                while stack:
                    open_tag, start = stack.pop()
                    if open_tag == tag:
                        break
                if not stack:
                    regions.append((start, match.end(), tag))
        elif not selfclosing:
            stack.append((tag, match.start()))
    if stack:
        regions.append((stack[0][1], len(text), stack[0][0]))
    return regions


def unread(text: str) -> list[Unread]:
    """Display math the gate would not check as the reader sees it.

    - display math in another syntax than a ``$$`` block with each ``$$``
      alone on its line: one-line ``$$…$$``, ``\\[ … \\]``, ``\\begin{align}``;
      the site typesets them all, but :func:`formulas` does not read them;
    - a ``$$`` block or a formula mark inside raw HTML (``<script>``,
      ``<template>``, ``<div>``…) or an HTML comment: read and checked here,
      but not what the page shows.
    """
    lines = text.splitlines()

    def line_of(offset: int) -> int:
        return text.count("\n", 0, offset) + 1

    def mark_above(line: int) -> str | None:
        """The mark on the nearest non-blank line above ``line`` (1-based)."""
        for above in range(line - 2, max(line - 4, -1), -1):
            if lines[above].strip():
                found = MARK.match(lines[above])
                return found.group(1) if found else None
        return None

    found: list[Unread] = []
    blanked = blank(blank(text, FENCE), INLINE_CODE)
    for match in COMMENT.finditer(blanked):
        body = match.group(1)
        if SIMPLE_MARK.fullmatch(body):
            continue
        if OTHER_DISPLAY.search(body) or "<!--formula:" in match.group(0)[4:]:
            line = line_of(match.start())
            nested = re.search(r"<!--formula:([\w-]+?)-->", match.group(0)[4:])
            found.append(
                Unread(
                    line,
                    nested.group(1) if nested else None,
                    "display math or a formula mark inside an HTML comment: "
                    "checked by the gate, but not shown to readers",
                )
            )
    blanked = blank(blanked, COMMENT)
    for start, end, tag in html_regions(blanked):
        first, last = line_of(start), line_of(end)
        inside = blanked[start:end]
        for match in DISPLAY.finditer(inside):
            line = line_of(start + match.start())
            found.append(
                Unread(
                    line + 1,
                    mark_above(line),
                    f"a $$ block inside raw HTML <{tag}> (lines {first}–{last}): the gate "
                    "checks it, but the page does not show it as written; keep display "
                    "formulas outside HTML",
                )
            )
        for number in range(first, last + 1):
            mark = MARK.match(lines[number - 1]) if number <= len(lines) else None
            if mark and not any(f.key == mark.group(1) for f in found):
                found.append(
                    Unread(
                        number,
                        mark.group(1),
                        f"formula mark inside raw HTML <{tag}> (lines {first}–{last}): "
                        "the marked formula is not what the page shows",
                    )
                )
    rest = blank(blanked, DISPLAY)
    for number, row in enumerate(rest.splitlines(), start=1):
        match = OTHER_DISPLAY.search(row)
        if match is None:
            continue
        if match.group(0) == "$$":
            what = "one-line $$…$$" if row.count("$$") >= 2 else "a $$ not alone on its line"
        elif match.group(0) == "\\[":
            what = "\\[ … \\]"
        else:
            env = re.match(r"\\begin\s*\{([^}]*)\}", row[match.start() :])
            what = f"\\begin{{{env.group(1) if env else ''}}} outside $$"
        found.append(
            Unread(
                number,
                mark_above(number),
                f"display math written as {what}: the site typesets it, but the gate reads "
                "only a marked $$ block with each $$ alone on its line, so it is unchecked; "
                "write <!--formula:KEY--> then $$, the TeX and $$ on lines of their own",
            )
        )
    return sorted(found, key=lambda u: u.line)
