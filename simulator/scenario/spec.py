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

from simulator.i18n import t
from simulator.safe_text import control_problem
from simulator.scenario.problems import Problem
from simulator.scenario.yamlsafe import Document, KeyPath

Out = list[Problem]
Defs = dict[str, dict[str, Any]]  # named shapes, rendered once under "$defs"


def dotted(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or t("spec.the_file")


def kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return t("spec.kind.bool", value=str(value).lower())
    if value is None:
        return t("spec.kind.null")
    if isinstance(value, int | float):
        return t("spec.kind.number", value=f"{value:g}" if isinstance(value, float) else value)
    if isinstance(value, str):
        return t("spec.kind.text")
    return t("spec.kind.list" if isinstance(value, list) else "spec.kind.mapping")


def close_matches(word: object, choices: Sequence[str], n: int = 3) -> list[str]:
    return difflib.get_close_matches(str(word), list(choices), n=n, cutoff=0.6)


def suggest(word: object, choices: Sequence[str]) -> str:
    matches = close_matches(word, choices, n=1)
    return t("spec.did_you_mean", name=repr(matches[0])) if matches else ""


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
        message = t("spec.got", where=dotted(path), kind=kind_of(value))
        out.append(doc.problem(path, message, self.expected()))


def one_of(choices: Sequence[str]) -> str:
    return t("spec.one_of", choices=", ".join(choices))


@dataclass
class Str(Spec):
    description: str = ""
    pattern: str | None = None
    pattern_help: str = ""  # a catalogue key (the text itself also works: shown as given)
    choices: tuple[str, ...] = ()
    allow_blank: bool = False

    def expected(self) -> str:
        if self.choices:
            return one_of(self.choices)
        return t(self.pattern_help or "spec.text")

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        if isinstance(value, dict) and len(value) == 1:
            return self._colon_in_text(doc, path, value, out)
        if not isinstance(value, str):
            return self._wrong_type(doc, path, value, out)
        where = dotted(path)
        if self.choices and value not in self.choices:
            hint = suggest(value, self.choices)
            message = t("spec.not_allowed", where=where, value=repr(value), hint=hint)
            out.append(doc.problem(path, message, self.expected()))
        elif self.pattern and not re.fullmatch(self.pattern, value):
            message = t("spec.bad_name", where=where, value=repr(value))
            out.append(doc.problem(path, message, self.expected()))
        elif not self.allow_blank and not value.strip():
            message = t("spec.empty_text", where=where)
            out.append(doc.problem(path, message, t("spec.empty_text.expected")))
        elif problem := control_problem(value, allow_lines=True):
            # A title like "\e]0;pwned\a" would drive the terminal of whoever lists it.
            out.append(doc.problem(path, f"{where}: {problem}", t("spec.control_free")))

    def _colon_in_text(self, doc: Document, path: KeyPath, value: dict[Any, Any], out: Out) -> None:
        """`- 注意: 明日は…` reads as a mapping (`key: value`); the author meant one line."""
        ((key, rest),) = value.items()
        if isinstance(rest, dict | list):
            return self._wrong_type(doc, path, value, out)
        line = f"{key}: {'' if rest is None else rest}".rstrip()
        shown = line if len(line) <= 30 else line[:29] + "…"
        message = t("spec.colon_in_text", where=dotted(path), line=repr(shown))
        quoted = "'" + shown.replace("'", "''") + "'"
        out.append(doc.problem(path, message, t("spec.colon_in_text.expected", quoted=quoted)))

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
        what = t("spec.whole_number" if self.integer else "spec.number")
        low = self.minimum
        if low is not None and self.maximum is not None:
            return t("spec.range", what=what, low=f"{low:g}", high=f"{self.maximum:g}")
        if low is not None:
            key = "spec.above" if self.exclusive_minimum else "spec.at_least"
            return t(key, what=what, low=f"{low:g}")
        return what

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        ok_type = int if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, ok_type):
            return self._wrong_type(doc, path, value, out)
        low, high = self.minimum, self.maximum
        too_low = low is not None and (value <= low if self.exclusive_minimum else value < low)
        if too_low or (high is not None and value > high) or value != value:
            message = t("spec.out_of_range", where=dotted(path), value=value)
            out.append(doc.problem(path, message, self.expected()))

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
        return t("spec.bool")

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        if not isinstance(value, bool):
            self._wrong_type(doc, path, value, out)

    def json_schema(self, defs: Defs | None = None) -> dict[str, Any]:
        return self._with_description({"type": "boolean"})


@dataclass
class Nullable(Spec):
    inner: Spec

    def expected(self) -> str:
        return t("spec.or_null", inner=self.inner.expected())

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
        key = "spec.list.non_empty" if self.min_items else "spec.list"
        one = t("spec.list.single") if isinstance(self.item, Str) else ""
        return t(key, item=self.item.expected(), single=one)

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        if not isinstance(value, list):
            return self._wrong_type(doc, path, value, out)
        if len(value) < self.min_items:
            out.append(doc.problem(path, t("spec.empty_list", where=dotted(path)), self.expected()))
        seen: set[Any] = set()
        for index, item in enumerate(value):
            self.item.check(doc, (*path, index), item, out)
            if self.unique and isinstance(item, str):
                if item in seen:
                    message = t("spec.repeated", where=dotted((*path, index)), value=repr(item))
                    out.append(doc.problem((*path, index), message, t("spec.repeated.expected")))
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
    key_help: str = "spec.key_help"  # a catalogue key, like Str.pattern_help
    key_choices: tuple[str, ...] = ()
    min_items: int = 0

    def expected(self) -> str:
        return t("spec.map_of", value=self.value.expected())

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        if not isinstance(value, dict):
            return self._wrong_type(doc, path, value, out)
        if len(value) < self.min_items:
            message = t("spec.empty_mapping", where=dotted(path))
            out.append(doc.problem(path, message, self.expected()))
        for key, item in value.items():
            self._check_key(doc, (*path, key), key, out)
            self.value.check(doc, (*path, key), item, out)

    def _check_key(self, doc: Document, path: KeyPath, key: Any, out: Out) -> None:
        text = str(key) if isinstance(key, int | str) and not isinstance(key, bool) else None
        if self.key_choices:
            ok, expected = text in self.key_choices, one_of(self.key_choices)
        else:
            ok = isinstance(key, str) and bool(re.fullmatch(self.key_pattern, key))
            expected = t("spec.name_of", help=t(self.key_help))
        if not ok:
            message = t("spec.bad_name", where=dotted(path), value=repr(key))
            out.append(doc.problem(path, message, expected, key=True))

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
        return t("spec.or").join(spec.expected() for _, spec in self.options)

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
        return t("spec.mapping_with", keys=", ".join(self.fields))

    def check(self, doc: Document, path: KeyPath, value: Any, out: Out) -> None:
        if not isinstance(value, dict):
            return self._wrong_type(doc, path, value, out)
        names = list(self.fields)
        for key, item in value.items():
            if key in self.fields:
                self.fields[key].spec.check(doc, (*path, key), item, out)
                continue
            where = dotted((*path, key)) if isinstance(key, str) else dotted(path)
            message = t("spec.unknown_key", where=where, field=repr(key), hint=suggest(key, names))
            out.append(doc.problem((*path, key), message, one_of(names), key=True))
        for name, spec_field in self.fields.items():
            if spec_field.required and name not in value:
                message = t("spec.missing", where=dotted(path), field=repr(name))
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
