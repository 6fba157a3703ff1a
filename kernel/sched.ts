// The CPU driver's main loop: event-driven and non-preemptible like Barrelfish's. It runs
// the dispatchers of this core round-robin, each for a time slice of simulated cycles, until
// the core's clock reaches the host's limit or nothing is runnable. Between slices it
// answers its doorbell: dispatchers blocked on channels are retried.
import { clock, count, coreBase, dcbAddr, setClock, timeslice } from "./core";
import { retryBlocked } from "./channel-calls";
import { current, finish, kill, rqCount, rqPop, rqPush, setCurrent, state } from "./dispatcher";
import { FAULT_BUDGET } from "./shared/faults";
import { CONTEXT_SWITCH_CYCLES } from "./shared/costs";
import {
  RUN_IDLE, RUN_LIMIT, STOP_EXIT, STOP_FAULT, STOP_LIMIT, STOP_SYS, STOP_TRACKED,
} from "./shared/kabi";
import {
  C_DOORBELL, C_LAST, C_SLICE_END, C_SWITCHES, DB_CHANNEL, DS_EXITED, DS_FAULTED, DS_RUNNABLE,
  D_BUDGET, D_CYCLES, D_PC, NO_SLOT,
} from "./shared/layout";
import { callFinished, syscall } from "./syscall";
import { takeDoorbell } from "./urpc";
import { userAccess } from "./vm";

/**
 * Runs dispatcher `d` until the core clock reaches `until` or it stops (STOP_*). Each ISA
 * provides one (kernel/interp/<isa>.ts).
 */
export type InterpretFn = (d: usize, until: u64) => i32;

/**
 * Runs dispatcher d like `interpret`, redoing alone any instruction that touched a shared
 * page (STOP_TRACKED) with the cost model watching, so the interpreters' fast path never has
 * to charge cache-line transfers.
 */
function step(d: usize, until: u64, interpret: InterpretFn): i32 {
  for (;;) {
    const stop = interpret(d, until);
    if (stop != STOP_TRACKED) return stop;
    userAccess(true);
    const one = interpret(d, clock() + 1); // exactly one instruction
    userAccess(false);
    if (one != STOP_LIMIT) return one;
    if (clock() >= until) return STOP_LIMIT;
  }
  return unreachable();
}

/** Answers the doorbell: retries the channel calls of blocked dispatchers. */
function answerDoorbell(): void {
  if ((atomic.load<u32>(coreBase + C_DOORBELL) & DB_CHANNEL) == 0) return;
  takeDoorbell(DB_CHANNEL);
  userAccess(true);
  retryBlocked(callFinished);
  userAccess(false);
}

/** Runs this core until its clock reaches `limit` (RUN_LIMIT) or it is idle (RUN_IDLE). */
export function runCore(limit: u64, interpret: InterpretFn): i32 {
  while (true) {
    answerDoorbell();
    let now = clock();
    if (now >= limit) return RUN_LIMIT;
    let slot = current();
    if (slot == NO_SLOT) {
      if (rqCount() == 0) return RUN_IDLE;
      slot = rqPop();
      setCurrent(slot);
      if (slot != load<u32>(coreBase + C_LAST)) {
        count(C_SWITCHES);
        now += CONTEXT_SWITCH_CYCLES;
        setClock(now);
        store<u32>(coreBase + C_LAST, slot);
      }
      store<u64>(coreBase + C_SLICE_END, now + timeslice());
    }
    const sliceEnd = load<u64>(coreBase + C_SLICE_END);
    const d = dcbAddr(slot);
    let until = min(limit, sliceEnd);
    // A cycle budget is enforced here, once per slice, by ending the slice where the budget
    // ends: the interpreters' inner loops never look at it.
    const budget = load<u64>(d + D_BUDGET);
    if (budget != 0) {
      const used = load<u64>(d + D_CYCLES);
      if (used >= budget) {
        kill(slot, FAULT_BUDGET, load<u32>(d + D_PC));
        continue;
      }
      until = min(until, clock() + (budget - used));
    }
    const stop = step(d, until, interpret);
    if (stop == STOP_LIMIT) {
      // slice over: the next runnable dispatcher's turn (or a new slice for this one)
      if (clock() >= sliceEnd) {
        if (rqCount() > 0) {
          rqPush(slot);
          setCurrent(NO_SLOT);
        } else {
          store<u64>(coreBase + C_SLICE_END, clock() + timeslice());
        }
      }
    } else if (stop == STOP_SYS) {
      syscall(slot);
    } else if (stop == STOP_EXIT) {
      finish(slot, DS_EXITED);
    } else if (stop == STOP_FAULT) {
      finish(slot, DS_FAULTED);
    }
  }
}

/**
 * Runs dispatcher `slot` alone, without serving system calls, until `until` or a stop: for
 * the debugger and the differential tests. Returns STOP_*, or -1 if it cannot run.
 */
export function debugRun(slot: u32, until: u64, interpret: InterpretFn): i32 {
  const d = dcbAddr(slot);
  if (state(d) != DS_RUNNABLE) return -1;
  return step(d, until, interpret);
}

/** Dispatchers on this core that can run now. */
export function runnableDispatchers(): u32 {
  return rqCount() + (current() != NO_SLOT ? 1 : 0);
}
