/** The shapes that cross process boundaries, each defined once as a TypeBox schema (a JSON Schema) with its type derived from it. */
export * from './read-issues.js';
export * from './feed-profile.js';
export * from './check-report.js';
export * from './runs.js';
export * from './agent.js';
export * from './delivery.js';
export * from './api/shared.js';
export * from './api/paging.js';
export * from './api/health.js';
export * from './api/errors.js';
export * from './api/contracts.js';
export * from './api/versions.js';
export * from './api/impact.js';
export * from './api/consumers.js';
export * from './api/catalog.js';
export * from './api/admin.js';
