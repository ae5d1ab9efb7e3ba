import path from 'node:path';
import { InputError } from '../shared/errors.js';
import { templatesDir } from '../shared/paths.js';
import { definedOnly } from './fields.js';
import { houseStyleSchema, type HouseStyleInput, type HouseStyleOverride } from './schema/house-style.js';
import { validate } from './validate.js';
import { readYamlFile } from './yaml-file.js';

/** The package's own house style: the default configuration, every fixed word of the documents in one file. */
export const defaultStyleFile = path.join(templatesDir, 'husstil.yaml');

let defaultStyle: Promise<HouseStyleInput> | undefined;

/**
 * templates/husstil.yaml, checked like any input: a broken default is told where it is broken. Read
 * and checked once a process (some 14 ms of processor time: publish asks it of every committee, each
 * of them at every republish), each caller given its own copy to lay its overrides over.
 */
export async function readDefaultStyle(): Promise<HouseStyleInput> {
  defaultStyle ??= readYamlFile(defaultStyleFile).then((file) => {
    const result = validate(file, houseStyleSchema);
    if (!result.ok) throw new InputError(result.findings);
    return result.value;
  });
  return structuredClone(await defaultStyle);
}

/** The house style with the overrides laid over it in turn: `afsnit` replaces the list, the words and dates key by key. */
export function overlay(style: HouseStyleInput, ...overrides: Array<HouseStyleOverride | undefined>): HouseStyleInput {
  return overrides.reduce<HouseStyleInput>(
    (s, o) =>
      o
        ? {
            afsnit: o.afsnit ?? s.afsnit,
            ord: { ...s.ord, ...definedOnly(o.ord) },
            datoer: { ...s.datoer, ...definedOnly(o.datoer) },
            sidehoved: o.sidehoved ?? s.sidehoved,
            sidefod: o.sidefod ?? s.sidefod,
            weblinks_i_bilag: o.weblinks_i_bilag ?? s.weblinks_i_bilag,
            godkendelse: { ...s.godkendelse, ...definedOnly(o.godkendelse) },
            sagsnummer_i_punkt: o.sagsnummer_i_punkt ?? s.sagsnummer_i_punkt,
            behandlinger_fra_sag: o.behandlinger_fra_sag ?? s.behandlinger_fra_sag,
            afbud_ved_beslutning: o.afbud_ved_beslutning ?? s.afbud_ved_beslutning,
            sidetal_fra: o.sidetal_fra ?? s.sidetal_fra,
            store_forbogstaver: o.store_forbogstaver ?? s.store_forbogstaver,
            sluttid: o.sluttid ?? s.sluttid,
            underpunkter_i_indhold: o.underpunkter_i_indhold ?? s.underpunkter_i_indhold,
            rettet_forside: o.rettet_forside ?? s.rettet_forside,
          }
        : s,
    style,
  );
}

/** The key of the main section, which also holds the timetable and what the plan and the calendar give: `sagsfremstilling`, or the first. */
export function mainSectionKey(sections: HouseStyleInput['afsnit']): string | undefined {
  return (sections.find((a) => a.nøgle === 'sagsfremstilling') ?? sections[0])?.nøgle;
}
