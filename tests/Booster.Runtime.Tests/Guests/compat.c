// The data-import compatibility guest: calls every function of bosbase_redis and
// bosbase_postgres so that each of their return codes comes back at least once, with the
// original booster's signatures, and prints one line per call: "function case rc[ value]".
// The test holds the lines the original's host code (booster/src/redis.rs, postgres.rs) answers.
#include <stdio.h>
#include <string.h>

#include "bosbase_imports.h"

// A pointer no memory holds (i32 -1), and bytes that are not UTF-8.
#define BAD ((char *)-1)
static const char not_utf8[] = "\xff\xfe";
static char out[1024];

static void show(const char *function, const char *what, int rc, int with_value) {
    if (with_value && rc >= 0) printf("%s %s %d %.*s\n", function, what, rc, rc, out);
    else printf("%s %s %d\n", function, what, rc);
}

#define K(s) s, (int)strlen(s)

int main(void) {
    show("redis_set", "stored", redis_set(K("compat:k"), K("hello")), 0);
    show("redis_set", "bad-key-pointer", redis_set(BAD, 3, K("v")), 0);
    show("redis_set", "key-not-utf8", redis_set(not_utf8, 2, K("v")), 0);
    show("redis_set", "value-out-of-memory", redis_set(K("compat:k"), BAD, 8), 0);

    show("redis_get", "found", redis_get(K("compat:k"), out, sizeof out), 1);
    show("redis_get", "buffer-too-small", redis_get(K("compat:k"), out, 4), 0);
    show("redis_get", "missing", redis_get(K("compat:missing"), out, sizeof out), 0);
    show("redis_get", "wrong-type", redis_get(K("compat:list"), out, sizeof out), 0);
    show("redis_get", "key-not-utf8", redis_get(not_utf8, 2, out, sizeof out), 0);
    show("redis_get", "negative-out-len", redis_get(K("compat:k"), out, -1), 0);

    show("redis_set_ex", "stored", redis_set_ex(K("compat:t"), K("v"), 60), 0);
    show("redis_set_ex", "ttl-zero", redis_set_ex(K("compat:t"), K("v"), 0), 0);
    show("redis_set_ex", "ttl-negative", redis_set_ex(K("compat:t"), K("v"), -1), 0);
    show("redis_set_ex", "key-not-utf8", redis_set_ex(not_utf8, 2, K("v"), 60), 0);
    show("redis_get", "set-with-ttl", redis_get(K("compat:t"), out, sizeof out), 1);

    show("redis_exists", "present", redis_exists(K("compat:k")), 0);
    show("redis_exists", "absent", redis_exists(K("compat:missing")), 0);
    show("redis_exists", "key-not-utf8", redis_exists(not_utf8, 2), 0);

    show("redis_del", "removed", redis_del(K("compat:k")), 0);
    show("redis_del", "already-gone", redis_del(K("compat:k")), 0);
    show("redis_del", "bad-key-pointer", redis_del(BAD, 3), 0);

    show("pg_exec", "drop-if-exists", pg_exec(K("DROP TABLE IF EXISTS compat")), 0);
    show("pg_exec", "create", pg_exec(K("CREATE TABLE compat (id int, name text)")), 0);
    show("pg_exec", "insert", pg_exec(K("INSERT INTO compat VALUES (1, 'a'), (2, 'b')")), 0);
    show("pg_exec", "select", pg_exec(K("select 1 union all select 2 union all select 3")), 0);
    show("pg_exec", "update", pg_exec(K("UPDATE compat SET name = name || '!'")), 0);
    show("pg_exec", "empty", pg_exec("", 0), 0);
    show("pg_exec", "bad-sql", pg_exec(K("SELEKT 1")), 0);
    show("pg_exec", "sql-not-utf8", pg_exec(not_utf8, 2), 0);
    show("pg_exec", "bad-sql-pointer", pg_exec(BAD, 5), 0);

    show("pg_query", "rows", pg_query(K("SELECT name, id FROM compat ORDER BY id"), out, sizeof out), 1);
    show("pg_query", "escaping", pg_query(K("select 'O''Brien <&> +' as zname, 'José 日本' as aname, 1 as mid"), out, 58), 1);
    show("pg_query", "one-byte-short", pg_query(K("select 'O''Brien <&> +' as zname, 'José 日本' as aname, 1 as mid"), out, 57), 0);
    show("pg_query", "not-finite", pg_query(K("select 'NaN'::float8 as x, 'Infinity'::float4 as y, 0.1::float4 as z"), out, sizeof out), 1);
    show("pg_query", "jsonb", pg_query(K("select '{\"b\": 1, \"a\": [1, 2.0, \"\\u00e9\"]}'::jsonb as j"), out, sizeof out), 1);
    show("pg_query", "empty", pg_query("", 0, out, sizeof out), 1);
    show("pg_query", "bad-sql", pg_query(K("SELECT * FROM compat_missing"), out, sizeof out), 0);
    show("pg_query", "sql-not-utf8", pg_query(not_utf8, 2, out, sizeof out), 0);
    show("pg_query", "negative-out-len", pg_query(K("SELECT 1"), out, -1), 0);
    show("pg_exec", "drop", pg_exec(K("DROP TABLE compat")), 0);
    return 0;
}
