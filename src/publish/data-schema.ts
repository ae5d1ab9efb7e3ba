import { z } from 'zod';

// The open data of the site (site/data/), version 2: OParl 1.1 (https://oparl.org/spezifikation/),
// System, Body, Organization, Meeting, AgendaItem, File and Location, each retrievable under its id,
// so that OParl's clients and validator read it; what OParl has no field for carries the prefix
// `agenda:`, as OParl asks of extensions. Version 1 had OParl's shapes but not its rules. The same
// zod schemas type the code that writes the data and give the published JSON Schema, so the two
// cannot drift apart. A change that is not backward compatible is a new version, at a new address.

export const dataVersion = '2';
const oparl = (type: string) => z.literal(`https://schema.oparl.org/1.1/${type}`).describe(`OParl 1.1 object type: ${type}.`);
const address = z
  .string()
  .min(1)
  .describe('An address: absolute when the site was published with --url, otherwise relative to the document that holds it.');
const schemaRef = z.string().describe('The address of the JSON Schema this document follows; its version is in the path.');
const dateTime = z.iso.datetime({ offset: true }).describe('Local time in Copenhagen with its offset from UTC (ISO 8601).');
const listOf = (what: string) => address.describe(`The address of an OParl external list (data, pagination, links) of ${what}.`);

/**
 * OParl's created and modified, from the inputs and never the clock, so that the same meetings give
 * the same bytes: a meeting's day (midnight in Copenhagen) for the meeting and what is in it; the
 * first and the last of its meetings' days for a committee, the authority and the system.
 */
const times = {
  created: dateTime.optional().describe('The day of the first meeting it holds (a meeting: its own day), at midnight in Copenhagen.'),
  modified: dateTime.optional().describe('The day of the last meeting it holds (a meeting: its own day), at midnight in Copenhagen.'),
};

/** OParl's words for a meeting's state: eingeladen (invited: the agenda is out), durchgeführt (held: the minutes are). */
export const meetingStates = { dagsorden: 'eingeladen', tillægsdagsorden: 'eingeladen', referat: 'durchgeführt' } as const;

export const fileSchema = z
  .object({
    id: address.describe('The address of this object as a JSON document of its own.'),
    type: oparl('File'),
    name: z.string().describe('What the file is, in Danish: "Dagsorden (offentlig udgave)".'),
    fileName: z.string(),
    mimeType: z.literal('application/pdf'),
    size: z.int().nonnegative().describe('Bytes.'),
    sha512Checksum: z.string().regex(/^[0-9a-f]{128}$/),
    accessUrl: address.describe('The address of the PDF itself.'),
    downloadUrl: address,
    ...times,
  })
  .strict()
  .describe(
    'A file of the meeting, as OParl File: the public PDF, an open attachment, or the public combined document with the attachments.',
  );

export const locationSchema = z
  .object({ id: address, type: oparl('Location'), description: z.string().describe('The room, as the meeting file gives it.'), ...times })
  .strict()
  .describe('Where a meeting is held, as OParl Location.');

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
    heading: z
      .string()
      .describe(
        'The heading as printed: Sagsgang, Sagsfremstilling (the case), Økonomiske konsekvenser (financial consequences), Indstilling (recommendation), Bilag, Beslutning (decision).',
      ),
    html: z.string().describe("The text as an HTML fragment (paragraphs, lists, tables, links), as on the meeting's page."),
  })
  .strict();

export const agendaItemSchema = z
  .object({
    id: address.describe('The address of this object as a JSON document of its own.'),
    type: oparl('AgendaItem'),
    meeting: address.describe('The id of its meeting.'),
    number: z.string().describe('The item number as printed.'),
    order: z.int().nonnegative().describe('Its place on the agenda, from 0.'),
    name: z.string().describe('The title; a closed item shows its public title or "Lukket punkt".'),
    public: z.boolean().describe('false: a closed item (lukket punkt), published with its number and title only.'),
    resolutionText: z
      .string()
      .optional()
      .describe('The decision (beslutning), in the Markdown the clerk wrote; minutes only, and only where it is public.'),
    web: address.describe("The item on the meeting's page."),
    'agenda:sections': z
      .array(sectionSchema)
      .optional()
      .describe("The item's public text, section by section; left out where it has none."),
    'agenda:attachments': z.array(attachmentSchema).optional().describe('Left out where the item has no attachment.'),
    'agenda:addendum': z
      .int()
      .positive()
      .optional()
      .describe(
        'An item added after the agenda was sent: the number of the tillægsdagsorden it went out in (its PDF among the auxiliaryFile of the meeting).',
      ),
    auxiliaryFile: z
      .array(fileSchema)
      .optional()
      .describe("The files of the item's open attachments, each a PDF; left out where there is none."),
    ...times,
  })
  .strict();

export const meetingSchema = z
  .object({
    id: address,
    type: oparl('Meeting'),
    name: z.string().describe('"Dagsorden for Direktionens møde den 22. november 2023" (agenda) or "Referat ..." (minutes).'),
    meetingState: z
      .enum([meetingStates.dagsorden, meetingStates.referat])
      .describe("OParl's words: eingeladen (invited) with the agenda (dagsorden); durchgeführt (held) with the minutes (referat)."),
    cancelled: z.boolean(),
    start: dateTime,
    end: dateTime.optional().describe('Left out where the meeting has no end time (a house that prints none).'),
    location: locationSchema,
    organization: z.array(address).describe('The committee: the address of its document.'),
    invitation: fileSchema.optional().describe('The agenda as a PDF, before the meeting.'),
    resultsProtocol: fileSchema.optional().describe('The minutes as a PDF, after the meeting.'),
    auxiliaryFile: z
      .array(fileSchema)
      .optional()
      .describe(
        'The public combined document with the open attachments, and before the meeting its tillægsdagsordener (each alone, then combined); left out where there is none.',
      ),
    agendaItem: z.array(agendaItemSchema).optional(),
    web: address.describe("The meeting's page."),
    ...times,
  })
  .strict()
  .describe('One meeting, its agenda or minutes in the public version: nothing closed is in it.');

export const organizationSchema = z
  .object({
    id: address,
    type: oparl('Organization'),
    body: address.describe('The id of the authority (OParl Body).'),
    name: z.string().describe('The committee (udvalg), e.g. Direktionen.'),
    meeting: listOf('its published meetings, newest first'),
    web: address.describe("The committee on the site's front page."),
    'agenda:calendar': address.describe('Its calendar feed (iCalendar, RFC 5545): every scheduled meeting.'),
    ...times,
  })
  .strict()
  .describe('A committee, as OParl Organization.');

export const bodySchema = z
  .object({
    id: address,
    type: oparl('Body'),
    system: address,
    name: z.string().describe('The authority, e.g. Norddjurs Kommune.'),
    organization: listOf('its committees'),
    person: listOf('persons (none are published)'),
    meeting: listOf('every published meeting, newest first'),
    paper: listOf('papers (none are published)'),
    legislativeTerm: z.array(z.never()).describe('None are published.'),
    web: address.describe("The site's front page."),
    ...times,
  })
  .strict()
  .describe('The authority, as OParl Body.');

export const systemSchema = z
  .object({
    id: address,
    type: oparl('System'),
    oparlVersion: z.literal('https://schema.oparl.org/1.1/'),
    name: z.string(),
    body: listOf('the authority'),
    web: address,
    'agenda:calendar': address.describe('The calendar feed of every committee.'),
    ...times,
  })
  .strict()
  .describe('The entry point of the open data, as OParl System.');

/** Each object's own document: the object, with the address of its schema. */
const documentOf = <T extends z.ZodObject>(schema: T) => schema.extend({ $schema: schemaRef });

export type MeetingData = z.infer<typeof meetingSchema>;
export type AgendaItemData = z.infer<typeof agendaItemSchema>;
export type FileData = z.infer<typeof fileSchema>;
export type OrganizationData = z.infer<typeof organizationSchema>;
export type LocationData = z.infer<typeof locationSchema>;
export type BodyData = z.infer<typeof bodySchema>;
export type SystemData = z.infer<typeof systemSchema>;

/** The published JSON Schemas, by the name of the schema (data/schema/<version>/<name>.schema.json). */
export const dataSchemas = {
  index: documentOf(systemSchema),
  body: documentOf(bodySchema),
  organization: documentOf(organizationSchema),
  meeting: documentOf(meetingSchema),
  'agenda-item': documentOf(agendaItemSchema),
  file: documentOf(fileSchema),
  location: documentOf(locationSchema),
};

export type SchemaName = keyof typeof dataSchemas;

export function dataJsonSchemas(): Array<[string, object]> {
  return Object.entries(dataSchemas).map(([name, schema]) => [
    name,
    { ...z.toJSONSchema(schema, { io: 'output' }), title: `agenda open data ${dataVersion}: ${name}` },
  ]);
}
