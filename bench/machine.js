// What the numbers were measured on: they mean little without it.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machine(chromiumVersion) {
  const lscpu = run('lscpu', []) ?? '';
  const model = /^Model name:\s*(.+)$/m.exec(lscpu)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  return {
    nproc: Number(run('nproc', [])) || cpus().length,
    cpuModel: model,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: run('uname', ['-srm']),
    node: process.version,
    chromium: chromiumVersion ?? run('/usr/bin/chromium', ['--version']),
    date: new Date().toISOString(),
    // Other work on the machine moves every timing; the load average says how much there was.
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
