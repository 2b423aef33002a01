// SPDX-License-Identifier: GPL-2.0
/*
 * multilink live: a bpf_link iterator that reports, for every tracing link, the trampoline it sits on: the
 * flags the JIT was called with, the function model, the traced address, the program lists in invocation
 * order (hlist order) and the image bytes. It only reads kernel memory (bpf_probe_read_kernel through
 * BPF_CORE_READ); the loader dedups records by trampoline and prints them.
 *
 * Built per guest kernel against that kernel's own vmlinux.h, so field offsets are that kernel's. Fields one
 * kernel line lacks (bpf_tramp_image.size and btf_func_model.ret_flags, both absent in 6.1) are read through
 * local "flavour" types and bpf_core_field_exists(), so the one source builds for both lines.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

#define ML_MAX_PER_KIND 8
#define ML_KINDS 3
#define ML_PAGE 4096

struct ml_prog {
	__u64 prog;
	__u64 bpf_func;
	__u64 cookie;
};

/* The record the loader parses; keep in step with struct ml_rec in loader.c. */
struct ml_rec {
	__u64 magic;
	__u64 tr;
	__u64 key;
	__u64 func_addr;
	__u64 im;
	__u64 image;
	__u64 return_thunk;
	__u32 link_id;
	__u32 flags;
	__u32 image_size;    /* im->size where the kernel has it (6.12), else 0: the image is a whole page */
	__u32 func_head;     /* the traced function's first 4 bytes: is_endbr() decides whether the call skips them */
	__u32 cnt[ML_KINDS];
	__u8 ret_size;
	__u8 ret_flags;
	__u8 nr_args;
	__u8 pad;
	__u8 arg_size[12];
	__u8 arg_flags[12];
	struct ml_prog progs[ML_KINDS][ML_MAX_PER_KIND];
};

struct bpf_tramp_image___sized {
	int size;
} __attribute__((preserve_access_index));

struct btf_func_model___retflags {
	__u8 ret_flags;
} __attribute__((preserve_access_index));

/* The address of the kernel's x86_return_thunk pointer (6.1 stable and 6.12 jump through it under RETHUNK). */
extern const void x86_return_thunk __ksym __weak;

/* Global buffers: the record and a page of image bytes are far beyond the 512-byte BPF stack. */
struct ml_rec rec = {};
__u8 page[ML_PAGE] = {};

char LICENSE[] SEC("license") = "GPL";

SEC("iter/bpf_link")
int dump_tramp(struct bpf_iter__bpf_link *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct bpf_link *link = ctx->link;
	struct bpf_tracing_link *tl;
	struct bpf_trampoline *tr;
	struct bpf_tramp_image *im;
	__u32 size;
	int k, i;

	if (!link)
		return 0;
	if (BPF_CORE_READ(link, type) != BPF_LINK_TYPE_TRACING)
		return 0;
	tl = container_of(link, struct bpf_tracing_link, link.link);
	tr = BPF_CORE_READ(tl, trampoline);
	if (!tr)
		return 0;
	im = BPF_CORE_READ(tr, cur_image);

	__builtin_memset(&rec, 0, sizeof(rec));
	rec.magic = 0x6d6c74726d706c31ULL; /* "mltrmpl1" */
	rec.tr = (__u64)tr;
	rec.key = BPF_CORE_READ(tr, key);
	rec.link_id = BPF_CORE_READ(link, id);
	rec.flags = BPF_CORE_READ(tr, flags);
	rec.func_addr = (__u64)BPF_CORE_READ(tr, func.addr);
	rec.ret_size = BPF_CORE_READ(tr, func.model.ret_size);
	rec.nr_args = BPF_CORE_READ(tr, func.model.nr_args);
	if (bpf_core_field_exists(((struct btf_func_model___retflags *)0)->ret_flags))
		rec.ret_flags = BPF_CORE_READ((struct btf_func_model___retflags *)&tr->func.model, ret_flags);
	bpf_probe_read_kernel(rec.arg_size, sizeof(rec.arg_size), &tr->func.model.arg_size);
	bpf_probe_read_kernel(rec.arg_flags, sizeof(rec.arg_flags), &tr->func.model.arg_flags);
	bpf_probe_read_kernel(&rec.func_head, 4, (void *)rec.func_addr);
	if (&x86_return_thunk)
		bpf_probe_read_kernel(&rec.return_thunk, 8, &x86_return_thunk);

	for (k = 0; k < ML_KINDS; k++) {
		struct hlist_node *n = BPF_CORE_READ(tr, progs_hlist[k].first);

		rec.cnt[k] = BPF_CORE_READ(tr, progs_cnt[k]);
		for (i = 0; i < ML_MAX_PER_KIND && n; i++) {
			struct bpf_tramp_link *l = container_of(n, struct bpf_tramp_link, tramp_hlist);
			struct bpf_prog *p = BPF_CORE_READ(l, link.prog);

			rec.progs[k][i].prog = (__u64)p;
			rec.progs[k][i].bpf_func = (__u64)BPF_CORE_READ(p, bpf_func);
			rec.progs[k][i].cookie = BPF_CORE_READ(l, cookie);
			n = BPF_CORE_READ(n, next);
		}
	}

	size = 0;
	if (im) {
		rec.im = (__u64)im;
		rec.image = (__u64)BPF_CORE_READ(im, image);
		if (bpf_core_field_exists(((struct bpf_tramp_image___sized *)0)->size))
			size = BPF_CORE_READ((struct bpf_tramp_image___sized *)im, size);
		rec.image_size = size;
		bpf_probe_read_kernel(page, sizeof(page), (void *)rec.image);
	}
	bpf_seq_write(seq, &rec, sizeof(rec));
	bpf_seq_write(seq, page, sizeof(page));
	return 0;
}
