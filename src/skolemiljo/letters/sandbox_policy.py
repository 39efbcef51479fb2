"""The sandbox's allow-list: what a vendor template may contain, checked on the parsed template
before it is compiled (not public API; see :mod:`skolemiljo.letters.sandbox`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import nodes

from skolemiljo.errors import LetterError

__all__ = [
    "FILTERS",
    "LOOP_ATTRIBUTES",
    "MAX_REFS_PER_EXPRESSION",
    "TESTS",
    "check_tree",
    "ucfirst",
]


MAX_REFS_PER_EXPRESSION = 64
"""At most this many names per ``{{ … }}`` or condition in a vendor template."""

LOOP_ATTRIBUTES = frozenset(
    {"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0"}
)


def ucfirst(text: str) -> str:
    """The text with its first letter upper case (a template filter, and the letters' own)."""
    return text[:1].upper() + text[1:]


FILTERS: dict[str, Callable[..., Any]] = {}
"""The filters a vendor template may use; each writes at most about twice its input."""


def _filters() -> dict[str, Callable[..., Any]]:
    from jinja2 import filters as f

    return {
        "ucfirst": ucfirst,
        "upper": f.do_upper,
        "lower": f.do_lower,
        "capitalize": f.do_capitalize,
        "title": f.do_title,
        "trim": f.do_trim,
        "default": f.do_default,
        "d": f.do_default,
        "length": len,
        "count": len,
        "first": f.do_first,
        "last": f.do_last,
    }


FILTERS.update(_filters())

TESTS = frozenset(
    {
        "defined",
        "undefined",
        "none",
        "true",
        "false",
        "boolean",
        "string",
        "number",
        "integer",
        "odd",
        "even",
        "eq",
        "ne",
        "lt",
        "le",
        "gt",
        "ge",
        "equalto",
        "sameas",
        "in",
    }
)

_ALLOWED_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Const,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Slice,
    nodes.If,
    nodes.For,
    nodes.CondExpr,
    nodes.Concat,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Neg,
    nodes.Pos,
    nodes.Add,
    nodes.Sub,
    nodes.Filter,
    nodes.Test,
    nodes.Tuple,
    nodes.List,
    nodes.Keyword,
)

_DESCRIPTIONS = {
    nodes.Call: "a call (only filters are allowed)",
    nodes.Assign: "{% set %}",
    nodes.AssignBlock: "{% set %}",
    nodes.Macro: "{% macro %}",
    nodes.CallBlock: "{% call %}",
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}",
    nodes.Block: "{% block %}",
    nodes.FilterBlock: "{% filter %}",
    nodes.With: "{% with %}",
    nodes.Mul: "'*'",
    nodes.Div: "'/'",
    nodes.FloorDiv: "'//'",
    nodes.Mod: "'%'",
    nodes.Pow: "'**'",
    nodes.Dict: "a dict literal",
}


def _forbidden(node: nodes.Node, what: str) -> LetterError:
    return LetterError("template_forbidden", f"line {node.lineno}: {what}")


def check_tree(node: nodes.Node, names: frozenset[str]) -> None:
    """Refuse every construct outside the allow-list; ``names``: those in scope here."""
    if not isinstance(node, _ALLOWED_NODES):
        what = next(
            (text for kind, text in _DESCRIPTIONS.items() if isinstance(node, kind)),
            f"the construct {type(node).__name__}",
        )
        raise _forbidden(node, what)
    if isinstance(node, nodes.Name):
        if node.ctx != "load" or node.name not in names:
            raise _forbidden(node, "a name the letter does not provide")
        return
    if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
        raise _forbidden(node, "an attribute that starts with '_'")
    if isinstance(node, nodes.Filter | nodes.Test):
        allowed = FILTERS if isinstance(node, nodes.Filter) else TESTS
        if node.name not in allowed:
            kind = "filter" if isinstance(node, nodes.Filter) else "test"
            raise _forbidden(node, f"the {kind} '{node.name}'")
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            raise _forbidden(node, "*args or **kwargs")
    if isinstance(node, nodes.For):
        if node.recursive:
            raise _forbidden(node, "a recursive loop")
        if not isinstance(node.target, nodes.Name):
            raise _forbidden(node, "a loop over anything but one name")
        _count(node.iter)
        check_tree(node.iter, names)
        inner = names | {node.target.name, "loop"}
        if node.test is not None:
            check_tree(node.test, inner)
        for child in node.body:
            check_tree(child, inner)
        for child in node.else_:
            check_tree(child, names)
        return
    if isinstance(node, nodes.Output | nodes.If | nodes.CondExpr):
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                _count(child)
    for child in node.iter_child_nodes():
        check_tree(child, names)


def _count(expression: nodes.Node) -> None:
    refs = sum(1 for _ in expression.find_all(nodes.Name)) + isinstance(expression, nodes.Name)
    if refs > MAX_REFS_PER_EXPRESSION:
        raise _forbidden(expression, f"more than {MAX_REFS_PER_EXPRESSION} names in one expression")


def check_vendor_text(tree: nodes.Template, words: tuple[re.Pattern[str], ...]) -> None:
    """Refuse a vendor template whose own literal text speaks of the law (``words``: the
    patterns of ``rules/letters.toml``'s ``[vendor_text]``, both målformer): such statements
    are the library's law blocks. Names the line, never the text."""
    for data in tree.find_all(nodes.TemplateData):
        for pattern in words:
            hit = pattern.search(data.data)
            if hit is not None:
                line = data.lineno + data.data.count("\n", 0, hit.start())
                raise LetterError(
                    "template_law_text",
                    f"line {line}: the template's own text speaks of the law; place the "
                    "library's law blocks ({{ law.NAME }}) instead",
                )
