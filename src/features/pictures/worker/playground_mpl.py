"""A matplotlib backend that shows figures as pictures in the Output, as Jupyter's inline backend does.

matplotlib imports it by name (the runner sets MPLBACKEND=module://playground_mpl), the first time a program
makes a pyplot figure. Drawing is Agg's; showing is ours:

- `plt.show()` shows every open figure, in figure-number order, at that point of the output, then closes them;
- `fig.show()` shows that one figure there;
- figures still open when the program ends (or after a shell line) are shown then, as a notebook cell does;
- `plt.savefig("plot.png")` is matplotlib's own and writes the file into the project folder.
"""

import sys

from matplotlib import _pylab_helpers
from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import playground_display
import playground_runner

FigureCanvas = FigureCanvasAgg


class FigureManager(FigureManagerBase):
    """Agg's manager, except that `fig.show()` shows the figure in the Output instead of warning that it cannot."""

    def show(self):
        _show_managers([self], "fig.show()")


def new_figure_manager_given_figure(num, figure):
    # Our manager, so fig.show() works: FigureCanvasAgg's own manager_class is the base one, which cannot show.
    return FigureManager.create_with_canvas(FigureCanvas, figure, num)


def new_figure_manager(num, *args, FigureClass=Figure, **kwargs):
    return new_figure_manager_given_figure(num, FigureClass(*args, **kwargs))


def show(*, block=None):
    """pyplot.show(): every open figure, in figure-number order, as a picture here; then they are closed.

    `block` is accepted for programs written for desktop windows; nothing here waits.
    """
    _show_managers(_open_managers(), "plt.show()")


def flush_figures():
    """Show the figures left open (not already shown by display() or fig.show()), then close every figure.

    Called when the program's own code has ended and after each shell line, as Jupyter does after a cell.
    """
    managers = [m for m in _open_managers() if not getattr(m.canvas.figure, "_playground_displayed", False)]
    try:
        _show_managers(managers, "")
    finally:
        _pylab_helpers.Gcf.destroy_all()


def forget_figures():
    """A fresh run starts with no figures: those of a run that ended in an error are not shown in the next one."""
    _pylab_helpers.Gcf.destroy_all()


def _open_managers():
    return sorted(_pylab_helpers.Gcf.get_all_fig_managers(), key=lambda manager: manager.num)


def _show_managers(managers, who):
    """Show each manager's figure as a PNG; plt.show() closes them afterwards (fig.show() leaves its figure open)."""
    where = playground_display.from_where()
    several = len(managers) > 1
    for manager in managers:
        fig = manager.canvas.figure
        shown = playground_display.picture_of(fig)
        if shown is None:
            continue
        playground_display.show_picture(shown[0], shown[1], _alt(fig, manager.num, where, several), who)
        try:
            fig._playground_displayed = True
        except Exception:
            pass
    if who == "plt.show()":
        # As plt.close('all') after Jupyter's show: the next plot starts on a new, empty figure.
        for manager in managers:
            _pylab_helpers.Gcf.destroy(manager)
    sys.stdout.flush()


def _alt(fig, num, where, several):
    """The figure's titles, else where the program showed it from ("Plot from line 7"), else its number."""
    title = playground_display.figure_title(fig)
    if title:
        return "Plot: " + title
    if where and not several:
        return "Plot " + where
    if where:
        return f"Figure {num}, plotted {where}"
    return f"Figure {num}"


# Registered once: matplotlib imports this module once per Python, whatever the number of runs.
playground_runner.on_run_start(forget_figures)
playground_runner.on_program_end(flush_figures)
playground_runner.on_line_end(flush_figures)
