#define _GNU_SOURCE
/*
 * The benchmark's real servers in C (cheaper than the JVM under the VM's emulation, so the listeners do not
 * limit what they measure): ADDRS x PORTS loopback listeners on one epoll loop. tcp: accept and close.
 * http: answer the first read with a small 200 and close. Every second COUNTFILE gets the number of
 * connections accepted so far. Same arguments as lvsd.check.bench.BenchListeners:
 *   listeners tcp|http ADDRS PORTS BASE COUNTFILE
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char RESPONSE[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
                               "Connection: close\r\n\r\nok\n";

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: listeners tcp|http ADDRS PORTS BASE COUNTFILE\n");
        return 2;
    }
    int http = strcmp(argv[1], "http") == 0;
    int addrs = atoi(argv[2]), ports = atoi(argv[3]), base = atoi(argv[4]);
    const char *countfile = argv[5];
    int ep = epoll_create1(0);
    int maxfd = 0;
    for (int a = 1; a <= addrs; a++) {
        for (int p = 0; p < ports; p++) {
            int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            int one = 1;
            setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
            struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(base + p)};
            sin.sin_addr.s_addr = htonl(0x7f000000u | (unsigned) a);
            if (bind(s, (struct sockaddr *) &sin, sizeof sin) || listen(s, 1024)) {
                perror("bind/listen");
                return 1;
            }
            struct epoll_event ev = {.events = EPOLLIN, .data.u64 = ((unsigned long long) s << 1)};
            epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
            if (s > maxfd) maxfd = s;
        }
    }
    printf("listening on %d sockets\n", addrs * ports);
    fflush(stdout);
    unsigned long long accepted = 0;
    time_t last = 0;
    char tmp[4096], buf[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", countfile);
    struct epoll_event evs[256];
    for (;;) {
        int n = epoll_wait(ep, evs, 256, 200);
        for (int i = 0; i < n; i++) {
            int fd = (int) (evs[i].data.u64 >> 1);
            int conn = (int) (evs[i].data.u64 & 1);
            if (!conn) {
                int c;
                while ((c = accept4(fd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    accepted++;
                    if (http) {
                        struct epoll_event ev = {.events = EPOLLIN, .data.u64 = ((unsigned long long) c << 1) | 1};
                        epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
                    } else {
                        close(c);
                    }
                }
            } else {
                if (read(fd, buf, sizeof buf) > 0) {
                    ssize_t w = write(fd, RESPONSE, sizeof RESPONSE - 1);
                    (void) w;
                }
                close(fd);
            }
        }
        time_t now = time(NULL);
        if (now != last) {
            last = now;
            FILE *f = fopen(tmp, "w");
            if (f) {
                fprintf(f, "%llu\n", accepted);
                fclose(f);
                rename(tmp, countfile);
            }
        }
    }
}
