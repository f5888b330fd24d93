"""The write endpoints: POST /v1/code (code articles, answer their records) and POST
/v1/articles (add articles to the store in the background). Both need the bearer token when the
server has one (see `settings` for the rules) and take JSON or JSONL within the size limits."""

from __future__ import annotations

import hmac
from typing import Annotated

import msgspec
from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from entente.api.body import check_media_type, read_body, split_records
from entente.api.coding import decode_coded, failure_dict, kind_of, read_articles
from entente.api.context import ctx
from entente.api.models import WRITE_ERRORS, CodeResult, JobStatus
from entente.api.params import DATE
from entente.api.routes import json_response
from entente.errors import ApiError
from entente.records import ArticleRecord, Failure, to_json

_bearer = HTTPBearer(auto_error=False, description="the server's token (entente serve --token)")
Published = Annotated[str | None, Query(pattern=DATE, description="publication date "
                                        "(YYYY-MM-DD) for records that carry none")]
NDJSON = "application/x-ndjson"


def require_writer(request: Request, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """Let the request through when the server has no token, or it carries the right one."""
    token = ctx(request).settings.token
    if token is None:
        return
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError("this endpoint needs the server's token", status=401,
                       hint="send the header Authorization: Bearer <token>")
    if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise ApiError("wrong token", status=401, hint="use the token the server was started with")


router = APIRouter(tags=["write"], responses=WRITE_ERRORS, dependencies=[Depends(require_writer)])


async def _records(request: Request) -> list[bytes]:
    check_media_type(request)
    limits = ctx(request).settings.limits
    body = await read_body(request, limits.max_body_bytes)
    return split_records(body, limits.max_records)


@router.post("/code", response_model=CodeResult, summary="Code articles into contract records")
async def post_code(request: Request, published: Published = None) -> Response:
    """Code the posted articles (contract input records: one JSON object, a JSON array, or
    JSONL) with the same Engine as `entente code`, and answer their output records in input
    order with the records that failed. Answers JSONL (one record per line, failures counted in
    the X-Entente-Failures header) when the request accepts application/x-ndjson. Nothing is
    stored; POST /v1/articles stores."""
    lines = await _records(request)
    coder = ctx(request).coder
    results = await run_in_threadpool(
        lambda: list(coder.code(read_articles(lines, published=published))))
    records = [r for r in results if isinstance(r, ArticleRecord)]
    failures = [failure_dict(r) for r in results if isinstance(r, Failure)]
    if not records:
        raise ApiError("no article could be coded: " + "; ".join(
            f"{f['origin']}: {f['message']}" for f in failures[:10]), status=422)
    if NDJSON in request.headers.get("accept", ""):
        body = b"".join(to_json(r) + b"\n" for r in records)
        return Response(body, media_type=NDJSON,
                        headers={"X-Entente-Failures": str(len(failures))})
    return json_response({"records": [msgspec.to_builtins(r) for r in records],
                          "failures": failures,
                          "summary": {"read": len(results), "coded": len(records),
                                      "failures": len(failures)}})


@router.post("/articles", status_code=202, response_model=JobStatus,
             summary="Add articles to the store in the background")
async def post_articles(request: Request, published: Published = None) -> Response:
    """Store the posted records in the background and answer 202 with the job (poll
    GET /v1/jobs/{id}). Coded records (entente output records, with `article_id`) are loaded as
    they are; input records (with `id`) are coded first (articles the store already holds are
    not coded again). One kind per request. Readers keep being answered while it loads."""
    jobs = ctx(request).jobs
    if jobs is None:
        raise ApiError("this server is read-only", status=403,
                       hint="start it without --read-only to add articles over HTTP")
    lines = await _records(request)
    if kind_of(lines) == "coded":
        records = await run_in_threadpool(decode_coded, lines)
        job = jobs.submit_load(records)
    else:
        job = jobs.submit_code(lines, published)
    return json_response(job.public(), status=202, headers={"Location": f"/v1/jobs/{job.id}"})
