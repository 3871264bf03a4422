"""`pipeline preflight`: check PDFs the way a print shop does, one line per finding."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.errors import display_path, printable
from pipeline.preflight_checks import Report, colliding_subsets, preflight_file

SUMMARY = ("boxes", "fonts", "colour", "black", "images", "standard")


def format_report(report: Report, name: str, summary: bool = True) -> list[str]:
    """Findings (`FILE: page N: error: …`), then a count line and an indented summary."""
    lines = []
    for finding in sorted(report.findings, key=lambda f: (f.page or 0, f.severity != "error")):
        where = f"page {finding.page}: " if finding.page else ""
        lines.append(printable(f"{name}: {where}{finding.severity}: {finding.message}"))
    if not summary:
        return lines
    errors, warnings = report.errors, report.warnings
    lines.append(printable(f"{name}: {report.pages} page{'s' * (report.pages != 1)}, "
                 f"{errors} error{'s' * (errors != 1)}, "
                 f"{warnings} warning{'s' * (warnings != 1)}"))
    lines.extend(printable(f"  {key}: {report.facts[key]}") for key in SUMMARY
                 if key in report.facts)
    return lines


@click.command("preflight")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings.")
def preflight_command(files, quiet):
    """Check each PDF FILE: boxes and bleed, fonts, colour, image resolution, ink in the 5 mm
    safety margin, text over text, small text in several inks, reversed text, black that
    knocks out, PDF/A (pikepdf's validator) and PDF/X-4, subset names across the FILEs.

    Exit status 1 if any file has an error, 0 if only warnings or nothing.
    """
    failed = False
    reports = []
    for path in files:
        report = preflight_file(path)
        reports.append(report)
        for line in format_report(report, display_path(path), summary=not quiet):
            click.echo(line)
        failed = failed or report.errors > 0
    for message in colliding_subsets(reports):
        click.echo(printable(f"error: {message}"))
        failed = True
    sys.exit(1 if failed else 0)
