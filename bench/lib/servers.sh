# One function per server: NAME_prepare DIR PORT THREADS ZONEFILE ORIGIN writes DIR's config and
# sets CMD to the command that runs the server in the foreground, logging to stderr.
# Every server listens on 127.0.0.1 only, answers AXFR to 127.0.0.1, and runs THREADS threads that
# answer queries. Sourced, not run.

# Tandem: server.io-threads; java with $TANDEM_JAVA_OPTS; a data-dir inside DIR. notify-ns: false,
# as the other servers here send no NOTIFY either: the zone's NS addresses are not on loopback.
tandem_prepare() {
  local dir=$1 port=$2 threads=$3 zone=$4 origin=$5
  mkdir -p "$dir"
  cat >"$dir/tandem.yaml" <<EOF
server:
  listen: ["127.0.0.1:$port"]
  data-dir: $dir/data
  io-threads: $threads
api:
  listen: 127.0.0.1:0
zones:
  - name: $origin
    file: $zone
    allow-transfer: ["127.0.0.1"]
    notify-ns: false
EOF
  # shellcheck disable=SC2206 # the options are meant to be split into words
  CMD=(env ${MALLOC_ARENA_MAX:+MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX} java ${TANDEM_JAVA_OPTS:-} -jar "$TANDEM_JAR" serve --config "$dir/tandem.yaml")
}

# Knot: udp-, tcp- and background-workers all THREADS; the zone is loaded whole from the file and
# nothing is journaled, so every start reads the file (as NSD, BIND and Tandem do). A signed zone
# (bench/run --dnssec) is served as it is: dnssec-signing is off by default.
knot_prepare() {
  local dir=$1 port=$2 threads=$3 zone=$4 origin=$5
  mkdir -p "$dir"
  cat >"$dir/knot.conf" <<EOF
server:
    rundir: "$dir"
    listen: 127.0.0.1@$port
    udp-workers: $threads
    tcp-workers: $threads
    background-workers: $threads
database:
    storage: "$dir"
    journal-db-max-size: 256M
    kasp-db-max-size: 16M
    timer-db-max-size: 16M
    catalog-db-max-size: 16M
control:
    listen: "$dir/knot.sock"
log:
  - target: stderr
    any: info
acl:
  - id: local_transfer
    address: 127.0.0.1
    action: transfer
template:
  - id: default
    storage: "$dir"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
  - domain: $origin
    file: "$zone"
    acl: local_transfer
EOF
  CMD=(knotd -c "$dir/knot.conf")
}

# NSD: server-count THREADS with SO_REUSEPORT, no database file (NSD 4.6 reads the zone file).
# With bench/run --dnssec (DNSSEC set) also minimal-responses: by default NSD adds the apex NS RRset
# and its glue to every positive answer, which with DO=1 and their RRSIGs made NSD's answers 2.5
# times as large as Knot's, BIND's (RD=1 queries) and Tandem's (575 vs 231 bytes on average).
# A signed zone needs nothing else: NSD serves a presigned file as it is.
nsd_prepare() {
  local dir=$1 port=$2 threads=$3 zone=$4 origin=$5
  mkdir -p "$dir"
  cat >"$dir/nsd.conf" <<EOF
server:
  ip-address: 127.0.0.1
  port: $port
  do-ip6: no
  username: ""
  chroot: ""
  zonesdir: "$dir"
  database: ""
  zonelistfile: "$dir/zone.list"
  pidfile: "$dir/nsd.pid"
  xfrdfile: "$dir/xfrd.state"
  xfrdir: "$dir"
  cookie-secret-file: "$dir/cookiesecrets.txt"
  server-count: $threads
  reuseport: yes
  verbosity: 1
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
${DNSSEC:+  minimal-responses: yes}
remote-control:
  control-enable: no
zone:
  name: "$origin"
  zonefile: "$zone"
  provide-xfr: 127.0.0.1 NOKEY
EOF
  CMD=(nsd -d -c "$dir/nsd.conf")
}

# bind_options DIR PORT: the options every BIND here shares (its files in DIR, loopback only, no
# recursion, no validation); each caller adds its own notify and check-names lines.
bind_options() {
  local dir=$1 port=$2
  cat <<EOF
  directory "$dir";
  pid-file "$dir/named.pid";
  session-keyfile "$dir/session.key";
  managed-keys-directory "$dir";
  listen-on port $port { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  dnssec-validation no;
EOF
}

# BIND: named -n THREADS, no control channel, no recursion; check-names off as in the interop tests.
# A signed zone (bench/run --dnssec) is a plain primary zone: no inline-signing, dnssec-policy is
# "none" by default in 9.18 and the private key is not in its directory, so BIND never re-signs it
# (its log says "loaded serial 1 (DNSSEC signed)" and nothing more).
bind_prepare() {
  local dir=$1 port=$2 threads=$3 zone=$4 origin=$5
  mkdir -p "$dir"
  cat >"$dir/named.conf" <<EOF
options {
$(bind_options "$dir" "$port")
  notify no;
  allow-transfer { 127.0.0.1; };
  check-names primary ignore;
};
controls { };
zone "$origin" {
  type primary;
  file "$zone";
};
EOF
  CMD=(named -g -n "$threads" -c "$dir/named.conf")
}

# --- propagation pairs -------------------------------------------------------------------------

# BIND primary for propagation: dynamic updates from 127.0.0.1 (nsupdate), NOTIFY to the
# secondaries at once (notify-delay 0); NOTIFY_PORTS is one port or a comma-separated list. The zone
# file is copied: BIND writes its journal beside it.
bind_primary_prepare() {
  local dir=$1 port=$2 zone=$3 origin=$4 notify_ports=$5 also p
  also=
  for p in ${notify_ports//,/ }; do also+="127.0.0.1 port $p; "; done
  mkdir -p "$dir"
  cp "$zone" "$dir/primary.zone"
  cat >"$dir/named.conf" <<EOF
options {
$(bind_options "$dir" "$port")
  notify explicit;
  notify-delay 0;
  notify-rate 1000;
  // transfers-out: 10 by default, and BIND refuses the rest ("quota reached"); bench/fanout's 50
  // secondaries all ask at once
  transfers-out 1000;
  allow-transfer { 127.0.0.1; };
  check-names primary ignore;
};
controls { };
zone "$origin" {
  type primary;
  file "$dir/primary.zone";
  allow-update { 127.0.0.1; };
  also-notify { $also};
};
EOF
  CMD=(named -g -n 1 -c "$dir/named.conf")
}

# Knot secondary for propagation and bench/soak: transfers from the primary, accepts its NOTIFY,
# gives AXFR to loopback (bench/soak compares its data with the primary's).
knot_secondary_prepare() {
  local dir=$1 port=$2 origin=$3 primary_port=$4
  mkdir -p "$dir"
  cat >"$dir/knot.conf" <<EOF
server:
    rundir: "$dir"
    listen: 127.0.0.1@$port
    udp-workers: 1
    tcp-workers: 1
    background-workers: 1
database:
    storage: "$dir"
    journal-db-max-size: 64M
    kasp-db-max-size: 16M
    timer-db-max-size: 16M
    catalog-db-max-size: 16M
control:
    listen: "$dir/knot.sock"
log:
  - target: stderr
    any: info
remote:
  - id: primary
    address: 127.0.0.1@$primary_port
acl:
  - id: notify_from_primary
    address: 127.0.0.1
    action: notify
  - id: local_transfer
    address: 127.0.0.1
    action: transfer
template:
  - id: default
    storage: "$dir"
    zonefile-sync: -1
    journal-content: changes
zone:
  - domain: $origin
    file: "$dir/secondary.zone"
    master: primary
    acl: [notify_from_primary, local_transfer]
EOF
  CMD=(knotd -c "$dir/knot.conf")
}

# Tandem primary for propagation: a managed zone (Tandem refuses UPDATE to a zone read from a file,
# which a reload would undo), created through the HTTP API with the zone file as its first content;
# RFC 2136 UPDATE from 127.0.0.1 (nsupdate, the same change as for BIND), serial raised by Tandem
# when an update does not raise it, NOTIFY to the secondaries only (NOTIFY_PORTS: one port or a
# comma-separated list). bench/run calls tandem_primary_create once the process runs.
TANDEM_API_TOKEN=bench-token-not-a-secret
tandem_primary_prepare() {
  local dir=$1 port=$2 zone=$3 origin=$4 notify_ports=$5 targets p
  targets=
  for p in ${notify_ports//,/ }; do targets+="${targets:+, }\"127.0.0.1:$p\""; done
  mkdir -p "$dir"
  TANDEM_API_PORT=$(free_port)
  cat >"$dir/tandem.yaml" <<EOF
server:
  listen: ["127.0.0.1:$port"]
  data-dir: $dir/data
  io-threads: 1
api:
  listen: 127.0.0.1:$TANDEM_API_PORT
  tokens: [{ name: bench, secret: $TANDEM_API_TOKEN, role: admin }]
EOF
  {
    printf '{"name": "%s", "allow-update": ["127.0.0.1"], "allow-transfer": ["127.0.0.1"],' "$origin"
    printf ' "notify": [%s], "notify-ns": false, "serial-policy": "increment", "zone-file": "' "$targets"
    sed 's/\\/\\\\/g; s/"/\\"/g' "$zone" | awk '{ printf "%s\\n", $0 }'
    printf '"}\n'
  } >"$dir/create-zone.json"
  # shellcheck disable=SC2206
  CMD=(env ${MALLOC_ARENA_MAX:+MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX} java ${TANDEM_JAVA_OPTS:-} -jar "$TANDEM_JAR" serve --config "$dir/tandem.yaml")
}

# tandem_primary_create DIR: POSTs the zone prepared by tandem_primary_prepare (retrying for up to
# 60 s while the API starts).
tandem_primary_create() {
  local dir=$1 i
  for i in $(seq 1 600); do
    if curl -sf -o "$dir/create-zone.out" -H "Authorization: Bearer $TANDEM_API_TOKEN" \
      -H 'Content-Type: application/json' --data-binary "@$dir/create-zone.json" \
      "http://127.0.0.1:$TANDEM_API_PORT/api/v1/zones"; then
      return 0
    fi
    sleep 0.1
  done
  die "cannot create the zone through Tandem's API (see $dir/server.log)"
}

# Tandem secondary for propagation: transfers from the Tandem primary, accepts its NOTIFY.
tandem_secondary_prepare() {
  local dir=$1 port=$2 origin=$3 primary_port=$4
  mkdir -p "$dir"
  cat >"$dir/tandem.yaml" <<EOF
server:
  listen: ["127.0.0.1:$port"]
  data-dir: $dir/data
  io-threads: 1
zones:
  - name: $origin
    type: secondary
    primaries: ["127.0.0.1:$primary_port"]
    notify-ns: false
api:
  listen: 127.0.0.1:0
EOF
  # shellcheck disable=SC2206
  CMD=(env ${MALLOC_ARENA_MAX:+MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX} java ${TANDEM_JAVA_OPTS:-} -jar "$TANDEM_JAR" serve --config "$dir/tandem.yaml")
}

# BIND secondary (bench/soak): transfers from the primary by IXFR (BIND's default for a secondary
# that holds the zone), accepts its NOTIFY, sends none.
bind_secondary_prepare() {
  local dir=$1 port=$2 origin=$3 primary_port=$4
  mkdir -p "$dir"
  cat >"$dir/named.conf" <<EOF2
options {
$(bind_options "$dir" "$port")
  notify no;
  allow-transfer { 127.0.0.1; };
  check-names secondary ignore;
};
controls { };
zone "$origin" {
  type secondary;
  file "$dir/secondary.zone";
  primaries { 127.0.0.1 port $primary_port; };
  allow-notify { 127.0.0.1; };
};
EOF2
  CMD=(named -g -n 1 -c "$dir/named.conf")
}
