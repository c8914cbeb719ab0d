"""The OpenAPI 3.1 document of REST API v1, generated from the routes' contracts
(motcua.api.contract) and served at /api/v1/openapi.json."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from flask import Flask
from pydantic import BaseModel

from motcua.api.answers import Error
from motcua.api.contract import Answer, Contract, contract_of

PREFIX = "/api/v1"
REF = "#/components/schemas/{model}"
# <converter(args):name> or <name> in a werkzeug rule.
PART = re.compile(r"<(?:(?P<kind>\w+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>\w+)>")
PATH_TYPES = {
    "int": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
    "default": {"type": "string", "minLength": 1, "maxLength": 64},
}
# A retried request with the same key gets the first answer instead of a second effect.
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "schema": {"type": "string", "minLength": 1, "maxLength": 100},
}


class Schemas:
    """The document's components: each model once, by its name."""

    def __init__(self) -> None:
        self.found: dict[str, Any] = {}

    def ref(self, model: type[BaseModel], mode: str = "validation") -> dict[str, str]:
        schema = model.model_json_schema(ref_template=REF, mode=mode)  # type: ignore[arg-type]
        for name, found in {**schema.pop("$defs", {}), model.__name__: schema}.items():
            # Two models of one name would silently describe each other.
            assert self.found.setdefault(name, found) == found, name
        return {"$ref": REF.format(model=model.__name__)}


def document(app: Flask) -> dict[str, Any]:
    """The whole document: every /api/v1 route that carries a contract."""
    schemas, paths = Schemas(), {}  # type: ignore[var-annotated]
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        spec = contract_of(app.view_functions[rule.endpoint])
        if spec is None or not rule.rule.startswith(PREFIX):
            continue
        for path, params in _paths(rule.rule[len(PREFIX) :]):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                op = _operation(spec, params, schemas)
                paths.setdefault(path, {})[method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "motcua API", "version": "1.0.0"},
        "servers": [{"url": PREFIX}],
        "paths": paths,
        "components": {
            "schemas": schemas.found,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def _paths(path: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A rule's path as OpenAPI paths with their path parameters; `any(a, b)`
    becomes one path per choice."""
    params: list[dict[str, Any]] = []
    for match in PART.finditer(path):
        kind, name = match["kind"] or "default", match["name"]
        if kind == "any":
            choices = [c.strip(" '\"") for c in match["args"].split(",")]
            for choice in choices:
                yield from _paths(path.replace(match[0], choice, 1))
            return
        schema = PATH_TYPES.get(kind, PATH_TYPES["default"])
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
    yield PART.sub(lambda m: "{" + m["name"] + "}", path), params


def _operation(
    spec: Contract, params: list[dict[str, Any]], schemas: Schemas
) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": spec.summary}
    if spec.auth is not None:
        op["security"] = [{"bearer": []}]
    op["parameters"] = [*params, *_query(spec.query)]
    if spec.idempotent:
        op["parameters"].append(IDEMPOTENCY_KEY)
    if spec.body is not None:
        required = bool(spec.body.model_json_schema().get("required"))
        content = {"application/json": {"schema": schemas.ref(spec.body)}}
        op["requestBody"] = {"required": required, "content": content}
    elif spec.raw_body is not None:
        content = {spec.raw_body: {"schema": {"type": "string"}}}
        op["requestBody"] = {"required": True, "content": content}
    op["responses"] = {
        **{str(s): _answer(a, schemas) for s, a in spec.answers.items()},
        **{str(s): _answer(Error, schemas) for s in spec.errors},
    }
    return op


def _query(model: type[BaseModel] | None) -> list[dict[str, Any]]:
    if model is None:
        return []
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    return [
        {"name": name, "in": "query", "required": name in required, "schema": prop}
        for name, prop in schema["properties"].items()
    ]


def _answer(answer: Answer, schemas: Schemas) -> dict[str, Any]:
    if answer is None:
        return {"description": "no content"}
    media = answer if isinstance(answer, Mapping) else {"application/json": answer}
    content = {
        kind: {"schema": schemas.ref(model, "serialization")} if model else {}
        for kind, model in media.items()
    }
    first = next(iter(media.values()))
    return {"description": first.__name__ if first else "a file", "content": content}
