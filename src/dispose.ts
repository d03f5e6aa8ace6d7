// Ownership of disposables (the vscode-hexeditor `dispose.ts` pattern): an object registers what it
// creates and disposes all of it, once, when it is disposed itself.
import type * as vscode from 'vscode';

/** Disposes every item, continuing past failures (the first failure is rethrown afterwards). */
export function disposeAll(items: Iterable<vscode.Disposable>): void {
  let first: unknown;
  for (const item of items) {
    try {
      item.dispose();
    } catch (e) {
      first ??= e;
    }
  }
  if (first !== undefined) throw first;
}

export abstract class Disposable implements vscode.Disposable {
  private _isDisposed = false;
  private _disposables: vscode.Disposable[] = [];

  protected get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    const owned = this._disposables;
    this._disposables = [];
    disposeAll(owned.reverse());
  }

  /** Takes ownership of `value`: it is disposed with this object (at once if that already happened). */
  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this._isDisposed) value.dispose();
    else this._disposables.push(value);
    return value;
  }
}

/** A timer owned like any other disposable: disposing it cancels it. */
export function timeout(callback: () => void, ms: number): vscode.Disposable {
  const handle = setTimeout(callback, ms);
  return { dispose: () => clearTimeout(handle) };
}

/**
 * Disposables kept per key (a document, a panel): replacing or deleting a key disposes what it held,
 * so nothing outlives the thing it belongs to.
 */
export class DisposableMap<K> implements vscode.Disposable {
  private readonly items = new Map<K, vscode.Disposable>();

  set(key: K, value: vscode.Disposable): void {
    const old = this.items.get(key);
    this.items.set(key, value);
    if (old && old !== value) old.dispose();
  }

  has(key: K): boolean {
    return this.items.has(key);
  }

  delete(key: K): void {
    const old = this.items.get(key);
    this.items.delete(key);
    old?.dispose();
  }

  get size(): number {
    return this.items.size;
  }

  dispose(): void {
    const all = [...this.items.values()];
    this.items.clear();
    disposeAll(all);
  }
}
