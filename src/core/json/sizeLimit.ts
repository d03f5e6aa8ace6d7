// The largest JSON document read at all: its text must fit in one JavaScript string (V8's limit,
// 2^29 - 24 UTF-16 units; a UTF-8 file never decodes to more units than it has bytes). Checked
// from the file's size before reading, so a 1 GiB file is refused at once instead of after
// seconds of reading and a crash.

export const MAX_JSON_BYTES = 0x1fffffe8;

/** "big.json is 1.00 GiB (1,073,741,824 bytes): more than the 536,870,888 bytes (512 MiB) ..." */
export function fileTooLargeMessage(name: string, size: number, atLeast = false): string {
  return `${name} is ${atLeast ? 'over ' : ''}${formatBytes(size)} (${size.toLocaleString('en-US')} bytes): ` +
    `more than the ${MAX_JSON_BYTES.toLocaleString('en-US')} bytes (512 MiB) a JSON document may have (the longest string JavaScript can hold). Narrow it first, e.g. with jq or by querying a smaller response.`;
}

export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${units[i]}`;
}
