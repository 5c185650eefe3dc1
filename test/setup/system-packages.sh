#!/usr/bin/env bash
# Installs the Debian packages the tests use, only those missing. Needs root (CI and the dev
# machines run as root); prints what it installs.
set -euo pipefail
packages=(
  chromium            # end-to-end UI tests (driven by playwright-core)
  poppler-utils       # pdftotext, pdfsig, pdfimages: checks on the records
  qpdf                # qpdf --check
  sane-utils          # scanimage and the SANE 'test' scanner
  softhsm2 opensc     # a PKCS#11 token for signing tests
  libnss3-tools       # certutil: trust the test CA for pdfsig
  openssl             # test certificates and an RFC 3161 TSA
  icc-profiles-free   # sRGB.icc for the PDF/A OutputIntent
  fonts-liberation2   # Times New Roman metric clone for the Decree 30 copy stamp
  postgresql          # the hub's database
  libimage-exiftool-perl
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages for the tests: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
