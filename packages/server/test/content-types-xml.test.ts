import { describe, expect, it } from 'vitest';
import { ContentTypesError, declaredParts } from '../src/documents/content-types-xml';
import { officeContentTypes } from './document-fixtures';

const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

describe('reading the parts [Content_Types].xml declares', () => {
  it('reads the overrides of a real manifest, and passes over what is not one', () => {
    expect(declaredParts(officeContentTypes('docx'))).toEqual([
      { name: 'word/document.xml', contentType: DOCX_MAIN },
    ]);
    const xml =
      '\uFEFF<?xml version="1.0"?>\n<!-- <Override PartName="/commented.xml" ContentType="a"/> -->' +
      '<ct:Types xmlns:ct="x"><![CDATA[<Override PartName="/cdata.xml" ContentType="b"/>]]>' +
      "<ct:Override ContentType = ' Text/Plain ' PartName='/A&amp;B.xml'/>" +
      '<Override PartName="/no-type.xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/&#x77;ord.xml" ContentType="c&#58;d"></Override></ct:Types>';
    expect(declaredParts(xml)).toEqual([
      { name: 'a&b.xml', contentType: 'text/plain' },
      { name: 'word.xml', contentType: 'c:d' },
    ]);
  });

  it('refuses what is not well-formed where it reads, saying what', () => {
    const refusals: [string, string][] = [
      ['', 'has no Types element'],
      ['just text', 'has no Types element'],
      ['<Other/><Types/>', 'has no Types element'],
      ['<Types><!-- never closed', 'has a comment that never ends'],
      ['<Types><![CDATA[ never closed', 'has a character data section that never ends'],
      ['<?xml never closed', 'has a processing instruction that never ends'],
      ['<Types></Types', 'has an end tag that never ends'],
      ['<!DOCTYPE Types><Types/>', 'declares a document type'],
      ['<Types>< Override/>', 'has a tag that is not well-formed'],
      ['<Types><Override PartName', 'has an attribute PartName without a value'],
      ['<Types><Override PartName=/a.xml/>', 'has an attribute PartName whose value is not quoted'],
      ['<Types><Override PartName="/a.xml', 'has an attribute PartName whose value never ends'],
      ['<Types><Override PartName="/a.xml" /', 'has a tag that is not well-formed'],
    ];
    for (const [xml, message] of refusals) {
      expect(() => declaredParts(xml), xml).toThrow(ContentTypesError);
      expect(() => declaredParts(xml), xml).toThrow(message);
    }
  });

  it('reads a document full of tags, comments and attributes to its end', () => {
    const many = `<Types>${'<!---->'.repeat(20_000)}${'<Default a="1" b=\'2\'/>'.repeat(5_000)}</Types>`;
    expect(declaredParts(many)).toEqual([]);
  });
});
