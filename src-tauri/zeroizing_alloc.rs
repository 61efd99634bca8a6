//! A global allocator that wipes every block before handing it back, so freed copies of secrets
//! (serde scratch strings, IPC bodies, reqwest buffers) do not survive in the heap after a lock.
//! The same idea as Bitwarden SDK's `ZeroizingAllocator`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{compiler_fence, Ordering};

/// Zeroes `len` bytes at `ptr` with volatile writes (never removed as dead stores before a free),
/// a machine word at a time for the aligned middle and byte by byte for the unaligned head and
/// tail: byte-wise volatile writes made every free of a large buffer (the KDF's 64 MiB, a
/// 1,000-key list) several times slower.
///
/// The writes go through raw pointers, never through a `&mut [u8]`: a block may be freed before
/// all of it was written (a `Vec`'s spare capacity), and a reference to uninitialised bytes is
/// undefined behaviour, while writing to them through a pointer is not.
///
/// # Safety
/// `ptr..ptr + len` must be valid for writes and owned by the caller.
unsafe fn wipe(ptr: *mut u8, len: usize) {
    const WORD: usize = std::mem::size_of::<u64>();
    // `align_offset` may answer "cannot" (usize::MAX); `min` then sends every byte to the head.
    let head = ptr.align_offset(std::mem::align_of::<u64>()).min(len);
    let words = (len - head) / WORD;
    let tail = len - head - words * WORD;
    // SAFETY: the three parts split `ptr..ptr + len` exactly, so every write is inside the
    // caller's block. The words start `head` bytes in, which is a u64 boundary.
    unsafe {
        for i in 0..head {
            ptr.add(i).write_volatile(0);
        }
        let middle = ptr.add(head).cast::<u64>();
        for i in 0..words {
            middle.add(i).write_volatile(0);
        }
        let end = ptr.add(head + words * WORD);
        for i in 0..tail {
            end.add(i).write_volatile(0);
        }
    }
    // Keeps the compiler from moving the (volatile) wipe after the free that follows, or the
    // block's next use before it; the same fence `zeroize` ends with.
    compiler_fence(Ordering::SeqCst);
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
        // `wipe` uses volatile writes, so it is not removed as a dead store before the free.
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
    use std::sync::atomic::AtomicUsize;

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
    fn wipe_writes_over_memory_that_was_never_initialised() {
        // A block freed before it was written (a `Vec`'s spare capacity): the wipe must not read
        // it or make a reference to it (the old slice-based wipe did; Miri flags that).
        let layout = Layout::from_size_align(100, 8).unwrap();
        for start in 0..9 {
            // SAFETY: layout is non-zero; `start..100` is inside the block, which is read only
            // after `wipe` initialised it, and freed once with its own layout.
            unsafe {
                let block = System.alloc(layout);
                assert!(!block.is_null());
                wipe(block.add(start), 100 - start);
                let wiped = std::slice::from_raw_parts(block.add(start), 100 - start);
                assert!(wiped.iter().all(|&b| b == 0), "start {start}");
                System.dealloc(block, layout);
            }
        }
    }

    #[test]
    fn freed_block_is_wiped_before_release() {
        // A recording inner allocator that checks the block is all zeros when it gets it back,
        // and counts the blocks it got back (realloc's old one, then the grown one).
        struct CheckZeroOnFree {
            frees: AtomicUsize,
        }
        // SAFETY: forwards to System; the extra read in `dealloc` stays within the block, which
        // the wipe has just initialised.
        unsafe impl GlobalAlloc for CheckZeroOnFree {
            unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
                unsafe { System.alloc(layout) }
            }
            unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
                let bytes = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
                assert!(bytes.iter().all(|&b| b == 0), "block not wiped before free");
                self.frees.fetch_add(1, Ordering::Relaxed);
                unsafe { System.dealloc(ptr, layout) }
            }
        }
        let alloc = ZeroizingAlloc(CheckZeroOnFree {
            frees: AtomicUsize::new(0),
        });
        let layout = Layout::from_size_align(64, 8).unwrap();
        // SAFETY: layout is non-zero; the block is written within bounds and freed once.
        unsafe {
            // Only 14 of the 64 bytes are ever written: the rest is uninitialised when freed.
            let ptr = alloc.alloc(layout);
            std::ptr::copy_nonoverlapping(b"hunter2-secret".as_ptr(), ptr, 14);
            let grown = alloc.realloc(ptr, layout, 128);
            assert_eq!(
                alloc.0.frees.load(Ordering::Relaxed),
                1,
                "old block not freed"
            );
            assert_eq!(std::slice::from_raw_parts(grown, 14), b"hunter2-secret");
            alloc.dealloc(grown, Layout::from_size_align(128, 8).unwrap());
        }
        assert_eq!(alloc.0.frees.load(Ordering::Relaxed), 2);
    }
}
