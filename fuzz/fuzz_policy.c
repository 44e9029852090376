/*
 * fuzz_policy.c - libFuzzer target: the policy loader on arbitrary bytes,
 * and the writer on every policy it accepts (what it writes must load
 * again).
 */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fl_diags diags;
	fl_diags_init(&diags, fl_fuzz_diag_limit(size));
	fl_policy *p = NULL;
	/* The length picks the syntax, as the other targets pick options. */
	const char *name = (size & 1) ? "policy.json" : (size & 2) ? NULL
	                                                            : "policy.yaml";
	if (fl_policy_load_mem((const char *)data, size, name, &p, &diags) == FL_OK) {
		int fd = open("/dev/null", O_WRONLY);
		fl_out *o = fd >= 0 ? fl_out_open_fd(fd) : NULL;
		if (o != NULL) {
			fl_policy_write(o, p);
			fl_out_commit(o);
		}
		if (fd >= 0)
			close(fd);
	}
	fl_policy_free(p);
	fl_diags_release(&diags);
	return 0;
}
