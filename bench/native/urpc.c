// The native baseline for `wasmfish bench urpc`: the practical limit of the same patterns on
// this host's CPUs, with sequentially consistent and with release/acquire publishing:
//  - a ping-pong on one cache line (both directions on one line: the fewest transfers);
//  - a ping-pong with the URPC protocol: a channel of two one-way rings of 64-byte slots
//    (payload, then the header word; lazy credits), as kernel/urpc.ts does it;
//  - a one-way stream on one such ring.
// Each figure is the median of `runs` runs. Built and run by bench/urpc.ts when a C compiler
// is present. Prints one JSON object.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SLOTS 32
#define MAX_RUNS 64
typedef struct { _Alignas(64) uint32_t payload[15]; _Atomic uint32_t header; } slot_t;
typedef struct { _Alignas(64) _Atomic uint32_t ack; } ack_t;
static slot_t rings[2][SLOTS]; // rings[s]: side s sends on it
static ack_t acks[2];          // acks[s]: how far side s has read (the credits it gives back)
static _Alignas(64) _Atomic uint32_t line[16];
static long n;
static int relaxed; // 1: release/acquire, 0: seq_cst

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static void put(_Atomic uint32_t *p, uint32_t v) { if (relaxed) atomic_store_explicit(p, v, memory_order_release); else atomic_store(p, v); }
static uint32_t get(_Atomic uint32_t *p) { return relaxed ? atomic_load_explicit(p, memory_order_acquire) : atomic_load(p); }

// ── one side of a channel (inline and restrict: its counters stay in registers in the
// loops; without them this stream runs at a third of the speed here) ──
typedef struct { int side; uint32_t tx, txAcked, rx; } end_t;

static inline void send(end_t *restrict e, uint32_t v) {
  while (e->tx - e->txAcked >= SLOTS) e->txAcked = get(&acks[e->side ^ 1].ack);
  slot_t *s = &rings[e->side][e->tx % SLOTS];
  s->payload[0] = v;
  put(&s->header, ++e->tx);
}

static inline uint32_t recv(end_t *restrict e) {
  slot_t *s = &rings[e->side ^ 1][e->rx % SLOTS];
  while (get(&s->header) != e->rx + 1) {}
  uint32_t v = s->payload[0];
  if (++e->rx % (SLOTS / 2) == 0) put(&acks[e->side].ack, e->rx);
  return v;
}

static void reset(void) {
  for (int s = 0; s < 2; s++) {
    atomic_store(&acks[s].ack, 0);
    for (int k = 0; k < SLOTS; k++) atomic_store(&rings[s][k].header, 0);
  }
  atomic_store(&line[0], 0);
}

static void *linePong(void *_) {
  for (long i = 0; i < n; i++) {
    while (get(&line[0]) != (uint32_t)(2 * i + 1)) {}
    put(&line[0], 2 * i + 2);
  }
  return 0;
}

static void *channelPong(void *_) {
  end_t e = { 1, 0, 0, 0 };
  for (long i = 0; i < n; i++) send(&e, recv(&e) + 1);
  return 0;
}

static void *receiver(void *_) {
  end_t e = { 1, 0, 0, 0 };
  uint32_t sum = 0;
  for (long i = 0; i < n; i++) sum += recv(&e);
  return (void *)(uintptr_t)sum;
}

/** ns per round trip on one line */
static double lineRtt(void) {
  pthread_t t; reset();
  pthread_create(&t, 0, linePong, 0);
  double t0 = now();
  for (long i = 0; i < n; i++) {
    put(&line[0], 2 * i + 1);
    while (get(&line[0]) != (uint32_t)(2 * i + 2)) {}
  }
  double dt = now() - t0;
  pthread_join(t, 0);
  return dt / n * 1e9;
}

/** ns per round trip over a channel */
static double channelRtt(void) {
  pthread_t t; reset();
  pthread_create(&t, 0, channelPong, 0);
  end_t e = { 0, 0, 0, 0 };
  double t0 = now();
  for (long i = 0; i < n; i++) { send(&e, (uint32_t)i); recv(&e); }
  double dt = now() - t0;
  pthread_join(t, 0);
  return dt / n * 1e9;
}

/** messages per second one way */
static double stream(void) {
  pthread_t t; reset();
  pthread_create(&t, 0, receiver, 0);
  end_t e = { 0, 0, 0, 0 };
  double t0 = now();
  for (long i = 0; i < n; i++) send(&e, (uint32_t)i);
  void *r; pthread_join(t, &r);
  return n / (now() - t0);
}

static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

static double median(double (*f)(void), long count, int runs, int rel) {
  double v[MAX_RUNS];
  n = count; relaxed = rel;
  for (int r = 0; r < runs; r++) v[r] = f();
  qsort(v, runs, sizeof v[0], cmp);
  return v[runs / 2];
}

int main(int argc, char **argv) {
  long rtts = argc > 1 ? atol(argv[1]) : 200000, msgs = argc > 2 ? atol(argv[2]) : 5000000;
  int runs = argc > 3 ? atoi(argv[3]) : 5;
  if (runs < 1 || runs > MAX_RUNS) runs = 5;
  printf("{\"rtt_seqcst_ns\": %.1f, \"rtt_relacq_ns\": %.1f, ", median(lineRtt, rtts, runs, 0), median(lineRtt, rtts, runs, 1));
  printf("\"channel_rtt_seqcst_ns\": %.1f, \"channel_rtt_relacq_ns\": %.1f, ", median(channelRtt, rtts, runs, 0), median(channelRtt, rtts, runs, 1));
  printf("\"ring_seqcst_per_s\": %.0f, \"ring_relacq_per_s\": %.0f}\n", median(stream, msgs, runs, 0), median(stream, msgs, runs, 1));
  return 0;
}
