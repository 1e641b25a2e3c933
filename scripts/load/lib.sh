# Shared by scripts/load.sh and scripts/load-lists.sh (sourced): a free loopback port, and the
# release server started with the bench reseller. Needs $bin, $work and the array pids.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server NAME PORT DB: the release server with the bench reseller (LOAD_CUSTOMERS customers,
# token bench-token), JSON logs at info to a file as in production, accelerator off. Sets
# ${NAME}_pid.
start_server() {
  local name=$1 port=$2 db=$3
  RUST_LOG=info "$bin" --bind "127.0.0.1:$port" --db "$db" --bench-seed "$LOAD_CUSTOMERS" \
    --list-cache-mb 0 --log-format json >"$work/$name.log" 2>&1 &
  pids+=($!)
  eval "${name}_pid=$!"
  # Seeding 100,000 customers takes a while on 2 cores: up to 10 minutes.
  for _ in $(seq 1 1200); do
    curl -fsS "http://127.0.0.1:$port/api/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  echo "load: $name did not start:" >&2
  tail -n 20 "$work/$name.log" >&2
  return 1
}

# rss SETUP PID...: the peak resident memory (VmHWM) of each server, appended to rss.jsonl.
rss() {
  local setup=$1 pid
  shift
  for pid in "$@"; do
    awk -v s="$setup" -v p="$pid" '/^VmHWM/ {printf "{\"setup\":\"%s\",\"pid\":%s,\"peak_rss_kib\":%d}\n", s, p, $2}' \
      "/proc/$pid/status" >>"$work/rss.jsonl"
  done
}
