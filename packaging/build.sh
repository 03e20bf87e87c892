#!/usr/bin/env bash
# Build the one-folder app into dist/annotator/ and smoke-test it.
#   packaging/build.sh            build, then `--version` and `selftest` of the bundle
# Needs the packaging group: `uv sync --locked --group packaging --group dev`.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
uv run --locked --group packaging pyinstaller --noconfirm --clean \
    --distpath dist --workpath build/pyinstaller packaging/annotator.spec
# spaCy, thinc, blis and their helpers ship their extensions with debug info (half the
# bundle). Only that is stripped: stripping everything breaks numpy's OpenBLAS.
internal=dist/annotator/_internal
for package in spacy thinc blis preshed cymem murmurhash srsly; do
    [[ -d "$internal/$package" ]] && find "$internal/$package" -name '*.so' \
        -exec strip --strip-debug {} +
done
took=$(( $(date +%s) - start ))

app=dist/annotator/annotator
echo "built $app in ${took} s; bundle size $(du -sh dist/annotator | cut -f1)"

echo "smoke test: --version"
version=$("$app" --version)
echo "  $version"
[[ "$version" == annotator* ]] || { echo "unexpected --version output" >&2; exit 1; }

echo "smoke test: selftest (offscreen)"
smoke=$(mktemp -d)
trap 'rm -rf "$smoke"' EXIT
ANNOTATOR_CONFIG_DIR="$smoke/config" ANNOTATOR_DATA_DIR="$smoke/data" \
    QT_QPA_PLATFORM=offscreen "$app" selftest
echo "bundle OK: dist/annotator ($(du -sh dist/annotator | cut -f1))"
