// A `.jmespath` query file holds several queries separated by blank lines; a query may span lines.
// Lines starting with `#` are comments (JMESPath has none, so they cannot clash with a query).

export interface QueryBlock {
  /** The query text, comment lines removed, lines joined with newlines (JMESPath ignores them). */
  text: string;
  /** Offset of the block's first character in the file, and of the end of its last line. */
  start: number;
  end: number;
  /** 0-based line numbers of the block's first and last lines. */
  startLine: number;
  endLine: number;
  /** For mapping an error column in `text` back to an offset in the file. */
  lineOffsets: { textOffset: number; fileOffset: number }[];
}

export function splitQueries(source: string): QueryBlock[] {
  const blocks: QueryBlock[] = [];
  const lines = source.split(/\r?\n/);
  let offset = 0;
  let current: QueryBlock | undefined;
  const newlineLength = source.includes('\r\n') ? 2 : 1;
  lines.forEach((line, lineNo) => {
    const lineStart = offset;
    offset += line.length + newlineLength;
    const trimmed = line.trim();
    if (trimmed === '') {
      if (current) blocks.push(current);
      current = undefined;
      return;
    }
    if (trimmed.startsWith('#')) return;
    if (!current) {
      current = { text: '', start: lineStart, end: lineStart, startLine: lineNo, endLine: lineNo, lineOffsets: [] };
    } else {
      current.text += '\n';
    }
    current.lineOffsets.push({ textOffset: current.text.length, fileOffset: lineStart });
    current.text += line;
    current.end = lineStart + line.length;
    current.endLine = lineNo;
  });
  if (current) blocks.push(current);
  return blocks;
}

/** The query whose lines contain `line` (0-based), if any. */
export function queryAtLine(blocks: QueryBlock[], line: number): QueryBlock | undefined {
  return blocks.find((b) => line >= b.startLine && line <= b.endLine);
}

/** File offset of a UTF-16 offset inside a block's text. */
export function fileOffsetOf(block: QueryBlock, textOffset: number): number {
  let best = block.lineOffsets[0];
  for (const l of block.lineOffsets) if (l.textOffset <= textOffset) best = l;
  return best.fileOffset + (textOffset - best.textOffset);
}

/** jmespath.py counts columns in code points; editors count UTF-16 units. */
export function codePointColumnToOffset(text: string, column: number): number {
  let offset = 0;
  for (let i = 0; i < column && offset < text.length; i++) {
    offset += text.codePointAt(offset)! > 0xffff ? 2 : 1;
  }
  return offset;
}

/** The query at a file offset, and the offset inside its text (undefined on comments and blank lines). */
export function queryAtOffset(blocks: QueryBlock[], fileOffset: number): { block: QueryBlock; textOffset: number } | undefined {
  for (const block of blocks) {
    if (fileOffset < block.start || fileOffset > block.end) continue;
    let line: QueryBlock['lineOffsets'][number] | undefined;
    for (const l of block.lineOffsets) if (l.fileOffset <= fileOffset) line = l;
    if (!line) return undefined;
    const next = block.lineOffsets[block.lineOffsets.indexOf(line) + 1];
    const lineLength = (next ? next.textOffset - 1 : block.text.length) - line.textOffset;
    if (fileOffset - line.fileOffset > lineLength) return undefined; // on a comment line inside the block
    return { block, textOffset: line.textOffset + (fileOffset - line.fileOffset) };
  }
  return undefined;
}
