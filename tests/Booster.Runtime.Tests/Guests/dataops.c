// The data-import test module: runs the operations named by its arguments against the
// bosbase_redis and bosbase_postgres host imports and prints each return code.
//   set KEY VALUE | setex KEY VALUE TTL | get KEY BUFSIZE | exists KEY | del KEY
//   exec SQL | query SQL BUFSIZE | sleep MILLISECONDS
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bosbase_imports.h"

static int answer(const char *op, int rc, const char *out) {
    if (out && rc >= 0) printf("%s rc=%d value=%.*s\n", op, rc, rc, out);
    else printf("%s rc=%d\n", op, rc);
    return rc;
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *op = argv[i];
        const char *a = i + 1 < argc ? argv[i + 1] : "";
        const char *b = i + 2 < argc ? argv[i + 2] : "";
        const char *c = i + 3 < argc ? argv[i + 3] : "";
        if (!strcmp(op, "set")) { answer(op, redis_set(a, strlen(a), b, strlen(b)), 0); i += 2; }
        else if (!strcmp(op, "setex")) { answer(op, redis_set_ex(a, strlen(a), b, strlen(b), atoll(c)), 0); i += 3; }
        else if (!strcmp(op, "get")) {
            int size = atoi(b);
            char *out = malloc(size > 0 ? size : 1);
            answer(op, redis_get(a, strlen(a), out, size), out);
            free(out);
            i += 2;
        }
        else if (!strcmp(op, "exists")) { answer(op, redis_exists(a, strlen(a)), 0); i += 1; }
        else if (!strcmp(op, "del")) { answer(op, redis_del(a, strlen(a)), 0); i += 1; }
        else if (!strcmp(op, "exec")) { answer(op, pg_exec(a, strlen(a)), 0); i += 1; }
        else if (!strcmp(op, "query")) {
            int size = atoi(b);
            char *out = malloc(size > 0 ? size : 1);
            answer(op, pg_query(a, strlen(a), out, size), out);
            free(out);
            i += 2;
        }
        else if (!strcmp(op, "sleep")) {
            struct timespec pause = { atoi(a) / 1000, (atoi(a) % 1000) * 1000000L };
            fflush(stdout);
            nanosleep(&pause, 0);
            i += 1;
        }
        else { fprintf(stderr, "unknown operation %s\n", op); return 2; }
    }
    return 0;
}
