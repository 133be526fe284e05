// The hostile core guests' twin as a C command, adapted into a WASI 0.2 component by the tests:
// argv[1] picks the misbehaviour. Anything else prints what a well-behaved run gets.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "";
    if (strcmp(what, "loop") == 0) {
        for (volatile unsigned long i = 0;; i++) { }
    }
    if (strcmp(what, "grow") == 0) {
        // 1 MiB at a time, each touched and kept, until the limit refuses a growth: malloc then fails.
        static char *volatile kept;
        for (;;) {
            char *block = malloc(1 << 20);
            if (!block) abort();
            memset(block, 1, 1 << 20);
            kept = block;
        }
    }
    if (strcmp(what, "trap") == 0) __builtin_trap();
    if (strcmp(what, "sleep") == 0) {
        // Waits in the host (a WASI 0.2 poll on a monotonic-clock pollable), not in wasm.
        sleep(argc > 2 ? atoi(argv[2]) : 60);
        puts("woke");
        return 0;
    }
    if (strcmp(what, "flood") == 0) {
        static char line[1024];
        memset(line, 'x', sizeof line - 1);
        for (int i = 0; i < 4096; i++) puts(line); // 4 MiB
        return 0;
    }
    if (strcmp(what, "read") == 0 && argc > 2) {
        // Reads a file (from a granted folder) to stdout, then tries to write next to it.
        FILE *file = fopen(argv[2], "r");
        if (!file) { printf("open failed\n"); return 2; }
        char buffer[256];
        size_t n = fread(buffer, 1, sizeof buffer, file);
        fwrite(buffer, 1, n, stdout);
        fclose(file);
        FILE *out = fopen(argc > 3 ? argv[3] : "/tmp/x", "w");
        printf("\nwrite %s\n", out ? "allowed" : "refused");
        return 0;
    }
    const char *greeting = getenv("GREETING");
    const char *home = getenv("HOME");
    printf("greeting=%s home=%s\n", greeting ? greeting : "(none)", home ? home : "(none)");
    return 0;
}
