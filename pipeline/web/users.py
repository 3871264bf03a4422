"""The user file of ``pipeline serve --users``: one ``name:hash`` line per editor, the
password hashed by werkzeug; and ``pipeline users add NAME`` that writes it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

NAME = re.compile(r"^[\w.@-]{1,64}$")  # letters (Vietnamese too), digits, . _ - @
MIN_PASSWORD = 8


class UserFileError(Exception):
    """The user file cannot be used; the message says where and how to fix it."""


def load(path: Path) -> dict[str, str]:
    """name -> password hash; blank lines and ``#`` comments are skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserFileError(f"{path}: cannot read the user file ({exc}); create it with "
                            "'pipeline users add NAME --file FILE'") from None
    users: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, hashed = line.partition(":")
        if not sep or not NAME.match(name) or "$" not in hashed:
            raise UserFileError(f"{path}:{number}: not a 'name:hash' line; write users with "
                                "'pipeline users add NAME --file FILE', not by hand")
        users[name] = hashed
    if not users:
        raise UserFileError(f"{path}: the user file names no user; add one with "
                            "'pipeline users add NAME --file FILE'")
    return users


def write(path: Path, users: dict[str, str]) -> None:
    from pipeline.atomic import write_bytes

    lines = ["# pipeline serve --users: one editor a line, name:password hash "
             "(werkzeug). Edit with 'pipeline users add NAME'."]
    lines += [f"{name}:{hashed}" for name, hashed in sorted(users.items())]
    write_bytes(Path(path), ("\n".join(lines) + "\n").encode("utf-8"))
    try:
        Path(path).chmod(0o600)
    except OSError:
        pass


@click.group("users")
def users_command():
    """Editors who may log in to 'pipeline serve --users FILE' (docs/web.md)."""


@users_command.command("add")
@click.argument("name")
@click.option("-f", "--file", "path", default="users.txt", show_default=True,
              type=click.Path(dir_okay=False), help="The user file to write.")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input (scripts).")
def add_command(name, path, password_stdin):
    """Add NAME to the user file, or set a new password for NAME."""
    from werkzeug.security import generate_password_hash

    if not NAME.match(name):
        raise click.UsageError("a user name is 1 to 64 letters, digits, '.', '_', '-' or '@' "
                               "(no spaces or ':')")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        click.echo(f"error: the password is shorter than {MIN_PASSWORD} characters; choose a "
                   "longer one", err=True)
        sys.exit(1)
    existing: dict[str, str] = {}
    if Path(path).exists():
        try:
            existing = load(Path(path))
        except UserFileError as exc:
            if "names no user" not in str(exc):
                click.echo(f"error: {exc}", err=True)
                sys.exit(1)
    changed = name in existing
    existing[name] = generate_password_hash(password)
    write(Path(path), existing)
    click.echo(f"{'new password for' if changed else 'added'} {name} in {path}")
