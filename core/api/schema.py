"""The OpenAPI schema's shared parts: the one error shape, answered by every operation."""

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details; `errors` names each field that is wrong (400).",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "code": {
            "type": "string",
            "description": (
                "What a program can act on: `invalid`, `not_authenticated`, "
                "`authentication_failed`, `permission_denied`, `not_found`, `throttled`, "
                "`cursor_expired` (sync in full again), `precondition_failed` (read again), "
                "`idempotency_key_reused`, `request_in_progress` (retry after Retry-After)."
            ),
        },
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "code", "detail"],
}
ANSWERS = {
    "400": "The request is not valid: see `errors`.",
    "401": "No credentials, or a token that is invalid, expired or revoked.",
    "403": "Not allowed for you.",
    "404": "Not found, or not yours to see.",
    "429": "Too many requests: wait for Retry-After seconds.",
}
CONDITIONAL = {
    "409": "A request with this Idempotency-Key is still running.",
    "412": "If-Match names an older version of the object.",
    "422": "This Idempotency-Key was used with another request.",
}


PATH_PARAMETERS = {
    "uuid": "The object's id (a UUID).",
    "slug": "The entry's slug, which never changes.",
    "municipality": "The id (UUID) of the municipality the posting belongs to.",
    "external_id": "The municipality's own id for the posting (at most 100 characters).",
}


def _problem(description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


def problem_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: the Problem schema, and its answers on every
    operation (and on writes, the precondition and idempotency ones); path parameters
    described."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and not parameter.get("description"):
                    parameter["description"] = PATH_PARAMETERS.get(parameter["name"], "")
            responses = operation.setdefault("responses", {})
            answers = dict(ANSWERS)
            if method in ("post", "put", "patch", "delete"):
                answers.update(CONDITIONAL)
            for status, description in answers.items():
                responses.setdefault(status, _problem(description))
    return result
