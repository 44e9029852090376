/*
 * signals.c - no temporary file is left behind when a run is interrupted.
 */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char *volatile cleanup_path;

static void on_signal(int sig)
{
	const char *p = cleanup_path;
	if (p != NULL)
		unlink(p);  /* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

void cli_cleanup_on_signal(const char *tmp_path)
{
	static int installed;
	cleanup_path = tmp_path;
	if (tmp_path == NULL || installed)
		return;
	installed = 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}
