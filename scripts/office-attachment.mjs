// The example meetings' office attachments: a Word document (.docx) or a spreadsheet (.xlsx) holding
// an attachment's title, document number and a paragraph, as Office Open XML of the fewest parts Word,
// Excel and LibreOffice open. Zipped by fflate with one fixed time (local, as a zip's times are), so
// the same text gives the same bytes in every time zone.
import { strToU8, zipSync } from 'fflate';

const written = new Date(2023, 0, 1);
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const xml = (body) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);
const relationships = (rels) =>
  xml(
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`).join('')}</Relationships>`,
  );
const contentTypes = (overrides) =>
  xml(
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `${overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.${type}"/>`).join('')}</Types>`,
  );

/** A one-page Word document: the title as a heading, the document number, the paragraph and a small table. */
function docx({ title, dokument, paragraph }) {
  const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const p = (text, size = 22, bold = false) =>
    `<w:p><w:r><w:rPr>${bold ? '<w:b/>' : ''}<w:sz w:val="${size}"/></w:rPr><w:t xml:space="preserve">${escape(text)}</w:t></w:r></w:p>`;
  const cell = (text) => `<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>${p(text)}</w:tc>`;
  const border = (side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>`;
  const table =
    `<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders></w:tblPr>` +
    `<w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid>` +
    [
      ['Emne', 'Status'],
      ['Kortlægning', 'Gennemført'],
      ['Prioritering', 'I gang'],
      ['Handlingsplan', 'Næste møde'],
    ]
      .map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`)
      .join('') +
    '</w:tbl>';
  const body = [p(title, 36, true), ...(dokument ? [p(`Dokument ${dokument}`, 20)] : []), p(paragraph), table, p(paragraph)].join('');
  return zipSync(
    {
      '[Content_Types].xml': contentTypes([['/word/document.xml', 'wordprocessingml.document.main+xml']]),
      '_rels/.rels': relationships([['rId1', 'officeDocument', 'word/document.xml']]),
      'word/document.xml': xml(
        `<w:document xmlns:w="${w}"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr></w:body></w:document>`,
      ),
    },
    { mtime: written },
  );
}

/** A one-page spreadsheet: the title, the document number and a line of the paragraph, then a table of priorities. */
function xlsx({ title, dokument, paragraph }) {
  const cell = (ref, value) =>
    typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escape(value)}</t></is></c>`;
  const rows = [
    [title],
    [dokument ? `Dokument ${dokument}` : ''],
    [paragraph.split('. ')[0] + '.'],
    [],
    ['Problem', 'Prioritet', 'Ansvarlig', 'Frist'],
  ];
  const problems = ['Arbejdsmængde', 'Sygefravær', 'Samarbejde', 'Ledelsesrum', 'Kompetencer', 'Fysiske rammer'];
  problems.forEach((problem, i) => rows.push([problem, i + 1, i % 2 ? 'Chefgruppen' : 'Direktionen', `${(i % 4) + 1}. kvartal 2024`]));
  const sheet = rows
    .map(
      (r, i) =>
        `<row r="${i + 1}">${r
          .filter((v) => v !== '')
          .map((v, k) => cell(`${'ABCD'[k]}${i + 1}`, v))
          .join('')}</row>`,
    )
    .join('');
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  return zipSync(
    {
      '[Content_Types].xml': contentTypes([
        ['/xl/workbook.xml', 'spreadsheetml.sheet.main+xml'],
        ['/xl/worksheets/sheet1.xml', 'spreadsheetml.worksheet+xml'],
      ]),
      '_rels/.rels': relationships([['rId1', 'officeDocument', 'xl/workbook.xml']]),
      'xl/workbook.xml': xml(
        `<workbook xmlns="${main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Prioritering" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': relationships([['rId1', 'worksheet', 'worksheets/sheet1.xml']]),
      'xl/worksheets/sheet1.xml': xml(
        `<worksheet xmlns="${main}"><cols><col min="1" max="1" width="20" customWidth="1"/><col min="2" max="4" width="14" customWidth="1"/></cols><sheetData>${sheet}</sheetData></worksheet>`,
      ),
    },
    { mtime: written },
  );
}

/** The office file of an example attachment, by its extension (.docx or .xlsx). */
export function officeAttachment(extension, text) {
  if (extension === '.docx') return docx(text);
  if (extension === '.xlsx') return xlsx(text);
  throw new Error(`no example attachment of kind ${extension}`);
}
