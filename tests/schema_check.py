"""A small JSON Schema checker for the keywords our schemas use (the ``jsonschema``
package is not a dependency): type, enum, required, properties, additionalProperties,
items, minimum, minLength and local ``$ref``. Keywords apply only to the instance types
they are about, as in JSON Schema."""

from __future__ import annotations

from typing import Any

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
KNOWN = {
    "$schema", "$id", "$defs", "$ref", "title", "description", "type", "enum", "required",
    "properties", "additionalProperties", "items", "minimum", "minLength",
}  # fmt: skip


def errors(instance: Any, schema: dict[str, Any], root: dict | None = None, at: str = "$"):
    """Every place ``instance`` breaks ``schema``, as ``"path: message"`` strings."""
    root = root or schema
    unknown = set(schema) - KNOWN
    if unknown:
        raise ValueError(f"the checker does not know {sorted(unknown)} (at {at})")
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        yield from errors(instance, target, root, at)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](instance) for t in types):
            yield f"{at}: expected {' or '.join(types)}, got {type(instance).__name__}"
            return
    if "enum" in schema and instance not in schema["enum"]:
        yield f"{at}: {instance!r} is not one of {schema['enum']}"
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            if key not in instance:
                yield f"{at}: missing {key!r}"
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, value in instance.items():
            if key in properties:
                yield from errors(value, properties[key], root, f"{at}.{key}")
            elif extra is False:
                yield f"{at}: unexpected {key!r}"
            elif isinstance(extra, dict):
                yield from errors(value, extra, root, f"{at}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for i, value in enumerate(instance):
            yield from errors(value, schema["items"], root, f"{at}[{i}]")
    if _TYPES["number"](instance) and "minimum" in schema and instance < schema["minimum"]:
        yield f"{at}: {instance} is below {schema['minimum']}"
    if isinstance(instance, str) and len(instance) < schema.get("minLength", 0):
        yield f"{at}: shorter than {schema['minLength']}"
