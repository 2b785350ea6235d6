"""Build the book's localized editions: the same sources, Sphinx's ``language`` set.

    python tools/editions.py build ja [--student]   # into _build/lang/ja[/student]/_build/html
    python tools/editions.py build all [--student]  # the three, one per core at a time

Jupyter Book reads its configuration from ``_config.yml``; an edition's language must be set
before Sphinx starts (Sphinx loads its own and the themes' translations first), so each edition
is built from a copy of ``_config.yml`` with ``language`` set, written beside its output
(``local_extensions`` made absolute, since Jupyter Book resolves them from the file's folder).
The notebooks are not executed again: every edition reads the same execution cache.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from casekit_i18n import LANGUAGES  # noqa: E402

BIN = Path(sys.executable).parent


def output(lang: str, student: bool = False) -> Path:
    """The folder an edition is built into (its site is ``<folder>/_build/html``)."""
    base = ROOT / "_build" / "lang" / lang
    return base / "student" if student else base


def config_for(lang: str, target: Path) -> Path:
    """Write the edition's copy of _config.yml into ``target``; return its path."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config.setdefault("sphinx", {})
    sphinx.setdefault("config", {})["language"] = lang
    sphinx["local_extensions"] = {name: str((ROOT / path).resolve())
                                  for name, path in (sphinx.get("local_extensions") or {}).items()}
    target.mkdir(parents=True, exist_ok=True)
    path = target / "_config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(lang: str, student: bool = False) -> subprocess.Popen:
    """Start an edition's build (its output goes to <folder>/build.log); return the process."""
    if lang not in LANGUAGES:
        raise SystemExit(f"unknown language {lang!r}; valid ones: {', '.join(LANGUAGES)}")
    target = output(lang, student)
    config = config_for(lang, target)
    env = dict(os.environ, CASEKIT_CHARTS="book", CASEKIT_EDITION="student" if student else "instructor")
    log = open(target / "build.log", "w", encoding="utf-8")
    return subprocess.Popen([str(BIN / "jupyter-book"), "build", str(ROOT), "--builder", "html", "-W", "-n",
                             "--keep-going", "--config", str(config), "--path-output", str(target)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def build_all(langs: list[str], student: bool = False, jobs: int | None = None) -> int:
    """Build the editions, ``jobs`` at a time (one per core); print where each is, or its log if it failed."""
    jobs = jobs or os.cpu_count() or 1
    waiting, running, failed = list(langs), [], []
    while waiting or running:
        while waiting and len(running) < jobs:
            lang = waiting.pop(0)
            running.append((lang, build(lang, student)))
        lang, proc = running.pop(0)
        if proc.wait() != 0:
            failed.append(lang)
            print((output(lang, student) / "build.log").read_text(encoding="utf-8")[-6000:], file=sys.stderr)
        else:
            print(f"{lang}{' (student)' if student else ''}: {output(lang, student) / '_build' / 'html'}")
    if failed:
        print(f"the {', '.join(failed)} edition(s) failed to build (their logs are above)", file=sys.stderr)
    return 1 if failed else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build"])
    parser.add_argument("lang", help=f"one of {', '.join(LANGUAGES)}, or all")
    parser.add_argument("--student", action="store_true", help="the student edition (no solutions)")
    parser.add_argument("--jobs", type=int, help="builds at a time (default: one per core)")
    args = parser.parse_args(argv)
    return build_all(list(LANGUAGES) if args.lang == "all" else [args.lang], args.student, args.jobs)


if __name__ == "__main__":
    raise SystemExit(main())
