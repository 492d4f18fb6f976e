"""One rule for listening beyond this machine: no open door with a default password or no login.

``policykg neo4j start``, ``policykg serve`` and ``policykg ui`` call :func:`check_exposure` with the
address they are about to bind. A loopback address (127.0.0.0/8, ::1, ``localhost``) is always
fine. Any other address (``0.0.0.0``, ``::``, a LAN address or a host name) is refused, with the
reason and the way out, when

* the Neo4j password is the built-in default (the server itself, or the API/UI on a Neo4j store), or
  Neo4j authentication is switched off;
* the API has no bearer token (``POLICYKG_API_TOKEN``) or the UI no password (``POLICYKG_UI_PASSWORD``);

unless the user passes ``--insecure`` (then a warning is returned for the caller to print).
"""

from __future__ import annotations

import ipaddress
from typing import Literal

from graph.server import DEFAULT_PASSWORD as DEFAULT_NEO4J_PASSWORD
from ingest.errors import ConfigError

Front = Literal["neo4j", "api", "ui"]


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, ``localhost``)."""
    name = (host or "").strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


def exposure_problems(
    front: Front,
    host: str,
    *,
    neo4j_password: str,
    graph: str = "networkx",
    neo4j_auth: bool = True,
    api_token: str | None = None,
    ui_password: str | None = None,
) -> list[str]:
    """What makes binding ``front`` to ``host`` an open door (empty when safe or loopback)."""
    if is_loopback(host):
        return []
    problems: list[str] = []
    uses_neo4j = front == "neo4j" or graph == "neo4j"
    if front == "neo4j" and not neo4j_auth:
        problems.append("Neo4j 认证已关闭 / Neo4j authentication is off (--no-auth)")
    elif uses_neo4j and neo4j_password == DEFAULT_NEO4J_PASSWORD:
        problems.append(
            "Neo4j 使用默认密码，请设置 NEO4J_PASSWORD / the Neo4j password is the built-in default: set NEO4J_PASSWORD"
        )
    if front == "api" and not api_token:
        problems.append("API 未设置访问令牌 / the API has no bearer token: set POLICYKG_API_TOKEN")
    if front == "ui" and not ui_password:
        problems.append("界面未设置密码 / the UI has no password: set POLICYKG_UI_PASSWORD")
    return problems


def check_exposure(front: Front, host: str, *, insecure: bool = False, **settings: object) -> str | None:
    """Refuse an open door; with ``insecure`` return the warning to print instead.

    Args:
        front: what is about to listen (``"neo4j"``, ``"api"``, ``"ui"``).
        host: the listen address.
        insecure: the user's explicit ``--insecure``.
        settings: as :func:`exposure_problems` (neo4j_password, graph, neo4j_auth, api_token, ui_password).
    Returns:
        None when safe; the warning text when unsafe but ``insecure``.
    Raises:
        ConfigError: unsafe and not ``insecure``; the message names the address, each problem and the way out.
    """
    problems = exposure_problems(front, host, **settings)  # type: ignore[arg-type]
    if not problems:
        return None
    text = f"{front} 将监听非本机地址 {host} / {front} would listen on {host}, reachable from other machines: " + "；".join(
        problems
    )
    if insecure:
        return "警告 / warning: " + text
    raise ConfigError(text + "。仅在可信网络中可加 --insecure 强行启动 / pass --insecure only on a trusted network")
