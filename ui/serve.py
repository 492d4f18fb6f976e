"""``policykg serve``: the HTTP API (ui/api.py) under uvicorn, in one process or several workers."""

from __future__ import annotations

import os

from ui.config import Settings


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Run the FastAPI app with uvicorn until interrupted (OpenAPI docs at ``/docs``).

    Args:
        settings: store / graph / model settings used to open the PolicyKG service.
        host: listen address.
        port: listen port.
        workers: worker processes sharing the port; each opens the store itself (with Neo4j in
            per_query mode they share one database and hold no copy of it). Above 1 the workers
            receive the settings through the environment (``ui.launch.settings_env``).
    """
    import uvicorn

    if workers > 1:
        from ui.launch import settings_env

        os.environ.update(settings_env(settings))
        uvicorn.run("ui.api:app_from_env", factory=True, host=host, port=port, workers=workers, log_level="info")
        return
    from ui.api import create_app

    uvicorn.run(create_app(settings=settings), host=host, port=port, log_level="info")
