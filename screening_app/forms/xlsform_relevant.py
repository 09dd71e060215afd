"""Translating the common subset of ODK XPath (``relevant`` columns) into form conditions.

Supported: ``${q} = 'x'`` and ``!=``, ``<``, ``<=``, ``>``, ``>=`` against text or numbers,
``and``, ``or``, ``not(...)``, parentheses, ``selected(${q}, 'x')``,
``count-selected(${q})``, ``string-length(${q})`` compared with 0 or 1, ``true()``,
``false()``, and a bare ``${q}`` (true when answered). Anything else raises
``XPathUnsupported`` with the reason, so the caller can report it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from screening_app.forms.model import QuestionType

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{\s*(?P<refname>[^}\s]+)\s*\})
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<number>\d+(?:\.\d+)?)
      | (?P<op>!=|<=|>=|=|<|>)
      | (?P<punct>[(),])
      | (?P<word>[A-Za-z_][A-Za-z0-9_:.-]*)
      | (?P<other>\S)
    )""",
    re.VERBOSE,
)
_MIRRORED = {"=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_OUR_OP = {"=": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_MAX_DEPTH = 30


class XPathUnsupported(Exception):
    """The expression uses something the form's condition language cannot say."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Known:
    """A question imported before the one being translated."""

    id: str
    type: QuestionType
    choice_ids: Mapping[str, str] = field(default_factory=dict)  # XLSForm name -> choice id


@dataclass(frozen=True)
class _Piece:
    kind: str  # "cond", "ref", "str", "num", "count", "strlen"
    text: str
    precedence: int = 4  # for "cond": 1 or, 2 and, 4 anything tighter
    known: Known | None = None


def translate_relevant(xpath: str, known: Mapping[str, Known]) -> str:
    """The condition equivalent to ``xpath``; ``known`` maps XLSForm names to questions."""
    parser = _XPath(_tokens(xpath), known)
    piece = parser.or_expr()
    leftover = parser.peek()
    if leftover is not None:
        raise XPathUnsupported(f"unexpected '{leftover[1]}'")
    return _as_condition(piece)


def _tokens(xpath: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = xpath.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        kind = match.lastgroup or "other"
        if kind == "refname":
            kind = "ref"
        value = match.group("refname") if kind == "ref" else match.group(kind)
        tokens.append((kind, value))
    return tokens


class _XPath:
    def __init__(self, tokens: list[tuple[str, str]], known: Mapping[str, Known]) -> None:
        self.tokens = tokens
        self.position = 0
        self.known = known
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise XPathUnsupported("the expression ends too early")
        self.position += 1
        return token

    def expect(self, value: str) -> None:
        token = self.take()
        if token[1] != value:
            raise XPathUnsupported(f"expected '{value}', found '{token[1]}'")

    def at_word(self, word: str) -> bool:
        token = self.peek()
        return token is not None and token == ("word", word)

    def or_expr(self) -> _Piece:
        return self._chain("or", 1, self.and_expr)

    def and_expr(self) -> _Piece:
        return self._chain("and", 2, self.comparison)

    def _chain(self, word: str, precedence: int, operand: Callable[[], _Piece]) -> _Piece:
        parts: list[_Piece] = [operand()]
        while self.at_word(word):
            self.take()
            parts.append(operand())
        if len(parts) == 1:
            return parts[0]
        texts = [_wrap(_as_condition(part), _precedence(part) < precedence) for part in parts]
        return _Piece("cond", f" {word} ".join(texts), precedence)

    def comparison(self) -> _Piece:
        left = self.primary()
        token = self.peek()
        if token is None or token[0] != "op":
            return left
        self.take()
        right = self.primary()
        return _compare(token[1], left, right)

    def primary(self) -> _Piece:
        kind, value = self.take()
        if kind == "punct" and value == "(":
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise XPathUnsupported("nested too deeply")
            inner = self.or_expr()
            self.expect(")")
            self.depth -= 1
            return inner
        if kind == "ref":
            return _Piece("ref", value, known=self._known(value))
        if kind == "string":
            return _Piece("str", value[1:-1])
        if kind == "number":
            return _Piece("num", value)
        if kind == "word" and self.peek() == ("punct", "("):
            return self.function(value)
        if kind == "other" and value == ".":
            raise XPathUnsupported("'.' (the current answer) only has meaning in a constraint")
        raise XPathUnsupported(f"'{value}' is not supported")

    def function(self, name: str) -> _Piece:
        self.expect("(")
        args: list[_Piece] = []
        if self.peek() != ("punct", ")"):
            args.append(self.or_expr())
            while self.peek() == ("punct", ","):
                self.take()
                args.append(self.or_expr())
        self.expect(")")
        return _function(name, args)

    def _known(self, name: str) -> Known:
        found = self.known.get(name)
        if found is None:
            raise XPathUnsupported(f"'${{{name}}}' is not an earlier imported question")
        return found


def _function(name: str, args: list[_Piece]) -> _Piece:
    if name in ("true", "false") and not args:
        return _Piece("cond", name)
    if name == "not" and len(args) == 1:
        return _Piece("cond", f"not ({_as_condition(args[0])})", 4)
    if name == "selected" and len(args) == 2 and args[0].kind == "ref" and args[1].kind == "str":
        question = args[0].known
        assert question is not None
        choice = _choice_id(question, args[1].text)
        if question.type is QuestionType.MULTIPLE_CHOICE:
            return _Piece("cond", f"{_quote(choice)} in {question.id}")
        return _Piece("cond", f"{question.id} == {_quote(choice)}")
    if name == "count-selected" and len(args) == 1 and args[0].kind == "ref":
        return _Piece("count", args[0].text, known=args[0].known)
    if name == "string-length" and len(args) == 1 and args[0].kind == "ref":
        return _Piece("strlen", args[0].text, known=args[0].known)
    raise XPathUnsupported(f"function '{name}()' is not supported here")


def _compare(op: str, left: _Piece, right: _Piece) -> _Piece:
    if left.kind in ("str", "num") and right.kind not in ("str", "num"):
        left, right, op = right, left, _MIRRORED[op]
    if left.kind == "strlen":
        return _string_length(op, left, right)
    if left.kind == "ref":
        return _compare_ref(op, left, right)
    if left.kind == "count" and right.kind == "num":
        assert left.known is not None
        if left.known.type is not QuestionType.MULTIPLE_CHOICE:
            raise XPathUnsupported("count-selected() of a question that is not select_multiple")
        return _Piece("cond", f"count({left.known.id}) {_OUR_OP[op]} {right.text}")
    raise XPathUnsupported("this comparison is not supported")


def _compare_ref(op: str, left: _Piece, right: _Piece) -> _Piece:
    question = left.known
    assert question is not None
    if right.kind == "str" and right.text == "" and op in ("=", "!="):
        # ODK's usual test for "answered": ${q} != ''
        prefix = "" if op == "!=" else "not "
        return _Piece("cond", f"{prefix}answered({question.id})", 4)
    if right.kind == "ref":
        other = right.known
        assert other is not None
        return _Piece("cond", f"{question.id} {_OUR_OP[op]} {other.id}")
    if question.type is QuestionType.MULTIPLE_CHOICE:
        raise XPathUnsupported("compare a select_multiple answer with selected(), not '='")
    if question.type is QuestionType.NUMBER and right.kind in ("num", "str"):
        if not re.fullmatch(r"-?\d+(?:\.\d+)?", right.text):
            raise XPathUnsupported(f"'{right.text}' is not a number")
        return _Piece("cond", f"{question.id} {_OUR_OP[op]} {right.text}")
    if right.kind in ("str", "num"):
        value = right.text
        if question.type is QuestionType.SINGLE_CHOICE:
            value = _choice_id(question, value)
        return _Piece("cond", f"{question.id} {_OUR_OP[op]} {_quote(value)}")
    raise XPathUnsupported("this comparison is not supported")


def _string_length(op: str, left: _Piece, right: _Piece) -> _Piece:
    assert left.known is not None
    answered = f"answered({left.known.id})"
    tests = {(">", "0"), ("!=", "0"), (">=", "1")}
    if right.kind == "num" and (op, right.text) in tests:
        return _Piece("cond", answered)
    if right.kind == "num" and (op, right.text) in {("=", "0"), ("<", "1"), ("<=", "0")}:
        return _Piece("cond", f"not {answered}")
    raise XPathUnsupported("string-length() is supported only to test for an empty answer")


def _choice_id(question: Known, name: str) -> str:
    if question.type not in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        raise XPathUnsupported(f"'{question.id}' is not a select question")
    choice = question.choice_ids.get(name)
    if choice is None:
        raise XPathUnsupported(f"'{question.id}' has no choice '{name}'")
    return choice


def _as_condition(piece: _Piece) -> str:
    if piece.kind == "cond":
        return piece.text
    if piece.kind == "ref" and piece.known is not None:
        return f"answered({piece.known.id})"  # XPath: a non-empty answer is true
    raise XPathUnsupported("a value is used where a condition is needed")


def _precedence(piece: _Piece) -> int:
    return piece.precedence if piece.kind == "cond" else 4


def _wrap(text: str, needed: bool) -> str:
    return f"({text})" if needed else text


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"
