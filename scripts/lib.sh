# Shared shell helpers for the scripts; source it, don't run it.

# port_free PORT: true when nothing listens on 127.0.0.1:PORT.
port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port [FROM]: the first free TCP port on 127.0.0.1 from FROM (a
# random start in 20000-29999 by default, so parallel runs rarely collide).
free_port() {
  local p=${1:-$((20000 + RANDOM % 10000))} end
  end=$((p + 500))
  while [ "$p" -lt "$end" ]; do
    if port_free "$p"; then echo "$p"; return 0; fi
    p=$((p + 1))
  done
  echo "no free port" >&2
  return 1
}

# wait_ready URL [SECONDS]: poll URL until it answers 200.
wait_ready() {
  local url=$1 secs=${2:-60} i
  for ((i = 0; i < secs * 5; i++)); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "timed out waiting for $url" >&2
  return 1
}

# with_database ADMIN_URL NAME: ADMIN_URL with its database replaced by NAME.
with_database() {
  local url=$1 name=$2 base query=""
  base=${url%%\?*}
  [ "$base" = "$url" ] || query="?${url#*\?}"
  echo "${base%/*}/${name}${query}"
}
