import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countyDivisions, isRegionCode, regionChildren, regionName, regionPath, validateRegionCode } from './region.ts';
import { allCounties } from './region-data.ts';
import { regionNameVariants } from './region-names.ts';

describe('region lookups', () => {
  it('names provinces, cities and counties by their 6-digit codes', () => {
    assert.equal(regionName('340000'), '安徽省');
    assert.equal(regionName('340100'), '合肥市');
    assert.equal(regionName('340121'), '长丰县');
    assert.equal(regionName('999999'), undefined);
  });

  it('gives the path with placeholder rows such as 市辖区 left out of the full name', () => {
    const p = regionPath('110101001');
    assert.equal(p?.level, 'township');
    assert.equal(p?.city?.name, '市辖区');
    assert.deepEqual(p?.names, ['北京市', '东城区', '东华门街道']);
    assert.equal(p?.fullName, '北京市东城区东华门街道');
  });

  it('finds villages by 12-digit code and a county’s townships with their villages', () => {
    assert.equal(regionName('110101001001'), '多福巷社区居委会');
    assert.equal(regionPath('110101001001')?.village?.name, '多福巷社区居委会');
    const tree = countyDivisions('340121');
    assert.ok(tree && tree.townships.length > 0);
    for (const t of tree.townships) {
      assert.ok(t.township.code.startsWith('340121') && t.township.code.length === 9);
      for (const v of t.villages) assert.ok(v.code.startsWith(t.township.code) && v.code.length === 12);
    }
    assert.ok(tree.townships.some((t) => t.villages.length > 0));
    assert.equal(countyDivisions('340100'), undefined);
  });

  it('treats a city without counties (东莞) as its own county', () => {
    const p = regionPath('441900');
    assert.equal(p?.county?.name, '东莞市');
    assert.equal(p?.fullName, '广东省东莞市');
    assert.ok(regionChildren('441900').every((t) => t.level === 'township' && t.code.startsWith('441900')));
    assert.ok((countyDivisions('441900')?.townships.length ?? 0) > 0);
  });

  it('lists children one level down in code order', () => {
    const cities = regionChildren('340000');
    assert.ok(cities.length > 0 && cities.every((c) => c.level === 'city' && c.code.startsWith('34')));
    const codes = cities.map((c) => c.code);
    assert.deepEqual(codes, [...codes].sort());
  });

  it('knows every county of the table and each one’s path ends in its own name', () => {
    const counties = allCounties();
    fc.assert(fc.property(fc.constantFrom(...counties), (c) => {
      assert.equal(isRegionCode(c.code), true);
      assert.equal(regionPath(c.code)?.county?.name, c.name);
    }));
  });
});

describe('validateRegionCode', () => {
  it('accepts 6, 9 and 12-digit codes in the table', () => {
    for (const code of ['340121', '340000', '110101001', '110101001001']) assert.deepEqual(validateRegionCode(code), { ok: true, value: code });
  });

  it('reduces zero-padded 12-digit codes with a note', () => {
    const r = validateRegionCode('340121000000');
    assert.ok(r.ok && r.value === '340121' && r.notes?.length === 1);
  });

  it('explains wrong lengths, non-digits and unknown codes', () => {
    const reason = (raw: string) => {
      const r = validateRegionCode(raw);
      return r.ok ? '' : r.reason.en;
    };
    assert.match(reason('3401'), /got 4/);
    assert.match(reason('34012A'), /digits only/);
    assert.match(reason('340199'), /not in the division table/);
  });
});

describe('regionNameVariants', () => {
  it('drops the level suffix and ethnic names of autonomous divisions', () => {
    assert.deepEqual(regionNameVariants({ name: '长丰县', level: 'county' }), ['长丰县', '长丰']);
    assert.deepEqual(regionNameVariants({ name: '峨边彝族自治县', level: 'county' }), ['峨边彝族自治县', '峨边县', '峨边']);
    assert.deepEqual(regionNameVariants({ name: '广西壮族自治区', level: 'province' }), ['广西壮族自治区', '广西']);
    assert.deepEqual(regionNameVariants({ name: '东华门街道', level: 'township' }), ['东华门街道', '东华门']);
    assert.deepEqual(regionNameVariants({ name: '费岗村民委员会', level: 'village' }), ['费岗村民委员会', '费岗村', '费岗']);
  });

  it('never offers a one-character short form', () => {
    assert.deepEqual(regionNameVariants({ name: '赵县', level: 'county' }), ['赵县']);
  });
});
