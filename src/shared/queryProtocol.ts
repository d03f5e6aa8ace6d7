// Messages between the extension host and the query worker (which reads and queries documents
// off the host's main thread). Imported with `import type` on both sides.
import type { ErrorKind } from '../core/jmespath/errors';
import type { PathSegment } from '../core/json/paths';

export interface SerializedError {
  kind: ErrorKind | 'internal';
  message: string;
  /** 0-based code-point column of a syntax error. */
  column?: number;
  /** 1-based position of invalid JSON. */
  line?: number;
  jsonColumn?: number;
}

export type WorkerRequest =
  | { type: 'load'; id: number; key: string; path?: string; text?: string }
  | { type: 'query'; id: number; key: string; expression: string; withSources: boolean; maxChars: number; maxRanges: number }
  | { type: 'path'; id: number; key: string; offset: number }
  | { type: 'unload'; id: number; key: string };

export interface QueryAnswer {
  /** What `aws --output json` prints, cut at maxChars. */
  text: string;
  truncated: boolean;
  /** Number of values in the result: its length for a list, 0 for null, else 1. */
  count: number;
  /** Flat [start, end, start, end, ...] document offsets of the values the result is made of. */
  ranges: number[];
  /** The result (or part of it) was computed, not taken from the document. */
  computed: boolean;
  /** Offset where a computed result belongs in the document (with sources only). */
  anchor: number;
  ms: number;
}

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
