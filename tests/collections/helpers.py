"""Test helpers: a folder of small interview sources and a collection file listing them."""

from __future__ import annotations

from pathlib import Path

from tests.spine.helpers import VALID

PACK = """\
kind: pack
title: Tài liệu Đại hội
publication: Báo Nghệ An
date: 2020-07-10
event: Đại hội đại biểu lần thứ XX
place: TP. Vinh
items:
{items}"""


def interviews(folder: Path, names=("mot", "hai", "ba")) -> list[str]:
    """Valid sources ``NAME.yaml`` in ``folder``, each with its own title; their file names."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(names, 1):
        (folder / f"{name}.yaml").write_text(
            VALID.replace("title: Tiêu đề", f"title: Cuộc trao đổi thứ {n}"), encoding="utf-8")
    return [f"{name}.yaml" for name in names]


def pack_text(items: list[str], **replace: str) -> str:
    text = PACK.replace("{items}", "".join(f"  - {item}\n" for item in items))
    for old, new in replace.items():
        text = text.replace(old, new)
    return text
