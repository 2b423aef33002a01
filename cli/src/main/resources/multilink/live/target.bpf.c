// SPDX-License-Identifier: GPL-2.0
/*
 * multilink live: the built-in world's preloaded target program (DefaultWorld's xdp_target), loaded by the
 * guest's loader at the start of each scenario that names it. An XDP program (no tracing program, no tail
 * calls) with two global functions, subprog_a and subprog_b, in its BTF: fentry, fexit and freplace programs
 * are loaded against them through attach_prog_fd and the function's BTF id. The arguments are scalars, so an
 * extension program's BTF (built by the loader) only needs an int to match the prototype
 * (btf_check_type_match()). Built with clang against the guest kernel's vmlinux.h, like tramp_iter.bpf.c.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

__attribute__((noinline)) int subprog_a(int x)
{
	return x + 1;
}

__attribute__((noinline)) int subprog_b(int x)
{
	return x + 2;
}

SEC("xdp")
int xdp_target(struct xdp_md *ctx)
{
	/* both results are used, so neither call is optimised away */
	return (subprog_a(ctx->ingress_ifindex) + subprog_b(ctx->rx_queue_index)) & 1 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
