// Appended by scripts/build.sh to the module that defines CheckoutGuard. A freed guard (free(),
// Symbol.dispose, `using`) has already released its form: dropping it on the Rust side runs
// destroy(). What remains is the JS object, whose wasm pointer is now null; this makes calling
// it afterwards harmless, as it is after destroy(), instead of a "null pointer passed to rust".
{
  const proto = CheckoutGuard.prototype;
  const freed = () =>
    Object.assign(new Error('guard was destroyed; create a new CheckoutGuard'), {
      name: 'InstalmentError',
      code: 'INVALID_STATE',
      field: 'guard',
    });
  for (const name of ['free', 'destroy', 'update', 'assess']) {
    const method = proto[name];
    proto[name] = function (...args) {
      if (this.__wbg_ptr) return method.apply(this, args);
      if (name === 'assess') throw freed();
      return undefined;
    };
  }
  // The glue set Symbol.dispose to the free() it had before the wrapping above.
  if (typeof Symbol.dispose === 'symbol') proto[Symbol.dispose] = proto.free;
  const shown = Object.getOwnPropertyDescriptor(proto, 'remindersShown');
  Object.defineProperty(proto, 'remindersShown', {
    ...shown,
    get() {
      return this.__wbg_ptr ? shown.get.call(this) : 0;
    },
  });
}
