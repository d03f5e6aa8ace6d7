/**
 * The query palette's input while keys typed before it opened (taken back out of the editor) are
 * put in front of what is typed in it. The input's value is set from the extension host while the
 * user may still be typing: a key that reaches the input before the new value does is overwritten
 * there. VS Code reports the input's values in order and reports a value set by code once it has
 * reached the input, so every value before that one is a key typed before it. This keeps the query
 * as it was typed, whatever the input shows for a moment, and says when the input should show it.
 */
export class TypedAheadQuery {
  /** Keys typed before the input opened, in order (shown at the input's start or not yet). */
  private early = '';
  /** How many of `early` the input shows at its start. */
  private shownEarly = 0;
  /** Keys typed in the input itself. */
  private typed = '';
  /** The input's value at the start of this stretch of typing, and the keys typed in the input it stands for. */
  private base = { value: '', typed: '' };
  /** The last value the input reported. */
  private reported = '';
  /** A value set by code that has not reached the input yet; `replace`: it replaces the query (a suggestion chosen). */
  private pending: { value: string; replace: boolean } | undefined;

  /** The query as typed: the early keys first, then the input's. */
  query(): string {
    return this.early + this.typed;
  }

  /** Keys taken back out of the editor (typed after those before them, before any in the input). */
  addEarly(text: string): void {
    this.early += text;
  }

  /** Whether the input shows the query as it is (nothing to put in front, no key lost in it). */
  shown(): boolean {
    return this.pending === undefined && this.reported === this.query();
  }

  /** A value the input reported. */
  changed(value: string): void {
    this.reported = value;
    const pending = this.pending;
    if (pending) {
      if (!value.startsWith(pending.value)) {
        // typed before our value reached the input (which then overwrote it): still the old stretch,
        // unless our value replaced the query anyway
        if (!pending.replace) this.follow(value);
        return;
      }
      // our value reached the input: what follows it was typed after; keys typed just before it,
      // overwritten in the input, stay in the query (and the input shows them at the next chance;
      // after a replacement none were kept)
      this.pending = undefined;
      this.base = { value: pending.value, typed: this.typed };
    }
    this.follow(value);
  }

  private follow(value: string): void {
    if (value.startsWith(this.base.value)) {
      this.typed = this.base.typed + value.slice(this.base.value.length);
      return;
    }
    // an edit inside what the input showed (a deletion, a selection typed over)
    const front = this.early.slice(0, this.shownEarly);
    if (value.startsWith(front)) {
      this.typed = value.slice(front.length);
    } else {
      // the early keys shown were edited too: the input is the query, with any not shown yet in front
      this.early = this.early.slice(this.shownEarly);
      this.shownEarly = 0;
      this.typed = value;
    }
    this.base = { value, typed: this.typed };
  }

  /**
   * The value to set in the input so that it shows the query, or undefined when it does or a value
   * set before has not reached it yet (the next one is set once it has).
   */
  toShow(): string | undefined {
    if (this.pending || this.reported === this.query()) return undefined;
    const value = this.query();
    this.shownEarly = this.early.length;
    this.pending = { value, replace: false };
    return value;
  }

  /**
   * The input's value as the extension host has it: the last value reported or set. A value
   * that is neither the last reported nor ours was set by other code (another extension, a test):
   * it replaces the query, as one set here would.
   */
  sync(current: string): void {
    if (current !== this.reported && current !== this.pending?.value) this.replace(current);
  }

  /** The input is set to `value` as a new query (a suggestion or a correction chosen): the value to set. */
  replace(value: string): string {
    this.early = '';
    this.shownEarly = 0;
    this.typed = value;
    this.pending = { value, replace: true };
    return value;
  }
}
