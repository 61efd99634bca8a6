//! A global allocator that wipes every block before handing it back, so freed copies of secrets
//! (serde scratch strings, IPC bodies, reqwest buffers) do not survive in the heap after a lock.
//! The same idea as Bitwarden SDK's `ZeroizingAllocator`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};
use zeroize::Zeroize;

/// Zeroes `len` bytes at `ptr` with volatile writes (never removed as dead stores before a free),
/// a machine word at a time: byte-wise volatile writes made every free of a large buffer (the
/// KDF's 64 MiB, a 1,000-key list) several times slower.
///
/// # Safety
/// `ptr..ptr + len` must be valid for writes and owned by the caller.
unsafe fn wipe(ptr: *mut u8, len: usize) {
    let head = ptr.align_offset(std::mem::align_of::<u64>()).min(len);
    let words = (len - head) / std::mem::size_of::<u64>();
    let tail = len - head - words * std::mem::size_of::<u64>();
    // SAFETY: the three parts split `ptr..ptr + len` exactly. The middle part starts on a u64
    // boundary whenever it is not empty (an empty slice still needs an aligned pointer).
    unsafe {
        std::slice::from_raw_parts_mut(ptr, head).zeroize();
        if words > 0 {
            std::slice::from_raw_parts_mut(ptr.add(head).cast::<u64>(), words).zeroize();
        }
        std::slice::from_raw_parts_mut(ptr.add(len - tail), tail).zeroize();
    }
}

/// Wraps an allocator and zeroizes each block on `dealloc` (and the old block on `realloc`).
pub struct ZeroizingAlloc<A>(pub A);

// SAFETY: every method forwards to the inner allocator with the caller's own arguments, so the
// inner allocator's guarantees carry over. The only extra work is writing zeros into a block the
// caller owns and is about to free, which is within that block's `layout.size()` bytes.
unsafe impl<A: GlobalAlloc> GlobalAlloc for ZeroizingAlloc<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours (non-zero size layout), forwarded unchanged.
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller guarantees `ptr` was allocated by this allocator with `layout`, so
        // `layout.size()` bytes from `ptr` are valid for writes and not used by anyone else.
        // `zeroize` uses volatile writes, so the wipe is not removed as a dead store before free.
        unsafe {
            wipe(ptr, layout.size());
            self.0.dealloc(ptr, layout);
        }
    }

    // `realloc` is deliberately not forwarded: the default implementation allocates a new block,
    // copies, and frees the old one through our `dealloc`, which wipes it. Forwarding to the inner
    // allocator could move the data and free the old block without wiping it.
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;

    #[test]
    fn wipe_zeroes_exactly_the_range_whatever_its_alignment() {
        for start in 0..9 {
            for len in [0, 1, 7, 8, 9, 15, 16, 17, 64, 100] {
                let mut buf = vec![0xAAu8; 128];
                // SAFETY: `start + len` stays within the 128-byte buffer we own.
                unsafe { wipe(buf.as_mut_ptr().add(start), len) };
                let (before, rest) = buf.split_at(start);
                let (wiped, after) = rest.split_at(len);
                assert!(before.iter().all(|&b| b == 0xAA), "start {start} len {len}");
                assert!(wiped.iter().all(|&b| b == 0), "start {start} len {len}");
                assert!(after.iter().all(|&b| b == 0xAA), "start {start} len {len}");
            }
        }
    }

    #[test]
    fn freed_block_is_wiped_before_release() {
        // A recording inner allocator that checks the block is all zeros when it gets it back.
        struct CheckZeroOnFree;
        // SAFETY: forwards to System; the extra read in `dealloc` stays within the block.
        unsafe impl GlobalAlloc for CheckZeroOnFree {
            unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
                unsafe { System.alloc(layout) }
            }
            unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
                let bytes = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
                assert!(bytes.iter().all(|&b| b == 0), "block not wiped before free");
                unsafe { System.dealloc(ptr, layout) }
            }
        }
        let alloc = ZeroizingAlloc(CheckZeroOnFree);
        let layout = Layout::from_size_align(64, 8).unwrap();
        // SAFETY: layout is non-zero; the block is written within bounds and freed once.
        unsafe {
            let ptr = alloc.alloc(layout);
            std::ptr::copy_nonoverlapping(b"hunter2-secret".as_ptr(), ptr, 14);
            let grown = alloc.realloc(ptr, layout, 128);
            assert_eq!(std::slice::from_raw_parts(grown, 14), b"hunter2-secret");
            alloc.dealloc(grown, Layout::from_size_align(128, 8).unwrap());
        }
    }
}
