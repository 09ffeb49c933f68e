// An example merchant server for the demo storefront, on Node's own http module:
//   node examples/merchant-server/server.mjs [--port 8080] [--no-build]
// It serves the storefront (www/, built by Vite into www/dist), receives the checkout's POST,
// checks the shopper's plan with verifyChoice() against its own order total, builds the signed
// Alipay request with paymentParams() and the official alipay-sdk, and shows the order page with
// the fields it would send and <instalment-remedy> for help after paying. It never sends
// anything anywhere, and nothing here is in any page's download.
//
// Orders live in memory (a Map): they are gone when the server stops. A real shop keeps them in
// its order database, written in the same transaction that reserves the stock, with the verified
// choice (plan and estimate) stored beside the order so the payment and the receipt use exactly
// the figures the shopper was shown.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { defaultCatalogue, priceOrder } from './catalogue.mjs';
import { alipayClient, decode, pagePayUrl, sandboxKeys } from './alipay.mjs';
import { LOCALES, orderPage, refusalPage } from './pages.mjs';

// The package's Node build. In your own server: import { verifyChoice, paymentParams } from
// 'instalment-guard' (or require it); here it is the build in this repository's pkg/node.
const require = createRequire(import.meta.url);
const { verifyChoice, paymentParams } = require('../../pkg/node/instalment_guard.js');

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO = join(HERE, '..', '..');
const DIST = join(REPO, 'www', 'dist');
export const KEYS_DIR = join(HERE, 'sandbox-only-keys');

// The policy the demo's pages are written for (www/vite.config.js sends it in preview too).
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

// What this shop offers for each payment method of its checkout: the same presets the page's
// <instalment-guard> uses (www/js/checkout.js). A balance payment has no instalments.
const OFFERS = { huabei: 'huabei', card: 'credit-card-cn' };

/** Builds the storefront into www/dist with the repository's Vite config. */
export function buildStorefront() {
  const vite = join(REPO, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', '--config', 'www/vite.config.js', '--logLevel', 'warn'], {
    cwd: REPO,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('vite build failed: run `bash scripts/build.sh web` first');
}

/**
 * What the guard reported in the form (API.md, "Entries"): `instalment_guard` = "reminded" or
 * "quiet:CODE,CODE". It comes from the page, so it is untrusted: it only decides whether the order
 * page offers help, never what is charged. Absent or malformed means unknown (reminded: null).
 * The demo's own older fields (reminded=1, quiet_reasons) are read when the guard's are absent.
 */
export function readReport(form) {
  const codes = (list) => list.filter((r) => /^[A-Z_]{1,40}$/.test(r)).slice(0, 16);
  const raw = form.get('instalment_guard');
  if (raw === 'reminded') return { reminded: true, quietReasons: [] };
  if (raw?.startsWith('quiet:')) return { reminded: false, quietReasons: codes(raw.slice(6).split(',')) };
  if (raw == null && form.has('reminded')) {
    const reminded = form.get('reminded') === '1';
    return { reminded, quietReasons: reminded ? [] : codes((form.get('quiet_reasons') ?? '').split(' ')) };
  }
  return { reminded: null, quietReasons: [] };
}

/**
 * The server. `catalogue` (item → fen) may be changed while it runs: the shop repricing an item
 * between the checkout page and the submit. Resolves to { origin, orders, catalogue, publicKey, close }.
 */
export async function startMerchantServer({ port = 0, catalogue = defaultCatalogue(), keysDir = KEYS_DIR } = {}) {
  const keys = sandboxKeys(keysDir);
  const alipay = alipayClient(keys);
  const orders = new Map();
  // The order page sits at /orders/<id>: its relative asset URLs (Vite's base './') are made
  // absolute, or they would resolve under /orders/.
  const template = async () => (await readFile(join(DIST, 'order.html'), 'utf8')).replaceAll('="./', '="/');
  let origin = '';

  /** The checkout page, priced from the catalogue, its form posting to this server. */
  async function checkoutPage() {
    let html = await readFile(join(DIST, 'index.html'), 'utf8');
    const form = 'action="done.html" method="get"';
    if (!html.includes(form)) throw new Error('www/index.html no longer has the form this server expects');
    html = html.replace(form, 'action="/orders" method="post"');
    html = html.replace(/data-item="(\w+)" data-price-minor="\d+"/g, (m, item) =>
      Object.hasOwn(catalogue, item) ? `data-item="${item}" data-price-minor="${catalogue[item]}"` : m);
    // This server is the shop in China; the page's "shop abroad" preview has no server behind it.
    return html.replace('<select id="shop">', '<select id="shop" disabled>');
  }

  /** One payment request for `order`: the verified choice's fields merged into Alipay's. */
  function attempt(order, verified) {
    const n = order.attempts.length + 1;
    // A new out_trade_no for each request: Alipay keeps the instalment terms of the first
    // request made with an order number.
    const base = { verified, outTradeNo: `${order.id}-${n}` };
    let instalmentFields;
    try {
      instalmentFields = paymentParams(verified, 'alipay');
    } catch (e) {
      if (e.code !== 'UNSUPPORTED_BY_PROVIDER') throw e;
      return { ...base, url: null, unsupported: e.code };
    }
    const url = pagePayUrl(alipay, {
      outTradeNo: base.outTradeNo,
      totalMinor: order.totalMinor,
      subject: `好物集订单 ${order.id}`,
      instalmentFields,
      returnUrl: `${origin}/orders/${order.id}`,
    });
    return { ...base, url, fields: decode(url) };
  }

  async function placeOrder(form, res) {
    const locale = LOCALES.includes(form.get('lang')) ? form.get('lang') : 'zh-CN';
    const refuse = async (why, extra = {}) =>
      send(res, 409, refusalPage(await template(), { locale, why, ...extra }));
    const payMethod = form.get('pay_method');
    const priced = priceOrder(form, catalogue);
    if (priced.error || !['huabei', 'balance', 'card'].includes(payMethod)) return refuse('cart');
    const planId = form.get('instalment_plan') || null;
    // What the page showed: its data-amount-minor at submit, sent as amount_minor.
    const shown = form.get('amount_minor');
    const shownAmountMinor = /^\d{1,15}$/.test(shown ?? '') ? Number(shown) : undefined;
    if (payMethod === 'balance' && planId && planId !== 'none') return refuse('plan');
    let verified;
    try {
      verified = verifyChoice({
        amountMinor: priced.totalMinor, // the server's own total, never the page's
        currency: 'CNY',
        planId,
        preset: OFFERS[payMethod] ?? 'huabei',
        shownAmountMinor,
      });
    } catch (e) {
      if (e.code === 'INVALID_CHOICE' && e.field === 'amountMinor') {
        return refuse('changed', { nowMinor: priced.totalMinor, shownMinor: shownAmountMinor });
      }
      if (e.code === 'INVALID_CHOICE') return refuse('plan');
      throw e;
    }
    const order = {
      id: randomBytes(5).toString('hex'),
      createdAt: new Date().toISOString(),
      locale,
      payMethod,
      preset: OFFERS[payMethod] ?? null,
      lines: priced.lines,
      couponMinor: priced.couponMinor,
      totalMinor: priced.totalMinor,
      report: readReport(form),
      status: 'awaiting',
      attempts: [],
    };
    order.attempts.push(attempt(order, verified));
    orders.set(order.id, order);
    redirect(res, `/orders/${order.id}`);
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    if (req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      if (path === '/orders') return placeOrder(form, res);
      const m = path.match(/^\/orders\/([0-9a-f]{10})\/(result|pay-in-full)$/);
      const order = m && orders.get(m[1]);
      if (!order) return send(res, 404, 'no such order', 'text/plain; charset=utf-8');
      const last = order.attempts.at(-1);
      if (m[2] === 'result' && order.status === 'awaiting' && last.url) {
        // Stands in for Alipay's asynchronous notification (notify_url), which a real server
        // verifies with Alipay's public key (alipay-sdk's checkNotifySign) before believing it.
        const result = form.get('result');
        if (result === 'paid') order.status = 'paid';
        else if (result === 'declined' && last.verified.planId) order.status = 'declined';
      } else if (m[2] === 'pay-in-full' && order.status === 'declined') {
        // Huabei declined the instalments: a new request for the same total, paid in full.
        const full = verifyChoice({ amountMinor: order.totalMinor, currency: 'CNY', planId: null, preset: order.preset ?? 'huabei' });
        order.attempts.push(attempt(order, full));
        order.status = 'awaiting';
      }
      return redirect(res, `/orders/${order.id}`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed', 'text/plain; charset=utf-8');
    if (path === '/' || path === '/index.html') return send(res, 200, await checkoutPage());
    const m = path.match(/^\/orders\/([0-9a-f]{10})$/);
    if (m) {
      const order = orders.get(m[1]);
      if (!order) return send(res, 404, 'no such order', 'text/plain; charset=utf-8');
      return send(res, 200, orderPage(await template(), order));
    }
    if (path === '/favicon.ico') return send(res, 204, '');
    return staticFile(path, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!e.status) console.error(e);
      if (!res.headersSent) send(res, e.status ?? 500, e.status ? e.message : 'server error', 'text/plain; charset=utf-8');
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    orders,
    catalogue,
    publicKey: keys.publicKey,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function headers(type) {
  return { 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
}

function send(res, status, text, type = 'text/html; charset=utf-8') {
  res.writeHead(status, headers(type));
  res.end(text);
}

function redirect(res, location) {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

/** The request body, at most 64 kB: a checkout form is a few hundred bytes. */
async function body(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 65536) throw Object.assign(new Error('form too large'), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function staticFile(path, res) {
  const file = normalize(join(DIST, path));
  if (!file.startsWith(DIST + sep)) throw Object.assign(new Error('not found'), { status: 404 });
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw Object.assign(new Error('not found'), { status: 404 });
  send(res, 200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
}

// Run directly: build the storefront (unless --no-build), then serve.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const port = Number(args[args.indexOf('--port') + 1]) || 8080;
  if (!args.includes('--no-build') || !existsSync(join(DIST, 'order.html'))) buildStorefront();
  const { origin } = await startMerchantServer({ port });
  console.log(`The demo shop and its merchant server: ${origin}/`);
  console.log('Orders are kept in memory; the Alipay keys in sandbox-only-keys/ are for the sandbox only.');
}
