/** Feed sources: the one way the checker reads upstream data. Reference: docs/sources.md. */
export { createSource, FROM_ARGUMENT, SOURCE_TYPES } from './create-source.js';
export { ARGUMENT_SOURCE_NAME, parseSourceArgument } from './parse-source-argument.js';
export { MAX_GLOB_FILES, MAX_HTTP_BYTES, MAX_LINE_BYTES, MAX_PAGES } from './limits.js';
export type { FileFormat } from './file/file-format.js';
