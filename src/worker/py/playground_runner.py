"""Runs the learner's programs inside the worker, as `python main.py` would.

The worker calls into this module; nothing here knows about JavaScript except
through the small `io` object the worker passes to `install()`.
"""

import builtins
import codeop
import linecache
import os
import shutil
import signal
import sys
import time
import traceback
import types

#: The project folder: the current directory of every run, and first on sys.path.
PROJECT_DIR = "/home/pyodide/project"
#: Pseudo-file name for lines typed at the shell prompt.
SHELL_FILE = "<shell>"

_io = None
#: Events that arrived while waiting for another kind (kept in order for whoever asks next).
_pending = []
_namespace = None
_shell_count = 0
#: What the page told this run about where drawings are shown: {"width", "height"} of the browser window, in CSS
#: pixels (empty when unknown).
display = {}
#: Whether an error is followed by a plain-language explanation (the learner's setting, sent with each job).
explain_errors = True
#: Import names of the packages the app can install (set by the worker from Pyodide's lock): an explanation of a
#: ModuleNotFoundError tells a package that is not on the device from a misspelt module.
known_packages = frozenset()
#: True while an exercise's checks run the program: nobody is watching or answering (turtle does not animate,
#: and its event loop ends at once).
checking = False
#: Called with no arguments before each run (a module that keeps state between runs, such as turtle, resets).
_run_start_hooks = []
#: Called with no arguments after each line typed at the shell prompt (what a line drew is shown).
_line_end_hooks = []
#: Called with no arguments once the program's own code has ended normally: what keeps a program live
#: (turtle's event loop) runs here, inside the run, so Stop and errors behave as in the program itself.
_program_end_hooks = []


class QuietInterrupt(KeyboardInterrupt):
    """Stop while the program only waits for events (turtle's mainloop): the run ends without a traceback."""


def on_run_start(hook):
    """Call `hook()` before every later run of a program (not before shell lines: they go on with its state)."""
    if hook not in _run_start_hooks:
        _run_start_hooks.append(hook)


def on_line_end(hook):
    """Call `hook()` after every later shell line that ran."""
    if hook not in _line_end_hooks:
        _line_end_hooks.append(hook)


def on_program_end(hook):
    """Call `hook()` after every later program's own code ends normally."""
    if hook not in _program_end_hooks:
        _program_end_hooks.append(hook)


def set_known_packages(names):
    """The import names of the packages the app can install (from Pyodide's lock file)."""
    global known_packages
    known_packages = frozenset(str(name) for name in names)


def install(io):
    """Wire Python to the worker's I/O: input(), time.sleep and the flush signal.

    `io` provides read_line() -> str | None, sleep(seconds), flush() and emit(kind, payload).
    """
    global _io
    _io = io
    builtins.input = _input
    time.sleep = _sleep
    # Pictures: display() as in Jupyter, and pyplot's figures shown in the Output (before matplotlib's first import).
    builtins.display = playground_display.display
    os.environ["MPLBACKEND"] = "module://playground_mpl"
    sys.dont_write_bytecode = True
    os.makedirs(PROJECT_DIR, exist_ok=True)
    os.chdir(PROJECT_DIR)
    try:
        signal.signal(10, _on_flush_signal)
    except (ValueError, OSError):
        pass


def emit(kind, payload):
    """Hand the page an output item other than text (a picture, …), after the text written so far."""
    sys.stdout.flush()
    sys.stderr.flush()
    _io.emit(kind, payload)


def _show_result(value):
    """The shell's echo of a value: a picture when the object can draw itself (as in Jupyter), else repr()."""
    if value is None:
        return
    builtins._ = value
    playground_display.show_value(value)


def _on_flush_signal(signum, frame):
    # Only the worker's own buffer: this may run inside sys.stdout's C code
    # (it checks for signals while writing), where flushing it again would fail.
    _io.flush()


def wait_event(timeout=None):
    """The next event from the page as (kind, payload), or None once `timeout` seconds have passed.

    Every wait for the page goes through here (input(), sleep, and later turtle's key presses, clicks and
    timers): events that arrive for someone else meanwhile are kept, in order, for whoever asks next.
    Stop raises KeyboardInterrupt at once.
    """
    if _pending:
        return _pending.pop(0)
    event = _io.wait_event(timeout)
    return None if event is None else (str(event[0]), str(event[1]))


def _wait_for(kind, timeout=None):
    """The next event of `kind`, keeping the others for later; None on timeout."""
    return wait_for_any((kind,), timeout)


def wait_for_any(kinds, timeout=None):
    """The next event of one of `kinds` as (kind, payload), keeping the others for later; None on timeout.

    A timeout of 0 only looks at what has arrived. Stop raises KeyboardInterrupt at once.
    """
    for i, event in enumerate(_pending):
        if event[0] in kinds:
            return _pending.pop(i)
    deadline = None if timeout is None else time.monotonic() + timeout
    asked = False
    while True:
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        # A timeout of 0 (or one already over) still asks the page once: that is how a poll sees new events.
        if left == 0 and asked:
            return None
        asked = True
        event = _io.wait_event(left)
        if event is None:
            if left is not None:
                return None
            continue
        event = (str(event[0]), str(event[1]))
        if event[0] in kinds:
            return event
        _pending.append(event)


def _input(prompt=""):
    """input() as in a terminal: the prompt goes to stdout, the answer comes from the page."""
    if prompt:
        sys.stdout.write(str(prompt))
    sys.stdout.flush()
    sys.stderr.flush()
    if not _io.can_read:
        raise RuntimeError(
            getattr(_io, "no_read_reason", "")
            or "input() cannot wait for your answer here: this page is not cross-origin isolated. "
            "Reload the page; if this message stays, this browser does not support it yet."
        )
    _io.request_input()
    return _wait_for("input")[1]


def _sleep(seconds):
    """time.sleep that shows pending output first and wakes up for Stop (events meanwhile are kept)."""
    seconds = float(seconds)
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    sys.stdout.flush()
    sys.stderr.flush()
    _wait_for(None, seconds)


# --- running a script -------------------------------------------------------


def _prepare(files, entry):
    """Write the project's files afresh and forget modules imported from an earlier version.

    A file's content is text (str) or bytes: a memoryview from the worker (its Uint8Array), or bytes.
    """
    os.chdir("/")
    shutil.rmtree(PROJECT_DIR, ignore_errors=True)
    for name, content in files:
        path = os.path.join(PROJECT_DIR, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(content, str):
            with open(path, "w", encoding="utf-8") as f:
                f.write(content)
        else:
            data = content.to_bytes() if hasattr(content, "to_bytes") else bytes(content)
            with open(path, "wb") as f:
                f.write(data)
    os.makedirs(PROJECT_DIR, exist_ok=True)
    os.chdir(PROJECT_DIR)
    prefix = PROJECT_DIR + "/"
    for mod_name, mod in list(sys.modules.items()):
        mod_file = getattr(mod, "__file__", None) or ""
        if mod_file.startswith(prefix):
            del sys.modules[mod_name]
    import importlib

    importlib.invalidate_caches()
    linecache.clearcache()
    while PROJECT_DIR in sys.path:
        sys.path.remove(PROJECT_DIR)
    if "" in sys.path:
        sys.path.remove("")
    sys.path.insert(0, PROJECT_DIR)
    sys.argv = [entry]


#: Files the program writes that are larger than this are not brought back into the project: text…
MAX_WRITTEN_BYTES = 1_000_000
#: …and anything else (a picture, a sound): the most any binary file of a project may be (see model/files.ts).
MAX_WRITTEN_BINARY_BYTES = 5_000_000


def _written_files(original):
    """Files in the project folder that the program created or changed: (path, content) pairs.

    Text (UTF-8 without NUL bytes, as the page decides too) comes back as str, anything else as bytes. A file
    over its cap is left out with a line on stderr: nothing the program made disappears silently.
    """
    before = {}
    for rel, content in original.items():
        if isinstance(content, str):
            before[rel] = content.encode("utf-8")
        else:
            before[rel] = content.to_bytes() if hasattr(content, "to_bytes") else bytes(content)
    written = []
    too_big = []
    for root, dirs, names in os.walk(PROJECT_DIR):
        dirs[:] = [d for d in dirs if d != "__pycache__" and not d.startswith(".")]
        for name in names:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, PROJECT_DIR).replace(os.sep, "/")
            old = before.get(rel)
            try:
                size = os.path.getsize(path)
                # Over every cap and not the file the run started with: no need to read it to know.
                if size > MAX_WRITTEN_BINARY_BYTES and (old is None or len(old) != size):
                    too_big.append((rel, MAX_WRITTEN_BINARY_BYTES, "file"))
                    continue
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                continue
            if data == old:
                continue
            text = None
            if b"\0" not in data:
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError:
                    pass
            if text is not None and len(data) > MAX_WRITTEN_BYTES:
                too_big.append((rel, MAX_WRITTEN_BYTES, "text file"))
            elif text is None and len(data) > MAX_WRITTEN_BINARY_BYTES:
                too_big.append((rel, MAX_WRITTEN_BINARY_BYTES, "file"))
            else:
                written.append((rel, text if text is not None else data))
    for rel, cap, kind in sorted(too_big):
        sys.stderr.write(
            f"{rel} was not added to the project: it is larger than {cap // 1_000_000} MB "
            f"(the most for a {kind} a program writes).\n"
        )
    sys.stderr.flush()
    return sorted(written)


def run_script(files, entry, display_info=None, explain=True):
    """Run `entry` as __main__ in a fresh namespace; an error is explained unless `explain` is false.

    Returns the job's result as named fields (later results add fields): status, error (a summary, or None)
    and written (the files the program wrote, as (path, content) pairs: content is str for text, else bytes).
    """
    global display, explain_errors
    display = dict(display_info) if display_info else {}
    explain_errors = bool(explain)
    status, error = _run(files, entry)
    try:
        written = _written_files(dict(files))
    except Exception:
        written = []
    return {"status": status, "error": error, "written": written}


def forget():
    """Leave no trace of a run: a fresh shell namespace and an empty project folder (after the warm-up run)."""
    global _namespace
    _namespace = None
    _pending.clear()
    os.chdir("/")
    shutil.rmtree(PROJECT_DIR, ignore_errors=True)
    os.makedirs(PROJECT_DIR, exist_ok=True)
    os.chdir(PROJECT_DIR)


def _run(files, entry):
    global _namespace
    _pending.clear()  # events were for the program before
    for hook in list(_run_start_hooks):
        hook()
    _prepare(files, entry)
    path = os.path.join(PROJECT_DIR, entry)
    namespace = _main_module(path).__dict__
    _namespace = namespace
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        code = compile(source, path, "exec")
        exec(code, namespace)
        for hook in list(_program_end_hooks):
            hook()
    except SystemExit as exc:
        return _exit_status(exc)
    except BaseException as exc:
        return _report(exc)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return "ok", None


def _main_module(path):
    """A fresh `__main__` module, as `python main.py` makes: `import __main__`, `unittest.main()` and pickle
    find the program's own names through sys.modules, not only through the globals it runs in."""
    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__builtins__ = builtins
    module.__spec__ = None
    sys.modules["__main__"] = module
    return module


def _exit_status(exc):
    """sys.exit(): 0 or None is success, a message is printed, any other code is an error."""
    code = exc.code
    if code is None or code == 0:
        return "ok", None
    if not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    return "error", {"type": "SystemExit", "message": f"exit code {code}"}


def _report(exc):
    """Print the cleaned traceback and summarise the exception for the page."""
    sys.stdout.flush()
    if not isinstance(exc, QuietInterrupt):
        sys.stderr.write(format_exception(exc))
    sys.stderr.flush()
    if explain_errors and not isinstance(exc, QuietInterrupt):
        _explain(exc)
    status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "error"
    return status, summarize(exc)


def _explain(exc):
    """Follow the traceback with a plain-language explanation, when one fits. Never fails the run."""
    try:
        found = playground_explain.explain(exc, stopped=isinstance(exc, KeyboardInterrupt))
    except Exception:
        return
    if found:
        emit("explanation", found)


# --- the shell prompt -------------------------------------------------------


def shell(source, explain=True):
    """Run one line typed at the prompt in the last program's namespace, echoing results like the REPL.

    Returns the job's result as run_script does (without files written).
    """
    global explain_errors
    explain_errors = bool(explain)
    status, error = _shell(source)
    return {"status": status, "error": error}


def _shell(source):
    global _namespace, _shell_count
    if _namespace is None:
        module = types.ModuleType("__main__")
        module.__builtins__ = builtins
        sys.modules["__main__"] = module
        _namespace = module.__dict__
    _shell_count += 1
    # Each line gets its own pseudo-file so tracebacks can show its text.
    filename = f"<shell-{_shell_count}>"
    lines = (source + "\n").splitlines(keepends=True)
    linecache.cache[filename] = (len(source), None, lines, filename)
    try:
        code = codeop.compile_command(source, filename, "single")
        if code is None:
            raise SyntaxError("incomplete input", (filename, len(lines), len(lines[-1]), lines[-1], None, None))
        hook = sys.displayhook
        sys.displayhook = _show_result
        try:
            exec(code, _namespace)
            for end_hook in list(_line_end_hooks):
                end_hook()
        finally:
            sys.displayhook = hook
    except SystemExit as exc:
        return _exit_status(exc)
    except BaseException as exc:
        return _report(exc)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return "ok", None


# --- tracebacks --------------------------------------------------------------

#: Identical consecutive frames shown before the rest are counted, as CPython does.
_REPEAT_SHOWN = 3


def _is_learner_file(filename):
    return bool(filename) and (filename.startswith(PROJECT_DIR + "/") or filename.startswith("<shell-"))


def _display_name(filename):
    if filename and filename.startswith(PROJECT_DIR + "/"):
        return filename[len(PROJECT_DIR) + 1 :]
    if filename and filename.startswith("<shell-"):
        return SHELL_FILE
    return filename


class _CompactStack(traceback.StackSummary):
    """Learner frames with runs of identical frames stored once and counted.

    Deep recursion leaves a traceback of up to a million frames; extracting
    each one (as traceback.TracebackException does) takes longer than the
    learner will wait, so runs are collapsed while walking.
    """

    counts = ()

    def format(self, **kwargs):
        out = []
        for frame, count in zip(self, self.counts):
            text = self.format_frame_summary(frame, **kwargs)
            out.extend([text] * min(count, _REPEAT_SHOWN))
            more = count - _REPEAT_SHOWN
            if more > 0:
                out.append(f"  [Previous line repeated {more} more time{'s' if more > 1 else ''}]\n")
        return out


def _learner_stack(tb):
    """The learner's frames of a traceback, named relative to the project, runs collapsed."""
    runs = []  # [frame, positions, count]
    walk = getattr(traceback, "_walk_tb_with_full_positions", None)
    entries = walk(tb) if walk else ((f, (n, None, None, None)) for f, n in traceback.walk_tb(tb))
    for frame, positions in entries:
        if not _is_learner_file(frame.f_code.co_filename):
            continue
        if runs and runs[-1][0].f_code is frame.f_code and runs[-1][1] == positions:
            runs[-1][2] += 1
        else:
            runs.append([frame, positions, 1])
    extract = getattr(traceback.StackSummary, "_extract_from_extended_frame_gen", None)
    gen = ((frame, positions) for frame, positions, _ in runs)
    if extract:
        stack = extract(gen, limit=None, lookup_lines=True, capture_locals=False)
    else:
        stack = traceback.StackSummary.extract(((f, p[0]) for f, p in gen), lookup_lines=True)
    compact = _CompactStack(stack)
    compact.counts = [count for _, _, count in runs]
    for frame in compact:
        frame.line  # load the source line while the real path still finds it
        frame.filename = _display_name(frame.filename)
    return compact


def _clean(te, exc, seen):
    """Replace te's stack (and its chain's) by the learner's frames only."""
    if te is None or exc is None or id(te) in seen:
        return
    seen.add(id(te))
    te.stack = _learner_stack(exc.__traceback__)
    if getattr(te, "filename", None):
        te.filename = _display_name(te.filename)
    _clean(te.__cause__, exc.__cause__, seen)
    _clean(te.__context__, exc.__context__, seen)
    for sub_te, sub_exc in zip(getattr(te, "exceptions", None) or (), getattr(exc, "exceptions", None) or ()):
        _clean(sub_te, sub_exc, seen)


def format_exception(exc):
    """The traceback as Python would print it, with only the learner's frames."""
    # limit=0 skips TracebackException's own (slow, complete) stack extraction; _clean adds ours.
    te = traceback.TracebackException.from_exception(exc, limit=0)
    _clean(te, exc, set())
    return "".join(te.format())


def summarize(exc):
    """Exception type, message and innermost learner location, for the page."""
    location = None
    if isinstance(exc, SyntaxError) and _is_learner_file(exc.filename or ""):
        location = {"file": _display_name(exc.filename), "line": exc.lineno or 1}
        if exc.offset:
            location["column"] = exc.offset
    else:
        tb = exc.__traceback__
        last = None
        while tb is not None:
            if _is_learner_file(tb.tb_frame.f_code.co_filename):
                last = tb
            tb = tb.tb_next
        if last is not None:
            location = {"file": _display_name(last.tb_frame.f_code.co_filename), "line": last.tb_lineno}
    try:
        message = str(exc) if not isinstance(exc, SyntaxError) else (exc.msg or "")
    except Exception:
        # A learner's exception whose __str__ fails: the traceback already said so; the page still gets a summary.
        message = "<exception str() failed>"
    return {"type": type(exc).__name__, "message": message, "location": location}


# The features' Python, imported with the runner (last: they import it back) so that they are in the memory
# snapshot. Imported at each start instead, they cost every start their compile time (ast, tokenize, inspect and
# the explanations: about 0.4 s).
import playground_display  # noqa: E402
import playground_explain  # noqa: E402
