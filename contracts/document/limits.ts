/**
 * Limits on what a contract document may make Concord do. Documents arrive from users and over
 * HTTP, so every parser and resolver stops at these before memory, stack or time run out.
 */

/**
 * Largest document (contract or schema file) in UTF-8 bytes. Hand-written contracts are tens of
 * kilobytes; 5 MiB leaves room for generated schemas while keeping one parse well under a second.
 */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/**
 * Largest YAML document in UTF-8 bytes. The yaml library composes roughly 100-200 KiB a second
 * on a 2-core machine, whatever the content, so 256 KiB bounds one parse to about two seconds of
 * a server's event loop. That is five times a large hand-written contract; generated schemas
 * belong in `.json` files, which have the full `MAX_DOCUMENT_BYTES`.
 */
export const MAX_YAML_BYTES = 256 * 1024;

/**
 * Deepest nesting of objects and arrays, in a document and in a bundled record schema. A record
 * nested 20 levels deep needs about 40 schema levels (`properties/<name>` per level); 64 leaves
 * room for that while keeping every recursive consumer (YAML composer, ajv, diff) far from the stack limit.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * YAML alias expansion budget, passed to the yaml library as `maxAliasCount`: for each anchor,
 * its uses (the anchored node itself and every alias of it) times the aliases nested inside it.
 * 100 allows ordinary reuse of anchors and refuses "billion laughs" documents, whose expansion
 * grows exponentially with each level of aliases.
 */
export const MAX_YAML_ALIAS_COUNT = 100;

/**
 * Most files (and registry schemas) one record schema may pull in through `$ref`s, each counted
 * once. Real schemas split into a handful of shared files. The bundler recurses from file into
 * file, so 20 files of the deepest allowed nesting stay near 1,300 levels, about half the depth
 * at which it was measured to exhaust Node's default stack.
 */
export const MAX_REF_FILES = 20;

/**
 * Largest bundled record schema in bytes of JSON, and the most bytes all referenced files may
 * add up to. Twice the document limit: a contract may split a large schema over a few files.
 */
export const MAX_BUNDLED_SCHEMA_BYTES = 2 * MAX_DOCUMENT_BYTES;

/**
 * Most values (objects, arrays and scalars) a parsed document may hold once YAML aliases are
 * expanded: as many as the largest JSON text can spell out (each value takes at least two bytes,
 * as in `0,`), so aliases never make a document bigger than one written out in full.
 */
export const MAX_DOCUMENT_VALUES = MAX_DOCUMENT_BYTES / 2;

/**
 * Longest `enum` a record schema may list. ajv's draft-07 meta-schema asks for unique enum values
 * and compares every pair, so the cost grows with the square of the length: 5,000 values take
 * about a quarter of a second on a 2-core machine, 100,000 take minutes. Longer lists of codes
 * belong in a `pattern` or a reference table.
 */
export const MAX_ENUM_VALUES = 5_000;
