import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { analyzeDumpFile } from '../src/commandLine/memory/analyzeDumpFile';
import { openFileSource, RdbParser } from '../src/core/rdb';

/**
 * One measurement in a fresh process, so its peak RSS belongs to this file alone:
 * `read` reads the file in 1 MiB chunks and does nothing else, `parse` runs the RDB parser
 * (checksum verified), `analyze` the whole memory report. Prints one JSON line.
 */
const [mode, file] = process.argv.slice(2);

function plainRead(path: string): number {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  let total = 0;
  let xor = 0;
  for (let got = readSync(fd, buffer, 0, buffer.length, null); got > 0; got = readSync(fd, buffer, 0, buffer.length, null)) {
    total += got;
    xor ^= buffer[0];
  }
  closeSync(fd);
  return total + (xor & 0);
}

function parse(path: string): number {
  const source = openFileSource(path);
  const parser = new RdbParser(source);
  let keys = 0;
  for (let record = parser.next(); record; record = parser.next()) keys++;
  source.close();
  return keys;
}

const started = performance.now();
const cpuBefore = process.cpuUsage();
const result = mode === 'read' ? plainRead(file) : mode === 'parse' ? parse(file) : analyzeDumpFile(file, 100).report.totalKeys;
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const fd = openSync(file, 'r');
const size = fstatSync(fd).size;
closeSync(fd);
process.stdout.write(`${JSON.stringify({ mode, ms, cpuMs, result, size, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
