// Instantiates kernel modules on a shared memory from a worker thread, then reports back:
// the "instantiating a core never disturbs running cores" test runs this.
import { parentPort, workerData } from 'node:worker_threads';

const noop = () => 0;
for (const module of workerData.modules) {
  new WebAssembly.Instance(module, {
    env: { memory: workerData.memory, host_console: noop, host_event: noop, host_syscall: noop, host_wake: noop, host_time: noop },
  });
}
parentPort.postMessage('instantiated');
