#!/usr/bin/env bash
# multilink live: builds (once) what booting a Debian kernel under qemu needs, in the cache directory it is
# given, never elsewhere. Called by multilink.live.GuestBuilder with
#   guest.sh SRC_DIR KERNEL_DIR BUILD_DIR PACKAGE VERSION
# SRC_DIR holds this script's siblings (loader.c, tramp_iter.bpf.c, target.bpf.c, btf_funcs.c, init); KERNEL_DIR receives
# the kernel package's files (shared by every build of the harness); BUILD_DIR the compiled guest.
# On failure the last line on stderr is one sentence naming the problem, and the exit code is 2.
set -euo pipefail
export LC_ALL=C   # byte-wise grep of the bzImage: in a UTF-8 locale \xfd would be the character U+00FD
src=$1 kdir=$2 bdir=$3 pkg=$4 ver=$5

fail() { echo "$*" >&2; exit 2; }

# Tools, by the Debian package that has them. Installed with apt-get when missing (a fresh machine of this
# kind has apt and is root); without apt the run stops naming what is missing.
need=()
check() { command -v "$1" >/dev/null 2>&1 || need+=("$2"); }
check qemu-system-x86_64 qemu-system-x86
check busybox busybox-static
check clang clang
check bpftool bpftool
check gcc gcc
check objcopy binutils
check xz xz-utils
check zstd zstd
check cpio cpio
check dpkg-deb dpkg
[ -f /usr/lib/x86_64-linux-gnu/libbpf.a ] || need+=(libbpf-dev)
[ -f /usr/lib/x86_64-linux-gnu/libelf.a ] || need+=(libelf-dev)
[ -f /usr/lib/x86_64-linux-gnu/libz.a ] || need+=(zlib1g-dev)
[ -f /usr/lib/x86_64-linux-gnu/libzstd.a ] || need+=(libzstd-dev)
# the guest has no libc: a dynamically linked busybox (package busybox) would not start there
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
if [ "${#need[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || fail "missing ${need[*]} and no apt-get to install them"
    echo "live: installing ${need[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || fail "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "${need[@]}" >&2 || fail "apt-get install ${need[*]} failed"
fi

# The kernel package: fetched without installing it, unpacked into KERNEL_DIR: vmlinuz, config, the BTF of its
# vmlinux, and tcp_bic.ko, a module without dependencies whose functions have BTF, for scenarios that trace into a
# module and unload it (the model's bpf_testmod is not in Debian).
mkdir -p "$kdir"
if [ ! -f "$kdir/vmlinux.btf" ] || [ ! -f "$kdir/tcp_bic.ko" ]; then
    tmp=$(mktemp -d "$kdir/.tmp.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    echo "live: downloading $pkg=$ver" >&2
    (cd "$tmp" && apt-get download "$pkg=$ver" >&2) || fail "apt-get download $pkg=$ver failed"
    dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -x -C "$tmp" --wildcards './boot/*' '*/kernel/net/ipv4/tcp_bic.ko*' \
        || fail "cannot unpack $pkg"
    cp "$tmp"/boot/vmlinuz-* "$tmp/vmlinuz"
    cp "$tmp"/boot/config-* "$tmp/config"
    mod=$(find "$tmp/lib" -name 'tcp_bic.ko*' | head -n1)
    [ -n "$mod" ] || fail "$pkg has no tcp_bic module"
    case "$mod" in
        *.xz) xz -dc "$mod" >"$tmp/tcp_bic.ko" ;;
        *.zst) zstd -dc "$mod" >"$tmp/tcp_bic.ko" ;;
        *) cp "$mod" "$tmp/tcp_bic.ko" ;;
    esac
    # The ELF vmlinux (for its .BTF) is the compressed stream inside the bzImage: xz in 6.1, zstd in 6.12.
    # The decompressors complain about the bytes after the stream; an ELF on stdout is what counts.
    if grep -q '^CONFIG_KERNEL_ZSTD=y' "$tmp/config"; then
        off=$(grep -obUaP '\x28\xb5\x2f\xfd' "$tmp/vmlinuz" | head -n1 | cut -d: -f1) || true   # head closes the pipe
        tail -c +$((off + 1)) "$tmp/vmlinuz" | zstd -dc 2>/dev/null >"$tmp/vmlinux" || true
    else
        off=$(grep -obUaP '\xfd7zXZ\x00' "$tmp/vmlinuz" | head -n1 | cut -d: -f1) || true
        tail -c +$((off + 1)) "$tmp/vmlinuz" | xz -dc --single-stream 2>/dev/null >"$tmp/vmlinux" || true
    fi
    [ -n "$off" ] && head -c 4 "$tmp/vmlinux" | grep -q 'ELF' || fail "cannot find the vmlinux inside $pkg's vmlinuz"
    objcopy --dump-section .BTF="$tmp/vmlinux.btf" "$tmp/vmlinux" /dev/null || fail "$pkg's vmlinux has no .BTF"
    mv "$tmp/vmlinuz" "$tmp/config" "$tmp/tcp_bic.ko" "$kdir/"
    mv "$tmp/vmlinux.btf" "$kdir/vmlinux.btf"   # last: its presence means the directory is complete
    rm -rf "$tmp"
    trap - EXIT
fi

# The guest: programs built against this kernel's own BTF, a static loader, busybox, /init.
if [ ! -f "$bdir/base.cpio.gz" ]; then
    mkdir -p "$bdir"
    tmp=$(mktemp -d "$bdir/.tmp.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    bpftool btf dump file "$kdir/vmlinux.btf" format c >"$tmp/vmlinux.h" || fail "bpftool cannot dump the BTF"
    clang -g -O2 -target bpf -D__TARGET_ARCH_x86 -I"$tmp" -c "$src/tramp_iter.bpf.c" -o "$tmp/tramp_iter.bpf.o" \
        >&2 || fail "clang cannot build tramp_iter.bpf.c for $pkg"
    clang -g -O2 -target bpf -I"$tmp" -c "$src/target.bpf.c" -o "$tmp/target.bpf.o" >&2 \
        || fail "clang cannot build target.bpf.c"
    gcc -O2 -static -o "$tmp/loader" "$src/loader.c" -lbpf -lelf -lz -lzstd >&2 \
        || fail "cannot link the static loader (libbpf, libelf, zlib, zstd)"
    gcc -O2 -o "$tmp/btf_funcs" "$src/btf_funcs.c" -lbpf >&2 || fail "cannot build btf_funcs"
    "$tmp/btf_funcs" "$kdir/vmlinux.btf" >"$tmp/funcs.txt" || fail "cannot list $pkg's BTF functions"
    root="$tmp/root"
    mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/tmp" "$root/dev"
    cp "$(command -v busybox)" "$root/bin/busybox"
    cp "$src/init" "$root/init"
    chmod 755 "$root/init" "$root/bin/busybox"
    cp "$tmp/loader" "$tmp/tramp_iter.bpf.o" "$tmp/target.bpf.o" "$kdir/tcp_bic.ko" "$root/"
    (cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -9) >"$tmp/base.cpio.gz" \
        || fail "cannot pack the initramfs"
    mv "$tmp/funcs.txt" "$tmp/tramp_iter.bpf.o" "$bdir/"
    mv "$tmp/base.cpio.gz" "$bdir/base.cpio.gz"   # last: its presence means the build is complete
    rm -rf "$tmp"
    trap - EXIT
fi
