// What a query is analysed against, and the text helpers every part of the analysis shares.
import type { ShapeTree } from '../../aws/model';
import type { JsonValue } from '../../json/values';
import type { Node } from '../parser';

export type DataSource =
  /** A JSON document (a query file's bound JSON, the palette's source). */
  | { kind: 'json'; root: JsonValue }
  /** An AWS operation's output shape (a `--query` in a script). */
  | { kind: 'shape'; tree: ShapeTree; label: string; enums?: readonly (readonly string[])[] }
  /** Nothing known (a `jmespath.search` string in Python): functions and syntax only. */
  | { kind: 'none' };

export type FieldNode = Node & { type: 'field' };

/** The field a comparison operand ends in (`State.Name`: `Name`), whose shape says what it holds. */
export function lastField(node: Node): FieldNode | undefined {
  if (node.type === 'field') return node;
  if (node.type === 'subexpression') return lastField(node.children[node.children.length - 1]);
  return undefined;
}

/** UTF-16 offset of a code-point column (the lexer counts code points, as jmespath.py does). */
export function utf16Offset(text: string, codePoints: number): number {
  let offset = 0;
  for (let i = 0; i < codePoints && offset < text.length; i++) offset += text.codePointAt(offset)! > 0xffff ? 2 : 1;
  return offset;
}

/** Code-point column of a UTF-16 offset. */
export function codePointColumn(text: string, offset: number): number {
  let column = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset) i++;
    column++;
  }
  return column;
}

/** A raw string literal for `value` (`'running'`), or a JSON literal when a raw one cannot hold it. */
export function stringLiteral(value: string): string {
  if (!/\\('|$)/.test(value)) return `'${value.replace(/'/g, "\\'")}'`;
  return `\`${JSON.stringify(value).replace(/`/g, '\\`')}\``;
}
