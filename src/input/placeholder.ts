/** The word `agenda new` puts where the clerk has yet to write; `agenda check` warns while any is left. */
export const placeholder = 'UDFYLD';
