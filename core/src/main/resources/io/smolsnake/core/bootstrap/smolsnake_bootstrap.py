"""smolsnake bootstrap: the function's handler while its dependencies live on EFS.

Lambda imports this module during INIT. It puts the locked environment on ``sys.path`` and
imports the real handler named by ``SMOLSNAKE_HANDLER`` (``module.func`` or ``pkg.mod.func``),
so the handler's import time is INIT time as it would be without smolsnake.

Environment variables (set by smolsnake's inject stage):
  SMOLSNAKE_HANDLER    the real handler
  SMOLSNAKE_ENV        the environment directory (on the EFS mount)
  SMOLSNAKE_PATH_MODE  ``env`` (default): one ``site.addsitedir(<env>/site-packages)`` entry;
                       ``per-package``: one entry per line of ``<env>/paths.txt`` (relative
                       lines are relative to the environment; the classic layout has only it)

The event ``{"smolsnake": {"verify": {}}}`` is reserved: it imports every top-level module of
the locked packages and answers what imported (and how long it took) and what failed.
"""
import importlib
import os
import site
import sys
import time

__all__ = ["handler"]

_VERIFY_KEY = "smolsnake"


class SmolsnakeEnvironmentError(RuntimeError):
    """The environment is not where the function's configuration says it is."""


def _environment():
    env = os.environ.get("SMOLSNAKE_ENV", "")
    if not env:
        raise SmolsnakeEnvironmentError(
            "SMOLSNAKE_ENV is not set: smolsnake's inject stage sets it to the environment directory")
    if not (os.path.isdir(os.path.join(env, "site-packages")) or os.path.isfile(os.path.join(env, "paths.txt"))):
        raise SmolsnakeEnvironmentError(
            "the smolsnake environment is missing: expected " + os.path.join(env, "site-packages")
            + " (or " + os.path.join(env, "paths.txt") + "); the EFS access point must be mounted at the"
            " function's LocalMountPath (" + _mount_hint(env) + ") and the environment built for this lock")
    return env


def _mount_hint(env):
    parts = env.split(os.sep)
    return os.sep.join(parts[:3]) if env.startswith("/mnt/") else os.path.dirname(env)


def _path_entries(env, mode):
    """The directories to add: <env>/site-packages, or the lines of <env>/paths.txt (relative to env)."""
    if mode not in ("", "env", "per-package"):
        raise SmolsnakeEnvironmentError(
            "SMOLSNAKE_PATH_MODE must be 'env' or 'per-package', not " + repr(mode))
    site_packages = os.path.join(env, "site-packages")
    if mode != "per-package" and os.path.isdir(site_packages):
        return [site_packages]
    listing = os.path.join(env, "paths.txt")
    if not os.path.isfile(listing):
        raise SmolsnakeEnvironmentError(
            "SMOLSNAKE_PATH_MODE=per-package needs " + listing + ", which is missing")
    with open(listing, encoding="utf-8") as f:
        return [os.path.normpath(os.path.join(env, line.strip())) for line in f if line.strip()]


def _activate(env, entries):
    """Adds the entries (processing their .pth files) ahead of the runtime's own packages.

    The function's own code (the task root, first on sys.path) stays first; everything the
    environment adds goes right after it, so a locked boto3 wins over the runtime's.
    """
    before = list(sys.path)
    for entry in entries:
        site.addsitedir(entry)
    added = [p for p in sys.path if p not in before]
    kept = [p for p in sys.path if p in before]
    task_root = os.environ.get("LAMBDA_TASK_ROOT", "")
    at = 0
    for i, p in enumerate(kept):
        if p in ("", task_root) or (task_root and os.path.realpath(p or ".") == os.path.realpath(task_root)):
            at = i + 1
            break
    sys.path[:] = kept[:at] + added + kept[at:]


def _load_handler(name):
    if not name or "." not in name:
        raise SmolsnakeEnvironmentError(
            "SMOLSNAKE_HANDLER must name the real handler as module.function, not " + repr(name))
    module_name, _, func_name = name.rpartition(".")
    module = importlib.import_module(module_name)
    try:
        return getattr(module, func_name)
    except AttributeError:
        raise SmolsnakeEnvironmentError(
            "handler " + repr(func_name) + " missing on module " + repr(module_name)) from None


def _top_level_modules(directory):
    """Top-level importable names of every distribution installed in directory."""
    names = set()
    try:
        listing = sorted(os.listdir(directory))
    except OSError:
        return names
    for item in listing:
        if not item.endswith(".dist-info"):
            continue
        info = os.path.join(directory, item)
        top_level = os.path.join(info, "top_level.txt")
        if os.path.isfile(top_level):
            with open(top_level, encoding="utf-8") as f:
                for line in f:
                    line = line.strip().replace("/", ".")
                    if line and _importable(line.split(".")[0]):
                        names.add(line)
            continue
        record = os.path.join(info, "RECORD")
        if os.path.isfile(record):
            with open(record, encoding="utf-8") as f:
                for line in f:
                    name = _module_of_record_path(line.split(",", 1)[0], directory)
                    if name:
                        names.add(name)
    return names


def _module_of_record_path(path, directory):
    """The top-level module a RECORD path belongs to, when it is one in directory.

    A store entry's RECORD also lists what is beside site-packages (bin/ for scripts, include/,
    data/): those are no modules, and are not in directory.
    """
    path = path.strip().strip('"')
    if not path or path.startswith(("..", "/")):
        return None
    first, sep, _ = path.partition("/")
    if sep:
        if first.endswith((".dist-info", ".data")) or first == "__pycache__":
            return None
        if not os.path.isdir(os.path.join(directory, first)):
            return None
        return first if _importable(first) else None
    if first.endswith(".py"):
        stem = first[:-3]
    elif first.endswith((".so", ".pyd")):
        stem = first.split(".", 1)[0]
    else:
        return None
    return stem if _importable(stem) and stem != "__init__" else None


def _importable(name):
    return name.isidentifier() and not name.startswith("__")


def _verify(env, entries):
    names = set()
    for entry in entries:
        names |= _top_level_modules(entry)
    tops = {n.split(".")[0] for n in names}
    imported, failed, optional = [], [], []
    for name in sorted(names):
        start = time.perf_counter()
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as e:
            missing = (e.name or "").split(".")[0]
            if missing and missing != name.split(".")[0] and missing not in tops:
                # an optional dependency the lock does not have (duckdb's adbc_driver_duckdb wants
                # adbc_driver_manager): the package works without it, so this is not a failure
                optional.append({"module": name, "missing": e.name})
            else:
                failed.append({"module": name, "error": type(e).__name__ + ": " + str(e)})
            continue
        except (Exception, SystemExit) as e:  # a module that fails must not end the verification
            failed.append({"module": name, "error": type(e).__name__ + ": " + str(e)})
            continue
        imported.append({"module": name, "seconds": round(time.perf_counter() - start, 6)})
    return {"python": sys.version.split()[0], "environment": env,
            "imported": imported, "failed": failed, "optional": optional}


def _is_verify_request(event):
    return (isinstance(event, dict) and list(event) == [_VERIFY_KEY]
            and isinstance(event[_VERIFY_KEY], dict) and "verify" in event[_VERIFY_KEY])


_ENV = _environment()
_ENTRIES = _path_entries(_ENV, os.environ.get("SMOLSNAKE_PATH_MODE", "env"))
_activate(_ENV, _ENTRIES)
_HANDLER = _load_handler(os.environ.get("SMOLSNAKE_HANDLER", ""))


def handler(event, context):
    if _is_verify_request(event):
        return _verify(_ENV, _ENTRIES)
    return _HANDLER(event, context)
