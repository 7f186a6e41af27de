#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx shutong` needs no build step. `link` runs from a
// cached bundle when it can (bin/link-bundle.js): a small link should not pay for tsx's start-up
// and every module's commands. SHUTONG_CLI_TSX=1 always takes the tsx path.
if (process.argv[2] === 'link' && process.env.SHUTONG_CLI_TSX !== '1') {
  const { linkBundle } = await import('./link-bundle.js');
  const bundle = await linkBundle();
  if (bundle !== undefined) {
    await import(bundle);
  } else await viaTsx();
} else await viaTsx();

async function viaTsx() {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main/cli.ts');
}
