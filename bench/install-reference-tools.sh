#!/usr/bin/env bash
# The reference tools the benchmarks compare against, from Debian. Installs only what is missing.
set -euo pipefail
packages=(tesseract-ocr tesseract-ocr-vie ocrmypdf unpaper poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing reference tools for the benchmarks: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
