"""The browser side: the reference page at `/`, the embeddable widget under `/widget/v1/`,
and the OpenAPI document in Swagger UI at `/docs`.

The widget is public code that partners load from their own sites, so its files are served
to any origin (`Access-Control-Allow-Origin: *`) whatever `cors_origins` says; the data
routes stay governed by `cors_origins`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

WEB_ROOT = Path(__file__).resolve().parent.parent.parent / "web"
WIDGET_DIR = WEB_ROOT / "widget" / "v1"
REFERENCE_DIR = WEB_ROOT / "reference"

router = APIRouter(tags=["web"])

# /docs: Swagger UI's files as the fastapi-offline package ships them (the version is the
# lock's), served from here, so the page works without internet and loads nothing from
# another site. Only its files are used: its FastAPIOffline() page starts Swagger UI with
# an inline script, which the pages' Content-Security-Policy does not run.
SWAGGER_UI_DIR = Path(str(files("fastapi_offline") / "static"))
SWAGGER_UI = "/docs/assets"
DOCS_PAGE = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Interventions API</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="{SWAGGER_UI}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{SWAGGER_UI}/swagger-ui-bundle.js"></script>
  <script src="/reference/docs.js"></script>
</body>
</html>
"""


@router.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
def reference_page() -> FileResponse:
    """The reference page: the search widget and the safety-plan component."""
    return FileResponse(WEB_ROOT / "index.html", media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=300"})


@router.get("/docs", include_in_schema=False)
def docs_page() -> HTMLResponse:
    """The OpenAPI document in Swagger UI (no inline script: the page's CSP allows none)."""
    return HTMLResponse(DOCS_PAGE, headers={"Cache-Control": "public, max-age=300"})


class PublicStaticFiles(StaticFiles):
    """Static files any origin may load (module scripts are fetched in CORS mode)."""

    def __init__(self, *, directory: Path, max_age: int) -> None:
        super().__init__(directory=directory)
        self.cache_control = f"public, max-age={max_age}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"access-control-allow-origin"]
                headers += [(b"access-control-allow-origin", b"*"),
                            (b"cache-control", self.cache_control.encode()),
                            (b"x-content-type-options", b"nosniff")]
                message = {**message, "headers": headers}
            await send(message)

        await super().__call__(scope, receive, send_with_headers)


router.mount("/widget/v1", PublicStaticFiles(directory=WIDGET_DIR, max_age=300),
             name="widget-v1")
router.mount("/reference", PublicStaticFiles(directory=REFERENCE_DIR, max_age=300),
             name="reference")
router.mount(SWAGGER_UI, PublicStaticFiles(directory=SWAGGER_UI_DIR, max_age=86400),
             name="docs-assets")
