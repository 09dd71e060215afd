"""Tokenizer of the condition language. Hand-written: the language is tiny and every error
must carry the column where it happened."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

MAX_EXPRESSION_LENGTH = 2000


class ExpressionError(Exception):
    """A condition could not be parsed or fails a check. ``column`` is 1-based."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(f"{message} at column {column}")
        self.message = message
        self.column = column


class Kind(Enum):
    STRING = "text"
    NUMBER = "number"
    NAME = "name"
    OP = "comparison"
    LPAREN = "'('"
    RPAREN = "')'"
    LBRACKET = "'['"
    RBRACKET = "']'"
    COMMA = "','"
    MINUS = "'-'"
    END = "end of condition"


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    column: int
    value: str | int | float | None = None


_SINGLE = {
    "(": Kind.LPAREN,
    ")": Kind.RPAREN,
    "[": Kind.LBRACKET,
    "]": Kind.RBRACKET,
    ",": Kind.COMMA,
    "-": Kind.MINUS,
}
_TWO_CHAR_OPS = ("==", "!=", "<=", ">=")
# Common slips from other languages, with the word to use instead.
_FOREIGN_OPS = {"&&": "and", "||": "or", "=": "==", "!": "not"}


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, ending with an END token."""
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(f"condition longer than {MAX_EXPRESSION_LENGTH} characters", 1)
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char.isspace():
            pos += 1
            continue
        token = _read_token(text, pos)
        tokens.append(token)
        pos += len(token.text)
    tokens.append(Token(Kind.END, "", len(text) + 1))
    return tokens


def _read_token(text: str, pos: int) -> Token:
    char = text[pos]
    column = pos + 1
    if char in "'\"":
        return _read_string(text, pos)
    if char.isascii() and char.isdigit():
        return _read_number(text, pos)
    if char.isascii() and (char.isalpha() or char == "_"):
        end = pos
        while end < len(text) and text[end].isascii() and (text[end].isalnum() or text[end] == "_"):
            end += 1
        return Token(Kind.NAME, text[pos:end], column)
    pair = text[pos : pos + 2]
    if pair in _TWO_CHAR_OPS:
        return Token(Kind.OP, pair, column)
    if pair in _FOREIGN_OPS:
        raise ExpressionError(f"unknown operator '{pair}' (use '{_FOREIGN_OPS[pair]}')", column)
    if char in "<>":
        return Token(Kind.OP, char, column)
    if char in _FOREIGN_OPS:
        raise ExpressionError(f"unknown operator '{char}' (use '{_FOREIGN_OPS[char]}')", column)
    if char in _SINGLE:
        return Token(_SINGLE[char], char, column)
    raise ExpressionError(f"unexpected character {char!r}", column)


def _read_string(text: str, pos: int) -> Token:
    quote = text[pos]
    chars: list[str] = []
    end = pos + 1
    while end < len(text):
        char = text[end]
        if char == "\\" and end + 1 < len(text):
            chars.append(text[end + 1])
            end += 2
            continue
        if char == quote:
            return Token(Kind.STRING, text[pos : end + 1], pos + 1, "".join(chars))
        chars.append(char)
        end += 1
    raise ExpressionError("text not closed (missing quote)", pos + 1)


def _read_number(text: str, pos: int) -> Token:
    end = pos
    while end < len(text) and text[end].isascii() and text[end].isdigit():
        end += 1
    is_decimal = end + 1 < len(text) and text[end] == "." and text[end + 1] in "0123456789"
    if is_decimal:
        end += 1
        while end < len(text) and text[end].isascii() and text[end].isdigit():
            end += 1
    if end < len(text) and text[end].isascii() and (text[end].isalpha() or text[end] == "_"):
        raise ExpressionError("a name cannot start with a digit", pos + 1)
    raw = text[pos:end]
    value: int | float = float(raw) if is_decimal else int(raw)
    return Token(Kind.NUMBER, raw, pos + 1, value)
