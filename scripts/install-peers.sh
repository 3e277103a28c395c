#!/usr/bin/env bash
# install-peers.sh [PEER...]: installs the real peers the tests run against into .peers/ (gitignored).
#
# Idempotent: a peer whose binaries already exist and run is skipped. Needs no network but the Debian
# mirror of the machine's own apt sources and the npm registry (the MCP Inspector); never changes the
# system's apt configuration or libc.
# Progress goes to stderr. For each peer that cannot be installed, the reason is written to
# .peers/unavailable/<peer> (removed again once it installs) and the exit status is 1.
#
# Adding a peer: write one `peer_<name>` function (check what is there, return early if it works,
# otherwise install it and check again) and add <name> to ALL_PEERS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PEERS_DIR=${MCP_OTEL_PEERS_DIR:-$ROOT/.peers}
ALL_PEERS=(prometheus victoria-metrics otlp-proto redis alertmanager chromium mcp-inspector)

log() { printf 'install-peers: %s\n' "$*" >&2; }
# die REASON: stop installing the current peer; the reason is what the skipped tests will report.
die() {
  printf 'install-peers: %s\n' "$*" >&2
  if [ -n "${REASON_FILE:-}" ]; then printf '%s\n' "$*" > "$REASON_FILE"; fi
  exit 1
}

runs() { "$@" >/dev/null 2>&1; }

# try CMD...: runs CMD, echoing its output to stderr; on failure sets TRY_ERR to its last error line.
try() {
  local out rc=0
  out=$("$@" 2>&1) || rc=$?
  if [ -n "$out" ]; then printf '%s\n' "$out" >&2; fi
  TRY_ERR=$(printf '%s\n' "$out" | grep -E '^(E|Err|W):|rror' | tail -n 1 || true)
  TRY_ERR=${TRY_ERR:-exit $rc}
  return $rc
}

# Options that keep apt-get away from the system's state when it runs in a private directory.
apt_private_opts() { # DIR
  local a=$1
  printf '%s\n' -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$a/parts" \
    -o "Dir::State::Lists=$a/lists" -o "Dir::Cache::Archives=$a/archives" \
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
  # As root apt drops to the _apt user, which cannot write into our folders.
  if [ "$(id -u)" = 0 ]; then printf '%s\n' -o APT::Sandbox::User=root; fi
}

# The Debian mirror this machine already uses, read from its own apt sources (no host in the repo).
system_mirror() {
  local m=''
  if [ -r /etc/apt/sources.list.d/debian.sources ]; then
    m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$m" ] && [ -r /etc/apt/sources.list ]; then
    m=$(awk '$1=="deb" && $0 !~ /security/ {for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list)
  fi
  [ -n "$m" ] || die "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  printf '%s\n' "$m"
}

# apt_download_system DEST PKG...: .debs from the machine's own suite. Updates the package lists
# only when the download fails for lack of them (a fresh machine has empty lists).
apt_download_system() {
  local dest=$1; shift
  command -v apt-get >/dev/null || die "apt-get not found (these peers come from Debian packages)"
  local opts=(); [ "$(id -u)" = 0 ] && opts=(-o APT::Sandbox::User=root)
  mkdir -p "$dest"
  cd "$dest" # apt-get download writes into the current folder (each peer runs in its own subshell)
  if ! try apt-get "${opts[@]}" -qq download "$@"; then
    log "apt-get download $* failed; updating the package lists once and retrying"
    [ "$(id -u)" = 0 ] || die "apt-get download $* failed ($TRY_ERR) and apt-get update needs root"
    try apt-get -qq update || die "apt-get update failed: $TRY_ERR"
    try apt-get "${opts[@]}" -qq download "$@" \
      || die "apt-get download $* failed after apt-get update: $TRY_ERR"
  fi
}

# apt_download_suite SUITE DEST PKG...: .debs from another Debian suite (e.g. trixie) through a
# private sources list and private package lists; the lists are fetched once per run.
apt_download_suite() {
  local suite=$1 dest=$2; shift 2
  command -v apt-get >/dev/null || die "apt-get not found (these peers come from Debian packages)"
  local a=$PEERS_DIR/.apt-$suite
  mkdir -p "$a/parts" "$a/lists/partial" "$a/archives/partial" "$dest"
  local opts; mapfile -t opts < <(apt_private_opts "$a")
  if [ ! -e "$a/updated" ]; then
    local mirror; mirror=$(system_mirror)
    printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$mirror" "$suite" > "$a/parts/$suite.sources"
    log "fetching the $suite package lists from $mirror"
    try apt-get "${opts[@]}" -qq update || die "apt-get update of the private $suite package lists failed: $TRY_ERR"
    touch "$a/updated"
  fi
  local pkgs=(); for p in "$@"; do pkgs+=("$p/$suite"); done
  cd "$dest"
  try apt-get "${opts[@]}" -qq download "${pkgs[@]}" || die "apt-get download ${pkgs[*]} failed: $TRY_ERR"
}

# unpack DIR: dpkg -x every downloaded .deb in DIR into DIR/root, then drop the .debs.
unpack() {
  local dir=$1 deb
  command -v dpkg >/dev/null || die "dpkg not found"
  for deb in "$dir"/*.deb; do dpkg -x "$deb" "$dir/root" || die "dpkg -x $deb failed"; done
  rm -f "$dir"/*.deb
}


peer_prometheus() { # Prometheus + promtool 2.42 from the machine's Debian (bookworm), binaries only
  local dir=$PEERS_DIR/prometheus bin=$PEERS_DIR/prometheus/root/usr/bin
  if runs "$bin/prometheus" --version && runs "$bin/promtool" --version; then return 0; fi
  log "installing Prometheus (Debian $(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-?}")) into $dir"
  rm -rf "$dir"
  apt_download_system "$dir" prometheus
  unpack "$dir"
  runs "$bin/prometheus" --version || die "$bin/prometheus does not run"
  runs "$bin/promtool" --version || die "$bin/promtool does not run"
  log "$("$bin/prometheus" --version 2>&1 | head -n 1)"
}

# `-version` prints nothing in the Debian build; `-help` lists the OTLP flags only from 1.9x on.
# (Captured first: `| grep -q` would SIGPIPE the binary and pipefail would call that a failure.)
vm_has_otlp() { local out; out=$("$1" -help 2>&1) || true; [[ $out == *opentelemetry* ]]; }

peer_victoria_metrics() { # VictoriaMetrics 1.112 from Debian trixie: the first with an OTLP receiver
  local dir=$PEERS_DIR/victoria-metrics bin=$PEERS_DIR/victoria-metrics/root/usr/bin/victoria-metrics
  if vm_has_otlp "$bin"; then return 0; fi
  log "installing VictoriaMetrics (Debian trixie) into $dir"
  rm -rf "$dir"
  apt_download_suite trixie "$dir" victoria-metrics
  unpack "$dir"
  vm_has_otlp "$bin" || die "$bin does not run or has no OpenTelemetry receiver"
}

peer_otlp_proto() { # the official OTLP .proto files (Debian trixie opentelemetry-proto)
  local dir=$PEERS_DIR/otlp-proto
  local proto=$dir/root/usr/include/opentelemetry/proto/collector/metrics/v1/metrics_service.proto
  if [ -s "$proto" ]; then return 0; fi
  log "installing the OTLP .proto files (Debian trixie opentelemetry-proto) into $dir"
  rm -rf "$dir"
  apt_download_suite trixie "$dir" opentelemetry-proto
  unpack "$dir"
  [ -s "$proto" ] || die "$proto missing after unpacking opentelemetry-proto"
}

# redis-server from the machine's Debian, binaries only. The redis-server .deb holds only a symlink to
# redis-check-rdb: the real binary ships in redis-tools. It links liblzf and libjemalloc, which a base
# system lacks, so those come along; run it with LD_LIBRARY_PATH=$dir/root/usr/lib/x86_64-linux-gnu
# (or the multiarch dir of this machine) as the tests do.
redis_runs() { # DIR
  local libs; libs=$(find "$1/root/usr/lib" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | tr '\n' ':')
  LD_LIBRARY_PATH="$libs" "$1/root/usr/bin/redis-server" --version >/dev/null 2>&1
}

peer_redis() {
  local dir=$PEERS_DIR/redis
  if redis_runs "$dir"; then return 0; fi
  log "installing redis-server (Debian $(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-?}")) into $dir"
  rm -rf "$dir"
  apt_download_system "$dir" redis-server redis-tools liblzf1 libjemalloc2
  unpack "$dir"
  redis_runs "$dir" || die "$dir/root/usr/bin/redis-server does not run"
}

# Alertmanager checks need the patched binary to run and its templates beside it.
am_runs() { local dir=$1; [ -s "$dir/am-share/default.tmpl" ] && (cd "$dir" && runs ./alertmanager --version); }

peer_alertmanager() { # Alertmanager 0.25 from the machine's Debian (bookworm), binary only, patched to find its templates
  local dir=$PEERS_DIR/alertmanager
  if am_runs "$dir"; then return 0; fi
  log "installing Alertmanager (Debian $(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-?}")) into $dir"
  rm -rf "$dir"
  apt_download_system "$dir" prometheus-alertmanager
  unpack "$dir"
  # Debian's build reads default.tmpl from /usr/share/prometheus/alertmanager (hard-coded) and exits
  # without it. Point that path, in a copy of the binary, at a relative folder of the same length
  # (34 bytes), so nothing is installed outside .peers; the binary then runs from $dir.
  local relative=./././././././././././././am-share
  [ ${#relative} = 34 ] || die "internal: the template path replacement must be 34 bytes"
  perl -0777 -pe "s|/usr/share/prometheus/alertmanager|$relative|g" "$dir/root/usr/bin/prometheus-alertmanager" > "$dir/alertmanager" \
    || die "patching the template path of prometheus-alertmanager failed"
  chmod +x "$dir/alertmanager"
  mkdir -p "$dir/am-share"
  cp "$dir"/root/usr/share/prometheus/alertmanager/*.tmpl "$dir/am-share/" || die "the Alertmanager templates are missing from the package"
  am_runs "$dir" || die "$dir/alertmanager does not run"
  log "$(cd "$dir" && ./alertmanager --version 2>&1 | head -n 1)"
}

# Headless Chromium for the browser tests (driven by playwright-core with executablePath; never a
# browser download). Debian's `chromium` and the libraries this machine lacks for it (apt works
# that out against the installed system: 25 packages, ~110 MB on a bookworm base) are unpacked
# into $dir/root, nothing is installed system-wide; `$dir/chromium` runs it with those libraries
# and a fontconfig that sees the system's fonts and the unpacked ones.
chromium_runs() { local out; out=$("$1" --headless --no-sandbox --version 2>/dev/null) || return 1; [[ $out == Chromium* ]]; }

peer_chromium() {
  local dir=$PEERS_DIR/chromium
  if chromium_runs "$dir/chromium"; then return 0; fi
  log "installing Chromium (Debian $(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-?}")) into $dir"
  rm -rf "$dir"
  command -v apt-get >/dev/null || die "apt-get not found (Chromium comes from Debian packages)"
  local plan pkgs
  if ! plan=$(apt-get install -s --no-install-recommends chromium 2>&1); then
    [ "$(id -u)" = 0 ] || die "apt-get cannot plan the chromium install and apt-get update needs root"
    try apt-get -qq update || die "apt-get update failed: $TRY_ERR"
    plan=$(apt-get install -s --no-install-recommends chromium 2>&1) || die "apt-get cannot plan the chromium install: $(printf '%s\n' "$plan" | tail -n 1)"
  fi
  pkgs=$(printf '%s\n' "$plan" | awk '$1=="Inst"{print $2}')
  local binary=/usr/lib/chromium/chromium
  if [ -n "$pkgs" ]; then
    # shellcheck disable=SC2086 # one word per package
    (apt_download_system "$dir" $pkgs)
    unpack "$dir"
    binary=$dir/root/usr/lib/chromium/chromium
  fi
  [ -x "$binary" ] || die "$binary missing after unpacking chromium"
  local libs; libs=$(find "$dir/root/usr/lib" "$dir/root/lib" -type d \( -name '*-linux-gnu' -o -name pulseaudio \) 2>/dev/null | tr '\n' ':' || true)
  mkdir -p "$dir/fontcache"
  printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>/usr/share/fonts</dir><dir>%s/root/usr/share/fonts</dir><cachedir>%s/fontcache</cachedir></fontconfig>\n' "$dir" "$dir" > "$dir/fonts.conf"
  printf '#!/bin/sh\n# Chromium from %s with its unpacked libraries (written by scripts/install-peers.sh).\nexport LD_LIBRARY_PATH="%s${LD_LIBRARY_PATH:-}"\nexport FONTCONFIG_FILE="%s/fonts.conf"\nexec "%s" "$@"\n' \
    "$dir/root" "$libs" "$dir" "$binary" > "$dir/chromium"
  chmod +x "$dir/chromium"
  chromium_runs "$dir/chromium" || die "$dir/chromium does not run: $("$dir/chromium" --headless --no-sandbox --version 2>&1 | tail -n 1)"
  log "$("$dir/chromium" --headless --no-sandbox --version 2>/dev/null)"
}

# The MCP Inspector CLI, a second MCP client independent of the tests' own: 0.15.0 is the newest that
# runs on Node 20 (0.16 and later need Node 22.7.5). From the npm registry into its own folder (about
# 150 MB), run from there: never `npx`, which would fetch at test time.
INSPECTOR_VERSION=0.15.0
inspector_installed() { # DIR
  local pkg=$1/node_modules/@modelcontextprotocol/inspector/package.json
  [ -x "$1/node_modules/.bin/mcp-inspector" ] && [ -s "$pkg" ] && [ "$(node -p "require('$pkg').version" 2>/dev/null)" = "$INSPECTOR_VERSION" ]
}

peer_mcp_inspector() {
  local dir=$PEERS_DIR/mcp-inspector
  if inspector_installed "$dir"; then return 0; fi
  log "installing @modelcontextprotocol/inspector@$INSPECTOR_VERSION (npm) into $dir"
  rm -rf "$dir" && mkdir -p "$dir"
  cd "$dir" # its own package.json, so npm never mistakes the repository's workspaces for its project
  npm init -y >/dev/null 2>&1 || die "npm init -y in $dir failed"
  try npm install --no-audit --no-fund --loglevel=error "@modelcontextprotocol/inspector@$INSPECTOR_VERSION" \
    || die "npm install @modelcontextprotocol/inspector@$INSPECTOR_VERSION failed: $TRY_ERR"
  inspector_installed "$dir" || die "$dir/node_modules/.bin/mcp-inspector missing after npm install"
}

main() {
  local peers=("$@"); [ ${#peers[@]} -gt 0 ] || peers=("${ALL_PEERS[@]}")
  mkdir -p "$PEERS_DIR/unavailable"
  rm -rf "$PEERS_DIR"/.apt-* # left over by an interrupted run
  local failed=0 peer fn start rc reason
  for peer in "${peers[@]}"; do
    fn=peer_${peer//-/_}
    declare -F "$fn" >/dev/null || { log "unknown peer '$peer' (known: ${ALL_PEERS[*]})"; failed=1; continue; }
    start=$(date +%s.%N)
    REASON_FILE=$PEERS_DIR/unavailable/$peer.new
    rm -f "$REASON_FILE"
    # A subshell per peer, so one failing peer does not stop the others (set -e holds inside it).
    set +e; ( set -e; "$fn" ); rc=$?; set -e
    if [ $rc = 0 ]; then
      rm -f "$PEERS_DIR/unavailable/$peer" "$REASON_FILE"
      log "$peer: ready ($(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s)"
    else
      reason=$(cat "$REASON_FILE" 2>/dev/null || true)
      reason=${reason:-installing $peer failed (exit $rc); see the output above}
      printf '%s\n' "$reason" > "$PEERS_DIR/unavailable/$peer"
      rm -f "$REASON_FILE"
      log "$peer: UNAVAILABLE: $reason"
      failed=1
    fi
  done
  REASON_FILE=
  rm -rf "$PEERS_DIR"/.apt-* # private package lists: about 10 MB, refetched when needed
  return $failed
}

main "$@"
