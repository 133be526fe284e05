// The original booster's data imports, as its guests declare them (booster/docs/REDIS.md, POSTGRES.md).
#pragma once

#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

IMPORT("bosbase_redis", "redis_get") int redis_get(const char *k, int kl, char *out, int outl);
IMPORT("bosbase_redis", "redis_set") int redis_set(const char *k, int kl, const char *v, int vl);
IMPORT("bosbase_redis", "redis_set_ex") int redis_set_ex(const char *k, int kl, const char *v, int vl, long long ttl);
IMPORT("bosbase_redis", "redis_exists") int redis_exists(const char *k, int kl);
IMPORT("bosbase_redis", "redis_del") int redis_del(const char *k, int kl);
IMPORT("bosbase_postgres", "pg_exec") int pg_exec(const char *sql, int len);
IMPORT("bosbase_postgres", "pg_query") int pg_query(const char *sql, int len, char *out, int outl);
