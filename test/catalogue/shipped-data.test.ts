import * as fs from 'fs';
import * as path from 'path';
import { INDEX_VERSIONS } from '../../src/indexes/index-versions';
import { fixtureText } from './helpers';

describe('the shipped data invents no criterion', () => {
  it('built-in index versions carry no criteria unless marked verified', () => {
    for (const v of INDEX_VERSIONS) {
      const criteriaAllowed = v.criteriaProvenance?.verified === true;
      expect([v.id, v.criteria.length > 0 && !criteriaAllowed]).toEqual([v.id, false]);
    }
  });

  it('no source file contains a criterion of the test catalogues', () => {
    const fixtureCodes = fixtureText('synthetic-1827-43.csv').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(';')[3]);
    expect(fixtureCodes).toHaveLength(43);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(path.join(__dirname, '..', '..', 'src'));
    const offending = files.filter((f) => /Tiêu chí thử nghiệm|dữ liệu giả lập/.test(fs.readFileSync(f, 'utf8')));
    expect(offending).toEqual([]);
  });
});
