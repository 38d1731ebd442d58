// Linux calls that Swift's Glibc module does not export: epoll, eventfd, and the CPU-affinity
// count (CPU_COUNT is a macro). Only SystemCall.swift imports this module.
#ifndef C_GAZETTE_LINUX_H
#define C_GAZETTE_LINUX_H

#include <sys/epoll.h>
#include <sys/eventfd.h>

#include <sys/socket.h>

/// accept4(2), which glibc declares only under _GNU_SOURCE.
int c_gazette_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/// Processors this process may run on (honours taskset); 0 if unknown.
int c_gazette_available_cpus(void);

#endif
