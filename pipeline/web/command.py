"""``pipeline serve``: the local web page over a folder of sources (127.0.0.1 by default)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "interview-pipeline" / "web"


def loopback(host: str) -> bool:
    """Whether listening on ``host`` reaches this machine only."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.argument("source_dir", default="source",
                type=click.Path(exists=True, file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; keep 127.0.0.1 unless others must reach it.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="A host name (or address) the page may be opened by, besides 127.0.0.1, "
                   "localhost, [::1] and --host; repeat for several (e.g. the office "
                   "machine's name when serving on the network with --host 0.0.0.0). "
                   "Requests naming another host get a 400 page.")
@click.option("--read-timeout", default=30.0, show_default=True,
              type=click.FloatRange(0.1, 3600), metavar="SECONDS",
              help="Drop a connection that sends nothing for this long (a stalled "
                   "upload), freeing its thread.")
@click.option("--max-builds", default=1, show_default=True, type=click.IntRange(1, 16),
              metavar="N",
              help="Uploads built at the same time; more wait up to 15 s, then get a "
                   "'busy, retry' page. Each build of a large photo can take ~350 MB.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Where builds and thumbnails are kept (default: ~/.cache/"
                   "interview-pipeline/web).")
@click.option("--draft", is_flag=True, help="Missing photos become labelled placeholders.")
@click.option("--users", "users_file", type=click.Path(exists=True, dir_okay=False),
              metavar="FILE",
              help="Editors who may log in (written by 'pipeline users add NAME --file "
                   "FILE'); required when --host is not a loopback address.")
@click.option("--behind-proxy", is_flag=True,
              help="Trust X-Forwarded-Proto and X-Forwarded-For from one reverse proxy "
                   "in front (TLS ends there): the login cookie is then Secure.")
def serve_command(source_dir, host, port, allow_hosts, read_timeout, max_builds,
                  cache_dir, draft, users_file, behind_proxy):
    """Serve SOURCE_DIR (default: source/): browse, preview, download, upload.

    Every source is built once into the cache; saving a YAML file rebuilds it. Uploads
    live in a temporary folder that is removed when the server stops (Ctrl+C or
    SIGTERM; exit status 0). Limits and allowed hosts: docs/web.md."""
    import atexit

    from pipeline.build import Options
    from pipeline.web import guard, serving
    from pipeline.web.app import create_app

    from pipeline.web.users import UserFileError, load

    if users_file is None and not loopback(host):
        raise click.UsageError(f"serving on {host or 'all addresses'} lets others on the "
                               "network in: give the editors who may log in with --users "
                               "FILE (create it with 'pipeline users add NAME --file FILE'), "
                               "or keep --host 127.0.0.1")
    try:
        users = load(Path(users_file)) if users_file else None
    except UserFileError as exc:
        raise click.ClickException(str(exc)) from None
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = create_app(Path(source_dir), Path(cache_dir) if cache_dir else default_cache(),
                     options=Options(draft=draft),
                     hosts=guard.allowed_hosts(host, allow_hosts), builds=max_builds,
                     users=users, behind_proxy=behind_proxy)
    state = app.extensions["pipeline"]
    atexit.register(state.uploads.close)  # again at exit: after an error, or a late write
    try:
        server = serving.make_server(host, port, app, read_timeout)
    except OSError as exc:
        state.close()
        raise click.ClickException(f"cannot listen on {host}:{port}: "
                                   f"{exc.strerror or exc}; try another --port") from None
    state.catalog.start()
    if host in guard.WILDCARDS and not allow_hosts:
        click.echo(f"note: listening on {host or 'all addresses'}, but only 127.0.0.1, "
                   "localhost and [::1] are answered; add --allow-host NAME for each name or "
                   "address colleagues type (docs/web.md)", err=True)
    if users:
        click.echo(f"logins required: {len(users)} user(s) from {users_file}", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"serving {source_dir} on http://{shown}:{server.server_port}/ "
               "(Ctrl+C stops)", err=True)
    with serving.sigterm_as_interrupt():
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
            state.close()
            click.echo("stopped", err=True)
