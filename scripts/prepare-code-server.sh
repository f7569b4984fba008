#!/usr/bin/env bash
# Installs code-server (VS Code's own server and workbench) from the npm registry into a cache
# folder, without its install scripts (they download ripgrep from GitHub), then rebuilds the native
# modules against this machine's Node. Reused when already present. See ../shared/REAL-VSCODE.md.
set -euo pipefail
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${CODE_SERVER_CACHE:-$ROOT/.vscode-test/code-server-$VERSION}"
MARKER="$CACHE/.ready"
if [ -f "$MARKER" ]; then echo "$CACHE"; exit 0; fi
command -v rg >/dev/null || { echo "ripgrep is missing: sudo apt-get install -y ripgrep" >&2; exit 1; }
rm -rf "$CACHE"; mkdir -p "$CACHE"; cd "$CACHE"
npm init -y >/dev/null
echo "[code-server] installing code-server@$VERSION into $CACHE" >&2
npm install --no-audit --no-fund --unsafe-perm --ignore-scripts "code-server@$VERSION" >&2
npm rebuild argon2 >&2
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --unsafe-perm --omit=dev --ignore-scripts >&2
# node-pty's post-install step that writes compile_commands.json fails offline (a wall of "npm error" lines);
# pty.node is built anyway, so the output is kept in a log and shown only when the build really failed.
npm rebuild kerberos @parcel/watcher @vscode/deviceid @vscode/spdlog native-watchdog node-pty > "$CACHE/rebuild.log" 2>&1 || true
test -f node_modules/node-pty/build/Release/pty.node || { cat "$CACHE/rebuild.log" >&2; echo "node-pty did not build (log: $CACHE/rebuild.log)" >&2; exit 1; }
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --no-audit --no-fund --unsafe-perm --omit=dev --ignore-scripts >&2)
touch "$MARKER"
echo "$CACHE"
