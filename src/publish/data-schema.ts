import { z } from 'zod';

// The open data of the site (site/data/), version 1. The shapes are OParl 1.1's Meeting, AgendaItem,
// File and Organization (https://oparl.org/spezifikation/), so that anyone who has read OParl
// recognises them; what OParl has no field for carries the prefix `agenda:`, as OParl asks of
// extensions. The same zod schemas type the code that writes the data and give the published JSON
// Schema, so the two cannot drift apart. A change that is not backward compatible is version 2, at
// a new address; version 1 stays where it is.

export const dataVersion = '1';
const oparl = (type: string) => z.literal(`https://schema.oparl.org/1.1/${type}`).describe(`OParl 1.1 object type: ${type}.`);
const address = z.string().min(1).describe('An address: absolute when the site was published with --url, otherwise relative to the site root.');
const schemaRef = z.string().describe("The address of the JSON Schema this document follows; its version is in the path.");
const dateTime = z.iso.datetime({ offset: true }).describe('Local time in Copenhagen with its offset from UTC (ISO 8601).');

export const fileSchema = z
  .object({
    id: address.describe('The address of the file itself.'),
    type: oparl('File'),
    name: z.string().describe('What the file is, in Danish: "Dagsorden (offentlig udgave)".'),
    fileName: z.string(),
    mimeType: z.literal('application/pdf'),
    size: z.int().nonnegative().describe('Bytes.'),
    sha512Checksum: z.string().regex(/^[0-9a-f]{128}$/),
    accessUrl: address,
    downloadUrl: address,
  })
  .strict()
  .describe('A file of the meeting, as OParl File: the public PDF, an open attachment, or the public combined document with the attachments.');

export const attachmentSchema = z
  .object({
    number: z.int().positive().describe('Its number within the item (bilag 1, 2, ...).'),
    public: z.boolean().describe('false: a closed attachment (lukket bilag); only its number and the reason are published.'),
    name: z.string().optional().describe('Its title; open attachments only.'),
    reference: z.string().optional().describe("The case system's document number, e.g. 116728/23; open attachments only."),
    note: z.string().optional().describe('Why a closed attachment is closed, e.g. "jf. offentlighedslovens § 30".'),
    file: address.optional().describe("The id of its file among the item's auxiliaryFile; open attachments with a file only."),
  })
  .strict()
  .describe('An attachment (bilag) the item refers to.');

export const sectionSchema = z
  .object({
    heading: z.string().describe('The heading as printed: Sagsgang, Sagsfremstilling (the case), Økonomiske konsekvenser (financial consequences), Indstilling (recommendation), Bilag, Beslutning (decision).'),
    html: z.string().describe('The text as an HTML fragment (paragraphs, lists, tables, links), as on the meeting\'s page.'),
  })
  .strict();

export const agendaItemSchema = z
  .object({
    id: address.describe('The item within its meeting document.'),
    type: oparl('AgendaItem'),
    meeting: address.describe('The id of its meeting.'),
    number: z.string().describe('The item number as printed.'),
    order: z.int().nonnegative().describe('Its place on the agenda, from 0.'),
    name: z.string().describe('The title; a closed item shows its public title or "Lukket punkt".'),
    public: z.boolean().describe('false: a closed item (lukket punkt), published with its number and title only.'),
    resolutionText: z.string().optional().describe('The decision (beslutning), in the Markdown the clerk wrote; minutes only, and only where it is public.'),
    web: address.describe('The item on the meeting\'s page.'),
    'agenda:sections': z.array(sectionSchema).describe('The item\'s public text, section by section.'),
    'agenda:attachments': z.array(attachmentSchema),
    auxiliaryFile: z.array(fileSchema).describe("The files of the item's open attachments, each a PDF."),
  })
  .strict();

export const meetingSchema = z
  .object({
    $schema: schemaRef,
    id: address,
    type: oparl('Meeting'),
    name: z.string().describe('"Dagsorden for Direktionens møde den 22. november 2023" (agenda) or "Referat ..." (minutes).'),
    meetingState: z.enum(['invited', 'held']).describe('invited: the agenda (dagsorden) is published; held: the minutes (referat) are.'),
    cancelled: z.boolean(),
    start: dateTime,
    end: dateTime,
    location: z.object({ type: oparl('Location'), description: z.string() }).strict(),
    organization: z.array(address).describe('The committee: the address of its document.'),
    invitation: fileSchema.optional().describe('The agenda as a PDF, before the meeting.'),
    resultsProtocol: fileSchema.optional().describe('The minutes as a PDF, after the meeting.'),
    auxiliaryFile: z.array(fileSchema).describe('The public combined document with the open attachments, where there is one.'),
    agendaItem: z.array(agendaItemSchema),
    web: address.describe('The meeting\'s page.'),
  })
  .strict()
  .describe('One meeting, its agenda or minutes in the public version: nothing closed is in it.');

export const meetingSummarySchema = meetingSchema.pick({ id: true, type: true, name: true, meetingState: true, cancelled: true, start: true, end: true, web: true }).strict();

export const organizationSchema = z
  .object({
    $schema: schemaRef,
    id: address,
    type: oparl('Organization'),
    name: z.string().describe('The committee (udvalg), e.g. Direktionen.'),
    web: address.describe('The committee on the site\'s front page.'),
    meeting: z.array(meetingSummarySchema).describe('Its published meetings, newest first.'),
    'agenda:calendar': address.describe('Its calendar feed (iCalendar, RFC 5545): every scheduled meeting.'),
  })
  .strict()
  .describe('A committee and its published meetings.');

export const indexSchema = z
  .object({
    $schema: schemaRef,
    name: z.string().describe('The authority, e.g. Norddjurs Kommune.'),
    organization: z.array(address).describe('Each committee\'s document.'),
    'agenda:calendar': address.describe('The calendar feed of every committee.'),
  })
  .strict()
  .describe('The entry point of the open data: where each committee\'s document is.');

export type MeetingData = z.infer<typeof meetingSchema>;
export type AgendaItemData = z.infer<typeof agendaItemSchema>;
export type FileData = z.infer<typeof fileSchema>;
export type OrganizationData = z.infer<typeof organizationSchema>;
export type IndexData = z.infer<typeof indexSchema>;

/** The published JSON Schemas, by file name under data/schema/<version>/. */
export function dataJsonSchemas(): Record<string, object> {
  const schema = (s: z.ZodType, title: string) => ({ ...z.toJSONSchema(s, { io: 'output' }), title });
  return {
    'index.schema.json': schema(indexSchema, `agenda open data ${dataVersion}: index`),
    'organization.schema.json': schema(organizationSchema, `agenda open data ${dataVersion}: committee`),
    'meeting.schema.json': schema(meetingSchema, `agenda open data ${dataVersion}: meeting`),
  };
}
