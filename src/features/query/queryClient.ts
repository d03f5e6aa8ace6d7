// The extension host's side of the query worker: one worker, request/response by id, cancellable
// (cancelling a long read terminates the worker; the next request starts a fresh one).
import * as path from 'path';
import type * as vscode from 'vscode';
import { Worker } from 'worker_threads';
import type { OutputOptions } from '../../core/output';
import type {
  LoadAnswer, PathAnswer, QueryAnswer, SerializedError, WorkerRequest, WorkerResponse,
} from '../../shared/queryProtocol';

export class QueryError extends Error {
  constructor(readonly detail: SerializedError) {
    super(detail.message);
  }
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
  }
}

/** Documents the worker keeps at once (each can be hundreds of MB of parsed values). */
const MAX_DOCUMENTS = 4;

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class QueryClient implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /**
   * Keys the current worker holds, least recently used first. This side owns the list: it tells the
   * worker what to drop, so the two never disagree about what is loaded.
   */
  private loaded = new Set<string>();

  constructor(private readonly distDir: string, private readonly maxDocuments = MAX_DOCUMENTS) {}

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(this.distDir, 'queryWorker.js'));
    worker.on('message', (msg: WorkerResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.type === 'ok') p.resolve(msg.answer);
      else p.reject(new QueryError(msg.error));
    });
    const fail = (e: unknown) => this.reset(e instanceof Error ? e : new Error(String(e)));
    worker.on('error', fail);
    worker.on('exit', (code) => { if (this.worker === worker) fail(new Error(`query worker exited (${code})`)); });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private reset(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    this.loaded.clear();
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
    void worker?.terminate();
  }

  private request<T>(req: DistributiveOmit<WorkerRequest, 'id'>, signal?: AbortSignal): Promise<T> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      signal?.addEventListener('abort', () => this.reset(new CancelledError()), { once: true });
      worker.postMessage({ ...req, id } as WorkerRequest);
    });
  }

  isLoaded(key: string): boolean {
    return this.loaded.has(key);
  }

  /** Keys the worker holds, least recently used first (for tests and diagnostics). */
  get loadedKeys(): string[] {
    return [...this.loaded];
  }

  async load(key: string, source: { path: string } | { text: string }, signal?: AbortSignal): Promise<LoadAnswer> {
    const answer = await this.request<LoadAnswer>({ type: 'load', key, ...source }, signal);
    this.touch(key);
    for (const old of this.loaded) {
      if (this.loaded.size <= this.maxDocuments) break;
      if (old !== key) this.unload(old);
    }
    return answer;
  }

  query(key: string, expression: string, options: { withSources: boolean; maxChars: number; maxRanges: number; output?: OutputOptions }): Promise<QueryAnswer> {
    this.touch(key);
    return this.request<QueryAnswer>({ type: 'query', key, expression, ...options });
  }

  pathAt(key: string, offset: number): Promise<PathAnswer | null> {
    this.touch(key);
    return this.request<PathAnswer | null>({ type: 'path', key, offset });
  }

  unload(key: string): void {
    if (!this.loaded.delete(key) || !this.worker) return;
    void this.request({ type: 'unload', key }).catch(() => undefined);
  }

  /** The worker said it does not hold `key` (e.g. it was restarted): stop believing it does. */
  forget(key: string): void {
    this.loaded.delete(key);
  }

  private touch(key: string): void {
    if (!this.loaded.delete(key)) return;
    this.loaded.add(key);
  }

  dispose(): void {
    this.reset(new CancelledError());
  }
}
