#!/usr/bin/env bash
# Debian packages the test suite needs and npm cannot provide: Chromium for the browser tests,
# FreeRADIUS's radclient/radtest for the RADIUS service's tests, openssl for the RouterOS API's
# TLS test certificate.
# Installs what is missing when run as root with apt; otherwise says what to install.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v radclient >/dev/null 2>&1 || missing+=(freeradius-utils)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the tests: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
