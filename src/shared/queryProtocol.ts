// Messages between the extension host and the query worker (which reads and queries documents
// off the host's main thread). Imported with `import type` on both sides.
import type { QueryAnswer, SerializedError } from '../core/query/answerQuery';
import type { PathSegment } from '../core/json/paths';
import type { OutputOptions } from '../core/output';

export type { QueryAnswer, SerializedError };

export type WorkerRequest =
  /** `path`: read from disk (size-checked first); `bytes`: read elsewhere (must be UTF-8); `text`: an open document. */
  | { type: 'load'; id: number; key: string; path?: string; text?: string; bytes?: Uint8Array }
  | { type: 'query'; id: number; key: string; expression: string; withSources: boolean; maxChars: number; maxRanges: number; output?: OutputOptions }
  | { type: 'path'; id: number; key: string; offset: number }
  | { type: 'unload'; id: number; key: string };

export interface LoadAnswer {
  chars: number;
  ms: number;
}

export interface PathAnswer {
  path: PathSegment[];
  range: [number, number];
}

export type WorkerResponse =
  | { type: 'ok'; id: number; answer: QueryAnswer | LoadAnswer | PathAnswer | null }
  | { type: 'error'; id: number; error: SerializedError };
