import { z } from 'zod';
import { block, name, optional } from '../fields.js';

/** Someone at the meeting who is not a member (sekretær, a guest): printed, never mailed as a member nor counted in a vote. */
export const participant = z.union([
  name.transform((navn) => ({ navn, rolle: undefined })),
  block({
    navn: name.describe("The participant's name."),
    rolle: optional(name).describe('Their role at the meeting: sekretær, referent.'),
  }),
]);

export type ParticipantInput = z.output<typeof participant>;
