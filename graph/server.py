"""Run a local Neo4j 5.26 Community server (embedded DBMS + Bolt) for policykg, without Docker.

The server is the small Maven project in ``graph/neo4j_launcher`` (one class,
``policykg.Neo4jLauncher``); its dependencies are copied to ``target/lib`` and it is run as
``java -cp target/neo4j-launcher-1.0.0.jar:target/lib/* policykg.Neo4jLauncher``.

Layout of a data dir (it is the Neo4j home)::

    DATA_DIR/data/...               databases (neo4j, system) and transaction logs
    DATA_DIR/logs/debug.log         Neo4j's own log
    DATA_DIR/neo4j.log              the launcher JVM's stdout/stderr (ready/error lines)
    DATA_DIR/neo4j.pid              pid of the running JVM
    DATA_DIR/neo4j.addr             host:port it was started with (for ``status``/``stop``)
    DATA_DIR/policykg-launcher.conf settings generated on each start

Auth: with ``auth=True`` the password of user ``neo4j`` is (re)set to ``password`` on every
start, so the configured password is always the one in force (min. 8 characters).

Command line: ``python -m graph.server start|stop|status [--data-dir D] [--port P] ...``.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

try:  # the project's error hierarchy
    from ingest.errors import GraphStoreError as _BaseError
except ImportError:  # pragma: no cover - only when used outside the project
    _BaseError = Exception  # type: ignore[assignment,misc]

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PASSWORD",
    "DEFAULT_PORT",
    "LAUNCHER_DIR",
    "Neo4jServerError",
    "ServerStatus",
    "build_launcher",
    "main",
    "start",
    "status",
    "stop",
]

LAUNCHER_DIR = Path(__file__).resolve().parent / "neo4j_launcher"
MAIN_CLASS = "policykg.Neo4jLauncher"
JAR_NAME = "neo4j-launcher-1.0.0.jar"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7687
DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "policykg-dev"  # same default as ui.config.Settings.neo4j_password
PASSWORD_ENV = "POLICYKG_NEO4J_PASSWORD"
READY_MARKER = "POLICYKG_NEO4J_READY"
PID_FILE = "neo4j.pid"
ADDR_FILE = "neo4j.addr"
LOG_FILE = "neo4j.log"

# JVM flags: modest memory, plus the flags Neo4j's own neo4j.conf passes to its JVM.
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
]


# JVMs started by this Python process (pid -> handle)
_CHILDREN: dict[int, subprocess.Popen] = {}


class Neo4jServerError(_BaseError):
    """The local Neo4j server could not be built, started or stopped (message says why, 中文 + English)."""


@dataclass(frozen=True)
class ServerStatus:
    """State of the local server for one data dir: ``running`` means the pid is alive AND Bolt answers."""

    running: bool
    pid: int | None
    uri: str
    data_dir: Path
    message: str


# --------------------------------------------------------------------------- build


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise Neo4jServerError("找不到 java（需要 JDK 17 或 21） / java not found on PATH (JDK 17 or 21 needed)")
    return java


def _mvn() -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError("找不到 mvn（需要 Maven 3.6+） / mvn (Maven) not found on PATH")
    return mvn


def _newest_source_mtime(project_dir: Path) -> float:
    paths = [project_dir / "pom.xml", *(p for p in (project_dir / "src").rglob("*") if p.is_file())]
    return max((p.stat().st_mtime for p in paths if p.exists()), default=0.0)


def _is_built(project_dir: Path) -> bool:
    jar = project_dir / "target" / JAR_NAME
    lib = project_dir / "target" / "lib"
    if not jar.is_file() or not lib.is_dir() or not any(lib.glob("neo4j-*.jar")):
        return False
    return jar.stat().st_mtime >= _newest_source_mtime(project_dir)


def build_launcher(project_dir: Path | None = None, quiet: bool = True) -> Path:
    """Build the launcher with Maven if its jar is missing or older than pom.xml/src; return the jar.

    Tries ``mvn -o`` (offline) first and goes online only if that fails. The dependency jars
    are in ``<project_dir>/target/lib``. Raises Neo4jServerError naming the cause.
    """
    project_dir = Path(project_dir) if project_dir is not None else LAUNCHER_DIR
    jar = project_dir / "target" / JAR_NAME
    if not (project_dir / "pom.xml").is_file():
        raise Neo4jServerError(f"找不到 {project_dir / 'pom.xml'} / launcher project not found")
    _java()
    if _is_built(project_dir):
        return jar
    mvn = _mvn()
    (project_dir / "target").mkdir(exist_ok=True)
    with open(project_dir / "target" / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time (parallel test runs share target/)
        if _is_built(project_dir):
            return jar
        return _run_maven(mvn, project_dir, jar, quiet)


def _run_maven(mvn: str, project_dir: Path, jar: Path, quiet: bool) -> Path:
    base = [mvn, "-B", "package", "-DskipTests"]
    if quiet:
        base.insert(1, "-q")
    last_output = ""
    for offline in (True, False):
        cmd = base[:1] + (["-o"] if offline else []) + base[1:]
        try:
            proc = subprocess.run(
                cmd,
                cwd=project_dir,
                stdout=subprocess.PIPE if quiet else None,
                stderr=subprocess.STDOUT if quiet else None,
                text=True,
                timeout=1800,
            )
        except subprocess.TimeoutExpired as e:
            raise Neo4jServerError(f"Maven 构建超时 / Maven build timed out after {e.timeout:.0f}s") from e
        except OSError as e:
            raise Neo4jServerError(f"无法运行 mvn / cannot run mvn: {e}") from e
        if proc.returncode == 0 and jar.is_file():
            os.utime(jar)  # mark as newer than the sources even if Maven left it untouched
            return jar
        last_output = proc.stdout or ""
    tail = "\n".join(last_output.strip().splitlines()[-30:])
    raise Neo4jServerError(
        f"Maven 构建失败 / Maven build failed in {project_dir} (`{' '.join(base)}`)"
        + (f":\n{tail}" if tail else "")
    )


def _classpath(jar: Path) -> str:
    return f"{jar}{os.pathsep}{jar.parent / 'lib' / '*'}"


# --------------------------------------------------------------------------- process helpers


def _uri(host: str, port: int) -> str:
    h = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"bolt://{h}:{port}"


def _read_pid(data_dir: Path) -> int | None:
    try:
        return int((data_dir / PID_FILE).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _read_addr(data_dir: Path) -> tuple[str, int] | None:
    try:
        text = (data_dir / ADDR_FILE).read_text().strip()
        host, _, port = text.rpartition(":")
        return host.strip("[]"), int(port)
    except (OSError, ValueError):
        return None


def recorded_address(data_dir: Path) -> tuple[str, int] | None:
    """The (host, port) that ``start`` recorded in ``data_dir``, or None before the first start."""
    return _read_addr(Path(data_dir))


def _resolve_addr(data_dir: Path, host: str | None, port: int | None) -> tuple[str, int]:
    recorded = _read_addr(data_dir)
    if host is None:
        host = recorded[0] if recorded else DEFAULT_HOST
    if port is None:
        port = recorded[1] if recorded else DEFAULT_PORT
    return host, int(port)


def _pid_alive(pid: int | None) -> bool:
    """True if ``pid`` runs (zombies count as dead; reaps our own dead children)."""
    if not pid or pid <= 0:
        return False
    child = _CHILDREN.get(pid)
    if child is not None:
        if child.poll() is None:
            return True
        del _CHILDREN[pid]
        return False
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    except ChildProcessError:
        pass
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return False
    except (OSError, IndexError):
        pass
    return True


def _is_our_launcher(pid: int, data_dir: Path) -> bool:
    """Best-effort guard against pid reuse: the process must be our launcher for this data dir."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return True  # no /proc: cannot check, trust the pid file
    args = [a.decode(errors="replace") for a in cmdline]
    return MAIN_CLASS in args and str(data_dir) in args


def _bolt_handshake(host: str, port: int, timeout: float = 2.0) -> bool:
    """True if a Bolt server answers the version handshake at host:port (no credentials needed)."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.settimeout(timeout)
            # magic + 4 proposals: 5.x (range 5.0-5.8), 4.4, 4.3, 3.0
            s.sendall(b"\x60\x60\xb0\x17" + bytes([0, 8, 8, 5]) + bytes([0, 0, 4, 4])
                      + bytes([0, 0, 3, 4]) + bytes([0, 0, 0, 3]))
            data = b""
            while len(data) < 4:
                chunk = s.recv(4 - len(data))
                if not chunk:
                    return False
                data += chunk
            return struct.unpack(">I", data)[0] != 0
    except OSError:
        return False


def _port_in_use(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                return True
            if e.errno == errno.EADDRNOTAVAIL:
                raise Neo4jServerError(f"地址不可用 / cannot listen on {host}:{port}: {e}") from e
            raise
    return False


def _log_tail(data_dir: Path, lines: int = 40, since: int = 0) -> str:
    try:
        with open(data_dir / LOG_FILE, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            start = max(since, size - 16000)
            f.seek(start)
            text = f.read().decode("utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.strip().splitlines()[-lines:]) or "(log empty)"


def _log_has_ready(data_dir: Path, since: int) -> bool:
    try:
        with open(data_dir / LOG_FILE, "rb") as f:
            f.seek(since)
            return READY_MARKER.encode() in f.read()
    except OSError:
        return False


def _driver_check(uri: str, auth: bool, password: str) -> None:
    """verify_connectivity() through the official driver; raises the driver's exception."""
    try:
        from neo4j import GraphDatabase
    except ImportError as e:  # pragma: no cover - neo4j is a project dependency
        raise Neo4jServerError("缺少 Python 包 neo4j / python package 'neo4j' is not installed") from e
    driver = GraphDatabase.driver(
        uri, auth=(DEFAULT_USER, password) if auth else None, connection_timeout=3.0
    )
    try:
        driver.verify_connectivity()
    finally:
        driver.close()


def _resolve_password(password: str | None) -> str:
    return password if password is not None else os.environ.get(PASSWORD_ENV, DEFAULT_PASSWORD)


def _signal(pid: int, sig: int) -> None:
    try:
        if os.getpgid(pid) == pid:  # we start the JVM as its own session/group leader
            os.killpg(pid, sig)
        else:
            os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _wait_dead(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            return True
        time.sleep(0.2)
    return not _pid_alive(pid)


def _cleanup_files(data_dir: Path) -> None:
    for name in (PID_FILE, ADDR_FILE):
        try:
            (data_dir / name).unlink()
        except FileNotFoundError:
            pass


# --------------------------------------------------------------------------- public API


def status(data_dir: Path, host: str | None = None, port: int | None = None) -> ServerStatus:
    """Report whether the server for ``data_dir`` runs and answers Bolt (host/port default to the recorded ones)."""
    data_dir = Path(data_dir).expanduser().resolve()
    host, port = _resolve_addr(data_dir, host, port)
    uri = _uri(host, port)
    pid = _read_pid(data_dir)
    alive = pid is not None and _pid_alive(pid) and _is_our_launcher(pid, data_dir)
    answers = _bolt_handshake(host, port)
    if alive and answers:
        return ServerStatus(True, pid, uri, data_dir, f"运行中 / running (pid {pid}) at {uri}")
    if alive:
        return ServerStatus(
            False, pid, uri, data_dir,
            f"进程存在但 Bolt 无响应 / pid {pid} is alive but Bolt does not answer at {uri} "
            f"(starting, or hung: see {data_dir / LOG_FILE})",
        )
    if answers:
        return ServerStatus(
            False, None, uri, data_dir,
            f"未运行；端口被其他 Bolt 服务占用 / not running from this data dir, but another Bolt server answers at {uri}",
        )
    stale = " (stale pid file)" if pid is not None else ""
    return ServerStatus(False, None, uri, data_dir, f"未运行 / not running{stale}")


def start(
    data_dir: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    auth: bool = True,
    password: str | None = None,
    timeout: float = 180.0,
    heap: str = "1g",
    pagecache: str = "256m",
) -> ServerStatus:
    """Start the server for ``data_dir`` (building the launcher if needed) and wait until Bolt answers.

    No-op if it already runs. ``password`` (user neo4j; default env POLICYKG_NEO4J_PASSWORD or
    DEFAULT_PASSWORD) is applied on each start when ``auth`` is true. Raises Neo4jServerError when
    the port is taken, the JVM dies (message carries the log tail) or Bolt is not up in ``timeout`` s.
    """
    data_dir = Path(data_dir).expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    password = _resolve_password(password)
    uri = _uri(host, port)
    if auth and len(password) < 8:
        raise Neo4jServerError("Neo4j 密码至少 8 个字符 / the Neo4j password must have at least 8 characters")

    current = status(data_dir, host, port)
    if current.running:
        return current
    pid = _read_pid(data_dir)
    if pid is not None and _pid_alive(pid) and _is_our_launcher(pid, data_dir):
        # another start() is in progress (or the JVM hangs): wait for it like for our own
        return _wait_ready(None, pid, data_dir, host, port, auth, password, timeout, since=0)
    _cleanup_files(data_dir)  # stale

    if _port_in_use(host, port):
        raise Neo4jServerError(
            f"端口已被占用 / port {host}:{port} is already in use by another process"
            + (" (a Bolt server answers there)" if _bolt_handshake(host, port) else "")
        )

    java = _java()
    jar = build_launcher()
    cmd = [
        java, f"-Xmx{heap}", "-Xms128m", *JVM_FLAGS,
        "-cp", _classpath(jar), MAIN_CLASS,
        "--home", str(data_dir),
        "--listen", f"{host}:{port}",
        "--auth", "true" if auth else "false",
        "--pagecache", pagecache,
    ]
    env = dict(os.environ)
    env[PASSWORD_ENV] = password
    log_path = data_dir / LOG_FILE
    with open(log_path, "ab") as log:
        log.write(f"\n=== policykg: starting Neo4j at {time.strftime('%Y-%m-%d %H:%M:%S')} on {uri} ===\n".encode())
        log.flush()
        since = log.tell()
        try:
            proc = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env=env, cwd=data_dir, start_new_session=True,
            )
        except OSError as e:
            raise Neo4jServerError(f"无法启动 java / cannot run java: {e}") from e
    _CHILDREN[proc.pid] = proc  # keep the handle: no "still running" ResourceWarning, clean reaping
    (data_dir / PID_FILE).write_text(f"{proc.pid}\n")
    (data_dir / ADDR_FILE).write_text(f"{host}:{port}\n")
    return _wait_ready(proc, proc.pid, data_dir, host, port, auth, password, timeout, since=since)


def _wait_ready(
    proc: subprocess.Popen | None, pid: int, data_dir: Path, host: str, port: int,
    auth: bool, password: str, timeout: float, since: int,
) -> ServerStatus:
    uri = _uri(host, port)
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        dead = (proc.poll() is not None) if proc is not None else not _pid_alive(pid)
        if dead:
            _cleanup_files(data_dir)
            code = proc.returncode if proc is not None else "?"
            raise Neo4jServerError(
                f"Neo4j 启动失败 / Neo4j exited during start (exit code {code}); "
                f"log {data_dir / LOG_FILE}:\n{_log_tail(data_dir, since=since)}"
            )
        # the password is applied just before the ready line: only trust Bolt after it
        if (proc is None or _log_has_ready(data_dir, since)) and _bolt_handshake(host, port, 1.0):
            try:
                _driver_check(uri, auth, password)
                return ServerStatus(True, pid, uri, data_dir, f"运行中 / running (pid {pid}) at {uri}")
            except Neo4jServerError:
                raise
            except Exception as e:  # noqa: BLE001 - driver errors while starting
                last_error = e
                if type(e).__name__ == "AuthError" and proc is not None:
                    stop(data_dir, timeout=30)
                    raise Neo4jServerError(f"Neo4j 认证失败 / authentication failed at {uri}: {e}") from e
        time.sleep(0.5)
    stop(data_dir, timeout=30)
    raise Neo4jServerError(
        f"Neo4j 启动超时 / Bolt did not answer at {uri} within {timeout:.0f}s"
        + (f" (last error: {last_error})" if last_error else "")
        + f"; log {data_dir / LOG_FILE}:\n{_log_tail(data_dir, since=since)}"
    )


def stop(data_dir: Path, timeout: float = 60.0) -> bool:
    """Stop the server for ``data_dir``: SIGTERM (clean shutdown), SIGKILL after ``timeout`` s.

    Returns True if a running server was stopped, False if none was running. Removes the pid file.
    """
    data_dir = Path(data_dir).expanduser().resolve()
    pid = _read_pid(data_dir)
    if pid is None or not _pid_alive(pid) or not _is_our_launcher(pid, data_dir):
        _cleanup_files(data_dir)
        return False
    _signal(pid, signal.SIGTERM)
    if not _wait_dead(pid, timeout):
        _signal(pid, signal.SIGKILL)
        if not _wait_dead(pid, 15):
            raise Neo4jServerError(f"无法停止 Neo4j / could not stop Neo4j (pid {pid}) even with SIGKILL")
    _cleanup_files(data_dir)
    return True


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    """``python -m graph.server start|stop|status|build``; exit code 0, 1 on error, 3 if status finds none running."""
    default_dir = Path(os.environ.get("POLICYKG_HOME", Path.home() / ".cache" / "policykg")) / "neo4j"
    p = argparse.ArgumentParser(prog="python -m graph.server", description="local Neo4j 5.26 server for policykg")
    p.add_argument("command", choices=["start", "stop", "status", "build"])
    p.add_argument("--data-dir", type=Path, default=default_dir, help=f"default {default_dir}")
    p.add_argument("--host", default=None, help=f"default {DEFAULT_HOST} (status/stop: the recorded one)")
    p.add_argument("--port", type=int, default=None, help=f"default {DEFAULT_PORT}")
    p.add_argument("--no-auth", action="store_true", help="disable authentication")
    p.add_argument("--password", default=None, help=f"neo4j user's password (default env {PASSWORD_ENV} or built-in)")
    p.add_argument("--timeout", type=float, default=None)
    p.add_argument("--verbose", action="store_true", help="show Maven output while building")
    a = p.parse_args(argv)
    try:
        if a.command == "build":
            print(build_launcher(quiet=not a.verbose))
            return 0
        if a.command == "start":
            build_launcher(quiet=not a.verbose)
            st = start(
                a.data_dir, a.host or DEFAULT_HOST, a.port or DEFAULT_PORT,
                auth=not a.no_auth, password=a.password, timeout=a.timeout or 180.0,
            )
            print(st.message)
            return 0
        if a.command == "stop":
            stopped = stop(a.data_dir, timeout=a.timeout or 60.0)
            print("已停止 / stopped" if stopped else "未运行 / was not running")
            return 0
        st = status(a.data_dir, a.host, a.port)
        print(st.message)
        return 0 if st.running else 3
    except Neo4jServerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
