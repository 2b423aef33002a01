// SPDX-License-Identifier: GPL-2.0
/*
 * multilink live: lists the functions of a kernel's BTF with the shape of each argument and of the return
 * type, one line per function, for the harness to pick attach targets whose btf_func_model equals a sampled
 * one (multilink.live.TargetCatalogue distills the model the way btf_distill_func_proto() does).
 *
 * Line: NAME RET ARG... where each shape is CLASS:SIZE with CLASS
 *   v void, i signed int, u unsigned int or bool or char, p pointer, e enum, s struct, n union,
 *   f float, x anything else, . varargs.
 */
#include <stdio.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

static const struct btf_type *skip_mods(const struct btf *btf, __u32 *id)
{
	const struct btf_type *t = btf__type_by_id(btf, *id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		*id = t->type;
		t = btf__type_by_id(btf, *id);
	}
	return t;
}

static void shape(const struct btf *btf, __u32 id)
{
	const struct btf_type *t;

	if (id == 0) {
		printf(" v:0");
		return;
	}
	t = skip_mods(btf, &id);
	if (!t)
		printf(" x:0");
	else if (btf_is_int(t))
		printf(" %c:%u", (btf_int_encoding(t) & BTF_INT_SIGNED) ? 'i' : 'u', t->size);
	else if (btf_is_ptr(t))
		printf(" p:8");
	else if (btf_is_enum(t) || btf_kind(t) == BTF_KIND_ENUM64)
		printf(" e:%u", t->size);
	else if (btf_is_struct(t))
		printf(" s:%u", t->size);
	else if (btf_is_union(t))
		printf(" n:%u", t->size);
	else if (btf_is_float(t))
		printf(" f:%u", t->size);
	else
		printf(" x:0");
}

int main(int argc, char **argv)
{
	struct btf *btf;
	__u32 id, n;

	if (argc != 2) {
		fprintf(stderr, "usage: btf_funcs BTF_FILE\n");
		return 2;
	}
	btf = btf__parse_raw(argv[1]);
	if (!btf || libbpf_get_error(btf)) {
		fprintf(stderr, "btf_funcs: cannot parse %s\n", argv[1]);
		return 1;
	}
	n = btf__type_cnt(btf);
	for (id = 1; id < n; id++) {
		const struct btf_type *f = btf__type_by_id(btf, id), *proto;
		const struct btf_param *p;
		__u32 pid;
		int i;

		if (!btf_is_func(f))
			continue;
		pid = f->type;
		proto = btf__type_by_id(btf, pid);
		if (!proto || !btf_is_func_proto(proto))
			continue;
		printf("%s", btf__name_by_offset(btf, f->name_off));
		shape(btf, proto->type);
		p = btf_params(proto);
		for (i = 0; i < btf_vlen(proto); i++) {
			if (p[i].type == 0)
				printf(" .:0");
			else
				shape(btf, p[i].type);
		}
		printf("\n");
	}
	return 0;
}
