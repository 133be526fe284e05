// The C hello module of the test suite: greets NAME, echoes its arguments and its stdin.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    const char *name = getenv("NAME");
    printf("Hello, %s!\n", name ? name : "world");
    for (int i = 1; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0) fwrite(buffer, 1, n, stdout);
    fprintf(stderr, "argv[0]=%s\n", argv[0]);
    return argc > 1 && argv[1][0] == '!' ? 7 : 0;
}
