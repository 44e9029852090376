/*
 * input.c - open the portfolio a command names, load it, report problems.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

const char *cli_input_display(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0 ? "<stdin>" : path;
}

FILE *cli_input_open(const char *path, const char *what)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_errorf("%s: is a directory, not a %s file", path, what);
		return NULL;
	}
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		cli_errorf("%s: cannot open: %s", path, strerror(errno));
	return fp;
}

int cli_input_load(const char *path, const fl_load_options *opts,
                  fl_portfolio **out)
{
	const char *display = cli_input_display(path);
	bool is_stdin = path == NULL || strcmp(path, "-") == 0;
	*out = NULL;
	FILE *fp = is_stdin ? stdin : cli_input_open(path, "portfolio");
	if (fp == NULL)
		return CLI_EXIT_FAIL;
	fl_diags diags;
	fl_diags_init(&diags, 20);
	fl_status st = fl_portfolio_load(fp, is_stdin ? NULL : path, opts, out,
	                                 &diags);
	if (!is_stdin)
		fclose(fp);
	cli_print_diags(display, &diags);
	fl_diags_release(&diags);
	if (st == FL_ERR_NOMEM) {
		cli_errorf("%s: out of memory", display);
		return CLI_EXIT_FAIL;
	}
	if (st != FL_OK)
		return CLI_EXIT_FAIL;
	if ((*out)->skipped > 0)
		cli_file_warnf(display, "skipped %zu invalid customer%s",
		              (*out)->skipped, (*out)->skipped == 1 ? "" : "s");
	return CLI_EXIT_OK;
}

int cli_output_open(const char *path, fl_out **out)
{
	*out = path != NULL ? fl_out_open_atomic(path) : fl_out_open_fd(1);
	if (*out != NULL)
		cli_cleanup_on_signal(fl_out_temp_path(*out));
	if (*out == NULL) {
		if (path != NULL)
			cli_errorf("%s: cannot create: %s", path, strerror(errno));
		else
			cli_errorf("out of memory");
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}
