/*
 * fuzz_json.c - libFuzzer target: the JSON loader on arbitrary bytes.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fl_load_options opts = fl_fuzz_options(FL_INPUT_JSON, size);
	fl_diags diags;
	fl_diags_init(&diags, fl_fuzz_diag_limit(size));
	fl_portfolio *p = NULL;
	(void)fl_portfolio_load_mem((const char *)data, size, NULL, &opts, &p,
	                            &diags);
	fl_portfolio_free(p);
	fl_diags_release(&diags);
	return 0;
}
