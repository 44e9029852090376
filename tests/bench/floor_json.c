/*
 * floor_json.c - the JSON floor: cJSON parsing the whole file as one
 * document (read into memory first, as cJSON needs).
 */
#include <stdio.h>
#include <stdlib.h>

#include <cJSON.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	FILE *fp = fopen(argv[1], "rb");
	if (fp == NULL)
		return 1;
	fseek(fp, 0, SEEK_END);
	long size = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *buf = malloc((size_t)size + 1);
	if (buf == NULL || fread(buf, 1, (size_t)size, fp) != (size_t)size)
		return 1;
	fclose(fp);
	cJSON *doc = cJSON_ParseWithLength(buf, (size_t)size);
	if (doc == NULL) {
		fprintf(stderr, "parse error\n");
		return 1;
	}
	int n = cJSON_GetArraySize(cJSON_GetObjectItem(doc, "customers"));
	printf("%d customers\n", n);
	cJSON_Delete(doc);
	free(buf);
	return 0;
}
