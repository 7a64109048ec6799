const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `Content-Disposition: attachment` for a file name (RFC 6266): `filename*` carries the exact name in UTF-8,
 * `filename` an ASCII stand-in for old clients. Neither can break out of the header. The stand-in holds no quote,
 * backslash or control character, nor `;` or `=`: clients that split the header on those before honouring the
 * quotes would otherwise read a parameter of the sender's choosing out of a file name. Nor `%`, which some clients
 * percent-decode.
 */
export function attachmentDisposition(name: string): string {
  const fallback =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]|["\\%;=]/g, '_')
      .trim() || 'download';
  const wellFormed = name.replace(LONE_SURROGATE, '\uFFFD');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(wellFormed)}`;
}

/** Percent-encodes everything but RFC 5987's attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
