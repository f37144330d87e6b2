/* replay.c - a plain main() for a fuzz target: runs LLVMFuzzerTestOneInput
 * over every file named, and every file in every folder named (sorted by
 * name, not recursive), so the corpus replays as a regression test without
 * libFuzzer.  A failing check aborts; a clean run prints a count.
 *
 *   build/tests/fuzz/replay_csv tests/fuzz/corpus/csv [FILE...]
 *
 * Exit status: 0 every input ran, 1 a file could not be read, 2 usage. */
#define FZ_REPLAY_DRIVER
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>

/* The input running now, named when the target crashes. */
static const char *current;

static void on_crash(int sig)
{
    static const char pre[] = "replay: crashed on ";
    if (current) {
        ssize_t ignored = write(2, pre, sizeof pre - 1);
        ignored = write(2, current, strlen(current));
        ignored = write(2, "\n", 1);
        (void)ignored;
    }
    fz_cleanup();                       /* unlink() is async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Run the target on a copy of the file of exactly its size, so reading
 * past the input's end is caught by ASan as it would be under libFuzzer. */
static int run_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return 1;
    }
    size_t cap = 4096, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *g = realloc(buf, cap *= 2);
            if (!g)
                free(buf);
            buf = g;
        }
    }
    int bad = !buf || ferror(fp);
    fclose(fp);
    if (bad) {
        fprintf(stderr, "replay: %s: cannot read\n", path);
        free(buf);
        return 1;
    }
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) {
        free(buf);
        return 1;
    }
    memcpy(exact, buf, n);
    free(buf);
    if (getenv("REPLAY_VERBOSE"))
        fprintf(stderr, "replay: %s\n", path);
    current = path;
    LLVMFuzzerTestOneInput(exact, n);
    current = NULL;
    free(exact);
    return 0;
}

/* Targets that need one-time setup define this (libFuzzer calls it too). */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every regular file of dir, in name order; *count += how many. */
static int run_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char **g = realloc(names, (n + 1) * sizeof *names);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *p = g ? malloc(len) : NULL;
        if (g)
            names = g;
        if (!p) {
            closedir(d);
            return 1;
        }
        snprintf(p, len, "%s/%s", dir, e->d_name);
        names[n++] = p;
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (stat(names[i], &sb) == 0 && S_ISREG(sb.st_mode)) {
            rc |= run_file(names[i]);
            (*count)++;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
        return 2;
    }
    size_t count = 0;
    int rc = 0;
    static const int sigs[] = { SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], on_crash);
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            rc |= run_dir(argv[i], &count);
        } else {
            rc |= run_file(argv[i]);
            count++;
        }
    }
    const char *name = strrchr(argv[0], '/');
    printf("%s: %zu inputs replayed%s\n", name ? name + 1 : argv[0], count,
           rc ? ", some could not be read" : "");
    return rc;
}
