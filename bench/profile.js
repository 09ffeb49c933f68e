// Where compare() spends its time, by Rust function. The release build strips the wasm's names,
// so bench/profile.sh builds a copy that keeps them; this file runs the workload under
// `node --cpu-prof` and prints the call tree (every node over 1.5% of the samples).
//   node bench/profile.js run  <path to a nodejs-target instalment_guard.js>
//   node bench/profile.js tree <folder of .cpuprofile files>
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLANS, AMOUNT } from './plans.js';

const [mode, target] = process.argv.slice(2);

if (mode === 'run') {
  const ours = createRequire(import.meta.url)(target);
  for (let i = 0; i < 300; i++) ours.compare(AMOUNT, 'CNY', PLANS);
  const n = 5000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) ours.compare(AMOUNT + (i & 7), 'CNY', PLANS);
  console.log(`compare(): ${(((performance.now() - t0) / n) * 1000).toFixed(1)} µs per call (profiling build, opt-level z)`);
} else if (mode === 'tree') {
  const file = readdirSync(target).find((f) => f.endsWith('.cpuprofile'));
  const prof = JSON.parse(readFileSync(join(target, file), 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (const s of prof.samples) self.set(s, (self.get(s) ?? 0) + 1);
  const total = new Map();
  const sum = (id) => {
    let c = self.get(id) ?? 0;
    for (const ch of byId.get(id).children ?? []) c += sum(ch);
    total.set(id, c);
    return c;
  };
  const all = sum(prof.nodes[0].id);
  const label = (n) => n.callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '')
    || `(anonymous ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber})`;
  const print = (id, depth) => {
    const share = total.get(id) / all;
    if (share < 0.015) return;
    const n = byId.get(id);
    // Module loading frames above the workload say nothing: start printing at compare().
    const show = depth >= 0 || label(n) === 'compare';
    if (show) console.log(`${'  '.repeat(Math.max(depth, 0))}${(100 * share).toFixed(1).padStart(5)}%  ${label(n).slice(0, 120)}`);
    for (const ch of n.children ?? []) print(ch, show ? depth + 1 : depth);
  };
  print(prof.nodes[0].id, -1);
} else {
  console.error('usage: node bench/profile.js run <instalment_guard.js> | tree <folder>');
  process.exit(2);
}
