/**
 * Reading the parts an Office package's `[Content_Types].xml` declares (ECMA-376 part 2, §10.1.2: its `Override`
 * elements), in one pass over the text. Every step moves forward, and each search for the end of a comment, a tag
 * or a value either finds it and goes on from there or ends the reading: the work is linear in the text, whatever
 * the text. Only what the check needs is read; what is not well-formed where it looks is refused, not guessed at.
 */

/** The most `[Content_Types].xml` may take, uncompressed: it is a few kilobytes even for a workbook of many sheets. */
export const MAX_CONTENT_TYPES_BYTES = 256 * 1024;

/** A part the package declares: its name as the zip names it (no leading `/`), and its content type. */
export interface DeclaredPart {
  name: string;
  contentType: string;
}

/** Why the text cannot be read, for people: the message follows "its [Content_Types].xml". */
export class ContentTypesError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const NAME = /[^\s/>=<"']+/y;
const SPACE = /\s*/y;

/** A cursor over the text that only moves forward. */
class Reader {
  at = 0;
  constructor(readonly text: string) {}

  /** Skips whitespace. */
  space(): void {
    SPACE.lastIndex = this.at;
    SPACE.exec(this.text);
    this.at = SPACE.lastIndex;
  }

  /** A name (of an element or an attribute) here, or null. */
  name(): string | null {
    NAME.lastIndex = this.at;
    const match = NAME.exec(this.text);
    if (match === null) return null;
    this.at = NAME.lastIndex;
    return match[0];
  }

  /** Moves past the next `end`, refusing a text where it never comes. */
  past(end: string, what: string): void {
    const found = this.text.indexOf(end, this.at);
    if (found === -1) throw new ContentTypesError(`has ${what} that never ends`);
    this.at = found + end.length;
  }

  /** The attributes of a start tag, the reader just after its name; leaves the reader after the tag. */
  attributes(): Map<string, string> {
    const attributes = new Map<string, string>();
    for (;;) {
      this.space();
      const next = this.text[this.at];
      if (next === '>') {
        this.at += 1;
        return attributes;
      }
      if (next === '/' && this.text[this.at + 1] === '>') {
        this.at += 2;
        return attributes;
      }
      const name = this.name();
      if (name === null) throw new ContentTypesError('has a tag that is not well-formed');
      this.space();
      if (this.text[this.at] !== '=') throw new ContentTypesError(`has an attribute ${name} without a value`);
      this.at += 1;
      this.space();
      const quote = this.text[this.at];
      if (quote !== '"' && quote !== "'") {
        throw new ContentTypesError(`has an attribute ${name} whose value is not quoted`);
      }
      const close = this.text.indexOf(quote, this.at + 1);
      if (close === -1) throw new ContentTypesError(`has an attribute ${name} whose value never ends`);
      attributes.set(name, unescapeXml(this.text.slice(this.at + 1, close)));
      this.at = close + 1;
    }
  }
}

/**
 * The parts `[Content_Types].xml` declares one by one, names and content types lower-cased (part names and media
 * types are compared without regard to case). The first element must be `Types`; comments, processing
 * instructions and end tags are passed over; a document type declaration is refused, as the packaging conventions
 * forbid one (ECMA-376 part 2, §8.1.4).
 * @throws ContentTypesError when the text is not well-formed where it is read
 */
export function declaredParts(xml: string): DeclaredPart[] {
  const reader = new Reader(xml);
  const parts: DeclaredPart[] = [];
  let rooted = false;
  for (;;) {
    const open = xml.indexOf('<', reader.at);
    if (open === -1) {
      if (!rooted) throw new ContentTypesError('has no Types element');
      return parts;
    }
    reader.at = open + 1;
    if (xml.startsWith('!--', reader.at)) reader.past('-->', 'a comment');
    else if (xml.startsWith('![CDATA[', reader.at)) reader.past(']]>', 'a character data section');
    else if (xml.startsWith('?', reader.at)) reader.past('?>', 'a processing instruction');
    else if (xml.startsWith('!', reader.at)) throw new ContentTypesError('declares a document type');
    else if (xml.startsWith('/', reader.at)) reader.past('>', 'an end tag');
    else {
      const name = reader.name();
      if (name === null) throw new ContentTypesError('has a tag that is not well-formed');
      const attributes = reader.attributes();
      const localName = name.slice(name.indexOf(':') + 1);
      if (!rooted && localName !== 'Types') throw new ContentTypesError('has no Types element');
      rooted = true;
      if (localName !== 'Override') continue;
      const partName = attributes.get('PartName');
      const contentType = attributes.get('ContentType');
      if (partName === undefined || contentType === undefined) continue;
      parts.push({
        name: partName.replace(/^\//, '').toLowerCase(),
        contentType: contentType.trim().toLowerCase(),
      });
    }
  }
}
