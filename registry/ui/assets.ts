import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';
import { ConcordError } from '../../contracts/index.js';

/** The stylesheet and script every page links; served from the source folder, which the package ships. */
const ASSET_TYPES: Readonly<Record<string, string>> = {
  'concord.css': 'text/css; charset=utf-8',
  'concord.js': 'text/javascript; charset=utf-8',
};

/** Where the UI serves its assets; the file name follows. */
export const ASSET_PATH = '/ui-assets/';

export interface UiAssets {
  /** The URL of an asset with its content hash, so browsers may keep it for good. */
  url(name: keyof typeof ASSET_TYPES): string;
  /** Serves `/ui-assets/:name`. */
  readonly handler: RequestHandler;
}

/**
 * registry/ui/assets, found from this file both under `registry/ui/` (tsx) and `dist/registry/ui/`
 * (the build compiles only TypeScript; package.json `files` ships the source assets folder).
 */
export function assetsFolder(): string {
  for (const relative of ['./assets/', '../../../registry/ui/assets/']) {
    const folder = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(folder)) return folder;
  }
  throw new ConcordError('internal', 'the web UI assets (registry/ui/assets) are missing from this installation: reinstall concord');
}

/** Reads the assets once, at start-up; they never change while the registry runs. */
export function loadAssets(folder: string = assetsFolder()): UiAssets {
  const files = new Map<string, { readonly body: Buffer; readonly type: string; readonly hash: string }>();
  for (const [name, type] of Object.entries(ASSET_TYPES)) {
    const body = readFileSync(`${folder}${name}`);
    files.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 16) });
  }
  return {
    url(name) {
      return `${ASSET_PATH}${name}?v=${files.get(name)?.hash ?? ''}`;
    },
    handler(req, res, next) {
      const name = req.path.slice(ASSET_PATH.length);
      const file = files.get(name);
      if (file === undefined) {
        next();
        return;
      }
      // The URL carries the content hash, so a cached copy can never be stale.
      const versioned = req.query['v'] === file.hash;
      res.setHeader('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.type(file.type).send(file.body);
    },
  };
}
