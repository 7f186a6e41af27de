/**
 * A generated demo county read straight from its department files, as the registries' input
 * (one SourceRecord per row, resource code = the manifest key) with the ground truth of every
 * mention. The benchmark and the accuracy tests use it; records are raw rows (nothing
 * quarantined), which is harder than what aggregation passes on.
 *
 * @example
 * const src = await loadDemoSource('/tmp/county');
 * src.records.length; src.truth.get(mention.ref) // 'P0000042'
 */
import { loadGenerated, demoResources, type LoadedFile } from '../../demo/index.ts';
import { profileResource, type ResourceProfile } from '../profiles.ts';
import { mentionRef, type SourceRecord } from '../records.ts';

export interface DemoSource {
  readonly profiles: ReadonlyMap<string, ResourceProfile>;
  readonly records: readonly SourceRecord[];
  /** Mention ref → true entity id (P…, B…, H…). */
  readonly truth: ReadonlyMap<string, string>;
  /** Person mentions whose ID number is missing or mistyped in the file. */
  readonly badId: ReadonlySet<string>;
  /** Mention ref → the noise kinds planted in its row (`kind@列名`). */
  readonly noise: ReadonlyMap<string, readonly string[]>;
}

const BAD_ID = new Set(['id_missing', 'id_digit_typo', 'id_transpose', 'id_excel_number', 'blank_cell', 'garbage_cell']);
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** The catalog profile of each department file (resource code = the file's manifest key). */
export function demoProfiles(): Map<string, ResourceProfile> {
  const out = new Map<string, ResourceProfile>();
  for (const r of demoResources) {
    if (!r.sourceFile) continue;
    out.set(r.sourceFile, profileResource({
      code: r.sourceFile, name: r.name, departmentId: r.providerCode, departmentCode: r.providerCode, departmentName: r.providerCode,
      items: r.items.map((i) => ({ name: i.name, element: i.element ?? null, isKey: i.isKey ?? false })),
    }));
  }
  return out;
}

export async function loadDemoSource(out: string, options: { at?: string; only?: readonly string[] } = {}): Promise<DemoSource> {
  const generated = await loadGenerated(out);
  const profiles = demoProfiles();
  const records: SourceRecord[] = [];
  const truth = new Map<string, string>();
  const badId = new Set<string>();
  const noise = new Map<string, readonly string[]>();
  const at = options.at ?? '2024-06-30T00:00:00.000Z';
  for (const [key, file] of generated.files) {
    const profile = profiles.get(key);
    if (!profile || (options.only && !options.only.includes(key))) continue;
    for (const [i, rec] of file.records.entries()) {
      const data = rowData(file, i);
      const recordKey = String(rec.row);
      records.push({ resourceCode: key, recordKey, version: 1, batchId: `demo-${key}`, at, data });
      const kinds = rec.noise.map((n) => (n.column ? `${n.kind}@${n.column}` : n.kind));
      for (const m of profile.mentions) {
        const ref = mentionRef(key, recordKey, m.role);
        const id = m.role === '' ? rec.entity_id : m.role === 'employer' ? generated.persons.get(rec.entity_id)?.employer_id : rec.person_id;
        if (id) truth.set(ref, id);
        noise.set(ref, kinds);
        const idItem = m.fields.id_number;
        if (m.kind === 'person' && idItem && rec.noise.some((n) => BAD_ID.has(n.kind) && n.column === idItem)) badId.add(ref);
      }
    }
  }
  return { profiles, records, truth, badId, noise };
}

function rowData(file: LoadedFile, i: number): Record<string, string> {
  const { header, rows } = file.table;
  const row = rows[i] ?? [];
  const out: Record<string, string> = {};
  header.forEach((h, c) => {
    const v = row[c];
    if (v === undefined || v === '') return;
    const col = file.manifest.columns[c];
    if (typeof v === 'number' && col?.check === 'date') out[h] = new Date(EXCEL_EPOCH + v * 86400000).toISOString().slice(0, 10);
    else out[h] = String(v);
  });
  return out;
}
