"""HTTP API over the PolicyKG facade (FastAPI; OpenAPI docs at ``/docs``).

Thin routers: each route calls one facade method and shapes the result with a response model.
``HTTPException`` is raised only here; library errors (``PolicyKGError`` subclasses) are mapped
to status codes by one exception handler, always as ``{"detail": message}``.

Clause ids contain ``#`` and Chinese characters. Clients must percent-encode them in the path,
e.g. ``GET /clauses/taiyuan-shisiwu-jienengjianpai%23%E4%B8%89%EF%BC%88%E4%B9%9D%EF%BC%89``
(``urllib.parse.quote(clause_id, safe="")``); an unencoded ``#`` would start the URL fragment.
"""

from __future__ import annotations

import asyncio
import hmac
import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ingest.errors import (
    ConfigError,
    IndexNotBuiltError,
    IngestError,
    NotFoundError,
    PolicyKGError,
    QuestionTooLongError,
    RequestTimeoutError,
    StoreUnavailableError,
)
from ui.config import Settings
from ui.webview import plain

# Most specific first: StoreUnavailableError is a GraphStoreError, DictionaryError a ConfigError.
ERROR_STATUS: tuple[tuple[type[PolicyKGError], int], ...] = (
    (NotFoundError, 404),
    (QuestionTooLongError, 413),
    (IngestError, 422),
    (IndexNotBuiltError, 503),
    (RequestTimeoutError, 503),
    (StoreUnavailableError, 503),
    (ConfigError, 500),
)


def status_for(error: PolicyKGError) -> int:
    """HTTP status code for a library error (500 for anything not listed in ERROR_STATUS)."""
    for cls, code in ERROR_STATUS:
        if isinstance(error, cls):
            return code
    return 500


# ----------------------------------------------------------------------------- response models
class _Out(BaseModel):
    # extra fields the facade adds later pass through unchanged (the JSON contract is the CLI's)
    model_config = ConfigDict(extra="allow")


class AnswerAgency(_Out):
    name: str
    role: str
    region: str | None = ""


class AnswerTarget(_Out):
    indicator: str
    value: str
    unit: str | None = ""
    year: int | str | None = None
    region: str | None = ""
    qualifier: str | None = ""


class AnswerEvidence(_Out):
    source: str
    doc_title: str | None = ""
    region: str | None = ""
    clause_no: str | None = ""
    heading: str | None = ""
    text: str
    score: float | None = None
    page: int = 0  # first PDF page of the clause (0: unknown / not a PDF)
    pages: list[int] = []  # every PDF page the clause spans


class AnswerOut(_Out):
    """``Answer.to_json()``: exactly what ``policykg ask --json`` prints. An answer split by region also
    carries ``target_table`` (``search.answer.target_table``: region, indicator, value, base_year,
    target_year, qualifier, clause_id, doc_id per target) and ``parts``, passed through in that order."""

    question: str
    intent: str
    found: bool
    answer: str
    agencies: list[AnswerAgency] = []
    targets: list[AnswerTarget] = []
    evidence: list[AnswerEvidence] = []


class AskIn(BaseModel):
    question: str = Field(min_length=1, description="问题 / the question", examples=["太原市挥发性有机物综合整治由哪个部门牵头？"])


class HitAgency(_Out):
    name: str
    role: str
    region: str | None = ""


class SearchHitOut(_Out):
    """One search / similar result (``SearchResult.to_dict()``)."""

    clause_id: str
    source: str = ""
    doc_title: str = ""
    region: str = ""
    clause_no: str = ""
    heading: str = ""
    text: str = ""
    score: float | None = None
    agencies: list[HitAgency] = []
    targets: list[AnswerTarget] = []


class TargetOut(_Out):
    target_id: str
    clause_id: str
    indicator: str
    indicator_raw: str = ""
    value: str
    number: float | None = None
    unit: str = ""
    comparator: str = ""
    base_year: int | None = None
    target_year: int | None = None
    qualifier: str = ""
    region: str = ""
    sentence: str = ""


class CitationOut(_Out):
    title: str
    doc_number: str = ""


class DocumentOut(_Out):
    doc_id: str
    source: str
    title: str
    doc_number: str = ""
    issuer: str = ""
    date: str = ""
    level: str = "unknown"
    region: str = ""
    cites: list[CitationOut] = []
    content_hash: str = ""


class ClauseDetailOut(SearchHitOut):
    """One clause: the search-hit fields plus its place in the document."""

    doc_id: str
    kind: str = ""
    path: str = ""
    parent_id: str | None = None
    order: int = 0
    topics: list[str] = []
    regions: list[str] = []


class AgencyDutyOut(BaseModel):
    clause_id: str
    doc_id: str
    clause_no: str
    heading: str
    role: str
    text: str


class AgencyOut(BaseModel):
    name: str
    canonical: str = ""
    agency_type: str = ""
    region: str = ""
    is_government: bool = True
    duties: list[AgencyDutyOut] = []


class HealthOut(BaseModel):
    status: str
    graph: str | None = None
    documents: int | None = None


class StatsOut(_Out):
    labels: dict[str, int] = {}
    relationships: dict[str, int] = {}


# ----------------------------------------------------------------------------- dependencies
def get_service(request: Request) -> Any:
    """The PolicyKG facade of this app (opened on first use from the app's settings)."""
    state = request.app.state
    if state.service is None:
        with state.lock:
            if state.service is None:
                from ui.factory import open_policykg

                state.service = open_policykg(state.settings)
    return state.service


ServiceDep = Annotated[Any, Depends(get_service)]


def require_token(request: Request) -> None:
    """With ``api_token`` set, every data route needs ``Authorization: Bearer <token>`` (401 otherwise)."""
    token = getattr(request.app.state.settings, "api_token", None)
    if not token:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(
            status_code=401,
            detail="需要访问令牌 / a valid bearer token is required (Authorization: Bearer …)",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def within_budget(request: Request, work: Callable[[], Any]) -> Any:
    """Run blocking ``work`` in the thread pool; past ``request_timeout_s`` answer 503 instead of waiting.

    Python cannot stop a thread, so the work itself finishes in the background; what it may cost is
    bounded by the question-length and body-size limits, and the client is not kept waiting.
    """
    budget = getattr(request.app.state.settings, "request_timeout_s", None)
    if not budget:
        return await run_in_threadpool(work)
    try:
        return await asyncio.wait_for(run_in_threadpool(work), timeout=budget)
    except asyncio.TimeoutError:
        raise RequestTimeoutError(budget) from None


router = APIRouter(dependencies=[Depends(require_token)])


@router.get("/health", response_model=HealthOut, tags=["meta"], summary="存活检查 / liveness")
def health(request: Request, service: ServiceDep) -> HealthOut:
    settings = request.app.state.settings
    return HealthOut(
        status="ok",
        graph=getattr(settings, "graph", None),
        documents=len(service.documents()),
    )


@router.get("/stats", response_model=StatsOut, tags=["meta"], summary="计数 / counts by label and relationship")
def stats(service: ServiceDep) -> StatsOut:
    return StatsOut.model_validate(plain(service.stats()))


@router.get("/ask", response_model=AnswerOut, tags=["qa"], summary="问答 / ask a question")
async def ask_get(
    request: Request,
    service: ServiceDep,
    q: Annotated[str, Query(min_length=1, description="问题 / the question")],
) -> Any:
    return await within_budget(request, lambda: plain(service.ask(q)))


@router.post("/ask", response_model=AnswerOut, tags=["qa"], summary="问答 / ask a question (JSON body)")
async def ask_post(request: Request, service: ServiceDep, body: Annotated[AskIn, Body()]) -> Any:
    return await within_budget(request, lambda: plain(service.ask(body.question)))


@router.get("/search", response_model=list[SearchHitOut], tags=["search"], summary="混合检索 / hybrid search")
async def search(
    request: Request,
    service: ServiceDep,
    q: Annotated[str, Query(min_length=1, description="检索文本 / search text")],
    region: Annotated[str | None, Query(description="地区 / region, e.g. 太原")] = None,
    k: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Any:
    return await within_budget(request, lambda: [plain(r) for r in service.search(q, region=region, k=k)])


@router.get("/similar", response_model=list[SearchHitOut], tags=["search"], summary="类似措施 / similar measures")
async def similar(
    request: Request,
    service: ServiceDep,
    clause_id: Annotated[str | None, Query(description="条款编号 / clause id (percent-encode '#': %23)")] = None,
    text: Annotated[str | None, Query(description="或一段文字 / or a text")] = None,
    k: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Any:
    if (clause_id is None) == (text is None):
        raise HTTPException(status_code=422, detail="请给出 clause_id 或 text 之一 / give exactly one of clause_id, text")
    return await within_budget(request, lambda: [plain(r) for r in service.similar(clause_id=clause_id, text=text, k=k)])


@router.get("/agencies/{name}", response_model=AgencyOut, tags=["graph"], summary="机构及其条款 / an agency and its duties")
def agency(service: ServiceDep, name: str) -> AgencyOut:
    profile = service.agency(name)
    duties = [
        AgencyDutyOut(
            clause_id=c.clause_id, doc_id=c.doc_id, clause_no=c.path, heading=c.heading, role=r.role, text=c.text
        )
        for c, r in profile.duties
    ]
    return AgencyOut(**plain(profile.agency), duties=duties)


@router.get(
    "/clauses/{clause_id:path}",
    response_model=ClauseDetailOut,
    tags=["graph"],
    summary="一个条款 / one clause (percent-encode the id: '#' is %23)",
)
def clause(service: ServiceDep, clause_id: str) -> ClauseDetailOut:
    result = service.clause(clause_id)
    c = result.clause
    return ClauseDetailOut(
        **plain(result),
        doc_id=c.doc_id,
        kind=c.kind,
        path=c.path,
        parent_id=c.parent_id,
        order=c.order,
        topics=list(c.topics),
        regions=list(c.regions),
    )


@router.get("/targets", response_model=list[TargetOut], tags=["graph"], summary="量化目标 / quantified targets")
def targets(
    service: ServiceDep,
    indicator: Annotated[str | None, Query(description="指标 / indicator, e.g. 单位GDP能耗")] = None,
    region: Annotated[str | None, Query(description="地区 / region, e.g. 太原市")] = None,
    year: Annotated[int | None, Query(description="目标年份 / target year")] = None,
) -> Any:
    return [plain(t) for t in service.targets(indicator=indicator, region=region, year=year)]


@router.get("/documents", response_model=list[DocumentOut], tags=["graph"], summary="文件列表 / documents")
def documents(service: ServiceDep) -> Any:
    return [plain(d) for d in service.documents()]


@router.get(
    "/documents/{doc_id}/pages/{page}.png",
    response_class=FileResponse,
    tags=["provenance"],
    summary="原文页面图像 / a page of the original PDF as PNG (the clause's lines highlighted with ?clause=)",
)
async def document_page(
    request: Request,
    service: ServiceDep,
    doc_id: str,
    page: Annotated[int, Path(ge=1, description="页码（从 1 起）/ 1-based page number")],
    clause: Annotated[str | None, Query(description="高亮的条款编号 / clause id to highlight (percent-encode '#')")] = None,
) -> FileResponse:
    png = await within_budget(request, lambda: service.page_image(doc_id, page, clause))
    return FileResponse(png, media_type="image/png")


@router.get(
    "/documents/{doc_id}/original",
    response_class=FileResponse,
    tags=["provenance"],
    summary="下载原文件 / download the original file",
)
def document_original(service: ServiceDep, doc_id: str) -> FileResponse:
    path = service.original_file(doc_id)
    doc = next((d for d in service.documents() if d.doc_id == doc_id), None)
    filename = doc.source if doc is not None and doc.source else path.name
    return FileResponse(path, filename=filename)


@router.get("/diff", tags=["graph"], summary="两份规划的变化 / what changed between two plans (or versions: doc_id@v1)")
def diff(
    service: ServiceDep,
    a: Annotated[str, Query(min_length=1, description="较早的文件 / the earlier document id (doc_id@v1: a kept version)")],
    b: Annotated[str, Query(min_length=1, description="较新的文件 / the later document id")],
) -> Any:
    return service.diff(a, b).to_dict()


@router.get("/map/{doc_id}", tags=["graph"], summary="落实情况图 / implementation map: lower-level plans per measure")
async def implementation_map(request: Request, service: ServiceDep, doc_id: str) -> Any:
    return await within_budget(request, lambda: service.implementation_map(doc_id).to_dict())


@router.get("/documents/{doc_id}/versions", tags=["graph"], summary="历史版本 / kept earlier versions of a document")
def document_versions(service: ServiceDep, doc_id: str) -> Any:
    return [plain(v) for v in service.document_versions(doc_id)]


# ----------------------------------------------------------------------------- the app
class BodySizeLimit:
    """ASGI middleware: a request body larger than ``max_bytes`` gets 413 before any route reads it.

    A declared ``Content-Length`` over the limit is refused at once; a chunked body is read only up
    to the limit (then refused), so a client cannot make the server buffer more than ``max_bytes``.
    """

    def __init__(self, app: Any, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        messages, size = [], 0
        while True:
            message = await receive()
            messages.append(message)
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        replay = iter(messages)

        async def replayed() -> dict:
            return next(replay, None) or await receive()

        await self.app(scope, replayed, send)

    async def _refuse(self, scope: dict, receive: Callable, send: Callable) -> None:
        detail = f"请求体过大 / request body too large (limit {self.max_bytes} bytes)"
        await JSONResponse(status_code=413, content={"detail": detail})(scope, receive, send)


async def _policykg_error(request: Request, exc: Exception) -> JSONResponse:
    """The one mapping from library errors to HTTP responses."""
    assert isinstance(exc, PolicyKGError)
    return JSONResponse(status_code=status_for(exc), content={"detail": str(exc)})


def create_app(service: Any | None = None, settings: Settings | None = None) -> FastAPI:
    """The policykg HTTP API.

    Args:
        service: an open ``search.service.PolicyKG``; when None it is opened on the first request
            from ``settings`` via ``ui.factory.open_policykg``.
        settings: used to open the service (default: ``load_settings()``).
    Returns:
        A FastAPI app; OpenAPI docs at ``/docs``.
    Raises:
        ConfigError: the settings are invalid (only when ``settings`` is None and loading fails).
    """
    if settings is None and service is None:
        from ui.config import load_settings

        settings = load_settings()
    app = FastAPI(
        title="policykg",
        version="0.1.0",
        description=(
            "节能减排政策知识图谱与语义检索 / Knowledge graph and semantic search over Chinese "
            "energy-saving policy documents. Clause ids contain '#' and Chinese characters: "
            "percent-encode them in paths and queries (urllib.parse.quote(id, safe=''))."
        ),
    )
    app.state.service = service
    app.state.settings = settings
    app.state.lock = threading.Lock()
    app.add_exception_handler(PolicyKGError, _policykg_error)
    app.include_router(router)
    limit = getattr(settings, "max_body_bytes", None)
    if limit:
        app.add_middleware(BodySizeLimit, max_bytes=limit)
    return app


def app_from_env() -> FastAPI:
    """The app of one ``policykg serve --workers N`` worker: settings from the environment the parent exported."""
    from ui.config import load_settings

    return create_app(settings=load_settings())


__all__ = ["app_from_env", "create_app", "ERROR_STATUS", "status_for"]
