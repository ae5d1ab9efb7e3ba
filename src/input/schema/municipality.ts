import type { z } from 'zod';
import { block, name, optional } from '../fields.js';
import { houseStyleOverrideSchema } from './house-style.js';

/** `kommune.yaml` at the repository's root: what every committee of the municipality shares. */
export const municipalitySchema = block({
  navn: name.describe("The municipality, every document's author: Norddjurs Kommune."),
  husstil: optional(houseStyleOverrideSchema).describe(
    "The house style over the package's (templates/husstil.yaml); a committee may override it again.",
  ),
});

export type MunicipalityInput = z.output<typeof municipalitySchema>;
