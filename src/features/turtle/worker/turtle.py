"""Turtle graphics, as CPython's `turtle` module offers it, drawn by the playground's page.

Programs written for desktop CPython's turtle run unchanged: the same names, the same
numbers (positions, headings, colours), the same timing of animations. There is no Tk
here, so the geometry is all done in this module and the page only keeps and paints
items it is sent as batches of floats (features/turtle/shared/ops.ts is the contract).

Layout of this file:
  constants and the wire format      — OP_* numbers, the batch being filled
  colours, Vec2D, Shape, errors      — values programs see
  TurtleScreen / _Screen / Screen()  — the window: setup, modes, events, timers, frames
  RawTurtle / Turtle                 — navigation, pen, drawing, undo, shapes
  procedural functions               — `from turtle import *`
  run hooks                          — a fresh start for each run, the event loop at the end
"""

import builtins
import heapq
import inspect
import json
import math
import os
import sys
import time
from array import array
from collections import deque
from contextlib import contextmanager

import playground_runner as _runner
from _turtle_tk import COLORS as _TK_COLORS

# --- the wire format (must match src/features/turtle/shared/ops.ts) ---------------------

OP_SETUP = 1
OP_BGCOLOR = 2
OP_CLEAR = 3
OP_LINE = 4
OP_POLY = 5
OP_DOT = 6
OP_TEXT = 7
OP_FILL = 8
OP_FILLED = 9
OP_DELETE = 10
OP_DELETE_OWNER = 11
OP_SPRITE = 12
OP_SPRITE_GONE = 13
OP_TITLE = 14
OP_LISTEN = 15
OP_ASK = 16
OP_MEASURE = 17
OP_BYE = 18
OP_SAVE = 19

MAX_BATCH_FLOATS = 1 << 20
MAX_BATCH_STRINGS = 1 << 16

#: Without sleeping, frames are sent to the page at most this often (seconds): the page
#: cannot show more, and each batch costs a message.
_FRAME_INTERVAL = 1 / 60

_tg_classes = ["ScrolledCanvas", "TurtleScreen", "Screen", "RawTurtle", "Turtle", "RawPen", "Pen", "Shape", "Vec2D"]
_tg_screen_functions = [
    "addshape", "bgcolor", "bgpic", "bye", "clearscreen", "colormode", "delay", "exitonclick", "getcanvas",
    "getshapes", "listen", "mainloop", "mode", "no_animation", "numinput", "onkey", "onkeypress", "onkeyrelease",
    "onscreenclick", "ontimer", "register_shape", "resetscreen", "save", "screensize", "setup",
    "setworldcoordinates", "textinput", "title", "tracer", "turtles", "update", "window_height", "window_width",
]  # fmt: skip
_tg_turtle_functions = [
    "back", "backward", "begin_fill", "begin_poly", "bk", "circle", "clear", "clearstamp", "clearstamps", "clone",
    "color", "degrees", "distance", "dot", "down", "end_fill", "end_poly", "fd", "fill", "fillcolor", "filling",
    "forward", "get_poly", "getpen", "getscreen", "get_shapepoly", "getturtle", "goto", "heading", "hideturtle",
    "home", "ht", "isdown", "isvisible", "left", "lt", "onclick", "ondrag", "onrelease", "pd", "pen", "pencolor",
    "pendown", "pensize", "penup", "poly", "pos", "position", "pu", "radians", "right", "reset", "resizemode", "rt",
    "seth", "setheading", "setpos", "setposition", "setundobuffer", "setx", "sety", "shape", "shapesize",
    "shapetransform", "shearfactor", "showturtle", "speed", "st", "stamp", "teleport", "tilt", "tiltangle",
    "towards", "turtlesize", "undo", "undobufferentries", "up", "width", "write", "xcor", "ycor",
]  # fmt: skip
_tg_utilities = ["write_docstringdict", "done"]

__all__ = _tg_classes + _tg_screen_functions + _tg_turtle_functions + _tg_utilities + ["Terminator"]

_CFG = {
    "width": 0.5,
    "height": 0.75,
    "canvwidth": 400,
    "canvheight": 300,
    "leftright": None,
    "topbottom": None,
    "mode": "standard",
    "colormode": 1.0,
    "delay": 10,
    "undobuffersize": 1000,
    "shape": "classic",
    "pencolor": "black",
    "fillcolor": "black",
    "resizemode": "noresize",
    "visible": True,
    "language": "english",
    "exampleturtle": "turtle",
    "examplescreen": "screen",
    "title": "Python Turtle Graphics",
    "using_IDLE": False,
}


class _Batch:
    """The ops waiting to go to the page. One per run; sent at frames, waits and the end."""

    __slots__ = ("ops", "strs", "index", "log")

    def __init__(self):
        self.ops = array("d")
        self.strs = []
        self.index = {}
        self.log = None  # an _ItemLog while the screen is in world mode

    def room(self, floats, strings=2):
        # An op must not straddle two batches, so make room before its strings are numbered.
        if len(self.ops) + floats > MAX_BATCH_FLOATS or len(self.strs) + strings > MAX_BATCH_STRINGS:
            self.send()

    def s(self, text):
        if not text:
            return -1
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = len(self.strs)
            self.strs.append(text)
        return i

    def send(self):
        if not self.ops:
            return
        ops, strs = self.ops, self.strs
        self.ops = array("d")
        self.strs = []
        self.index = {}
        if self.log is not None:
            self.log.feed(ops, strs)
        _runner.emit("turtle", {"ops": ops.tobytes(), "strs": strs})


class _ItemLog:
    """The items on the page, kept while in world mode: setworldcoordinates() moves and scales them all.

    On a Tk canvas the drawing is in canvas units, so a new world rescales what is already drawn (point by
    point; pen widths, dot sizes and fonts stay). The page keeps pixels, so the items are sent again.
    """

    __slots__ = ("items", "by_id", "seq")

    def __init__(self):
        self.items = {}  # seq -> [op, id, owner, fields...], in stacking order
        self.by_id = {}  # id -> [seq]
        self.seq = 0

    def _add(self, item):
        self.seq += 1
        self.items[self.seq] = item
        self.by_id.setdefault(item[1], []).append(self.seq)

    def feed(self, ops, strs):
        """Read a batch about to go to the page (layouts as in ops.ts)."""
        i, n = 0, len(ops)

        def st(k):
            return "" if k < 0 else strs[int(k)]

        while i < n:
            op = int(ops[i])
            if op == OP_LINE:
                k = int(ops[i + 3])
                e = i + 4 + 2 * k
                self._add([op, ops[i + 1], ops[i + 2], ops[i + 4 : e].tolist(), ops[e], st(ops[e + 1])])
                i = e + 2
            elif op == OP_POLY:
                k = int(ops[i + 3])
                e = i + 4 + 2 * k
                self._add([op, ops[i + 1], ops[i + 2], ops[i + 4 : e].tolist(), st(ops[e]), st(ops[e + 1]), ops[e + 2]])
                i = e + 3
            elif op == OP_DOT:
                self._add([op, ops[i + 1], ops[i + 2], ops[i + 3 : i + 5].tolist(), ops[i + 5], st(ops[i + 6])])
                i += 7
            elif op == OP_TEXT:
                a = ops[i + 3 : i + 9]
                self._add([op, ops[i + 1], ops[i + 2], a[:2].tolist(), a[2], st(a[3]), st(a[4]), st(a[5])])
                i += 9
            elif op == OP_FILL:
                self._add([op, ops[i + 1], ops[i + 2], None, ""])
                i += 3
            elif op == OP_FILLED:
                k = int(ops[i + 2])
                e = i + 3 + 2 * k
                for q in self.by_id.get(ops[i + 1], ()):
                    item = self.items.get(q)
                    if item is not None and item[0] == OP_FILL:
                        item[3], item[4] = (ops[i + 3 : e].tolist(), st(ops[e])) if k else (None, "")
                i = e + 1
            elif op == OP_DELETE:
                for q in self.by_id.pop(ops[i + 1], ()):
                    self.items.pop(q, None)
                i += 2
            elif op == OP_DELETE_OWNER:
                owner = ops[i + 1]
                for q in [q for q, item in self.items.items() if item[2] == owner]:
                    self.items.pop(q)
                i += 2
            elif op == OP_CLEAR:
                self.items.clear()
                self.by_id.clear()
                i += 1
            elif op == OP_SPRITE:
                i += 6 + 2 * int(ops[i + 5]) + 2  # to the number of polygons
                count = int(ops[i])
                i += 1
                for _ in range(count):
                    i += 1 + 2 * int(ops[i]) + 3
            else:
                i += _OP_SIZES.get(op, 1)

    def resend(self, kx, ky, dx, dy):
        """Send every item again with its points mapped to (x·kx + dx, y·ky + dy); the log starts afresh."""
        items = list(self.items.values())
        self.items, self.by_id, self.seq = {}, {}, 0
        o = _out
        for item in items:
            op, iid, owner, pts = item[0], item[1], item[2], item[3]
            if pts is not None:
                pts = [v * kx + dx if j % 2 == 0 else v * ky + dy for j, v in enumerate(pts)]
            if op == OP_LINE:
                o.room(6 + len(pts), 1)
                o.ops.extend((op, iid, owner, len(pts) // 2))
                o.ops.extend(pts)
                o.ops.extend((item[4], o.s(item[5])))
            elif op == OP_POLY:
                o.room(7 + len(pts))
                o.ops.extend((op, iid, owner, len(pts) // 2))
                o.ops.extend(pts)
                o.ops.extend((o.s(item[4]), o.s(item[5]), item[6]))
            elif op == OP_DOT:
                o.room(7, 1)
                o.ops.extend((op, iid, owner, pts[0], pts[1], item[4], o.s(item[5])))
            elif op == OP_TEXT:
                o.room(9, 3)
                o.ops.extend((op, iid, owner, pts[0], pts[1], item[4], o.s(item[5]), o.s(item[6]), o.s(item[7])))
            elif op == OP_FILL:
                o.room(7 + (len(pts) if pts else 0), 1)
                o.ops.extend((op, iid, owner))
                if pts:
                    o.ops.extend((OP_FILLED, iid, len(pts) // 2))
                    o.ops.extend(pts)
                    o.ops.append(o.s(item[4]))


# Floats (with the op code) of the ops an _ItemLog passes over.
_OP_SIZES = {
    OP_SETUP: 4, OP_BGCOLOR: 2, OP_SPRITE_GONE: 2, OP_TITLE: 2, OP_LISTEN: 1, OP_ASK: 7, OP_MEASURE: 3,
    OP_BYE: 1, OP_SAVE: 2,
}  # fmt: skip


_out = _Batch()
_last_id = 0


def _new_id():
    global _last_id
    _last_id += 1
    return _last_id


# --- errors, vectors, colours, shapes ---------------------------------------------------


class TurtleGraphicsError(Exception):
    """Some TurtleGraphics Error"""


class Terminator(Exception):
    """Raised by turtle commands once the window was closed (bye())."""


class _Unavailable(TurtleGraphicsError, AttributeError):
    """A Tk feature the page cannot offer (hasattr() sees it as missing)."""


class Vec2D(tuple):
    """A 2 dimensional vector class, used as a helper class for implementing turtle graphics.

    a+b vector addition, a-b subtraction, a*b inner product, k*a and a*k scalar product,
    abs(a) length, a.rotate(angle) rotation (degrees, counterclockwise).
    """

    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))

    def __add__(self, other):
        return Vec2D(self[0] + other[0], self[1] + other[1])

    def __mul__(self, other):
        if isinstance(other, Vec2D):
            return self[0] * other[0] + self[1] * other[1]
        return Vec2D(self[0] * other, self[1] * other)

    def __rmul__(self, other):
        if isinstance(other, (int, float)):
            return Vec2D(self[0] * other, self[1] * other)
        return NotImplemented

    def __sub__(self, other):
        return Vec2D(self[0] - other[0], self[1] - other[1])

    def __neg__(self):
        return Vec2D(-self[0], -self[1])

    def __abs__(self):
        return math.hypot(*self)

    def rotate(self, angle):
        """rotate self counterclockwise by angle (degrees)"""
        x, y = self
        a = math.radians(angle)
        c, s = math.cos(a), math.sin(a)
        return Vec2D(x * c - y * s, y * c + x * s)

    def __getnewargs__(self):
        return (self[0], self[1])

    def __repr__(self):
        return "(%.2f,%.2f)" % self


def _tk_rgb(spec, _cache={}):
    """Tk's reading of a colour string as '#rrggbb', or None when Tk would reject it."""
    hit = _cache.get(spec)
    if hit is not None:
        return hit
    result = None
    if spec.startswith("#"):
        digits = spec[1:]
        n = len(digits)
        if n in (3, 6, 9, 12) and all(c in "0123456789abcdefABCDEF" for c in digits):
            k = n // 3
            # Tk keeps the most significant bits: "#f00" is #f00000, "#fff000000" is #ff0000.
            parts = [digits[i * k : (i + 1) * k] for i in range(3)]
            vals = [int(p, 16) * 16 if k == 1 else int(p[:2], 16) for p in parts]
            result = "#%02x%02x%02x" % tuple(vals)
    else:
        result = _TK_COLORS.get(spec.lower().replace(" ", ""))
    if result is not None and len(_cache) < 4096:
        _cache[spec] = result
    return result


class Shape:
    """Data structure modeling shapes: type "polygon", "image" or "compound"."""

    def __init__(self, type_, data=None):
        self._type = type_
        if type_ == "polygon":
            if isinstance(data, list):
                data = tuple(data)
        elif type_ == "image":
            pass
        elif type_ == "compound":
            data = []
        else:
            raise TurtleGraphicsError("There is no shape type %s" % type_)
        self._data = data

    def addcomponent(self, poly, fill, outline=None):
        """Add component to a shape of type compound: a polygon with fill and outline colours."""
        if self._type != "compound":
            raise TurtleGraphicsError("Cannot add component to %s Shape" % self._type)
        if outline is None:
            outline = fill
        self._data.append([poly, fill, outline])


def _circle_shape():
    pts = []
    for k in range(20):
        a = math.radians(18 * k)
        pts.append((round(10 * math.cos(a), 2), round(10 * math.sin(a), 2)))
    return tuple(pts)


# The built-in shapes' outlines, in CPython's shape coordinates: the turtle points along +y.
_BUILTIN_SHAPES = {
    "arrow": ((-10, 0), (10, 0), (0, 10)),
    "turtle": (
        (0, 16), (-2, 14), (-1, 10), (-4, 7), (-7, 9), (-9, 8), (-6, 5), (-7, 1), (-5, -3), (-8, -6), (-6, -8),
        (-4, -5), (0, -7), (4, -5), (6, -8), (8, -6), (5, -3), (7, 1), (6, 5), (9, 8), (7, 9), (4, 7), (1, 10),
        (2, 14),
    ),  # fmt: skip
    "circle": _circle_shape(),
    "square": ((10, -10), (10, 10), (-10, 10), (-10, -10)),
    "triangle": ((10, -5.77), (0, 11.55), (-10, -5.77)),
    "classic": ((0, 0), (-5, -9), (0, -7), (5, -9)),
}


def _builtin_shapes():
    shapes = {name: Shape("polygon", pts) for name, pts in _BUILTIN_SHAPES.items()}
    shapes["blank"] = Shape("image", None)
    return shapes


def _images_unsupported(name):
    return TurtleGraphicsError(
        f"image shapes are not supported here ({name!r}): use a polygon shape, e.g. "
        "register_shape(name, ((0, 0), (10, 10), (20, 0)))"
    )


class _Canvas:
    """What getcanvas() returns: there is no Tk canvas here, only the page's drawing."""

    def __init__(self, screen):
        object.__setattr__(self, "_screen", screen)

    def postscript(self, *args, **kwargs):
        raise TurtleGraphicsError("saving PostScript is not supported here; use Screen().save('drawing.png')")

    def __getattr__(self, name):
        raise _Unavailable(f"the turtle's canvas has no {name!r} here: there is no Tk canvas in the playground")


class ScrolledCanvas:
    """Tk's scrolled canvas: only Tk programs make these, and there is no Tk here."""

    def __init__(self, *args, **kwargs):
        raise TurtleGraphicsError("ScrolledCanvas needs Tk, which the playground does not have; use Screen()")


# --- the screen -------------------------------------------------------------------------


class TurtleScreen:
    """The window turtles draw in: background, modes, world coordinates, events and timers."""

    _RUNNING = True

    def __init__(self, cv=None, mode=_CFG["mode"], colormode=_CFG["colormode"], delay=_CFG["delay"]):
        self._running = True
        self._shapes = _builtin_shapes()
        self._mode = mode if mode in ("standard", "logo", "world") else "standard"
        self._delayvalue = delay
        self._colormode = colormode
        self._xs = self._ys = 1.0
        self._cx = self._cy = 0.0  # the pixel position of the world's centre (world mode)
        self.canvwidth = _CFG["canvwidth"]
        self.canvheight = _CFG["canvheight"]
        self._width = self._height = None
        self._fitted = False
        self._bgpicname = "nopic"
        self._title = _CFG["title"]
        self._timers = []  # heap of (deadline, seq, fun)
        self._timer_seq = 0
        self._queue = deque()
        self._in_handler = False
        self._looping = False
        self._grab = None  # (turtle, button) between a press on a turtle and its release
        self._last_emit = 0.0
        self._dirty = {}  # turtles whose sprite changed since the last frame (an ordered set)
        self._click = {}
        self._keypress = {}
        self._keyrelease = {}
        self._turtles = []
        self._clear_state(send=False)

    def _clear_state(self, send=True):
        self._delayvalue = _CFG["delay"]
        self._colormode = _CFG["colormode"]
        self._tracing = 1
        self._updatecounter = 0
        for t in self._turtles:
            self._dirty.pop(t, None)
        self._turtles = []
        self._click = {}
        self._keypress = {}
        self._keyrelease = {}
        self._grab = None
        self._bgcolor = "white"
        self._bgpicname = "nopic"
        if send:
            _out.room(2)
            _out.ops.append(OP_CLEAR)
            _out.ops.extend((OP_BGCOLOR, _out.s("#ffffff")))

    # -- frames ---------------------------------------------------------------------------

    def _check(self):
        if not self._running:
            # As in CPython, the procedural functions then start a new window.
            TurtleScreen._RUNNING = True
            raise Terminator

    def _send_sprite(self, t, trail=None):
        o = _out
        polys = t._sprite_polys() if t._shown else ()
        size = 12 + (len(trail) if trail else 0) + sum(len(p[0]) + 4 for p in polys)
        o.room(size, 3 + 3 * len(polys))
        h = t.heading()
        ops = o.ops
        ops.extend((OP_SPRITE, t._owner, t._x, t._y, h))
        if trail:
            ops.append(len(trail) // 2)
            ops.extend(trail)
            ops.extend((t._pensize, o.s(t._pchex)))
        else:
            ops.extend((0, 0, -1))
        ops.append(len(polys))
        for pts, fill, outline, width in polys:
            ops.append(len(pts) // 2)
            ops.extend(pts)
            ops.extend((o.s(fill), o.s(outline), width))

    def _emit_frame(self, moving=None, trail=None):
        """Send the changed turtles and everything drawn since the last frame."""
        dirty = self._dirty
        if dirty:
            self._dirty = {}
            for t in dirty:
                if t is not moving and t.screen is self:
                    self._send_sprite(t)
        if moving is not None:
            self._send_sprite(moving, trail)
        _out.send()
        self._last_emit = time.monotonic()

    def _frame(self, t, sleep, trail=None):
        """A turtle changed (tracer on): show it, then wait `delay` ms when the command animates."""
        if _runner.checking:
            # Checks look at the drawing, not at its animation: nothing is shown or waited for meanwhile.
            self._dirty[t] = None
        elif sleep and self._delayvalue > 0:
            self._emit_frame(t, trail)
            time.sleep(self._delayvalue / 1000)
            self._poll()
        elif time.monotonic() - self._last_emit >= _FRAME_INTERVAL:
            self._emit_frame(t, trail)
            self._poll()
        else:
            self._dirty[t] = None

    def _flush(self):
        """Before any wait: what a Tk window would show by now reaches the page."""
        if self._tracing:
            self._emit_frame()
        else:
            _out.send()

    # -- events ---------------------------------------------------------------------------

    def _poll(self):
        """Handle what came from the page meanwhile, as Tk does inside update()."""
        while True:
            ev = _runner.wait_for_any(("key", "pointer"), 0)
            if ev is None:
                break
            self._enqueue(ev)
        self._run_due()

    def _enqueue(self, ev):
        q = self._queue
        # Only the newest position of a drag matters; Tk too drops motion it could not keep up with.
        if q and ev[0] == "pointer" and q[-1][0] == "pointer" and '"drag"' in ev[1] and '"drag"' in q[-1][1]:
            q[-1] = ev
        else:
            q.append(ev)

    def _run_due(self):
        """Run queued events and due timers, one handler at a time (never one inside another)."""
        if self._in_handler:
            return
        self._in_handler = True
        try:
            while self._running:
                if self._queue:
                    kind, payload = self._queue.popleft()
                    self._dispatch(kind, payload)
                elif self._timers and self._timers[0][0] <= time.monotonic():
                    fun = heapq.heappop(self._timers)[2]
                    fun()
                else:
                    break
        finally:
            self._in_handler = False

    def _to_world(self, x, y):
        return (x + self._cx) / self._xs, (y + self._cy) / self._ys

    def _dispatch(self, kind, payload):
        try:
            data = json.loads(payload)
        except ValueError:
            return
        if kind == "key":
            key = data.get("k")
            if data.get("t") == "press":
                fun = self._keypress.get(key) or self._keypress.get(None)
            else:
                fun = self._keyrelease.get(key) or self._keyrelease.get(None)
            if fun is not None:
                fun()
            return
        if kind != "pointer":
            return
        try:
            px, py, btn, what = float(data["x"]), float(data["y"]), int(data.get("b", 1)), data.get("t")
        except (KeyError, TypeError, ValueError):
            return
        x, y = self._to_world(px, py)
        if what == "down":
            hit = self._turtle_at(px, py)
            if hit is not None:
                self._grab = (hit, btn)
                for fun in list(hit._handlers.get(("click", btn), ())):
                    fun(x, y)
            for fun in list(self._click.get(btn, ())):
                fun(x, y)
        elif what == "drag":
            if self._grab is not None and self._grab[1] == btn:
                for fun in list(self._grab[0]._handlers.get(("drag", btn), ())):
                    fun(x, y)
        elif what == "up":
            grab, self._grab = self._grab, None
            if grab is not None and grab[1] == btn:
                for fun in list(grab[0]._handlers.get(("release", btn), ())):
                    fun(x, y)

    def _turtle_at(self, px, py):
        # Turtles are redrawn on top of everything, the last created uppermost.
        for t in reversed(self._turtles):
            if t._shown and t._hit(px, py):
                return t
        return None

    def _is_live(self):
        if self._timers or self._queue or self._keypress or self._keyrelease:
            return True
        if any(self._click.values()):
            return True
        return any(any(t._handlers.values()) for t in self._turtles)

    def _loop(self):
        """Tk's mainloop: run handlers until bye(), Stop, or nothing is left that could ever run."""
        if self._looping:
            return
        if _runner.checking:
            # No one can press a key or click during a check: the loop would only wait for its time limit.
            self._flush()
            return
        self._looping = True
        try:
            while self._running:
                self._run_due()
                if not self._running:
                    break
                self._flush()
                if not self._is_live():
                    break
                timeout = None
                if self._timers:
                    timeout = max(0.0, self._timers[0][0] - time.monotonic())
                ev = _runner.wait_for_any(("key", "pointer"), timeout)
                if ev is not None:
                    self._enqueue(ev)
        except KeyboardInterrupt:
            raise _runner.QuietInterrupt() from None
        finally:
            self._looping = False
        if self._running:
            self._flush()

    # -- window ---------------------------------------------------------------------------

    def _window_size(self):
        if self._width is None:
            self._apply_size(*self._default_size())
        return self._width, self._height

    @staticmethod
    def _display():
        d = getattr(_runner, "display", None) or {}

        def num(key, default):
            try:
                v = float(d.get(key) or 0)
            except (TypeError, ValueError):
                v = 0
            return v if v > 0 else default

        return num("width", 800.0), num("height", 600.0)

    def _default_size(self):
        return self._fit(_CFG["width"], _CFG["height"])

    def _fit(self, width, height):
        """The drawing area for setup()'s arguments, and whether the page may shrink it to fit its panel.

        Whole numbers are pixels, shown at 1:1 (the panel scrolls). Fractions are of the browser window, the
        screen of this page; like CPython's canvas (never under 400 x 300, its scroll region) the area is then
        at least that big, and the page shows it whole, scaled down if the panel is smaller.
        """
        sw, sh = self._display()
        fraction = False
        if isinstance(width, float) and 0 <= width <= 1:
            width, fraction = max(width * sw, _CFG["canvwidth"]), True
        if isinstance(height, float) and 0 <= height <= 1:
            height, fraction = max(height * sh, _CFG["canvheight"]), True
        return int(width), int(height), fraction

    def _apply_size(self, w, h, fit=False):
        if (w, h, fit) != (self._width, self._height, self._fitted):
            self._width, self._height, self._fitted = w, h, fit
            _out.room(4)
            _out.ops.extend((OP_SETUP, w, h, 1 if fit else 0))

    def window_width(self):
        """Return the width of the turtle window."""
        return self._window_size()[0]

    def window_height(self):
        """Return the height of the turtle window."""
        return self._window_size()[1]

    def screensize(self, canvwidth=None, canvheight=None, bg=None):
        """Resize the canvas the turtles are drawing on (kept, not shown: there are no scrollbars here)."""
        if canvwidth is canvheight is bg is None:
            return self.canvwidth, self.canvheight
        if canvwidth:
            self.canvwidth = canvwidth
        if canvheight:
            self.canvheight = canvheight
        if bg is not None:
            self.bgcolor(bg)

    def getcanvas(self):
        """Return the Canvas of this TurtleScreen (there is no Tk canvas here)."""
        return _Canvas(self)

    def getshapes(self):
        """Return a list of names of all currently available turtle shapes."""
        return sorted(self._shapes.keys())

    def register_shape(self, name, shape=None):
        """Adds a turtle shape to TurtleScreen's shapelist: a polygon (tuple of pairs) or a Shape."""
        if shape is None:
            raise _images_unsupported(name)
        if isinstance(shape, tuple):
            shape = Shape("polygon", shape)
        elif not isinstance(shape, Shape):
            shape = Shape("polygon", tuple(shape))
        if shape._type == "image" and name != "blank":
            raise _images_unsupported(name)
        self._shapes[name] = shape

    addshape = register_shape

    def _colorstr(self, color):
        if len(color) == 1:
            color = color[0]
        if isinstance(color, str):
            if color == "" or _tk_rgb(color) is not None:
                return color
            raise TurtleGraphicsError("bad color string: %s" % str(color))
        try:
            r, g, b = color
        except (TypeError, ValueError):
            raise TurtleGraphicsError("bad color arguments: %s" % str(color)) from None
        if self._colormode == 1.0:
            r, g, b = [round(255.0 * x) for x in (r, g, b)]
        if not ((0 <= r <= 255) and (0 <= g <= 255) and (0 <= b <= 255)):
            raise TurtleGraphicsError("bad color sequence: %s" % str(color))
        return "#%02x%02x%02x" % (r, g, b)

    def _color(self, cstr):
        if not cstr.startswith("#"):
            return cstr
        if len(cstr) == 7:
            cl = [int(cstr[i : i + 2], 16) for i in (1, 3, 5)]
        elif len(cstr) == 4:
            cl = [16 * int(cstr[h], 16) for h in cstr[1:]]
        else:
            raise TurtleGraphicsError("bad colorstring: %s" % cstr)
        return tuple(c * self._colormode / 255 for c in cl)

    def colormode(self, cmode=None):
        """Return the colormode or set it to 1.0 or 255."""
        if cmode is None:
            return self._colormode
        if cmode == 1.0:
            self._colormode = float(cmode)
        elif cmode == 255:
            self._colormode = int(cmode)

    def bgcolor(self, *args):
        """Set or return backgroundcolor of the TurtleScreen."""
        if args:
            color = self._colorstr(args)
            self._check()
            self._bgcolor = color
            _out.room(2)
            _out.ops.extend((OP_BGCOLOR, _out.s(_tk_rgb(color) or "")))
            self._after_screen_change()
            return None
        return self._color(self._bgcolor)

    def bgpic(self, picname=None):
        """Set background image or return name of current backgroundimage ("nopic" only here)."""
        if picname is None:
            return self._bgpicname
        if picname != "nopic":
            raise TurtleGraphicsError(f"background pictures are not supported here ({picname!r})")
        self._bgpicname = "nopic"

    def title(self, titlestring):
        """Set title of turtle-window."""
        self._title = titlestring
        _out.room(2)
        _out.ops.extend((OP_TITLE, _out.s(str(titlestring))))

    def _after_screen_change(self):
        if self._tracing and time.monotonic() - self._last_emit >= _FRAME_INTERVAL:
            self._emit_frame()

    def mode(self, mode=None):
        """Set turtle-mode ('standard', 'logo' or 'world') and perform reset."""
        if mode is None:
            return self._mode
        mode = mode.lower()
        if mode not in ("standard", "logo", "world"):
            raise TurtleGraphicsError("No turtle-graphics-mode %s" % mode)
        self._mode = mode
        if mode in ("standard", "logo"):
            self._xs = self._ys = 1.0
            self._cx = self._cy = 0.0
            _out.log = None
        elif _out.log is None:
            _out.send()
            _out.log = _ItemLog()
        self.reset()

    def setworldcoordinates(self, llx, lly, urx, ury):
        """Set up a user-defined coordinate system (lower left and upper right corners); switches to 'world'."""
        if self.mode() != "world":
            self.mode("world")
        xspan = float(urx - llx)
        yspan = float(ury - lly)
        wx, wy = self._window_size()
        self.screensize(wx - 20, wy - 20)
        xs0, ys0, cx0, cy0 = self._xs, self._ys, self._cx, self._cy
        self._xs = self.canvwidth / xspan
        self._ys = self.canvheight / yspan
        self._cx = (llx + urx) / 2 * self._xs
        self._cy = (lly + ury) / 2 * self._ys
        log = _out.log
        if log is not None and (self._xs, self._ys, self._cx, self._cy) != (xs0, ys0, cx0, cy0):
            # As Tk's canvas does: what is drawn is scaled about the world's origin by the change of scale.
            _out.send()
            if log.items:
                kx, ky = self._xs / xs0, self._ys / ys0
                _out.room(3, 1)
                _out.ops.extend((OP_CLEAR, OP_BGCOLOR, _out.s(_tk_rgb(self._bgcolor) or "")))
                log.resend(kx, ky, cx0 * kx - self._cx, cy0 * ky - self._cy)
        for t in self._turtles:
            self._dirty[t] = None
        self.update()

    def tracer(self, n=None, delay=None):
        """Turns turtle animation on/off (n=0) and set delay for update drawings."""
        if n is None:
            return self._tracing
        self._tracing = int(n)
        self._updatecounter = 0
        if delay is not None:
            self._delayvalue = int(delay)
        if self._tracing:
            self.update()

    def delay(self, delay=None):
        """Return or set the drawing delay in milliseconds."""
        if delay is None:
            return self._delayvalue
        self._delayvalue = int(delay)

    def update(self):
        """Perform a TurtleScreen update."""
        self._check()
        for t in self._turtles:
            self._dirty[t] = None
        self._emit_frame()
        self._poll()

    @contextmanager
    def no_animation(self):
        """Temporarily disable turtle animation; the drawing appears when the block ends."""
        tracing = self.tracer()
        try:
            self.tracer(0)
            yield
        finally:
            self.tracer(tracing)

    def turtles(self):
        """Return the list of turtles on the screen."""
        return list(self._turtles)

    def clear(self):
        """Delete all drawings and all turtles from the TurtleScreen; reset to its initial state."""
        self._check()
        self._clear_state()
        Turtle._pen = None

    clearscreen = clear

    def reset(self):
        """Reset all Turtles on the Screen to their initial state."""
        for t in self._turtles:
            t._reset_mode()
            t.reset()

    resetscreen = reset

    # -- event bindings -------------------------------------------------------------------

    def onclick(self, fun, btn=1, add=None):
        """Bind fun to mouse-click events on canvas: fun(x, y) gets the clicked point."""
        if fun is None:
            self._click.pop(btn, None)
        elif add:
            self._click.setdefault(btn, []).append(fun)
        else:
            self._click[btn] = [fun]

    onscreenclick = onclick

    def onkeyrelease(self, fun, key):
        """Bind fun to key-release event of key."""
        if fun is None:
            self._keyrelease.pop(key, None)
        else:
            self._keyrelease[key] = fun

    onkey = onkeyrelease

    def onkeypress(self, fun, key=None):
        """Bind fun to key-press event of key if key is given, or to any key-press-event if no key is given."""
        if fun is None:
            self._keypress.pop(key, None)
        else:
            self._keypress[key] = fun

    def listen(self, xdummy=None, ydummy=None):
        """Set focus on TurtleScreen (in order to collect key-events)."""
        _out.room(1)
        _out.ops.append(OP_LISTEN)

    def ontimer(self, fun, t=0):
        """Install a timer, which calls fun after t milliseconds."""
        self._timer_seq += 1
        heapq.heappush(self._timers, (time.monotonic() + max(0, t) / 1000, self._timer_seq, fun))

    def mainloop(self):
        """Starts event loop - calling Tkinter's mainloop function."""
        self._loop()

    done = mainloop

    # -- dialogs --------------------------------------------------------------------------

    def _ask(self, kind, title, prompt, default=None, minval=None, maxval=None):
        o = _out
        o.room(7, 4)
        nan = math.nan
        o.ops.extend(
            (
                OP_ASK,
                kind,
                o.s(str(title)),
                o.s(str(prompt)),
                o.s("" if default is None else str(default)),
                nan if minval is None else float(minval),
                nan if maxval is None else float(maxval),
            )
        )
        return self._wait_dialog(ask=True)

    def _wait_dialog(self, ask=False):
        self._flush()
        _out.send()
        if _runner.checking:
            # No page answers during a check: a question takes the check's next input() answer, and text
            # has no measured width.
            return {"v": input()} if ask else {}
        kind, payload = _runner.wait_for_any(("dialog",), None)
        try:
            return json.loads(payload)
        except ValueError:
            return {}

    def textinput(self, title, prompt):
        """Pop up a dialog window for input of a string; None when cancelled."""
        v = self._ask(0, title, prompt).get("v")
        return None if v is None else str(v)

    def numinput(self, title, prompt, default=None, minval=None, maxval=None):
        """Pop up a dialog window for input of a number; None when cancelled."""
        v = self._ask(1, title, prompt, default, minval, maxval).get("v")
        if v is None:
            return None
        try:
            return float(v)
        except (TypeError, ValueError):
            return None

    def _measure(self, font, text):
        o = _out
        o.room(3, 2)
        o.ops.extend((OP_MEASURE, o.s(font), o.s(text)))
        try:
            return float(self._wait_dialog().get("w") or 0)
        except (TypeError, ValueError):
            return 0.0

    # -- saving ---------------------------------------------------------------------------

    def save(self, filename, *, overwrite=False):
        """Save the drawing as a picture: here only a .png file."""
        path = os.fspath(filename)
        if not str(path).lower().endswith(".png"):
            raise TurtleGraphicsError(
                f"Screen.save() can only write a .png picture here: {path!r} (try 'drawing.png')"
            )
        dirname = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(dirname):
            raise FileNotFoundError(f"The directory '{dirname}' does not exist. Cannot save to it.")
        if not overwrite and os.path.exists(path):
            raise FileExistsError(f"The file '{path}' already exists. To overwrite it use the 'overwrite=True' argument.")
        _save_png(self, path, overwrite)


def _save_png(screen, path, overwrite):
    # A project keeps text files only, so the page hands the picture to the browser as a download of that name,
    # painted exactly as it is now: Python waits for the page's answer before drawing on.
    screen._flush()
    _out.room(2, 1)
    _out.ops.extend((OP_SAVE, _out.s(os.path.basename(path))))
    _out.send()
    if _runner.checking:
        return
    kind, payload = _runner.wait_for_any(("dialog",), None)
    answer = json.loads(payload)
    if answer.get("error"):
        raise TurtleGraphicsError(str(answer["error"]))


class _Screen(TurtleScreen):
    """The one window of a turtle program (Screen() returns it)."""

    def __init__(self):
        TurtleScreen.__init__(self)
        _out.room(4)
        self._apply_size(*self._default_size())
        _out.ops.extend((OP_BGCOLOR, _out.s("#ffffff")))
        self.title(_CFG["title"])
        _install_wait_hooks()

    def setup(self, width=_CFG["width"], height=_CFG["height"], startx=None, starty=None):
        """Set the size of the main window: ints are pixels, floats up to 1.0 fractions of the browser window."""
        self._apply_size(*self._fit(width, height))
        self._after_screen_change()

    def bye(self):
        """Shut the turtle graphics window."""
        if not self._running:
            return
        self._flush()
        _out.room(1)
        _out.ops.append(OP_BYE)
        _out.send()
        self._running = False
        TurtleScreen._RUNNING = False
        if Turtle._screen is self:
            Turtle._screen = None
            Turtle._pen = None

    def exitonclick(self):
        """Go into mainloop until the mouse is clicked; then close the window."""

        def exit_gracefully(x, y):
            self.bye()

        self.onclick(exit_gracefully)
        self.mainloop()


def Screen():
    """Return the singleton screen object. If none exists at the moment, create a new one and return it."""
    if Turtle._screen is None:
        Turtle._screen = _Screen()
    return Turtle._screen


# --- turtles ----------------------------------------------------------------------------

_START_ORIENT = {"standard": (1.0, 0.0), "world": (1.0, 0.0), "logo": (0.0, 1.0)}
_SPEEDS = {"fastest": 0, "fast": 10, "normal": 6, "slow": 3, "slowest": 1}
_last_owner = 0


def _new_owner():
    global _last_owner
    _last_owner += 1
    return _last_owner


class RawTurtle:
    """Animation part of the RawTurtle: puts RawTurtle upon a TurtleScreen and provides tools for its animation."""

    def __init__(self, canvas=None, shape=_CFG["shape"], undobuffersize=_CFG["undobuffersize"], visible=_CFG["visible"]):
        if canvas is None:
            screen = Screen()
        elif isinstance(canvas, TurtleScreen):
            screen = canvas
        elif isinstance(canvas, _Canvas):
            screen = canvas._screen
        else:
            raise TurtleGraphicsError("bad canvas argument %s" % canvas)
        self.screen = screen
        screen._check()
        self._owner = _new_owner()
        self._handlers = {}
        self._stamps = []
        self._undo = None
        self._seq = None
        self._group = 0
        self._undo_size = undobuffersize
        self._shapename = "classic"
        self._fullcircle = 360.0
        self._degPAU = 1.0
        self._reset_mode()
        self._reset_nav()
        self._reset_pen()
        self._filling = 0  # the FILL item's id while filling
        self._fillpath = None
        self._poly = None
        self._creating_poly = False
        self.setundobuffer(undobuffersize)
        if shape not in screen._shapes:
            raise TurtleGraphicsError("There is no shape named %s" % shape)
        self._shapename = shape
        self._shown = visible
        screen._turtles.append(self)
        self._update()

    # -- state ----------------------------------------------------------------------------

    def _reset_mode(self):
        mode = self.screen._mode
        self._mode = mode
        self._angle_offset = 0.0 if mode != "logo" else self._fullcircle / 4.0
        self._angle_orient = -1 if mode == "logo" else 1

    def _reset_nav(self):
        self._x = 0.0
        self._y = 0.0
        self._ox, self._oy = _START_ORIENT[self._mode]

    def _reset_pen(self):
        self._down = True
        self._pensize = 1
        self._shown = True
        self._pencolor = _CFG["pencolor"]
        self._pchex = _tk_rgb(self._pencolor)
        self._fillcolor = _CFG["fillcolor"]
        self._fchex = _tk_rgb(self._fillcolor)
        self._speed = 3
        self._resizemode = _CFG["resizemode"]
        self._stretch = (1.0, 1.0)
        self._shear = 0.0
        self._tilt = 0.0
        self._trafo = (1.0, 0.0, 0.0, 1.0)
        self._outline = 1

    def _pen_state(self):
        return (
            self._down, self._pensize, self._pencolor, self._pchex, self._fillcolor, self._fchex, self._speed,
            self._resizemode, self._stretch, self._shear, self._tilt, self._trafo, self._outline, self._shown,
        )  # fmt: skip

    def _set_pen_state(self, st):
        (
            self._down, self._pensize, self._pencolor, self._pchex, self._fillcolor, self._fchex, self._speed,
            self._resizemode, self._stretch, self._shear, self._tilt, self._trafo, self._outline, self._shown,
        ) = st  # fmt: skip

    def _update(self, animated=True):
        """After a command: show the turtle as Tk would.

        With tracer(1) every command waits the screen's delay afterwards, at speed(0) too, as CPython's does:
        speed(0) only skips the in-between frames, so a loop of moves still runs at a pace one can watch.
        """
        s = self.screen
        if s._tracing == 1:
            s._frame(self, animated)
        elif s._tracing:
            s._dirty[self] = None
            s._updatecounter = (s._updatecounter + 1) % s._tracing
            if s._updatecounter == 0:
                s._frame(self, False)

    # -- undo -----------------------------------------------------------------------------

    def _push(self, entry):
        if self._undo is None:
            return
        if self._seq is not None:
            self._seq.append(entry)
        else:
            self._undo.append(entry)

    def setundobuffer(self, size):
        """Set or disable undobuffer (None or a size; each entry is one turtle action)."""
        if size is None or size <= 0:
            self._undo = None
        else:
            self._undo = deque(maxlen=int(size))

    def undobufferentries(self):
        """Return count of entries in the undobuffer."""
        return 0 if self._undo is None else len(self._undo)

    def undo(self):
        """undo (repeatedly) the last turtle action."""
        if not self._undo:
            return
        self.screen._check()
        entry = self._undo.pop()
        ids = []
        self._undo_entry(entry, ids)
        seen = set()
        o = _out
        for i in ids:
            if i not in seen:
                seen.add(i)
                o.room(2)
                o.ops.extend((OP_DELETE, i))
        self._update(False)

    def _undo_entry(self, e, ids):
        kind = e[0]
        if kind == "go":
            _, lid, x, y, fill_len, poly_len = e
            if lid:
                ids.append(lid)
            self._x, self._y = x, y
            if self._fillpath is not None and fill_len >= 0:
                del self._fillpath[fill_len:]
            if self._poly is not None and poly_len >= 0:
                del self._poly[poly_len:]
        elif kind == "rot":
            self._ox, self._oy = e[1], e[2]
        elif kind == "pen":
            self._set_pen_state(e[1])
        elif kind == "item":
            ids.append(e[1])
        elif kind == "stamp":
            if e[1] in self._stamps:
                self._stamps.remove(e[1])
            ids.append(e[1])
        elif kind == "seq":
            for sub in reversed(e[1]):
                self._undo_entry(sub, ids)
        elif kind == "beginfill":
            ids.append(e[1])
            self._filling = 0
            self._fillpath = None
        elif kind == "endfill":
            o = _out
            o.room(4)
            o.ops.extend((OP_FILLED, e[1], 0, -1))

    # -- navigation -----------------------------------------------------------------------

    def _goto(self, x1, y1):
        s = self.screen
        if not s._running:
            s._check()
        x0, y0 = self._x, self._y
        down = self._down
        speed = self._speed
        if speed and s._tracing == 1:
            xs, ys = s._xs, s._ys
            dx, dy = x1 - x0, y1 - y0
            nhops = 1 + int(math.hypot(dx * xs, dy * ys) / (3 * (1.1**speed) * speed))
            if nhops > 1:
                sx, sy = x0 * xs - s._cx, y0 * ys - s._cy
                for n in range(1, nhops):
                    k = n / nhops
                    self._x, self._y = x0 + dx * k, y0 + dy * k
                    trail = (sx, sy, self._x * xs - s._cx, self._y * ys - s._cy) if down else None
                    s._frame(self, True, trail)
        self._x, self._y = x1, y1
        lid = 0
        if down:
            lid = self._group or _new_id()
            o = _out
            o.room(12, 1)
            xs, ys, cx, cy = s._xs, s._ys, s._cx, s._cy
            o.ops.extend((OP_LINE, lid, self._owner, 2, x0 * xs - cx, y0 * ys - cy, x1 * xs - cx, y1 * ys - cy,
                          self._pensize, o.s(self._pchex)))  # fmt: skip
        fp = self._fillpath
        if fp is not None:
            fill_len = len(fp)
            fp.append((x1, y1))
        else:
            fill_len = -1
        if self._creating_poly:
            poly_len = len(self._poly)
            self._poly.append(Vec2D(x1, y1))
        else:
            poly_len = -1
        if self._undo is not None:
            self._push(("go", lid, x0, y0, fill_len, poly_len))
        if s._tracing:
            self._update()

    def _rotate(self, angle):
        """Turn counterclockwise by angle (in the turtle's angle units)."""
        s = self.screen
        if not s._running:
            s._check()
        angle *= self._degPAU
        ox, oy = self._ox, self._oy
        a = math.radians(angle)
        c, sn = math.cos(a), math.sin(a)
        nx, ny = ox * c - oy * sn, oy * c + ox * sn
        if self._speed and s._tracing == 1:
            steps = 1 + int(abs(angle) / (3.0 * self._speed))
            d = math.radians(angle / steps)
            c1, s1 = math.cos(d), math.sin(d)
            for _ in range(steps):
                x, y = self._ox, self._oy
                self._ox, self._oy = x * c1 - y * s1, y * c1 + x * s1
                s._frame(self, True)
        self._ox, self._oy = nx, ny
        if self._undo is not None:
            self._push(("rot", ox, oy))
        if s._tracing:
            self._update()

    def forward(self, distance):
        """Move the turtle forward by the specified distance, in the direction the turtle is headed."""
        self._goto(self._x + self._ox * distance, self._y + self._oy * distance)

    fd = forward

    def back(self, distance):
        """Move the turtle backward by distance, opposite to the direction the turtle is headed."""
        self._goto(self._x - self._ox * distance, self._y - self._oy * distance)

    bk = backward = back

    def right(self, angle):
        """Turn turtle right by angle units."""
        self._rotate(-angle)

    rt = right

    def left(self, angle):
        """Turn turtle left by angle units."""
        self._rotate(angle)

    lt = left

    def goto(self, x, y=None):
        """Move turtle to an absolute position (x, y) or a pair/Vec2D; draws a line when the pen is down."""
        if y is None:
            x, y = x
        self._goto(x, y)

    setpos = setposition = goto

    def setx(self, x):
        """Set the turtle's first coordinate to x."""
        self._goto(x, self._y)

    def sety(self, y):
        """Set the turtle's second coordinate to y."""
        self._goto(self._x, y)

    def home(self):
        """Move turtle to the origin - coordinates (0,0) - and set its heading to its start-orientation."""
        self.goto(0, 0)
        self.setheading(0)

    def teleport(self, x=None, y=None, *, fill_gone=False):
        """Instantly move turtle to an absolute position, drawing nothing; a fill in progress is ended and restarted."""
        pendown = self.isdown()
        was_filling = self.filling()
        if pendown:
            self.pen(pendown=False)
        if was_filling and not fill_gone:
            self.end_fill()
        self._x = x if x is not None else self._x
        self._y = y if y is not None else self._y
        self.pen(pendown=pendown)
        if was_filling and not fill_gone:
            self.begin_fill()

    def position(self):
        """Return the turtle's current location (x,y), as a Vec2D-vector."""
        return Vec2D(self._x, self._y)

    pos = position

    def xcor(self):
        """Return the turtle's x coordinate."""
        return self._x

    def ycor(self):
        """Return the turtle's y coordinate."""
        return self._y

    def _angle_of(self, x, y):
        result = round(math.atan2(y, x) * 180.0 / math.pi, 10) % 360.0
        result /= self._degPAU
        return (self._angle_offset + self._angle_orient * result) % self._fullcircle

    def heading(self):
        """Return the turtle's current heading."""
        return self._angle_of(self._ox, self._oy)

    def _target(self, x, y):
        if y is not None:
            return x, y
        if isinstance(x, RawTurtle):
            return x._x, x._y
        return x[0], x[1]

    def towards(self, x, y=None):
        """Return the angle of the line from the turtle's position to (x, y) (or a pair, or another turtle)."""
        tx, ty = self._target(x, y)
        return self._angle_of(tx - self._x, ty - self._y)

    def distance(self, x, y=None):
        """Return the distance from the turtle to (x,y) in turtle step units."""
        tx, ty = self._target(x, y)
        return math.hypot(tx - self._x, ty - self._y)

    def setheading(self, to_angle):
        """Set the orientation of the turtle to to_angle."""
        angle = (to_angle - self.heading()) * self._angle_orient
        full = self._fullcircle
        angle = (angle + full / 2.0) % full - full / 2.0
        self._rotate(angle)

    seth = setheading

    def _set_full_circle(self, fullcircle):
        self._fullcircle = fullcircle
        self._degPAU = 360 / fullcircle
        # CPython gives world mode the logo offset here too (only 'standard' keeps 0); programs see that.
        self._angle_offset = 0.0 if self._mode == "standard" else fullcircle / 4.0

    def degrees(self, fullcircle=360.0):
        """Set angle measurement units to degrees (or to fullcircle units per turn)."""
        self._set_full_circle(fullcircle)

    def radians(self):
        """Set the angle measurement units to radians."""
        self._set_full_circle(math.tau)

    def circle(self, radius, extent=None, steps=None):
        """Draw a circle with given radius (centre radius units left of the turtle; negative: to the right)."""
        s = self.screen
        s._check()
        outer = self._seq is None and self._undo is not None
        if outer:
            self._seq = []
        group_before = self._group
        if not group_before:
            self._group = _new_id()
        speed = self._speed
        tracing, delay = s._tracing, s._delayvalue
        try:
            if extent is None:
                extent = self._fullcircle
            if steps is None:
                frac = abs(extent) / self._fullcircle
                steps = 1 + int(min(11 + abs(radius) / 6.0, 59.0) * frac)
            w = 1.0 * extent / steps
            w2 = 0.5 * w
            chord = 2.0 * radius * math.sin(math.radians(w2) * self._degPAU)
            if radius < 0:
                chord, w, w2 = -chord, -w, -w2
            if speed == 0:
                s._tracing = 0
            self._speed = 0
            self._rotate(w2)
            for _ in range(steps):
                self._speed = speed
                self.forward(chord)
                self._speed = 0
                self._rotate(w)
                if speed and tracing == 1:
                    # CPython's circle also redraws (and waits) as it switches speeds and turns at each step.
                    for _ in range(3):
                        s._frame(self, True)
            self._rotate(-w2)
        finally:
            self._speed = speed
            self._group = group_before
            if speed == 0:
                s._tracing, s._delayvalue = tracing, delay
            if outer:
                seq, self._seq = self._seq, None
                if self._undo is not None:
                    self._undo.append(("seq", seq))
        if speed == 0 and s._tracing:
            self._update(False)

    # -- pen ------------------------------------------------------------------------------

    def speed(self, speed=None):
        """Return or set the turtle's speed: 0 (no animation) or 1 (slow) to 10 (fast), or a speed name."""
        if speed is None:
            return self._speed
        if speed in _SPEEDS:
            speed = _SPEEDS[speed]
        elif 0.5 < speed < 10.5:
            speed = int(round(speed))
        else:
            speed = 0
        self.pen(speed=speed)

    def pendown(self):
        """Pull the pen down -- drawing when moving."""
        if not self._down:
            self.pen(pendown=True)

    pd = down = pendown

    def penup(self):
        """Pull the pen up -- no drawing when moving."""
        if self._down:
            self.pen(pendown=False)

    pu = up = penup

    def isdown(self):
        """Return True if pen is down, False if it's up."""
        return self._down

    def pensize(self, width=None):
        """Set or return the line thickness (in pixels, whatever the world coordinates)."""
        if width is None:
            return self._pensize
        self.pen(pensize=width)

    width = pensize

    def pencolor(self, *args):
        """Return or set the pencolor: a colour string, an (r, g, b) tuple or r, g, b."""
        if args:
            color = self.screen._colorstr(args)
            if color == self._pencolor:
                return
            self.pen(pencolor=color)
        else:
            return self.screen._color(self._pencolor)

    def fillcolor(self, *args):
        """Return or set the fillcolor."""
        if args:
            color = self.screen._colorstr(args)
            if color == self._fillcolor:
                return
            self.pen(fillcolor=color)
        else:
            return self.screen._color(self._fillcolor)

    def color(self, *args):
        """Return or set the pencolor and fillcolor."""
        if args:
            n = len(args)
            if n == 1:
                pcolor = fcolor = args[0]
            elif n == 2:
                pcolor, fcolor = args
            elif n == 3:
                pcolor = fcolor = args
            else:
                raise TurtleGraphicsError("bad color arguments: %s" % str(args))
            pcolor = self.screen._colorstr((pcolor,))
            fcolor = self.screen._colorstr((fcolor,))
            self.pen(pencolor=pcolor, fillcolor=fcolor)
        else:
            return self.screen._color(self._pencolor), self.screen._color(self._fillcolor)

    def showturtle(self):
        """Makes the turtle visible."""
        self.pen(shown=True)

    st = showturtle

    def hideturtle(self):
        """Makes the turtle invisible."""
        self.pen(shown=False)

    ht = hideturtle

    def isvisible(self):
        """Return True if the Turtle is shown, False if it's hidden."""
        return self._shown

    def pen(self, pen=None, **pendict):
        """Return or set the pen's attributes (a dictionary and/or keyword arguments)."""
        _pd = {
            "shown": self._shown,
            "pendown": self._down,
            "pencolor": self._pencolor,
            "fillcolor": self._fillcolor,
            "pensize": self._pensize,
            "speed": self._speed,
            "resizemode": self._resizemode,
            "stretchfactor": self._stretch,
            "shearfactor": self._shear,
            "outline": self._outline,
            "tilt": self._tilt,
        }
        if not (pen or pendict):
            return _pd
        p = dict(pen) if isinstance(pen, dict) else {}
        p.update(pendict)
        scr = self.screen
        scr._check()
        before = self._pen_state()
        if "pendown" in p:
            self._down = bool(p["pendown"])
        if "pencolor" in p:
            c = p["pencolor"]
            if isinstance(c, tuple):
                c = scr._colorstr((c,))
            self._pencolor = c
            self._pchex = _tk_rgb(c) if c else ""
        if "pensize" in p:
            self._pensize = p["pensize"]
        if "fillcolor" in p:
            c = p["fillcolor"]
            if isinstance(c, tuple):
                c = scr._colorstr((c,))
            self._fillcolor = c
            self._fchex = _tk_rgb(c) if c else ""
        if "speed" in p:
            self._speed = p["speed"]
        if "resizemode" in p:
            self._resizemode = p["resizemode"]
        if "stretchfactor" in p:
            sf = p["stretchfactor"]
            if isinstance(sf, (int, float)):
                sf = (sf, sf)
            self._stretch = sf
        if "shearfactor" in p:
            self._shear = p["shearfactor"]
        if "outline" in p:
            self._outline = p["outline"]
        if "shown" in p:
            self._shown = bool(p["shown"])
        if "tilt" in p:
            self._tilt = p["tilt"]
        if "stretchfactor" in p or "tilt" in p or "shearfactor" in p:
            scx, scy = self._stretch
            shf = self._shear
            sa, ca = math.sin(self._tilt), math.cos(self._tilt)
            self._trafo = (scx * ca, scy * (shf * ca + sa), -scx * sa, scy * (ca - shf * sa))
        self._push(("pen", before))
        self._update()

    def begin_fill(self):
        """Called just before drawing a shape to be filled."""
        s = self.screen
        s._check()
        if not self._filling:
            fid = _new_id()
            o = _out
            o.room(3)
            o.ops.extend((OP_FILL, fid, self._owner))
            self._filling = fid
        self._fillpath = [(self._x, self._y)]
        self._push(("beginfill", self._filling))
        self._update(False)

    def end_fill(self):
        """Fill the shape drawn after the call begin_fill()."""
        if not self._filling:
            return
        s = self.screen
        s._check()
        fid, path = self._filling, self._fillpath or []
        o = _out
        if len(path) > 2:
            xs, ys, cx, cy = s._xs, s._ys, s._cx, s._cy
            o.room(4 + 2 * len(path))
            o.ops.extend((OP_FILLED, fid, len(path)))
            for x, y in path:
                o.ops.extend((x * xs - cx, y * ys - cy))
            o.ops.append(o.s(self._fchex))
        else:
            o.room(4)
            o.ops.extend((OP_FILLED, fid, 0, -1))
        self._filling = 0
        self._fillpath = None
        self._push(("endfill", fid))
        self._update(False)

    def filling(self):
        """Return fillstate (True if filling, False else)."""
        return bool(self._filling)

    @contextmanager
    def fill(self):
        """A context manager for filling a shape: begin_fill() on entry, end_fill() on exit."""
        self.begin_fill()
        try:
            yield
        finally:
            self.end_fill()

    def begin_poly(self):
        """Start recording the vertices of a polygon."""
        self._poly = [Vec2D(self._x, self._y)]
        self._creating_poly = True

    def end_poly(self):
        """Stop recording the vertices of a polygon."""
        self._creating_poly = False

    def get_poly(self):
        """Return the lastly recorded polygon."""
        if self._poly is not None:
            return tuple(self._poly)

    @contextmanager
    def poly(self):
        """A context manager for recording the vertices of a polygon."""
        self.begin_poly()
        try:
            yield
        finally:
            self.end_poly()

    # -- drawing items --------------------------------------------------------------------

    def _px(self):
        s = self.screen
        return self._x * s._xs - s._cx, self._y * s._ys - s._cy

    def dot(self, size=None, *color):
        """Draw a circular dot with diameter size (pixels), using color."""
        if not color:
            if isinstance(size, (str, tuple)):
                color = self.screen._colorstr((size,))
                size = self._pensize + max(self._pensize, 4)
            else:
                color = self._pencolor
                if not size:
                    size = self._pensize + max(self._pensize, 4)
        else:
            if size is None:
                size = self._pensize + max(self._pensize, 4)
            color = self.screen._colorstr(color)
        self.screen._check()
        did = _new_id()
        x, y = self._px()
        o = _out
        o.room(7)
        o.ops.extend((OP_DOT, did, self._owner, x, y, size, o.s(_tk_rgb(color) if color else "")))
        self._push(("item", did))
        self._update()

    def write(self, arg, move=False, align="left", font=("Arial", 8, "normal")):
        """Write text - the string representation of arg - at the current turtle position."""
        s = self.screen
        s._check()
        text = str(arg)
        css = _css_font(font)
        a = {"left": 0, "center": 1, "right": 2}.get(str(align).lower(), 0)
        tid = _new_id()
        x, y = self._px()
        o = _out
        o.room(9, 3)
        o.ops.extend((OP_TEXT, tid, self._owner, x - 1, y, a, o.s(self._pchex), o.s(css), o.s(text)))
        if not move:
            self._push(("item", tid))
            self._update()
            return
        outer = self._seq is None and self._undo is not None
        if outer:
            self._seq = []
        try:
            self._push(("item", tid))
            w = s._measure(css, text)
            end_px = x + (w if a == 0 else w / 2 if a == 1 else 0)
            self.setpos((end_px + s._cx) / s._xs, self._y)
        finally:
            if outer:
                seq, self._seq = self._seq, None
                self._undo.append(("seq", seq))

    def stamp(self):
        """Stamp a copy of the turtle shape onto the canvas and return its id."""
        s = self.screen
        s._check()
        sid = _new_id()
        o = _out
        owner = self._owner
        for pts, fill, outline, width in self._sprite_polys():
            o.room(len(pts) + 8, 2)
            o.ops.extend((OP_POLY, sid, owner, len(pts) // 2))
            o.ops.extend(pts)
            o.ops.extend((o.s(fill), o.s(outline), width))
        self._stamps.append(sid)
        self._push(("stamp", sid))
        self._update()
        return sid

    def clearstamp(self, stampid):
        """Delete stamp with given stampid."""
        if stampid in self._stamps:
            self._stamps.remove(stampid)
            o = _out
            o.room(2)
            o.ops.extend((OP_DELETE, stampid))
            if self._undo:
                self._undo = deque((e for e in self._undo if e != ("stamp", stampid)), maxlen=self._undo.maxlen)
        self._update(False)

    def clearstamps(self, n=None):
        """Delete all or first/last n of turtle's stamps (n > 0: first n, n < 0: last n)."""
        if n is None:
            todo = self._stamps[:]
        elif n >= 0:
            todo = self._stamps[:n]
        else:
            todo = self._stamps[n:]
        for sid in todo:
            self.clearstamp(sid)

    def clear(self):
        """Delete the turtle's drawings from the screen. Do not move turtle."""
        self._clear_items()
        self._update(False)

    def _clear_items(self):
        o = _out
        o.room(2)
        o.ops.extend((OP_DELETE_OWNER, self._owner))
        self._filling = 0
        self._fillpath = None
        self._stamps = []
        self.setundobuffer(self._undo_size)

    def reset(self):
        """Delete the turtle's drawings from the screen, re-center the turtle and set variables to the default values."""
        self.screen._check()
        self._reset_nav()
        self._reset_pen()
        self._clear_items()
        self._update(False)

    # -- shape ----------------------------------------------------------------------------

    def shape(self, name=None):
        """Set turtle shape to shape with given name or, if name is not given, return name of current shape."""
        if name is None:
            return self._shapename
        if name not in self.screen._shapes:
            raise TurtleGraphicsError("There is no shape named %s" % name)
        self._shapename = name
        self._update()

    def resizemode(self, rmode=None):
        """Set resizemode to one of the values: "auto", "user", "noresize"."""
        if rmode is None:
            return self._resizemode
        rmode = rmode.lower()
        if rmode in ("auto", "user", "noresize"):
            self.pen(resizemode=rmode)

    def shapesize(self, stretch_wid=None, stretch_len=None, outline=None):
        """Set/return turtle's stretchfactors/outline. Set resizemode to "user"."""
        if stretch_wid is stretch_len is outline is None:
            sw, sl = self._stretch
            return sw, sl, self._outline
        if stretch_wid == 0 or stretch_len == 0:
            raise TurtleGraphicsError("stretch_wid/stretch_len must not be zero")
        if stretch_wid is not None:
            stretchfactor = (stretch_wid, stretch_wid) if stretch_len is None else (stretch_wid, stretch_len)
        elif stretch_len is not None:
            stretchfactor = (self._stretch[0], stretch_len)
        else:
            stretchfactor = self._stretch
        if outline is None:
            outline = self._outline
        self.pen(resizemode="user", stretchfactor=stretchfactor, outline=outline)

    turtlesize = shapesize

    def shearfactor(self, shear=None):
        """Set or return the current shearfactor."""
        if shear is None:
            return self._shear
        self.pen(resizemode="user", shearfactor=shear)

    def settiltangle(self, angle):
        """Rotate the turtleshape to point in the specified direction (angle), regardless of its heading."""
        tilt = -angle * self._degPAU * self._angle_orient
        tilt = math.radians(tilt) % math.tau
        self.pen(resizemode="user", tilt=tilt)

    def tiltangle(self, angle=None):
        """Set or return the current tilt-angle."""
        if angle is None:
            tilt = -math.degrees(self._tilt) * self._angle_orient
            return (tilt / self._degPAU) % self._fullcircle
        self.settiltangle(angle)

    def tilt(self, angle):
        """Rotate the turtleshape by angle from its current tilt-angle, but do not change the turtle's heading."""
        self.settiltangle(angle + self.tiltangle())

    def shapetransform(self, t11=None, t12=None, t21=None, t22=None):
        """Set or return the current transformation matrix of the turtle shape."""
        if t11 is t12 is t21 is t22 is None:
            return self._trafo
        m11, m12, m21, m22 = self._trafo
        if t11 is not None:
            m11 = t11
        if t12 is not None:
            m12 = t12
        if t21 is not None:
            m21 = t21
        if t22 is not None:
            m22 = t22
        if m11 * m22 - m12 * m21 == 0:
            raise TurtleGraphicsError("Bad shape transform matrix: must not be singular")
        self.screen._check()
        alfa = math.atan2(-m21, m11) % math.tau
        sa, ca = math.sin(alfa), math.cos(alfa)
        a11, a12, a22 = ca * m11 - sa * m21, ca * m12 - sa * m22, sa * m12 + ca * m22
        before = self._pen_state()
        self._stretch = (a11, a22)
        self._shear = a12 / a22
        self._tilt = alfa
        self._resizemode = "user"
        self._trafo = (m11, m12, m21, m22)
        self._push(("pen", before))
        self._update()

    def _shape_trafo(self, compound=False):
        mode = self._resizemode
        if mode == "user" or compound:
            return self._trafo
        if mode == "auto":
            k = max(1, self._pensize / 5.0)
            return (k, 0, 0, k)
        return None

    def get_shapepoly(self):
        """Return the current shape polygon as tuple of coordinate pairs."""
        shape = self.screen._shapes[self._shapename]
        if shape._type == "polygon":
            tr = self._shape_trafo()
            if tr is None:
                return shape._data
            t11, t12, t21, t22 = tr
            return tuple((t11 * x + t12 * y, t21 * x + t22 * y) for x, y in shape._data)
        return None

    def _sprite_polys(self):
        """The shape as it is drawn now: [(flat pixel points, fill, outline, width)]."""
        s = self.screen
        shape = s._shapes.get(self._shapename)
        if shape is None or shape._type == "image":
            return []
        xs, ys = s._xs, s._ys
        X, Y = self._x * xs - s._cx, self._y * ys - s._cy
        e0, e1 = self._ox, self._oy * ys / xs
        n = math.hypot(e0, e1) or 1.0
        e0, e1 = e0 / n, e1 / n
        if shape._type == "polygon":
            parts = [(shape._data, self._fchex, self._pchex)]
            tr = self._shape_trafo()
            mode = self._resizemode
            width = 1 if mode == "noresize" else self._pensize if mode == "auto" else self._outline
        else:
            cc = _component_color
            parts = [(poly, cc(s, fc), cc(s, oc)) for poly, fc, oc in shape._data]
            tr = self._shape_trafo(True)
            width = self._outline
        out = []
        for poly, fill, outline in parts:
            pts = []
            for x, y in poly:
                if tr is not None:
                    x, y = tr[0] * x + tr[1] * y, tr[2] * x + tr[3] * y
                pts.append(X + e1 * x + e0 * y)
                pts.append(Y - e0 * x + e1 * y)
            out.append((pts, fill, outline, width))
        return out

    def _hit(self, px, py):
        for pts, fill, outline, width in self._sprite_polys():
            if _inside(pts, px, py) or _near_outline(pts, px, py, max(1.0, float(width or 1) / 2) + 1):
                return True
        return False

    # -- events ---------------------------------------------------------------------------

    def _bind(self, kind, fun, btn, add):
        key = (kind, btn)
        if fun is None:
            self._handlers.pop(key, None)
        elif add:
            self._handlers.setdefault(key, []).append(fun)
        else:
            self._handlers[key] = [fun]

    def onclick(self, fun, btn=1, add=None):
        """Bind fun to mouse-click event on this turtle: fun(x, y)."""
        self._bind("click", fun, btn, add)

    def onrelease(self, fun, btn=1, add=None):
        """Bind fun to mouse-button-release event on this turtle: fun(x, y)."""
        self._bind("release", fun, btn, add)

    def ondrag(self, fun, btn=1, add=None):
        """Bind fun to mouse-move event on this turtle (while a button pressed on it is held)."""
        self._bind("drag", fun, btn, add)

    # -- misc -----------------------------------------------------------------------------

    def clone(self):
        """Create and return a clone of the turtle with same position, heading and turtle properties."""
        s = self.screen
        s._check()
        q = object.__new__(type(self))
        q.__dict__.update(self.__dict__)
        q._owner = _new_owner()
        q._handlers = {}
        # CPython's clone is a deep copy: it starts with the original's stamp ids and undo history, so undo()
        # on a clone walks back through what the original did (rosette.py) and clearstamps() clears those stamps.
        q._stamps = list(self._stamps)
        q._filling = 0
        q._fillpath = None
        q._seq = None
        q._group = 0
        q._poly = list(self._poly) if self._poly is not None else None
        q._undo = None if self._undo is None else deque(self._undo, maxlen=self._undo.maxlen)
        s._turtles.append(q)
        q._update()
        return q

    def getturtle(self):
        """Return the Turtleobject itself."""
        return self

    getpen = getturtle

    def getscreen(self):
        """Return the TurtleScreen object the turtle is drawing on."""
        return self.screen


RawPen = RawTurtle


class Turtle(RawTurtle):
    """RawTurtle auto-creating (scrolled) canvas."""

    _pen = None
    _screen = None

    def __init__(self, shape=_CFG["shape"], undobuffersize=_CFG["undobuffersize"], visible=_CFG["visible"]):
        if Turtle._screen is None:
            Turtle._screen = Screen()
        RawTurtle.__init__(self, Turtle._screen, shape=shape, undobuffersize=undobuffersize, visible=visible)


Pen = Turtle


def _component_color(screen, c):
    if isinstance(c, str):
        return _tk_rgb(c) or ""
    r, g, b = c
    if screen._colormode == 1.0:
        r, g, b = [round(255.0 * x) for x in (r, g, b)]
    if not ((0 <= r <= 255) and (0 <= g <= 255) and (0 <= b <= 255)):
        raise TurtleGraphicsError("bad color sequence: %s" % str(c))
    return "#%02x%02x%02x" % (r, g, b)


def _inside(pts, x, y):
    inside = False
    n = len(pts) // 2
    j = n - 1
    for i in range(n):
        xi, yi, xj, yj = pts[2 * i], pts[2 * i + 1], pts[2 * j], pts[2 * j + 1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _near_outline(pts, x, y, tol):
    n = len(pts) // 2
    for i in range(n):
        x1, y1 = pts[2 * i], pts[2 * i + 1]
        x2, y2 = pts[(2 * i + 2) % (2 * n)], pts[(2 * i + 3) % (2 * n)]
        dx, dy = x2 - x1, y2 - y1
        ll = dx * dx + dy * dy
        k = 0.0 if ll == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / ll))
        if math.hypot(x1 + k * dx - x, y1 + k * dy - y) <= tol:
            return True
    return False


def _css_font(font):
    """Tk's font description (family, size, style) as a CSS font: sizes in points, negative sizes in pixels."""
    if isinstance(font, str):
        font = tuple(font.split())
    font = tuple(font) if font else ("Arial",)
    family = str(font[0]) if len(font) > 0 else "Arial"
    size = font[1] if len(font) > 1 else 8
    styles = " ".join(str(s) for s in font[2:]).lower().split()
    try:
        size = float(size)
    except (TypeError, ValueError):
        size = 8.0
    size_css = ("%gpx" % -size) if size < 0 else ("%gpt" % (size or 8))
    style = "italic " if "italic" in styles else ""
    weight = "bold " if "bold" in styles else ""
    lead = (style + weight) or "normal "
    if " " in family and not family.startswith(("'", '"')):
        family = '"%s"' % family
    return f"{lead}{size_css} {family}"


# --- procedural interface ---------------------------------------------------------------


def _check_running():
    # As in CPython, the first turtle command after bye() raises Terminator; the next opens a new window.
    if not TurtleScreen._RUNNING:
        TurtleScreen._RUNNING = True
        raise Terminator


def _getpen():
    """Create the 'anonymous' turtle if not already present."""
    if Turtle._pen is None:
        _check_running()
        Turtle._pen = Turtle()
    return Turtle._pen


def _getscreen():
    """Create a TurtleScreen if not already present."""
    if Turtle._screen is None:
        _check_running()
        Turtle._screen = Screen()
    return Turtle._screen


def getturtle():
    """Return the Turtleobject itself (the anonymous turtle)."""
    return _getpen()


getpen = getturtle


def _signature_without_self(method):
    try:
        sig = inspect.signature(method)
        return sig.replace(parameters=list(sig.parameters.values())[1:])
    except (TypeError, ValueError):
        return None


def _make_function(name, owner, getter):
    method = getattr(owner, name)

    def function(*args, **kwargs):
        return getattr(getter(), name)(*args, **kwargs)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = method.__doc__
    function.__module__ = __name__
    sig = _signature_without_self(method)
    if sig is not None:
        function.__signature__ = sig
    return function


for _name in _tg_screen_functions:
    if _name not in ("mainloop",):
        globals()[_name] = _make_function(_name, _Screen, _getscreen)
for _name in _tg_turtle_functions:
    if _name not in ("getturtle", "getpen"):
        globals()[_name] = _make_function(_name, RawTurtle, _getpen)
del _name


def mainloop():
    """Starts event loop: runs key, click and timer handlers until the window is closed."""
    _getscreen().mainloop()


def done():
    """Starts event loop: runs key, click and timer handlers until the window is closed."""
    _getscreen().mainloop()


def write_docstringdict(filename="turtle_docstringdict"):
    """Create and write docstring-dictionary to file (for translations)."""
    docs = {}
    for name in _tg_screen_functions:
        docs["_Screen." + name] = getattr(_Screen, name).__doc__
    for name in _tg_turtle_functions:
        docs["Turtle." + name] = getattr(RawTurtle, name).__doc__
    with open("%s.py" % filename, "w", encoding="utf-8") as f:
        f.write("docsdict = {\n\n")
        for key in sorted(docs):
            f.write("%s :\n" % repr(key))
            f.write('        """%s\n"""\n,\n\n' % (docs[key] or "").replace('"""', "'''"))
        f.write("}\n")


# --- the run's life -----------------------------------------------------------------------

_hooked = {}


def _flush_pending():
    """Before the program waits (sleep, input()): show what a Tk window would show by now."""
    s = Turtle._screen
    # Under tracer(0) a Tk window shows nothing new until update(), even while the program sleeps.
    if s is not None and s._running and s._tracing and (len(_out.ops) or s._dirty):
        s._flush()


def _install_wait_hooks():
    if _hooked:
        return
    sleep, read = time.sleep, builtins.input

    def sleep_hook(seconds):
        _flush_pending()
        return sleep(seconds)

    def input_hook(prompt=""):
        _flush_pending()
        return read(prompt)

    sleep_hook.__doc__, input_hook.__doc__ = sleep.__doc__, read.__doc__
    _hooked.update(sleep=(sleep, sleep_hook), input=(read, input_hook))
    time.sleep = sleep_hook
    builtins.input = input_hook


def _remove_wait_hooks():
    if "sleep" in _hooked and time.sleep is _hooked["sleep"][1]:
        time.sleep = _hooked["sleep"][0]
    if "input" in _hooked and builtins.input is _hooked["input"][1]:
        builtins.input = _hooked["input"][0]
    _hooked.clear()


def _on_run_start():
    """A new run: nothing of the last program's window, turtles, handlers or pending ops survives."""
    global _out, _last_id, _last_owner
    old = Turtle._screen
    if old is not None:
        old._running = False
    Turtle._screen = None
    Turtle._pen = None
    TurtleScreen._RUNNING = True
    _out = _Batch()
    _last_id = 0
    _last_owner = 0
    _remove_wait_hooks()


def _on_program_end():
    """The program's own code ended: show the rest, and keep the window live while handlers can still run."""
    s = Turtle._screen
    if s is None or not s._running:
        _out.send()
        return
    s._flush()
    if s._is_live():
        s._loop()
    _out.send()


def _on_line_end():
    """A line typed at the shell prompt ran: what it drew shows now (as Tk's REPL integration would show it)."""
    s = Turtle._screen
    if s is not None and s._running:
        s._flush()
    _out.send()


_runner.on_run_start(_on_run_start)
_runner.on_program_end(_on_program_end)
_runner.on_line_end(_on_line_end)
