import type { ProgressSnapshot } from '../upload/progress';
import { h } from './dom';
import { formatBytes, formatDuration, formatSpeed } from './format';

/** A labelled progress bar with bytes, speed and time left in words, hidden until an upload runs. */
export class ProgressView {
  readonly element: HTMLElement;
  private readonly bar: HTMLProgressElement;
  private readonly text: HTMLElement;

  constructor(ids: { bar: string; label: string; text: string }) {
    this.bar = h('progress', { id: ids.bar, max: 100, value: 0, 'aria-labelledby': ids.label });
    this.text = h('p', { id: ids.text, class: 'progress-text' });
    this.element = h('div', { class: 'progress', hidden: true }, h('p', { id: ids.label }, 'Upload progress'), this.bar,
      this.text);
  }

  set hidden(hidden: boolean) {
    this.element.hidden = hidden;
  }

  /** How far it is; `detail` follows the numbers (the way the file is sent). */
  show(progress: ProgressSnapshot, detail?: string): void {
    this.fraction(progress.fraction);
    const left = progress.secondsLeft === null ? '' : ` · about ${formatDuration(progress.secondsLeft * 1000)} left`;
    this.text.textContent = `${formatBytes(progress.loaded)} of ${formatBytes(progress.total)} · `
      + `${formatSpeed(progress.bytesPerSecond)}${left}${detail ? ` · ${detail}` : ''}`;
  }

  /** A step before the bytes flow (registering the upload). */
  say(text: string, progress: ProgressSnapshot): void {
    this.fraction(progress.fraction);
    this.text.textContent = text;
  }

  private fraction(fraction: number): void {
    const percent = Math.round(fraction * 100);
    this.bar.value = percent;
    this.bar.setAttribute('aria-valuetext', `${percent} percent`);
  }
}
