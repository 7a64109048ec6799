/**
 * Small files made in the test, as a state user would pick them: real (if tiny) PDF and CSV documents, and a
 * program disguised as a PDF. In the shape Playwright's `setInputFiles` and its request `multipart` take.
 */
export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * A valid one-page PDF 1.4 showing one line of text. The cross-reference table's offsets are computed, so PDF
 * readers open it without repairing it; `text` also makes each file's bytes (and so its SHA-256) its own.
 */
export function pdfFile(name: string, text: string): TestFile {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 18 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body, 'latin1') };
}

/** A CSV table. */
export function csvFile(name: string, rows: readonly (readonly (string | number)[])[]): TestFile {
  const text = rows.map((row) => row.map((cell) => String(cell)).join(',')).join('\r\n');
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`${text}\r\n`, 'utf8') };
}

/** A Windows program (it starts `MZ`) under a PDF's name: the server must refuse it by its content. */
export function disguisedProgram(name = 'virus.pdf'): TestFile {
  const buffer = Buffer.alloc(256);
  buffer.write('MZ', 0, 'latin1');
  buffer.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return { name, mimeType: 'application/pdf', buffer };
}
