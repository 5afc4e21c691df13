/*
 * How long does this machine take a running thread off its core? Spins on CLOCK_MONOTONIC for N seconds
 * (default 10) and counts the gaps between two readings longer than 1, 5 and 10 ms. Run one pinned to each core
 * at once (both cores busy, as in a comparison run) and one alone, to see what the host adds to any server's
 * latency. Written in C so that no JIT, safepoint or GC of its own shows up.
 *
 *   gcc -O2 -o /tmp/stall-probe tether-bench/tools/stall-probe.c
 *   taskset -c 0 /tmp/stall-probe & taskset -c 1 /tmp/stall-probe; wait
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 10;
    long long start = now_ns(), last = start, end = start + (long long) (seconds * 1e9);
    long over1 = 0, over5 = 0, over10 = 0;
    long long longest = 0;
    for (long long t = start; t < end; t = now_ns()) {
        long long gap = t - last;
        last = t;
        if (gap > 1000000) over1++;
        if (gap > 5000000) over5++;
        if (gap > 10000000) over10++;
        if (gap > longest) longest = gap;
    }
    printf("{\"seconds\":%.1f,\"stallsOver1ms\":%ld,\"stallsOver5ms\":%ld,\"stallsOver10ms\":%ld,"
           "\"longestStallMs\":%.2f}\n", seconds, over1, over5, over10, longest / 1e6);
    return 0;
}
