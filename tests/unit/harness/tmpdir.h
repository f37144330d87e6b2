/* tmpdir.h - a scratch folder per test, for the writers' tests. */
#ifndef CODA_TEST_TMPDIR_H
#define CODA_TEST_TMPDIR_H

#include <stddef.h>

/* Make a new empty folder under /tmp; its path is in dir (64 bytes). */
void tmp_make(char *dir);
/* Remove dir and everything in it. */
void tmp_remove(const char *dir);
/* dir/name into buf (256 bytes); returns buf. */
char *tmp_path(char *buf, const char *dir, const char *name);
/* Write s as the whole of path. */
void tmp_write(const char *path, const char *s);
/* 1 when path holds exactly s. */
int tmp_holds(const char *path, const char *s, size_t len);
/* Entries of dir whose name starts with prefix. */
int tmp_count(const char *dir, const char *prefix);

#endif
