// hello: the C module of the benchmark, greeting NAME through stdio like a typical guest.
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    const char *name = getenv("NAME");
    printf("Hello, %s!\n", name ? name : "world");
    return 0;
}
