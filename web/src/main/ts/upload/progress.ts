/** Bytes sent over time: the fraction done, the speed over the last few seconds and the time left. */
export interface ProgressSnapshot {
  loaded: number;
  total: number;
  fraction: number;
  bytesPerSecond: number | null;
  secondsLeft: number | null;
}

const WINDOW_MS = 3000;

export class ProgressMeter {
  private readonly samples: { at: number; loaded: number }[] = [];
  private loaded = 0;

  constructor(private readonly total: number, private readonly now: () => number = () => performance.now()) {
    this.samples.push({ at: now(), loaded: 0 });
  }

  update(loaded: number): ProgressSnapshot {
    this.loaded = Math.min(Math.max(loaded, 0), this.total);
    const at = this.now();
    this.samples.push({ at, loaded: this.loaded });
    while (this.samples.length > 2 && at - this.samples[1].at > WINDOW_MS) {
      this.samples.shift();
    }
    return this.snapshot();
  }

  snapshot(): ProgressSnapshot {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const elapsed = (last.at - first.at) / 1000;
    const bytesPerSecond = elapsed > 0.2 ? Math.max(0, (last.loaded - first.loaded) / elapsed) : null;
    const left = this.total - this.loaded;
    return {
      loaded: this.loaded,
      total: this.total,
      fraction: this.total === 0 ? 1 : this.loaded / this.total,
      bytesPerSecond,
      secondsLeft: bytesPerSecond ? left / bytesPerSecond : null,
    };
  }
}
