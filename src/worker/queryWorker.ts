// Runs in a worker thread: reads JSON documents (from disk for files too big for the editor to
// hand over) and answers queries, so a 100 MB document never freezes the extension host.
import * as fs from 'fs';
import { parentPort } from 'worker_threads';
import { JmesPathError, JsonDocument, compile } from '../core/jmespath';
import { pathAtOffset } from '../core/json/paths';
import type { QueryAnswer, SerializedError, WorkerRequest, WorkerResponse } from '../shared/queryProtocol';

const MAX_DOCUMENTS = 4;
const documents = new Map<string, JsonDocument>();

function load(key: string, path: string | undefined, text: string | undefined): { chars: number; ms: number } {
  const t0 = performance.now();
  const source = text ?? fs.readFileSync(path!, 'utf8');
  const doc = JsonDocument.parse(source);
  documents.delete(key);
  documents.set(key, doc);
  while (documents.size > MAX_DOCUMENTS) documents.delete(documents.keys().next().value as string);
  return { chars: source.length, ms: performance.now() - t0 };
}

function documentFor(key: string): JsonDocument {
  const doc = documents.get(key);
  if (!doc) throw new JmesPathError('invalid-json', 'The document is not loaded.');
  return doc;
}

function query(req: Extract<WorkerRequest, { type: 'query' }>): QueryAnswer {
  const t0 = performance.now();
  const doc = documentFor(req.key);
  const ast = compile(req.expression);
  let value;
  let printed: string;
  let ranges: number[] = [];
  let computed = false;
  let anchor = 0;
  if (req.withSources) {
    const traced = doc.searchWithSources(ast, req.maxRanges);
    ({ value, text: printed, computed, anchor } = traced);
    ranges = traced.ranges.flat();
  } else {
    ({ value, text: printed } = doc.searchText(ast));
  }
  const truncated = printed.length > req.maxChars;
  return {
    text: truncated ? printed.slice(0, req.maxChars) : printed,
    truncated,
    count: Array.isArray(value) ? value.length : value === null ? 0 : 1,
    ranges,
    computed,
    anchor,
    ms: performance.now() - t0,
  };
}

function serialize(e: unknown): SerializedError {
  if (e instanceof JmesPathError) {
    return { kind: e.kind, message: e.message, column: e.column, line: e.line, jsonColumn: e.jsonColumn };
  }
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}

parentPort!.on('message', (req: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    switch (req.type) {
      case 'load':
        response = { type: 'ok', id: req.id, answer: load(req.key, req.path, req.text) };
        break;
      case 'query':
        response = { type: 'ok', id: req.id, answer: query(req) };
        break;
      case 'path': {
        const doc = documentFor(req.key);
        const map = doc.getSourceMap(); // first: it may re-read the document into new values
        const found = pathAtOffset(doc.value, map, req.offset);
        response = { type: 'ok', id: req.id, answer: found ?? null };
        break;
      }
      case 'unload':
        documents.delete(req.key);
        response = { type: 'ok', id: req.id, answer: null };
        break;
    }
  } catch (e) {
    response = { type: 'error', id: req.id, error: serialize(e) };
  }
  parentPort!.postMessage(response);
});
