// The console device, kernel side: system calls format text into this core's console buffer
// and hand it to the host (host/hardware/console.ts), which prints it per core.
import { coreBase } from "./core";
import { hostConsole } from "./host";
import { CONSOLE_SIZE, C_CONSOLE } from "./shared/layout";
import { readable, trRead } from "./vm";

/** Longest string one print_str call may print (longer: bad argument). */
export const MAX_PRINT: u32 = 1 << 20;

/** Prints v in decimal and a newline. */
export function printInt(slot: u32, v: i32): void {
  const buf = coreBase + C_CONSOLE;
  let u: u32 = v < 0 ? <u32>(-v) : <u32>v; // -(-2^31) wraps to 2^31 as u32: correct
  // digits backwards into the end of a 12-byte scratch area, then move them to the front
  let at: u32 = 11;
  store<u8>(buf + at, 10); // '\n'
  do {
    at--;
    store<u8>(buf + at, <u8>(48 + u % 10));
    u /= 10;
  } while (u != 0);
  if (v < 0) {
    at--;
    store<u8>(buf + at, 45); // '-'
  }
  const len = 12 - at;
  memory.copy(buf, buf + at, len);
  hostConsole(slot, len);
}

export function putc(slot: u32, c: u32): void {
  store<u8>(coreBase + C_CONSOLE, <u8>c);
  hostConsole(slot, 1);
}

/** Prints len bytes at va; false (nothing printed) if any byte is unreadable or len too big. */
export function printStr(slot: u32, va: u32, len: u32): bool {
  if (len > MAX_PRINT || !readable(va, len)) return false;
  const buf = coreBase + C_CONSOLE;
  let done: u32 = 0;
  while (done < len) {
    const n = min(len - done, CONSOLE_SIZE);
    for (let i: u32 = 0; i < n; i++) store<u8>(buf + i, load<u8>(trRead(va + done + i)));
    hostConsole(slot, n);
    done += n;
  }
  return true;
}
