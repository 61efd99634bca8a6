//! A session on a throw-away vault with an in-memory clipboard, and the mock exchanges.

use coffre_core::clipboard::{ClipboardBackend, ClipboardError, ClipboardService};
use coffre_core::keys::{self, KeyForm};
use coffre_core::Session;
use coffre_exchanges::Checker;
use coffre_mock_exchange::MockAccount;
use coffre_secret::SecretString;
use coffre_vault::{KdfParams, Vault, VaultOptions};
use std::sync::{Arc, Mutex};

/// An in-memory clipboard shared with the test.
#[derive(Clone, Default)]
pub struct FakeClipboard(pub Arc<Mutex<Option<String>>>);

impl ClipboardBackend for FakeClipboard {
    fn set_secret(&mut self, text: &str) -> Result<(), ClipboardError> {
        *self.0.lock().unwrap() = Some(text.to_owned());
        Ok(())
    }
    fn holds(&mut self, text: &str) -> bool {
        self.0.lock().unwrap().as_deref() == Some(text)
    }
    fn clear(&mut self) {
        *self.0.lock().unwrap() = None;
    }
    fn text(&mut self) -> Result<Option<SecretString>, ClipboardError> {
        Ok(self.0.lock().unwrap().clone().map(SecretString::new))
    }
}

pub struct TestSession {
    pub session: Session,
    pub clipboard: FakeClipboard,
    pub dir: tempfile::TempDir,
}

/// An unlocked session on a new vault with a cheap KDF.
pub fn session() -> TestSession {
    session_with(Checker::new())
}

/// The same, checking through `checker` (mocks standing for regional hosts).
pub fn session_with(checker: Checker) -> TestSession {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::create_with(
        &dir.path().join("vault.coffre"),
        &"test password".into(),
        KdfParams {
            mib: 8,
            passes: 1,
            lanes: 1,
        },
        VaultOptions {
            allow_weak_kdf: true,
        },
    )
    .unwrap();
    let clipboard = FakeClipboard::default();
    let session = Session::new(
        checker,
        ClipboardService::start_with(clipboard.clone(), Box::new(|_| {})),
    );
    session.open(vault);
    TestSession {
        session,
        clipboard,
        dir,
    }
}

/// Adds the mock's account `a` as a key labelled `label`, checked at `base_url` when one is
/// given (else where the session's checker sends its exchange); returns its id.
pub fn add_account(
    session: &Session,
    label: &str,
    a: &MockAccount,
    base_url: Option<String>,
) -> String {
    let form = KeyForm {
        exchange: a.exchange.clone(),
        label: label.into(),
        base_url,
        ..KeyForm::default()
    };
    keys::add(
        session,
        form,
        &a.api_key,
        &a.secret,
        a.passphrase.as_deref(),
    )
    .unwrap()
}
