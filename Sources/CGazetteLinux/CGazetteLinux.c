#define _GNU_SOURCE
#include <malloc.h>
#include <sched.h>
#include <sys/socket.h>
#include "CGazetteLinux.h"

int c_gazette_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}

int c_gazette_available_cpus(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) return 0;
    return CPU_COUNT(&set);
}

int c_gazette_malloc_trim(void) {
    return malloc_trim(0);
}

int c_gazette_malloc_top_pad(int bytes) {
    return mallopt(M_TOP_PAD, bytes);
}
