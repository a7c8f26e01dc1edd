/** Why NUL is refused, after the name of the field that holds it. */
export const NUL_REFUSAL = 'holds a NUL character (U+0000), which no text the registry stores may hold: remove it';
