# Fetches Debian's current amd64 kernel (which has IPVS as modules) and builds a tiny busybox initramfs
# that mounts the host's / over virtio-9p. Sourced by scripts/kernel-vm; everything lands in .cache/kernel.

# Installs the Debian packages the VM needs when a command is missing.
kernel_cache_packages() {
    local missing=()
    command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
    [[ -x /bin/busybox ]] && /bin/busybox --list 2>/dev/null | grep -qx switch_root || missing+=(busybox-static)
    command -v cpio >/dev/null || missing+=(cpio)
    command -v depmod >/dev/null || missing+=(kmod)
    if [[ ${#missing[@]} -gt 0 ]]; then
        echo "kernel-vm: installing ${missing[*]}" >&2
        apt-get update -q >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
    fi
}

# The ABI number changes with security updates: ask apt which image linux-image-amd64 points at.
kernel_cache_current_package() {
    local pkg
    pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
    if [[ -z "$pkg" ]]; then
        apt-get update -q >&2
        pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
    fi
    [[ -n "$pkg" ]] || { echo "kernel-vm: apt does not know linux-image-amd64" >&2; return 1; }
    echo "$pkg"
}

# Modules the initramfs loads (from RAM, far faster than modprobe over 9p under TCG): the 9p root first,
# then IPVS with every scheduler and the network devices the tests build topologies from.
KVM_STAGE1_MODULES=(virtio_pci 9pnet_virtio 9p nf_conntrack ip_vs
    ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_lblc ip_vs_lblcr ip_vs_dh ip_vs_sh ip_vs_sed ip_vs_nq
    ip_vs_fo ip_vs_ovf ip_vs_mh ip_vs_twos veth dummy macvlan bridge)

kernel_cache_build() {
    local cache=$1 pkg=$2 kver=${2#linux-image-}
    local work="$cache/$kver.tmp"
    rm -rf "$work"; mkdir -p "$work"
    echo "kernel-vm: fetching $pkg" >&2
    (cd "$work" && apt-get download "$pkg" >&2 2>"$work/download.log") || {
        cat "$work/download.log" >&2; return 1; }
    dpkg-deb -x "$work"/"$pkg"_*.deb "$work/root"
    rm -f "$work"/*.deb
    depmod -b "$work/root" "$kver"

    local initramfs="$work/initramfs"
    mkdir -p "$initramfs"/{bin,dev,proc,sys,newroot,modules}
    cp /bin/busybox "$initramfs/bin/busybox"
    local mod path
    : >"$initramfs/modules/order"
    for mod in "${KVM_STAGE1_MODULES[@]}"; do
        # Schedulers differ between kernels (twos is recent): take those this kernel has.
        modprobe -d "$work/root" -S "$kver" --show-depends "$mod" 2>/dev/null | awk '$1 == "insmod" {print $2}' || true
    done | awk '!seen[$0]++' | while read -r path; do
        cp "$path" "$initramfs/modules/"
        basename "$path" >>"$initramfs/modules/order"
    done
    cp "$(dirname "${BASH_SOURCE[0]}")/vm-init-stage1" "$initramfs/init"
    chmod +x "$initramfs/init"
    (cd "$initramfs" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/initrd.gz"
    rm -rf "$initramfs"
    mv "$work" "$cache/$kver"
}

# Sets KVM_KERNEL, KVM_INITRD, KVM_KVER and KVM_MODROOT, building the cache on first use.
kernel_cache_ensure() {
    local repo=$1 cache="$1/.cache/kernel"
    mkdir -p "$cache/runs"
    kernel_cache_packages
    local pkg kver
    exec 9>"$cache/.lock"
    flock 9
    pkg=$(kernel_cache_current_package)
    kver=${pkg#linux-image-}
    # The initramfs embeds stage 1; rebuild when that script changes.
    local stamp
    stamp=$( (cat "$(dirname "${BASH_SOURCE[0]}")/vm-init-stage1"; echo "${KVM_STAGE1_MODULES[*]}") | sha256sum | cut -c1-16)
    if [[ ! -f "$cache/$kver/initrd.gz" || "$(cat "$cache/$kver/stage1.sha" 2>/dev/null)" != "$stamp" ]]; then
        rm -rf "${cache:?}/$kver"
        kernel_cache_build "$cache" "$pkg"
        echo "$stamp" >"$cache/$kver/stage1.sha"
    fi
    flock -u 9
    exec 9>&-
    KVM_KVER=$kver
    KVM_KERNEL="$cache/$kver/root/boot/vmlinuz-$kver"
    KVM_INITRD="$cache/$kver/initrd.gz"
    KVM_MODROOT="$cache/$kver/root"
}
