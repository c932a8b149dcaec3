#!/usr/bin/env node
// Converts the npm package idn-area-data (Kemendagri regions; code MIT, data ODbL) into the compact
// assets/regions/regions.tsv that core's RegionTable loads.
//
//   node scripts/build-regions.mjs <unpacked-package-dir> assets/regions/regions.tsv
//
// Output: '#' header lines (source package + version, ODbL notice), then one line per region,
// `code<TAB>name`, undotted codes (2/4/6/10 digits), sorted by code. No dependencies: plain Node >= 18.
//
// Name normalisation (the dataset is already in mixed case; we only make it consistent):
//   - whitespace trimmed and collapsed; spaces around a hyphen removed ("Iker - iker" -> "Iker-iker");
//   - every space-separated word starts with a capital ("Dama pulo" -> "Dama Pulo"), except the
//     conjunction "dan" and the "x" in "2 x 11"; the rest of each word is kept as written, so
//     acronyms and Roman numerals ("UPT", "VII Koto") survive;
//   - a double quote or a curly apostrophe inside a name is the dataset's apostrophe ("Soka""an"):
//     written as a plain ASCII apostrophe ("Soka'an");
//   - regencies: "Kabupaten X" is shortened to "Kab. X", the abbreviation used on Indonesian forms and
//     addresses; "Kota X" stays. Province, district and village names keep their full official form.

import fs from 'node:fs';
import path from 'node:path';

const LEVELS = [
  { file: 'provinces.csv', digits: 2, parentColumn: null },
  { file: 'regencies.csv', digits: 4, parentColumn: 'province_code' },
  { file: 'districts.csv', digits: 6, parentColumn: 'regency_code' },
  { file: 'villages.csv', digits: 10, parentColumn: 'district_code' },
];

function fail(message) {
  console.error(`build-regions: ${message}`);
  process.exit(1);
}

// RFC 4180 CSV: quoted fields may hold commas and doubled quotes. Returns an array of records.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) fail('unterminated quoted CSV field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

const LOWERCASE_WORDS = new Set(['dan', 'x']);

function normaliseName(raw, digits) {
  let name = raw
    .replace(/["\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*-\s*/g, '-');
  name = name
    .split(' ')
    .map((w) => (LOWERCASE_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
  if (digits === 4) name = name.replace(/^Kabupaten /, 'Kab. ');
  return name;
}

function main() {
  const [pkgDir, outPath] = process.argv.slice(2);
  if (!pkgDir || !outPath) fail('usage: node scripts/build-regions.mjs <unpacked-package-dir> <out.tsv>');
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.name !== 'idn-area-data') fail(`${pkgDir} holds ${pkg.name}, not idn-area-data`);

  const names = new Map(); // undotted code -> name
  for (const level of LEVELS) {
    const rows = parseCsv(fs.readFileSync(path.join(pkgDir, 'data', level.file), 'utf8'));
    const header = rows.shift();
    const codeAt = header.indexOf('code');
    const nameAt = header.indexOf('name');
    const parentAt = level.parentColumn ? header.indexOf(level.parentColumn) : -1;
    if (codeAt < 0 || nameAt < 0 || (level.parentColumn && parentAt < 0)) {
      fail(`${level.file}: unexpected header ${header.join(',')}`);
    }
    for (const [i, row] of rows.entries()) {
      const where = `${level.file}:${i + 2}`;
      if (row.length !== header.length) fail(`${where}: ${row.length} fields, expected ${header.length}`);
      const code = row[codeAt].replace(/\./g, '');
      if (!new RegExp(`^[0-9]{${level.digits}}$`).test(code)) fail(`${where}: bad code ${row[codeAt]}`);
      if (names.has(code)) fail(`${where}: duplicate code ${row[codeAt]}`);
      if (parentAt >= 0) {
        const parent = row[parentAt].replace(/\./g, '');
        if (!code.startsWith(parent) || !names.has(parent)) fail(`${where}: bad parent ${row[parentAt]}`);
      }
      const name = normaliseName(row[nameAt], level.digits);
      if (name === '' || /[\t\n\r]/.test(name)) fail(`${where}: bad name ${JSON.stringify(row[nameAt])}`);
      names.set(code, name);
    }
  }

  const codes = [...names.keys()].sort();
  const out = [
    `# Kemendagri administrative regions: code<TAB>name, undotted codes (2/4/6/10 digits), sorted by code.`,
    `# Generated by scripts/build-regions.mjs from the npm package ${pkg.name} ${pkg.version}; do not edit by hand.`,
    `# Contains information from ${pkg.name} (https://github.com/fityannugroho/idn-area-data), which is made`,
    `# available here under the Open Database License (ODbL) https://opendatacommons.org/licenses/odbl/1-0/`,
    `# See ATTRIBUTION.md and LICENSE-ODbL.md beside this file.`,
    ...codes.map((c) => `${c}\t${names.get(c)}`),
  ];
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, `${out.join('\n')}\n`);
  const count = (d) => codes.filter((c) => c.length === d).length;
  console.log(
    `build-regions: ${pkg.name} ${pkg.version} -> ${outPath}: ${codes.length} regions ` +
      `(${count(2)} provinces, ${count(4)} regencies, ${count(6)} districts, ${count(10)} villages)`,
  );
}

main();
