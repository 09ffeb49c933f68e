// A plain checkout page for the cold figures (bench/cold.js drives it): one form, the Huabei
// preset, attached the way README shows. Each load runs in a fresh browser context.
//
//   cold.html           the guard attached with new CheckoutGuard(form, {currency, preset})
//   cold.html?noguard   the same page with no guard at all (the typing figure's baseline)
//   cold.html?typing=MS the cart changes from the moment the guard is attached, for MS ms
//
// window.coldPage.ready says the guard is attached (or, with ?noguard, that the page is set up).
// What the bench measures is installed before this script by an init script (bench/cold.js).
const form = document.getElementById('checkout');
const total = document.getElementById('total');
const withGuard = !new URLSearchParams(location.search).has('noguard');

// The shop's own display of the total, as a storefront redraws it when the cart changes.
function showTotal(minor) {
  const yuan = Math.floor(minor / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  total.textContent = `¥${yuan}.${String(minor % 100).padStart(2, '0')}`;
}

// How many steps of the idle layout of the prepared reminder ran (js/dom.js, warm): the typing
// figure from the load must have them inside its window to say anything about them.
const typeFromLoad = Number(new URLSearchParams(location.search).get('typing')) || 0;
let warmSteps = 0;
if (typeFromLoad) {
  const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth');
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
    ...width,
    get() {
      if (this.localName === 'dialog' && this.hasAttribute('data-warm')) warmSteps++;
      return width.get.call(this);
    },
  });
}

let guard = null;
if (withGuard) {
  const { default: init, CheckoutGuard } = await import('/pkg/web/instalment_guard.js');
  await init();
  guard = new CheckoutGuard(form, { currency: 'CNY', preset: 'huabei' });
}

// The typing figure: the cart total changes `hz` times a second for `ms` milliseconds, written
// where a storefront writes it (the form's data-amount-minor, which the guard watches, and the
// page's own total). Meanwhile every frame's timestamp and every long task are recorded.
function typing({ ms = 5000, hz = 100 } = {}) {
  return new Promise((resolve) => {
    const frames = [];
    const longTasks = [];
    const t0 = performance.now();
    const lt = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    });
    lt.observe({ type: 'longtask' });
    let running = true;
    const onFrame = (ts) => {
      frames.push(ts);
      if (running) requestAnimationFrame(onFrame);
    };
    requestAnimationFrame(onFrame);
    let i = 0;
    const timer = setInterval(() => {
      i++;
      // Amounts that move every figure of every plan, from 100.00 to about 50,000.00 yuan.
      const minor = 10_000 + ((i * 7_919) % 5_000_000);
      form.dataset.amountMinor = String(minor);
      showTotal(minor);
    }, 1000 / hz);
    setTimeout(() => {
      clearInterval(timer);
      running = false;
      // Long-task entries arrive after their task: give the last one time to be delivered.
      setTimeout(() => {
        lt.takeRecords().forEach((e) => longTasks.push({ start: e.startTime, duration: e.duration }));
        lt.disconnect();
        resolve({ updates: i, elapsedMs: performance.now() - t0, frames, longTasks, warmSteps });
      }, 100);
    }, ms);
  });
}

// ?typing=MS: the shopper starts typing as soon as the guard is attached, before the page has
// loaded or been idle (the bench reads window.coldPage.typed).
const typed = typeFromLoad ? typing({ ms: typeFromLoad, hz: 100 }) : null;

window.coldPage = { ready: true, withGuard, typing, typed, guardAttached: () => guard != null };
