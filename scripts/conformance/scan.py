"""Scans of generated reports: a born-digital PDF rasterized and degraded as scanners and
photocopiers do, written back as a PDF of page images with no text layer.

    scan(pdf, dst, dpi, seed)

Each page, with its own parameters drawn from `seed` (so a rendering is the same on every run):
gray at `dpi` (pdftoppm); skew up to +-2 degrees; blur on most pages; Gaussian noise; salt and
pepper on some pages (white specks break thin rules); uneven lighting (a gradient darkening one
side) on about a third; faint rules on some (contrast lifted, so a thin rule's grey fades);
JPEG at quality 50-80. Needs poppler-utils and Pillow.
"""
import io
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from make_pdfs import image_pdf  # noqa: E402


def degrade(img, rnd):
    """One page's image (mode L) degraded; the parameters drawn are returned with it."""
    from PIL import Image, ImageChops, ImageFilter

    w, h = img.size
    p = {"skew": round(rnd.uniform(-2.0, 2.0), 2),
         "blur": round(rnd.choice([0.0, rnd.uniform(0.3, 1.0)]), 2),
         "noise": round(rnd.uniform(4.0, 14.0), 1),
         "speckle": rnd.random() < 0.4,
         "uneven": rnd.random() < 0.35,
         "faint": rnd.random() < 0.3,
         "quality": rnd.randint(50, 80)}
    if p["faint"]:
        # Greys lifted towards white: anti-aliased thin rules fade, text (black) stays.
        img = img.point(lambda v: v if v < 90 else min(255, int(v + (255 - v) * 0.6)))
    if p["blur"]:
        img = img.filter(ImageFilter.GaussianBlur(p["blur"]))
    img = img.rotate(p["skew"], resample=Image.BICUBIC, expand=False, fillcolor=255)
    noise = Image.effect_noise((w, h), p["noise"])  # centred on 128
    img = ImageChops.add(img, noise, scale=1.0, offset=-128)
    if p["speckle"]:
        # Sparse specks: the far tails of a strong noise image, white and black.
        tail = Image.effect_noise((w, h), 40)  # beyond 3 sigma: about 0.1% of pixels each
        white = tail.point(lambda v: 255 if v > 250 else 0)
        black = tail.point(lambda v: 255 if v < 5 else 0)
        img = ImageChops.lighter(img, white)
        img = ImageChops.darker(img, ImageChops.invert(black))
    if p["uneven"]:
        # A light falling off towards one side: up to 35% darker there.
        ramp = Image.linear_gradient("L").resize((w, h))
        if rnd.random() < 0.5:
            ramp = ramp.rotate(90, expand=True).resize((w, h))
        ramp = ramp.point(lambda v: 255 - int(v * 0.35))
        img = ImageChops.multiply(img, ramp)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=p["quality"])
    return buf.getvalue(), p


def scan(pdf, dst, dpi, seed):
    """`pdf` scanned at `dpi` into `dst`; returns each page's parameters."""
    from PIL import Image

    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", pdf, os.path.join(tmp, "p")], check=True)
        pages, params = [], []
        for name in sorted(f for f in os.listdir(tmp) if f.endswith(".pgm")):
            with Image.open(os.path.join(tmp, name)) as img:
                data, p = degrade(img.convert("L"), rnd)
            pages.append(data)
            params.append(p)
    with open(dst + ".tmp", "wb") as f:
        f.write(image_pdf(pages, dpi, gray=True))
    os.replace(dst + ".tmp", dst)
    return params
