#!/usr/bin/env python3
"""Rebuild the default theme's font pairings (themes/default/options/fonts/<pairing>/) from
unpacked @fontsource packages: WOFF2 subsets (Latin, Latin Extended; kern, liga, tnum, marks),
the OFL licence, and fonts.css with metric-matched local() fallback faces.

Usage: mkdir /tmp/fonts && cd /tmp/fonts && for f in fraunces inter space-grotesk instrument-serif \
         ibm-plex-sans; do npm pack @fontsource/$f && mkdir fontsource-$f && tar xzf fontsource-$f-*.tgz \
         -C fontsource-$f; done
       python scripts/font-pairings.py /tmp/fonts     (needs: pip install fonttools brotli)
Not part of the build: the generated files are committed."""

import os
import subprocess
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

FONTSOURCE = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/fonts")
LATIN = "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"
EXT = "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF"
SAMPLE = "The quick brown fox jumps over the lazy dog. Design and build websites for clients who care about results, and a price agreed before we start 0123456789"


def metrics(path):
    """Average advance width on English text, ascent, descent, line gap (per em)."""
    f = TTFont(path); cmap = f.getBestCmap(); hm = f["hmtx"]; upm = f["head"].unitsPerEm
    ws = [hm[cmap[ord(c)]][0] for c in SAMPLE if ord(c) in cmap]
    hh = f["hhea"]; os2 = f["OS/2"]
    typo = bool(os2.fsSelection & (1 << 7))
    asc, desc, gap = (os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap) if typo else (hh.ascent, hh.descent, hh.lineGap)
    return sum(ws)/len(ws)/upm, asc/upm, -desc/upm, gap/upm
DV = {"sans": metrics("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")[0], "serif": metrics("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")[0]}
# Arial / Times New Roman average widths on the same sample (Arial ~ DejaVu Sans / 1.13; Times ~ 0.41)
SYS = {"sans": (['local("Arial")', 'local("ArialMT")', 'local("Liberation Sans")', 'local("Arimo")'], DV["sans"] / 1.13),
       "serif": (['local("Times New Roman")', 'local("TimesNewRomanPSMT")', 'local("Liberation Serif")', 'local("Tinos")'], 0.41)}
DVSRC = {"sans": ['local("DejaVu Sans")', 'local("DejaVuSans")'], "serif": ['local("DejaVu Serif")', 'local("DejaVuSerif")']}
PAIRS = {
 "editorial": [("display", "Fraunces", "fraunces", 600, "serif"), ("text", "Inter", "inter", 400, "sans")],
 "grotesk": [("display", "Space Grotesk", "space-grotesk", 600, "sans"), ("text", "Inter", "inter", 400, "sans")],
 "classic": [("display", "Instrument Serif", "instrument-serif", 400, "serif"), ("text", "IBM Plex Sans", "ibm-plex-sans", 400, "sans")],
}
def subset(src, dst, rng):
    subprocess.run(["pyftsubset", str(src), "--unicodes=" + rng,
                    "--layout-features=kern,liga,tnum,ccmp,locl,mark,mkmk", "--no-hinting", "--desubroutinize",
                    "--flavor=woff2", "--output-file=" + str(dst)], check=True)
out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[1] / "themes/default/options/fonts"
for pair, faces in PAIRS.items():
    d = out / pair; d.mkdir(parents=True, exist_ok=True)
    css = [f"/* Font pairing '{pair}': {faces[0][1]} (display) and {faces[1][1]} (text), SIL OFL 1.1 (OFL-*.txt),\n   subset with fontTools pyftsubset to Latin / Latin Extended and the kern, liga, tnum, mark features. Fallback faces carry the\n   metrics of each web font (size-adjust, ascent/descent-override) so swapping fonts moves nothing. */"]
    for role, family, slug, wt, cls in faces:
        pkg = FONTSOURCE / next(p for p in sorted(os.listdir(FONTSOURCE)) if p.startswith(f"fontsource-{slug}") and not p.endswith(".tgz")) / "package"
        for sub, rng, suffix in (("latin", LATIN, ""), ("latin-ext", EXT, "-ext")):
            subset(pkg / "files" / f"{slug}-{sub}-{wt}-normal.woff2", d / f"{role}{suffix}.woff2", rng)
            css.append(f'@font-face{{font-family:"{family}";font-style:normal;font-weight:{wt};font-display:swap;src:url({role}{suffix}.woff2) format("woff2");unicode-range:{rng}}}')
        lic = (pkg / "LICENSE").read_text()
        (d / f"OFL-{slug}.txt").write_text(lic)
        avg, asc, desc, gap = metrics(pkg / "files" / f"{slug}-latin-{wt}-normal.woff")
        for name, srcs, favg in ((f"{family} Fallback", SYS[cls][0], SYS[cls][1]), (f"{family} Fallback DV", DVSRC[cls], DV[cls])):
            adj = avg / favg
            css.append(f'@font-face{{font-family:"{name}";src:{",".join(srcs)};size-adjust:{adj*100:.1f}%;ascent-override:{asc/adj*100:.1f}%;descent-override:{desc/adj*100:.1f}%;line-gap-override:{gap/adj*100:.1f}%}}')
    gen = {"serif": "Georgia,serif", "sans": "system-ui,sans-serif"}
    d_, t_ = faces
    css.append(f':root{{--font-display:"{d_[1]}","{d_[1]} Fallback","{d_[1]} Fallback DV",{gen[d_[4]]};--font-text:"{t_[1]}","{t_[1]} Fallback","{t_[1]} Fallback DV",{gen[t_[4]]};--display-weight:{d_[3]}}}')
    (d / "fonts.css").write_text("\n".join(css) + "\n")
    print(pair, sorted(p.name for p in d.iterdir()))
