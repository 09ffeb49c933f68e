//! The npm package's runtime choices (feature "bundle"): its allocator and its panic handler.

/// A free-list allocator of about 1 kB, against dlmalloc's 8 kB.
#[global_allocator]
// SAFETY: the package is built for wasm32 without the atomics feature, so its instance runs on
// one thread, which is what AssumeSingleThreaded requires.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// The code is written not to panic; should it anyway, the call traps at once and the JS caller
/// sees a RuntimeError (the guard's submit then goes through: it fails open). Formatting a message
/// nobody can read would cost more wasm than the rest of the engine.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
