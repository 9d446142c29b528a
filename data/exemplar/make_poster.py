"""Make the exemplar's poster (poster.png) deterministically: `python data/exemplar/make_poster.py`.

Pillow's default bitmap font and fixed shapes, so the same bytes come out every time.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
LINES = [
    ("Go paperless with Brightwater", 0),
    ("", 0),
    ("39,100 bills printed every month in 2024.", 1),
    ("Offer paperless at the end of every call:", 1),
    ("1. Read the email address back", 1),
    ("2. Tick the paperless box in the CRM", 1),
    ("3. Tell the customer when the first e-bill arrives", 1),
    ("", 0),
    ("Paper bills stay free for anyone who asks.", 1),
    ("Questions? Ask Sam in the billing team.", 1),
]


def make_poster(target: Path = HERE / "poster.png") -> Path:
    image = Image.new("RGB", (480, 320), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    draw.rectangle((0, 0, 479, 52), fill=(0, 114, 178))  # Okabe-Ito blue
    draw.rectangle((0, 300, 479, 319), fill=(0, 158, 115))  # Okabe-Ito green
    y = 20
    for text, style in LINES:
        colour = (255, 255, 255) if style == 0 and y < 52 else (17, 17, 17)
        draw.text((20, y), text, fill=colour, font=font)
        y += 22 if y > 52 else 40
    image.save(target, format="PNG", optimize=False)
    return target


if __name__ == "__main__":
    print(make_poster())
