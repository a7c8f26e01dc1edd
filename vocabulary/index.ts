/** The shapes that cross process boundaries, each defined once as a TypeBox schema (a JSON Schema) with its type derived from it. */
export * from './read-issues.js';
export * from './feed-profile.js';
export * from './check-report.js';
export * from './runs.js';
export * from './agent.js';
export * from './delivery.js';
