/**
 * Fresh npm apps in a temp folder, as a user makes them: `npm pack` a workspace package, `npm
 * install` a list of specs into an empty app, and weigh its node_modules. Installs prefer the npm
 * cache (`--prefer-offline`), so a machine that ran `npm ci` at the root needs no network.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** What an installed app weighs. */
export interface AppWeight {
  /** `du -sk node_modules` in bytes (disk usage, the figure `du -sh` users quote). */
  bytes: number;
  /** Packages npm installed (the entries of node_modules/.package-lock.json). */
  packages: number;
  /** `npm ls --all` found no problem (missing, invalid or extraneous packages, peer conflicts). */
  lsClean: boolean;
}

const npm = (cwd: string, args: readonly string[]) => execFileSync('npm', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

/** Packs `packages/<name>` (built dist/ included) into `dest`; returns the tarball's path. */
export function packWorkspace(name: string, dest: string): string {
  const out = npm(join(REPO_ROOT, 'packages', name), ['pack', '--json', '--ignore-scripts', '--pack-destination', dest]);
  const [listing] = JSON.parse(out) as { filename: string }[];
  return join(dest, listing!.filename);
}

/** A fresh app in `dir` with `specs` installed (npm specs or tarball paths) the way a user would. */
export function installApp(dir: string, specs: readonly string[]): AppWeight {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'footprint-app', version: '1.0.0', private: true }, null, 2)}\n`);
  npm(dir, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs]);
  const du = execFileSync('du', ['-sk', 'node_modules'], { cwd: dir, encoding: 'utf8' });
  const lock = JSON.parse(readFileSync(join(dir, 'node_modules', '.package-lock.json'), 'utf8')) as { packages: Record<string, { link?: boolean }> };
  let lsClean = true;
  try {
    npm(dir, ['ls', '--all']);
  } catch {
    lsClean = false;
  }
  return {
    bytes: Number.parseInt(du, 10) * 1024,
    packages: Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && entry.link !== true).length,
    lsClean,
  };
}

/** The version of `name` the repo itself installs (its root lockfile), so both apps get the same one. */
export function repoVersionOf(name: string): string {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (version === undefined) throw new Error(`${name} is not in the root package-lock.json`);
  return version;
}
