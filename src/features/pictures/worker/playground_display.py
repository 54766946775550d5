"""display() and the shell's echo of values (placeholder: filled in by the pictures feature)."""

import sys

import playground_runner

#: Picture formats the page shows, by the IPython-style method that makes them.
_PICTURE_REPRS = (("_repr_svg_", "image/svg+xml"), ("_repr_png_", "image/png"), ("_repr_jpeg_", "image/jpeg"))


def show_value(value):
    """Shows `value` as a picture when it can draw itself, else prints its repr()."""
    for method, mime in _PICTURE_REPRS:
        make = getattr(type(value), method, None)
        if make is None:
            continue
        try:
            data = make(value)
        except Exception:
            continue
        if isinstance(data, str):
            data = data.encode("utf-8")
        if isinstance(data, (bytes, bytearray)) and data:
            alt = repr(value)
            playground_runner.emit(
                "display", {"mime": mime, "data": bytes(data), "alt": alt if len(alt) <= 200 else alt[:199] + "…"}
            )
            return
    sys.stdout.write(repr(value) + "\n")


def display(*objs):
    for obj in objs:
        show_value(obj)
