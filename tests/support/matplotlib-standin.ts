// A stand-in matplotlib for tests: the real wheels cannot be downloaded where
// the tests run. It is a TEST DOUBLE (its docstrings say so): just enough of
// matplotlib's API, with the real names and behaviour, for the playground's
// backend (playground_mpl) and a learner's simple pyplot program, and its
// Figure.savefig writes a real PNG (made with zlib and struct).
import { writeWheel } from './wheel-file.ts';

/** The stand-in's Python files, by their path inside site-packages. */
export const MATPLOTLIB_STANDIN: Record<string, string> = {
  'matplotlib/__init__.py': String.raw`"""TEST DOUBLE of matplotlib, for the playground's tests only: this is NOT matplotlib.

The real wheel cannot be downloaded where the tests run, so this package mimics the small part of matplotlib's
API that the playground's backend (playground_mpl) and a learner's simple program use, with the real names and
behaviour: rcParams and MPLBACKEND, pyplot's figure bookkeeping (Gcf), backend loading by
pyplot.switch_backend (module://name), Figure.savefig writing a real PNG. Its pictures are crude (lines, bars
and dots on a white canvas, no text) but valid, and differ from plot to plot.
"""

import os
import sys

__version__ = "0.0.0.dev0"  # not a real release: this is the stand-in


class RcParams(dict):
    """matplotlib's settings; only a few keys exist here."""

    def copy(self):
        return RcParams(self)


rcParamsDefault = RcParams(
    {
        "backend": "agg",
        "interactive": False,
        "figure.figsize": [6.4, 4.8],
        "figure.dpi": 100.0,
        "figure.facecolor": "white",
        "figure.edgecolor": "white",
        "savefig.dpi": "figure",
        "savefig.format": "png",
        "lines.linewidth": 1.5,
        "axes.prop_cycle": [
            "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        ],
    }
)
rcParams = rcParamsDefault.copy()

# As matplotlib: the environment variable wins over the default and any matplotlibrc.
if os.environ.get("MPLBACKEND"):
    rcParams["backend"] = os.environ.get("MPLBACKEND")


def _normalize_backend(name):
    return name if name.startswith("module://") else name.lower()


def get_backend():
    """The name of the current backend."""
    return rcParams["backend"]


def use(backend, *, force=True):
    """Select the backend; pyplot switches to it at once when it is already imported."""
    name = _normalize_backend(backend)
    if rcParams["backend"] == name:
        return
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.switch_backend(name)
    else:
        rcParams["backend"] = name


def is_interactive():
    return rcParams["interactive"]


def interactive(b):
    rcParams["interactive"] = bool(b)
`,
  'matplotlib/_pylab_helpers.py': String.raw`"""TEST DOUBLE of matplotlib._pylab_helpers: pyplot's register of open figures (not matplotlib)."""

from collections import OrderedDict


class Gcf:
    """The figure managers pyplot knows, by figure number; the last one is the active (current) figure."""

    figs = OrderedDict()

    @classmethod
    def get_fig_manager(cls, num):
        manager = cls.figs.get(num, None)
        if manager is not None:
            cls.set_active(manager)
        return manager

    @classmethod
    def destroy(cls, num):
        """Destroy a manager, given as itself or by its number."""
        if all(hasattr(num, attr) for attr in ("num", "destroy")):
            manager = num
            if cls.figs.get(manager.num) is manager:
                cls.figs.pop(manager.num)
            else:
                return
        else:
            manager = cls.figs.pop(num, None)
            if manager is None:
                return
        manager.destroy()

    @classmethod
    def destroy_fig(cls, fig):
        num = next((manager.num for manager in cls.figs.values() if manager.canvas.figure == fig), None)
        if num is not None:
            cls.destroy(num)

    @classmethod
    def destroy_all(cls):
        for manager in list(cls.figs.values()):
            manager.destroy()
        cls.figs.clear()

    @classmethod
    def has_fignum(cls, num):
        return num in cls.figs

    @classmethod
    def get_all_fig_managers(cls):
        return list(cls.figs.values())

    @classmethod
    def get_num_fig_managers(cls):
        return len(cls.figs)

    @classmethod
    def get_active(cls):
        return next(reversed(cls.figs.values())) if cls.figs else None

    @classmethod
    def _set_new_active_manager(cls, manager):
        fig = manager.canvas.figure
        fig.number = manager.num
        label = fig.get_label()
        if label:
            manager.set_window_title(label)
        cls.set_active(manager)

    @classmethod
    def set_active(cls, manager):
        cls.figs[manager.num] = manager
        cls.figs.move_to_end(manager.num)

    @classmethod
    def draw_all(cls, force=False):
        for manager in cls.get_all_fig_managers():
            if force or manager.canvas.figure.stale:
                manager.canvas.draw_idle()
`,
  'matplotlib/backend_bases.py': String.raw`"""TEST DOUBLE of matplotlib.backend_bases: the base classes backends build on (not matplotlib)."""

import os
import sys
import warnings

from matplotlib import rcParams


class NonGuiException(Exception):
    """Raised when trying to show a figure in a non-GUI backend."""


class _classproperty:
    def __init__(self, fget):
        self._fget = fget

    def __get__(self, instance, owner):
        return self._fget(owner)


class FigureCanvasBase:
    """Where a figure is drawn; saving picks the print_<format> method of a canvas that can write the format."""

    required_interactive_framework = None
    manager_class = _classproperty(lambda cls: FigureManagerBase)
    filetypes = {"png": "Portable Network Graphics"}

    def __init__(self, figure=None):
        from matplotlib.figure import Figure

        if figure is None:
            figure = Figure()
        figure.set_canvas(self)
        self.figure = figure
        self.manager = None

    @classmethod
    def new_manager(cls, figure, num):
        return cls.manager_class.create_with_canvas(cls, figure, num)

    def draw(self, *args, **kwargs):
        pass

    def draw_idle(self, *args, **kwargs):
        self.draw(*args, **kwargs)

    def mpl_connect(self, s, func):
        return 0

    def mpl_disconnect(self, cid):
        pass

    def get_default_filetype(self):
        return rcParams["savefig.format"]

    def print_figure(self, filename, dpi=None, facecolor=None, edgecolor=None, orientation="portrait", format=None,
                     *, bbox_inches=None, pad_inches=None, bbox_extra_artists=None, backend=None, **kwargs):
        if format is None:
            if isinstance(filename, os.PathLike):
                filename = os.fspath(filename)
            if isinstance(filename, str):
                format = os.path.splitext(filename)[1][1:]
            if not format:
                format = self.get_default_filetype()
                if isinstance(filename, str):
                    filename = filename.rstrip(".") + "." + format
        format = format.lower()
        if format == "jpg":
            format = "jpeg"
        if dpi is None or dpi == "figure":
            dpi = self.figure.dpi
        method = getattr(self, "print_" + format, None)
        canvas = self
        if method is None:
            # As matplotlib: borrow a canvas that can write the format, then give the figure its own back.
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            if format not in FigureCanvasAgg.filetypes:
                supported = ", ".join(sorted(FigureCanvasAgg.filetypes))
                raise ValueError(f"Format {format!r} is not supported (supported formats: {supported})")
            canvas = FigureCanvasAgg(self.figure)
            method = getattr(canvas, "print_" + format)
        try:
            return method(filename, dpi=dpi)
        finally:
            self.figure.set_canvas(self)


class FigureManagerBase:
    """The window of a pyplot figure; a non-GUI backend's cannot show anything."""

    def __init__(self, canvas, num):
        self.canvas = canvas
        canvas.manager = self
        self.num = num
        self._window_title = f"Figure {num:d}" if isinstance(num, int) else f"Figure {num}"

    @classmethod
    def create_with_canvas(cls, canvas_class, figure, num):
        return cls(canvas_class(figure), num)

    @classmethod
    def start_main_loop(cls):
        pass

    @classmethod
    def pyplot_show(cls, *, block=None):
        from matplotlib._pylab_helpers import Gcf

        managers = Gcf.get_all_fig_managers()
        if not managers:
            return
        for manager in managers:
            try:
                manager.show()
            except NonGuiException as exc:
                warnings.warn(str(exc), stacklevel=2)

    def show(self):
        raise NonGuiException(
            f"{type(self.canvas).__name__} is non-interactive, and thus cannot be shown"
        )

    def destroy(self):
        pass

    def full_screen_toggle(self):
        pass

    def resize(self, w, h):
        pass

    def get_window_title(self):
        return self._window_title

    def set_window_title(self, title):
        self._window_title = title


class _Backend:
    """Defaults for a backend module's functions (pyplot makes a subclass with the module's names)."""

    backend_version = "unknown"
    FigureCanvas = None
    FigureManager = FigureManagerBase
    mainloop = None

    @classmethod
    def new_figure_manager(cls, num, *args, **kwargs):
        from matplotlib.figure import Figure

        fig_cls = kwargs.pop("FigureClass", Figure)
        fig = fig_cls(*args, **kwargs)
        return cls.new_figure_manager_given_figure(num, fig)

    @classmethod
    def new_figure_manager_given_figure(cls, num, figure):
        return cls.FigureCanvas.new_manager(figure, num)

    @classmethod
    def draw_if_interactive(cls):
        pass

    @classmethod
    def show(cls, *, block=None):
        return cls.FigureManager.pyplot_show(block=block)

    @staticmethod
    def export(cls):
        for name in ("backend_version", "FigureCanvas", "FigureManager", "new_figure_manager",
                     "new_figure_manager_given_figure", "draw_if_interactive", "show"):
            setattr(sys.modules[cls.__module__], name, getattr(cls, name))
        return cls
`,
  'matplotlib/backends/__init__.py': String.raw`"""TEST DOUBLE of matplotlib.backends (not matplotlib)."""
`,
  'matplotlib/backends/backend_agg.py': String.raw`"""TEST DOUBLE of matplotlib.backends.backend_agg (not matplotlib).

Draws a figure on a white RGB canvas of figsize x dpi pixels: each axes' frame, its lines, bars and dots in
their colours (no text), and writes it as a real PNG made with zlib and struct.
"""

import os
import struct
import zlib

from matplotlib.backend_bases import FigureCanvasBase, FigureManagerBase, _Backend
from matplotlib.colors import to_rgb


def _png(width, height, rgb):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    stride = width * 3
    raw = b"".join(b"\x00" + bytes(rgb[y * stride:(y + 1) * stride]) for y in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


class _Raster:
    def __init__(self, width, height, background):
        self.width = width
        self.height = height
        self.pixels = bytearray(bytes(background) * (width * height))

    def dot(self, x, y, color, size=1):
        half = size // 2
        for py in range(int(y) - half, int(y) - half + size):
            for px in range(int(x) - half, int(x) - half + size):
                if 0 <= px < self.width and 0 <= py < self.height:
                    i = (py * self.width + px) * 3
                    self.pixels[i:i + 3] = color

    def line(self, x0, y0, x1, y1, color, size=1):
        steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0))))
        for k in range(steps + 1):
            t = k / steps
            self.dot(round(x0 + (x1 - x0) * t), round(y0 + (y1 - y0) * t), color, size)

    def rect(self, x0, y0, x1, y1, color):
        for py in range(max(0, int(min(y0, y1))), min(self.height, int(max(y0, y1)) + 1)):
            start = (py * self.width + max(0, int(min(x0, x1)))) * 3
            end = (py * self.width + min(self.width - 1, int(max(x0, x1)))) * 3 + 3
            if end > start:
                self.pixels[start:end] = bytes(color) * ((end - start) // 3)


def _color(value):
    return bytes(round(c * 255) for c in to_rgb(value))


def render(figure, dpi):
    """The figure as (width, height, RGB bytes)."""
    width_in, height_in = figure.get_size_inches()
    width, height = max(1, round(width_in * dpi)), max(1, round(height_in * dpi))
    raster = _Raster(width, height, _color(figure.get_facecolor()))
    black = _color("black")
    for ax in figure.axes:
        left, bottom, w, h = ax.get_position()
        px0, px1 = left * width, (left + w) * width
        py0, py1 = (1 - bottom - h) * height, (1 - bottom) * height
        (x_lo, x_hi), (y_lo, y_hi) = ax.get_xlim(), ax.get_ylim()

        def to_px(x, y):
            return (px0 + (x - x_lo) / ((x_hi - x_lo) or 1) * (px1 - px0),
                    py1 - (y - y_lo) / ((y_hi - y_lo) or 1) * (py1 - py0))

        for patch in ax.patches:
            (ax0, ay0), (ax1, ay1) = to_px(patch.get_x(), patch.get_y()), to_px(
                patch.get_x() + patch.get_width(), patch.get_y() + patch.get_height())
            raster.rect(ax0, ay0, ax1, ay1, _color(patch.get_facecolor()))
        for line in ax.lines:
            color, size = _color(line.get_color()), max(1, round(line.get_linewidth() * dpi / 72))
            points = [to_px(x, y) for x, y in zip(line.get_xdata(), line.get_ydata())]
            if line.get_linestyle() not in ("None", "", " ", "none"):
                for (xa, ya), (xb, yb) in zip(points, points[1:]):
                    raster.line(xa, ya, xb, yb, color, size)
            if line.get_marker() not in (None, "None", "", " ", "none"):
                for x, y in points:
                    raster.dot(x, y, color, size * 3)
        for collection in ax.collections:
            color = _color(collection.get_facecolor())
            for x, y in collection.get_offsets():
                raster.dot(*to_px(x, y), color, max(2, round(dpi / 20)))
        raster.line(px0, py0, px1, py0, black)
        raster.line(px0, py1, px1, py1, black)
        raster.line(px0, py0, px0, py1, black)
        raster.line(px1, py0, px1, py1, black)
    return width, height, raster.pixels


class FigureCanvasAgg(FigureCanvasBase):
    """The canvas that writes PNG (the real one also writes JPEG, TIFF, WebP… through Pillow)."""

    filetypes = {"png": "Portable Network Graphics"}

    def draw(self):
        self._last = render(self.figure, self.figure.dpi)
        self.figure.stale = False

    def print_png(self, filename_or_obj, *, metadata=None, pil_kwargs=None, dpi=None):
        width, height, pixels = render(self.figure, dpi or self.figure.dpi)
        data = _png(width, height, pixels)
        if isinstance(filename_or_obj, (str, os.PathLike)):
            with open(filename_or_obj, "wb") as f:
                f.write(data)
        else:
            filename_or_obj.write(data)


FigureCanvas = FigureCanvasAgg


@_Backend.export
class _BackendAgg(_Backend):
    backend_version = "standin"
    FigureCanvas = FigureCanvasAgg
    FigureManager = FigureManagerBase
`,
  'matplotlib/colors.py': String.raw`"""TEST DOUBLE of matplotlib.colors: a few colour names and hex strings (not matplotlib)."""

_NAMED = {
    "b": "#0000ff", "g": "#008000", "r": "#ff0000", "c": "#00bfbf", "m": "#bf00bf", "y": "#bfbf00",
    "k": "#000000", "w": "#ffffff", "blue": "#0000ff", "green": "#008000", "red": "#ff0000", "cyan": "#00ffff",
    "magenta": "#ff00ff", "yellow": "#ffff00", "black": "#000000", "white": "#ffffff", "orange": "#ffa500",
    "purple": "#800080", "gray": "#808080", "grey": "#808080", "pink": "#ffc0cb", "brown": "#a52a2a",
}
_CYCLE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
          "#17becf"]


def to_rgb(c):
    """The colour c (a name, "#rrggbb", "C0"…"C9", or an RGB(A) tuple of 0-1 floats) as (r, g, b) floats."""
    if isinstance(c, (tuple, list)):
        return tuple(float(v) for v in c[:3])
    text = str(c).strip().lower()
    if len(text) == 2 and text[0] == "c" and text[1].isdigit():
        text = _CYCLE[int(text[1])]
    text = _NAMED.get(text, text)
    if text.startswith("#") and len(text) in (7, 9):
        return tuple(int(text[i:i + 2], 16) / 255 for i in (1, 3, 5))
    raise ValueError(f"{c!r} is not a valid color value.")


def is_color_like(c):
    try:
        to_rgb(c)
    except (ValueError, TypeError, IndexError):
        return False
    return True
`,
  'matplotlib/text.py': String.raw`"""TEST DOUBLE of matplotlib.text (not matplotlib)."""


class Text:
    def __init__(self, x=0, y=0, text="", **kwargs):
        self._x, self._y = x, y
        self._text = "" if text is None else str(text)

    def get_text(self):
        return self._text

    def set_text(self, s):
        self._text = "" if s is None else str(s)

    def __repr__(self):
        return f"Text({self._x:g}, {self._y:g}, {self._text!r})"
`,
  'matplotlib/lines.py': String.raw`"""TEST DOUBLE of matplotlib.lines (not matplotlib)."""


class Line2D:
    def __init__(self, xdata, ydata, *, linewidth=None, linestyle=None, color=None, marker=None, label=None,
                 **kwargs):
        from matplotlib import rcParams

        self._x, self._y = list(xdata), list(ydata)
        self._linewidth = rcParams["lines.linewidth"] if linewidth is None else linewidth
        self._linestyle = "-" if linestyle is None else linestyle
        self._color = color
        self._marker = "None" if marker is None else marker
        self._label = "" if label is None else str(label)

    def get_xdata(self):
        return list(self._x)

    def get_ydata(self):
        return list(self._y)

    def get_color(self):
        return self._color

    def get_linewidth(self):
        return self._linewidth

    def get_linestyle(self):
        return self._linestyle

    def get_marker(self):
        return self._marker

    def get_label(self):
        return self._label

    def __repr__(self):
        return f"<matplotlib.lines.Line2D object at {id(self):#x}>"
`,
  'matplotlib/patches.py': String.raw`"""TEST DOUBLE of matplotlib.patches (not matplotlib)."""


class Rectangle:
    def __init__(self, xy, width, height, *, facecolor=None, label=None, **kwargs):
        self._x, self._y = xy
        self._width, self._height = width, height
        self._facecolor = facecolor
        self._label = "" if label is None else str(label)

    def get_x(self):
        return self._x

    def get_y(self):
        return self._y

    def get_width(self):
        return self._width

    def get_height(self):
        return self._height

    def get_facecolor(self):
        return self._facecolor

    def __repr__(self):
        return f"<matplotlib.patches.Rectangle object at {id(self):#x}>"
`,
  'matplotlib/collections.py': String.raw`"""TEST DOUBLE of matplotlib.collections (not matplotlib)."""


class PathCollection:
    def __init__(self, offsets, *, facecolor=None, label=None, **kwargs):
        self._offsets = [tuple(p) for p in offsets]
        self._facecolor = facecolor
        self._label = "" if label is None else str(label)

    def get_offsets(self):
        return list(self._offsets)

    def get_facecolor(self):
        return self._facecolor

    def __repr__(self):
        return f"<matplotlib.collections.PathCollection object at {id(self):#x}>"
`,
  'matplotlib/axes/__init__.py': String.raw`"""TEST DOUBLE of matplotlib.axes (not matplotlib)."""

from matplotlib.axes._axes import Axes

__all__ = ["Axes"]
`,
  'matplotlib/axes/_axes.py': String.raw`"""TEST DOUBLE of matplotlib.axes._axes: plot, bar and scatter keep their data for the canvas (not matplotlib)."""

import numbers

from matplotlib import rcParams
from matplotlib.collections import PathCollection
from matplotlib.colors import is_color_like
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

_MARKERS = set(".,ov^<>12348sp*hH+xXDd|_")


def _parse_fmt(fmt):
    """A format string such as "ro--" as (color, marker, linestyle)."""
    color = marker = linestyle = None
    rest = fmt
    for style in ("--", "-.", "-", ":"):
        if style in rest:
            linestyle = style
            rest = rest.replace(style, "", 1)
            break
    for ch in rest:
        if ch in _MARKERS and marker is None:
            marker = ch
        elif is_color_like(ch):
            color = ch
        else:
            raise ValueError(f"{fmt!r} is not a valid format string (unrecognized character {ch!r})")
    if marker is not None and linestyle is None:
        linestyle = "None"
    return color, marker, linestyle


class Axes:
    """One plot area of a figure, at rect = (left, bottom, width, height) in figure fractions."""

    def __init__(self, fig, rect, **kwargs):
        self.figure = fig
        self._position = tuple(rect)
        self.lines, self.patches, self.collections = [], [], []
        self.title = Text(0.5, 1.0, "")
        self._left_title, self._right_title = Text(0.0, 1.0, ""), Text(1.0, 1.0, "")
        self._xlabel = self._ylabel = ""
        self._xlim = self._ylim = None
        self._next_color = 0
        self._categories = {}

    def get_position(self):
        return self._position

    def _color(self):
        cycle = rcParams["axes.prop_cycle"]
        color = cycle[self._next_color % len(cycle)]
        self._next_color += 1
        return color

    def _x_values(self, values):
        out = []
        for v in values:
            if isinstance(v, str):
                v = self._categories.setdefault(v, len(self._categories))
            out.append(float(v))
        return out

    def _stale(self):
        self.figure.stale = True

    # --- plotting ----------------------------------------------------------------

    def plot(self, *args, scalex=True, scaley=True, data=None, **kwargs):
        """plot(y), plot(x, y), plot(x, y, fmt), and several such groups: a list of Line2D."""
        args = list(args)
        made = []
        while args:
            first = args.pop(0)
            if args and not isinstance(args[0], str):
                x, y = first, args.pop(0)
            else:
                y = first
                x = range(len(list(y)))
            fmt = args.pop(0) if args and isinstance(args[0], str) else ""
            x, y = list(x), list(y)
            if len(x) != len(y):
                raise ValueError(
                    f"x and y must have same first dimension, but have shapes ({len(x)},) and ({len(y)},)"
                )
            color, marker, linestyle = _parse_fmt(fmt)
            line = Line2D(
                self._x_values(x),
                [float(v) for v in y],
                color=kwargs.get("color", kwargs.get("c", color)) or self._color(),
                marker=kwargs.get("marker", marker),
                linestyle=kwargs.get("linestyle", kwargs.get("ls", linestyle)),
                linewidth=kwargs.get("linewidth", kwargs.get("lw")),
                label=kwargs.get("label"),
            )
            self.lines.append(line)
            made.append(line)
        self._stale()
        return made

    def bar(self, x, height, width=0.8, bottom=None, *, align="center", color=None, label=None, **kwargs):
        x = self._x_values(x if not isinstance(x, (numbers.Number, str)) else [x])
        heights = list(height) if not isinstance(height, numbers.Number) else [height] * len(x)
        color = color or self._color()
        bars = []
        for i, (xi, h) in enumerate(zip(x, heights)):
            base = 0 if bottom is None else (bottom if isinstance(bottom, numbers.Number) else bottom[i])
            left = xi - width / 2 if align == "center" else xi
            bar = Rectangle((left, base), width, float(h), facecolor=color if isinstance(color, str) else color[i])
            self.patches.append(bar)
            bars.append(bar)
        self._stale()
        return bars

    def scatter(self, x, y, s=None, c=None, *, marker=None, color=None, label=None, **kwargs):
        x, y = self._x_values(x), [float(v) for v in y]
        if len(x) != len(y):
            raise ValueError("x and y must be the same size")
        collection = PathCollection(list(zip(x, y)), facecolor=c or color or self._color(), label=label)
        self.collections.append(collection)
        self._stale()
        return collection

    # --- labels and limits ---------------------------------------------------------

    def _title_of(self, loc):
        loc = "center" if loc is None else loc
        titles = {"center": self.title, "left": self._left_title, "right": self._right_title}
        if loc not in titles:
            raise ValueError(f"{loc!r} is not a valid value for loc; supported values are 'left', 'center', 'right'")
        return titles[loc]

    def set_title(self, label, fontdict=None, loc=None, pad=None, *, y=None, **kwargs):
        title = self._title_of(loc)
        title.set_text(label)
        self._stale()
        return title

    def get_title(self, loc="center"):
        return self._title_of(loc).get_text()

    def set_xlabel(self, xlabel, fontdict=None, labelpad=None, **kwargs):
        self._xlabel = str(xlabel)

    def get_xlabel(self):
        return self._xlabel

    def set_ylabel(self, ylabel, fontdict=None, labelpad=None, **kwargs):
        self._ylabel = str(ylabel)

    def get_ylabel(self):
        return self._ylabel

    def legend(self, *args, **kwargs):
        return None

    def grid(self, visible=None, which="major", axis="both", **kwargs):
        pass

    def _data_limits(self, axis):
        values = []
        for line in self.lines:
            values += line.get_xdata() if axis == 0 else line.get_ydata()
        for patch in self.patches:
            if axis == 0:
                values += [patch.get_x(), patch.get_x() + patch.get_width()]
            else:
                values += [patch.get_y(), patch.get_y() + patch.get_height()]
        for collection in self.collections:
            values += [p[axis] for p in collection.get_offsets()]
        if not values:
            return (0.0, 1.0)
        lo, hi = min(values), max(values)
        margin = (hi - lo) * 0.05 or 0.5
        return (lo - margin, hi + margin)

    def get_xlim(self):
        return self._xlim or self._data_limits(0)

    def get_ylim(self):
        return self._ylim or self._data_limits(1)

    def set_xlim(self, left=None, right=None, **kwargs):
        if isinstance(left, (tuple, list)):
            left, right = left
        lo, hi = self.get_xlim()
        self._xlim = (lo if left is None else left, hi if right is None else right)
        return self._xlim

    def set_ylim(self, bottom=None, top=None, **kwargs):
        if isinstance(bottom, (tuple, list)):
            bottom, top = bottom
        lo, hi = self.get_ylim()
        self._ylim = (lo if bottom is None else bottom, hi if top is None else top)
        return self._ylim

    def clear(self):
        self.__init__(self.figure, self._position)

    def __repr__(self):
        return f"<Axes: title={{'center': {self.get_title()!r}}}>" if self.get_title() else "<Axes: >"
`,
  'matplotlib/figure.py': String.raw`"""TEST DOUBLE of matplotlib.figure: the Figure that holds axes and saves itself (not matplotlib)."""

import warnings

from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.backend_bases import FigureCanvasBase, NonGuiException
from matplotlib.text import Text

# The default subplot parameters of matplotlib's figure.subplot.* settings.
_LEFT, _RIGHT, _BOTTOM, _TOP, _WSPACE, _HSPACE = 0.125, 0.9, 0.11, 0.88, 0.2, 0.2


class Figure:
    """The top level container for all the plot elements."""

    def __init__(self, figsize=None, dpi=None, *, facecolor=None, edgecolor=None, linewidth=0.0, frameon=None,
                 layout=None, **kwargs):
        self._size_inches = [float(v) for v in (figsize or rcParams["figure.figsize"])]
        self.dpi = float(dpi or rcParams["figure.dpi"])
        self._facecolor = facecolor or rcParams["figure.facecolor"]
        self._axes = []
        self._gca = None
        self._suptitle = None
        self._label = ""
        self.number = None
        self.stale = True
        self.canvas = None
        FigureCanvasBase(self)

    # --- bookkeeping ------------------------------------------------------------

    @property
    def axes(self):
        return list(self._axes)

    def set_canvas(self, canvas):
        self.canvas = canvas

    def get_label(self):
        return self._label

    def set_label(self, s):
        self._label = "" if s is None else str(s)

    def get_size_inches(self):
        return tuple(self._size_inches)

    def set_size_inches(self, w, h=None, forward=True):
        if h is None:
            w, h = w
        self._size_inches = [float(w), float(h)]
        self.stale = True

    def get_dpi(self):
        return self.dpi

    def set_dpi(self, val):
        self.dpi = float(val)
        self.stale = True

    def get_facecolor(self):
        return self._facecolor

    # --- contents ---------------------------------------------------------------

    def add_subplot(self, *args, **kwargs):
        if not args:
            args = (1, 1, 1)
        if len(args) == 1 and isinstance(args[0], int):
            args = tuple(int(d) for d in str(args[0]))
        nrows, ncols, index = args
        row, col = divmod(index - 1, ncols)
        cell_w = (_RIGHT - _LEFT) / (ncols + _WSPACE * (ncols - 1))
        cell_h = (_TOP - _BOTTOM) / (nrows + _HSPACE * (nrows - 1))
        left = _LEFT + col * cell_w * (1 + _WSPACE)
        bottom = _TOP - (row + 1) * cell_h - row * cell_h * _HSPACE
        ax = Axes(self, (left, bottom, cell_w, cell_h), **kwargs)
        self._axes.append(ax)
        self._gca = ax
        self.stale = True
        return ax

    def subplots(self, nrows=1, ncols=1, *, sharex=False, sharey=False, squeeze=True, **kwargs):
        """One Axes, or (as matplotlib's array of them) a list, or a list of rows."""
        grid = [[self.add_subplot(nrows, ncols, r * ncols + c + 1) for c in range(ncols)] for r in range(nrows)]
        if squeeze and nrows == 1 and ncols == 1:
            return grid[0][0]
        if squeeze and (nrows == 1 or ncols == 1):
            return [ax for row in grid for ax in row]
        return grid

    def gca(self):
        return self._gca if self._gca is not None else self.add_subplot()

    def sca(self, a):
        self._gca = a
        return a

    def suptitle(self, t, **kwargs):
        self._suptitle = Text(0.5, 0.98, t)
        self.stale = True
        return self._suptitle

    def get_suptitle(self):
        return "" if self._suptitle is None else self._suptitle.get_text()

    def clear(self, keep_observers=False):
        self._axes = []
        self._gca = None
        self._suptitle = None
        self.stale = True

    def clf(self, keep_observers=False):
        return self.clear(keep_observers)

    # --- output -----------------------------------------------------------------

    def savefig(self, fname, *, transparent=None, **kwargs):
        """Save the figure: to a path (format from its extension, else rcParams["savefig.format"]) or a file."""
        kwargs.setdefault("dpi", rcParams["savefig.dpi"])
        return self.canvas.print_figure(fname, **kwargs)

    def show(self, warn=True):
        if self.canvas.manager is None:
            raise AttributeError(
                "Figure.show works only for figures managed by pyplot, normally created by pyplot.figure()"
            )
        try:
            self.canvas.manager.show()
        except NonGuiException as exc:
            if warn:
                warnings.warn(str(exc), stacklevel=2)

    def __str__(self):
        w, h = self._size_inches
        return f"Figure({w * self.dpi:g}x{h * self.dpi:g})"

    def __repr__(self):
        w, h = self._size_inches
        n = len(self._axes)
        return f"<{type(self).__name__} size {w * self.dpi:g}x{h * self.dpi:g} with {n} Axes>"
`,
  'matplotlib/pyplot.py': String.raw`"""TEST DOUBLE of matplotlib.pyplot: the state-machine interface over Gcf and the backend (not matplotlib).

As in matplotlib 3.8+, the backend is loaded on first need by switch_backend(rcParams["backend"]); a
"module://name" backend is imported by name and provides FigureCanvas and, optionally, new_figure_manager and
show (else the canvas' manager_class.pyplot_show is used).
"""

import importlib
import inspect

import matplotlib
from matplotlib import _pylab_helpers, rcParams, rcParamsDefault
from matplotlib.backend_bases import FigureManagerBase, _Backend
from matplotlib.figure import Figure

_backend_mod = None


def _backend_module_name(name):
    return name[len("module://"):] if name.startswith("module://") else f"matplotlib.backends.backend_{name.lower()}"


def switch_backend(newbackend):
    """Set the pyplot backend: load its module and take its functions."""
    global _backend_mod
    old_backend = rcParams["backend"]
    module = importlib.import_module(_backend_module_name(newbackend))
    canvas_class = module.FigureCanvas
    new_figure_manager = getattr(module, "new_figure_manager", None)
    show = getattr(module, "show", None)

    class backend_mod(_Backend):
        locals().update(vars(module))

    if new_figure_manager is None:

        def new_figure_manager_given_figure(num, figure):
            return canvas_class.new_manager(figure, num)

        def new_figure_manager(num, *args, FigureClass=Figure, **kwargs):
            return new_figure_manager_given_figure(num, FigureClass(*args, **kwargs))

        backend_mod.new_figure_manager_given_figure = new_figure_manager_given_figure
        backend_mod.new_figure_manager = new_figure_manager

    manager_class = getattr(canvas_class, "manager_class", None)
    manager_pyplot_show = inspect.getattr_static(manager_class, "pyplot_show", None)
    base_pyplot_show = inspect.getattr_static(FigureManagerBase, "pyplot_show", None)
    if show is None or (manager_pyplot_show is not None and manager_pyplot_show != base_pyplot_show):
        if not manager_pyplot_show:
            raise ValueError(
                f"Backend {newbackend} defines neither FigureCanvas.manager_class nor a toplevel show function"
            )
        backend_mod.show = manager_class.pyplot_show

    rcParams["backend"] = rcParamsDefault["backend"] = newbackend
    _backend_mod = backend_mod
    if old_backend != newbackend:
        close("all")


def _get_backend_mod():
    if _backend_mod is None:
        switch_backend(rcParams["backend"])
    return _backend_mod


def new_figure_manager(*args, **kwargs):
    return _get_backend_mod().new_figure_manager(*args, **kwargs)


def draw_if_interactive(*args, **kwargs):
    return _get_backend_mod().draw_if_interactive(*args, **kwargs)


def show(*args, **kwargs):
    """Display all open figures (what that means is the backend's)."""
    return _get_backend_mod().show(*args, **kwargs)


def isinteractive():
    return matplotlib.is_interactive()


def ion():
    matplotlib.interactive(True)


def ioff():
    matplotlib.interactive(False)


# --- figures -------------------------------------------------------------------


def figure(num=None, figsize=None, dpi=None, *, facecolor=None, edgecolor=None, frameon=True, FigureClass=Figure,
           clear=False, **kwargs):
    """Create a new figure, or activate an existing one (by number, label or the Figure itself)."""
    if isinstance(num, Figure):
        if num.canvas.manager is None:
            raise ValueError("The passed figure is not managed by pyplot")
        _pylab_helpers.Gcf.set_active(num.canvas.manager)
        return num
    allnums = get_fignums()
    next_num = max(allnums) + 1 if allnums else 1
    fig_label = ""
    if num is None:
        num = next_num
    elif isinstance(num, str):
        fig_label = num
        labels = get_figlabels()
        num = allnums[labels.index(fig_label)] if fig_label in labels else next_num
    else:
        num = int(num)
    manager = _pylab_helpers.Gcf.get_fig_manager(num)
    if manager is None:
        manager = new_figure_manager(num, figsize=figsize, dpi=dpi, facecolor=facecolor, edgecolor=edgecolor,
                                     frameon=frameon, FigureClass=FigureClass, **kwargs)
        fig = manager.canvas.figure
        if fig_label:
            fig.set_label(fig_label)
        _pylab_helpers.Gcf._set_new_active_manager(manager)
    if clear:
        manager.canvas.figure.clear()
    return manager.canvas.figure


def gcf():
    manager = _pylab_helpers.Gcf.get_active()
    return manager.canvas.figure if manager is not None else figure()


def gca():
    return gcf().gca()


def get_fignums():
    return sorted(_pylab_helpers.Gcf.figs)


def get_figlabels():
    managers = sorted(_pylab_helpers.Gcf.get_all_fig_managers(), key=lambda m: m.num)
    return [m.canvas.figure.get_label() for m in managers]


def fignum_exists(num):
    return _pylab_helpers.Gcf.has_fignum(num) if isinstance(num, int) else num in get_figlabels()


def close(fig=None):
    """Close a figure: the current one, 'all', a number, a label or a Figure."""
    if fig is None:
        manager = _pylab_helpers.Gcf.get_active()
        if manager is not None:
            _pylab_helpers.Gcf.destroy(manager)
    elif fig == "all":
        _pylab_helpers.Gcf.destroy_all()
    elif isinstance(fig, int):
        _pylab_helpers.Gcf.destroy(fig)
    elif isinstance(fig, str):
        labels = get_figlabels()
        if fig in labels:
            _pylab_helpers.Gcf.destroy(get_fignums()[labels.index(fig)])
    elif isinstance(fig, Figure):
        _pylab_helpers.Gcf.destroy_fig(fig)
    else:
        raise TypeError("close() argument must be a Figure, an int, a string, or None, not %s" % type(fig))


def clf():
    gcf().clear()


def draw():
    gcf().canvas.draw_idle()


def savefig(*args, **kwargs):
    fig = gcf()
    res = fig.savefig(*args, **kwargs)
    fig.canvas.draw_idle()
    return res


def subplots(nrows=1, ncols=1, *, sharex=False, sharey=False, squeeze=True, subplot_kw=None, gridspec_kw=None,
             **fig_kw):
    fig = figure(**fig_kw)
    axs = fig.subplots(nrows, ncols, sharex=sharex, sharey=sharey, squeeze=squeeze)
    return fig, axs


def subplot(*args, **kwargs):
    return gcf().add_subplot(*args, **kwargs)


def suptitle(t, **kwargs):
    return gcf().suptitle(t, **kwargs)


# --- the current axes ------------------------------------------------------------


def plot(*args, scalex=True, scaley=True, data=None, **kwargs):
    return gca().plot(*args, scalex=scalex, scaley=scaley, data=data, **kwargs)


def bar(x, height, width=0.8, bottom=None, *, align="center", data=None, **kwargs):
    return gca().bar(x, height, width=width, bottom=bottom, align=align, **kwargs)


def scatter(x, y, s=None, c=None, marker=None, *, data=None, **kwargs):
    return gca().scatter(x, y, s=s, c=c, marker=marker, **kwargs)


def title(label, fontdict=None, loc=None, pad=None, *, y=None, **kwargs):
    return gca().set_title(label, fontdict=fontdict, loc=loc, pad=pad, y=y, **kwargs)


def xlabel(xlabel, fontdict=None, labelpad=None, *, loc=None, **kwargs):
    return gca().set_xlabel(xlabel, fontdict=fontdict, labelpad=labelpad, **kwargs)


def ylabel(ylabel, fontdict=None, labelpad=None, *, loc=None, **kwargs):
    return gca().set_ylabel(ylabel, fontdict=fontdict, labelpad=labelpad, **kwargs)


def legend(*args, **kwargs):
    return gca().legend(*args, **kwargs)


def grid(visible=None, which="major", axis="both", **kwargs):
    return gca().grid(visible, which=which, axis=axis, **kwargs)


def xlim(*args, **kwargs):
    ax = gca()
    return ax.set_xlim(*args, **kwargs) if args or kwargs else ax.get_xlim()


def ylim(*args, **kwargs):
    ax = gca()
    return ax.set_ylim(*args, **kwargs) if args or kwargs else ax.get_ylim()
`,
};

export const MATPLOTLIB_STANDIN_WHEEL = {
  key: 'matplotlib',
  version: '0.0.0.dev0',
  fileName: 'matplotlib-0.0.0.dev0-py3-none-any.whl',
};

/**
 * Writes the stand-in as a pure-Python wheel into `dir` and returns its
 * Pyodide lock entry (key "matplotlib", so it takes the real package's place
 * in a lock it is merged into).
 */
export function makeMatplotlibStandinWheel(dir: string): Record<string, unknown> {
  return writeWheel(dir, {
    name: MATPLOTLIB_STANDIN_WHEEL.key,
    version: MATPLOTLIB_STANDIN_WHEEL.version,
    importName: 'matplotlib',
    files: MATPLOTLIB_STANDIN,
    summary: 'A test double of matplotlib (not matplotlib)',
  });
}
