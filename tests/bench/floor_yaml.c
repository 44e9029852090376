/*
 * floor_yaml.c - the YAML floor: libyaml's event parser over the whole
 * file, doing nothing else.  focuslevel cannot be faster than this.
 */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	FILE *fp = fopen(argv[1], "rb");
	if (fp == NULL)
		return 1;
	yaml_parser_t p;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, fp);
	unsigned long events = 0;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			fprintf(stderr, "parse error\n");
			return 1;
		}
		int done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		events++;
		if (done)
			break;
	}
	yaml_parser_delete(&p);
	fclose(fp);
	printf("%lu events\n", events);
	return 0;
}
