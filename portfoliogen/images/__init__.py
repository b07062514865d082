"""The image pipeline: plan (pure names and sizes), process (Pillow, cache, parallel) and
html (<picture> markup). Import process_images from .process: this package skips PIL."""

from .html import picture_html
from .plan import ImageErrors, ImageSettings, ProcessedImage, Variant

__all__ = ["ImageErrors", "ImageSettings", "ProcessedImage", "Variant", "picture_html"]
