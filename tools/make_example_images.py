#!/usr/bin/env python3
"""Draw the images of the example site (content/ at the repository root).

Everything is drawn with Pillow: interface mock-ups of each fictional
project in its own palette, a flow diagram, design-system sheets, and
illustrated portraits for the profile and the testimonials. The output is
deterministic, so re-running the script only changes files whose drawing
code changed.

    python tools/make_example_images.py            # write all images
    python tools/make_example_images.py helix      # only names containing "helix"
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
S = 2  # supersampling factor: draw at 2x, downsample for smooth edges

FONT_FILES = {
    "regular": ["DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
    "bold": ["DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
    "mono": ["DejaVuSansMono.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"],
}
_font_cache: dict[tuple[str, int], ImageFont.ImageFont] = {}


def font(size: float, weight: str = "regular") -> ImageFont.ImageFont:
    key = (weight, round(size * S))
    if key not in _font_cache:
        for name in FONT_FILES[weight]:
            try:
                _font_cache[key] = ImageFont.truetype(name, key[1])
                break
            except OSError:
                continue
        else:
            _font_cache[key] = ImageFont.load_default(key[1])
    return _font_cache[key]


def rgb(hex_: str, alpha: int = 255) -> tuple[int, int, int, int]:
    hex_ = hex_.lstrip("#")
    return (int(hex_[0:2], 16), int(hex_[2:4], 16), int(hex_[4:6], 16), alpha)


def mix(a: str, b: str, t: float) -> str:
    ca, cb = rgb(a), rgb(b)
    return "#" + "".join(f"{round(ca[i] + (cb[i] - ca[i]) * t):02x}" for i in range(3))


class Art:
    """A canvas in 1x coordinates, drawn at S times the size."""

    def __init__(self, w: int, h: int, bg: str | tuple = "#ffffff"):
        self.w, self.h = w, h
        self.im = Image.new("RGBA", (w * S, h * S), rgb(bg) if isinstance(bg, str) else bg)
        self.d = ImageDraw.Draw(self.im)

    # -- primitives -------------------------------------------------------
    @staticmethod
    def _b(box):
        return [round(v * S) for v in box]

    def gradient(self, top: str, bottom: str, angle: float = 0.0, box=None, r: float = 0):
        """Linear gradient; angle 0 = top to bottom, 90 = left to right."""
        x0, y0, x1, y1 = self._b(box or (0, 0, self.w, self.h))
        w, h = x1 - x0, y1 - y0
        small = Image.new("RGBA", (64, 64))
        px = small.load()
        a = math.radians(angle)
        dx, dy = math.sin(a), math.cos(a)
        ca, cb = rgb(top), rgb(bottom)
        span = abs(dx) + abs(dy)
        for j in range(64):
            for i in range(64):
                u, v = i / 63 - 0.5, j / 63 - 0.5
                t = min(1, max(0, (u * dx + v * dy) / span + 0.5))
                px[i, j] = tuple(round(ca[k] + (cb[k] - ca[k]) * t) for k in range(4))
        mask = None
        if r:
            mask = Image.new("L", (w, h), 0)
            ImageDraw.Draw(mask).rounded_rectangle([0, 0, w - 1, h - 1], radius=r * S, fill=255)
        self.im.paste(small.resize((w, h), Image.BICUBIC), (x0, y0), mask)

    def rect(self, box, r=0, fill=None, outline=None, width=1):
        fill = rgb(fill) if isinstance(fill, str) else fill
        outline = rgb(outline) if isinstance(outline, str) else outline
        self.d.rounded_rectangle(self._b(box), radius=r * S, fill=fill, outline=outline,
                                 width=max(1, round(width * S)) if outline else 0)

    def ellipse(self, box, fill=None, outline=None, width=1):
        fill = rgb(fill) if isinstance(fill, str) else fill
        outline = rgb(outline) if isinstance(outline, str) else outline
        self.d.ellipse(self._b(box), fill=fill, outline=outline,
                       width=max(1, round(width * S)) if outline else 0)

    def circle(self, cx, cy, r, **kw):
        self.ellipse((cx - r, cy - r, cx + r, cy + r), **kw)

    def poly(self, pts, fill):
        self.d.polygon([(x * S, y * S) for x, y in pts], fill=rgb(fill) if isinstance(fill, str) else fill)

    def line(self, pts, fill, width=2):
        self.d.line([(x * S, y * S) for x, y in pts], fill=rgb(fill) if isinstance(fill, str) else fill,
                    width=round(width * S), joint="curve")

    def arc(self, box, start, end, fill, width=2):
        self.d.arc(self._b(box), start, end, fill=rgb(fill) if isinstance(fill, str) else fill,
                   width=round(width * S))

    def text(self, xy, s, size=16, weight="regular", fill="#111111", anchor="la"):
        self.d.text((xy[0] * S, xy[1] * S), s, font=font(size, weight),
                    fill=rgb(fill) if isinstance(fill, str) else fill, anchor=anchor)

    def text_width(self, s, size=16, weight="regular") -> float:
        return self.d.textlength(s, font=font(size, weight)) / S

    def shadow(self, box, r=16, blur=24, offset=(0, 14), alpha=70, color="#000000"):
        """A soft drop shadow under `box`, composited in a padded crop."""
        pad = blur * 3
        x0, y0, x1, y1 = box
        cx0, cy0 = x0 - pad + offset[0], y0 - pad + offset[1]
        layer = Image.new("RGBA", (round((x1 - x0 + 2 * pad) * S), round((y1 - y0 + 2 * pad) * S)), (0, 0, 0, 0))
        ImageDraw.Draw(layer).rounded_rectangle(
            [pad * S, pad * S, (pad + x1 - x0) * S, (pad + y1 - y0) * S], radius=r * S, fill=rgb(color, alpha))
        layer = layer.filter(ImageFilter.GaussianBlur(blur * S / 2))
        self.im.alpha_composite(layer, (round(cx0 * S), round(cy0 * S)))

    def glow(self, cx, cy, radius, color, alpha=90):
        """A large soft circle of light for backgrounds."""
        size = round(radius * 2.6 * S)
        layer = Image.new("RGBA", (size, size), rgb(color, 0))
        ImageDraw.Draw(layer).ellipse([size * 0.2, size * 0.2, size * 0.8, size * 0.8], fill=rgb(color, alpha))
        layer = layer.filter(ImageFilter.GaussianBlur(size / 9))
        self.im.alpha_composite(layer, (round(cx * S - size / 2), round(cy * S - size / 2)))

    def card(self, box, r=14, fill="#ffffff", shadow=True, blur=18, alpha=45, outline=None):
        if shadow:
            self.shadow(box, r=r, blur=blur, alpha=alpha, offset=(0, blur * 0.5))
        self.rect(box, r=r, fill=fill, outline=outline)

    def bars(self, x, y, widths, color, h=9, gap=10):
        """Short rounded bars standing in for secondary lines of text."""
        for i, w in enumerate(widths):
            self.rect((x, y + i * (h + gap), x + w, y + i * (h + gap) + h), r=h / 2, fill=color)

    # -- devices ----------------------------------------------------------
    def phone(self, x, y, w, h, screen="#ffffff", body="#111418", tilt_shadow=True):
        """Draw a phone; returns the screen box for content."""
        r = w * 0.16
        if tilt_shadow:
            self.shadow((x, y, x + w, y + h), r=r, blur=34, offset=(0, 26), alpha=85)
        self.rect((x, y, x + w, y + h), r=r, fill=body)
        b = w * 0.035
        sx0, sy0, sx1, sy1 = x + b, y + b, x + w - b, y + h - b
        self.rect((sx0, sy0, sx1, sy1), r=r - b, fill=screen)
        # camera island
        iw = w * 0.28
        self.rect((x + w / 2 - iw / 2, sy0 + b * 0.9, x + w / 2 + iw / 2, sy0 + b * 0.9 + w * 0.075),
                  r=w * 0.04, fill=body)
        return (sx0, sy0, sx1, sy1)

    def browser(self, x, y, w, h, screen="#ffffff", chrome="#eef0f3", url=""):
        self.shadow((x, y, x + w, y + h), r=14, blur=40, offset=(0, 30), alpha=80)
        self.rect((x, y, x + w, y + h), r=14, fill=chrome)
        for i, c in enumerate(("#ff5f57", "#febc2e", "#28c840")):
            self.circle(x + 22 + i * 20, y + 20, 6, fill=c)
        if url:
            uw = min(420, w * 0.45)
            self.rect((x + w / 2 - uw / 2, y + 9, x + w / 2 + uw / 2, y + 31), r=11, fill="#ffffff")
            self.text((x + w / 2, y + 20), url, size=12, fill="#5b6270", anchor="mm")
        self.rect((x, y + 40, x + w, y + h), r=14, fill=screen)
        self.rect((x, y + 40, x + w, y + h - 20), r=0, fill=screen)
        return (x, y + 40, x + w, y + h)

    def save(self, rel: str, quality: int = 85):
        out = CONTENT / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        img = self.im.resize((self.w, self.h), Image.LANCZOS)
        if out.suffix.lower() in (".jpg", ".jpeg"):
            img.convert("RGB").save(out, "JPEG", quality=quality, optimize=True, progressive=True,
                                    subsampling="4:4:4" if quality >= 90 else "4:2:0")
        else:
            img = img.convert("RGB")
            # flat graphics: a 256-colour palette keeps PNGs small without visible banding
            img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
                out, "PNG", optimize=True)
        print(f"{out.relative_to(ROOT)}  {out.stat().st_size // 1024} KB")


def check_icon(a: Art, cx, cy, r, bg, fg="#ffffff"):
    a.circle(cx, cy, r, fill=bg)
    a.line([(cx - r * 0.42, cy + r * 0.02), (cx - r * 0.1, cy + r * 0.34), (cx + r * 0.45, cy - r * 0.3)], fg, width=r * 0.2)


def chart_line(a: Art, box, values, color, width=3, fill_alpha=40, dots=False):
    x0, y0, x1, y1 = box
    lo, hi = min(values), max(values)
    pts = [(x0 + (x1 - x0) * i / (len(values) - 1), y1 - (y1 - y0) * (v - lo) / ((hi - lo) or 1))
           for i, v in enumerate(values)]
    if fill_alpha:
        a.poly(pts + [(x1, y1), (x0, y1)], rgb(color, fill_alpha))
    a.line(pts, color, width=width)
    if dots:
        for x, y in pts:
            a.circle(x, y, width * 1.6, fill="#ffffff", outline=color, width=width * 0.8)
    return pts


# ============================================================ Ledgerly (fintech, green)
LG = {"bg0": "#0a3a33", "bg1": "#17705f", "lime": "#c8f26d", "ink": "#10231f", "muted": "#6b7c77",
      "line": "#e3ebe8", "soft": "#f3f7f5", "green": "#1f8a5b"}


def ledgerly_pay_screen(a: Art, box, state="summary"):
    x0, y0, x1, y1 = box
    w = x1 - x0
    p = w * 0.075
    f = w / 360  # type scale relative to a 360px-wide phone
    y = y0 + 62 * f
    a.circle(x0 + p + 22 * f, y + 22 * f, 22 * f, fill="#f2c6a8")
    a.text((x0 + p + 22 * f, y + 22 * f), "AC", 15 * f, "bold", "#7a3e1d", "mm")
    a.text((x0 + p + 56 * f, y + 6 * f), "Ana Costa Photography", 15 * f, "bold", LG["ink"])
    a.text((x0 + p + 56 * f, y + 26 * f), "Invoice #2041 · due 14 March", 12 * f, "regular", LG["muted"])
    y += 70 * f
    if state == "done":
        check_icon(a, (x0 + x1) / 2, y + 70 * f, 40 * f, LG["green"])
        a.text(((x0 + x1) / 2, y + 140 * f), "Paid", 26 * f, "bold", LG["ink"], "mm")
        a.text(((x0 + x1) / 2, y + 172 * f), "€1,240.00 to Ana Costa", 13 * f, "regular", LG["muted"], "mm")
        a.text(((x0 + x1) / 2, y + 192 * f), "via MB WAY · 12 March, 10:42", 13 * f, "regular", LG["muted"], "mm")
        a.rect((x0 + p, y + 230 * f, x1 - p, y + 330 * f), r=12 * f, fill=LG["soft"])
        for i, (label, val) in enumerate((("Sent", "3 Mar"), ("Opened", "11 Mar"), ("Paid", "12 Mar"))):
            yy = y + 252 * f + i * 26 * f
            a.circle(x0 + p + 20 * f, yy + 6 * f, 5 * f, fill=LG["green"])
            a.text((x0 + p + 34 * f, yy), label, 12 * f, "regular", LG["ink"])
            a.text((x1 - p - 16 * f, yy), val, 12 * f, "regular", LG["muted"], "ra")
        a.rect((x0 + p, y1 - 96 * f, x1 - p, y1 - 48 * f), r=24 * f, fill=None, outline=LG["ink"], width=1.5 * f)
        a.text(((x0 + x1) / 2, y1 - 72 * f), "Download receipt", 14 * f, "bold", LG["ink"], "mm")
        return
    a.rect((x0 + p, y, x1 - p, y + 150 * f), r=12 * f, fill=LG["soft"])
    items = (("Brand shoot, half day", "€850.00"), ("Retouching, 24 images", "€240.00"), ("Usage licence, web", "€150.00"))
    for i, (label, val) in enumerate(items):
        yy = y + 18 * f + i * 30 * f
        a.text((x0 + p + 14 * f, yy), label, 12.5 * f, "regular", LG["ink"])
        a.text((x1 - p - 14 * f, yy), val, 12.5 * f, "regular", LG["ink"], "ra")
    a.line([(x0 + p + 14 * f, y + 110 * f), (x1 - p - 14 * f, y + 110 * f)], LG["line"], 1.2 * f)
    a.text((x0 + p + 14 * f, y + 122 * f), "Total", 13 * f, "bold", LG["ink"])
    a.text((x1 - p - 14 * f, y + 120 * f), "€1,240.00", 16 * f, "bold", LG["ink"], "ra")
    y += 176 * f
    a.text((x0 + p, y), "Pay with", 12 * f, "bold", LG["muted"])
    y += 24 * f
    methods = ("MB WAY", "Multibanco", "Card", "SEPA transfer")
    for i, m in enumerate(methods):
        yy = y + i * 50 * f
        sel = (i == 0) if state == "summary" else (i == 0)
        a.rect((x0 + p, yy, x1 - p, yy + 42 * f), r=10 * f, fill="#ffffff",
               outline=LG["green"] if sel else LG["line"], width=(2 if sel else 1.2) * f)
        a.circle(x0 + p + 22 * f, yy + 21 * f, 8 * f, fill=None, outline=LG["green"] if sel else "#b7c4bf", width=2 * f)
        if sel:
            a.circle(x0 + p + 22 * f, yy + 21 * f, 4 * f, fill=LG["green"])
        a.text((x0 + p + 40 * f, yy + 21 * f), m, 13 * f, "bold" if sel else "regular", LG["ink"], "lm")
        if state == "method" and sel:
            pass
    y += len(methods) * 50 * f + 6 * f
    if state == "method":
        a.text((x0 + p, y), "Phone number", 12 * f, "regular", LG["muted"])
        a.rect((x0 + p, y + 18 * f, x1 - p, y + 58 * f), r=10 * f, fill="#ffffff", outline=LG["ink"], width=1.5 * f)
        a.text((x0 + p + 14 * f, y + 38 * f), "+351 912 345 678", 14 * f, "regular", LG["ink"], "lm")
    a.rect((x0 + p, y1 - 104 * f, x1 - p, y1 - 56 * f), r=24 * f, fill=LG["ink"])
    a.text(((x0 + x1) / 2, y1 - 80 * f), "Review and pay €1,240.00", 14 * f, "bold", "#ffffff", "mm")
    a.text(((x0 + x1) / 2, y1 - 32 * f), "Secured by Ledgerly", 11 * f, "regular", LG["muted"], "mm")


def ledgerly_dashboard(a: Art, box):
    x0, y0, x1, y1 = box
    a.rect((x0, y0, x0 + 190, y1), r=14, fill="#f4f7f6")
    a.rect((x0, y0, x0 + 190, y1 - 20), fill="#f4f7f6")
    a.rect((x0 + 24, y0 + 24, x0 + 46, y0 + 46), r=6, fill=LG["green"])
    a.text((x0 + 56, y0 + 35), "Ledgerly", 16, "bold", LG["ink"], "lm")
    for i, label in enumerate(("Overview", "Invoices", "Clients", "Payouts", "Settings")):
        yy = y0 + 84 + i * 40
        if i == 1:
            a.rect((x0 + 14, yy - 14, x0 + 176, yy + 14), r=8, fill="#e2efe9")
        a.text((x0 + 30, yy), label, 13, "bold" if i == 1 else "regular", LG["ink"] if i == 1 else LG["muted"], "lm")
    cx = x0 + 226
    a.text((cx, y0 + 30), "Invoices", 22, "bold", LG["ink"])
    stats = (("Paid this month", "€18,420"), ("Outstanding", "€6,310"), ("Avg. days to pay", "4.2"))
    for i, (label, val) in enumerate(stats):
        bx = cx + i * 205
        a.rect((bx, y0 + 78, bx + 190, y0 + 160), r=12, fill="#ffffff", outline=LG["line"])
        a.text((bx + 16, y0 + 94), label, 12, "regular", LG["muted"])
        a.text((bx + 16, y0 + 116), val, 24, "bold", LG["ink"])
    rows = (("#2041", "Ana Costa Photography", "€1,240.00", "Paid"), ("#2040", "Estúdio Marés", "€3,600.00", "Paid"),
            ("#2039", "Rui Almeida Arquitetos", "€980.00", "Due"), ("#2038", "Café Tabuleiro", "€415.50", "Paid"),
            ("#2037", "Lumen Yoga Lisboa", "€720.00", "Overdue"))
    ty = y0 + 190
    for i, (num, name, amt, status) in enumerate(rows):
        yy = ty + i * 52
        a.line([(cx, yy + 42), (x1 - 30, yy + 42)], LG["line"], 1)
        a.text((cx, yy + 20), num, 13, "regular", LG["muted"], "lm")
        a.text((cx + 70, yy + 20), name, 13, "regular", LG["ink"], "lm")
        a.text((cx + 420, yy + 20), amt, 13, "bold", LG["ink"], "rm")
        col = {"Paid": ("#dcf3e6", "#17663f"), "Due": ("#fdf0d2", "#8a5a00"), "Overdue": ("#fde0dc", "#a3261b")}[status]
        tw = a.text_width(status, 12, "bold") + 22
        a.rect((cx + 470, yy + 8, cx + 470 + tw, yy + 32), r=12, fill=col[0])
        a.text((cx + 470 + tw / 2, yy + 20), status, 12, "bold", col[1], "mm")


def ledgerly_cover():
    a = Art(1600, 1000)
    a.gradient(LG["bg0"], LG["bg1"], angle=60)
    a.glow(1250, 200, 420, LG["lime"], 60)
    a.glow(200, 950, 380, "#3fb58f", 70)
    scr = a.browser(110, 190, 980, 660, url="app.ledgerly.example/invoices")
    ledgerly_dashboard(a, scr)
    scr = a.phone(1040, 90, 400, 820)
    ledgerly_pay_screen(a, scr)
    a.save("case-studies/ledgerly-checkout/cover.jpg")


def ledgerly_steps():
    a = Art(1600, 1000)
    a.gradient("#eef6f2", "#dcebe4", angle=0)
    a.glow(800, 500, 520, "#ffffff", 160)
    for i, state in enumerate(("summary", "method", "done")):
        x = 170 + i * 450
        scr = a.phone(x, 110, 360, 760, tilt_shadow=True)
        ledgerly_pay_screen(a, scr, state)
        a.circle(x + 180, 930, 20, fill=LG["ink"])
        a.text((x + 180, 930), str(i + 1), 16, "bold", "#ffffff", "mm")
    a.save("case-studies/ledgerly-checkout/checkout-steps.jpg")


def ledgerly_receipt():
    a = Art(1600, 1000)
    a.gradient(LG["bg1"], LG["bg0"], angle=120)
    a.glow(300, 150, 400, LG["lime"], 50)
    x0, y0, x1, y1 = a.browser(160, 110, 1280, 800, screen="#f4f7f6", url="pay.ledgerly.example/r/2041")
    cx = (x0 + x1) / 2
    a.card((cx - 330, y0 + 40, cx + 330, y1 - 30), r=18, alpha=25)
    check_icon(a, cx, y0 + 110, 40, LG["green"])
    a.text((cx, y0 + 185), "Payment received", 26, "bold", LG["ink"], "mm")
    a.text((cx, y0 + 232), "€1,240.00", 44, "bold", LG["ink"], "mm")
    a.text((cx, y0 + 276), "paid to Ana Costa Photography · Invoice #2041", 14, "regular", LG["muted"], "mm")
    ty = y0 + 315
    a.line([(cx - 280, ty), (cx + 280, ty)], LG["line"], 1.2)
    rows = (("Paid by", "Estúdio Norte, Lda"), ("Method", "MB WAY ···· 678"), ("Date", "12 March 2026, 10:42"),
            ("Reference", "LDG-8F3K-2041"))
    for i, (k, v) in enumerate(rows):
        yy = ty + 30 + i * 34
        a.text((cx - 280, yy), k, 14, "regular", LG["muted"], "lm")
        a.text((cx + 280, yy), v, 14, "bold", LG["ink"], "rm")
    ty += 170
    a.text((cx - 280, ty), "Timeline", 13, "bold", LG["muted"], "lm")
    steps = (("Sent", "3 Mar"), ("Opened", "11 Mar"), ("Paid", "12 Mar"))
    for i, (k, v) in enumerate(steps):
        sx = cx - 240 + i * 240
        if i < 2:
            a.line([(sx, ty + 40), (sx + 240, ty + 40)], LG["green"], 3)
        a.circle(sx, ty + 40, 9, fill=LG["green"])
        a.text((sx, ty + 66), k, 13, "bold", LG["ink"], "mm")
        a.text((sx, ty + 86), v, 12, "regular", LG["muted"], "mm")
    a.rect((cx - 280, y1 - 100, cx - 10, y1 - 54), r=23, fill=LG["ink"])
    a.text((cx - 145, y1 - 77), "Download PDF", 14, "bold", "#ffffff", "mm")
    a.rect((cx + 10, y1 - 100, cx + 280, y1 - 54), r=23, fill=None, outline=LG["ink"], width=1.5)
    a.text((cx + 145, y1 - 77), "Forward to accountant", 14, "bold", LG["ink"], "mm")
    a.save("case-studies/ledgerly-checkout/receipt.jpg")


def dashes(a: Art, p0, p1, color, width=2, dash=16):
    (x0, y0), (x1, y1) = p0, p1
    n = max(1, int(math.hypot(x1 - x0, y1 - y0) // dash))
    for i in range(n):
        t0, t1 = i / n, (i + 0.55) / n
        a.line([(x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0), (x0 + (x1 - x0) * t1, y0 + (y1 - y0) * t1)], color, width)


def arrow(a: Art, p0, p1, color, width=3, head=12, dashed=False):
    (x0, y0), (x1, y1) = p0, p1
    ang = math.atan2(y1 - y0, x1 - x0)
    end = (x1 - math.cos(ang) * head * 0.8, y1 - math.sin(ang) * head * 0.8)
    if dashed:
        n = max(1, int(math.hypot(end[0] - x0, end[1] - y0) // 16))
        for i in range(n):
            t0, t1 = i / n, (i + 0.55) / n
            a.line([(x0 + (end[0] - x0) * t0, y0 + (end[1] - y0) * t0),
                    (x0 + (end[0] - x0) * t1, y0 + (end[1] - y0) * t1)], color, width)
    else:
        a.line([p0, end], color, width)
    a.poly([(x1, y1), (x1 - math.cos(ang - 0.45) * head * 1.4, y1 - math.sin(ang - 0.45) * head * 1.4),
            (x1 - math.cos(ang + 0.45) * head * 1.4, y1 - math.sin(ang + 0.45) * head * 1.4)], color)


def ledgerly_flow():
    a = Art(1600, 900, "#f6f8f7")
    ink, muted = LG["ink"], LG["muted"]

    def node(cx, cy, title, sub, w=250, h=96, fill="#ffffff", edge=LG["line"], tc=ink, num=None):
        a.card((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), r=16, fill=fill, blur=14, alpha=22, outline=edge)
        a.text((cx, cy - 14), title, 19, "bold", tc, "mm")
        a.text((cx, cy + 16), sub, 13.5, "regular", muted if fill == "#ffffff" else tc, "mm")
        if num:
            a.circle(cx - w / 2 + 4, cy - h / 2 + 4, 17, fill=LG["green"])
            a.text((cx - w / 2 + 4, cy - h / 2 + 4), num, 14, "bold", "#ffffff", "mm")

    a.text((80, 70), "Payment page flow", 30, "bold", ink)
    a.text((80, 112), "The invoice comes first, the payment second. A failed attempt never loses the amount.",
           16, "regular", muted)
    ys = 330
    node(200, ys, "Invoice link", "from email or WhatsApp", num="1")
    node(530, ys, "Invoice summary", "sender, number, line items", num="2")
    node(860, ys, "Choose method", "ordered by country", num="3")
    node(1190, ys, "Review and pay", "amount shown once more", num="4")
    node(1190, 640, "Receipt", "PDF · forward to accountant", fill=LG["ink"], edge=LG["ink"], tc="#ffffff", num="6")
    for x0, x1 in ((325, 405), (655, 735), (985, 1065)):
        arrow(a, (x0, ys), (x1, ys), LG["green"])
    # confirm in bank app
    node(1450, 485, "Confirm", "in bank or wallet app", w=210, num="5")
    arrow(a, (1315, ys + 20), (1420, 437), LG["green"])
    arrow(a, (1420, 533), (1315, 620), LG["green"])
    # methods fan-out
    for i, m in enumerate(("MB WAY", "Multibanco", "Card", "SEPA")):
        mx = 700 + i * 107
        a.rect((mx - 48, 420, mx + 48, 452), r=16, fill="#e2efe9")
        a.text((mx, 436), m, 12.5, "bold", LG["green"], "mm")
    a.line([(860, ys + 48), (860, 420)], "#9fc9b6", 2)
    # failure path
    arrow(a, (1450, 533), (1450, 760), "#c0392b", width=2.5, dashed=True)
    a.text((1450, 790), "Declined or timed out", 14, "bold", "#a3261b", "mm")
    a.text((1450, 812), "back to step 3, amount kept", 13, "regular", muted, "mm")
    dashes(a, (1335, 800), (860, 800), "#c0392b", 2.5)
    arrow(a, (860, 800), (860, 470), "#c0392b", width=2.5, dashed=True)
    a.save("case-studies/ledgerly-checkout/flow.png")


# ============================================================ PulseCare (health, blue design system)
PC = {"bg0": "#0b1f4d", "bg1": "#1d3f8f", "accent": "#1d4ed8", "accent2": "#8fb3ff", "ink": "#14213d",
      "muted": "#5a6478", "line": "#e3e8f2", "soft": "#f3f6fc", "urgent": "#b42318", "pending": "#8a4b00",
      "done": "#1a7f37"}


def chip(a: Art, x, y, label, fg, bg, size=12, icon=None):
    w = a.text_width(label, size, "bold") + (38 if icon else 22)
    a.rect((x, y, x + w, y + size * 2.1), r=size * 1.05, fill=bg)
    tx = x + 11
    if icon == "dot":
        a.circle(x + 15, y + size * 1.05, size * 0.35, fill=fg)
        tx = x + 26
    elif icon == "check":
        check_icon(a, x + 16, y + size * 1.05, size * 0.55, fg)
        tx = x + 28
    elif icon == "alert":
        a.poly([(x + 15, y + size * 0.45), (x + 15 + size * 0.55, y + size * 1.6), (x + 15 - size * 0.55, y + size * 1.6)], fg)
        tx = x + 28
    a.text((tx, y + size * 1.05), label, size, "bold", fg, "lm")
    return w


def appointment_card(a: Art, box, name="Dr Sara Nunes", when="Today, 14:30", status="Starts in 5 min",
                     initials="SN", tone="done"):
    x0, y0, x1, y1 = box
    a.card(box, r=18, alpha=35)
    a.circle(x0 + 44, y0 + 46, 24, fill="#dbe6ff")
    a.text((x0 + 44, y0 + 46), initials, 15, "bold", PC["accent"], "mm")
    a.text((x0 + 82, y0 + 34), name, 16, "bold", PC["ink"], "lm")
    a.text((x0 + 82, y0 + 58), "Video appointment · GP", 13, "regular", PC["muted"], "lm")
    a.text((x0 + 20, y0 + 104), when, 22, "bold", PC["ink"], "lm")
    colors = {"done": (PC["done"], "#dff3e4", "check"), "pending": (PC["pending"], "#fdf0d8", "alert"),
              "urgent": (PC["urgent"], "#fde4e1", "alert")}[tone]
    chip(a, x0 + 20, y0 + 128, status, colors[0], colors[1], 12, colors[2])
    if y1 - y0 > 250:
        a.line([(x0 + 20, y0 + 176), (x1 - 20, y0 + 176)], PC["line"], 1)
        a.text((x0 + 20, y0 + 198), "Before your call", 12, "bold", PC["muted"], "lm")
        a.text((x0 + 20, y0 + 220), "Have your medication list ready", 13, "regular", PC["ink"], "lm")
    a.rect((x0 + 20, y1 - 64, x1 - 20, y1 - 20), r=22, fill=PC["accent"])
    a.text(((x0 + x1) / 2, y1 - 42), "Join video call", 14, "bold", "#ffffff", "mm")


def button(a: Art, x, y, label, kind="primary", w=None, size=14, state=None):
    w = w or a.text_width(label, size, "bold") + 44
    h = size * 3.1
    if state == "focus":
        a.rect((x - 4, y - 4, x + w + 4, y + h + 4), r=h / 2 + 4, fill=None, outline="#f59e0b", width=3)
    if kind == "primary":
        fill = "#1e40af" if state == "hover" else ("#9aa7c7" if state == "disabled" else PC["accent"])
        a.rect((x, y, x + w, y + h), r=h / 2, fill=fill)
        a.text((x + w / 2, y + h / 2), label, size, "bold", "#ffffff", "mm")
    else:
        a.rect((x, y, x + w, y + h), r=h / 2, fill="#ffffff", outline=PC["accent"], width=1.6)
        a.text((x + w / 2, y + h / 2), label, size, "bold", PC["accent"], "mm")
    return w


def medication_card(a: Art, box):
    x0, y0, x1, y1 = box
    a.card(box, r=18, alpha=35)
    a.rect((x0 + 20, y0 + 22, x0 + 64, y0 + 66), r=12, fill="#e8f6ee")
    a.rect((x0 + 30, y0 + 38, x0 + 54, y0 + 50), r=6, fill=PC["done"])
    a.text((x0 + 80, y0 + 32), "Metformin 500 mg", 16, "bold", PC["ink"], "lm")
    a.text((x0 + 80, y0 + 56), "1 tablet with dinner", 13, "regular", PC["muted"], "lm")
    for i, d in enumerate("MTWTFSS"):
        cx = x0 + 36 + i * ((x1 - x0 - 72) / 6)
        done = i < 4
        a.circle(cx, y0 + 108, 15, fill=PC["done"] if done else PC["soft"],
                 outline=None if done else PC["line"], width=1.5)
        a.text((cx, y0 + 108), d, 11, "bold", "#ffffff" if done else PC["muted"], "mm")


def pulsecare_cover():
    a = Art(1600, 1000)
    a.gradient(PC["bg0"], PC["bg1"], angle=50)
    a.glow(1350, 120, 420, "#3b82f6", 90)
    a.glow(250, 900, 380, "#60a5fa", 60)
    # colour palette strip
    a.card((120, 130, 560, 410), r=20, alpha=60)
    a.text((150, 168), "Colour", 18, "bold", PC["ink"], "lm")
    a.text((530, 168), "AA ✓", 13, "bold", PC["done"], "rm")
    sw = (("#1d4ed8", "accent"), ("#14213d", "fg"), ("#b42318", "urgent"), ("#8a4b00", "pending"), ("#1a7f37", "done"))
    for i, (c, n) in enumerate(sw):
        x = 150 + i * 78
        a.rect((x, 200, x + 64, 290), r=12, fill=c)
        a.text((x + 32, 310), n, 12, "regular", PC["muted"], "mm")
        a.text((x + 32, 332), c, 11, "regular", "#8a93a6", "mm")
    a.text((150, 376), "Aa", 30, "bold", PC["ink"], "lm")
    a.text((210, 380), "17 / 1.5  ·  body", 13, "regular", PC["muted"], "lm")
    # buttons sheet
    a.card((120, 450, 560, 860), r=20, alpha=60)
    a.text((150, 488), "Buttons", 18, "bold", PC["ink"], "lm")
    button(a, 150, 520, "Book appointment", w=260)
    button(a, 150, 590, "Book appointment", w=260, state="hover")
    button(a, 150, 660, "Book appointment", w=260, state="focus")
    button(a, 150, 730, "Book appointment", w=260, state="disabled")
    for i, t in enumerate(("default", "hover", "focus", "disabled")):
        a.text((430, 542 + i * 70), t, 12, "regular", PC["muted"], "lm")
    appointment_card(a, (640, 170, 1040, 480))
    medication_card(a, (640, 530, 1040, 680))
    # phone with the system in use
    scr = a.phone(1110, 110, 380, 800, screen=PC["soft"])
    x0, y0, x1, y1 = scr
    a.text((x0 + 24, y0 + 80), "Good morning, Rui", 20, "bold", PC["ink"], "lm")
    a.text((x0 + 24, y0 + 106), "Tuesday 14 October", 13, "regular", PC["muted"], "lm")
    appointment_card(a, (x0 + 16, y0 + 136, x1 - 16, y0 + 420), name="Dr Sara Nunes", initials="SN")
    medication_card(a, (x0 + 16, y0 + 440, x1 - 16, y0 + 580))
    a.card((x0 + 16, y0 + 600, x1 - 16, y0 + 700), r=18, alpha=35)
    a.text((x0 + 36, y0 + 630), "Blood pressure", 14, "bold", PC["ink"], "lm")
    a.text((x1 - 36, y0 + 630), "128/82", 14, "bold", PC["ink"], "rm")
    chart_line(a, (x0 + 36, y0 + 650, x1 - 36, y0 + 686), [136, 134, 135, 131, 130, 129, 128], PC["accent"], 2.5)
    # tab bar
    a.rect((x0, y1 - 70, x1, y1), r=0, fill="#ffffff")
    a.rect((x0, y1 - 40, x1, y1), r=40, fill="#ffffff")
    for i, (t, on) in enumerate((("Home", True), ("Care", False), ("Messages", False), ("Me", False))):
        cx = x0 + (x1 - x0) * (i + 0.5) / 4
        a.circle(cx, y1 - 50, 8, fill=PC["accent"] if on else "#c3cbe0")
        a.text((cx, y1 - 28), t, 11, "bold" if on else "regular", PC["accent"] if on else PC["muted"], "mm")
    a.save("case-studies/pulsecare-design-system/cover.jpg")


def pulsecare_components():
    a = Art(1600, 1000, "#eef2f9")
    a.text((80, 74), "Pulse components", 30, "bold", PC["ink"], "lm")
    a.text((80, 112), "38 components · every state drawn · tested at 200% text size", 15, "regular", PC["muted"], "lm")
    # buttons
    a.card((80, 160, 560, 520), r=20, alpha=20)
    a.text((110, 200), "Button", 17, "bold", PC["ink"], "lm")
    for i, (k, st) in enumerate((("primary", None), ("primary", "hover"), ("primary", "focus"), ("primary", "disabled"),
                                 ("secondary", None))):
        button(a, 110, 234 + i * 54, "Confirm booking", k, w=230, size=13, state=st)
        a.text((370, 254 + i * 54), st or ("default" if k == "primary" else "secondary"), 12, "regular", PC["muted"], "lm")
    # form fields
    a.card((600, 160, 1080, 520), r=20, alpha=20)
    a.text((630, 200), "Text field", 17, "bold", PC["ink"], "lm")
    a.text((630, 238), "Date of birth", 13, "bold", PC["ink"], "lm")
    a.rect((630, 254, 1050, 302), r=10, fill="#ffffff", outline="#8a93a6", width=1.5)
    a.text((646, 278), "14 / 03 / 1958", 15, "regular", PC["ink"], "lm")
    a.text((630, 334), "NHS number", 13, "bold", PC["ink"], "lm")
    a.rect((630, 350, 1050, 398), r=10, fill="#ffffff", outline=PC["urgent"], width=2)
    a.text((646, 374), "485 777 34", 15, "regular", PC["ink"], "lm")
    a.poly([(640, 418), (648, 432), (632, 432)], PC["urgent"])
    a.text((656, 425), "Enter all 10 digits — it's on your prescription or letter", 12.5, "regular", PC["urgent"], "lm")
    a.text((630, 470), "Errors say what to do, in a sentence, never just red.", 12.5, "regular", PC["muted"], "lm")
    # chips
    a.card((1120, 160, 1520, 520), r=20, alpha=20)
    a.text((1150, 200), "Status", 17, "bold", PC["ink"], "lm")
    chip(a, 1150, 236, "Confirmed", PC["done"], "#dff3e4", 13, "check")
    chip(a, 1150, 290, "Awaiting results", PC["pending"], "#fdf0d8", 13, "alert")
    chip(a, 1150, 344, "Call your GP today", PC["urgent"], "#fde4e1", 13, "alert")
    chip(a, 1150, 398, "Video visit", PC["accent"], "#e1e9ff", 13, "dot")
    a.text((1150, 470), "Colour + icon + word, always.", 12.5, "regular", PC["muted"], "lm")
    # cards
    appointment_card(a, (80, 570, 480, 880), tone="pending", status="Running 10 min late", when="Today, 14:40")
    medication_card(a, (520, 570, 920, 720))
    a.card((520, 750, 920, 880), r=18, alpha=35)
    a.text((544, 782), "Heart rate · 7 days", 14, "bold", PC["ink"], "lm")
    a.text((896, 782), "64 bpm", 14, "bold", PC["ink"], "rm")
    chart_line(a, (544, 806, 896, 860), [70, 68, 72, 66, 65, 67, 64], "#e11d48", 2.5, dots=True)
    # list rows
    a.card((960, 570, 1520, 880), r=18, alpha=35)
    a.text((990, 606), "Clinician queue", 15, "bold", PC["ink"], "lm")
    rows = (("Maria Lopes", "Chest pain, 2 days", "urgent", "Urgent"), ("David Hart", "Repeat prescription", "done", "Routine"),
            ("Inês Rocha", "Blood test review", "pending", "Today"), ("Tom Walsh", "Rash on forearm", "done", "Routine"))
    for i, (n, r, tone, lab) in enumerate(rows):
        y = 640 + i * 58
        a.line([(990, y + 44), (1490, y + 44)], PC["line"], 1)
        a.text((990, y + 12), n, 14, "bold", PC["ink"], "lm")
        a.text((990, y + 32), r, 12, "regular", PC["muted"], "lm")
        col = {"urgent": (PC["urgent"], "#fde4e1", "alert"), "done": (PC["done"], "#dff3e4", "check"),
               "pending": (PC["pending"], "#fdf0d8", "alert")}[tone]
        w = a.text_width(lab, 12, "bold") + 38
        chip(a, 1490 - w, y + 8, lab, col[0], col[1], 12, col[2])
    a.save("case-studies/pulsecare-design-system/components.png")


def contrast(c1: str, c2: str) -> float:
    def lum(c):
        r, g, b, _ = rgb(c)
        ch = [(v / 255) / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in (r, g, b)]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
    l1, l2 = sorted((lum(c1), lum(c2)), reverse=True)
    return (l1 + 0.05) / (l2 + 0.05)


def pulsecare_tokens():
    a = Art(1600, 1000, "#eef2f9")
    a.text((80, 74), "Colour tokens", 30, "bold", PC["ink"], "lm")
    a.text((80, 112), "Each pair is checked before it gets a name: a token that fails WCAG 2.2 AA does not exist.",
           15, "regular", PC["muted"], "lm")
    tokens = (("fg", "#14213d", "#e8edf6"), ("muted", "#5a6478", "#a9b3c7"), ("accent", "#1d4ed8", "#8fb3ff"),
              ("urgent", "#b42318", "#ff8a80"), ("pending", "#8a4b00", "#ffc46b"), ("done", "#1a7f37", "#6fdd8b"))
    for col, (theme, bg) in enumerate((("Light", "#ffffff"), ("Dark", "#0b1320"))):
        x0 = 80 + col * 740
        a.card((x0, 160, x0 + 700, 920), r=22, fill=bg, alpha=30)
        fg = "#14213d" if col == 0 else "#e8edf6"
        a.text((x0 + 36, 206), f"{theme} theme", 18, "bold", fg, "lm")
        a.text((x0 + 664, 206), f"bg {bg}", 13, "regular", "#8a93a6", "rm")
        for i, (name, light, dark) in enumerate(tokens):
            c = light if col == 0 else dark
            y = 250 + i * 108
            a.rect((x0 + 36, y, x0 + 156, y + 84), r=14, fill=c)
            a.text((x0 + 184, y + 22), f"color.{name}", 16, "bold", fg, "lm")
            a.text((x0 + 184, y + 50), c, 14, "regular", "#8a93a6", "lm")
            a.text((x0 + 184, y + 72), "Your appointment is confirmed", 13, "regular", c, "lm")
            ratio = contrast(c, bg)
            a.text((x0 + 664, y + 30), f"{ratio:.1f}:1", 22, "bold", fg, "rm")
            chip(a, x0 + 664 - a.text_width("AA", 12, "bold") - 38, y + 52, "AA", "#1a7f37" if col == 0 else "#6fdd8b",
                 "#dff3e4" if col == 0 else "#12301d", 12, "check")
    a.save("case-studies/pulsecare-design-system/tokens.png")


# ============================================================ Brightbank (fintech, coral onboarding)
BB = {"bg0": "#ff7a59", "bg1": "#ffc2a8", "ink": "#1b1f3b", "muted": "#6b6f86", "accent": "#2b2f77",
      "soft": "#f5f5fa", "ok": "#1a7f37", "line": "#e6e6ef"}


def bb_steps(a: Art, x0, y0, x1, active):
    names = ("You", "Your ID", "Your money", "Your card")
    w = (x1 - x0) / 4
    for i, n in enumerate(names):
        xx = x0 + i * w
        a.rect((xx + 2, y0, xx + w - 4, y0 + 5), r=3, fill=BB["accent"] if i <= active else BB["line"])
        a.text((xx + 2, y0 + 20), n, 10, "bold" if i == active else "regular",
               BB["ink"] if i == active else BB["muted"], "lm")


def brightbank_cover():
    a = Art(1600, 1000)
    a.gradient(BB["bg0"], BB["bg1"], angle=135)
    a.glow(800, 520, 560, "#ffffff", 70)
    a.glow(150, 120, 300, "#ffd6c2", 120)
    phones = ((150, 170), (610, 100), (1070, 170))
    for k, (px, py) in enumerate(phones):
        x0, y0, x1, y1 = a.phone(px, py, 380, 790, body=BB["ink"])
        p = 26
        bb_steps(a, x0 + p, y0 + 66, x1 - p, 1 if k < 2 else 3)
        if k == 0:
            a.text((x0 + p, y0 + 128), "Scan your ID card", 20, "bold", BB["ink"], "lm")
            a.text((x0 + p, y0 + 156), "The law requires banks to know", 12.5, "regular", BB["muted"], "lm")
            a.text((x0 + p, y0 + 174), "who their customers are.", 12.5, "regular", BB["muted"], "lm")
            a.rect((x0 + p, y0 + 206, x1 - p, y0 + 520), r=18, fill="#2a2d45")
            cx0, cy0, cx1, cy1 = x0 + p + 30, y0 + 276, x1 - p - 30, y0 + 450
            a.rect((cx0, cy0, cx1, cy1), r=12, fill="#dfe6f0")
            a.rect((cx0 + 16, cy0 + 30, cx0 + 86, cy0 + 120), r=8, fill="#b8c4d6")
            a.circle(cx0 + 51, cy0 + 62, 16, fill="#8d9bb2")
            a.bars(cx0 + 104, cy0 + 34, [120, 90, 140, 70], "#b8c4d6", h=8, gap=12)
            for (ax, ay, dx, dy) in ((cx0 - 10, cy0 - 10, 1, 1), (cx1 + 10, cy0 - 10, -1, 1),
                                     (cx0 - 10, cy1 + 10, 1, -1), (cx1 + 10, cy1 + 10, -1, -1)):
                a.line([(ax, ay + dy * 30), (ax, ay), (ax + dx * 30, ay)], "#4ade80", 5)
            a.rect((x0 + p + 60, y0 + 470, x1 - p - 60, y0 + 502), r=16, fill="#15803d")
            a.text(((x0 + x1) / 2, y0 + 486), "Hold still — capturing", 12, "bold", "#ffffff", "mm")
            a.text((x0 + p, y0 + 556), "No glare detected", 13, "bold", BB["ok"], "lm")
            a.text((x0 + p, y0 + 580), "Card is flat and in focus", 13, "regular", BB["muted"], "lm")
        elif k == 1:
            a.text((x0 + p, y0 + 128), "Take a selfie", 20, "bold", BB["ink"], "lm")
            a.text((x0 + p, y0 + 156), "We compare it with your ID photo.", 12.5, "regular", BB["muted"], "lm")
            cx, cy = (x0 + x1) / 2, y0 + 340
            a.circle(cx, cy, 132, fill="#2a2d45")
            a.d.chord(a._b((cx - 132, cy - 132, cx + 132, cy + 132)), 28, 152, fill=rgb("#c2410c"))
            a.ellipse((cx - 26, cy + 30, cx + 26, cy + 96), fill="#d9a47f")
            a.ellipse((cx - 58, cy - 80, cx + 58, cy + 60), fill="#e8b894")
            a.ellipse((cx - 64, cy - 96, cx + 64, cy - 24), fill="#3b2a24")
            a.circle(cx, cy, 132, fill=None, outline="#4ade80", width=6)
            a.circle(cx - 22, cy - 6, 5, fill="#3b2a24")
            a.circle(cx + 22, cy - 6, 5, fill="#3b2a24")
            a.arc((cx - 20, cy + 8, cx + 20, cy + 34), 20, 160, "#9a4a32", 3)
            a.text((cx, y0 + 520), "Good light — looking great", 13, "bold", BB["ok"], "mm")
            a.text((cx, y0 + 544), "Step 2 of 4 · about 1 minute", 12, "regular", BB["muted"], "mm")
        else:
            a.text((x0 + p, y0 + 128), "Welcome to Brightbank", 20, "bold", BB["ink"], "lm")
            a.text((x0 + p, y0 + 156), "Your account is open.", 12.5, "regular", BB["muted"], "lm")
            cx0, cy0 = x0 + p, y0 + 200
            a.shadow((cx0, cy0, x1 - p, cy0 + 200), r=18, blur=20, alpha=60)
            a.gradient("#2b2f77", "#ff7a59", angle=120, box=(cx0, cy0, x1 - p, cy0 + 200), r=18)
            a.rect((cx0 + 22, cy0 + 26, cx0 + 66, cy0 + 58), r=6, fill="#f6d28b")
            a.text((cx0 + 22, cy0 + 150), "··· 4821", 18, "bold", "#ffffff", "lm")
            a.text((x1 - p - 22, cy0 + 150), "DEBIT", 13, "bold", "#ffffff", "rm")
            a.text((cx0 + 22, cy0 + 176), "MARTA GONÇALVES", 11, "regular", "#ffe6db", "lm")
            rows = (("IBAN", "PT50 0035 ··· 4821"), ("Card arrives", "Thursday"), ("Apple Pay", "Ready now"))
            for i, (k2, v) in enumerate(rows):
                yy = y0 + 440 + i * 44
                a.line([(x0 + p, yy + 22), (x1 - p, yy + 22)], BB["line"], 1)
                a.text((x0 + p, yy), k2, 13, "regular", BB["muted"], "lm")
                a.text((x1 - p, yy), v, 13, "bold", BB["ink"], "rm")
        label = ("Continue", "Use this photo", "Go to my account")[k]
        a.rect((x0 + p, y1 - 96, x1 - p, y1 - 48), r=24, fill=BB["accent"])
        a.text(((x0 + x1) / 2, y1 - 72), label, 14, "bold", "#ffffff", "mm")
    a.save("images/brightbank-cover.jpg")


# ============================================================ Helix (health, mint lab results)
HX = {"bg0": "#dff5ee", "bg1": "#b8e6d6", "ink": "#12332c", "muted": "#5b716b", "teal": "#0f766e",
      "band": "#cfeee4", "amber": "#b45309", "amber_bg": "#fdecd3", "line": "#e2ece8"}


def range_bar(a: Art, x0, y, x1, lo, hi, ref_lo, ref_hi, value, h=14, marker="#12332c"):
    a.rect((x0, y, x1, y + h), r=h / 2, fill="#edf2f0")
    fx = lambda v: x0 + (x1 - x0) * (v - lo) / (hi - lo)
    a.rect((fx(ref_lo), y, fx(ref_hi), y + h), r=h / 2, fill=HX["band"])
    vx = fx(value)
    a.circle(vx, y + h / 2, h * 0.95, fill="#ffffff", outline=marker, width=h * 0.3)
    return fx


def helix_result_card(a: Art, box, scale=1.0, name="Haemoglobin", code="HGB", value="11.8", unit="g/dL",
                      status="Slightly below range", ref=(12.0, 15.5), v=11.8, span=(9.0, 18.0), tone="amber"):
    x0, y0, x1, y1 = box
    f = scale
    a.card(box, r=18 * f, alpha=30)
    a.text((x0 + 24 * f, y0 + 34 * f), name, 18 * f, "bold", HX["ink"], "lm")
    a.text((x0 + 24 * f, y0 + 58 * f), code, 12 * f, "regular", HX["muted"], "lm")
    vw = a.text_width(value, 30 * f, "bold")
    a.text((x1 - 24 * f - a.text_width(unit, 13 * f), y0 + 42 * f), value, 30 * f, "bold", HX["ink"], "rm")
    a.text((x1 - 24 * f, y0 + 46 * f), unit, 13 * f, "regular", HX["muted"], "rm")
    col = (HX["amber"], HX["amber_bg"]) if tone == "amber" else (HX["teal"], "#d7f2ea")
    chip(a, x0 + 24 * f, y0 + 82 * f, status, col[0], col[1], 12 * f, "alert" if tone == "amber" else "check")
    fx = range_bar(a, x0 + 24 * f, y0 + 136 * f, x1 - 24 * f, span[0], span[1], ref[0], ref[1], v, h=12 * f,
                   marker=col[0])
    a.text((fx(ref[0]), y0 + 168 * f), f"{ref[0]:g}", 11 * f, "regular", HX["muted"], "mm")
    a.text((fx(ref[1]), y0 + 168 * f), f"{ref[1]:g}", 11 * f, "regular", HX["muted"], "mm")
    a.text(((fx(ref[0]) + fx(ref[1])) / 2, y0 + 168 * f), "reference range", 11 * f, "regular", HX["teal"], "mm")
    return vw


def helix_cover():
    a = Art(1600, 1000)
    a.gradient(HX["bg0"], HX["bg1"], angle=100)
    a.glow(300, 300, 420, "#ffffff", 140)
    # molecule decoration
    nodes = [(180, 180), (300, 250), (260, 390), (420, 200), (140, 520), (330, 620), (470, 780), (230, 820)]
    for i, j in ((0, 1), (1, 2), (1, 3), (2, 4), (2, 5), (5, 6), (5, 7)):
        a.line([nodes[i], nodes[j]], "#8fd3bf", 4)
    for k, (x, y) in enumerate(nodes):
        a.circle(x, y, 22 if k % 3 else 30, fill="#ffffff" if k % 2 else "#0f766e")
    for x, y in ((1420, 160), (1500, 260), (1380, 880)):
        a.circle(x, y, 26, fill="#ffffff")
    a.line([(1420, 160), (1500, 260)], "#8fd3bf", 4)
    # phone
    x0, y0, x1, y1 = a.phone(560, 90, 400, 830, screen="#f6faf8", body="#12332c")
    p = 20
    a.text((x0 + p + 4, y0 + 76), "Results · 9 October", 20, "bold", HX["ink"], "lm")
    a.text((x0 + p + 4, y0 + 102), "Full blood count · requested by Dr Matos", 12, "regular", HX["muted"], "lm")
    helix_result_card(a, (x0 + p, y0 + 128, x1 - p, y0 + 330), scale=0.92)
    helix_result_card(a, (x0 + p, y0 + 346, x1 - p, y0 + 548), scale=0.92, name="White blood cells", code="WBC",
                      value="6.4", unit="×10⁹/L", status="Within range", ref=(4.0, 11.0), v=6.4, span=(0, 15),
                      tone="teal")
    a.card((x0 + p, y0 + 564, x1 - p, y0 + 700), r=16, alpha=30)
    a.text((x0 + p + 22, y0 + 594), "What haemoglobin measures", 14, "bold", HX["ink"], "lm")
    for i, t in enumerate(("The protein in red blood cells that", "carries oxygen around your body.")):
        a.text((x0 + p + 22, y0 + 622 + i * 22), t, 12.5, "regular", HX["muted"], "lm")
    a.rect((x0 + p, y1 - 92, x1 - p, y1 - 46), r=23, fill=HX["teal"])
    a.text(((x0 + x1) / 2, y1 - 69), "See your history", 14, "bold", "#ffffff", "mm")
    # floating history card
    bx = (1010, 300, 1480, 620)
    a.card(bx, r=20, alpha=50)
    a.text((bx[0] + 26, bx[1] + 36), "HbA1c · last 12 months", 16, "bold", HX["ink"], "lm")
    a.text((bx[2] - 26, bx[1] + 36), "6.1%", 18, "bold", HX["teal"], "rm")
    gx0, gy0, gx1, gy1 = bx[0] + 30, bx[1] + 80, bx[2] - 30, bx[3] - 50
    a.rect((gx0, gy0 + (gy1 - gy0) * 0.55, gx1, gy1), r=6, fill="#e2f4ee")
    chart_line(a, (gx0 + 10, gy0 + 10, gx1 - 10, gy1 - 30), [7.4, 7.1, 6.8, 6.6, 6.3, 6.1], HX["teal"], 3,
               fill_alpha=0, dots=True)
    for i, m in enumerate(("Nov", "Jan", "Mar", "May", "Jul", "Sep")):
        a.text((gx0 + 10 + (gx1 - gx0 - 20) * i / 5, bx[3] - 28), m, 11, "regular", HX["muted"], "mm")
    a.save("images/helix-cover.jpg")


def helix_ranges():
    a = Art(1600, 900, "#f3f8f6")
    a.text((90, 80), "One result, one card", 30, "bold", HX["ink"], "lm")
    a.text((90, 118), "Position and a word carry the meaning; colour only supports it.", 16, "regular", HX["muted"], "lm")
    box = (90, 170, 930, 700)
    helix_result_card(a, (box[0], box[1], box[2], box[1] + 340), scale=1.6)
    a.card((box[0], box[1] + 370, box[2], box[3] + 60), r=24, alpha=20)
    a.text((box[0] + 36, box[1] + 414), "What it measures", 18, "bold", HX["ink"], "lm")
    a.text((box[0] + 36, box[1] + 452), "Haemoglobin is the protein in red blood cells that carries oxygen.",
           16, "regular", HX["ink"], "lm")
    a.text((box[0] + 36, box[1] + 480), "Values just outside the range are common and often not a concern.",
           16, "regular", HX["ink"], "lm")
    a.text((box[0] + 36, box[1] + 528), "Your doctor will go through this result with you.", 16, "bold", HX["teal"], "lm")
    # annotations
    notes = (("1", "Plain name first", "abbreviation underneath for paper reports"),
             ("2", "Value and unit", "the number patients look for"),
             ("3", "A word, not just a colour", "amber for slightly out, never alarm red"),
             ("4", "Where the value sits", "shaded band is the reference range"),
             ("5", "What it measures", "written by Helix pathologists, never a diagnosis"))
    for i, (n, t, sub) in enumerate(notes):
        y = 200 + i * 130
        a.circle(1010, y + 14, 20, fill=HX["teal"])
        a.text((1010, y + 14), n, 15, "bold", "#ffffff", "mm")
        a.text((1050, y + 4), t, 19, "bold", HX["ink"], "lm")
        a.text((1050, y + 32), sub, 14.5, "regular", HX["muted"], "lm")
    a.save("images/helix-ranges.png")


# ============================================================ Tessera (fintech, indigo dashboard)
TS = {"bg0": "#1e1b4b", "bg1": "#3730a3", "ink": "#1f1d3d", "muted": "#6b6a85", "accent": "#4f46e5",
      "soft": "#f5f5fb", "line": "#e7e6f2", "amber": "#b45309", "red": "#b42318", "green": "#15803d"}


def tessera_sidebar(a: Art, x0, y0, y1, active):
    a.rect((x0, y0, x0 + 200, y1), r=14, fill="#f2f1fa")
    a.rect((x0, y0, x0 + 200, y1 - 20), fill="#f2f1fa")
    a.rect((x0 + 24, y0 + 24, x0 + 48, y0 + 48), r=7, fill=TS["accent"])
    a.text((x0 + 60, y0 + 36), "Tessera", 16, "bold", TS["ink"], "lm")
    for i, label in enumerate(("Overview", "Approvals", "Budgets", "Cards", "Month-end close")):
        yy = y0 + 88 + i * 40
        if i == active:
            a.rect((x0 + 14, yy - 15, x0 + 186, yy + 15), r=8, fill="#e3e1fb")
        a.text((x0 + 30, yy), label, 13, "bold" if i == active else "regular",
               TS["ink"] if i == active else TS["muted"], "lm")


def tessera_cover():
    a = Art(1600, 1000)
    a.gradient(TS["bg0"], TS["bg1"], angle=70)
    a.glow(1400, 150, 400, "#818cf8", 90)
    a.glow(150, 900, 360, "#a78bfa", 60)
    x0, y0, x1, y1 = a.browser(130, 110, 1340, 820, url="app.tessera.example/overview")
    tessera_sidebar(a, x0, y0, y1, 0)
    cx = x0 + 236
    a.text((cx, y0 + 38), "October spend", 22, "bold", TS["ink"], "lm")
    a.text((x1 - 30, y0 + 38), "Day 23 of 31", 13, "regular", TS["muted"], "rm")
    stats = (("Spent so far", "€184,300", None), ("Projected month-end", "€247,900", "4% under budget"),
             ("Awaiting approval", "37", "€12,640"), ("Missing receipts", "9", "5 people nudged"))
    sw = (x1 - 30 - cx - 3 * 16) / 4
    for i, (label, val, sub) in enumerate(stats):
        bx = cx + i * (sw + 16)
        a.rect((bx, y0 + 74, bx + sw, y0 + 170), r=12, fill="#ffffff", outline=TS["line"])
        a.text((bx + 16, y0 + 96), label, 12, "regular", TS["muted"], "lm")
        a.text((bx + 16, y0 + 128), val, 24, "bold", TS["ink"], "lm")
        if sub:
            a.text((bx + 16, y0 + 154), sub, 11.5, "regular", TS["green"] if i == 1 else TS["muted"], "lm")
    # budget by team bars
    gx0, gy0 = cx, y0 + 200
    a.rect((gx0, gy0, gx0 + 640, y1 - 30), r=12, fill="#ffffff", outline=TS["line"])
    a.text((gx0 + 20, gy0 + 30), "Spend by team against budget", 15, "bold", TS["ink"], "lm")
    teams = (("Sales", 0.82, 0.97), ("Engineering", 0.64, 0.78), ("Marketing", 0.91, 1.08), ("Operations", 0.55, 0.7),
             ("People", 0.38, 0.52), ("Finance", 0.47, 0.6))
    for i, (t, spent, proj) in enumerate(teams):
        yy = gy0 + 76 + i * 62
        a.text((gx0 + 20, yy + 8), t, 13, "regular", TS["ink"], "lm")
        bx0, bx1 = gx0 + 140, gx0 + 560
        a.rect((bx0, yy, bx1, yy + 16), r=8, fill="#eeedf7")
        a.rect((bx0, yy, bx0 + (bx1 - bx0) * min(proj, 1.0), yy + 16), r=8,
               fill="#fcd9b6" if proj > 1 else "#c7c3f7")
        a.rect((bx0, yy, bx0 + (bx1 - bx0) * spent, yy + 16), r=8, fill=TS["amber"] if proj > 1 else TS["accent"])
        a.text((gx0 + 620, yy + 8), f"{round(proj * 100)}%", 13, "bold", TS["amber"] if proj > 1 else TS["ink"], "rm")
        if proj > 1:
            chip(a, bx0, yy + 24, "On pace to exceed budget by 8%", TS["amber"], "#fdecd3", 10.5, "alert")
    # approvals list
    lx0 = gx0 + 660
    a.rect((lx0, gy0, x1 - 30, y1 - 30), r=12, fill="#ffffff", outline=TS["line"])
    a.text((lx0 + 20, gy0 + 30), "Needs a decision", 15, "bold", TS["ink"], "lm")
    rows = (("Over limit", "Client dinner · Le Comptoir", "€412.00", TS["amber"]),
            ("Missing receipt", "Train · SNCF Paris–Lyon", "€128.50", TS["red"]),
            ("Unusual merchant", "Software · figjam.example", "€96.00", TS["accent"]),
            ("Over limit", "Hotel · Amsterdam, 2 nights", "€389.00", TS["amber"]))
    for i, (grp, what, amt, col) in enumerate(rows):
        yy = gy0 + 70 + i * 74
        a.line([(lx0 + 20, yy + 58), (x1 - 50, yy + 58)], TS["line"], 1)
        a.text((lx0 + 20, yy + 8), grp.upper(), 10.5, "bold", col, "lm")
        a.text((lx0 + 20, yy + 32), what, 13, "regular", TS["ink"], "lm")
        a.text((x1 - 50, yy + 32), amt, 13, "bold", TS["ink"], "rm")
    a.rect((lx0 + 20, y1 - 90, x1 - 50, y1 - 48), r=21, fill=TS["accent"])
    a.text(((lx0 + x1 - 30) / 2, y1 - 69), "Approve 31 in policy", 14, "bold", "#ffffff", "mm")
    a.save("images/tessera-cover.jpg")


def tessera_approvals():
    a = Art(1600, 1000)
    a.gradient("#eceafb", "#dcd9f6", angle=0)
    x0, y0, x1, y1 = a.browser(110, 80, 1380, 860, url="app.tessera.example/approvals")
    tessera_sidebar(a, x0, y0, y1, 1)
    cx = x0 + 236
    a.text((cx, y0 + 38), "Approvals", 22, "bold", TS["ink"], "lm")
    a.text((x1 - 30, y0 + 38), "37 waiting · €12,640", 13, "regular", TS["muted"], "rm")
    groups = (("Meets policy", 31, "€9,215.40", TS["green"], "#dcf3e4", True),
              ("Over limit", 3, "€1,189.00", TS["amber"], "#fdecd3", False),
              ("Missing receipt", 2, "€214.50", TS["red"], "#fde4e1", False),
              ("Unusual merchant", 1, "€96.00", TS["accent"], "#e3e1fb", False))
    yy = y0 + 78
    for name, n, amt, col, bg, batch in groups:
        h = 120 if batch else (70 + 52 * min(n, 2))
        a.rect((cx, yy, x1 - 30, yy + h), r=12, fill="#ffffff", outline=TS["line"])
        chip(a, cx + 20, yy + 16, f"{name} · {n}", col, bg, 12, "check" if batch else "alert")
        a.text((x1 - 50, yy + 29), amt, 14, "bold", TS["ink"], "rm")
        if batch:
            a.text((cx + 20, yy + 76), "Every expense here matches your travel and meals policy.", 13, "regular",
                   TS["muted"], "lm")
            a.rect((x1 - 260, yy + 56, x1 - 50, yy + 98), r=21, fill=TS["accent"])
            a.text((x1 - 155, yy + 77), "Approve all 31", 14, "bold", "#ffffff", "mm")
        else:
            items = {"Over limit": (("Léa Martin", "Client dinner · Le Comptoir, Paris", "€412.00 · limit €250"),
                                    ("Pieter de Vries", "Hotel · Amsterdam, 2 nights", "€389.00 · limit €300")),
                     "Missing receipt": (("Hugo Bernard", "Train · SNCF Paris–Lyon", "€128.50"),
                                         ("Sofie Janssens", "Taxi · Brussels Midi", "€86.00")),
                     "Unusual merchant": (("Camille Roux", "Software · figjam.example", "€96.00"),)}[name]
            for j, (who, what, why) in enumerate(items):
                ry = yy + 60 + j * 52
                a.circle(cx + 40, ry + 20, 16, fill=bg)
                a.text((cx + 40, ry + 20), "".join(p[0] for p in who.split()[:2]), 11, "bold", col, "mm")
                a.text((cx + 68, ry + 10), who, 13, "bold", TS["ink"], "lm")
                a.text((cx + 68, ry + 30), what, 12.5, "regular", TS["muted"], "lm")
                a.text((cx + 560, ry + 20), why, 12.5, "regular", col, "lm")
                a.rect((x1 - 250, ry + 4, x1 - 160, ry + 36), r=16, fill=None, outline=TS["line"], width=1.3)
                a.text((x1 - 205, ry + 20), "Ask", 12.5, "bold", TS["ink"], "mm")
                a.rect((x1 - 150, ry + 4, x1 - 50, ry + 36), r=16, fill="#efeefc")
                a.text((x1 - 100, ry + 20), "Approve", 12.5, "bold", TS["accent"], "mm")
        yy += h + 16
    a.save("images/tessera-approvals.jpg")


# ============================================================ Cadence (health, sand scheduling)
CD = {"bg0": "#f4e9d8", "bg1": "#e6d2b0", "ink": "#2b2118", "muted": "#7a6a5a", "terra": "#c2410c",
      "sage": "#5f7d5a", "line": "#ece3d6", "soft": "#fbf7f1"}
CD_PEOPLE = (("Rita", "#c2410c", "#fde3d3"), ("João", "#5f7d5a", "#e1eddc"), ("Elena", "#7c5cbf", "#ebe3f8"))


def cadence_calendar(a: Art, box):
    x0, y0, x1, y1 = box
    a.text((x0 + 28, y0 + 36), "Tuesday 12 March", 20, "bold", CD["ink"], "lm")
    a.text((x0 + 250, y0 + 38), "3 gaps today · 4 on the waitlist", 13, "regular", CD["terra"], "lm")
    colw = (x1 - x0 - 110) / 3
    gy0 = y0 + 110
    for i, (name, col, bg) in enumerate(CD_PEOPLE):
        cx = x0 + 80 + i * colw
        a.circle(cx + 22, y0 + 82, 14, fill=bg)
        a.text((cx + 22, y0 + 82), name[0], 12, "bold", col, "mm")
        a.text((cx + 44, y0 + 82), name, 14, "bold", CD["ink"], "lm")
    hours = ("09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00")
    rowh = (y1 - 20 - gy0) / len(hours)
    for j, h in enumerate(hours):
        yy = gy0 + j * rowh
        a.line([(x0 + 74, yy), (x1 - 20, yy)], CD["line"], 1)
        a.text((x0 + 24, yy + 10), h, 11.5, "regular", CD["muted"], "lm")
    appts = {0: ((0, 1, "Ana Rocha", "Knee rehab · 4/8"), (1, 1, "Gap", ""), (2, 1, "Carlos Dias", "Lower back"),
                 (4, 1, "Marta Sá", "Shoulder · 2/6"), (5, 1, "Rui Pinto", "Post-op ACL")),
             1: ((0, 1, "Inês Lopes", "Sports massage"), (1, 1, "Tiago Reis", "Ankle · 3/5"), (3, 1, "Gap", ""),
                 (4, 1, "Pedro Alves", "Neck pain"), (5, 1, "Sara Luz", "Hip · 6/8")),
             2: ((0, 1, "Duarte Mota", "Pilates 1:1"), (2, 1, "Beatriz Cruz", "Pregnancy care"),
                 (3, 1, "Lúcia Ramos", "Knee · 1/6"), (5, 1, "Gap", ""), (6, 1, "Nuno Faria", "Tendon · 5/6"))}
    for i, lst in appts.items():
        name, col, bg = CD_PEOPLE[i]
        cx = x0 + 80 + i * colw
        for (slot, span, who, what) in lst:
            yy = gy0 + slot * rowh + 4
            box2 = (cx + 6, yy, cx + colw - 10, yy + span * rowh - 8)
            if who == "Gap":
                a.rect(box2, r=10, fill=None, outline=CD["terra"], width=1.6)
                a.text((box2[0] + 14, yy + 20), "Open slot", 12.5, "bold", CD["terra"], "lm")
                a.text((box2[0] + 14, yy + 40), "Offer to waitlist", 11.5, "regular", CD["terra"], "lm")
            else:
                a.rect(box2, r=10, fill=bg)
                a.rect((box2[0], box2[1], box2[0] + 5, box2[3]), r=2, fill=col)
                a.text((box2[0] + 16, yy + 20), who, 12.5, "bold", CD["ink"], "lm")
                a.text((box2[0] + 16, yy + 40), what, 11.5, "regular", CD["muted"], "lm")


def cadence_reminder_screen(a: Art, box, f=1.0):
    x0, y0, x1, y1 = box
    p = 22 * f
    a.text(((x0 + x1) / 2, y0 + 74 * f), "Cadence · Clínica Movimento", 12 * f, "regular", CD["muted"], "mm")
    bx = (x0 + p, y0 + 100 * f, x1 - p, y0 + 470 * f)
    a.card(bx, r=20 * f, alpha=30)
    a.text((bx[0] + 22 * f, bx[1] + 36 * f), "Your physio session", 17 * f, "bold", CD["ink"], "lm")
    a.text((bx[0] + 22 * f, bx[1] + 62 * f), "in 2 days", 13 * f, "regular", CD["terra"], "lm")
    rows = (("Thursday 14 March", "10:00 – 10:45"), ("with Rita Almeida", "Knee rehab · session 5 of 8"),
            ("Rua da Prata 112", "Lisbon · 4 min from Baixa-Chiado"))
    for i, (t1, t2) in enumerate(rows):
        yy = bx[1] + 104 * f + i * 62 * f
        a.circle(bx[0] + 36 * f, yy + 12 * f, 14 * f, fill="#fde3d3")
        a.circle(bx[0] + 36 * f, yy + 12 * f, 5 * f, fill=CD["terra"])
        a.text((bx[0] + 62 * f, yy + 2 * f), t1, 14 * f, "bold", CD["ink"], "lm")
        a.text((bx[0] + 62 * f, yy + 24 * f), t2, 12 * f, "regular", CD["muted"], "lm")
    a.rect((bx[0] + 22 * f, bx[3] - 82 * f, bx[2] - 22 * f, bx[3] - 40 * f), r=21 * f, fill=CD["terra"])
    a.text(((bx[0] + bx[2]) / 2, bx[3] - 61 * f), "Confirm", 14 * f, "bold", "#ffffff", "mm")
    a.text(((bx[0] + bx[2]) / 2, bx[3] - 18 * f), "Move appointment", 13 * f, "bold", CD["terra"], "mm")
    a.text((x0 + p, y0 + 506 * f), "Next free slots with Rita", 13 * f, "bold", CD["ink"], "lm")
    for i, s in enumerate(("Fri 09:00", "Fri 16:15", "Mon 11:30")):
        sx = x0 + p + i * ((x1 - x0 - 2 * p + 10 * f) / 3)
        a.rect((sx, y0 + 526 * f, sx + (x1 - x0 - 2 * p - 20 * f) / 3, y0 + 566 * f), r=12 * f, fill="#ffffff",
               outline=CD["line"], width=1.3)
        a.text((sx + (x1 - x0 - 2 * p - 20 * f) / 6, y0 + 546 * f), s, 12 * f, "bold", CD["ink"], "mm")
    a.text((x0 + p, y0 + 600 * f), "Finishing all 8 sessions makes the knee", 12 * f, "regular", CD["muted"], "lm")
    a.text((x0 + p, y0 + 620 * f), "less likely to give you trouble again.", 12 * f, "regular", CD["muted"], "lm")


def cadence_cover():
    a = Art(1600, 1000)
    a.gradient(CD["bg0"], CD["bg1"], angle=120)
    a.glow(1450, 880, 380, "#e9b98f", 90)
    a.glow(120, 120, 320, "#fff8ee", 140)
    scr = a.browser(100, 120, 1080, 780, screen=CD["soft"], url="clinic.cadence.example/calendar")
    cadence_calendar(a, scr)
    scr = a.phone(1130, 130, 370, 770, screen="#fbf7f1", body="#2b2118")
    cadence_reminder_screen(a, scr, f=370 / 380)
    a.save("images/cadence-cover.jpg")


def cadence_reminder():
    a = Art(1600, 1000)
    a.gradient("#f7efe3", "#ecdcc2", angle=0)
    a.glow(800, 500, 520, "#fffaf2", 150)
    scr = a.phone(600, 80, 400, 840, screen="#fbf7f1", body="#2b2118")
    cadence_reminder_screen(a, scr, f=1.0)
    notes = (("48 hours before", "not 24: enough time to fill the slot"), ("Same physio, next free slots", "moving takes two taps"),
             ("Why the full course matters", "written by the physiotherapists"))
    for i, (t, sub) in enumerate(notes):
        x, y = (180, 260 + i * 200) if i != 1 else (1100, 380)
        a.text((x, y), t, 19, "bold", CD["ink"], "lm")
        a.text((x, y + 30), sub, 14.5, "regular", CD["muted"], "lm")
    a.line([(1090, 395), (1010, 395)], CD["terra"], 2)
    a.line([(470, 275), (590, 275)], CD["terra"], 2)
    a.line([(570, 675), (590, 675)], CD["terra"], 2)
    a.save("images/cadence-reminder.jpg")


# ============================================================ portraits
def portrait(a: Art, cx, cy, s, skin, hair, style, shirt, glasses=False, beard=False, earrings=None):
    shade = mix(skin, "#000000", 0.14)
    # long hair falls behind the shoulders
    if style in ("long", "bob"):
        depth = 230 if style == "long" else 120
        a.rect((cx - 118 * s, cy - 120 * s, cx + 118 * s, cy + depth * s), r=90 * s, fill=hair)
    a.rect((cx - 36 * s, cy + 40 * s, cx + 36 * s, cy + 190 * s), r=20 * s, fill=shade)
    a.ellipse((cx - 190 * s, cy + 150 * s, cx + 190 * s, cy + 470 * s), fill=shirt)
    a.poly([(cx - 44 * s, cy + 152 * s), (cx + 44 * s, cy + 152 * s), (cx, cy + 222 * s)], shade)
    # collar
    a.poly([(cx - 44 * s, cy + 152 * s), (cx - 72 * s, cy + 170 * s), (cx - 8 * s, cy + 240 * s), (cx, cy + 222 * s)],
           mix(shirt, "#ffffff", 0.15))
    a.poly([(cx + 44 * s, cy + 152 * s), (cx + 72 * s, cy + 170 * s), (cx + 8 * s, cy + 240 * s), (cx, cy + 222 * s)],
           mix(shirt, "#ffffff", 0.15))
    for side in (-1, 1):
        a.ellipse((cx + side * 86 * s - 16 * s, cy - 14 * s, cx + side * 86 * s + 16 * s, cy + 30 * s), fill=shade)
        if earrings:
            a.circle(cx + side * 88 * s, cy + 38 * s, 6 * s, fill=earrings)
    a.ellipse((cx - 86 * s, cy - 112 * s, cx + 86 * s, cy + 100 * s), fill=skin)
    if beard:
        a.d.chord(a._b((cx - 86 * s, cy - 20 * s, cx + 86 * s, cy + 104 * s)), 0, 180, fill=rgb(hair))
        a.ellipse((cx - 34 * s, cy + 30 * s, cx + 34 * s, cy + 62 * s), fill=hair)
    # hair on top
    if style == "short":
        a.d.chord(a._b((cx - 92 * s, cy - 132 * s, cx + 92 * s, cy + 10 * s)), 180, 360, fill=rgb(hair))
        a.ellipse((cx - 92 * s, cy - 128 * s, cx + 40 * s, cy - 40 * s), fill=hair)
    elif style == "crop":  # Mira: short asymmetric crop with a side fringe
        a.d.chord(a._b((cx - 96 * s, cy - 136 * s, cx + 96 * s, cy + 20 * s)), 180, 360, fill=rgb(hair))
        a.poly([(cx - 96 * s, cy - 50 * s), (cx + 40 * s, cy - 120 * s), (cx + 96 * s, cy - 60 * s),
                (cx + 70 * s, cy - 44 * s), (cx - 10 * s, cy - 70 * s), (cx - 80 * s, cy - 10 * s)], hair)
        a.rect((cx - 98 * s, cy - 60 * s, cx - 76 * s, cy + 30 * s), r=10 * s, fill=hair)
    elif style == "curly":
        for ang in range(180, 361, 20):
            r = math.radians(ang)
            a.circle(cx + math.cos(r) * 86 * s, cy - 40 * s + math.sin(r) * 80 * s, 34 * s, fill=hair)
        for dx in (-60, -20, 20, 60):
            a.circle(cx + dx * s, cy - 120 * s, 30 * s, fill=hair)
        for side in (-1, 1):
            a.circle(cx + side * 100 * s, cy + 10 * s, 28 * s, fill=hair)
    elif style in ("long", "bob"):
        a.d.chord(a._b((cx - 94 * s, cy - 130 * s, cx + 94 * s, cy + 20 * s)), 180, 360, fill=rgb(hair))
        a.poly([(cx - 6 * s, cy - 128 * s), (cx + 92 * s, cy - 50 * s), (cx + 92 * s, cy - 30 * s),
                (cx - 20 * s, cy - 100 * s)], hair)
    elif style == "buzz":
        a.d.chord(a._b((cx - 88 * s, cy - 118 * s, cx + 88 * s, cy - 10 * s)), 190, 350, fill=rgb(hair))
    # face
    brow = mix(hair, "#000000", 0.2)
    for side in (-1, 1):
        ex = cx + side * 34 * s
        a.arc((ex - 18 * s, cy - 42 * s, ex + 18 * s, cy - 18 * s), 200, 340, brow, 5 * s)
        a.circle(ex, cy + 2 * s, 7 * s, fill="#2a1d17")
        a.circle(ex + 2.5 * s, cy - 0.5 * s, 2.2 * s, fill="#ffffff")
        a.ellipse((ex - 20 * s, cy + 26 * s, ex + 12 * s if side < 0 else ex + 20 * s, cy + 42 * s),
                  fill=rgb("#e8746a", 60))
    a.arc((cx - 12 * s, cy + 4 * s, cx + 10 * s, cy + 36 * s), 300, 60, shade, 4 * s)
    a.arc((cx - 26 * s, cy + 34 * s, cx + 26 * s, cy + 70 * s), 20, 160, "#9c3d33", 5 * s)
    if glasses:
        for side in (-1, 1):
            a.circle(cx + side * 34 * s, cy + 2 * s, 24 * s, fill=None, outline="#1f2937", width=4 * s)
        a.line([(cx - 10 * s, cy), (cx + 10 * s, cy)], "#1f2937", 4 * s)


AVATARS = {
    "tomas-ferreira": dict(bg=("#e0ecff", "#b9cffb"), skin="#d9a47f", hair="#2b211c", style="short", shirt="#1e3a5f",
                           beard=True),
    "hannah-okafor": dict(bg=("#ffe7d6", "#ffc9a8"), skin="#8a5a3c", hair="#1b1311", style="curly", shirt="#0f766e",
                          earrings="#f2c14e"),
    "priya-raman": dict(bg=("#e4f5ee", "#bfe8d6"), skin="#b07a55", hair="#17110f", style="long", shirt="#7c3aed"),
    "jonas-eriksen": dict(bg=("#fdf1c9", "#f8dc86"), skin="#f0c7a6", hair="#d9b26a", style="buzz", shirt="#374151",
                          glasses=True),
}


def avatars():
    for name, o in AVATARS.items():
        a = Art(256, 256)
        a.gradient(o["bg"][0], o["bg"][1], angle=160)
        portrait(a, 128, 118, 0.62, o["skin"], o["hair"], o["style"], o["shirt"], glasses=o.get("glasses", False),
                 beard=o.get("beard", False), earrings=o.get("earrings"))
        a.save(f"images/avatars/{name}.png")


def profile_photo():
    a = Art(800, 1000)
    a.gradient("#115e59", "#0f766e", angle=20)
    a.glow(640, 180, 300, "#5eead4", 70)
    a.glow(120, 860, 260, "#134e4a", 120)
    a.arc((430, 80, 830, 480), 180, 300, "#99f6e4", 3)
    a.arc((-160, 560, 260, 980), 270, 30, "#99f6e4", 3)
    for i in range(5):
        for j in range(5):
            a.circle(620 + i * 22, 760 + j * 22, 2.5, fill="#5eead4")
    portrait(a, 400, 470, 1.75, "#f1c6a6", "#b4532a", "crop", "#14532d", earrings="#f5d0a9")
    a.save("images/profile.jpg", quality=86)


def all_images():
    for fn in (ledgerly_cover, ledgerly_steps, ledgerly_receipt, ledgerly_flow, pulsecare_cover, pulsecare_components,
               pulsecare_tokens, brightbank_cover, helix_cover, helix_ranges, tessera_cover, tessera_approvals,
               cadence_cover, cadence_reminder, avatars, profile_photo):
        if len(sys.argv) < 2 or any(arg in fn.__name__ for arg in sys.argv[1:]):
            fn()


if __name__ == "__main__":
    all_images()
