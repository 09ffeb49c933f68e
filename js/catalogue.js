// The shopper's texts for a per-page entry (instalment-guard/checkout, instalment-guard/order).
// Those builds hold no texts: each element fetches the one catalogue of the locale it shows, in
// parallel with the entry's wasm, and hands it over before it draws. The full package and the
// Node build hold every locale and never come here.
//
// Each entry passes in its files, from scripts/entries.mjs: `LOCALES` (locales/locales.json)
// and `LOAD`, for each locale a function that imports its module (a content-hashed chunk whose
// default export lists the texts in the keys' sorted order as build.rs numbers them, with only
// the keys that page reads).
import { fail } from './shell.js';

/**
 * The locale of the catalogue an element needs, by the rule the wasm applies: a `locale`
 * attribute names it (null when it names no language of ours: the element says so itself),
 * else the page's `lang`, where no language means the first locale and another language English.
 */
export function localeTag(LOCALES, requested, pageLang) {
  if (requested != null) return language(LOCALES, requested);
  const lang = (pageLang ?? '').trim();
  if (!lang) return LOCALES[0].tag;
  return language(LOCALES, lang) ?? 'en';
}

/** The locale of our own that a BCP 47 tag asks for ("zh-Hant-HK" is zh-TW), or null. */
function language(LOCALES, tag) {
  const [first, ...rest] = String(tag).split(/[-_]/).map((p) => p.toLowerCase());
  let fallback = null;
  for (const l of LOCALES) {
    if (l.language !== first) continue;
    if (rest.some((p) => l.subtags?.includes(p))) return l.tag;
    if (!l.subtags?.length) fallback ??= l.tag;
  }
  return fallback;
}

/**
 * The catalogues of one entry (its `files`, as above): `wasm()` resolves once the entry's wasm is ready (starting it if
 * need be), `install(tag, texts)` hands a catalogue to it.
 * - `start(wanted)`: the wasm and, in parallel, each [locale, pageLang] pair's catalogue.
 * - `need(locale, pageLang)`: null when those texts are here (so an element starts at once),
 *   else a promise of their arrival. A failed fetch is tried again by the next call.
 * - `loadLocale(tag)`: the same for a tag a developer names; a tag of no language of ours is an
 *   InstalmentError at `locale`.
 */
export function entryTexts({ LOCALES, LOAD }, wasm, install) {
  const here = new Set();
  const coming = new Map();
  const load = (tag) => {
    if (here.has(tag)) return null;
    let arrival = coming.get(tag);
    if (!arrival) {
      const list = LOAD[tag]().then((m) => m.default);
      arrival = Promise.all([wasm(), list]).then(([, texts]) => {
        install(tag, texts);
        here.add(tag);
        coming.delete(tag);
      });
      arrival.catch(() => coming.delete(tag));
      coming.set(tag, arrival);
    }
    return arrival;
  };
  const need = (requested, pageLang) => {
    const tag = localeTag(LOCALES, requested, pageLang);
    return tag ? load(tag) : null;
  };
  return {
    need,
    start: (wanted) => Promise.all([wasm(), ...wanted.map(([locale, lang]) => need(locale, lang))]),
    loadLocale: async (tag) => {
      const locale = typeof tag === 'string' ? language(LOCALES, tag) : null;
      if (!locale) {
        throw fail('INVALID_CONFIG', 'locale', `must be Chinese or English, such as "zh-CN", "zh-TW", "en" or "en-US", got ${JSON.stringify(String(tag))}`);
      }
      await Promise.all([wasm(), load(locale)]);
    },
  };
}
