"""A throwaway PostgreSQL server for the records tests and benchmark, and the set-up step that
installs Debian's PostgreSQL when it is missing (`python tests/postgres_server.py --install`, run by
`make` the way gui/system_libs.py installs Qt's libraries).

The server gets a fresh data folder in the temp folder, owned by an unprivileged user: initdb and
postgres refuse to run as root, so as root the server runs as the `postgres` user that Debian's
package creates. It listens on 127.0.0.1 at a free port and on a unix socket inside that folder,
with a random password on both, and dies with the process that started it (setpriv --pdeathsig),
so a killed test run leaves no server behind. The packaged cluster is never used.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"  # the unprivileged account Debian's postgresql package creates
ROLE = "thirds"
HOW_TO_INSTALL = ("run `make` as root (its set-up step installs Debian's postgresql package), "
                  "or apt-get install --no-install-recommends postgresql")
POLICY_RC = Path("/usr/sbin/policy-rc.d")


class ServerMissing(RuntimeError):
    """PostgreSQL cannot be started on this machine; the message names what is missing."""


def binaries() -> Path:
    """The newest PostgreSQL server programs installed the Debian way."""
    found = [Path(p) for p in glob.glob(BIN_GLOB) if Path(p, "initdb").is_file() and Path(p, "postgres").is_file()]
    if not found:
        raise ServerMissing(f"PostgreSQL's server programs are not installed (no initdb and postgres in "
                            f"{BIN_GLOB}): {HOW_TO_INSTALL}")
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)


def _account() -> pwd.struct_passwd | None:
    """Who runs the server: this user, or `postgres` when this is root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise ServerMissing(f"running as root, and there is no unprivileged `{SERVER_USER}` user to run "
                            f"PostgreSQL as (it refuses root): {HOW_TO_INSTALL}") from None


def _as(account: pwd.struct_passwd | None, *, die_with_parent: bool = False) -> list[str]:
    """The setpriv prefix that drops root and ties the server's life to this process."""
    if shutil.which("setpriv") is None:
        if account is not None:
            raise ServerMissing("running as root without setpriv (util-linux) to start PostgreSQL as "
                                f"`{SERVER_USER}`: apt-get install util-linux")
        return []
    prefix = ["setpriv"]
    if account is not None:
        prefix += [f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}", "--clear-groups"]
    if die_with_parent:
        prefix += ["--pdeathsig", "SIGQUIT"]
    return [*prefix, "--"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    folder: Path
    process: subprocess.Popen[bytes]
    port: int
    password: str
    user: str = ROLE
    host: str = "127.0.0.1"
    programs: Path = Path()
    account: pwd.struct_passwd | None = None
    settings: tuple[str, ...] = ()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}:{self.password}@{self.host}:{self.port}/{database}"

    def stop(self) -> None:
        """Fast shutdown, then the data folder goes."""
        self.pause()
        shutil.rmtree(self.folder, ignore_errors=True)

    def pause(self) -> None:
        """Fast shutdown (every connection is cut), keeping the data: the server "goes away"."""
        if self.process.poll() is None:
            self.process.send_signal(2)  # SIGINT: PostgreSQL's fast shutdown
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def freeze(self) -> None:
        """The server stops answering without refusing, as behind a network that drops everything: a
        new connection waits for its timeout. (Its running sessions go on.)"""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def resume(self, timeout_s: float = 60.0) -> None:
        """The server is back: the same data, the same port."""
        if self.process.poll() is None:
            return
        self.process = _run(self.programs, self.account, self.folder, self.port, self.settings)
        if not _ready(self, timeout_s):
            raise ServerMissing("PostgreSQL did not start again: "
                                + (self.folder / "server.log").read_text(errors="replace")[-500:])


def start(*, durable: bool = False, timeout_s: float = 60.0) -> Server:
    """Start a server; `durable=False` (the tests) turns fsync off, as nothing in it outlives the run."""
    programs = binaries()
    account = _account()
    folder = Path(tempfile.mkdtemp(prefix="thirds-postgres-"))
    try:
        return _start(programs, account, folder, durable, timeout_s)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _start(programs: Path, account: pwd.struct_passwd | None, folder: Path, durable: bool,
           timeout_s: float) -> Server:
    password = secrets.token_hex(16)
    (folder / "socket").mkdir(mode=0o700)
    secret = folder / "password"
    secret.write_text(password)
    secret.chmod(0o600)
    if account is not None:
        for path in (folder, folder / "socket", secret):
            os.chown(path, account.pw_uid, account.pw_gid)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    # A language collation (ICU en-US), as a clinic's server has: the search must not rely on byte order.
    collation = ["--locale-provider=icu", "--icu-locale=en-US"] if int(programs.parent.name) >= 15 else []
    initdb = [str(programs / "initdb"), "-D", str(folder / "data"), "-U", ROLE, f"--pwfile={secret}",
              "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", *collation, "--no-sync"]
    done = subprocess.run([*_as(account), *initdb], cwd=folder, env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise ServerMissing(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
    settings = ["-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={folder / 'socket'}",
                "-c", "unix_socket_permissions=0700", "-c", "max_connections=40"]
    if not durable:
        settings += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
    for _attempt in range(5):  # another process may take the free port before the server binds it
        port = _free_port()
        process = _run(programs, account, folder, port, tuple(settings))
        server = Server(folder, process, port, password, programs=programs, account=account,
                        settings=tuple(settings))
        if _ready(server, timeout_s):
            return server
        if process.poll() is None:
            process.kill()
            process.wait()
            break
    log_tail = (folder / "server.log").read_text(errors="replace").strip().splitlines()[-5:]
    raise ServerMissing("PostgreSQL did not start: " + " | ".join(log_tail))


def _run(programs: Path, account: pwd.struct_passwd | None, folder: Path, port: int,
         settings: tuple[str, ...]) -> subprocess.Popen[bytes]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    with (folder / "server.log").open("ab") as log:
        return subprocess.Popen(
            [*_as(account, die_with_parent=True), str(programs / "postgres"), "-D", str(folder / "data"),
             "-p", str(port), *settings],
            cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )


def _ready(server: Server, timeout_s: float) -> bool:
    import psycopg

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            psycopg.connect(server.url(), connect_timeout=2).close()
            return True
        except psycopg.OperationalError:
            time.sleep(0.05)
    return False


def install() -> bool:
    """Install Debian's postgresql package when its server programs are missing (root on Debian only).
    policy-rc.d keeps the package from starting the cluster it creates: nothing here uses that one."""
    try:
        binaries()
        return True
    except ServerMissing:
        pass
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return False
    print("Installing PostgreSQL with apt-get (postgresql): the records tests start their own server",
          flush=True)
    guard = not POLICY_RC.exists()
    if guard:
        POLICY_RC.write_text("#!/bin/sh\n# thirds set-up: no service starts while postgresql installs\nexit 101\n")
        POLICY_RC.chmod(0o755)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        for command in (["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", "postgresql"]):
            subprocess.run(["apt-get", *command], check=False, stdout=subprocess.DEVNULL, env=env)
    finally:
        if guard:
            POLICY_RC.unlink(missing_ok=True)
    try:
        binaries()
        return True
    except ServerMissing:
        return False


def main(argv: list[str]) -> int:
    """`--install`: the set-up step (quiet when PostgreSQL is there); otherwise say where it is."""
    if "--install" in argv:
        if install():
            return 0
        print(f"thirds: PostgreSQL is not installed, so the records tests on PostgreSQL will fail; "
              f"{HOW_TO_INSTALL}", file=sys.stderr)
        return 1
    try:
        print(binaries())
    except ServerMissing as error:
        print(f"thirds: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
