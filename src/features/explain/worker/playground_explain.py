"""Plain-language explanations of a learner's errors.

`explain(exc)` recognises a few common mistakes from the exception object and the learner's own source (read
with `ast` and `tokenize`), and fills the matching text of playground_explanations.json with the concrete names,
values and lines involved. The words are data, so a translator edits them without touching this code.
"""

import ast
import builtins
import inspect
import io
import itertools
import json
import keyword
import linecache
import os
import reprlib
import sys
import tokenize
import types

import playground_runner as _runner


def _load_texts():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playground_explanations.json")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


_TEXTS = _load_texts()
_PHRASES = _TEXTS.get("_phrases", {})

#: Files longer than this are not parsed whole (parsing takes about 1 ms per 1,000 characters in the browser): only
#: the top-level statement around the failing line is (its function, its loop), or else that line alone.
_MAX_PARSE_CHARS = 20_000
#: Names compared with a misspelt one, at most (a misspelling is not worth a long wait in a huge program).
_MAX_CANDIDATES = 500
#: Other project files searched for a name the program forgot to import, and how much of them in all.
_MAX_OTHER_FILES = 40
_MAX_OTHER_CHARS = 100_000
#: A value or piece of code quoted in a text is cut to this length.
_MAX_FIELD = 100
_MISSING = object()
#: Headers that end with `:`.
_BLOCK_KEYWORDS = frozenset("if elif else for while def class try except finally with async match case".split())
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_STDLIB = frozenset(name for name in sys.stdlib_module_names if not name.startswith("_"))


def explain(exc, stopped=False):
    """The explanation of `exc` as {"case", "file", "line", "text", "hint"}, or None when no case fits."""
    try:
        return _dispatch(_Context(exc), stopped)
    except Exception:
        return None


def _dispatch(ctx, stopped):
    exc = ctx.exc
    if isinstance(exc, KeyboardInterrupt):
        return _explain_stop(ctx) if stopped else None
    if isinstance(exc, SyntaxError):
        return _explain_syntax(ctx)
    if ctx.tb is None:
        return None
    if isinstance(exc, RecursionError):
        return _explain_recursion(ctx)
    if isinstance(exc, UnboundLocalError):
        return _explain_unbound(ctx)
    if isinstance(exc, NameError):
        return _explain_name(ctx)
    if isinstance(exc, ImportError):
        return _explain_import(ctx)
    if isinstance(exc, AttributeError):
        return _explain_attribute(ctx)
    if isinstance(exc, TypeError):
        return _explain_type(ctx)
    if isinstance(exc, ValueError):
        return _explain_value(ctx)
    if isinstance(exc, IndexError):
        return _explain_index(ctx)
    if isinstance(exc, KeyError):
        return _explain_key(ctx)
    if isinstance(exc, ZeroDivisionError):
        return _explain_zero(ctx)
    return None


# --- where the error is, and the learner's source --------------------------------------------------------------


class _Context:
    """The exception, the learner's innermost frame (for an error inside the standard library: the learner's line
    that called it) and the learner's files, each read and parsed at most once."""

    def __init__(self, exc):
        self.exc = exc
        self.tb = None
        self._learner_files = {}
        tb = exc.__traceback__
        while tb is not None:
            if self.is_learner(tb.tb_frame.f_code):
                self.tb = tb
            tb = tb.tb_next
        self._trees = {}
        if self.tb is not None:
            self.frame = self.tb.tb_frame
            self.filename = self.frame.f_code.co_filename
            self.line = self.tb.tb_lineno
            self.pos = _positions(self.tb)
        else:
            self.frame = self.filename = self.line = self.pos = None

    def is_learner(self, code):
        """Whether code is the learner's (remembered by file name: a deep recursion's traceback repeats the same
        few, and a code object's hash is not cached)."""
        filename = code.co_filename
        known = self._learner_files.get(filename)
        if known is None:
            known = self._learner_files[filename] = _runner._is_learner_file(filename)
        return known

    def lines(self, filename=None):
        return linecache.getlines(filename or self.filename)

    def code(self, line, filename=None):
        """Line `line` of a learner file, without its indentation."""
        lines = self.lines(filename)
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    def tree(self, filename=None, near=None):
        """The parsed file; for a huge file only the part around line `near` (the failing line unless given)."""
        filename = filename or self.filename
        if filename not in self._trees:
            lines = self.lines(filename)
            near = near or self.line
            tree = None
            if sum(map(len, lines)) <= _MAX_PARSE_CHARS:
                try:
                    tree = ast.parse("".join(lines))
                except (SyntaxError, ValueError):
                    tree = None
            elif near:
                tree = _chunk_tree(lines, near)
            if tree is None and near:
                tree = _line_tree(lines, near)
            self._trees[filename] = tree
        return self._trees[filename]

    def source(self, node):
        """The code of `node`, as the learner wrote it (on one line)."""
        lines = self.lines()
        if node is None or not 0 < node.lineno <= len(lines):
            return ""
        if node.end_lineno != node.lineno:
            return _unparse(node)
        raw = lines[node.lineno - 1].encode("utf-8")
        return raw[node.col_offset : node.end_col_offset].decode("utf-8", "replace")

    def node(self, *types):
        """The node of one of `types` that failed (found by the failing instruction's position), or the first of
        those types on the failing line."""
        tree = self.tree()
        if tree is None:
            return None
        if self.pos and None not in self.pos:
            found = _node_at(tree, self.pos)
            if isinstance(found, types):
                return found
        statement = _enclosing(tree, self.line)[-1]
        for node in ast.walk(statement):
            if isinstance(node, types) and getattr(node, "lineno", None) == self.line:
                return node
        return None

    def value(self, node):
        return _value(node, self.frame)

    def say(self, case, at_line=None, in_file=None, **fields):
        """The explanation `case`, pointing at the failing line (or `at_line` of `in_file`)."""
        return _say(case, in_file or self.filename, at_line or self.line, fields)


def _positions(tb):
    """(line, end line, column, end column) of the instruction a traceback entry stopped at."""
    if tb.tb_lasti < 0:
        return None
    return next(itertools.islice(tb.tb_frame.f_code.co_positions(), tb.tb_lasti // 2, None), None)


def _starts_statement(text):
    """Whether a line starts a new top-level statement (not a block's `else:`, a closing bracket, a comment…)."""
    if not text[:1].strip() or text[0] in "#)]}@":
        return False
    return text.split(None, 1)[0].rstrip(":") not in ("else", "elif", "except", "finally")


def _chunk_tree(lines, line):
    """A tree of the top-level statement around `line`, at its real position; None if that does not parse alone
    (a string over many lines can fool the search for where statements start)."""
    if not 0 < line <= len(lines):
        return None
    start = line - 1
    while start > 0 and not _starts_statement(lines[start]):
        start -= 1
    while start > 0 and lines[start - 1].startswith("@"):
        start -= 1
    end = line
    while end < len(lines) and not _starts_statement(lines[end]):
        end += 1
    chunk = "".join(lines[start:end])
    if len(chunk) > _MAX_PARSE_CHARS:
        return None
    try:
        tree = ast.parse(chunk)
    except (SyntaxError, ValueError):
        return None
    return ast.increment_lineno(tree, start)


def _line_tree(lines, line):
    """A tree of only line `line` (a block's header gets a `pass` body), at its real position; None if that line
    does not parse on its own."""
    if not 0 < line <= len(lines):
        return None
    text = lines[line - 1]
    body = text.lstrip()
    indent = len(text[: len(text) - len(body)].encode("utf-8"))
    body = body.rstrip()
    for attempt in (body, body + " pass"):
        try:
            tree = ast.parse(attempt)
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if hasattr(node, "lineno"):
                node.lineno = node.end_lineno = line
                node.col_offset += indent
                node.end_col_offset += indent
        return tree
    return None


def _spans(node, line):
    return getattr(node, "lineno", None) is not None and node.lineno <= line <= node.end_lineno


_BLOCK_PARTS = (ast.stmt, ast.ExceptHandler, ast.match_case)


def _enclosing(tree, line):
    """The statements from the module down to the innermost one whose lines include `line` (only along that path,
    so a big file costs no more than a small one)."""
    chain = [tree]
    while True:
        for child in ast.iter_child_nodes(chain[-1]):
            if isinstance(child, _BLOCK_PARTS) and _spans(child, line):
                chain.append(child)
                break
        else:
            return chain


def _node_at(tree, pos):
    """The node exactly at `pos` (or the innermost one around it)."""
    line, end_line, col, end_col = pos
    node = tree
    while True:
        for child in ast.iter_child_nodes(node):
            if getattr(child, "lineno", None) is None:
                continue
            if (child.lineno, child.col_offset) <= (line, col) and (child.end_lineno, child.end_col_offset) >= (
                end_line,
                end_col,
            ):
                node = child
                break
        else:
            return node
        if (node.lineno, node.end_lineno, node.col_offset, node.end_col_offset) == pos:
            return node


def _unparse(node):
    try:
        return ast.unparse(node)
    except Exception:
        return ""


def _scope_of(chain):
    """The innermost function (or the module) in a chain from _enclosing."""
    for node in reversed(chain):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)):
            return node
    return chain[0]


def _targets(statement):
    """The expressions a statement assigns to itself (not those of the blocks inside it)."""
    if isinstance(statement, ast.Assign):
        return statement.targets
    if isinstance(statement, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
        return [statement.target]
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return [item.optional_vars for item in statement.items if item.optional_vars is not None]
    return []


def _bindings(scope, name):
    """Nodes that give `name` a value directly in `scope` (not in functions or classes inside it), in order.

    Only statements and their targets are visited, not every expression: this runs on whole modules.
    """
    found = []
    todo = list(scope.body) if isinstance(scope.body, list) else []
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name == name:
                found.append(node)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.extend(a for a in node.names if (a.asname or a.name.split(".")[0]) == name)
        elif isinstance(node, ast.ExceptHandler) and node.name == name:
            found.append(node)
        for target in _targets(node):
            if isinstance(target, ast.Name):
                if target.id == name:
                    found.append(target)
            elif isinstance(target, (ast.Tuple, ast.List, ast.Starred)):
                found.extend(n for n in ast.walk(target) if isinstance(n, ast.Name) and n.id == name)
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                todo.extend(block)
    return sorted(found, key=lambda node: (node.lineno, node.col_offset))


def _statement_of(tree, node):
    """The statement a node is part of."""
    chain = _enclosing(tree, node.lineno)
    for parent in reversed(chain):
        if isinstance(parent, ast.stmt):
            return parent
    return node


def _is_input_call(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "input"


def _assigned_from_input(tree, scope, name):
    """The `input(...)` call whose answer `name` holds (`name = input(...)`), or None."""
    for node in _bindings(scope, name):
        statement = _statement_of(tree, node)
        if isinstance(statement, ast.Assign) and _is_input_call(statement.value):
            return statement.value
    return None


# --- values from the failing frame (never running the learner's code) -------------------------------------------


_PLAIN_CONTAINERS = (list, tuple, str, dict, range, bytes)


def _value(node, frame):
    """The value of a plain name or constant (or an index of a built-in list, dict… by one) in `frame`."""
    if frame is None or node is None:
        return _MISSING
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        for space in (frame.f_locals, frame.f_globals, vars(builtins)):
            try:
                if node.id in space:
                    return space[node.id]
            except Exception:
                return _MISSING
        return _MISSING
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _value(node.operand, frame)
        if type(operand) in (int, float):
            return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        left, right = _value(node.left, frame), _value(node.right, frame)
        if type(left) is int and type(right) is int:
            return left + right if isinstance(node.op, ast.Add) else left - right
    if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
        container, index = _value(node.value, frame), _value(node.slice, frame)
        if type(container) in _PLAIN_CONTAINERS and type(index) in (int, str, bool, float, tuple):
            try:
                return container[index]
            except Exception:
                return _MISSING
    return _MISSING


class _SafeRepr(reprlib.Repr):
    """repr() of built-in values, shortened; the learner's own objects are only named (their __repr__ could run
    code, or fail)."""

    def __init__(self):
        super().__init__()
        self.maxstring = 40
        self.maxother = 40
        self.maxlist = self.maxtuple = self.maxdict = self.maxset = 6

    def repr_instance(self, obj, level):
        if type(obj).__module__ == "builtins":
            return super().repr_instance(obj, level)
        return f"<{type(obj).__name__} object>"


_safe_repr = _SafeRepr().repr


# --- the texts ----------------------------------------------------------------------------------------------------


class _Code(str):
    """Text made here from pieces already made safe (a list of names in backticks): it goes into a text as is."""


def _field(value):
    """A value as it goes into a text: one line, no backticks (they mark code), not too long."""
    if isinstance(value, _Code):
        return str(value)
    text = str(value).replace("`", "'").replace("\n", " ")
    return text if len(text) <= _MAX_FIELD else text[: _MAX_FIELD - 1] + "…"


def _say(case, filename, line, fields):
    entry = _TEXTS.get(case)
    if not entry:
        return None
    fields = {"line": line, "file": _runner._display_name(filename), **fields}
    safe = {key: _field(value) for key, value in fields.items()}
    return {
        "case": case,
        "file": _runner._display_name(filename),
        "line": int(line or 1),
        "text": entry["explanation"].format(**safe),
        "hint": entry["hint"].format(**safe),
    }


def _count(word, n):
    """`n` of `word` in words ("1 value", "3 values", "no values"), from the phrases in the texts."""
    forms = _PHRASES.get(word, {})
    form = forms.get("zero" if n == 0 else "one" if n == 1 else "other") or forms.get("other") or "{count}"
    return form.format(count=n)


def _names(names):
    """Names as code, one after another: `a`, `b`."""
    return _Code(", ".join(f"`{_field(name)}`" for name in names))


# --- close matches ------------------------------------------------------------------------------------------------


def _distance(a, b, limit):
    """Edit distance between a and b, counting a swap of two neighbours as one edit; `limit` + 1 once above it.

    Only cells within `limit` of the diagonal are computed (the others are above the limit anyway): this runs for
    every name of the program.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    big = limit + 1
    width = len(b) + 1
    before, row = None, [j if j <= limit else big for j in range(width)]
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        current = [big] * width
        if i <= limit:
            current[0] = i
        best = current[0]
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cb = b[j - 1]
            value = row[j - 1] + (ca != cb)
            if row[j] + 1 < value:
                value = row[j] + 1
            if current[j - 1] + 1 < value:
                value = current[j - 1] + 1
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb and before[j - 2] + 1 < value:
                value = before[j - 2] + 1
            current[j] = value
            if value < best:
                best = value
        if best > limit:
            return big
        before, row = row, current
    return min(row[-1], big)


def _close_match(name, candidates, most=3):
    """The candidate spelt most like `name` (the same but for capitals first), at most `most` edits away, or None."""
    if len(name) < 2:
        return None
    limit = min(most, 1 if len(name) <= 4 else 2 if len(name) <= 9 else 3)
    lower = name.lower()
    best, best_distance = None, limit + 1
    for candidate in candidates:
        if candidate == name or not isinstance(candidate, str) or abs(len(candidate) - len(name)) > limit:
            continue
        if candidate.startswith("_") and not name.startswith("_"):
            continue
        if candidate.lower() == lower:
            return candidate
        distance = _distance(lower, candidate.lower(), limit)
        if distance < best_distance:
            best, best_distance = candidate, distance
    return best


# --- other files of the project -----------------------------------------------------------------------------------

#: Top-level names of project files, by (path, size, modification time): a file is parsed again only once changed.
_other_names_cache = {}


def _project_modules():
    """Importable module names of the project's .py files: {"helpers": path}."""
    modules = {}
    try:
        entries = sorted(os.scandir(_runner.PROJECT_DIR), key=lambda e: e.name)
    except OSError:
        return modules
    for entry in entries:
        if entry.name.endswith(".py") and entry.is_file():
            modules[entry.name[:-3]] = entry.path
    return modules


def _top_level_names(path):
    try:
        stat = os.stat(path)
    except OSError:
        return ()
    key = (path, stat.st_size, stat.st_mtime_ns)
    if key not in _other_names_cache:
        if len(_other_names_cache) > 200:
            _other_names_cache.clear()  # versions of files from runs long ago
        names = []
        if stat.st_size <= _MAX_PARSE_CHARS:
            try:
                with open(path, encoding="utf-8") as f:
                    tree = ast.parse(f.read())
            except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
                tree = None
            for node in tree.body if tree else ():
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    names.append(node.name)
                elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    names.extend(t.id for t in targets if isinstance(t, ast.Name))
        _other_names_cache[key] = tuple(names)
    return _other_names_cache[key]


def _other_files_names(filename):
    """{name: module} for the top-level names the project's other .py files define."""
    found = {}
    total = 0
    for module, path in itertools.islice(_project_modules().items(), _MAX_OTHER_FILES):
        if path == filename or module == "__main__":
            continue
        try:
            total += os.path.getsize(path)
        except OSError:
            continue
        if total > _MAX_OTHER_CHARS:
            break
        for name in _top_level_names(path):
            found.setdefault(name, module)
    return found


# --- NameError ----------------------------------------------------------------------------------------------------


def _explain_name(ctx):
    name = getattr(ctx.exc, "name", None)
    tree = ctx.tree()
    if not name or tree is None:
        return None
    chain = _enclosing(tree, ctx.line)
    node = ctx.node(ast.Name)
    is_module_use = _is_attribute_base(chain[-1], name)
    if is_module_use and (name in _STDLIB or name in _runner.known_packages or name in _project_modules()):
        return ctx.say("module-not-imported", name=name)
    later = [
        b
        for scope in {id(s): s for s in (_scope_of(chain), tree)}.values()
        for b in _bindings(scope, name)
        if b.lineno > ctx.line
    ]
    if later:
        first = min(later, key=lambda b: b.lineno)
        return ctx.say("name-used-before-assigned", name=name, assigned_line=first.lineno)
    others = _other_files_names(ctx.filename)
    if name in others:
        return ctx.say(
            "name-in-other-file",
            name=name,
            module=others[name],
            other_file=others[name] + ".py",
        )
    frame = ctx.frame
    module = _module_with(frame.f_globals, name)
    if module is not None:
        return ctx.say("name-in-imported-module", name=name, module=module)
    # Python's own names only when one letter is off: `hello` is more likely a word than a misspelt `help`.
    own = itertools.islice(itertools.chain(frame.f_locals.keys(), frame.f_globals.keys()), _MAX_CANDIDATES)
    match = _close_match(name, list(own)) or _close_match(name, dir(builtins), most=1)
    if match:
        return ctx.say("name-misspelt", name=name, match=match)
    match = _close_match(name, list(others))
    if match:
        return ctx.say("name-misspelt-in-other-file", name=name, match=match, module=others[match])
    if node is not None and _is_plain_value(chain[-1], node) and not _bindings(tree, name):
        return ctx.say("name-needs-quotes", name=name)
    return None


def _module_with(namespace, name):
    """The name under which the program imported a module that has `name` (`random` for `randint`), or None."""
    for alias, value in itertools.islice(namespace.items(), _MAX_CANDIDATES):
        if isinstance(value, types.ModuleType) and not alias.startswith("_"):
            try:
                if name in vars(value):
                    return alias
            except TypeError:
                continue
    return None


def _is_attribute_base(statement, name):
    return any(
        isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == name
        for n in ast.walk(statement)
    )


def _is_plain_value(statement, name_node):
    """Whether a name is used as a value only (not called, not looked into), as a word would be."""
    for n in ast.walk(statement):
        if isinstance(n, ast.Call) and n.func is name_node:
            return False
        if isinstance(n, (ast.Attribute, ast.Subscript, ast.FormattedValue)) and n.value is name_node:
            return False
    return True


def _explain_unbound(ctx):
    """A function assigns to a name that also exists outside it: Python takes it as the function's own."""
    message = str(ctx.exc)
    name = getattr(ctx.exc, "name", None) or (message.split("'")[1] if message.count("'") >= 2 else None)
    tree = ctx.tree()
    if not name or tree is None:
        return None
    function = _scope_of(_enclosing(tree, ctx.line))
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    is_global = name in ctx.frame.f_globals or bool(_bindings(tree, name))
    assigned = _bindings(function, name)
    if not is_global or not assigned:
        return None
    return ctx.say("global-changed-in-function", name=name, function=function.name, assigned_line=assigned[0].lineno)


# --- SyntaxError --------------------------------------------------------------------------------------------------


def _explain_syntax(ctx):
    exc = ctx.exc
    filename = exc.filename or ""
    if not _runner._is_learner_file(filename) or not exc.lineno:
        return None
    ctx.filename = filename
    ctx.line = exc.lineno
    msg = exc.msg or ""
    if isinstance(exc, TabError):
        return _explain_tabs(ctx)
    if isinstance(exc, IndentationError):
        return _explain_indentation(ctx, msg)
    if msg == "expected ':'":
        return _explain_colon(ctx)
    if msg.endswith("was never closed"):
        return _explain_unclosed(ctx)
    if msg.startswith("closing parenthesis"):
        return _explain_mismatched(ctx)
    if msg.startswith("unterminated") and "string literal" in msg:
        return _explain_unclosed_string(ctx)
    if msg.startswith("Missing parentheses in call to 'print'"):
        return _explain_print(ctx)
    if "Maybe you meant '==' or ':=' instead of '='" in msg:
        return _explain_equals(ctx)
    if msg == "invalid syntax" or msg.startswith("cannot assign to"):
        return _explain_keyword_name(ctx)
    return None


def _line_tokens(text):
    """The tokens of one line (a line with an error in it may stop early: what came before is kept)."""
    tokens = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            tokens.append(token)
    except (tokenize.TokenError, SyntaxError):
        pass
    return [t for t in tokens if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.COMMENT)]


def _explain_colon(ctx):
    text = ctx.lines()[ctx.line - 1] if ctx.line <= len(ctx.lines()) else (ctx.exc.text or "")
    tokens = _line_tokens(text.strip())
    word = tokens[0].string if tokens else ""
    if word not in _BLOCK_KEYWORDS:
        return None
    # Python's offset is where the colon belongs (before any comment).
    at = (ctx.exc.offset or len(text)) - 1
    fixed = (text[:at].rstrip() + ":" + text[at:].rstrip()).strip()
    return ctx.say("missing-colon", keyword=word, fixed=fixed)


def _explain_unclosed(ctx):
    opener = ctx.exc.msg[1]
    text = ctx.lines()[ctx.line - 1] if ctx.line <= len(ctx.lines()) else (ctx.exc.text or "")
    column = ctx.exc.offset or 1
    snippet = text[max(0, column - 20) : column].lstrip()
    return ctx.say(
        "bracket-never-closed",
        bracket=opener,
        closer=_BRACKETS.get(opener, opener),
        column=column,
        snippet=snippet,
    )


def _explain_mismatched(ctx):
    """A closing bracket of the wrong kind: find the bracket it was meant to close."""
    lines = ctx.lines()
    stack = []
    try:
        for token in tokenize.generate_tokens(io.StringIO("".join(lines[: ctx.line])).readline):
            if token.type != tokenize.OP:
                continue
            if token.string in _BRACKETS:
                stack.append(token)
            elif token.string in _BRACKETS.values():
                if token.start[0] == ctx.line and token.start[1] >= (ctx.exc.offset or 1) - 1:
                    break
                if stack:
                    stack.pop()
    except (tokenize.TokenError, SyntaxError):
        pass
    if not stack:
        return None
    opener = stack[-1]
    closer = ctx.exc.msg.split("'")[1]
    open_line, open_col = opener.start
    snippet = lines[open_line - 1][max(0, open_col - 19) : open_col + 1].lstrip()
    return ctx.say(
        "bracket-mismatched",
        closer=closer,
        bracket=opener.string,
        expected=_BRACKETS[opener.string],
        open_line=open_line,
        column=open_col + 1,
        snippet=snippet,
    )


def _explain_unclosed_string(ctx):
    text = ctx.lines()[ctx.line - 1] if ctx.line <= len(ctx.lines()) else (ctx.exc.text or "")
    start = text[(ctx.exc.offset or 1) - 1 :]
    body = start.lstrip("rRbBfFuUtT")
    quote = body[:3] if body[:3] in ('"""', "'''") else body[:1]
    if quote not in ('"', "'", '"""', "'''"):
        return None
    return ctx.say("string-never-closed", quote=quote, snippet=start.rstrip())


def _explain_print(ctx):
    text = ctx.code(ctx.line) or (ctx.exc.text or "").strip()
    if not text.startswith("print"):
        return None
    return ctx.say("print-without-brackets", fixed=f"print({text[5:].strip()})", code=text)


def _explain_equals(ctx):
    text = ctx.code(ctx.line) or (ctx.exc.text or "").strip()
    tokens = _line_tokens(text)
    if not tokens or tokens[0].string not in ("if", "elif", "while"):
        return None
    equals = [t for t in tokens if t.type == tokenize.OP and t.string == "="]
    if not equals:
        return None
    at = equals[0].start[1]
    end = text.rfind(":")
    fixed = text[:at] + "==" + text[at + 1 :]
    return ctx.say(
        "equals-in-condition",
        keyword=tokens[0].string,
        left=text[len(tokens[0].string) : at].strip(),
        right=text[at + 1 : end if end > at else None].strip(),
        code=text,
        fixed=fixed,
    )


def _explain_keyword_name(ctx):
    """A keyword where a name belongs: `class = 5`, `def if():`, `x.class`, `for if in …`, `def f(class):`."""
    text = ctx.code(ctx.line) or (ctx.exc.text or "").strip()
    tokens = _line_tokens(text)
    in_def = bool(tokens) and tokens[0].string == "def"
    for i, token in enumerate(tokens):
        if token.type != tokenize.NAME or not keyword.iskeyword(token.string):
            continue
        before = tokens[i - 1].string if i else ""
        after = tokens[i + 1].string if i + 1 < len(tokens) else ""
        if (
            (after == "=" or (after.endswith("=") and after not in ("==", "<=", ">=", "!=") and len(after) > 1))
            or before in ("def", "class", ".", "import", "as")
            or (before == "for" and token.string != "in")
            or (in_def and before in ("(", ","))
        ):
            word = token.string
            return ctx.say("keyword-as-name", word=word, lower=word.lower())
    return None


def _indent_of(text):
    return text[: len(text) - len(text.lstrip(" \t"))]


def _describe_indent(indent):
    tabs, spaces = indent.count("\t"), indent.count(" ")
    if tabs and spaces:
        return _PHRASES.get("tabs_and_spaces", "{tabs} + {spaces}").format(
            tabs=_count("tabs", tabs), spaces=_count("spaces", spaces)
        )
    return _count("tabs", tabs) if tabs else _count("spaces", spaces)


def _code_lines_before(lines, line):
    """(line number, text) of the non-blank, non-comment lines before `line`, nearest first."""
    for number in range(line - 1, 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            yield number, lines[number - 1]


def _explain_indentation(ctx, msg):
    lines = ctx.lines()
    if not 0 < ctx.line <= len(lines):
        return None
    text = lines[ctx.line - 1]
    if msg == "unexpected indent":
        previous = next(_code_lines_before(lines, ctx.line), None)
        if previous is None:
            return ctx.say("indent-unexpected-first", indent=_describe_indent(_indent_of(text)))
        return ctx.say(
            "indent-unexpected",
            indent=_describe_indent(_indent_of(text)),
            prev_line=previous[0],
            prev_indent=_describe_indent(_indent_of(previous[1])),
        )
    if msg.startswith("expected an indented block"):
        header_line = int(msg.rsplit(" ", 1)[1]) if msg.rsplit(" ", 1)[1].isdigit() else ctx.line
        header = ctx.code(header_line)
        tokens = _line_tokens(header)
        return ctx.say(
            "indent-expected",
            header=header,
            header_line=header_line,
            keyword=tokens[0].string if tokens else header.split(" ")[0],
        )
    if msg.startswith("unindent does not match"):
        width = len(_indent_of(text).expandtabs(8))
        levels = []  # (width, line) of the blocks open before this line
        for number, before in reversed(list(itertools.islice(_code_lines_before(lines, ctx.line), 2000))):
            w = len(_indent_of(before).expandtabs(8))
            while levels and levels[-1][0] > w:
                levels.pop()
            if not levels or levels[-1][0] < w:
                levels.append((w, number))
            else:
                levels[-1] = (w, number)
        if not levels:
            return None
        near_width, near_line = min(levels, key=lambda level: (abs(level[0] - width), -level[0]))
        return ctx.say(
            "indent-mismatch",
            indent=_describe_indent(_indent_of(text)),
            near_indent=_describe_indent(_indent_of(lines[near_line - 1])),
            near_line=near_line,
        )
    return None


def _explain_tabs(ctx):
    lines = ctx.lines()
    if not 0 < ctx.line <= len(lines):
        return None
    indent = _indent_of(lines[ctx.line - 1])
    has_tab = "\t" in indent
    for number, before in _code_lines_before(lines, ctx.line):
        other = _indent_of(before)
        if other and ("\t" in other) != has_tab:
            return ctx.say(
                "indent-tabs-and-spaces",
                indent=_describe_indent(indent),
                other_line=number,
                other_indent=_describe_indent(other),
                tab_line=ctx.line if has_tab else number,
            )
    return None


# --- TypeError ----------------------------------------------------------------------------------------------------


def _explain_type(ctx):
    message = str(ctx.exc)
    if "object is not callable" in message:
        return _explain_not_callable(ctx)
    if "positional argument" in message and ("missing" in message or "given" in message):
        return _explain_arguments(ctx)
    found = _explain_input_as_number(ctx)
    if found:
        return found
    if message in ('can only concatenate str (not "int") to str', 'can only concatenate str (not "float") to str'):
        return _explain_str_plus_number(ctx, number_on_left=False)
    if message in (
        "unsupported operand type(s) for +: 'int' and 'str'",
        "unsupported operand type(s) for +: 'float' and 'str'",
    ):
        return _explain_str_plus_number(ctx, number_on_left=True)
    return None


def _explain_input_as_number(ctx):
    """Text from input() used in arithmetic, a comparison or range(): it needs int() first."""
    if "str" not in str(ctx.exc):
        return None
    tree = ctx.tree()
    node = ctx.node(ast.BinOp, ast.Compare, ast.Call, ast.AugAssign)
    if tree is None or node is None:
        return None
    scope = _scope_of(_enclosing(tree, ctx.line))
    for name in ast.walk(node):
        if name is not node and _is_input_call(name):
            return ctx.say("input-answer-used-as-number", expr=ctx.source(node), input_call=ctx.source(name))
        if isinstance(name, ast.Name) and isinstance(ctx.value(name), str):
            call = _assigned_from_input(tree, scope, name.id) or _assigned_from_input(tree, tree, name.id)
            if call is not None:
                return ctx.say(
                    "input-used-as-number",
                    name=name.id,
                    value=_safe_repr(ctx.value(name)),
                    expr=ctx.source(node),
                    input_line=call.lineno,
                    input_call=ctx.source(call),
                )
    return None


def _explain_str_plus_number(ctx, number_on_left):
    node = ctx.node(ast.BinOp)
    if node is None or not isinstance(node.op, ast.Add):
        return None
    number = node.left if number_on_left else node.right
    # A number written in the code can simply be written as text instead.
    is_constant = isinstance(number, ast.Constant)
    return ctx.say(
        "str-plus-number",
        expr=ctx.source(node),
        number=ctx.source(number),
        as_text=f'"{number.value}"' if is_constant else f"str({ctx.source(number)})",
        value=_safe_repr(ctx.value(number)) if ctx.value(number) is not _MISSING else ctx.source(number),
        fstring=_as_fstring(ctx, node),
    )


def _as_fstring(ctx, node):
    """`"Age: " + age` as the f-string `f"Age: {age}"`."""
    parts = []

    def flatten(n):
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add):
            flatten(n.left)
            flatten(n.right)
        else:
            parts.append(n)

    flatten(node)
    out = []
    for part in parts:
        if isinstance(part, ast.Constant) and isinstance(part.value, (str, int, float)):
            text = str(part.value)
            out.append(text.replace("{", "{{").replace("}", "}}").replace('"', '\\"').replace("\n", "\\n"))
        else:
            out.append("{" + ctx.source(part) + "}")
    return 'f"' + "".join(out) + '"'


def _explain_not_callable(ctx):
    node = ctx.node(ast.Call)
    if node is None:
        return None
    func = node.func
    name = ctx.source(func)
    value = ctx.value(func)
    shown = _safe_repr(value) if value is not _MISSING else ""
    if isinstance(func, ast.Name) and func.id in vars(builtins) and value is not vars(builtins)[func.id]:
        tree = ctx.tree()
        assigned = [b for b in _bindings(tree, func.id) if b.lineno <= ctx.line] if tree else []
        if not assigned:
            chain = _enclosing(tree, ctx.line) if tree else []
            assigned = [b for b in _bindings(_scope_of(chain), func.id)] if chain else []
        if assigned:
            line = assigned[-1].lineno
            return ctx.say(
                "builtin-replaced", name=func.id, value=shown, assigned_line=line, assigned_code=ctx.code(line)
            )
    if not shown:
        return None
    return ctx.say("not-callable", name=name, value=shown, call=ctx.source(node))


def _learner_function(value):
    """The learner's own function behind a called value, and whether its first parameter is filled in already
    (a method, or a class whose __init__ it is). None for anything else."""
    bound = False
    if isinstance(value, type):
        try:
            value = inspect.getattr_static(value, "__init__")
        except AttributeError:
            return None, False
        bound = True
    elif inspect.ismethod(value):
        value, bound = value.__func__, True
    code = getattr(value, "__code__", None)
    if code is None or not _runner._is_learner_file(code.co_filename):
        return None, False
    return value, bound


def _explain_arguments(ctx):
    node = ctx.node(ast.Call)
    if node is None or any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        return None
    func_node = node.func
    value = ctx.value(func_node)
    bound = False
    if value is _MISSING and isinstance(func_node, ast.Attribute):
        # A method, looked up without running any code of the object (a property would).
        owner = ctx.value(func_node.value)
        try:
            value = inspect.getattr_static(owner, func_node.attr) if owner is not _MISSING else _MISSING
        except AttributeError:
            value = _MISSING
        if isinstance(value, (staticmethod, classmethod)):
            value, bound = value.__func__, isinstance(value, classmethod)
        elif isinstance(value, types.FunctionType):
            bound = not isinstance(owner, type)
    if value is _MISSING:
        return None
    function, bound_already = _learner_function(value)
    bound = bound or bound_already
    if function is None:
        return None
    code = function.__code__
    params = list(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount])
    if bound:
        params = params[1:]
    defaults = len(function.__defaults__ or ())
    required = len(params) - defaults
    given = len(node.args) + len(node.keywords)
    name = ctx.source(func_node)
    if not params:
        return ctx.say("args-none-expected", function=name, call=ctx.source(node), got=_count("values", given))
    takes = _count("values", len(params))
    if defaults:
        takes = _PHRASES.get("values_between", "{least}-{most}").format(least=required, most=len(params))
    fields = dict(
        function=name,
        params=", ".join(params),
        takes=takes,
        got=_count("values", given),
        call=ctx.source(node),
        def_line=code.co_firstlineno,
        def_file=_runner._display_name(code.co_filename),
        example=f"{name}({', '.join(params)})",
    )
    if given < required:
        return ctx.say("args-missing", missing=_names(params[given:required]), **fields)
    return ctx.say("args-too-many", **fields)


# --- ValueError ---------------------------------------------------------------------------------------------------


def _explain_value(ctx):
    message = str(ctx.exc)
    if message.startswith("invalid literal for int()"):
        kind = "int"
    elif message.startswith("could not convert string to float"):
        kind = "float"
    else:
        return None
    try:
        typed = ast.literal_eval(message.split(": ", 1)[1])
    except (ValueError, SyntaxError, IndexError):
        return None
    if not isinstance(typed, str):
        return None
    node = ctx.node(ast.Call)
    from_input = False
    tree = ctx.tree()
    if node is not None and tree is not None:
        scope = _scope_of(_enclosing(tree, ctx.line))
        for inner in ast.walk(node):
            if _is_input_call(inner):
                from_input = True
            elif isinstance(inner, ast.Name) and (
                _assigned_from_input(tree, scope, inner.id) or _assigned_from_input(tree, tree, inner.id)
            ):
                from_input = True
    fields = dict(typed=typed, shown=repr(typed), func=kind, code=ctx.code(ctx.line))
    if not from_input:
        return ctx.say("text-not-a-number", **fields)
    if not typed.strip():
        return ctx.say("typed-nothing", **fields)
    if kind == "int" and _is_float(typed):
        return ctx.say("typed-decimal-for-int", **fields)
    return ctx.say("typed-not-a-number", **fields)


def _is_float(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


# --- IndexError, KeyError, ZeroDivisionError ----------------------------------------------------------------------


def _explain_index(ctx):
    node = ctx.node(ast.Subscript)
    if node is None:
        return _explain_empty_call(ctx)
    sequence = ctx.value(node.value)
    index = ctx.value(node.slice)
    if type(sequence) not in (list, tuple, str, range) or type(index) is not int:
        return None
    word = "characters" if isinstance(sequence, str) else "items"
    fields = dict(
        name=ctx.source(node.value),
        expr=ctx.source(node),
        index=index,
        index_code=ctx.source(node.slice),
    )
    if not sequence:
        return ctx.say("index-empty", **fields)
    case = "index-out-of-range" if isinstance(node.slice, ast.Constant) else "index-out-of-range-variable"
    return ctx.say(case, count=_count(word, len(sequence)), last=len(sequence) - 1, **fields)


def _explain_empty_call(ctx):
    """An IndexError from a function given an empty list: `random.choice(names)`, `names.pop()`."""
    call = ctx.node(ast.Call)
    if call is None:
        return None
    given = list(call.args)
    if isinstance(call.func, ast.Attribute):
        given.append(call.func.value)
    for arg in given:
        value = ctx.value(arg)
        if type(value) in (list, tuple, str) and not value:
            return ctx.say("index-empty", name=ctx.source(arg), expr=ctx.source(call))
    return None


def _explain_key(ctx):
    if not ctx.exc.args:
        return None
    key = ctx.exc.args[0]
    node = ctx.node(ast.Subscript)
    if node is None:
        return None
    mapping = ctx.value(node.value)
    if type(mapping) is not dict:
        return None
    fields = dict(name=ctx.source(node.value), key=_safe_repr(key))
    if not mapping:
        return ctx.say("key-missing-empty", **fields)
    keys = list(itertools.islice(mapping.keys(), _MAX_CANDIDATES))
    if isinstance(key, str):
        match = _close_match(key, [k for k in keys if isinstance(k, str)])
        if match is not None:
            return ctx.say("key-misspelt", match=_safe_repr(match), **fields)
    shown = ", ".join(_safe_repr(k) for k in keys[:5]) + (", …" if len(mapping) > 5 else "")
    return ctx.say("key-missing", keys=shown, **fields)


def _explain_zero(ctx):
    node = ctx.node(ast.BinOp, ast.AugAssign)
    if node is None or not isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)):
        return None
    divisor = node.right if isinstance(node, ast.BinOp) else node.value
    code = ctx.source(divisor)
    if isinstance(divisor, ast.Constant):
        return ctx.say("divide-by-zero-number", expr=ctx.source(node), divisor=code)
    return ctx.say("divide-by-zero", expr=ctx.source(node), divisor=code)


# --- AttributeError and imports ------------------------------------------------------------------------------------


def _shadowing_file(module):
    """The project file that is imported instead of a standard module (or a package the app has), or None."""
    path = getattr(module, "__file__", None) or ""
    name = getattr(module, "__name__", "") or ""
    top = name.split(".")[0]
    if path.startswith(_runner.PROJECT_DIR + "/") and (top in _STDLIB or top in _runner.known_packages):
        return _runner._display_name(path)
    return None


def _explain_attribute(ctx):
    exc = ctx.exc
    name = getattr(exc, "name", None)
    obj = getattr(exc, "obj", _MISSING)
    if not name or obj is _MISSING:
        return None
    if isinstance(obj, types.ModuleType):
        shadow = _shadowing_file(obj)
        if shadow:
            return ctx.say("module-shadowed", module=obj.__name__, name=name, filename=shadow)
    node = ctx.node(ast.Attribute)
    expr = ctx.source(node.value) if node is not None and node.attr == name else _safe_repr(obj)
    if obj is None:
        return _explain_none(ctx, node, name, expr)
    try:
        candidates = dir(obj)
    except Exception:
        return None
    match = _close_match(name, candidates)
    if match is None:
        return None
    return ctx.say("attribute-misspelt", expr=expr, name=name, match=match)


def _explain_none(ctx, node, name, expr):
    """`x.something` where x is None: usually x holds what a function that returns nothing gave back."""
    tree = ctx.tree()
    if node is None or tree is None or not isinstance(node.value, ast.Name):
        return ctx.say("none-has-no-attribute", expr=expr, name=name)
    scope = _scope_of(_enclosing(tree, ctx.line))
    before = [b for b in _bindings(scope, node.value.id) if b.lineno <= ctx.line]
    statement = _statement_of(tree, before[-1]) if before else None
    if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
        call = statement.value
        fields = dict(
            expr=expr,
            name=name,
            assigned_line=statement.lineno,
            assigned_code=ctx.code(statement.lineno),
            call=ctx.source(call),
            func=ctx.source(call.func),
        )
        if isinstance(call.func, ast.Attribute):
            return ctx.say("none-from-method", method=call.func.attr, **fields)
        function, _ = _learner_function(ctx.value(call.func))
        if function is not None:
            return ctx.say("none-from-function", **fields)
    return ctx.say("none-has-no-attribute", expr=expr, name=name)


def _explain_import(ctx):
    exc = ctx.exc
    name = getattr(exc, "name", None) or ""
    top = name.split(".")[0]
    if not top:
        return None
    module = sys.modules.get(top)
    if module is not None and not isinstance(exc, ModuleNotFoundError):
        shadow = _shadowing_file(module)
        if shadow:
            return ctx.say("module-shadowed", module=top, name=getattr(exc, "name_from", None) or "", filename=shadow)
    missing = getattr(exc, "name_from", None)
    source = sys.modules.get(name)
    if source is not None and missing and not isinstance(exc, ModuleNotFoundError):
        match = _close_match(missing, list(itertools.islice(vars(source), _MAX_CANDIDATES * 4)))
        if match:
            return ctx.say("import-name-misspelt", module=name, name=missing, match=match)
    if not isinstance(exc, ModuleNotFoundError):
        return None
    if top in _runner.known_packages:
        return ctx.say("package-not-downloaded", module=top)
    if top in _STDLIB:
        return None
    match = _close_match(top, sorted(_STDLIB | _runner.known_packages | set(_project_modules())))
    if match is None:
        return None
    return ctx.say("module-misspelt", module=top, match=match, code=ctx.code(ctx.line))


# --- RecursionError -----------------------------------------------------------------------------------------------


def _explain_recursion(ctx):
    """The learner's function that called itself most: does it have a way to stop at all?"""
    counts = {}  # by id(code): hashing a code object hashes its whole contents
    codes = {}
    last_line = {}  # the line of its innermost frame: where it calls itself
    tb = ctx.exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if ctx.is_learner(code):
            key = id(code)
            counts[key] = counts.get(key, 0) + 1
            codes[key] = code
            last_line[key] = tb.tb_lineno
        tb = tb.tb_next
    if not counts:
        return None
    key, depth = max(counts.items(), key=lambda item: item[1])
    code = codes[key]
    if depth < 10:
        return None
    line = last_line[key]
    tree = ctx.tree(code.co_filename, near=line)
    function = None
    if tree is not None:
        function = next(
            (n for n in reversed(_enclosing(tree, line)) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))),
            None,
        )
    has_stop = function is not None and any(isinstance(n, (ast.If, ast.IfExp, ast.Match)) for n in ast.walk(function))
    case = "recursion-never-stops" if has_stop else "recursion-no-base-case"
    return ctx.say(case, at_line=line, in_file=code.co_filename, function=code.co_name, depth=depth)


# --- Stop ---------------------------------------------------------------------------------------------------------


def _explain_stop(ctx):
    """Stopped inside a loop: name the loop, and for a `while`, what its condition depends on."""
    if ctx.tb is None:
        return None
    tree = ctx.tree()
    if tree is None:
        return None
    chain = _enclosing(tree, ctx.line)
    loop = None
    for node in reversed(chain):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            break
        if isinstance(node, (ast.While, ast.For, ast.AsyncFor)):
            loop = node
            break
    if loop is None:
        return None
    header = ctx.code(loop.lineno)
    if isinstance(loop, (ast.For, ast.AsyncFor)):
        return ctx.say("stopped-in-for-loop", at_line=loop.lineno, header=header, target=ctx.source(loop.target))
    called = {id(n.func) for n in ast.walk(loop.test) if isinstance(n, ast.Call)}
    names = []
    for n in ast.walk(loop.test):
        if isinstance(n, ast.Name) and id(n) not in called and n.id not in names and n.id not in vars(builtins):
            names.append(n.id)
    if isinstance(loop.test, ast.Constant) and loop.test.value:
        return ctx.say("stopped-in-while-true", at_line=loop.lineno, header=header)
    if not names:
        return None  # only calls in the condition (`while not done():`): nothing concrete to point at
    return ctx.say(
        "stopped-in-while-loop",
        at_line=loop.lineno,
        header=header,
        condition=ctx.source(loop.test),
        names=_names(names),
    )
