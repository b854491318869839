import { inflateSync } from 'node:zlib';

/** WinAnsi bytes 0x80-0x9f that differ from Latin-1 (only those a plan PDF may print). */
const WIN_ANSI: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
};

/**
 * The text a PDF from pdfkit shows, one line per text operator: its content streams inflated, the hex
 * strings of `[...] TJ` decoded as WinAnsi (how the standard fonts encode text). Enough to assert what a
 * reader sees, not a general PDF parser.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  const streamStart = /(?<!end)stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamStart.exec(raw))) {
    const dictStart = raw.lastIndexOf('<<', m.index);
    const dict = raw.slice(dictStart, m.index);
    const length = /\/Length (\d+)/.exec(dict);
    if (!length) continue;
    const start = m.index + m[0].length;
    const bytes = pdf.subarray(start, start + Number(length[1]));
    const content = (dict.includes('/FlateDecode') ? inflateSync(bytes) : bytes).toString('latin1');
    for (const op of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ/g)) {
      const hex = [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      lines.push([...Buffer.from(hex, 'hex')].map((b) => WIN_ANSI[b] ?? String.fromCharCode(b)).join(''));
    }
    streamStart.lastIndex = start + Number(length[1]);
  }
  return lines.join('\n');
}
