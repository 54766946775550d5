"""What an exercise's checks need from Python: run the learner's program with given answers, load their functions,
run a pack's test file against their modules, and read their source with `ast`.

The verdicts are not made here. The worker's check engine (check-engine.ts) compares output and return values
itself, in code no learner program can reach, and calls each test itself; this module only runs things and
restores what a learner's code may have changed. Everything the harness uses is captured in `make_harness()`,
before any learner code runs, and the module keeps no reference to what it returns: changing this module's
names from a program changes nothing for the checks already made.
"""

import ast
import builtins
import importlib
import linecache
import os
import re
import sys
import traceback
import types
import unittest

import playground_runner as _runner

#: Modules whose names a learner's program might rebind to make a test pass (`unittest.TestCase.assertEqual =
#: …`, `math.isclose = …`): restored before each test, and a change made during a test fails it.
GUARDED_MODULES = (
    "builtins",
    "ast",
    "unittest",
    "unittest.case",
    "unittest.util",
    "math",
    "operator",
    "functools",
    "itertools",
    "collections",
    "re",
    "string",
    "json",
    "random",
    "statistics",
    "fractions",
    "decimal",
)

#: Words of a code check that are constructs rather than names the code must call.
CONSTRUCTS = {
    "for": (ast.For, ast.AsyncFor),
    "while": (ast.While,),
    "if": (ast.If, ast.IfExp),
    "def": (ast.FunctionDef, ast.AsyncFunctionDef),
    "return": (ast.Return,),
    "import": (ast.Import, ast.ImportFrom),
    "class": (ast.ClassDef,),
    "try": (ast.Try, getattr(ast, "TryStar", ast.Try)),
    "with": (ast.With, ast.AsyncWith),
    "lambda": (ast.Lambda,),
    "comprehension": (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp),
    "f-string": (ast.JoinedStr,),
}

#: How each construct is named in a learner's message.
CONSTRUCT_NAMES = {
    "for": "a for loop",
    "while": "a while loop",
    "if": "an if statement",
    "def": "a function of your own (def)",
    "return": "return",
    "recursion": "a function that calls itself",
    "import": "import",
    "class": "a class",
    "try": "try / except",
    "with": "with",
    "lambda": "lambda",
    "comprehension": "a comprehension ([… for … in …])",
    "f-string": 'an f-string (f"…{name}…")',
}


def _uses_recursion(tree):
    """Whether a function of the code calls itself by name, directly."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == node.name:
                    return True
    return False


def _names_used(tree):
    """Names the code calls or refers to: `max(…)`, `m = max`, `text.split(…)` (as `split`)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
    return names


def _called_names(tree):
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                names.add(node.func.id)
            elif isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
    return names


def _has(trees, word):
    if word == "recursion":
        return any(_uses_recursion(tree) for tree in trees)
    kinds = CONSTRUCTS.get(word)
    if kinds is not None:
        return any(isinstance(node, kinds) for tree in trees for node in ast.walk(tree))
    return any(word in _called_names(tree) for tree in trees)


def _describe(word):
    return CONSTRUCT_NAMES.get(word) or f"{word}()"


def code_findings(files, main, requires=(), forbids=(), defines=()):
    """Read the learner's Python files (never run them): a list of (passed, message) per requirement.

    `files` are (name, content) pairs. A file that does not parse fails every requirement with the reason.
    """
    trees = []
    main_tree = None
    for name, content in files:
        if not isinstance(content, str) or not name.endswith(".py"):
            continue
        try:
            tree = ast.parse(content, filename=name)
        except SyntaxError as exc:
            line = f", line {exc.lineno}" if exc.lineno else ""
            return [(False, f"{name} has a syntax error ({exc.msg}{line}), so its code cannot be read. Run it to see where.")]
        trees.append(tree)
        if name == main:
            main_tree = tree
    findings = []
    for word in requires or ():
        word = str(word)
        if _has(trees, word):
            findings.append((True, f"Uses {_describe(word)}."))
        else:
            findings.append((False, f"Your code needs to use {_describe(word)}."))
    for word in forbids or ():
        word = str(word)
        if word in CONSTRUCTS or word == "recursion":
            found = _has(trees, word)
        else:
            found = any(word in _names_used(tree) for tree in trees)
        if found:
            findings.append((False, f"Your code must not use {_describe(word)} here: this exercise is about doing it yourself."))
        else:
            findings.append((True, f"Does not use {_describe(word)}."))
    for wanted in defines or ():
        name = str(wanted["name"])
        params = wanted.get("params")
        defs = [
            node
            for node in (main_tree.body if main_tree else [])
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name
        ]
        shown = f"{name}({', '.join(params)})" if params is not None else f"{name}()"
        if not defs:
            findings.append((False, f"{main} needs a function {shown}: start a line with def {shown}:"))
            continue
        if params is not None:
            args = defs[-1].args
            have = [a.arg for a in list(args.posonlyargs) + list(args.args)]
            if have != list(params):
                got = f"{name}({', '.join(have)})"
                findings.append((False, f"Your function is {got}, but it should be {shown}: the same names, in this order."))
                continue
        findings.append((True, f"Defines {shown}."))
    return findings


def make_harness(echo):
    """The check harness, with everything it relies on captured now (before any learner code runs).

    `echo(text)` receives what a terminal shows for an answered input() (the prompt and the answer): the
    engine adds it to the output as shown, apart from what the program printed itself.
    """
    # Captured: a learner's program may rebind any of these names later, in builtins or in modules.
    _dict = dict
    _list = list
    _tuple = tuple
    _set = set
    _frozenset = frozenset
    _range = range
    _type = type
    _issubclass = issubclass
    _id = id
    _SCALARS = (type(None), bool, int, float, str)
    _len = len
    _str = str
    _repr = repr
    _isinstance = isinstance
    _callable = callable
    _getattr = getattr
    _setattr = setattr
    _delattr = delattr
    _sorted = sorted
    _exec = exec
    _eval = eval
    _compile = compile
    _BaseException = BaseException
    _KeyboardInterrupt = KeyboardInterrupt
    _SystemExit = SystemExit
    _EOFError = EOFError
    _modules = sys.modules
    _path = sys.path
    _builtins_dict = builtins.__dict__
    _prepare = _runner._prepare
    _main_module = _runner._main_module
    _exit_status = _runner._exit_status
    _summarize = _runner.summarize
    _format = _runner.format_exception
    _project = _runner.PROJECT_DIR
    _walk = ast.walk
    _parse = ast.parse
    _import = importlib.import_module
    _invalidate = importlib.invalidate_caches
    _TestCase = unittest.TestCase
    _do_module_cleanups = unittest.case.doModuleCleanups
    _SkipTest = unittest.SkipTest
    _FunctionType = types.FunctionType
    _extract_tb = traceback.extract_tb
    _getline = linecache.getline
    _stdout = sys.stdout
    _stderr = sys.stderr
    _exists = os.path.exists
    _join = os.path.join
    _re_compile = re.compile
    _MULTILINE = re.MULTILINE

    def _no_input(prompt=""):
        raise _EOFError(
            "input() was called while the tests ran, and tests give no answers: "
            "put the program's own code under  if __name__ == \"__main__\":"
        )

    # As the runner installed them (its input() asks the page): put back after the checks.
    _pristine_builtins = _dict(_builtins_dict)
    _pristine_modules = _dict(_modules)
    _guarded = {}
    for _name in GUARDED_MODULES:
        _module = _modules.get(_name)
        if _module is not None:
            _guarded[_name] = (_module, _dict(_module.__dict__))
    _classes = {"unittest.TestCase": (_TestCase, _dict(_TestCase.__dict__))}
    # Set per check: the test module's own names and classes, snapshotted once it has loaded.
    _extra = {}
    _state = {"message": "", "prints": []}
    #: What load_tests set up, for finish_tests to take down: (name, TestCase class) and the test module.
    _set_up = {"classes": [], "module": None}

    def _changes(namespace, pristine, label):
        """Names rebound, added or removed in `namespace` (a dict) since `pristine`; then put back."""
        changed = []
        for key in _list(namespace):
            if key not in pristine and key != "_" and not key.startswith("__"):
                changed.append(f"{label}.{key}")
        for key, value in pristine.items():
            current = namespace.get(key, pristine)
            if current is not value and key != "_" and not key.startswith("__"):
                changed.append(f"{label}.{key}")
        return changed

    def _put_back(namespace, pristine):
        for key in _list(namespace):
            if key not in pristine:
                del namespace[key]
        for key, value in pristine.items():
            if namespace.get(key, pristine) is not value:
                namespace[key] = value

    def _put_back_class(cls, pristine):
        for key in _list(cls.__dict__):
            if key not in pristine:
                try:
                    _delattr(cls, key)
                except (AttributeError, TypeError):
                    pass
        for key, value in pristine.items():
            if cls.__dict__.get(key, pristine) is not value:
                try:
                    _setattr(cls, key, value)
                except (AttributeError, TypeError):
                    pass

    def restore():
        """Undo what learner code changed that checks rely on; the names changed (empty when nothing was)."""
        # input() is the harness's own to set (answers, or none during tests): never a learner's change.
        changed = [c for c in _changes(_builtins_dict, _pristine_builtins, "builtins") if c != "builtins.input"]
        _put_back(_builtins_dict, _pristine_builtins)
        for name, module in _pristine_modules.items():
            if _modules.get(name) is not module:
                if name in _guarded:
                    changed.append(f"sys.modules['{name}']")
                _modules[name] = module
        for name, (module, pristine) in _guarded.items():
            if name == "builtins":
                continue
            changed += _changes(module.__dict__, pristine, name)
            _put_back(module.__dict__, pristine)
        for label, (cls, pristine) in list(_classes.items()) + list(_extra.items()):
            if _isinstance(cls, type):
                changed += _changes(_dict(cls.__dict__), pristine, label)
                _put_back_class(cls, pristine)
            else:
                changed += _changes(cls.__dict__, pristine, label)
                _put_back(cls.__dict__, pristine)
        sys.stdout = _stdout
        sys.stderr = _stderr
        return changed

    def evaluate(source):
        """A check's Python expression (an expected value), evaluated with nothing but the builtins."""
        return _eval(_compile(_str(source), "<check>", "eval"), {"__builtins__": _dict(_pristine_builtins)})

    def arguments(source):
        """A check's argument list (`2, 3`, `[1, 2], key="x"`) as (args, kwargs)."""
        collect = _eval("lambda *a, **k: (a, k)", {"__builtins__": {}})
        code = _compile(f"__collect({source}\n)", "<check>", "eval")
        return _eval(code, {"__builtins__": _dict(_pristine_builtins), "__collect": collect})

    def regex(pattern):
        """A Python regular expression, compiled before the learner's code runs (the engine calls its search)."""
        return _re_compile(_str(pattern), _MULTILINE)

    def color(name):
        """A turtle check's colour as the turtle resolves it ("red" → "#ff0000"), or None when unknown."""
        text = _str(name).strip()
        if re.fullmatch(r"#[0-9a-fA-F]{6}", text):
            return text.lower()
        from _turtle_tk import COLORS

        return COLORS.get(text.lower().replace(" ", ""))

    def show(value, limit=300):
        """repr() for a message, never failing and never long (a learner's __repr__ may do anything)."""
        try:
            text = _repr(value)
        except _BaseException:
            text = f"<{type(value).__name__} object>"
        if not _isinstance(text, _str):
            text = "<object>"
        return text if _len(text) <= limit else text[: limit - 1] + "…"

    class _Unreadable:
        """Stands for what a check cannot compare (a cycle, or a container too deep): equal to nothing."""

    def plain(value, _depth=0, _path=None):
        """A value as the engine compares it: every list, tuple, dict and set (subclasses too) becomes a list
        tagged with its kind, ["tuple", 1, 2] or ["dict", [key, value], ...], so that the JavaScript side tells a
        tuple from a list and can have tuples as dict keys (Pyodide converts both to arrays, and refuses arrays as
        Map keys). Containers are read through their base type's own methods, never a subclass's overrides, and a
        cycle or a depth over 100 becomes something equal to nothing. Numbers, text, booleans and None are left
        for Pyodide (which reads a subclass of int by its value); anything else stays an object, which the engine
        finds equal to nothing.
        """
        kind = _type(value)
        if kind in _SCALARS:
            return value
        if _issubclass(kind, _list):
            tag, items = "list", _list.copy(value)
        elif _issubclass(kind, _tuple):
            tag, items = "tuple", [_tuple.__getitem__(value, i) for i in _range(_tuple.__len__(value))]
        elif _issubclass(kind, _dict):
            tag, items = "dict", _list(_dict.items(value))
        elif _issubclass(kind, _set):
            tag, items = "set", _list(_set.__iter__(value))
        elif _issubclass(kind, _frozenset):
            tag, items = "set", _list(_frozenset.__iter__(value))
        else:
            return value
        path = _path if _path is not None else _set()
        key = _id(value)
        if _depth > 100 or key in path:
            return _Unreadable()
        path.add(key)
        try:
            if tag == "dict":
                out = [tag] + [[plain(k, _depth + 1, path), plain(v, _depth + 1, path)] for k, v in items]
            else:
                out = [tag] + [plain(item, _depth + 1, path) for item in items]
        finally:
            path.discard(key)
        return out

    def _answers_input(answers, echo_prompts):
        queue = _list(answers)

        def check_input(prompt=""):
            _stdout.flush()
            if not queue:
                raise _EOFError(
                    f"EOF when reading a line (this check answers input() {_len(answers)} "
                    f"time{'' if _len(answers) == 1 else 's'})"
                )
            answer = _str(queue.pop(0))
            if echo_prompts:
                echo(f"{prompt}{answer}\n")
            return answer

        return check_input

    def run_program(files, main, answers, echo_prompts):
        """Run `main` as __main__ in a fresh namespace, input() answered from `answers`.

        Returns (result, namespace): result has status ("ok", "error", "interrupted"), error (a summary) and
        traceback (as Python prints it, learner frames only); namespace is the program's globals.
        """
        restore()
        for hook in _list(_runner._run_start_hooks):
            hook()
        _prepare(files, main)
        path = _join(_project, main)
        namespace = _main_module(path).__dict__
        _runner.checking = True
        _builtins_dict["input"] = _answers_input(answers, echo_prompts)
        result = {"status": "ok", "error": None, "traceback": ""}
        try:
            with open(path, encoding="utf-8") as f:
                source = f.read()
            _exec(_compile(source, path, "exec"), namespace)
            # What the program left to show (a turtle drawing's last commands) is sent, as at a run's end.
            for hook in _list(_runner._program_end_hooks):
                hook()
        except _KeyboardInterrupt:
            result = {"status": "interrupted", "error": None, "traceback": ""}
        except _SystemExit as exc:
            status, error = _exit_status(exc)
            result = {"status": status, "error": error, "traceback": ""}
        except _BaseException as exc:
            result = {"status": "error", "error": _summarize(exc), "traceback": _format(exc)}
        finally:
            try:
                _stdout.flush()
                _stderr.flush()
            except _BaseException:
                pass
            _builtins_dict["input"] = _pristine_builtins["input"]
            _runner.checking = False
        return result, namespace

    def _project_modules(test_source, names):
        """The learner's modules the test file imports, in order (those that are files of the project)."""
        found = []
        for node in _walk(_parse(test_source)):
            if _isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            elif _isinstance(node, ast.ImportFrom) and node.module and not node.level:
                candidates = [node.module]
            else:
                continue
            for candidate in candidates:
                top = candidate.split(".")[0]
                if top + ".py" in names and top not in found:
                    found.append(top)
        return found

    def load_tests(files, main, test_name, test_source):
        """Load a pack's test file against the learner's files: a list of (name, test), or a failure.

        Returns {"tests": [(name, callable)]} or {"error": message, "type": exception type}. The learner's
        modules are imported first (as the test file would import them); then what their code changed is put
        back, and the test file is loaded with the project last on sys.path, so that a project file cannot
        stand in for a module the tests use (a `unittest.py` of the learner's).
        """
        _extra.clear()
        restore()
        try:
            _parse(test_source)
        except SyntaxError as exc:
            return {
                "error": f"The test file {test_name} has a syntax error ({exc.msg}, line {exc.lineno}).",
                "type": "TestFileError",
                "broken": True,
            }
        names = {name for name, _ in files}
        _prepare(_list(files) + [(test_name, test_source)], main)
        _invalidate()
        _builtins_dict["input"] = _no_input
        for module_name in _project_modules(test_source, names):
            try:
                _import(module_name)
            except _KeyboardInterrupt:
                raise
            except _SystemExit:
                restore()
                return {
                    "error": f"{module_name}.py ended the program (exit) as the tests loaded it, so they could not run.",
                    "type": "SystemExit",
                }
            except _BaseException as exc:
                restore()
                summary = _summarize(exc)
                where = ""
                if summary.get("location"):
                    where = f" ({summary['location']['file']}, line {summary['location']['line']})"
                return {
                    "error": f"{module_name}.py stopped with {summary['type']}: {summary['message']}{where} as the "
                    f"tests loaded it.",
                    "type": summary["type"],
                }
        restore()
        _builtins_dict["input"] = _no_input
        test_module_name = test_name[:-3].replace("/", ".")
        _modules.pop(test_module_name, None)
        while _project in _path:
            _path.remove(_project)
        _path.append(_project)
        try:
            module = _import(test_module_name)
        except _KeyboardInterrupt:
            raise
        except _BaseException as exc:
            summary = _summarize(exc)
            return {"error": f"The test file {test_name} could not be loaded: {summary['type']}: {summary['message']}", "type": "TestFileError", "broken": True}
        finally:
            while _project in _path:
                _path.remove(_project)
            _path.insert(0, _project)
        # As unittest does: setUpModule, then each class's setUpClass, before the tests (and before what they
        # set is taken as the state each test starts from); finish_tests takes them down after the last test.
        _set_up["classes"] = []
        _set_up["module"] = module
        set_up_module = module.__dict__.get("setUpModule")
        if _callable(set_up_module):
            try:
                set_up_module()
            except _KeyboardInterrupt:
                raise
            except _SkipTest:
                pass
            except _BaseException as exc:
                _set_up["module"] = None
                return {
                    "error": f"The tests could not start: setUpModule in {test_name} stopped with "
                    f"{_failure_message(exc)}",
                    "type": type(exc).__name__,
                }
        tests = []
        for key, value in _list(module.__dict__.items()):
            if key.startswith("test") and _isinstance(value, _FunctionType) and value.__module__ == module.__name__:
                tests.append((key, _plain_test(value)))
            elif _isinstance(value, type) and issubclass(value, _TestCase) and value.__module__ == module.__name__:
                methods = [
                    n for n in _sorted(n for n in dir(value) if n.startswith("test")) if _callable(_getattr(value, n, None))
                ]
                if not methods:
                    continue
                failed = None
                try:
                    value.setUpClass()
                    _set_up["classes"].append((key, value))
                except _KeyboardInterrupt:
                    raise
                except _BaseException as exc:
                    failed = exc
                _extra[f"{test_module_name}.{key}"] = (value, _dict(value.__dict__))
                for method in methods:
                    run = _case_test(value, method) if failed is None else _class_failed(failed)
                    tests.append((f"{key}.{method}", run))
        # Other modules the tests use are not watched: their own state changes as tests use them (tempfile
        # keeps its temporary folder), which would read as the learner's doing.
        _extra[test_module_name] = (module, _dict(module.__dict__))
        return {"tests": tests}

    def _plain_test(fn):
        def run():
            _remember(fn, None)
        return run

    def _case_test(cls, method):
        def run():
            case = cls(method)
            _remember(None, case)
        return run

    def _class_failed(exc):
        """A test of a class whose setUpClass failed: it fails with that error (or is skipped with it)."""
        def run():
            if not _isinstance(exc, _SkipTest):
                _state["message"] = f"setUpClass stopped with {_failure_message(exc)}"
            raise exc
        return run

    def finish_tests():
        """After the last test: each class's tearDownClass and class cleanups, then tearDownModule and module
        cleanups, as unittest runs them. Returns [(name, message)] for each that failed."""
        failures = []

        def attempt(name, fn):
            try:
                fn()
            except _KeyboardInterrupt:
                raise
            except _SkipTest:
                pass
            except _BaseException as exc:
                failures.append((name, f"It stopped with {_failure_message(exc)}"))

        for key, cls in _set_up["classes"]:
            attempt(f"{key}.tearDownClass", cls.tearDownClass)
            attempt(f"{key} (class clean-ups)", cls.doClassCleanups)
            for info in _getattr(cls, "tearDown_exceptions", None) or ():
                failures.append((f"{key} (class clean-ups)", f"It stopped with {_failure_message(info[1])}"))
        module = _set_up["module"]
        if module is not None:
            tear_down_module = module.__dict__.get("tearDownModule")
            if _callable(tear_down_module):
                attempt("tearDownModule", tear_down_module)
            attempt("module clean-ups", _do_module_cleanups)
        _set_up["classes"] = []
        _set_up["module"] = None
        return failures

    def _remember(fn, case):
        """Run one test; on failure keep a message for the engine, and let the exception go on (the verdict)."""
        _state["message"] = ""
        try:
            if fn is not None:
                fn()
            else:
                case.setUp()
                try:
                    _getattr(case, case._testMethodName)()
                finally:
                    case.tearDown()
                    case.doCleanups()
        except _SkipTest:
            raise
        except _BaseException as exc:
            _state["message"] = _failure_message(exc)
            raise

    def _failure_message(exc):
        """The message of a failed test: the assertion's own text, or the assert line that was false."""
        try:
            text = _str(exc)
        except _BaseException:
            text = ""
        frames = [f for f in _extract_tb(exc.__traceback__) if f.filename.startswith(_project + "/")]
        where = ""
        if frames:
            last = frames[-1]
            where = f" ({last.filename[_len(_project) + 1:]}, line {last.lineno})"
        if _isinstance(exc, AssertionError):
            if text:
                return text
            if frames:
                line = (frames[-1].line or "").strip()
                if line.startswith("assert "):
                    return f"This was false: {line[7:]}"
            return "An assertion was false."
        return f"{type(exc).__name__}: {text}{where}" if text else f"{type(exc).__name__}{where}"

    def last_message():
        return _state["message"]

    def before_test():
        restore()
        _builtins_dict["input"] = _no_input

    def after_test():
        """What the learner's code changed during the test (then put back): a non-empty list fails it."""
        return restore()

    return {
        "restore": restore,
        "evaluate": evaluate,
        "arguments": arguments,
        "regex": regex,
        "color": color,
        "show": show,
        "plain": plain,
        "run_program": run_program,
        "code_findings": code_findings,
        "load_tests": load_tests,
        "last_message": last_message,
        "before_test": before_test,
        "after_test": after_test,
        "finish_tests": finish_tests,
    }
