// The native baseline for `wasmfish bench urpc`: the practical limit of the same two
// patterns on this host's CPUs — a ping-pong on one cache line, and a one-way ring of
// 64-byte slots with the URPC protocol (payload, then the header word; lazy credits) —
// with sequentially consistent and with release/acquire publishing.
// Built and run by bench/urpc.ts when a C compiler is present. Prints one JSON object.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SLOTS 32
typedef struct { _Alignas(64) uint32_t payload[15]; _Atomic uint32_t header; } slot_t;
static slot_t ring[SLOTS];
static _Alignas(64) _Atomic uint32_t ack;
static _Alignas(64) _Atomic uint32_t line[16];
static long n;
static int relaxed; // 1: release/acquire, 0: seq_cst

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static void put(_Atomic uint32_t *p, uint32_t v) { if (relaxed) atomic_store_explicit(p, v, memory_order_release); else atomic_store(p, v); }
static uint32_t get(_Atomic uint32_t *p) { return relaxed ? atomic_load_explicit(p, memory_order_acquire) : atomic_load(p); }

static void *pong(void *_) {
  for (long i = 0; i < n; i++) {
    while (get(&line[0]) != (uint32_t)(2 * i + 1)) {}
    put(&line[0], 2 * i + 2);
  }
  return 0;
}

static void *receiver(void *_) {
  uint32_t sum = 0;
  for (long i = 0; i < n; i++) {
    slot_t *s = &ring[i % SLOTS];
    while (get(&s->header) != (uint32_t)(i + 1)) {}
    sum += s->payload[0];
    if ((i + 1) % (SLOTS / 2) == 0) put(&ack, i + 1);
  }
  return (void *)(uintptr_t)sum;
}

static double pingpong(void) {
  pthread_t t; atomic_store(&line[0], 0);
  pthread_create(&t, 0, pong, 0);
  double t0 = now();
  for (long i = 0; i < n; i++) {
    put(&line[0], 2 * i + 1);
    while (get(&line[0]) != (uint32_t)(2 * i + 2)) {}
  }
  double dt = now() - t0;
  pthread_join(t, 0);
  return dt / n * 1e9;
}

static double stream(void) {
  pthread_t t; atomic_store(&ack, 0);
  for (int k = 0; k < SLOTS; k++) atomic_store(&ring[k].header, 0);
  pthread_create(&t, 0, receiver, 0);
  double t0 = now();
  uint32_t acked = 0;
  for (long i = 0; i < n; i++) {
    while (i - acked >= SLOTS) acked = get(&ack);
    slot_t *s = &ring[i % SLOTS];
    s->payload[0] = (uint32_t)i;
    put(&s->header, (uint32_t)(i + 1));
  }
  void *r; pthread_join(t, &r);
  return n / (now() - t0);
}

int main(int argc, char **argv) {
  long rtts = argc > 1 ? atol(argv[1]) : 200000, msgs = argc > 2 ? atol(argv[2]) : 5000000;
  n = rtts; relaxed = 0; double rtt_sc = pingpong();
  relaxed = 1; double rtt_ra = pingpong();
  n = msgs; relaxed = 0; double ring_sc = stream();
  relaxed = 1; double ring_ra = stream();
  printf("{\"rtt_seqcst_ns\": %.1f, \"rtt_relacq_ns\": %.1f, \"ring_seqcst_per_s\": %.0f, \"ring_relacq_per_s\": %.0f}\n", rtt_sc, rtt_ra, ring_sc, ring_ra);
  return 0;
}
