"""Regenerate the samples' stand-in photos (source/images/*.jpg): clearly marked placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "pipeline" / "fonts" / "NotoSans-Bold.ttf"
SIZE = (1500, 1000)  # 3:2, the aspect of a news photo; 300 ppi at 127 mm wide
PALETTE = [(92, 124, 150), (140, 110, 84), (96, 132, 100), (128, 96, 120)]


COVER_SIZE = (2000, 1334)  # 3:2 across a cover with its bleed, over 300 ppi
COVER_INSET = 200  # the frame well inside: the photo bleeds, the frame must not meet the trim


def main() -> None:
    sources = sorted((ROOT / "source").glob("*.yaml"),
                     key=lambda p: (p.name != "bao-nghe-an.yaml", p.name))
    n = 0
    for source in sources:
        text = source.read_text()
        for name in re.findall(r"figure: (images/\S+\.jpg)", text):
            draw_standin(ROOT / "source" / name, n, Path(name).stem)
            n += 1
        for name in re.findall(r"^cover: (images/\S+\.jpg)", text, re.M):
            draw_standin(ROOT / "source" / name, n, Path(name).stem, COVER_SIZE, COVER_INSET)
            n += 1


def draw_standin(path: Path, n: int, label: str, size=SIZE, inset: int = 40) -> None:
    base = PALETTE[n % len(PALETTE)]
    img = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(img)
    w, h = size
    for i in range(0, h, 8):  # a soft vertical gradient, so that it reads as a picture
        shade = tuple(min(255, c + i // 12) for c in base)
        draw.rectangle((0, i, w, i + 8), fill=shade)
    draw.rectangle((inset, inset, w - inset, h - inset), outline=(255, 255, 255), width=6)
    big = ImageFont.truetype(str(FONT), 96)
    small = ImageFont.truetype(str(FONT), 44)
    draw.text((w / 2, h / 2 - 70), "ẢNH THAY THẾ", font=big, fill="white", anchor="mm")
    draw.text((w / 2, h / 2 + 40), "stand-in image, not the real photo", font=small,
              fill="white", anchor="mm")
    draw.text((w / 2, h / 2 + 110), label, font=small, fill="white", anchor="mm")
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=80, optimize=True, dpi=(300, 300))


if __name__ == "__main__":
    main()
