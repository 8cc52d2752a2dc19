#!/usr/bin/env bash
# Installs Debian's LibreOffice Impress (headless `soffice`, for the slide-deck test that converts
# every deck to PDF) and poppler-utils (`pdftoppm`, to render those pages as PNG for a look).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends libreoffice-impress poppler-utils fonts-dejavu-core >/dev/null
soffice --version
