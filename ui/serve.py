"""``policykg serve``: the HTTP API (ui/api.py) under uvicorn."""

from __future__ import annotations

from ui.config import Settings


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the FastAPI app with uvicorn until interrupted (OpenAPI docs at ``/docs``).

    Args:
        settings: store / graph / model settings used to open the PolicyKG service.
        host: listen address.
        port: listen port.
    """
    import uvicorn

    from ui.api import create_app

    uvicorn.run(create_app(settings=settings), host=host, port=port, log_level="info")
