import assert from 'node:assert/strict';
import { defaultThresholds, MemoryReportBuilder, type MemoryKeyInput, type MemoryReport, type PatternEntry } from '../../../../src/core/memory';
import { prefixChildren, treemapLevels } from '../../../../src/core/memory/prefixTree';
import { csvField, markdownCode, reportToCsv, reportToJson, reportToMarkdown } from '../../../../src/core/memory/reportExport';

function input(name: string | Buffer, over: Partial<MemoryKeyInput> = {}): MemoryKeyInput {
  return { db: 0, key: Buffer.isBuffer(name) ? name : Buffer.from(name), type: 'string', encoding: 'embstr', memoryBytes: 64, elements: 5, ttlMs: null, idleSeconds: null, lfuFreq: null, maxElementBytes: 0, ...over };
}

const HOSTILE = ['=cmd|"/c calc"!A1', 'a,b', 'say "hi"', 'line\nbreak', '<img src=x onerror=alert(1)>', 'pipe|`tick`', ' lead'];

function hostileReport(): MemoryReport {
  const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10) });
  HOSTILE.forEach((name, i) => builder.add(input(name, { memoryBytes: 1000 - i, ttlMs: i === 0 ? 5000 : null })));
  builder.add(input(Buffer.from([0xff, 0x00, 0x0d]), { memoryBytes: 10 }));
  return builder.build();
}

/** A minimal RFC 4180 reader: enough to prove that the writer's quoting round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('memory report export', () => {
  it('CSV: every hostile key name round-trips through an RFC 4180 reader, formulas neutralised', () => {
    const report = hostileReport();
    const rows = parseCsv(reportToCsv(report));
    assert.deepEqual(rows[0], ['kind', 'name', 'db', 'type', 'encoding', 'keys', 'memoryBytes', 'elements', 'ttlMs', 'withTtl']);
    const keyRows = rows.filter((r) => r[0] === 'key');
    assert.equal(keyRows.length, report.topKeys.length);
    for (const row of rows) assert.equal(row.length, 10, `row ${JSON.stringify(row)}`);
    const names = keyRows.map((r) => r[1]);
    // Key names reach the report escaped as the key browser shows them (\n as two characters).
    assert.deepEqual(names.slice(0, HOSTILE.length), report.topKeys.slice(0, HOSTILE.length).map((k) => (k.key.startsWith('=') ? `'${k.key}` : k.key)));
    assert.equal(names[0], `'=cmd|"/c calc"!A1`);
    assert.equal(keyRows[0][8], '5000');
    assert.ok(names.includes(' lead'));
    assert.ok(names.includes('\\xff\\x00\\r'));
  });

  it('CSV fields: quotes, commas, line breaks, edge spaces and formula starts', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a"b'), '"a""b"');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('a\r\nb'), '"a\r\nb"');
    assert.equal(csvField(' x'), '" x"');
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-2'), "'-2");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField(-2), '-2');
    assert.equal(csvField(null), '');
  });

  it('Markdown: names are code spans that cannot break the table or become HTML', () => {
    assert.equal(markdownCode('a|b'), '`a\\|b`');
    assert.equal(markdownCode('has `tick`'), '`` has `tick` ``');
    assert.equal(markdownCode('<img src=x onerror=alert(1)>'), '`<img src=x onerror=alert(1)>`');
    const md = reportToMarkdown(hostileReport(), 'dump.rdb');
    const topTable = md.split('## Top keys by memory')[1].split('##')[0].trim().split('\n');
    // Header, separator, then one row per key; every row has exactly the seven columns.
    assert.equal(topTable.length, 2 + hostileReport().topKeys.length);
    for (const line of topTable) assert.equal(line.split(/(?<!\\)\|/).length - 2, 7, line);
    assert.ok(!/(^|[^`])<img/.test(md.replace(/`[^`]*`/g, '')), 'an <img> outside a code span');
  });

  it('JSON is the whole report', () => {
    const report = hostileReport();
    assert.deepEqual(JSON.parse(reportToJson(report)), report);
  });

  it('prefix tree: children of a path, biggest first, with drill-down flags', () => {
    const patterns: PatternEntry[] = [
      { pattern: 'user:*:profile', keys: 10, memoryBytes: 500, averageBytes: 50, maxBytes: 60, withTtl: 0, types: { hash: 10 }, inferred: true },
      { pattern: 'user:*:session', keys: 5, memoryBytes: 700, averageBytes: 140, maxBytes: 150, withTtl: 5, types: { string: 5 }, inferred: true },
      { pattern: 'cache:*', keys: 3, memoryBytes: 100, averageBytes: 33, maxBytes: 40, withTtl: 3, types: { string: 3 }, inferred: true },
      { pattern: 'counter', keys: 1, memoryBytes: 50, averageBytes: 50, maxBytes: 50, withTtl: 0, types: { string: 1 }, inferred: true },
    ];
    assert.deepEqual(prefixChildren(patterns, [], ':').map((n) => [n.label, n.memoryBytes, n.keys, n.hasChildren]), [['user', 1200, 15, true], ['cache', 100, 3, true], ['counter', 50, 1, false]]);
    assert.deepEqual(prefixChildren(patterns, ['user', '*'], ':').map((n) => [n.path.join(':'), n.memoryBytes]), [['user:*:session', 700], ['user:*:profile', 500]]);
    assert.deepEqual(prefixChildren(patterns, ['nope'], ':'), []);
    // Laid out: the root and every box that can be drilled into, each inside the box.
    const box = { x: 0, y: 0, width: 960, height: 400 };
    const levels = treemapLevels(patterns, ':', box);
    assert.deepEqual(levels.map((l) => l.path.join(':')).sort(), ['', 'cache', 'user', 'user:*']);
    const root = levels.find((l) => l.path.length === 0);
    assert.deepEqual(root?.boxes.map((b) => [b.label, Math.round(b.width * b.height)]), [['user', Math.round((1200 / 1350) * 960 * 400)], ['cache', Math.round((100 / 1350) * 960 * 400)], ['counter', Math.round((50 / 1350) * 960 * 400)]]);
    for (const b of levels.flatMap((l) => l.boxes)) assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= 960 + 1e-6 && b.y + b.height <= 400 + 1e-6);
  });
});
