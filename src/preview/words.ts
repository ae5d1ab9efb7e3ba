import { readDefaultStyle } from '../input/house-style.js';
import type { HouseStyle } from '../model/meeting.js';

/**
 * The page's fixed words, the house's as every fixed word of agenda's is (templates/husstil.yaml,
 * ord.forhåndsvisning…): only these go to the page, not every word of the house.
 */
export function previewWords(words: HouseStyle['ord']) {
  return {
    forhåndsvisning: words.forhåndsvisning,
    forhåndsvisning_udgave: words.forhåndsvisning_udgave,
    forhåndsvisning_medlemmer: words.forhåndsvisning_medlemmer,
    forhåndsvisning_offentlig: words.forhåndsvisning_offentlig,
    forhåndsvisning_venter: words.forhåndsvisning_venter,
    forhåndsvisning_opdaterer: words.forhåndsvisning_opdaterer,
    forhåndsvisning_opdateret: words.forhåndsvisning_opdateret,
    forhåndsvisning_fejl: words.forhåndsvisning_fejl,
  };
}

export type PreviewWords = ReturnType<typeof previewWords>;

/** The package's own words (templates/husstil.yaml), where no house's are read; none where those do not read either. */
export function packageWords(): Promise<PreviewWords | undefined> {
  return readDefaultStyle().then(
    (style) => previewWords(style.ord),
    () => undefined,
  );
}
