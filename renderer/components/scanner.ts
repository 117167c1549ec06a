/**
 * Tells a USB scanner (a keyboard wedge: the code's characters a few milliseconds apart, then Enter) from a person
 * typing, by key timing alone, so the packing station needs no focused field and no mouse.
 *
 * Every plain printable key is held back for a moment: keys that keep coming faster than `maxGapMs` and end in Enter
 * are a scan; anything slower is typing and is handed back (into the field that had focus, or to `onTyped`). The wait
 * is one gap (~30 ms), which nobody notices while typing.
 */

export interface WedgeOptions {
  /** Longest pause between two characters of one scan. */
  maxGapMs?: number;
  /** Longest pause between the last character and Enter. */
  enterGapMs?: number;
  /** Shorter bursts are typing (a fast "ok⏎"), not a code. */
  minLength?: number;
}

export interface WedgeKey {
  key: string;
  /** Milliseconds on any monotonic clock (the DOM event's `timeStamp`). */
  time: number;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a code. */
  modified?: boolean;
}

export type WedgeDecision =
  /** Not ours: let the key do what it does. `release` (typing held back until now) goes first. */
  | { kind: 'pass'; release: string }
  /** Held: the key may be part of a scan. */
  | { kind: 'hold'; release: string }
  /** A complete scan: swallow this Enter. */
  | { kind: 'scan'; code: string };

const DEFAULTS = { maxGapMs: 30, enterGapMs: 80, minLength: 4 };

export class WedgeDetector {
  private readonly opts: Required<WedgeOptions>;
  private held = '';
  private lastTime = Number.NEGATIVE_INFINITY;

  constructor(opts: WedgeOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Characters held and not yet decided. */
  get pending(): string {
    return this.held;
  }

  key(k: WedgeKey): WedgeDecision {
    const gap = k.time - this.lastTime;
    if (k.key === 'Enter' && !k.modified) {
      const code = this.held;
      this.reset();
      if (code.length >= this.opts.minLength && gap <= this.opts.enterGapMs) return { kind: 'scan', code };
      return { kind: 'pass', release: code };
    }
    if (k.key.length !== 1 || k.modified) {
      // Shift, arrows, Backspace: the held characters were typed, so they come back before this key acts.
      const release = this.held;
      this.reset();
      return { kind: 'pass', release };
    }
    // A pause longer than a scanner's ends whatever was held: it was typing.
    const release = gap > this.opts.maxGapMs ? this.held : '';
    if (release) this.held = '';
    this.held += k.key;
    this.lastTime = k.time;
    return { kind: 'hold', release };
  }

  /**
   * Called by a timer after the last key: once a scanner's gap has passed with no Enter, what is held was typed.
   * Returns it (empty while a burst may still be going on).
   */
  idle(time: number): string {
    if (this.held === '' || time - this.lastTime <= this.opts.maxGapMs) return '';
    const release = this.held;
    this.reset();
    return release;
  }

  private reset() {
    this.held = '';
    this.lastTime = Number.NEGATIVE_INFINITY;
  }
}

export interface ScannerHandlers {
  onScan(code: string): void;
  /** Slow keys typed while no text field had focus (the packing screen reads digits as the parcel's weight). */
  onTyped?(text: string): void;
}

const isEditable = (el: EventTarget | null): el is HTMLInputElement | HTMLTextAreaElement | HTMLElement =>
  el instanceof HTMLElement && (el.isContentEditable || el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(el.type)));

/** Puts typing that was held back into the field it was meant for, as if typed (React sees a normal input event). */
function giveBack(target: EventTarget | null, text: string, onTyped?: (text: string) => void) {
  if (text === '') return;
  if (isEditable(target) && target === document.activeElement) {
    // execCommand is the one way to insert text that keeps the caret, undo and React's onChange all correct.
    if (!document.execCommand('insertText', false, text) && (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) target.setRangeText(text, target.selectionStart ?? target.value.length, target.selectionEnd ?? target.value.length, 'end');
    return;
  }
  if (!isEditable(target)) onTyped?.(text);
}

/**
 * Listens on the whole window (capture phase, before any field) while mounted. Returns the function that stops it.
 * Options are per station; the defaults suit common 1D scanners in keyboard mode.
 */
export function listenForScans(handlers: ScannerHandlers, opts: WedgeOptions = {}): () => void {
  const detector = new WedgeDetector(opts);
  let heldFor: EventTarget | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const gap = opts.maxGapMs ?? DEFAULTS.maxGapMs;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    const decision = detector.key({ key: e.key, time: e.timeStamp, modified: e.ctrlKey || e.altKey || e.metaKey });
    if (decision.kind === 'scan') {
      e.preventDefault();
      e.stopPropagation();
      heldFor = null;
      handlers.onScan(decision.code);
      return;
    }
    giveBack(heldFor, decision.release, handlers.onTyped);
    if (decision.kind === 'hold') {
      e.preventDefault();
      heldFor = e.target;
      if (timer) clearTimeout(timer);
      const stamp = e.timeStamp;
      // Generous on purpose: a busy page may run this timer before key events already queued behind it.
      timer = setTimeout(() => giveBack(heldFor, detector.idle(stamp + gap + 1), handlers.onTyped), Math.max(150, 5 * gap));
    }
  };
  window.addEventListener('keydown', onKeyDown, true);
  return () => {
    window.removeEventListener('keydown', onKeyDown, true);
    if (timer) clearTimeout(timer);
  };
}
