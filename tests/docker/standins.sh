#!/usr/bin/env bash
# Builds (or loads from cache) the stand-in images the real Dockerfiles and compose files need,
# inside the private engine named by DOCKER_HOST (see engine.sh). No image registry is used:
#
#   1. a Debian bookworm root file system from debootstrap (minbase + wget, curl, CA certificates),
#      cached as .cache/rootfs-<key>.tar and `docker import`ed as the common base;
#   2. one small `docker build` per stand-in (standins/<name>/) that adds the Debian package and an
#      entrypoint following the upstream image's conventions;
#   3. each image tagged with the EXACT upstream name the repo's files use - read from those files,
#      so a version bump there needs no change here;
#   4. all of them saved to .cache/standins-<key>.tar, keyed by a hash of this recipe, so a warm run
#      is one `docker load`.
#
# Prints one line per stand-in: "<upstream name> <- standins/<dir>" or "<upstream name> NONE: why".
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=${ARC_REPO_ROOT:-$(cd "$here/../.." && pwd)}
cache="$here/.cache"
suite=bookworm
mirror=${ARC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
base_packages=ca-certificates,wget,curl
started=$SECONDS

log() { echo "standins.sh [$((SECONDS - started))s]: $*" >&2; }
die() { echo "standins.sh: $*" >&2; exit 1; }

# Guard: building into the host's own engine would pollute it with fake "upstream" images.
case "${DOCKER_HOST:-}" in
    unix:///tmp/arc-docker.*/docker.sock) ;;
    *) die "DOCKER_HOST must name a private engine started by engine.sh (got '${DOCKER_HOST:-}')" ;;
esac
engine_dir=${DOCKER_HOST#unix://}
export DOCKER_CONFIG=${engine_dir%/docker.sock}/cli

# The image a repo file names. Stand-ins follow the files, so the files are the only source of tags.
from_line() { sed -n 's/^FROM[[:space:]]\+\([^[:space:]]\+\).*/\1/p' "$1" | head -n1; }
image_line() { sed -n "s|^[[:space:]]*image:[[:space:]]*[\"']\{0,1\}\($2:[^\"'[:space:]]*\).*|\1|p" "$1" | head -n1; }

# name|recipe dir|repo file naming the image|how to read it
declare -a standins=(
    "nats|services/messaging/Dockerfile|from"
    "redis|services/cache/Dockerfile|from"
    "redis-exporter|services/cache/docker-compose.yml|image oliver006/redis_exporter"
    "collector|services/otel/telemetry/Dockerfile|from"
)

resolve_tag() {
    local file=$repo/$1 how=$2
    [ -f "$file" ] || return 1
    case "$how" in
        from) from_line "$file" ;;
        image*) image_line "$file" "${how#image }" ;;
    esac
}

ensure_host_tools() {
    local missing=()
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v promtool >/dev/null || missing+=(prometheus)  # the tier runs promtool on the host
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" ||
      { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; }; } >&2
}

# The root file system is the slow part (a few minutes of downloads); it depends only on its recipe.
base_key() { { echo "$suite $mirror $base_packages"; declare -f build_rootfs; } | sha256sum | cut -c1-16; }

build_rootfs() {
    local tarball=$1 root
    root=$(mktemp -d /tmp/arc-rootfs.XXXXXX)
    # shellcheck disable=SC2064
    trap "rm -rf '$root'" RETURN
    log "debootstrap $suite (minbase + $base_packages) from $mirror"
    debootstrap --variant=minbase --include="$base_packages" "$suite" "$root" "$mirror" >"$root.log" 2>&1 ||
        { tail -n 20 "$root.log" >&2; die "debootstrap failed"; }
    rm -f "$root.log"
    # Debian packages try to start their daemon on install; in an image build that must not happen.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod +x "$root/usr/sbin/policy-rc.d"
    # Small images copy faster: vfs copies the whole file system for every layer and container.
    printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\nAPT::Sandbox::User "root";\n' \
        >"$root/etc/apt/apt.conf.d/99arc-standin"
    printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/info/*\npath-exclude /usr/share/locale/*\n' \
        >"$root/etc/dpkg/dpkg.cfg.d/99arc-standin"
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/usr/share/doc/* "$root"/usr/share/man/* \
        "$root"/usr/share/info/* "$root"/usr/share/locale/*
    # Package lists are fetched once here, not once per stand-in build.
    chroot "$root" apt-get update >/dev/null 2>&1 || die "apt-get update in the root file system failed"
    rm -f "$root"/var/cache/apt/*.bin
    # mktemp made the directory 0700; as the image's "/" that would lock out every non-root user.
    chmod 755 "$root"
    tar --numeric-owner -C "$root" --exclude=./dev/* --exclude=./proc/* --exclude=./sys/* -cf "$tarball.part" .
    mv "$tarball.part" "$tarball"
}

main() {
    mkdir -p "$cache"
    local -a names=() dirs=() tags=()
    local entry name file how tag
    for entry in "${standins[@]}"; do
        IFS='|' read -r name file how <<<"$entry"
        if tag=$(resolve_tag "$file" "$how") && [ -n "$tag" ]; then
            names+=("$name"); tags+=("$tag")
        else
            echo "$name NONE: $file does not name its image, stand-in not built"
        fi
    done
    [ ${#tags[@]} -gt 0 ] || die "no repo file names an image to stand in for"

    local key
    key=$( { base_key; sha256sum <"$0"; echo "${tags[*]}"; (cd "$here" && find standins -type f | sort | xargs sha256sum); } | sha256sum | cut -c1-16)
    local images_tar="$cache/standins-$key.tar"

    if all_present "$key" "${tags[@]}"; then
        log "stand-ins already in this engine (key $key)"
    elif [ -f "$images_tar" ]; then
        log "loading cached stand-ins $images_tar"
        docker load -i "$images_tar" >/dev/null
    else
        ensure_host_tools
        local bkey rootfs base_image
        bkey=$(base_key)
        rootfs="$cache/rootfs-$suite-$bkey.tar"
        [ -f "$rootfs" ] || { rm -f "$cache"/rootfs-*.tar; build_rootfs "$rootfs"; }
        base_image="arc-standin/base:$suite-$bkey"
        log "importing base root file system as $base_image"
        # An imported tarball has no image config at all; PATH is what every upstream image sets.
        docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            "$rootfs" "$base_image" >/dev/null
        local i
        for i in "${!names[@]}"; do
            log "building ${tags[$i]} from standins/${names[$i]}"
            build_image "$here/standins/${names[$i]}" "${tags[$i]}" --build-arg "BASE=$base_image" \
                --label "arc.standin.key=$key" --label "arc.standin.recipe=tests/docker/standins/${names[$i]}"
        done
        log "saving stand-ins to $images_tar"
        rm -f "$cache"/standins-*.tar
        docker save -o "$images_tar.part" "${tags[@]}" && mv "$images_tar.part" "$images_tar"
    fi
    for i in "${!names[@]}"; do echo "${tags[$i]} <- standins/${names[$i]}"; done
    log "done"
}

# BuildKit, because the legacy builder commits a container for every Dockerfile instruction and
# vfs makes each of those a full copy of the file system (measured: ~40 s per stand-in vs ~5 s).
# Host network, because the private engine has no NAT (--iptables=false) and apt-get needs the mirror.
build_image() {
    local dir=$1 tag=$2; shift 2
    local log
    log=$(mktemp)
    if docker buildx version >/dev/null 2>&1; then
        docker buildx build --load --network host "$@" -t "$tag" "$dir" >"$log" 2>&1
    elif [ -x /usr/bin/docker ] && DOCKER_BUILDKIT=1 /usr/bin/docker build --help 2>/dev/null | grep -q -- --network; then
        # Debian's docker.io CLI still has BuildKit built in.
        DOCKER_BUILDKIT=1 /usr/bin/docker build --network host "$@" -t "$tag" "$dir" >"$log" 2>&1
    else
        docker build --network host "$@" -t "$tag" "$dir" >"$log" 2>&1
    fi || { tail -n 30 "$log" >&2; rm -f "$log"; die "building $tag from $dir failed"; }
    rm -f "$log"
}

# True when every tag exists here and was built from this very recipe.
all_present() {
    local key=$1 tag; shift
    for tag in "$@"; do
        [ "$(docker image inspect -f '{{index .Config.Labels "arc.standin.key"}}' "$tag" 2>/dev/null)" = "$key" ] || return 1
    done
}

main "$@"
