/*
 * cmd.h - the subcommands, one file each; main.c's table lists them.
 */
#ifndef CLI_CMD_H
#define CLI_CMD_H

/* Run a subcommand: argv[0] is its name.  Returns the exit status. */
int cli_cmd_assign(int argc, char **argv);
int cli_cmd_diff(int argc, char **argv);
int cli_cmd_explain(int argc, char **argv);
int cli_cmd_import(int argc, char **argv);
int cli_cmd_levels(int argc, char **argv);
int cli_cmd_plot(int argc, char **argv);
int cli_cmd_policy(int argc, char **argv);
int cli_cmd_report(int argc, char **argv);
int cli_cmd_thresholds(int argc, char **argv);

#endif
