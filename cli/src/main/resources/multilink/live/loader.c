// SPDX-License-Identifier: GPL-2.0
/*
 * multilink live: the guest's loader. It reads a job file written by the harness, makes the BPF syscalls each
 * job asks for and writes one text line per fact to stdout (the init script sends stdout to the second serial
 * port). The harness parses these lines (multilink.live.GuestOutput); keep the two in step.
 *
 * Programs are loaded with raw bpf(2) calls, not through libbpf objects: under TCG one libbpf object load
 * re-parses the 5 MB vmlinux BTF, and a run loads thousands of programs. Their bodies are two or three
 * instructions because a trampoline depends on a program only through its address and call_get_func_ip.
 * libbpf serves the vmlinux BTF lookups (once) and the iterator object (tramp_iter.bpf.o, built with clang
 * against this kernel's vmlinux.h).
 *
 * Job file lines:
 *   x86 ID FUNC N        then N lines "p KIND IP COOKIE" in attach order (KIND fentry|fexit|fmod_ret, IP 0|1)
 *   scenario ID          starts a scenario: every handle from the previous one is closed
 *   t NAME               loads the world's target program (target.bpf.o) and binds it to NAME as a prog handle
 *   s STEP load NAME KIND FUNC SLEEPABLE MODULE   (MODULE "-" for vmlinux, "@PROG" for a global function FUNC
 *                        of the prog handle PROG; KIND fentry|fexit|fmod_ret|freplace)
 *   s STEP attach PROG LINKNAME COOKIE
 *   s STEP close_link LINK | s STEP close_prog PROG | s STEP detach_link LINK
 *   s STEP unload_module NAME
 * Output lines:
 *   job ID begin | load IDX ERRNO | attach IDX ERRNO | tramp k=v ... | progs KIND prog:func:cookie ... |
 *   bytes HEX | job ID end | scenario ID begin | step STEP ERRNO [k=v ...] | scenario ID end
 *   (a successful load adds prog_id=, a successful attach the link's info: link_id= prog_id= type= attach_type=)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#define ML_MAX_PER_KIND 8
#define ML_KINDS 3
#define ML_PAGE 4096
#define MAX_JOB_PROGS 16
#define MAX_HANDLES 64

struct ml_prog {
	uint64_t prog, bpf_func, cookie;
};

/* Same layout as struct ml_rec in tramp_iter.bpf.c. */
struct ml_rec {
	uint64_t magic, tr, key, func_addr, im, image, return_thunk;
	uint32_t link_id, flags, image_size, func_head, cnt[ML_KINDS];
	uint8_t ret_size, ret_flags, nr_args, pad;
	uint8_t arg_size[12], arg_flags[12];
	struct ml_prog progs[ML_KINDS][ML_MAX_PER_KIND];
};

#define REC_MAGIC 0x6d6c74726d706c31ULL

static struct btf *vmlinux_btf;
static int iter_link_fd = -1;

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static int attach_type_of(const char *kind)
{
	if (!strcmp(kind, "fentry"))
		return BPF_TRACE_FENTRY;
	if (!strcmp(kind, "fexit"))
		return BPF_TRACE_FEXIT;
	if (!strcmp(kind, "fmod_ret"))
		return BPF_MODIFY_RETURN;
	if (!strcmp(kind, "freplace"))
		return 0; /* an extension program has no expected attach type of its own */
	return -1;
}

/* The module the scenarios trace into and unload (see guest.sh); loaded again at each scenario's start. */
#define MODULE_NAME "tcp_bic"
#define MODULE_PATH "/tcp_bic.ko"

static void ensure_module(void)
{
	int fd = open(MODULE_PATH, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (syscall(__NR_finit_module, fd, "", 0) && errno != EEXIST)
		printf("note module_load %d\n", errno);
	close(fd);
}

/*
 * The module's BTF object, taken when a scenario starts and kept for the whole scenario, as a loader that looked
 * the target up before the module went away would hold it: a load after delete_module then reaches the kernel,
 * which answers for the unloaded module itself (instead of the loader failing to find the type).
 */
static int module_btf_fd = -1;
static struct btf *module_btf;

static void module_btf_reset(void)
{
	if (module_btf_fd >= 0)
		close(module_btf_fd);
	btf__free(module_btf);
	module_btf_fd = -1;
	module_btf = NULL;
}

static void module_btf_take(const char *module)
{
	__u32 id = 0;

	module_btf_reset();
	while (!bpf_btf_get_next_id(id, &id)) {
		struct bpf_btf_info info;
		__u32 len = sizeof(info);
		char name[64] = "";
		int fd = bpf_btf_get_fd_by_id(id);

		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		info.name = (uint64_t)(uintptr_t)name;
		info.name_len = sizeof(name);
		if (bpf_obj_get_info_by_fd(fd, &info, &len) || strcmp(name, module)) {
			close(fd);
			continue;
		}
		module_btf = btf__load_from_kernel_by_id_split(id, vmlinux_btf);
		module_btf_fd = fd;
		return;
	}
	printf("note module_btf_missing %s\n", module);
}

/* The id of FUNC `func` in the module's BTF and that BTF's fd; -ESRCH as libbpf would report. */
static int module_func(const char *module, const char *func, int *btf_fd)
{
	int fid;

	if (!module_btf || strcmp(module, MODULE_NAME))
		return -ESRCH;
	fid = btf__find_by_name_kind(module_btf, func, BTF_KIND_FUNC);
	if (fid < 0)
		return -ESRCH;
	*btf_fd = module_btf_fd;
	return fid;
}

/*
 * The world's target program: its global functions' BTF ids, read from the object's BTF when it is loaded (the
 * kernel resolves attach_btf_id in the BTF the program was loaded with, which keeps libbpf's type ids).
 */
#define TARGET_PATH "/target.bpf.o"
#define TARGET_FUNCS 4
static struct {
	char name[64];
	int btf_id;
} target_funcs[TARGET_FUNCS];

/* Loads target.bpf.o; returns an fd of its program that outlives the libbpf object, or -errno. */
static int load_target(void)
{
	static const char *const names[] = {"subprog_a", "subprog_b", "xdp_target"};
	struct bpf_object *obj;
	struct bpf_program *prog;
	int fd, i;

	obj = bpf_object__open_file(TARGET_PATH, NULL);
	if (!obj || libbpf_get_error(obj))
		return -ENOENT;
	/*
	 * No expected attach type (0), said rather than left to libbpf's section rules: an extension of this program
	 * inherits it and reports it as its link's attach type. (Asked for BPF_XDP, both guests still reported 0.)
	 */
	prog = bpf_object__find_program_by_name(obj, "xdp_target");
	if (prog)
		bpf_program__set_expected_attach_type(prog, 0);
	if (bpf_object__load(obj)) {
		fd = -errno;
		bpf_object__close(obj);
		return fd;
	}
	fd = prog ? fcntl(bpf_program__fd(prog), F_DUPFD_CLOEXEC, 3) : -1;
	for (i = 0; i < 3 && i < TARGET_FUNCS; i++) {
		snprintf(target_funcs[i].name, sizeof(target_funcs[i].name), "%s", names[i]);
		target_funcs[i].btf_id = btf__find_by_name_kind(bpf_object__btf(obj), names[i], BTF_KIND_FUNC);
	}
	bpf_object__close(obj);
	return fd < 0 ? -ENOENT : fd;
}

static int target_func(const char *func)
{
	int i;

	for (i = 0; i < TARGET_FUNCS; i++)
		if (target_funcs[i].name[0] && !strcmp(target_funcs[i].name, func))
			return target_funcs[i].btf_id;
	return -ESRCH;
}

/*
 * The BTF of an extension program for the target's functions, int f(int): btf_check_type_match() holds the
 * extension's prototype to the replaced function's. Built once, loaded into the kernel; returns its fd and the
 * FUNC's id, or -errno.
 */
static int ext_btf_fd = -1, ext_func_id;

static int ext_btf(void)
{
	struct btf *b;
	int int_id, proto;

	if (ext_btf_fd >= 0)
		return ext_btf_fd;
	b = btf__new_empty();
	if (!b || libbpf_get_error(b))
		return -ENOMEM;
	int_id = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	proto = btf__add_func_proto(b, int_id);
	btf__add_func_param(b, "x", int_id);
	ext_func_id = btf__add_func(b, "ext_func", BTF_FUNC_GLOBAL, proto);
	if (int_id < 0 || proto < 0 || ext_func_id < 0 || btf__load_into_kernel(b)) {
		btf__free(b);
		return -EINVAL;
	}
	/* keep the fd: btf__free() would close it */
	ext_btf_fd = fcntl(btf__fd(b), F_DUPFD_CLOEXEC, 3);
	btf__free(b);
	return ext_btf_fd;
}

/*
 * An extension program returning 0 for function FUNC of the prog behind tgt_fd, BPF_F_SLEEPABLE if asked (for the
 * kernel to refuse); returns the fd or -errno.
 */
static int load_ext(const char *func, int tgt_fd, int sleepable)
{
	struct bpf_insn insns[2] = {
		{.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0},
		{.code = BPF_JMP | BPF_EXIT},
	};
	struct bpf_func_info fi;
	union bpf_attr attr;
	int id = target_func(func), btf_fd = ext_btf(), fd;

	if (id < 0)
		return -ESRCH;
	if (btf_fd < 0)
		return btf_fd;
	fi.insn_off = 0;
	fi.type_id = ext_func_id;
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_EXT;
	attr.insns = (uint64_t)(uintptr_t)insns;
	attr.insn_cnt = 2;
	attr.license = (uint64_t)(uintptr_t)"GPL";
	attr.prog_btf_fd = btf_fd;
	attr.func_info_rec_size = sizeof(fi);
	attr.func_info = (uint64_t)(uintptr_t)&fi;
	attr.func_info_cnt = 1;
	attr.attach_prog_fd = tgt_fd;
	attr.attach_btf_id = id;
	attr.prog_flags = sleepable ? BPF_F_SLEEPABLE : 0;
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	return fd < 0 ? -errno : fd;
}

/*
 * A tracing program that returns 0; with ip set it first calls bpf_get_func_ip(ctx), which makes the verifier
 * set prog->call_get_func_ip and so the trampoline's BPF_TRAMP_F_IP_ARG. `module` names the module whose BTF
 * describes `func`, or is NULL for vmlinux. Returns the fd or -errno.
 */
static int load_prog_at(const char *kind, const char *func, int ip, int sleepable, const char *module, int tgt_fd)
{
	struct bpf_insn insns[3];
	union bpf_attr attr;
	int n = 0, id, at, fd, btf_fd = -1;

	at = attach_type_of(kind);
	if (at < 0 || (tgt_fd < 0 && !strcmp(kind, "freplace")))
		return -EINVAL;
	if (tgt_fd >= 0 && !strcmp(kind, "freplace"))
		return load_ext(func, tgt_fd, sleepable);
	if (tgt_fd >= 0)
		id = target_func(func);
	else if (module)
		id = module_func(module, func, &btf_fd);
	else
		id = btf__find_by_name_kind(vmlinux_btf, func, BTF_KIND_FUNC);
	if (id < 0)
		return -ESRCH; /* what libbpf reports for an absent target; the kernel is never asked */
	if (ip)
		insns[n++] = (struct bpf_insn){.code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_get_func_ip};
	insns[n++] = (struct bpf_insn){.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0};
	insns[n++] = (struct bpf_insn){.code = BPF_JMP | BPF_EXIT};

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_TRACING;
	attr.expected_attach_type = at;
	attr.insns = (uint64_t)(uintptr_t)insns;
	attr.insn_cnt = n;
	attr.license = (uint64_t)(uintptr_t)"GPL";
	attr.attach_btf_id = id;
	/* one field of bpf_attr: the module's BTF or the target program */
	if (tgt_fd >= 0)
		attr.attach_prog_fd = tgt_fd;
	else
		attr.attach_btf_obj_fd = btf_fd > 0 ? btf_fd : 0;
	attr.prog_flags = sleepable ? BPF_F_SLEEPABLE : 0;
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	return fd < 0 ? -errno : fd;
}

static int load_prog(const char *kind, const char *func, int ip, int sleepable, const char *module)
{
	return load_prog_at(kind, func, ip, sleepable, module, -1);
}

/* BPF_LINK_CREATE with the tracing cookie; returns the link fd or -errno. */
static int attach_prog(int prog_fd, const char *kind, uint64_t cookie)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.link_create.prog_fd = prog_fd;
	attr.link_create.attach_type = attach_type_of(kind);
	attr.link_create.tracing.cookie = cookie;
	fd = sys_bpf(BPF_LINK_CREATE, &attr);
	return fd < 0 ? -errno : fd;
}

static void print_hex(const uint8_t *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		putchar(digits[b[i] >> 4]);
		putchar(digits[b[i] & 15]);
	}
}

/* The kernel's id of a link fd, or 0. */
static uint32_t link_id_of(int fd)
{
	struct bpf_link_info info;
	union bpf_attr attr;

	memset(&info, 0, sizeof(info));
	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = sizeof(info);
	attr.info.info = (uint64_t)(uintptr_t)&info;
	return sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr) ? 0 : info.id;
}

/*
 * Runs the link iterator and prints the trampoline of link `id` (a link of this job; links of earlier jobs may
 * not be freed yet). 6.1 images are a zero-filled page: the bytes are printed up to the last non-zero one and
 * the harness pads with zeros.
 */
static void dump_trampoline(uint32_t id)
{
	static uint8_t buf[(sizeof(struct ml_rec) + ML_PAGE) * 48];
	size_t got = 0, off;
	int found = 0;
	int fd, k, i;
	ssize_t r;

	fd = bpf_iter_create(iter_link_fd);
	if (fd < 0) {
		printf("error iter_create %d\n", errno);
		return;
	}
	while (got < sizeof(buf) && (r = read(fd, buf + got, sizeof(buf) - got)) > 0)
		got += r;
	close(fd);
	for (off = 0; off + sizeof(struct ml_rec) + ML_PAGE <= got; off += sizeof(struct ml_rec) + ML_PAGE) {
		struct ml_rec *rec = (struct ml_rec *)(buf + off);
		uint8_t *page = buf + off + sizeof(struct ml_rec);
		size_t len;

		if (rec->magic != REC_MAGIC) {
			printf("error record_magic\n");
			return;
		}
		if (rec->link_id != id || found)
			continue;
		found = 1;
		printf("tramp tr=0x%llx key=0x%llx flags=0x%x func=0x%llx im=0x%llx image=0x%llx size=%u head=0x%08x "
		       "thunk=0x%llx ret_size=%u ret_flags=%u nr_args=%u", (unsigned long long)rec->tr, (unsigned long long)rec->key,
		       rec->flags, (unsigned long long)rec->func_addr, (unsigned long long)rec->im,
		       (unsigned long long)rec->image, rec->image_size, rec->func_head,
		       (unsigned long long)rec->return_thunk,
		       rec->ret_size, rec->ret_flags, rec->nr_args);
		printf(" arg_size=");
		for (i = 0; i < rec->nr_args && i < 12; i++)
			printf("%s%u", i ? "," : "", rec->arg_size[i]);
		printf(" arg_flags=");
		for (i = 0; i < rec->nr_args && i < 12; i++)
			printf("%s%u", i ? "," : "", rec->arg_flags[i]);
		printf("\n");
		for (k = 0; k < ML_KINDS; k++) {
			static const char *names[] = {"fentry", "fexit", "fmod_ret"};

			printf("progs %s cnt=%u", names[k], rec->cnt[k]);
			for (i = 0; i < ML_MAX_PER_KIND && rec->progs[k][i].prog; i++)
				printf(" 0x%llx:0x%llx:0x%llx", (unsigned long long)rec->progs[k][i].prog,
				       (unsigned long long)rec->progs[k][i].bpf_func,
				       (unsigned long long)rec->progs[k][i].cookie);
			printf("\n");
		}
		len = rec->image_size;
		if (!len) {
			len = ML_PAGE;
			while (len > 0 && page[len - 1] == 0)
				len--;
		}
		if (len > ML_PAGE)
			len = ML_PAGE;
		printf("bytes ");
		print_hex(page, len);
		printf("\n");
	}
	if (!found)
		printf("error no_trampoline_for_link %u\n", id);
}

struct job_prog {
	char kind[16];
	int ip;
	unsigned long long cookie;
};

static void run_x86_job(FILE *in, const char *id, const char *func, int n)
{
	struct job_prog p[MAX_JOB_PROGS];
	int prog_fd[MAX_JOB_PROGS], link_fd[MAX_JOB_PROGS];
	char line[256];
	int i, failed = 0;

	for (i = 0; i < n && i < MAX_JOB_PROGS; i++) {
		if (!fgets(line, sizeof(line), in) ||
		    sscanf(line, "p %15s %d %llx", p[i].kind, &p[i].ip, &p[i].cookie) != 3) {
			printf("error job_syntax %s\n", id);
			return;
		}
	}
	printf("job %s begin\n", id);
	for (i = 0; i < n; i++)
		prog_fd[i] = link_fd[i] = -1;
	for (i = 0; i < n && !failed; i++) {
		prog_fd[i] = load_prog(p[i].kind, func, p[i].ip, 0, NULL);
		if (prog_fd[i] < 0) {
			printf("load %d %d\n", i, -prog_fd[i]);
			failed = 1;
		}
	}
	for (i = 0; i < n && !failed; i++) {
		link_fd[i] = attach_prog(prog_fd[i], p[i].kind, p[i].cookie);
		if (link_fd[i] < 0) {
			printf("attach %d %d\n", i, -link_fd[i]);
			failed = 1;
		}
	}
	if (!failed && n > 0)
		dump_trampoline(link_id_of(link_fd[0]));
	for (i = 0; i < n; i++) {
		if (link_fd[i] >= 0)
			close(link_fd[i]);
		if (prog_fd[i] >= 0)
			close(prog_fd[i]);
	}
	printf("job %s end\n", id);
	fflush(stdout);
}

/* Scenario handles: a name bound to an fd, plus what a later attach needs to know about a prog. */
struct handle {
	char name[64];
	char kind[16];
	int fd;
};

static struct handle progs[MAX_HANDLES], links[MAX_HANDLES];

static struct handle *find(struct handle *h, const char *name)
{
	int i;

	for (i = 0; i < MAX_HANDLES; i++)
		if (h[i].fd >= 0 && !strcmp(h[i].name, name))
			return &h[i];
	return NULL;
}

static struct handle *bind(struct handle *h, const char *name, const char *kind, int fd)
{
	struct handle *old = find(h, name);
	int i;

	if (old) /* a name bound again stands for the new fd; the old fd stays open, as in the scenario */
		old->name[0] = 0;
	for (i = 0; i < MAX_HANDLES; i++)
		if (h[i].fd < 0) {
			snprintf(h[i].name, sizeof(h[i].name), "%s", name);
			snprintf(h[i].kind, sizeof(h[i].kind), "%s", kind);
			h[i].fd = fd;
			return &h[i];
		}
	return NULL;
}

static void reset_handles(void)
{
	int i;

	for (i = 0; i < MAX_HANDLES; i++) {
		if (links[i].fd >= 0)
			close(links[i].fd);
		if (progs[i].fd >= 0)
			close(progs[i].fd);
		links[i].fd = progs[i].fd = -1;
	}
}

/* A name the scenario never bound (or bound by a failed step) is an fd no process has: EBADF. */
#define NO_FD 1000000

static char scenario_id[64];

/* bpf_prog_get_info_by_fd(): the prog's id, for the harness to match links to progs. */
static void print_prog_info(int fd)
{
	struct bpf_prog_info info;
	union bpf_attr attr;

	memset(&info, 0, sizeof(info));
	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = sizeof(info);
	attr.info.info = (uint64_t)(uintptr_t)&info;
	if (!sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr))
		printf(" prog_id=%u", info.id);
}

/* bpf_link_get_info_by_fd(): what the kernel says the new link is (its prog, type and attach type). */
static void print_link_info(int fd)
{
	struct bpf_link_info info;
	union bpf_attr attr;

	memset(&info, 0, sizeof(info));
	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = sizeof(info);
	attr.info.info = (uint64_t)(uintptr_t)&info;
	if (sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr))
		printf(" link_info_errno=%d", errno);
	else
		printf(" link_id=%u prog_id=%u type=%u attach_type=%u", info.id, info.prog_id, info.type,
		       info.tracing.attach_type);
}

static void scenario_step(const char *step, char *rest)
{
	char op[32], a[64], b[64], c[64], d[16], m[64];
	struct handle *h;
	int r;

	if (sscanf(rest, "%31s", op) != 1) {
		printf("error step_syntax %s\n", step);
		return;
	}
	if (!strcmp(op, "load") && sscanf(rest, "%*s %63s %63s %63s %15s %63s", a, b, c, d, m) == 5) {
		if (m[0] == '@') {
			/* a global function of a prog handle: its fd as attach_prog_fd (an unbound name is no fd) */
			h = find(progs, m + 1);
			r = load_prog_at(b, c, 0, atoi(d), NULL, h ? h->fd : NO_FD);
		} else {
			r = load_prog(b, c, 0, atoi(d), strcmp(m, "-") ? m : NULL);
		}
		if (r >= 0)
			bind(progs, a, b, r);
		printf("step %s %d", step, r < 0 ? -r : 0);
		if (r >= 0)
			print_prog_info(r);
		printf("\n");
	} else if (!strcmp(op, "attach") && sscanf(rest, "%*s %63s %63s %63s", a, b, c) == 3) {
		unsigned long long cookie = strtoull(c, NULL, 0);
		union bpf_attr attr;

		h = find(progs, a);
		memset(&attr, 0, sizeof(attr));
		attr.link_create.prog_fd = h ? h->fd : NO_FD;
		attr.link_create.attach_type = h ? attach_type_of(h->kind) : BPF_TRACE_FENTRY;
		attr.link_create.tracing.cookie = cookie;
		r = sys_bpf(BPF_LINK_CREATE, &attr);
		printf("step %s %d", step, r < 0 ? errno : 0);
		if (r >= 0) {
			bind(links, b, h->kind, r);
			print_link_info(r);
		}
		printf("\n");
	} else if ((!strcmp(op, "close_link") || !strcmp(op, "close_prog")) && sscanf(rest, "%*s %63s", a) == 1) {
		h = find(op[6] == 'l' ? links : progs, a);
		r = close(h ? h->fd : NO_FD);
		if (h && r == 0)
			h->fd = -1;
		printf("step %s %d\n", step, r < 0 ? errno : 0);
	} else if (!strcmp(op, "detach_link") && sscanf(rest, "%*s %63s", a) == 1) {
		union bpf_attr attr;

		h = find(links, a);
		memset(&attr, 0, sizeof(attr));
		attr.link_detach.link_fd = h ? h->fd : NO_FD;
		r = sys_bpf(BPF_LINK_DETACH, &attr);
		printf("step %s %d\n", step, r < 0 ? errno : 0);
	} else if (!strcmp(op, "unload_module") && sscanf(rest, "%*s %63s", a) == 1) {
		/* O_NONBLOCK: fail with EWOULDBLOCK (EAGAIN) while the module is in use instead of waiting */
		r = syscall(__NR_delete_module, a, O_NONBLOCK);
		printf("step %s %d\n", step, r < 0 ? errno : 0);
	} else {
		printf("error step_syntax %s\n", step);
	}
	fflush(stdout);
}

static int open_iterator(const char *path)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *link;

	obj = bpf_object__open_file(path, NULL);
	if (!obj || libbpf_get_error(obj))
		return -1;
	if (bpf_object__load(obj))
		return -1;
	prog = bpf_object__find_program_by_name(obj, "dump_tramp");
	if (!prog)
		return -1;
	link = bpf_program__attach_iter(prog, NULL);
	if (!link || libbpf_get_error(link))
		return -1;
	return bpf_link__fd(link);
}

int main(int argc, char **argv)
{
	char line[512], a[64], b[128];
	int n, i;
	FILE *in;

	if (argc != 3) {
		fprintf(stderr, "usage: loader JOBFILE ITER.bpf.o\n");
		return 2;
	}
	for (i = 0; i < MAX_HANDLES; i++)
		progs[i].fd = links[i].fd = -1;
	in = fopen(argv[1], "r");
	vmlinux_btf = btf__load_vmlinux_btf();
	if (!in || !vmlinux_btf || libbpf_get_error(vmlinux_btf)) {
		printf("error setup %d\n", errno);
		return 1;
	}
	iter_link_fd = open_iterator(argv[2]);
	printf("ready iterator=%d\n", iter_link_fd >= 0);
	fflush(stdout);
	while (fgets(line, sizeof(line), in)) {
		line[strcspn(line, "\n")] = 0;
		if (sscanf(line, "x86 %63s %127s %d", a, b, &n) == 3) {
			if (iter_link_fd < 0) {
				printf("error no_iterator %s\n", a);
				continue;
			}
			run_x86_job(in, a, b, n);
		} else if (sscanf(line, "scenario %63s", a) == 1) {
			reset_handles();
			ensure_module();
			module_btf_take(MODULE_NAME);
			snprintf(scenario_id, sizeof(scenario_id), "%s", a);
			printf("scenario %s begin\n", a);
		} else if (sscanf(line, "t %63s", a) == 1) {
			int fd = load_target();

			if (fd < 0)
				printf("error target_load %d\n", -fd);
			else
				bind(progs, a, "xdp", fd);
		} else if (sscanf(line, "s %63s", a) == 1) {
			scenario_step(a, line + 2 + strlen(a) + 1);
		} else if (!strncmp(line, "end", 3)) {
			reset_handles();
			printf("scenario %s end\n", scenario_id);
		}
		fflush(stdout);
	}
	reset_handles();
	printf("done\n");
	fflush(stdout);
	return 0;
}
