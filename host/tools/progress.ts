// A progress bar for long runs (benchmarks, experiments): on stderr, only when it is a
// terminal, so piped and CI output stays clean.
import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal (and a no-op otherwise). */
export class Progress {
  private readonly bar?: cliProgress.SingleBar;
  constructor(total: number, label: string) {
    if (process.stderr.isTTY) {
      this.bar = new cliProgress.SingleBar({
        format: `${label} [{bar}] {value}/{total} {task}`, stream: process.stderr, clearOnComplete: true,
      }, cliProgress.Presets.shades_classic);
      this.bar.start(total, 0, { task: '' });
    }
  }
  tick(task: string): void {
    this.bar?.increment(1, { task });
  }
  stop(): void {
    this.bar?.stop();
  }
}
