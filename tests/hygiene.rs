//! Secret hygiene: no `Debug` or `Display` of any public type shows a secret or a computed
//! MAC, and secret bytes are overwritten before their memory is returned to the allocator.
//!
//! The zeroization check uses a global allocator that, while a test asks it to, looks into
//! every block as it is freed for a marker only the secret contains.

#![allow(unsafe_code)] // the inspecting allocator; the library itself forbids unsafe

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};

mod common;

use common::Preset;
use hookverify::providers::{
    github, inmemory4, livingdocs, memento, memo_bank, pocketbook, stripe,
};
use hookverify::schemes::{Signed, Token};
use hookverify::{Error, Key, KeyKind, Scheme, Secret, Sign, Verifier};
use time::OffsetDateTime;

const MARKER: &[u8; 16] = b"ZqX7-SECRET-7XqZ";

thread_local! {
    /// Blocks allocated while `LIVE_WATCH` is on and not yet freed: (address, size).
    static LIVE: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
    static LIVE_WATCH: Cell<bool> = const { Cell::new(false) };
    static WATCH: Cell<bool> = const { Cell::new(false) };
    static FOUND: Cell<usize> = const { Cell::new(0) };
    static FREED: Cell<usize> = const { Cell::new(0) };
}

struct Inspecting;

// SAFETY: every call is forwarded to the system allocator; `dealloc` only reads the block
// it is about to free, which is still valid for `layout.size()` bytes.
unsafe impl GlobalAlloc for Inspecting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let ptr = unsafe { System.alloc(layout) };
        if LIVE_WATCH.with(Cell::get) {
            LIVE.with(|live| {
                let mut live = live.borrow_mut();
                // Within the capacity reserved before watching: no allocation here.
                if live.len() < live.capacity() {
                    live.push((ptr as usize, layout.size()));
                }
            });
        }
        ptr
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if LIVE_WATCH.with(Cell::get) {
            LIVE.with(|live| live.borrow_mut().retain(|&(p, _)| p != ptr as usize));
        }
        if WATCH.with(Cell::get) {
            // SAFETY: `ptr` is a live block of `layout.size()` bytes until freed below.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            FREED.with(|c| c.set(c.get() + 1));
            if block.windows(MARKER.len()).any(|w| w == MARKER) {
                FOUND.with(|c| c.set(c.get() + 1));
            }
        }
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Inspecting = Inspecting;

/// Runs `f` and keeps track of the blocks it allocates that stay alive, until
/// [`stop_watching_live`].
fn watch_live<T>(f: impl FnOnce() -> T) -> T {
    LIVE.with(|live| {
        let mut live = live.borrow_mut();
        live.clear();
        live.reserve(4096);
    });
    LIVE_WATCH.with(|w| w.set(true));
    f()
}

fn stop_watching_live() {
    LIVE_WATCH.with(|w| w.set(false));
}

/// How many blocks allocated under [`watch_live`] and still alive hold the marker.
fn live_blocks_holding_marker() -> usize {
    LIVE_WATCH.with(|w| w.set(false));
    let blocks: Vec<(usize, usize)> = LIVE.with(|live| live.borrow().clone());
    LIVE_WATCH.with(|w| w.set(true));
    blocks
        .iter()
        .filter(|&&(ptr, size)| {
            // SAFETY: the block was allocated under watch and has not been freed since
            // (`dealloc` removes freed blocks), so it is valid for `size` bytes.
            let block = unsafe { std::slice::from_raw_parts(ptr as *const u8, size) };
            block.windows(MARKER.len()).any(|w| w == MARKER)
        })
        .count()
}

/// Runs `f` with inspection on; returns (blocks freed, blocks freed holding the marker).
fn inspect(f: impl FnOnce()) -> (usize, usize) {
    FOUND.with(|c| c.set(0));
    FREED.with(|c| c.set(0));
    WATCH.with(|w| w.set(true));
    f();
    WATCH.with(|w| w.set(false));
    (FREED.with(Cell::get), FOUND.with(Cell::get))
}

fn secret_bytes() -> Vec<u8> {
    // Built at run time on the heap, so the marker exists nowhere else.
    let mut v = b"prefix-".to_vec();
    v.extend_from_slice(MARKER);
    v
}

#[test]
fn the_inspector_sees_a_plain_vec() {
    // Guards the next tests: without zeroization the marker is found.
    let (freed, found) = inspect(|| drop(secret_bytes()));
    assert!(freed >= 1);
    assert_eq!(found, 1);
}

#[test]
fn a_dropped_secret_is_zeroed() {
    let (freed, found) = inspect(|| drop(Secret::new(secret_bytes())));
    assert!(freed >= 1);
    assert_eq!(found, 0, "a freed block still held the secret");
}

#[test]
fn a_dropped_verifier_zeroes_its_secrets_and_clones() {
    let (freed, found) = inspect(|| {
        let s = Secret::new(secret_bytes());
        let v = pocketbook::verifier([s.clone(), s.clone()]);
        let body = b"{}";
        let h = pocketbook::scheme().sign(body, &s, OffsetDateTime::now_utc());
        assert!(v.verify(body, &h).is_ok());
        drop(h);
        drop(s);
        drop(v);
    });
    assert!(freed >= 2);
    assert_eq!(found, 0, "a freed block still held the secret");
}

/// A verifier keeps what verification needs (an HMAC key schedule, a token's digest),
/// never the secret itself: once the secrets it was built from are gone, no block it
/// holds contains them.
#[test]
fn a_verifier_holds_no_copy_of_its_secrets() {
    let verifiers = watch_live(|| {
        let secret = Secret::new(secret_bytes());
        vec![
            pocketbook::verifier([secret.clone()]).into_dyn(),
            memo_bank::verifier([secret.clone()]).into_dyn(),
            Verifier::new(Token::new("h"), [secret]).into_dyn(),
        ]
    });
    assert_eq!(
        live_blocks_holding_marker(),
        0,
        "a verifier holds the secret"
    );
    let body = b"{}";
    let headers = [("Authorization", "Bearer prefix-ZqX7-SECRET-7XqZ")];
    assert!(
        verifiers[1].verify(body, &headers).is_ok(),
        "the token still verifies"
    );
    stop_watching_live();
}

fn assert_hidden(what: &str, text: &str) {
    let marker = std::str::from_utf8(MARKER).unwrap();
    assert!(!text.contains(marker), "{what} shows the secret: {text}");
    assert!(
        !text.contains("SECRET"),
        "{what} shows part of the secret: {text}"
    );
}

#[test]
fn debug_of_every_type_holding_a_secret_hides_it() {
    let secret = Secret::new(secret_bytes());
    assert_hidden("Secret", &format!("{secret:?} {secret:#?}"));
    for kind in [KeyKind::HmacSha256, KeyKind::Token] {
        assert_hidden("Key", &format!("{:?}", Key::new(kind, &secret)));
    }
    let schemes: Vec<Box<dyn Scheme>> = vec![
        Box::new(memento::scheme()),
        Box::new(livingdocs::scheme()),
        Box::new(pocketbook::scheme()),
        Box::new(memo_bank::scheme()),
        Box::new(inmemory4::scheme()),
        Box::new(Signed::hmac("h")),
        Box::new(github::scheme()),
        Box::new(stripe::scheme()),
        Box::new(Token::new("h")),
    ];
    for scheme in schemes {
        let v = Verifier::new(scheme, [secret.clone()]);
        assert_hidden("Verifier", &format!("{v:?} {v:#?}"));
    }
}

#[test]
fn errors_never_show_secrets_or_computed_macs() {
    let secret = Secret::new(secret_bytes());
    let body = b"{\"a\":1}";
    let now = OffsetDateTime::now_utc();
    for scheme in [
        Box::new(memento::scheme()) as Box<dyn Preset>,
        Box::new(livingdocs::scheme()),
        Box::new(pocketbook::scheme()),
        Box::new(memo_bank::scheme()),
        Box::new(inmemory4::scheme()),
    ] {
        let genuine = scheme.sign(body, &secret, now);
        let verifier = Verifier::new(scheme, [secret.clone()]);
        // A wrong body: the verifier computes the MAC of this body, which must not leak.
        let err = verifier.verify_at(b"{\"a\":2}", &genuine, now);
        let computed = verifier.scheme().sign(b"{\"a\":2}", &secret, now);
        if let Err(err) = err {
            let text = format!("{err} {err:?}");
            assert_hidden("Error", &text);
            let mac = computed[0].1.rsplit(['=', ' ']).next().unwrap();
            assert!(!text.contains(mac), "error shows the computed MAC: {text}");
        }
        // A wrong secret.
        let forged = verifier.scheme().sign(body, &Secret::new("guess"), now);
        let err = verifier.verify_at(body, &forged, now).unwrap_err();
        assert!(matches!(
            err,
            Error::SignatureMismatch | Error::TokenMismatch
        ));
        assert_hidden("Error", &format!("{err} {err:?}"));
    }
}

#[test]
fn secret_errors_never_show_the_value() {
    let value = format!("  {}  ", std::str::from_utf8(MARKER).unwrap());
    let err = Secret::checked(value).unwrap_err();
    assert_hidden("SecretError", &format!("{err} {err:?}"));
    let err = Secret::from_standard_webhooks("whsec_!!ZqX7-SECRET-7XqZ").unwrap_err();
    assert_hidden("SecretError", &format!("{err} {err:?}"));
}
