"""Recursive-descent parser of the condition language.

Grammar (lowest precedence first)::

    condition  := or_expr END
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := operand [ ("==" | "!=" | "<" | "<=" | ">" | ">=" | "in") operand ]
    operand    := literal | list | call | NAME | "(" or_expr ")"
    call       := NAME "(" [ or_expr ("," or_expr)* ] ")"
    list       := "[" [ literal ("," literal)* ] "]"
    literal    := STRING | ["-"] NUMBER | "true" | "false" | "null"

Comparisons do not chain (``a < b < c`` is an error): a form author almost never means what
a chained comparison would do. Nesting is bounded so no input can exhaust the stack.
"""

from __future__ import annotations

from collections.abc import Callable

from screening_app.forms.expr_ast import (
    KEYWORDS,
    BoolOp,
    Call,
    Compare,
    ListLiteral,
    Literal,
    Membership,
    Name,
    Node,
    Not,
)
from screening_app.forms.expr_lexer import ExpressionError, Kind, Token, tokenize

MAX_NESTING = 40
_WORD_LITERALS = {"true": True, "false": False, "null": None}


def parse_expression(text: str) -> Node:
    """The syntax tree of ``text``; raises ``ExpressionError`` with a column otherwise."""
    parser = _Parser(tokenize(text))
    if parser.peek().kind is Kind.END:
        raise ExpressionError("empty condition", 1)
    tree = parser.or_expr()
    parser.expect_end()
    return tree


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    # -- token access -------------------------------------------------------------------
    def peek(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        if token.kind is not Kind.END:
            self.pos += 1
        return token

    def at_word(self, word: str) -> bool:
        token = self.peek()
        return token.kind is Kind.NAME and token.text == word

    def expect(self, kind: Kind, what: str) -> Token:
        token = self.peek()
        if token.kind is not kind:
            raise ExpressionError(f"expected {what}, found {_describe(token)}", token.column)
        return self.advance()

    def expect_end(self) -> None:
        token = self.peek()
        if token.kind is not Kind.END:
            raise ExpressionError(f"unexpected {_describe(token)}", token.column)

    def nested(self, column: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExpressionError(f"condition nested more than {MAX_NESTING} levels", column)

    # -- grammar ------------------------------------------------------------------------
    def or_expr(self) -> Node:
        return self._chain("or", self.and_expr)

    def and_expr(self) -> Node:
        return self._chain("and", self.not_expr)

    def _chain(self, word: str, operand: Callable[[], Node]) -> Node:
        first = operand()
        operands = [first]
        while self.at_word(word):
            self.advance()
            operands.append(operand())
        if len(operands) == 1:
            return first
        return BoolOp(word, tuple(operands), _column(first))

    def not_expr(self) -> Node:
        if self.at_word("not"):
            token = self.advance()
            self.nested(token.column)
            operand = self.not_expr()
            self.depth -= 1
            return Not(operand, token.column)
        return self.comparison()

    def comparison(self) -> Node:
        left = self.operand()
        token = self.peek()
        if token.kind is Kind.OP:
            self.advance()
            right = self.operand()
            node: Node = Compare(token.text, left, right, token.column)
        elif self.at_word("in"):
            self.advance()
            node = Membership(left, self.operand(), token.column)
        else:
            return left
        following = self.peek()
        if following.kind is Kind.OP or self.at_word("in"):
            raise ExpressionError(
                "comparisons cannot be chained; join them with 'and'", following.column
            )
        return node

    def operand(self) -> Node:
        token = self.peek()
        if token.kind is Kind.LPAREN:
            return self.parenthesised()
        if token.kind is Kind.LBRACKET:
            return self.list_literal()
        if token.kind is Kind.NAME and token.text not in _WORD_LITERALS:
            return self.name_or_call()
        return self.literal()

    def parenthesised(self) -> Node:
        opening = self.advance()
        self.nested(opening.column)
        inner = self.or_expr()
        self.expect(Kind.RPAREN, "')'")
        self.depth -= 1
        return inner

    def name_or_call(self) -> Node:
        token = self.advance()
        if token.text in KEYWORDS:
            raise ExpressionError(f"expected a value, found '{token.text}'", token.column)
        if self.peek().kind is not Kind.LPAREN:
            return Name(token.text, token.column)
        opening = self.advance()
        self.nested(opening.column)
        args: list[Node] = []
        if self.peek().kind is not Kind.RPAREN:
            args.append(self.or_expr())
            while self.peek().kind is Kind.COMMA:
                self.advance()
                args.append(self.or_expr())
        self.expect(Kind.RPAREN, "')' or ','")
        self.depth -= 1
        return Call(token.text, tuple(args), token.column)

    def list_literal(self) -> Node:
        opening = self.advance()
        items: list[Literal] = []
        if self.peek().kind is not Kind.RBRACKET:
            items.append(self.literal())
            while self.peek().kind is Kind.COMMA:
                self.advance()
                items.append(self.literal())
        self.expect(Kind.RBRACKET, "']' or ','")
        return ListLiteral(tuple(items), opening.column)

    def literal(self) -> Literal:
        token = self.advance()
        if token.kind is Kind.STRING:
            return Literal(token.value, token.column)
        if token.kind is Kind.NUMBER:
            return Literal(token.value, token.column)
        if token.kind is Kind.MINUS:
            number = self.expect(Kind.NUMBER, "a number after '-'")
            assert isinstance(number.value, int | float)
            return Literal(-number.value, token.column)
        if token.kind is Kind.NAME and token.text in _WORD_LITERALS:
            return Literal(_WORD_LITERALS[token.text], token.column)
        raise ExpressionError(f"expected a value, found {_describe(token)}", token.column)


def _column(node: Node) -> int:
    return node.column


def _describe(token: Token) -> str:
    if token.kind is Kind.END:
        return "end of condition"
    return f"'{token.text}'"
