/*
 * main.c - the command table and the process's exit (after git.c).
 *
 * Add a command by adding a row to `commands`; --help lists them from it.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "input.h"
#include "msg.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "assign", cli_cmd_assign, "classify every customer and print one row each" },
	{ "diff", cli_cmd_diff, "compare two runs: who moved up or down, new, gone" },
	{ "explain", cli_cmd_explain, "show every step of the model for one customer" },
	{ "import", cli_cmd_import, "aggregate order lines (CSV/TSV) into a portfolio file" },
	{ "levels", cli_cmd_levels, "list the five service levels" },
	{ "plot", cli_cmd_plot, "draw the portfolio matrix as SVG" },
	{ "policy", cli_cmd_policy, "print the policy (thresholds, service per level)" },
	{ "report", cli_cmd_report, "the service plan: grid, levels, quadrants, exceptions" },
	{ "thresholds", cli_cmd_thresholds, "print a portfolio's cuts and splits, for sharded runs" },
};

static void help(void)
{
	printf("Usage: focuslevel COMMAND [OPTIONS] [FILE]\n"
	       "\n"
	       "Plan the level of service each customer gets, from its margin\n"
	       "and order value (Kotler's five levels, a BCG-style matrix).\n"
	       "\n"
	       "Commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-10s %s\n", commands[i].name, commands[i].summary);
	printf("\n"
	       "Options:\n"
	       "  -h, --help     show this help ('focuslevel COMMAND --help' for a\n"
	       "                 command's options)\n"
	       "  -V, --version  show the version\n"
	       "\n"
	       "Exit status: 0 success, 1 invalid input or failed output,\n"
	       "2 usage error.\n");
}

/* Standard output may be a full disk or a closed pipe: say so and fail
 * rather than exit 0 with output lost (jq issue 719). */
static int close_stdout(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (errno != EPIPE)
			cli_errorf("standard output: cannot write: %s",
			          strerror(errno));
		return rc == CLI_EXIT_OK ? CLI_EXIT_FAIL : rc;
	}
	return rc;
}

/*
 * A standard descriptor the caller closed (">&-") would be taken by the
 * next file opened: the temporary file of -o FILE would become standard
 * output, and messages could land in it.  Hold each closed one with
 * /dev/null opened the wrong way round (standard input for writing, the
 * others for reading), so that using it still fails as a closed one does
 * (EBADF), while -o FILE, which writes nothing to standard output, works.
 */
static void hold_closed_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* The lowest free descriptor: fd itself, as those below are
		 * open by now. */
		int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
		if (got >= 0 && got != fd) {
			dup2(got, fd);
			close(got);
		}
	}
}

int main(int argc, char **argv)
{
	hold_closed_std_fds();
	cli_input_guard();
	if (argc < 2)
		return cli_usage_error(NULL, "missing command");
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		help();
		return close_stdout(CLI_EXIT_OK);
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("focuslevel %s\n", FL_VERSION);
		return close_stdout(CLI_EXIT_OK);
	}
	/* The commands report bad options themselves, in one form. */
	opterr = 0;
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(cmd, commands[i].name) == 0) {
			cli_msg_set_command(commands[i].name);
			return close_stdout(commands[i].run(argc - 1, argv + 1));
		}
	}
	if (cmd[0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", cmd);
	return cli_usage_error(NULL, "unknown command '%s'", cmd);
}
