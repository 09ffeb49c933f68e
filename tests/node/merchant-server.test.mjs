// The example merchant server's Alipay request (examples/merchant-server/alipay.mjs), built with
// the official alipay-sdk from verifyChoice() and paymentParams(): its signature verifies with the
// sandbox public key generated on the first run, by Alipay's own rule written out here, and its
// biz_content carries the Huabei fields for a Huabei plan and none for pay in full.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { alipayClient, decode, pagePayUrl, sandboxKeys, SANDBOX_GATEWAY, yuan } from '../../examples/merchant-server/alipay.mjs';
import { priceOrder, defaultCatalogue } from '../../examples/merchant-server/catalogue.mjs';
import { readReport } from '../../examples/merchant-server/server.mjs';

const require = createRequire(import.meta.url);
const ig = require('../../pkg/node/instalment_guard.js');

/**
 * Alipay's request signature check, written from its documentation rather than taken from the
 * SDK: every parameter except `sign`, sorted by name, joined as name=value with "&", verified
 * with RSA-SHA256 (sign_type RSA2) against the app's public key.
 */
function verifiesWith(url, publicKey) {
  const params = Object.fromEntries(new URL(url).searchParams);
  const { sign, ...rest } = params;
  const content = Object.keys(rest).sort().map((k) => `${k}=${rest[k]}`).join('&');
  assert.equal(params.sign_type, 'RSA2');
  return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKey, sign, 'base64');
}

let dir;
let keys;
let client;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'merchant-keys-'));
  keys = sandboxKeys(dir);
  client = alipayClient(keys);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const TOTAL = 480690;
function request(planId, preset = 'huabei') {
  const verified = ig.verifyChoice({ amountMinor: TOTAL, currency: 'CNY', planId, preset });
  return pagePayUrl(client, {
    outTradeNo: 'demo-1',
    totalMinor: TOTAL,
    subject: '好物集订单 demo',
    instalmentFields: ig.paymentParams(verified, 'alipay'),
    returnUrl: 'http://127.0.0.1/orders/demo',
  });
}

describe('the example server signs its Alipay request', () => {
  it('generates the sandbox keys on the first run, marked sandbox-only, and reuses them', () => {
    assert.match(readFileSync(join(dir, 'SANDBOX-ONLY.txt'), 'utf8'), /SANDBOX ONLY/);
    assert.equal(statSync(join(dir, 'app-private-key.pem')).mode & 0o077, 0, 'the private key is private');
    assert.deepEqual(sandboxKeys(dir), keys);
  });

  it('a chosen Huabei plan: the signed form verifies and carries hb_fq_num and hb_fq_seller_percent', () => {
    for (const [planId, preset, percent] of [
      ['huabei-6', 'huabei', '0'],
      ['huabei-12', 'huabei-interest-free', '100'],
    ]) {
      const url = request(planId, preset);
      assert.ok(url.startsWith(SANDBOX_GATEWAY), url);
      assert.ok(verifiesWith(url, keys.publicKey), 'the signature verifies with the generated public key');
      const { params, bizContent } = decode(url);
      assert.equal(params.method, 'alipay.trade.page.pay');
      assert.deepEqual(bizContent.extend_params, { hb_fq_num: planId.split('-')[1], hb_fq_seller_percent: percent });
      assert.equal(bizContent.enable_pay_channels, 'pcreditpayInstallment');
      assert.equal(bizContent.total_amount, '4806.90');
      assert.equal(bizContent.out_trade_no, 'demo-1');
    }
  });

  it('pay in full: the signed form verifies and carries no instalment field', () => {
    const url = request(null);
    assert.ok(verifiesWith(url, keys.publicKey));
    const { bizContent } = decode(url);
    assert.equal(bizContent.extend_params, undefined);
    assert.equal(bizContent.enable_pay_channels, undefined);
    assert.doesNotMatch(url, /hb_fq_num|hb_fq_seller_percent|pcreditpayInstallment/);
  });

  it('an altered form no longer verifies, nor one signed by other keys', () => {
    const url = new URL(request('huabei-6'));
    const biz = JSON.parse(url.searchParams.get('biz_content'));
    biz.extend_params.hb_fq_num = '12';
    url.searchParams.set('biz_content', JSON.stringify(biz));
    assert.equal(verifiesWith(url.href, keys.publicKey), false);
    const other = mkdtempSync(join(tmpdir(), 'merchant-keys-'));
    try {
      assert.equal(verifiesWith(request('huabei-6'), sandboxKeys(other).publicKey), false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('builds the URL without opening a connection', () => {
    const connect = Socket.prototype.connect;
    let attempts = 0;
    Socket.prototype.connect = function refuse() {
      attempts += 1;
      throw new Error('the example must not connect anywhere');
    };
    try {
      request('huabei-3');
      request(null);
    } finally {
      Socket.prototype.connect = connect;
    }
    assert.equal(attempts, 0);
  });

  it('writes fen as yuan exactly', () => {
    assert.deepEqual([0, 5, 100, 480690, 9007199254740991].map(yuan), ['0.00', '0.05', '1.00', '4806.90', '90071992547409.91']);
  });
});

describe("the example server's own total and the guard's report", () => {
  it('prices the cart from its catalogue, never from the amount the page sent', () => {
    const form = new URLSearchParams('qty_fridge=1&qty_kettle=1&qty_deodoriser=1&qty_boxes=1&coupon=1&amount_minor=1');
    assert.equal(priceOrder(form, defaultCatalogue()).totalMinor, TOTAL);
    const small = new URLSearchParams('qty_kettle=2&coupon=1');
    assert.equal(priceOrder(small, defaultCatalogue()).totalMinor, 2 * 12900 - 2000);
    assert.equal(priceOrder(new URLSearchParams('qty_deodoriser=1&coupon=1'), defaultCatalogue()).totalMinor, 3990);
    for (const bad of ['', 'qty_fridge=0', 'qty_fridge=100', 'qty_fridge=1.5', 'qty_tv=1', 'qty_fridge=1&qty_fridge=2']) {
      assert.ok(priceOrder(new URLSearchParams(bad), defaultCatalogue()).error, bad);
    }
  });

  it('reads the report field as untrusted: reminded, quiet with codes, or unknown', () => {
    const read = (q) => readReport(new URLSearchParams(q));
    assert.deepEqual(read('instalment_guard=reminded'), { reminded: true, quietReasons: [] });
    assert.deepEqual(read('instalment_guard=quiet:UNLIKELY,HEAVY_REPAYMENTS'), { reminded: false, quietReasons: ['UNLIKELY', 'HEAVY_REPAYMENTS'] });
    assert.deepEqual(read('instalment_guard=quiet:<img>,PLAN_SELECTED'), { reminded: false, quietReasons: ['PLAN_SELECTED'] });
    assert.deepEqual(read('instalment_guard=yes'), { reminded: null, quietReasons: [] });
    assert.deepEqual(read(''), { reminded: null, quietReasons: [] });
    // The demo's own fields, when the guard's is absent.
    assert.deepEqual(read('reminded=0&quiet_reasons=UNLIKELY'), { reminded: false, quietReasons: ['UNLIKELY'] });
  });
});

it('keeps the generated keys out of the repository', () => {
  const ignore = readFileSync(new URL('../../examples/merchant-server/.gitignore', import.meta.url), 'utf8');
  assert.match(ignore, /^sandbox-only-keys\/$/m);
});
