# Shared by the bench scripts: a temporary copy of services/ whose every published port is moved
# to a free one, so a benchmark never touches a developer's running stack.

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

next_free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 12000 ))   # below the kernel's ephemeral range (32768-): no outgoing connection takes it meanwhile
    port_is_free "$port" && ! [[ " ${taken[*]:-} " == *" $port "* ]] && { taken+=("$port"); echo "$port"; return; }
  done
}
taken=()

# copy_services_with_free_ports REPO TARGET: TARGET/services is REPO's with free host ports;
# compose files keep their container ports.
copy_services_with_free_ports() {
  mkdir -p "$2"
  cp -r "$1/services" "$2/services"
  local yaml section line port
  local -A moved
  for yaml in "$2"/services/*/service.yaml; do
    section=""
    moved=()
    while IFS= read -r line; do
      if [[ $line =~ ^([a-z_]+): ]]; then section=${BASH_REMATCH[1]}; fi
      if [[ $section == ports && $line =~ ^\ \ ([a-z_]+):\ ([0-9]+)[[:space:]]*$ ]]; then
        port=$(next_free_port); moved[${BASH_REMATCH[2]}]=$port
        line="  ${BASH_REMATCH[1]}: {host: $port, container: ${BASH_REMATCH[2]}}"
      elif [[ $section == ports && $line =~ ^(\ \ \ \ host:\ )([0-9]+) ]]; then
        port=$(next_free_port); moved[${BASH_REMATCH[2]}]=$port
        line="${BASH_REMATCH[1]}$port"
      elif [[ $section == metrics && $line =~ ^(\ \ port:\ )[0-9]+ ]]; then
        line="${BASH_REMATCH[1]}$(next_free_port)"
      fi
      printf '%s\n' "$line"
    done <"$yaml" >"$yaml.new"
    # The health line names a host port (a URL's :PORT, a command's -p PORT): it moves with it.
    for port in "${!moved[@]}"; do
      sed -i -E "s/^(health: .*(:|-p ))$port\b/\1${moved[$port]}/" "$yaml.new"
    done
    mv "$yaml.new" "$yaml"
  done
}


# up_in_temporary_copy REPO ARC CODENAME...: sets $work to a fresh temporary directory holding a
# free-port copy of REPO's services/, starts CODENAME... there with the native driver, and stops
# them and removes $work when the script exits.
up_in_temporary_copy() {
  local repo=$1; bench_arc=$2; shift 2
  bench_services=("$@")
  work=$(mktemp -d /tmp/arc-bench.XXXXXX)
  chmod 755 "$work"   # the unprivileged server user must be able to enter it when arc runs as root
  trap '"$bench_arc" --root "$work/repo" down "${bench_services[@]}" --driver native >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  copy_services_with_free_ports "$repo" "$work/repo"
  "$bench_arc" --root "$work/repo" up "$@" --driver native >/dev/null 2>"$work/up.err" || { cat "$work/up.err" >&2; exit 1; }
}
