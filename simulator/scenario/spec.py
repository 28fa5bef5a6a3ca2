"""A tiny schema language: one description of the format gives both the checks
(with ``file:line:col`` for every problem) and the published JSON Schema.

Each node checks a plain value read by ``yamlsafe`` and appends Problems; it
never raises. ``json_schema()`` renders the same node as draft 2020-12.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.safe_text import control_problem
from simulator.scenario.problems import Problem
from simulator.scenario.yamlsafe import Document, KeyPath

Out = list[Problem]
Defs = dict[str, dict[str, Any]]  # named shapes, rendered once under "$defs"


def dotted(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


def kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false; quote it if you meant the text)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value:g}"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "a mapping"


def close_matches(word: object, choices: Sequence[str], n: int = 3) -> list[str]:
    return difflib.get_close_matches(str(word), list(choices), n=n, cutoff=0.6)


def suggest(word: object, choices: Sequence[str]) -> str:
    matches = close_matches(word, choices, n=1)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


class Spec:
    description: str = ""

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        raise NotImplementedError

    def json_schema(self, defs: Defs | None = None) -> dict[str, Any]:
        raise NotImplementedError

    def expected(self) -> str:
        raise NotImplementedError

    def _with_description(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {"description": self.description, **schema} if self.description else schema

    def _wrong_type(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        out.append(doc.problem(path, f"{dotted(path)}: got {kind_of(value)}", self.expected()))


CONTROL_FREE = "printable text (no escape or other control characters, no bidi overrides)"


@dataclass
class Str(Spec):
    description: str = ""
    pattern: str | None = None
    pattern_help: str = ""
    choices: tuple[str, ...] = ()
    allow_blank: bool = False

    def expected(self) -> str:
        if self.choices:
            return "one of " + ", ".join(self.choices)
        return self.pattern_help or "text"

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        if isinstance(value, dict) and len(value) == 1:
            return self._colon_in_text(doc, path, value, out)
        if not isinstance(value, str):
            return self._wrong_type(doc, path, value, out)
        where = dotted(path)
        if self.choices and value not in self.choices:
            hint = suggest(value, self.choices)
            out.append(
                doc.problem(path, f"{where}: {value!r} is not allowed{hint}", self.expected())
            )
        elif self.pattern and not re.fullmatch(self.pattern, value):
            out.append(
                doc.problem(path, f"{where}: {value!r} is not a valid name", self.expected())
            )
        elif not self.allow_blank and not value.strip():
            out.append(doc.problem(path, f"{where}: empty text", "non-empty text"))
        elif problem := control_problem(value, allow_lines=True):
            # A title like "\e]0;pwned\a" would drive the terminal of whoever lists it.
            out.append(doc.problem(path, f"{where}: {problem}", CONTROL_FREE))

    def _colon_in_text(self, doc: Document, path: KeyPath, value: dict[Any, Any], out: Out) -> None:
        """`- 注意: 明日は…` reads as a mapping (`key: value`); the author meant one line."""
        ((key, rest),) = value.items()
        if isinstance(rest, dict | list):
            return self._wrong_type(doc, path, value, out)
        line = f"{key}: {'' if rest is None else rest}".rstrip()
        shown = line if len(line) <= 30 else line[:29] + "…"
        message = f"{dotted(path)}: got a mapping — the ': ' in {shown!r} makes it 'key: value'"
        quoted = "'" + shown.replace("'", "''") + "'"
        out.append(doc.problem(path, message, f"put the line in quotes: {quoted}"))

    def json_schema(self, defs: Defs | None = None) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.choices:
            schema["enum"] = list(self.choices)
        elif self.pattern:
            schema["pattern"] = f"^{self.pattern}$"
        elif not self.allow_blank:
            schema["minLength"] = 1
            schema["pattern"] = r"\S"
        return self._with_description(schema)


@dataclass
class Num(Spec):
    description: str = ""
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    exclusive_minimum: bool = False

    def expected(self) -> str:
        what = "a whole number" if self.integer else "a number"
        low = self.minimum
        if low is not None and self.maximum is not None:
            return f"{what} from {low:g} to {self.maximum:g}"
        if low is not None:
            return f"{what} {'above' if self.exclusive_minimum else 'at least'} {low:g}"
        return what

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        ok_type = int if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, ok_type):
            return self._wrong_type(doc, path, value, out)
        low, high = self.minimum, self.maximum
        too_low = low is not None and (value <= low if self.exclusive_minimum else value < low)
        if too_low or (high is not None and value > high) or value != value:
            out.append(
                doc.problem(path, f"{dotted(path)}: {value} is out of range", self.expected())
            )

    def json_schema(self, defs: Defs | None = None) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["exclusiveMinimum" if self.exclusive_minimum else "minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return self._with_description(schema)


def Int(description: str = "", minimum: float | None = None, maximum: float | None = None) -> Num:
    """A whole number (named like the other spec classes on purpose)."""
    return Num(description, minimum, maximum, integer=True)


@dataclass
class Bool(Spec):
    description: str = ""

    def expected(self) -> str:
        return "true or false"

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        if not isinstance(value, bool):
            self._wrong_type(doc, path, value, out)

    def json_schema(self, defs: Defs | None = None) -> dict[str, Any]:
        return self._with_description({"type": "boolean"})


@dataclass
class Nullable(Spec):
    inner: Spec

    def expected(self) -> str:
        return f"{self.inner.expected()}, or null"

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        if value is not None:
            self.inner.check(doc, path, value, out)

    def json_schema(self, defs: Defs | None = None) -> dict[str, Any]:
        inner = self.inner.json_schema(defs)
        description = inner.pop("description", None)
        schema: dict[str, Any] = {"anyOf": [inner, {"type": "null"}]}
        return {"description": description, **schema} if description else schema


@dataclass
class ListOf(Spec):
    item: Spec
    description: str = ""
    min_items: int = 0
    unique: bool = False

    def expected(self) -> str:
        some = "a non-empty list" if self.min_items else "a list"
        one = ' (write ["…"] for a single one)' if isinstance(self.item, Str) else ""
        return f"{some} of {self.item.expected()}{one}"

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        if not isinstance(value, list):
            return self._wrong_type(doc, path, value, out)
        if len(value) < self.min_items:
            out.append(doc.problem(path, f"{dotted(path)}: empty list", self.expected()))
        seen: set[Any] = set()
        for index, item in enumerate(value):
            self.item.check(doc, (*path, index), item, out)
            if self.unique and isinstance(item, str):
                if item in seen:
                    where = dotted((*path, index))
                    out.append(doc.problem((*path, index), f"{where}: {item!r} repeated", "once"))
                seen.add(item)

    def json_schema(self, defs: Defs | None = None) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema(defs)}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return self._with_description(schema)


@dataclass
class MapOf(Spec):
    """A mapping from names the author chooses to values of one shape."""

    value: Spec
    description: str = ""
    key_pattern: str = r"[a-z0-9][a-z0-9_-]*"
    key_help: str = "lower-case letters, digits, '-' and '_'"
    key_choices: tuple[str, ...] = ()
    min_items: int = 0

    def expected(self) -> str:
        return f"a mapping of name → {self.value.expected()}"

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        if not isinstance(value, dict):
            return self._wrong_type(doc, path, value, out)
        if len(value) < self.min_items:
            out.append(doc.problem(path, f"{dotted(path)}: empty mapping", self.expected()))
        for key, item in value.items():
            self._check_key(doc, (*path, key), key, out)
            self.value.check(doc, (*path, key), item, out)

    def _check_key(self, doc: Document, path: KeyPath, key: Any, out: Out) -> None:
        text = str(key) if isinstance(key, int | str) and not isinstance(key, bool) else None
        if self.key_choices:
            ok, expected = text in self.key_choices, "one of " + ", ".join(self.key_choices)
        else:
            ok = isinstance(key, str) and bool(re.fullmatch(self.key_pattern, key))
            expected = f"a name of {self.key_help}"
        if not ok:
            out.append(
                doc.problem(
                    path, f"{dotted(path)}: {key!r} is not a valid name", expected, key=True
                )
            )

    def json_schema(self, defs: Defs | None = None) -> dict[str, Any]:
        names: dict[str, Any] = (
            {"enum": list(self.key_choices)}
            if self.key_choices
            else {"pattern": f"^{self.key_pattern}$"}
        )
        schema: dict[str, Any] = {
            "type": "object",
            "propertyNames": names,
            "additionalProperties": self.value.json_schema(defs),
        }
        if self.min_items:
            schema["minProperties"] = self.min_items
        return self._with_description(schema)


@dataclass
class OneOf(Spec):
    """Alternative shapes told apart by the value's YAML kind (mapping, list, text …)."""

    options: Sequence[tuple[type | tuple[type, ...], Spec]]
    description: str = ""

    def expected(self) -> str:
        return " or ".join(spec.expected() for _, spec in self.options)

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        for kinds, spec in self.options:
            if isinstance(value, kinds) and not isinstance(value, bool):
                return spec.check(doc, path, value, out)
        self._wrong_type(doc, path, value, out)

    def json_schema(self, defs: Defs | None = None) -> dict[str, Any]:
        return self._with_description(
            {"oneOf": [spec.json_schema(defs) for _, spec in self.options]}
        )


@dataclass
class Field:
    spec: Spec
    required: bool = False


@dataclass
class Obj(Spec):
    """A mapping with fixed keys; ``model`` supplies the defaults shown in the schema."""

    fields: Mapping[str, Field]
    description: str = ""
    model: type | None = None
    name: str = ""  # when set, the schema shows this shape once under $defs/<name>
    extra_check: Callable[[Document, KeyPath, dict[str, Any], Out], None] | None = field(
        default=None, repr=False
    )

    def expected(self) -> str:
        return "a mapping with " + ", ".join(self.fields)

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        if not isinstance(value, dict):
            return self._wrong_type(doc, path, value, out)
        names = list(self.fields)
        for key, item in value.items():
            if key in self.fields:
                self.fields[key].spec.check(doc, (*path, key), item, out)
                continue
            where = dotted((*path, key)) if isinstance(key, str) else dotted(path)
            message = f"{where}: unknown key {key!r}{suggest(key, names)}"
            out.append(doc.problem((*path, key), message, "one of " + ", ".join(names), key=True))
        for name, spec_field in self.fields.items():
            if spec_field.required and name not in value:
                message = f"{dotted(path)}: missing {name!r}"
                out.append(doc.problem(path, message, spec_field.spec.expected(), key=True))
        if self.extra_check is not None:
            self.extra_check(doc, path, value, out)

    def json_schema(self, defs: Defs | None = None) -> dict[str, Any]:
        if not self.name or defs is None:
            return self._inline_schema(defs)
        if self.name not in defs:
            defs[self.name] = {}  # reserve first: a shape may (one day) contain itself
            defs[self.name] = self._inline_schema(defs)
        return {"$ref": f"#/$defs/{self.name}"}

    def _inline_schema(self, defs: Defs | None) -> dict[str, Any]:
        defaults = _simple_defaults(self.model)
        properties = {}
        for name, spec_field in self.fields.items():
            schema = spec_field.spec.json_schema(defs)
            if name in defaults and not spec_field.required:
                schema["default"] = defaults[name]
            properties[name] = schema
        schema = {"type": "object", "properties": properties, "additionalProperties": False}
        required = [name for name, f in self.fields.items() if f.required]
        if required:
            schema["required"] = required
        return self._with_description(schema)


def _simple_defaults(model: type | None) -> dict[str, Any]:
    """Defaults of a dataclass that JSON can show: numbers, text, booleans, null, []."""
    if model is None or not dataclasses.is_dataclass(model):
        return {}
    found: dict[str, Any] = {}
    for item in dataclasses.fields(model):
        default = item.default
        if isinstance(default, bool | int | float | str) or default is None:
            found[item.name] = default
        elif default == ():
            found[item.name] = []
    return found
