import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'shutong-cli-'));
// The CLI works on the embedded store under DATA_DIR; DATABASE_URL is cleared so a CI variable cannot redirect it.
const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
const shutong = (...args: string[]) => run(process.execPath, ['bin/shutong.js', ...args], { env, maxBuffer: 64 * 1024 * 1024 });

describe('catalog CLI', () => {
  before(async () => {
    await shutong('seed-demo');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exports the published demo catalog as DCAT JSON-LD on stdout', async () => {
    const { stdout } = await shutong('catalog', 'export', '--format', 'dcat');
    const doc = JSON.parse(stdout);
    assert.equal(doc['@type'], 'dcat:Catalog');
    assert.ok(doc['dcat:dataset'].length >= 20);
    for (const d of doc['dcat:dataset']) {
      assert.ok(d['dct:title']['@value'] && d['dct:description']['@value']);
      assert.ok(d['dcat:distribution'][0]['dcat:accessURL']['@id']);
    }
  });

  it('exports the Excel template and imports it back unchanged in count', async () => {
    const file = join(dir, 'catalog.xlsx');
    await shutong('catalog', 'export', '--format', 'xlsx', '--out', file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    assert.ok(wb.worksheets[0]!.rowCount > 30);
    const { stdout } = await shutong('catalog', 'import', '--file', file);
    assert.match(stdout, /已导入 \d+ 项/);
  });

  it('fails with a message and a non-zero exit on a malformed file and a bad format', async () => {
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, 'not excel');
    await assert.rejects(shutong('catalog', 'import', '--file', bad), (e: { code: number; stderr: string }) => e.code === 1 && /Excel/.test(e.stderr));
    await assert.rejects(shutong('catalog', 'export', '--format', 'pdf'), (e: { code: number; stderr: string }) => e.code !== 0 && /format/.test(e.stderr));
    assert.ok(readFileSync(bad, 'utf8') === 'not excel');
  });
});
