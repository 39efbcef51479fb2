"""The sandbox for vendor templates: plain data in, bounded text out (not public API).

A vendor's template is hostile until proven otherwise. It is held to four walls:

1. **Plain data only.** The template context is built of strings, numbers, booleans, dates,
   tuples and :class:`Record` mappings made for the template; never a library object (a
   pydantic model's class methods once let a template unpickle and run code).
2. **An allow-list, not a deny-list.** A template may read the keys of a :class:`Record` and
   the counters of a loop (``loop.index``, ``loop.last``, ...), and nothing else: no method, no
   dunder, no global (``range``, ``lipsum``, ``cycler``, ``namespace``, ``self``), no call of any
   kind, no ``{% set %}``, ``{% macro %}``, ``{% include %}``, ``{% import %}``,
   ``{% extends %}``, and no ``*``, ``/``, ``//``, ``%`` or ``**``. Filters are limited to
   :data:`FILTERS`. This is checked on the parsed template before it is compiled, so a
   refused construct is a :class:`~skolemiljo.LetterError` (``template_forbidden``) naming the
   line, and ``9 ** 9 ** 9`` is never even folded as a constant.
3. **Bounded.** A render stops with ``template_timeout`` after :attr:`TemplateLimits.max_seconds`
   (a trace function on the template's own frames checks the clock) and with
   ``template_output_limit`` once it has written :attr:`TemplateLimits.max_output_chars`; a
   template file over :attr:`TemplateLimits.max_template_bytes` is ``template_too_large``.
   Every expression may refer to at most :data:`MAX_REFS_PER_EXPRESSION` values, so no
   single expression can build a string larger than that many input values.
4. **Its own folder.** Only ``KIND.nb.j2`` and ``KIND.nn.j2`` directly in the vendor's folder
   are read; a symbolic link out of the folder is refused.

>>> env = vendor_environment("/nonexistent")
>>> check_source(env, "{{ refs[0].parse_raw('x') }}", {"refs"})
Traceback (most recent call last):
...
skolemiljo.errors.LetterError: letter: template_forbidden: line 1: a call (only filters are allowed)
"""

from __future__ import annotations

import contextvars
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from types import FrameType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field

from skolemiljo.errors import LetterError

from .sandbox_policy import (
    FILTERS,
    LOOP_ATTRIBUTES,
    MAX_REFS_PER_EXPRESSION,
    TESTS,
    check_tree,
    check_vendor_text,
    ucfirst,
)

__all__ = [
    "FILTERS",
    "MAX_REFS_PER_EXPRESSION",
    "Record",
    "TemplateLimits",
    "check_source",
    "load_vendor_template",
    "render_bounded",
    "ucfirst",
    "vendor_environment",
]

VENDOR_FILENAME = "<skolemiljo vendor template>"
"""The file name vendor templates are compiled under: the trace function knows them by it."""


class TemplateLimits(BaseModel):
    """Bounds on each render of a vendor template (``render_letter(..., limits=...)``).

    ``max_seconds``: wall-clock time for one render (default 2 s); ``max_output_chars``: the
    text one render may write (default 200 000 characters, some fifty pages);
    ``max_template_bytes``: the size of a template file (default 64 KiB; the shipped ones are
    under 4 KiB). The shipped templates are the library's own and are not bounded.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_seconds: float = Field(default=2.0, gt=0, le=60)
    max_output_chars: int = Field(default=200_000, ge=1_000, le=10_000_000)
    max_template_bytes: int = Field(default=65_536, ge=1_024, le=1_048_576)


class Record(Mapping[str, Any]):
    """An immutable mapping made for a template, whose keys read as attributes
    (``d.received``). It has no methods a template can reach: the sandbox allows its keys only.

    >>> r = Record(received="1. oktober 2024")
    >>> r.received, r["received"], len(r)
    ('1. oktober 2024', '1. oktober 2024', 1)
    >>> r.missing
    Traceback (most recent call last):
    ...
    AttributeError: 'Record' object has no attribute 'missing'
    """

    # The keys live in the instance's __dict__, so ``d.received`` is a plain (C-level)
    # attribute lookup in jinja2; the Mapping methods are the class's, and never data.

    def __init__(self, **data: Any) -> None:
        self.__dict__.update(data)

    def __getattr__(self, name: str) -> Any:  # only reached for a key that is not there
        raise AttributeError(f"'Record' object has no attribute '{name}'")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Record is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("a Record is immutable")

    def __getitem__(self, key: str) -> Any:
        return self.__dict__[key]

    def __contains__(self, key: object) -> bool:
        return key in self.__dict__

    def __iter__(self) -> Iterator[str]:
        return iter(self.__dict__)

    def __len__(self) -> int:
        return len(self.__dict__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:  # keys only: values are personal text
        return f"Record({', '.join(self.__dict__)})"

    def __str__(self) -> str:
        return ""


class _VendorEnvironment(SandboxedEnvironment):
    """jinja2's sandbox with an allow-list of attributes and no calls at all."""

    intercepted_binops = frozenset({"*", "/", "//", "%", "**"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, Record):
            return attr in obj.__dict__ and not attr.startswith("_")
        if isinstance(obj, LoopContext):
            return attr in LOOP_ATTRIBUTES
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        return False

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        raise SecurityError(f"the operator {operator} is not allowed")


class _State:
    __slots__ = ("budget", "deadline", "ticks")

    def __init__(self, deadline: float, budget: int) -> None:
        self.deadline, self.budget, self.ticks = deadline, budget, 0


_STATE: contextvars.ContextVar[_State | None] = contextvars.ContextVar("render", default=None)


class _Timeout(Exception):
    pass


class _OutputLimit(Exception):
    pass


def _finalize(mark: Callable[[Any], str]) -> Callable[[Any], str]:
    def finalize(value: Any) -> str:
        text = mark(value)
        state = _STATE.get()
        if state is not None:
            state.budget -= len(text)
            if state.budget < 0:
                raise _OutputLimit
        return text

    return finalize


def vendor_environment(folder: str, mark: Callable[[Any], str] = str) -> jinja2.Environment:
    """The sandboxed environment for one vendor folder; ``mark`` wraps every value written."""
    env = _VendorEnvironment(
        loader=None,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize(mark),
        cache_size=0,
    )
    env.globals.clear()
    env.filters = dict(FILTERS)
    env.tests = {name: test for name, test in env.tests.items() if name in TESTS}
    return env


def check_source(
    env: jinja2.Environment,
    source: str,
    names: set[str] | frozenset[str],
    words: tuple[re.Pattern[str], ...] = (),
) -> Any:
    """Parse ``source``, refuse what the allow-list does not admit (and literal text that
    matches one of ``words``: the law is the library's, ``letters/law_blocks.py``), and
    compile it."""
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError as error:
        raise LetterError("template_syntax", f"line {error.lineno}") from None
    except (RecursionError, MemoryError, ValueError):
        raise LetterError("template_syntax", "the template cannot be parsed") from None
    check_tree(tree, frozenset(names))
    if words:
        check_vendor_text(tree, words)
    try:
        code = env.compile(tree, filename=VENDOR_FILENAME)
    except (RecursionError, MemoryError, ValueError, jinja2.TemplateSyntaxError):
        raise LetterError("template_syntax", "the template cannot be compiled") from None
    return env.template_class.from_code(env, code, env.make_globals(None), None)


_NAME = re.compile(r"^[a-z_]{1,40}\.(nb|nn)\.j2$")


def load_vendor_template(
    env: jinja2.Environment,
    folder: str,
    name: str,
    names: set[str] | frozenset[str],
    limits: TemplateLimits,
    words: tuple[re.Pattern[str], ...] = (),
) -> Any:
    """``folder/name``, read within the folder only, bounded in size, checked and compiled."""
    if not _NAME.match(name):
        raise LetterError("template_missing", "not a template name")
    root = os.path.realpath(folder)
    path = os.path.realpath(os.path.join(root, name))
    if os.path.dirname(path) != root or not os.path.isfile(path):
        raise LetterError("template_missing", f"no {name}; both målformer needed")
    try:
        if os.path.getsize(path) > limits.max_template_bytes:
            raise LetterError(
                "template_too_large", f"{name} is over {limits.max_template_bytes} bytes"
            )
        with open(path, encoding="utf-8") as fp:
            source = fp.read(limits.max_template_bytes + 1)
    except UnicodeDecodeError:
        raise LetterError("template_syntax", f"{name} is not UTF-8 text") from None
    except OSError:
        raise LetterError("template_missing", f"{name} cannot be read") from None
    if len(source.encode("utf-8")) > limits.max_template_bytes:
        raise LetterError("template_too_large", f"{name} is over {limits.max_template_bytes} bytes")
    try:
        return check_source(env, source, names, words)
    except LetterError as error:
        raise LetterError(error.code, f"{name} {str(error).split(': ', 2)[-1]}") from None


def render_bounded(template: Any, context: Mapping[str, Any], limits: TemplateLimits) -> str:
    """Render a vendor template within ``limits``, or raise a typed :class:`LetterError`."""
    state = _State(time.monotonic() + limits.max_seconds, limits.max_output_chars)
    deadline = state.deadline

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        state.ticks += 1
        if not state.ticks & 31 and time.monotonic() > deadline:
            raise _Timeout
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename == VENDOR_FILENAME else None

    token = _STATE.set(state)
    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        out = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > limits.max_output_chars:
                raise _OutputLimit
            if time.monotonic() > deadline:
                raise _Timeout
            out.append(chunk)
        return "".join(out)
    except _Timeout:
        raise LetterError(
            "template_timeout", f"the template ran over {limits.max_seconds} seconds"
        ) from None
    except _OutputLimit:
        raise LetterError(
            "template_output_limit",
            f"the template wrote over {limits.max_output_chars} characters",
        ) from None
    except SecurityError:
        raise LetterError("template_forbidden", "the template used what it may not") from None
    finally:
        sys.settrace(previous)
        _STATE.reset(token)
