// agenda as a library: `import { ... } from 'agenda'`. The same flow and the same errors as the CLI,
// without a terminal: nothing here prints or exits. docs/install/library.md shows it in use.

export { checkCommittee, checkMeetingSources, readMeetingSources, readSharedSources, type CheckReport } from './pipeline/sources.js';
export { buildBatch, type BatchEvent, type BatchRequest, type BatchResult, type DocumentResult } from './pipeline/batch.js';
export { buildPdf, meetingFor, readMeeting } from './pipeline/document.js';
export { defaultPdfPath, versionFor } from './pipeline/output.js';
export { selectTargets, type Target } from './pipeline/select.js';
export { findCommittees, type CommitteeFolder } from './pipeline/sources.js';
export { sendMeeting, type SendEvent, type SendRequest, type SendResult } from './pipeline/send.js';
export { publishSite } from './pipeline/publish-site.js';
export type { PublishRequest, PublishResult } from './pipeline/publish.js';
export type { MeetingSources, SharedSources } from './input/sources.js';
export type { Audience, DocumentKind, Item, Meeting } from './model/meeting.js';
export {
  AgendaError,
  EnvironmentError,
  ExitCode,
  formatFinding,
  InputError,
  isError,
  MissingFileError,
  RenderError,
  SendError,
  UsageError,
  type Finding,
} from './shared/errors.js';
