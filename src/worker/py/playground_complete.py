"""Name completion for the editor, computed by Python itself while it is idle.

Completes keywords, builtins, names defined in the file, and attributes after
`module.` for modules the file imports (the standard library is imported to
look inside; the learner's own modules are read, never run).
"""

import ast
import builtins
import importlib
import keyword
import re
import sys

_IDENT_CHAIN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\.([A-Za-z0-9_]*)$")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
# Importing these has effects beyond defining names.
_NEVER_IMPORT = {"antigravity", "this", "__hello__", "__phello__", "idlelib", "turtledemo", "tkinter"}
_MAX_ITEMS = 400


def complete(files, current, source, offset):
    """Completion items for the text before `offset` in `source` (the file named `current`)."""
    before = source[:offset]
    chain = _IDENT_CHAIN.search(before)
    if chain:
        return _attributes(files, current, source, chain.group(1), chain.group(2))
    word = _IDENT.search(before)
    prefix = word.group(0) if word else ""
    items = {}
    for name in keyword.kwlist + keyword.softkwlist:
        items[name] = "keyword"
    for name in dir(builtins):
        if not name.startswith("_"):
            value = getattr(builtins, name)
            items[name] = "class" if isinstance(value, type) else "function"
    for name, kind in _defined_names(source).items():
        if name != prefix:
            items[name] = kind
    return _limit(items, prefix)


def _limit(items, prefix):
    out = [{"label": k, "type": v} for k, v in items.items() if k.startswith(prefix)]
    out.sort(key=lambda item: (item["label"].startswith("_"), item["label"].lower()))
    return out[:_MAX_ITEMS]


def _parse(source):
    """Parse as much of an unfinished file as possible: drop lines from the end until it parses."""
    lines = source.splitlines()
    for cut in range(len(lines), max(len(lines) - 50, -1), -1):
        try:
            return ast.parse("\n".join(lines[:cut]))
        except (SyntaxError, ValueError):
            continue
    return None


def _defined_names(source):
    """Names the file defines: functions, classes, variables, parameters, imports."""
    tree = _parse(source)
    names = {}
    if tree is None:
        for match in re.finditer(r"^\s*(def|class)\s+([A-Za-z_]\w*)|^\s*([A-Za-z_]\w*)\s*=", source, re.M):
            if match.group(2):
                names[match.group(2)] = "function" if match.group(1) == "def" else "class"
            elif match.group(3):
                names[match.group(3)] = "variable"
        return names
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names[node.name] = "function"
            for arg in node.args.args + node.args.kwonlyargs + node.args.posonlyargs:
                names.setdefault(arg.arg, "variable")
        elif isinstance(node, ast.ClassDef):
            names[node.name] = "class"
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.setdefault(node.id, "variable")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    bound = alias.asname or alias.name.split(".")[0]
                    names[bound] = "module" if isinstance(node, ast.Import) else "variable"
    return names


def _imports(source):
    """Map of names bound by `import` statements to the module they name."""
    tree = _parse(source)
    bound = {}
    if tree is None:
        return bound
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    bound[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return bound


def _attributes(files, current, source, chain, prefix):
    parts = chain.split(".")
    imports = _imports(source)
    if parts[0] not in imports:
        return []
    module_name = ".".join([imports[parts[0]]] + parts[1:])
    project = {name[:-3].replace("/", "."): content for name, content in files if name.endswith(".py")}
    if module_name in project:
        names = {k: v for k, v in _defined_top_level(project[module_name]).items()}
        return _limit(names, prefix)
    target = _import_quietly(module_name)
    if target is None:
        return []
    items = {}
    for name in dir(target):
        if name.startswith("_") and not prefix.startswith("_"):
            continue
        try:
            value = getattr(target, name)
        except Exception:
            continue
        items[name] = _kind(value)
    return _limit(items, prefix)


def _defined_top_level(source):
    tree = _parse(source)
    names = {}
    if tree is None:
        return names
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names[node.name] = "function"
        elif isinstance(node, ast.ClassDef):
            names[node.name] = "class"
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    names[target.id] = "constant" if target.id.isupper() else "variable"
    return names


def _import_quietly(dotted):
    """The module or attribute named `dotted`, importing only the standard library or what is loaded."""
    parts = dotted.split(".")
    if parts[0] in _NEVER_IMPORT:
        return None
    for cut in range(len(parts), 0, -1):
        name = ".".join(parts[:cut])
        if name in sys.modules:
            obj = sys.modules[name]
        elif parts[0] in sys.stdlib_module_names:
            try:
                obj = importlib.import_module(name)
            except BaseException:
                continue
        else:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr, None)
            if obj is None:
                return None
        return obj
    return None


def _kind(value):
    if isinstance(value, type):
        return "class"
    if callable(value):
        return "function"
    if type(value).__name__ == "module":
        return "module"
    return "property"
