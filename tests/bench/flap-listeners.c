#define _GNU_SOURCE
/*
 * The soak's real servers: one TCP listener on each of N addresses (10.60.(i/250).(i%250+1):PORT, which the
 * caller has put on an interface), on one epoll loop; accept and close. Every third listener (i % 3 == 0)
 * flaps: closed for PERIOD seconds, then open for PERIOD seconds, and so on. Once a second STATFILE gets
 * "steady_accepts flapping_accepts flaps": connections accepted on the steady and the flapping listeners, and
 * the number of flap phases so far (so the caller can check the steady reals are checked on schedule).
 *   flap-listeners N PORT PERIOD STATFILE
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int ep;
static int *fds;
static int port;

static int open_listener(int i) {
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(port)};
    sin.sin_addr.s_addr = htonl((10u << 24) | (60u << 16) | ((unsigned) (i / 250) << 8) | (unsigned) (i % 250 + 1));
    if (bind(s, (struct sockaddr *) &sin, sizeof sin) || listen(s, 128)) {
        perror("bind/listen");
        exit(1);
    }
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (unsigned) i};
    epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
    return s;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: flap-listeners N PORT PERIOD STATFILE\n");
        return 2;
    }
    int n = atoi(argv[1]), period = atoi(argv[3]);
    port = atoi(argv[2]);
    const char *statfile = argv[4];
    ep = epoll_create1(0);
    fds = calloc((size_t) n, sizeof *fds);
    for (int i = 0; i < n; i++) fds[i] = open_listener(i);
    printf("listening on %d addresses, %d flapping every %d s\n", n, (n + 2) / 3, period);
    fflush(stdout);
    unsigned long long steady = 0, flapping = 0, flaps = 0;
    int up = 1;
    time_t start = time(NULL), last = 0;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", statfile);
    struct epoll_event evs[256];
    for (;;) {
        int k = epoll_wait(ep, evs, 256, 200);
        for (int j = 0; j < k; j++) {
            int i = (int) evs[j].data.u32, c;
            if (fds[i] < 0) continue;
            while ((c = accept4(fds[i], NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                if (i % 3 == 0) flapping++; else steady++;
                close(c);
            }
        }
        time_t now = time(NULL);
        if (period > 0 && (now - start) / period != (long) flaps) {
            flaps++;
            up = !up;
            for (int i = 0; i < n; i += 3) {
                if (up) {
                    fds[i] = open_listener(i);
                } else {
                    close(fds[i]);   // also leaves epoll; pending connections are reset
                    fds[i] = -1;
                }
            }
        }
        if (now != last) {
            last = now;
            FILE *f = fopen(tmp, "w");
            if (f) {
                fprintf(f, "%llu %llu %llu\n", steady, flapping, flaps);
                fclose(f);
                rename(tmp, statfile);
            }
        }
    }
}
