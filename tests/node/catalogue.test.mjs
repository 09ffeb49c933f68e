// The per-page entries pick a language's catalogue in JS, before their wasm has arrived
// (js/catalogue.js); the wasm then draws in the language it picks itself (Locale::resolve and
// Locale::from_lang). Both are held to one table, and the shipped catalogues to the build.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { localeTag } from '../../js/catalogue.js';

const root = new URL('../../', import.meta.url);
const LOCALES = JSON.parse(readFileSync(new URL('locales/locales.json', root), 'utf8'));
const table = JSON.parse(readFileSync(new URL('tests/fixtures/locale-tags.json', root), 'utf8'));

describe('the catalogue a page fetches is the language its wasm draws in', () => {
  it('a locale attribute: the same locale, or none for another language (the element reports it)', () => {
    for (const [tag, want] of table.attribute) assert.equal(localeTag(LOCALES, tag, 'zh-CN'), want, tag);
  });
  it("the page's <html lang>: the same locale, Simplified Chinese for none, English for another language", () => {
    for (const [lang, want] of table.pageLang) assert.equal(localeTag(LOCALES, null, lang), want ?? 'en', lang);
  });
});

describe('the shipped catalogues', () => {
  const dir = new URL('pkg/web/', root);
  const files = readdirSync(dir).filter((f) => /^locale-.*\.js$/.test(f));
  const source = (tag) => JSON.parse(readFileSync(new URL(`locales/${tag}.json`, root), 'utf8'));
  const list = async (f) => (await import(new URL(f, dir))).default;

  it('one module per page and locale, each a list with one text per key', async () => {
    assert.equal(files.length, 2 * LOCALES.length, files.join(', '));
    for (const f of files) {
      const [, tag] = /^locale-(.+?)-(?:checkout|order)-[^.]+\.js$/.exec(f);
      assert.equal((await list(f)).length, Object.keys(source(tag)).length, f);
    }
  });

  it("each page's texts in its language, in the keys' sorted order; the other page's left empty", async () => {
    for (const { tag } of LOCALES) {
      const texts = source(tag);
      const keys = Object.keys(texts).sort();
      const of = (page) => list(files.find((f) => f.startsWith(`locale-${tag}-${page}-`)));
      const checkout = await of('checkout');
      const order = await of('order');
      keys.forEach((k, i) => {
        const group = k.split('.')[0];
        assert.equal(checkout[i], ['disclose', 'msg', 'sign'].includes(group) ? texts[k] : '', `checkout ${tag} ${k}`);
        assert.equal(order[i], ['msg', 'remedy', 'remedy_page', 'sign'].includes(group) ? texts[k] : '', `order ${tag} ${k}`);
      });
    }
  });
});
