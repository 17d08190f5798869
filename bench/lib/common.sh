# Helpers shared by bench/run and bench/profile: logging, ports, processes, memory, timing.
# Sourced, not run. Every wait is bounded.

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

now_us() { date +%s%6N; }

# Records "SERVER<TAB>METRIC<TAB>VALUE" in $OUT/results.tsv; Report.java takes medians per pair.
result() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$OUT/results.tsv"; log "  $1 $2 = $3"; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# median: the median of the numbers on standard input, one a line (nothing for none).
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR > 0) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# value SERVER METRIC: the value result() recorded (the first, if several).
value() { awk -F'\t' -v s="$1" -v m="$2" '$1 == s && $2 == m { print $3; exit }' "$OUT/results.tsv"; }

# ratio A B: "A÷B×" to two decimals; nothing when either is missing or B is 0.
ratio() { if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN { if (b != 0) printf "%.2f×", a / b }'; fi; }

# A free loopback port (UDP and TCP), chosen at random between 10000 and the ephemeral range, checked with ss.
free_port() {
  local p i low
  # below the kernel's ephemeral range, so no outgoing connection or port-0 listener (each Tandem's
  # API, 50 secondaries' transfers) takes a port between the check and the server's start
  low=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$low" -gt 12000 ] || low=60000
  for i in $(seq 1 200); do
    p=$((10000 + RANDOM % (low - 10000)))
    if [ -z "$(ss -Htuan "( sport = :$p )" 2>/dev/null)" ] && ! grep -qx "$p" "$OUT/ports" 2>/dev/null; then
      echo "$p" >>"$OUT/ports"
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

# Every server this run started, so that the EXIT trap stops exactly those.
STARTED_PIDS=()

# start_bg LOGFILE CMD...: runs CMD in the background, sets BG_PID.
start_bg() {
  local logfile=$1
  shift
  "$@" >"$logfile" 2>&1 &
  BG_PID=$!
  STARTED_PIDS+=("$BG_PID")
}

descendants() {
  local pid=$1 child
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

# stop_pid PID: SIGTERM to the process (and any children it forked), up to 30 s, then SIGKILL.
stop_pid() {
  local pid=$1 kids i
  kids=$(descendants "$pid" | tr '\n' ' ')
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "  pid $pid still running after 30 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  for k in $kids; do
    kill -0 "$k" 2>/dev/null && kill -KILL "$k" 2>/dev/null || true
  done
  wait "$pid" 2>/dev/null || true
}

stop_all_started() {
  local pid
  for pid in "${STARTED_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && stop_pid "$pid"
  done
  return 0
}

# mem_kb PID FIELD: the sum of FIELD (Rss or Pss, from smaps_rollup) over PID and its descendants.
mem_kb() {
  local pid=$1 field=$2 total=0 p v
  for p in $pid $(descendants "$pid"); do
    v=$(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

proc_count() { echo $(( $(descendants "$1" | wc -l) + 1 )); }

# probe ARGS...: bench/Probe.java, compiled by bench/run into $OUT/classes.
probe() { java -XX:+UseSerialGC -cp "$OUT/classes" Probe "$@"; }

# wait_soa SERVER_NAME PORT ORIGIN START_US [TIMEOUT_S]: waits for an authoritative SOA answer;
# prints the seconds from START_US to the first one.
wait_soa() {
  local name=$1 port=$2 origin=$3 start=$4 timeout=${5:-600} line at
  line=$(probe soa --server "127.0.0.1:$port" --zone "$origin" --timeout "$timeout") ||
    die "$name did not answer for $origin within $timeout s (see $OUT/$name*/server.log)"
  at=${line#answered_at_us=}
  at=${at%% *}
  awk -v a="$at" -v s="$start" 'BEGIN { printf "%.3f\n", (a - s) / 1e6 }'
}

# seconds_since START_US
seconds_since() { awk -v a="$(now_us)" -v s="$1" 'BEGIN { printf "%.3f\n", (a - s) / 1e6 }'; }

# cpu_ticks PID: "USER SYS" CPU time in clock ticks of PID and its descendants, all threads.
cpu_ticks() {
  local p u=0 s=0 us
  for p in $1 $(descendants "$1"); do
    us=$(awk '{ sub(/^.*\) /, ""); print $12, $13 }' "/proc/$p/stat" 2>/dev/null) || continue
    [ -n "$us" ] || continue
    u=$((u + ${us% *}))
    s=$((s + ${us#* }))
  done
  echo "$u $s"
}

# thread_ticks PID PATTERN: "USER SYS" clock ticks of PID's threads whose name matches PATTERN.
thread_ticks() {
  local t u=0 s=0 us
  for t in /proc/"$1"/task/*; do
    grep -Eq "$2" "$t/comm" 2>/dev/null || continue
    us=$(awk '{ sub(/^.*\) /, ""); print $12, $13 }' "$t/stat" 2>/dev/null) || continue
    u=$((u + ${us% *}))
    s=$((s + ${us#* }))
  done
  echo "$u $s"
}

# sign_zone SIGNER ORIGIN ZONEFILE OUTFILE KEYDIR: signs ZONEFILE into OUTFILE with one new combined
# signing key (ECDSA P-256, flags 257, made in KEYDIR) and NSEC3 without salt or extra iterations
# (RFC 9276: algorithm 1, 0 iterations, salt "-", no opt-out). SIGNER is ldns (ldns-signzone) or
# bind (dnssec-signzone, smart signing with the key as CSK: -S -z). Either writes one RR per line.
# Prints the number of records in OUTFILE.
sign_zone() {
  local signer=$1 origin=$2 zone=$3 outfile=$4 keydir=$5 key
  rm -rf "$keydir"
  mkdir -p "$keydir"
  case $signer in
    ldns)
      key=$(cd "$keydir" && ldns-keygen -a ECDSAP256SHA256 -k "$origin") || die "ldns-keygen failed"
      ldns-signzone -n -t 0 -o "$origin" -f "$outfile" "$zone" "$keydir/$key" >"$keydir/sign.log" 2>&1 ||
        die "ldns-signzone failed: $(head -3 "$keydir/sign.log")"
      ;;
    bind)
      dnssec-keygen -q -K "$keydir" -a ECDSAP256SHA256 -f KSK "$origin" >/dev/null || die "dnssec-keygen failed"
      # -d: the dsset file goes to KEYDIR, not to the current directory.
      dnssec-signzone -q -S -z -K "$keydir" -d "$keydir" -O full -o "$origin" -3 - -H 0 -f "$outfile" "$zone" \
        >"$keydir/sign.log" 2>&1 || die "dnssec-signzone failed: $(head -3 "$keydir/sign.log")"
      ;;
    *) die "unknown signer $signer" ;;
  esac
  awk '$0 !~ /^[ \t]*(;|$)/ { n++ } END { print n + 0 }' "$outfile"
}
