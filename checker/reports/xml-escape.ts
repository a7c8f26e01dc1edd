/**
 * Characters XML 1.0 does not allow at all (most C0 controls, U+FFFE/U+FFFF, lone surrogates):
 * a feed value carrying one would make the whole JUnit file unreadable, so they become U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  // Parsers normalise raw line breaks and tabs in attributes to spaces; character references keep them.
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/** Text for an XML element body: `&`, `<`, `>` escaped, characters XML cannot hold replaced. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>]/g, (char) => TEXT_ESCAPES[char] ?? char);
}

/** Text for a double- or single-quoted XML attribute value: also quotes and line breaks escaped. */
export function xmlAttribute(value: string): string {
  return value.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"'\n\r\t]/g, (char) => ATTRIBUTE_ESCAPES[char] ?? char);
}
