/* SQLite as a WASI command: SQL from stdin, run on an in-memory database, rows to stdout ("|" between columns). */
#include <stdio.h>
#include "sqlite3.h"
static int print_row(void *unused, int n, char **values, char **names) {
  (void)unused; (void)names;
  for (int i = 0; i < n; i++) { if (i) putchar('|'); fputs(values[i] ? values[i] : "NULL", stdout); }
  putchar('\n');
  return 0;
}
int main(void) {
  static char sql[1 << 16];
  size_t length = fread(sql, 1, sizeof sql - 1, stdin);
  sql[length] = 0;
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) { fputs("cannot open an in-memory database\n", stderr); return 1; }
  char *error = 0;
  int status = sqlite3_exec(db, sql, print_row, 0, &error);
  if (status != SQLITE_OK) { fprintf(stderr, "%s\n", error ? error : "error"); sqlite3_free(error); }
  sqlite3_close(db);
  return status == SQLITE_OK ? 0 : 1;
}
