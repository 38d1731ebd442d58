// Linux calls that Swift's Glibc module does not export: epoll, eventfd, the CPU-affinity
// count (CPU_COUNT is a macro), malloc_trim and mallopt. Only SystemCall.swift (GazetteHTTP) and
// Heap.swift (GazetteAPI) import this module.
#ifndef C_GAZETTE_LINUX_H
#define C_GAZETTE_LINUX_H

#include <sys/epoll.h>
#include <sys/eventfd.h>

#include <sys/socket.h>

/// accept4(2), which glibc declares only under _GNU_SOURCE.
int c_gazette_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/// Processors this process may run on (honours taskset); 0 if unknown.
int c_gazette_available_cpus(void);

/// malloc_trim(0) (malloc.h): returns free heap memory of every arena to the system.
int c_gazette_malloc_trim(void);

/// mallopt(M_TOP_PAD, bytes) (malloc.h): how much more the heap grows by than a request needs.
int c_gazette_malloc_top_pad(int bytes);

#endif
