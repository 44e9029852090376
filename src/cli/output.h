/*
 * output.h - where a command writes: -o FILE, written atomically, or
 * standard output.
 */
#ifndef CLI_OUTPUT_H
#define CLI_OUTPUT_H

#include <focuslevel/focuslevel.h>

/* Writes the whole output to `o` for the context `ctx`; returns the
 * writer's status (FL_OK, FL_ERR_NOMEM, FL_ERR_LIMIT, FL_ERR_IO). */
typedef fl_status cli_write_fn(fl_out *o, void *ctx);

/*
 * Open `path` (NULL: standard output), let `write` fill it and commit it:
 * -o FILE is renamed into place only when complete, and no temporary file
 * is left, not even when SIGINT, SIGTERM or SIGHUP ends the program, or a
 * file size limit (SIGXFSZ is ignored: the write fails with EFBIG).  What
 * -o does with links, devices and standard streams is fl_out_open_atomic's
 * rule; a replaced file's owner that cannot be kept is a warning.
 * Returns CLI_EXIT_OK; CLI_EXIT_USAGE after saying that `path` is empty;
 * or CLI_EXIT_FAIL after saying what failed (out of memory, data the
 * format cannot hold (FL_ERR_LIMIT), a workbook that could not be made,
 * or that `path` could not be created or written, or is a socket or
 * block device); `path` is then left as it was.
 */
int cli_output_write(const char *path, cli_write_fn *write, void *ctx);

#endif
