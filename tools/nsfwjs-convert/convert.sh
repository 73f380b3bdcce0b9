#!/usr/bin/env bash
# Reproducible conversion of nsfwjs@4.4.0's MobileNetV2 to nichebot's TorchScript bundles.
# Build-time only: nothing here is needed to run nichebot. See README.md in this folder.
#
#   tools/nsfwjs-convert/convert.sh            # writes models/backbone, models/nsfw and the test fixture
#   INSTALL=1 tools/nsfwjs-convert/convert.sh  # first installs the Debian packages it needs (as root)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [[ "${INSTALL:-0}" == 1 ]]; then
  apt-get update -q
  apt-get install -y -q python3-torch python3-numpy dataset-fashion-mnist nodejs npm
fi
cd "$here"
# package-lock.json pins nsfwjs 4.4.0 and @tensorflow/tfjs 4.22.0 with their integrity hashes.
npm ci --no-audit --no-fund --ignore-scripts
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Debian's python3-torch, not a pyenv/venv python that lacks torch.
# TorchScript writes Final constants in set order: a fixed hash seed makes the .pt files byte-identical.
PYTHONHASHSEED=0 /usr/bin/python3 "$here/convert.py" --work "$work" "$@"
