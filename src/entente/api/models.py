"""Response shapes, for the OpenAPI schema (/openapi.json) and the /docs page.

Handlers answer with JSON encoded by msgspec (dates as ISO strings); these pydantic models
describe that JSON for readers of the schema. Items of a page are described loosely: their
fields are the analysis functions' (see each endpoint's description).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    status: int = Field(description="the HTTP status again")
    type: str = Field(description="bad_request, unauthorized, not_found, payload_too_large, ...")
    message: str = Field(description="what was wrong")
    where: str | None = Field(None, description="which record, file or parameter")
    hint: str | None = Field(None, description="what to do about it")
    details: list[str] | None = Field(None, description="one line per problem, when several")


class ErrorBody(BaseModel):
    error: ErrorDetail


class Page(BaseModel):
    total: int = Field(description="rows matching the filters")
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page; null on the last")
    next: str | None = Field(None, description="URL of the next page; null on the last")
    items: list[dict[str, Any]]


class Failure(BaseModel):
    origin: str = Field(description='"request:N": the N-th record of the body')
    message: str
    kind: str


class CodeResult(BaseModel):
    records: list[dict[str, Any]] = Field(
        description="contract output records (entente/1, see GET /v1/schema), in input order")
    failures: list[Failure]
    summary: dict[str, int]


class JobStatus(BaseModel):
    id: str
    kind: str = Field(description="load (coded records) or code (articles coded first)")
    state: str = Field(description="queued, running, done or failed")
    done: bool
    url: str
    created: str
    started: str | None
    finished: str | None
    records: int = Field(description="records received")
    coded: int
    duplicates: int = Field(description="articles already in the store, not coded again")
    added: int
    replaced: int
    unchanged: int
    failures: int
    failure_messages: list[str]
    error: str | None


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "a parameter's value is wrong"},
    422: {"model": ErrorBody, "description": "a parameter or the body has the wrong shape"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such item"}, **ERRORS}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "a bearer token is needed, or it is wrong"},
    413: {"model": ErrorBody, "description": "body or record count over the limit"},
    415: {"model": ErrorBody, "description": "the body is not JSON or JSONL"},
    503: {"model": ErrorBody, "description": "too many jobs waiting, or the model is missing"},
    **ERRORS}
