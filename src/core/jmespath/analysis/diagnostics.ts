// Lints that catch queries which run but silently answer nothing: a double-quoted name compared
// as if it were a string, a backtick literal that is not JSON, a field that exists nowhere at that
// point (against the data, or the AWS output shape), a string compared with an AWS enum field that
// is none of its values. Syntax errors are reported elsewhere.
import { analyzeQuery } from '../../aws/queryCheck';
import { enumValues, isStructure, listValues, suggestAll } from '../../aws/model';
import { closestKey, keysThere } from '../../query/emptyResult';
import { parseJson } from '../../json/parse';
import { isObject, objectKeys } from '../../json/values';
import { Token, tokenize } from '../lexer';
import { Node, parseWithSpans } from '../parser';
import { FUNCTION_DOCS } from './functionDocs';
import { childrenOf, probe } from './probe';
import { DataSource, FieldNode, lastField, stringLiteral, utf16Offset } from './source';

export type LintCode = 'quoted-name' | 'backtick-literal' | 'unknown-field' | 'unknown-value' | 'not-an-object' | 'filter-on-element';

export interface QueryDiagnostic {
  /** UTF-16 range in the query. */
  start: number;
  end: number;
  message: string;
  code: LintCode;
  /** Replacement for [start, end) that fixes it. */
  fix?: { text: string; title: string };
  /** Other replacements as likely (`'gp9'`: `'gp2'` is the fix, `'gp3'` another). */
  otherFixes?: { text: string; title: string }[];
  /** For quoted-name: the string the user meant (scripts re-quote around it). */
  meant?: string;
}

export function diagnose(query: string, data: DataSource): QueryDiagnostic[] {
  let parsed: ReturnType<typeof parseWithSpans>;
  let tokens: Token[];
  try {
    parsed = parseWithSpans(query);
    tokens = tokenize(query);
  } catch {
    return []; // syntax errors are reported by the syntax check
  }
  const out: QueryDiagnostic[] = [...backtickLiterals(query, tokens)];
  const operands = comparatorOperands(parsed.ast);
  const chars = Array.from(query);
  const quoted = (n: FieldNode): boolean => chars[n.start] === '"';
  const rangeOf = (n: FieldNode): [number, number] => {
    const span = parsed.spans.get(n);
    const end = span ? span[1] : n.start + n.name.length;
    return [utf16Offset(query, n.start), utf16Offset(query, end)];
  };
  /** `where`: the one thing that lacks the field, or how many objects all lack it. */
  const quotedNameProblem = (n: FieldNode, where: string | number): QueryDiagnostic => {
    const [start, end] = rangeOf(n);
    const literal = stringLiteral(n.name);
    const lacking = typeof where === 'number' ? `none of the ${where} objects here has a field ${n.name}` : `${where} has no field ${n.name}`;
    return {
      start, end, code: 'quoted-name', meant: n.name,
      message: `${query.slice(start, end)} is a field name (double quotes name fields), and ${lacking}: ` +
        `this compares with null${operands.get(n) ? ', so the filter matches nothing' : ''}. For the string, write ${literal}.`,
      fix: { text: literal, title: `Change to ${literal}` },
    };
  };

  /**
   * A field read on a list or a scalar, always null (`Tags.Key`, `Reservations.Instances`): from the
   * `.` before it, with `[].Key` as the fix on a list (trial 18: the commonest silent null went unsaid).
   */
  const notAnObject = (n: FieldNode, kinds: string[], label?: string): QueryDiagnostic => {
    const [fieldStart, end] = rangeOf(n);
    let dot = n.start - 1;
    while (dot >= 0 && /\s/.test(chars[dot])) dot--;
    const start = chars[dot] === '.' ? utf16Offset(query, dot) : fieldStart;
    const name = query.slice(fieldStart, end);
    // (in a comparison `[].Key` would compare a list: no advice there)
    // a function's name without its parentheses: the call is the advice, not `[].length` (trial 19)
    const fn = FUNCTION_DOCS.has(n.name) && chars[n.start] !== '"' ? ` A function is called with parentheses: ${n.name}(@).` : '';
    const onList = kinds.length === 1 && kinds[0] === 'list' && !inComparison.has(n) && !fn;
    return {
      start, end, code: 'not-an-object',
      message: `${n.name} is read on ${kinds.map((k) => `a ${k}`).join(' or ')}${label ? ` (${label})` : ''}, which has no fields: the query gives null there.` +
        (onList ? ` For the ${n.name} of each element, write [].${name}.` : '') + fn,
      fix: onList ? { text: `[].${name}`, title: `Change to [].${name}` } : undefined,
    };
  };
  const inComparison = fieldsCompared(parsed.ast);

  if (data.kind === 'json') {
    const elementFilters = filtersOnElements(parsed.ast);
    const result = probe(parsed.ast, data.root, { fieldStats: true, watch: elementFilters, limit: 50 });
    // a probe stopped part way saw some objects only: a field it missed may be in the rest
    const stopped = result.errors.some((e) => e.error.kind === 'limit-exceeded');
    for (const f of stopped ? [] : elementFilters) {
      // `Instances[][?State.Name=='running']`: the projection goes on after `[]`, so the filter is
      // given each instance, and a filter of anything but a list is null (trial 26: silently empty)
      const given = result.records.get(f)!.inputs.filter((v) => v !== null);
      if (given.length === 0 || given.some(Array.isArray)) continue;
      const span = parsed.spans.get(f)!;
      const close = parsed.spans.get(f.condition)![1];
      let end = close;
      while (end < chars.length && chars[end] !== ']') end++;
      const [start, stop] = [utf16Offset(query, span[0]), utf16Offset(query, Math.min(end + 1, chars.length))];
      const filter = query.slice(start, stop);
      const kind = isObject(given[0]) ? 'an object' : 'a single value';
      out.push({
        start, end: stop, code: 'filter-on-element',
        message: `${filter} is given ${kind} (each element of the projection before it), not a list: a filter of anything but a list gives null, so nothing passes. ` +
          `To filter the list itself, end the projection with a pipe first: | ${filter}.`,
        fix: { text: `${chars[span[0] - 1] === ' ' ? '' : ' '}| ${filter}`, title: `Change to | ${filter}` },
      });
    }
    for (const [node, stats] of stopped ? [] : result.fieldStats) {
      const field = node as FieldNode;
      if (stats.objects === 0 && stats.notObjects.size > 0 && !stats.notObjects.has('value')) {
        out.push(notAnObject(field, [...stats.notObjects].sort()));
        continue;
      }
      if (stats.objects === 0 || stats.hits > 0) continue; // not reached, or there somewhere: fine
      const objects = `${stats.objects === 1 ? 'the object' : `any of the ${stats.objects} objects`} here`;
      if (operands.has(field) && quoted(field)) {
        out.push(quotedNameProblem(field, stats.objects === 1 ? 'the object here' : stats.objects));
        continue;
      }
      const known = new Set<string>();
      for (const m of stats.misses) if (isObject(m)) for (const k of objectKeys(m)) known.add(k);
      const suggestion = closestKey(field.name, known); // (as a run's "the result is empty" hint says it)
      const [start, end] = rangeOf(field);
      out.push({
        start, end, code: 'unknown-field',
        // what it has, as a run's "the result is empty" hint says it (trial 14: only that one did)
        message: `${field.name} is not a field of ${objects}${suggestion ? `; did you mean ${suggestion}?` : `${keysThere([...known], stats.objects > 1)}.`} (the query gives null there)`,
        fix: suggestion ? changeTo(formatName(suggestion, quoted(field))) : undefined,
      });
    }
  } else if (data.kind === 'shape') {
    const compared = comparedStrings(parsed.ast);
    const fieldAt = new Map<number, FieldNode>();
    const problems = analyzeQuery(parsed.ast, data.tree, query, data.label, (node, shape, label) => {
      fieldAt.set(node.start, node);
      const literal = compared.get(node);
      if (literal && isStructure(shape)) {
        const values = enumValues(shape[node.name], data.enums);
        const value = (literal.node as { value: string }).value;
        if (values && !values.includes(value)) {
          const span = parsed.spans.get(literal.node)!;
          const [start, end] = [utf16Offset(query, span[0]), utf16Offset(query, span[1])];
          const fixes = suggestAll(value, values).map((meant) => ({ text: stringLiteral(meant), title: `Change to ${stringLiteral(meant)}` }));
          out.push({
            start, end, code: 'unknown-value',
            message: `${query.slice(start, end)} is not a value of ${node.name} in ${data.label} (${listValues(values, 12)}): ` +
              `this comparison is never ${literal.equal ? 'true' : 'false'}${fixes.length ? `. Did you mean ${fixes.map((f) => f.text).join(' or ')}?` : '.'}`,
            fix: fixes[0],
            ...(fixes.length > 1 ? { otherFixes: fixes.slice(1) } : {}),
          });
        }
      }
      if (!operands.has(node) || !quoted(node) || !isStructure(shape) || node.name in shape) return;
      out.push(quotedNameProblem(node, label));
    }).problems;
    for (const p of problems) {
      if (out.some((d) => d.code === 'quoted-name' && d.start === utf16Offset(query, p.start))) continue;
      const field = fieldAt.get(p.start);
      if (p.on && field) {
        out.push(notAnObject(field, [p.on], p.parent));
        continue;
      }
      out.push({
        start: utf16Offset(query, p.start), end: utf16Offset(query, p.end), code: 'unknown-field', message: p.message,
        fix: p.suggestion ? changeTo(formatName(p.suggestion, chars[p.start] === '"')) : undefined,
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A fix titled with the text it puts in (`Change to "my-key"`: trial 18 saw the title without the quotes it added). */
function changeTo(text: string): { text: string; title: string } {
  return { text, title: `Change to ${text}` };
}

function formatName(name: string, quoted: boolean): string {
  return quoted || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? JSON.stringify(name) : name;
}

/** Every field node inside a comparison's operands (`tags.Key == 'a'`: tags and Key). */
function fieldsCompared(ast: Node): Set<Node> {
  const out = new Set<Node>();
  const visit = (node: Node, inComparison: boolean): void => {
    if (node.type === 'field' && inComparison) out.add(node);
    const comparison = inComparison || node.type === 'comparator';
    for (const child of childrenOf(node)) visit(child, comparison);
  };
  visit(ast, false);
  return out;
}

/** Filters applied to each element of a projection (`Instances[][?...]`): their input is an element, not the list. */
function filtersOnElements(ast: Node): Extract<Node, { type: 'filter_projection' }>[] {
  const out: Extract<Node, { type: 'filter_projection' }>[] = [];
  const visit = (node: Node, inProjectionRhs: boolean): void => {
    if (node.type === 'filter_projection' && inProjectionRhs && node.left.type === 'identity') out.push(node);
    if (node.type === 'projection' || node.type === 'value_projection' || node.type === 'filter_projection') {
      visit(node.left, inProjectionRhs);
      if (node.type === 'filter_projection') visit(node.condition, false);
      visit(node.right, true);
      return;
    }
    for (const child of childrenOf(node)) visit(child, false);
  };
  visit(ast, false);
  return out;
}

/** Field nodes compared directly (`State.Name == "running"`: the `"running"`), mapped to whether a filter holds them. */
function comparatorOperands(ast: Node): Map<FieldNode, boolean> {
  const out = new Map<FieldNode, boolean>();
  const visit = (node: Node, inFilter: boolean): void => {
    if (node.type === 'comparator') {
      for (const side of [node.left, node.right]) if (side.type === 'field') out.set(side, inFilter);
    }
    if (node.type === 'filter_projection') {
      visit(node.left, inFilter);
      visit(node.condition, true);
      visit(node.right, inFilter);
      return;
    }
    for (const child of childrenOf(node)) visit(child, inFilter);
  };
  visit(ast, false);
  return out;
}

/** Fields compared for (in)equality with a string literal (`State.Name == 'running'`: `Name`), with that literal. */
function comparedStrings(ast: Node): Map<Node, { node: Node; equal: boolean }> {
  const out = new Map<Node, { node: Node; equal: boolean }>();
  const visit = (node: Node): void => {
    if (node.type === 'comparator' && (node.op === 'eq' || node.op === 'ne')) {
      for (const [side, other] of [[node.left, node.right], [node.right, node.left]]) {
        const field = lastField(side);
        if (field && other.type === 'literal' && typeof other.value === 'string') out.set(field, { node: other, equal: node.op === 'eq' });
      }
    }
    for (const child of childrenOf(node)) visit(child);
  };
  visit(ast);
  return out;
}

/** `` `2017-01-01` `` is not JSON: jmespath.py reads it as a string in a deprecated form. */
function backtickLiterals(query: string, tokens: Token[]): QueryDiagnostic[] {
  const out: QueryDiagnostic[] = [];
  const chars = Array.from(query);
  for (const t of tokens) {
    if (t.type !== 'literal' || chars[t.start] !== '`' || typeof t.value !== 'string') continue;
    const body = chars.slice(t.start + 1, t.end - 1).join('').replace(/\\`/g, '`');
    try {
      parseJson(body, { pythonLiterals: true });
      continue; // valid JSON
    } catch {
      // the legacy form: the text is read as a string
    }
    const start = utf16Offset(query, t.start);
    const end = utf16Offset(query, t.end);
    const literal = stringLiteral(t.value);
    out.push({
      start, end, code: 'backtick-literal',
      message: `${query.slice(start, end)} is not valid JSON; jmespath.py (what aws --query runs) reads it as the string ${JSON.stringify(t.value)} in a deprecated form. Write ${literal}.`,
      fix: { text: literal, title: `Change to ${literal}` },
    });
  }
  return out;
}
