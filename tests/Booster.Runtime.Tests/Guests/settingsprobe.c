// The per-module settings probe: each run performs the operations its arguments name and
// prints one line per operation, so a test sees what the guest could and could not do.
//   env NAME | read PATH | write PATH | append PATH | create PATH | mkdir PATH | unlink PATH
//   | list PATH | sleep MILLISECONDS | stdin -
// A refused operation prints its errno as a number and as its name ("errno=63 EPERM").
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *name_of(int e) {
    switch (e) {
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EBADF: return "EBADF";
    case EEXIST: return "EEXIST";
    case EISDIR: return "EISDIR";
    case EROFS: return "EROFS";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    case ELOOP: return "ELOOP";
    case EINVAL: return "EINVAL";
    default: return "other";
    }
}

static void refused(const char *op, const char *path) { printf("%s %s errno=%d %s\n", op, path, errno, name_of(errno)); }

static void open_and(const char *op, const char *path, int flags) {
    int fd = open(path, flags, 0644);
    if (fd < 0) { refused(op, path); return; }
    if (flags == O_RDONLY) {
        char buffer[256];
        ssize_t n = read(fd, buffer, sizeof buffer - 1);
        if (n < 0) refused(op, path);
        else { buffer[n] = 0; printf("%s %s ok: %s\n", op, path, buffer); }
    } else {
        ssize_t n = write(fd, "changed", 7);
        if (n < 0) refused(op, path); else printf("%s %s ok: wrote %zd\n", op, path, n);
    }
    close(fd);
}

int main(int argc, char **argv) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *op = argv[i], *arg = argv[i + 1];
        if (!strcmp(op, "env")) { const char *v = getenv(arg); printf("env %s=%s\n", arg, v ? v : "(unset)"); }
        else if (!strcmp(op, "read")) open_and(op, arg, O_RDONLY);
        else if (!strcmp(op, "write")) open_and(op, arg, O_WRONLY | O_TRUNC);
        else if (!strcmp(op, "append")) open_and(op, arg, O_WRONLY | O_APPEND);
        else if (!strcmp(op, "create")) open_and(op, arg, O_WRONLY | O_CREAT | O_EXCL);
        else if (!strcmp(op, "mkdir")) { if (mkdir(arg, 0755) < 0) refused(op, arg); else printf("mkdir %s ok\n", arg); }
        else if (!strcmp(op, "unlink")) { if (unlink(arg) < 0) refused(op, arg); else printf("unlink %s ok\n", arg); }
        else if (!strcmp(op, "list")) {
            DIR *dir = opendir(arg);
            if (!dir) { refused(op, arg); continue; }
            int count = 0;
            for (struct dirent *e; (e = readdir(dir));) if (e->d_name[0] != '.') count++;
            closedir(dir);
            printf("list %s ok: %d entries\n", arg, count);
        }
        else if (!strcmp(op, "sleep")) {
            struct timespec t = { atoi(arg) / 1000, (atoi(arg) % 1000) * 1000000L };
            nanosleep(&t, 0);
            printf("slept %s\n", arg);
        }
        else if (!strcmp(op, "stdin")) {
            char buffer[256];
            size_t n = fread(buffer, 1, sizeof buffer - 1, stdin);
            buffer[n] = 0;
            printf("stdin: %s\n", buffer);
        }
        else { printf("unknown %s\n", op); return 2; }
    }
    fflush(stdout);
    return 0;
}
