import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogService } from '../catalog/service.ts';
import { demoResources } from '../demo/index.ts';
import type { Manifest } from '../demo/index.ts';
import type { Principal } from '../identity/principal.ts';
import type { IngestService } from './service.ts';
import type { BatchReport } from './views.ts';

/**
 * Imports every department file of a generated demo county (OUT/manifest.json) into its published
 * catalog resource, as the departments would upload them: one snapshot batch per file. The
 * resource's required items (必填项) are set from the manifest first, so that the quarantine matches
 * what the generator marks invalid. A file that fails is reported and the others still load.
 *
 * @example
 * const results = await loadDemoData(services, 'data/demo', { log: (m) => console.error(m) });
 * results.every((r) => r.report && r.report.accepted + r.report.quarantined === r.report.rowsRead); // true
 */
export interface DemoLoadResult {
  readonly file: string;
  readonly resourceCode: string | null;
  readonly report: BatchReport | null;
  readonly error: string | null;
}

export const DEMO_LOADER: Principal = { kind: 'system', id: 'demo-loader', name: '示范数据加载 / demo loader', departmentId: null, departmentCode: null, roles: ['platform_admin'] };

export async function loadDemoData(
  services: { readonly ingest: IngestService; readonly catalog: CatalogService },
  dir: string,
  options: { readonly actor?: Principal; readonly log?: (message: string) => void; readonly only?: readonly string[] } = {},
): Promise<DemoLoadResult[]> {
  const actor = options.actor ?? DEMO_LOADER;
  const log = options.log ?? (() => {});
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const published = await services.catalog.published();
  const results: DemoLoadResult[] = [];
  for (const file of manifest.files) {
    if (options.only && !options.only.includes(file.key)) continue;
    const seed = demoResources.find((r) => r.sourceFile === file.key);
    const resource = seed && published.find((r) => r.name === seed.name && r.provider.departmentCode === seed.providerCode);
    if (!resource) {
      results.push({ file: file.key, resourceCode: null, report: null, error: `目录中没有对应的已发布资源 / no published resource for ${file.key}` });
      log(`${file.key}: 跳过，目录中没有对应资源 / skipped, no resource`);
      continue;
    }
    try {
      const names = new Set(resource.items.map((i) => i.name));
      await services.ingest.putProfile(resource.code, { required: file.columns.filter((c) => c.required && names.has(c.header)).map((c) => c.header) }, actor);
      const report = await services.ingest.submit(resource.code, { kind: 'file', path: join(dir, file.path), fileName: file.path.split('/').pop() }, { actor, source: 'demo', mode: 'snapshot' });
      results.push({ file: file.key, resourceCode: resource.code, report, error: null });
      log(`${file.key} → ${resource.code}：读取 ${report.rowsRead} 行，接收 ${report.accepted}，隔离 ${report.quarantined} / read, accepted, quarantined`);
    } catch (error) {
      results.push({ file: file.key, resourceCode: resource.code, report: null, error: (error as Error).message });
      log(`${file.key}: 导入失败 / failed: ${(error as Error).message}`);
    }
  }
  return results;
}
