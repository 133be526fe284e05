// Benchmark guest: five Redis round trips per run (set, get, exists, get, del) through the
// bosbase_redis imports, then one line of output. With env CALLS=0 the same program skips the
// calls, which measures everything else of a run.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("bosbase_redis"), import_name(name)))
IMPORT("redis_get") int redis_get(const char *k, int kl, char *out, int outl);
IMPORT("redis_set") int redis_set(const char *k, int kl, const char *v, int vl);
IMPORT("redis_exists") int redis_exists(const char *k, int kl);
IMPORT("redis_del") int redis_del(const char *k, int kl);

int main(void) {
    const char *calls = getenv("CALLS");
    const char *name = getenv("NAME");
    char key[96], value[64];
    snprintf(key, sizeof key, "bench:%s", name ? name : "anonymous");
    snprintf(value, sizeof value, "hello-from-%s", name ? name : "anonymous");
    int sum = 0;
    if (!calls || strcmp(calls, "0") != 0) {
        int kl = strlen(key), vl = strlen(value);
        char out[64];
        sum += redis_set(key, kl, value, vl);
        sum += redis_get(key, kl, out, sizeof out);
        sum += redis_exists(key, kl);
        sum += redis_get(key, kl, out, sizeof out);
        sum += redis_del(key, kl);
    }
    printf("%s %d\n", key, sum);
    return 0;
}
