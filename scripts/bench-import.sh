#!/usr/bin/env bash
# Times importing 100 real report PDFs into a new workspace with the release binary, and
# `pdftotext` on the same 100 files one after another, in the same run; prints both and
# the ratio (target: import ≤ 1.0× pdftotext, aim 0.5×).
#
# Usage: scripts/bench-import.sh [PDF_FOLDER] [COUNT]
#   PDF_FOLDER defaults to /work/shared/reports-pdf, else tests/fixtures/pdf.
#   COUNT defaults to 100. The PDFs are copied round-robin to a temp folder until there
#   are COUNT files; each copy gets a unique trailing comment after %%EOF, so every file
#   has its own content hash and becomes its own report (PDF readers ignore it).
# Build first: cargo build --release --no-default-features
set -euo pipefail

cd "$(dirname "$0")/.."
src="${1:-}"
if [[ -z "$src" ]]; then
    if [[ -d /work/shared/reports-pdf ]]; then src=/work/shared/reports-pdf; else src=tests/fixtures/pdf; fi
fi
count="${2:-100}"
bin=target/release/inspection-tracker

if [[ ! -x "$bin" ]]; then
    echo "error: $bin is missing; run: cargo build --release --no-default-features" >&2
    exit 2
fi
if ! command -v pdftotext >/dev/null; then
    echo "error: pdftotext is missing (apt-get install poppler-utils)" >&2
    exit 2
fi
mapfile -t pdfs < <(find "$src" -maxdepth 1 -type f -iname '*.pdf' | sort)
if [[ ${#pdfs[@]} -eq 0 ]]; then
    echo "error: no PDFs in $src" >&2
    exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pdf" "$work/txt"
for ((i = 0; i < count; i++)); do
    pdf="${pdfs[i % ${#pdfs[@]}]}"
    out="$work/pdf/$(printf '%03d' "$i")-$(basename "$pdf")"
    cp "$pdf" "$out"
    printf '\n%%copy-%d\n' "$i" >>"$out"
done
total_mb=$(du -sm "$work/pdf" | cut -f1)

now() { date +%s.%N; }

# Warm the page cache so neither run pays for the first read.
cat "$work"/pdf/*.pdf >/dev/null

start=$(now)
for f in "$work"/pdf/*.pdf; do
    pdftotext "$f" "$work/txt/$(basename "$f" .pdf).txt" 2>/dev/null || true
done
pdftotext_s=$(echo "$(now) - $start" | bc)

start=$(now)
set +e
"$bin" new "$work/ws.ron" "$work/pdf" >"$work/import.log" 2>&1
status=$?
set -e
import_s=$(echo "$(now) - $start" | bc)

# Report ids are the only `id:` fields at the third level of indentation.
reports=$(grep -c '^      id: ' "$work/ws.ron" 2>/dev/null || true)
findings=$(grep -c '^          id: ' "$work/ws.ron" 2>/dev/null || true)
ratio=$(echo "scale=2; $import_s / $pdftotext_s" | bc)
echo "PDFs: $count files (${total_mb} MB) from $src, $(nproc) CPUs"
printf 'pdftotext, one after another: %6.2f s\n' "$pdftotext_s"
printf 'inspection-tracker new DIR:   %6.2f s  (exit status %d; %s reports, %s findings in the workspace)\n' "$import_s" "$status" "${reports:-0}" "${findings:-0}"
echo "ratio import / pdftotext: ${ratio}x (target ≤ 1.0x, aim 0.5x)"
echo "import log (last lines):"
tail -3 "$work/import.log"
if [[ -n "${KEEP:-}" ]]; then
    trap - EXIT
    echo "kept: $work"
fi
