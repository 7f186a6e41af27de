// `shutong link` from one prebuilt JavaScript file instead of through tsx: the linkage sources are
// bundled with esbuild (which tsx brings) into a per-user cache the first time, and rebuilt when
// any bundled source changes. Loading it costs a fraction of tsx's start-up and module hooks, which
// took most of a small link's wall time. Packages stay outside the bundle, imported by absolute
// path. Any failure here returns undefined and the caller falls back to tsx. SHUTONG_CLI_CACHE
// moves the cache elsewhere.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = join(ROOT, 'src/linkage/cli-main.ts');
// Raise when the way the bundle is built changes, so that old caches are not used.
const FORMAT = 1;

/** URL of an up-to-date bundle of the link command, or undefined when it cannot be had. */
export async function linkBundle() {
  try {
    const cache = process.env.SHUTONG_CLI_CACHE ?? join(tmpdir(), `shutong-cli-${userInfo().uid}`);
    const dir = join(cache, createHash('sha256').update(ROOT).digest('hex').slice(0, 16));
    const out = join(dir, 'link.mjs');
    const manifest = join(dir, 'link.json');
    if (fresh(manifest)) return pathToFileURL(out).href;
    await build(dir, out, manifest);
    return pathToFileURL(out).href;
  } catch {
    return undefined;
  }
}

/** The bundle is current when every source it was built from has the size and time it had then. */
function fresh(manifest) {
  let m;
  try {
    m = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return false;
  }
  if (m.format !== FORMAT) return false;
  return m.inputs.every(([path, size, mtimeMs]) => {
    try {
      const s = statSync(path);
      return s.size === size && s.mtimeMs === mtimeMs;
    } catch {
      return false;
    }
  });
}

async function build(dir, out, manifest) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [packagesByAbsolutePath],
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => {
    const path = isAbsolute(p) ? p : join(ROOT, p);
    const s = statSync(path);
    return [path, s.size, s.mtimeMs];
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Written under temporary names and renamed, so a concurrent run never reads half a file.
  const tmp = `${out}.${process.pid}`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, out);
  writeFileSync(`${manifest}.${process.pid}`, JSON.stringify({ format: FORMAT, esbuild: esbuild.version, inputs }));
  renameSync(`${manifest}.${process.pid}`, manifest);
}

// The bundle lives outside the checkout, where bare imports would not resolve: packages are left
// external but referred to by the file esbuild resolves them to.
const packagesByAbsolutePath = {
  name: 'packages-by-absolute-path',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('node:') || args.pluginData === 'resolving') return undefined;
      const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
      if (r.errors.length > 0) return { errors: r.errors };
      return { path: pathToFileURL(r.path).href, external: true };
    });
  },
};
