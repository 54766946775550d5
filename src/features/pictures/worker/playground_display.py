"""display() and the shell's echo of values: objects that can draw themselves are shown as pictures.

As in Jupyter: an object offers a picture through `_repr_png_`, `_repr_jpeg_` or `_repr_svg_` (the first that
gives one wins), a matplotlib figure is drawn to PNG, and anything else is printed as its repr(). The picture goes
to the page through playground_runner.emit("display", …), so it lands between the text printed before and after.

This module is imported at start-up into Pyodide's memory snapshot: it must stay light (no matplotlib, no PIL).
"""

import base64
import io
import math
import os
import sys

import playground_runner

#: The largest picture the Output shows (the page refuses larger ones too, as an error; here it is a message).
MAX_PICTURE_BYTES = 4_000_000
#: Screen readers read the whole name: longer ones are cut.
MAX_ALT_CHARS = 200

#: Jupyter's order of preference among the pictures an object offers, with the mime of each.
_PICTURE_REPRS = (("_repr_png_", "image/png"), ("_repr_jpeg_", "image/jpeg"), ("_repr_svg_", "image/svg+xml"))
#: Types that never draw themselves: the shell's echo of them skips every lookup.
_PLAIN_TYPES = frozenset((int, float, complex, bool, str, bytes, bytearray, list, tuple, dict, set, frozenset, range))
#: IPython's guard against objects whose __getattr__ answers every name (they would claim every repr).
_CANARY = "_ipython_canary_method_should_not_exist_"


def display(*objs, alt=None):
    """Show each object as Jupyter's display() does: its richest picture, else its repr() as text.

    `alt` names the pictures for screen readers; without it the object's `alt` or `title` is used, else the line
    of the program that called display().
    """
    for obj in objs:
        _show(obj, alt, "display()")


def show_value(value):
    """The shell's echo of a value: a picture when it can draw itself, else its repr() (as the REPL prints it)."""
    if type(value) in _PLAIN_TYPES:
        sys.stdout.write(repr(value) + "\n")
        return
    _show(value, None, "")


def _show(obj, alt, who):
    found = picture_of(obj)
    if found is None:
        sys.stdout.write(repr(obj) + "\n")
        return
    mime, data = found
    show_picture(mime, data, alt if alt is not None else default_alt(obj), who)
    if is_figure(obj):
        # A pyplot figure shown this way is not shown again when the program ends (unless plt.show() asks).
        try:
            obj._playground_displayed = True
        except Exception:
            pass


def show_picture(mime, data, alt, who="display()"):
    """Hand the page a picture, or refuse it with a message on stderr when it is too large. True when shown.

    `who` names what showed it in the message ("display()", "plt.show()"), or is empty.
    """
    data = bytes(data)
    if len(data) > MAX_PICTURE_BYTES:
        # Rounded as usual, but never down to the limit itself ("4.0 MB, up to 4 MB" would read as a contradiction).
        size = f"{len(data) / 1_000_000:.1f}"
        if float(size) * 1_000_000 <= MAX_PICTURE_BYTES:
            size = f"{math.ceil(len(data) / 10_000) / 100:.2f}"
        text = (
            f"this picture is {size} MB, and the Output shows pictures up to {MAX_PICTURE_BYTES / 1_000_000:g} MB. "
            "Make it smaller (fewer pixels, or JPEG) and try again."
        )
        sys.stdout.flush()
        sys.stderr.write((f"{who}: {text}" if who else text[0].upper() + text[1:]) + "\n")
        sys.stderr.flush()
        return False
    playground_runner.emit("display", {"mime": mime, "data": data, "alt": clip_alt(str(alt))})
    return True


def clip_alt(text):
    text = " ".join(text.split())
    return text if len(text) <= MAX_ALT_CHARS else text[: MAX_ALT_CHARS - 1] + "…"


# --- finding the picture -------------------------------------------------------


def is_figure(obj):
    """A matplotlib Figure (it has no _repr_png_ of its own, but savefig draws it)."""
    if isinstance(obj, type):
        return False
    for cls in type(obj).__mro__:
        if (getattr(cls, "__module__", None) or "").startswith("matplotlib.figure"):
            return callable(getattr(obj, "savefig", None))
    return False


def picture_of(obj):
    """The picture `obj` offers as (mime, bytes), the richest one first, or None when it offers none."""
    if is_figure(obj):
        out = io.BytesIO()
        # As Jupyter's inline backend: a tight box, so titles and labels outside the axes are not cut off.
        obj.savefig(out, format="png", bbox_inches="tight")
        return "image/png", out.getvalue()
    for method, mime in _PICTURE_REPRS:
        make = _real_method(obj, method)
        if make is None:
            continue
        try:
            data = make()
        except Exception:
            # IPython treats a failing repr as missing and tries the next; so do we (the object still shows).
            continue
        data = _picture_bytes(data, mime)
        if data:
            return mime, data
    return None


def _real_method(obj, name):
    """`obj.name` when it is a real method, as IPython's get_real_method decides (classes never draw here)."""
    if isinstance(obj, type):
        return None
    try:
        if getattr(obj, _CANARY, None) is not None:
            return None
        method = getattr(obj, name, None)
    except Exception:
        return None
    return method if callable(method) else None


def _picture_bytes(data, mime):
    """The bytes of a repr's answer, or None. IPython allows (data, metadata); PNG/JPEG text is base64."""
    if isinstance(data, tuple) and len(data) == 2:
        data = data[0]
    if isinstance(data, str):
        if mime == "image/svg+xml":
            return data.encode("utf-8")
        try:
            return base64.b64decode(data, validate=False)
        except (ValueError, TypeError):
            return None
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    return None


# --- the accessible name -------------------------------------------------------


def default_alt(obj):
    """The object's own name for its picture (`alt`, `title`, a figure's titles), else where it was shown from."""
    for attr in ("alt", "title"):
        try:
            value = getattr(obj, attr, None)
        except Exception:
            continue
        if isinstance(value, str) and value.strip():
            return value
    kind = "Image"
    if is_figure(obj):
        title = figure_title(obj)
        if title:
            return "Plot: " + title
        kind = "Plot"
    where = from_where()
    return f"{kind} {where}" if where else kind


def figure_title(fig):
    """A figure's suptitle, else the first title of its axes, else its label (plt.figure("Sales")); or ""."""
    try:
        suptitle = getattr(fig, "_suptitle", None)
        text = suptitle.get_text() if suptitle is not None else ""
        if text.strip():
            return text.strip()
        for ax in getattr(fig, "axes", ()):
            for loc in ("center", "left", "right"):
                text = ax.get_title(loc=loc)
                if text.strip():
                    return text.strip()
        label = fig.get_label()
        if isinstance(label, str) and label.strip():
            return label.strip()
    except Exception:
        pass
    return ""


def learner_frame():
    """The innermost frame running the learner's code (a project file or a shell line), or None."""
    frame = sys._getframe(1)
    while frame is not None:
        if playground_runner._is_learner_file(frame.f_code.co_filename):
            return frame
        frame = frame.f_back
    return None


def from_where():
    """Where the learner's code asked for the picture: "from line 4", "from the shell", or "" when not known."""
    frame = learner_frame()
    if frame is None:
        return ""
    filename = frame.f_code.co_filename
    if not filename.startswith(playground_runner.PROJECT_DIR + "/"):
        return "from the shell"
    where = f"from line {frame.f_lineno}"
    name = os.path.relpath(filename, playground_runner.PROJECT_DIR)
    main = sys.argv[0] if sys.argv else ""
    return where if name == main else f"{where} of {name}"
