//! Records as callers see them: listing and finding keys from the verified index, adding,
//! editing, rotating and removing them, and opening a key's credentials on demand.

use std::collections::HashSet;

use chrono::Utc;
use coffre_model::Credentials;

use crate::error::VaultError;
use crate::model::{KeyMeta, KeyRecord, RecordId, RevokedKey};
use crate::secret_part;
use crate::transaction::Change;
use crate::vault::{Cached, State, Vault};

/// Longest label, notes and other free text accepted, in bytes.
const MAX_TEXT: usize = 64 * 1024;

impl Vault {
    /// All records, sorted by label (case-insensitively). Never decrypts a secret.
    pub fn list(&self) -> Result<Vec<KeyRecord>, VaultError> {
        self.sync()?;
        let state = self.state.borrow();
        // Sort references first, so only the records themselves are cloned.
        let mut sorted: Vec<(&RecordId, &Cached)> =
            state.records.iter().map(|(id, c)| (id, &**c)).collect();
        sorted.sort_unstable_by(|a, b| (&a.1.sort_key, a.0).cmp(&(&b.1.sort_key, b.0)));
        Ok(sorted.into_iter().map(|(id, c)| record(id, c)).collect())
    }

    /// The record with this id.
    pub fn get(&self, id: &str) -> Result<KeyRecord, VaultError> {
        self.sync()?;
        let state = self.state.borrow();
        state
            .records
            .get(id)
            .map(|c| record(id, c))
            .ok_or_else(|| VaultError::NotFound(id.to_owned()))
    }

    /// The record whose id is `label_or_id`, or else whose label equals it (case-insensitively).
    pub fn find(&self, label_or_id: &str) -> Result<KeyRecord, VaultError> {
        self.sync()?;
        if let Ok(record) = self.get(label_or_id) {
            return Ok(record);
        }
        let state = self.state.borrow();
        let wanted = label_or_id.trim().to_lowercase();
        state
            .records
            .iter()
            .find(|(_, c)| c.meta.label.to_lowercase() == wanted)
            .map(|(id, c)| record(id, c))
            .ok_or_else(|| VaultError::NotFound(label_or_id.to_owned()))
    }

    /// Adds a key. The vault sets `api_key_hint` and `key_type` from `creds`, and `updated_at`.
    pub fn add(&mut self, mut meta: KeyMeta, creds: &Credentials) -> Result<RecordId, VaultError> {
        check_meta(&meta)?;
        check_credentials(creds)?;
        let id = uuid::Uuid::new_v4().to_string();
        meta.api_key_hint = coffre_secret::mask(creds.api_key.expose());
        meta.key_type = creds.key_type;
        meta.updated_at = Utc::now();
        let secret = secret_part::encode(creds, &[]);
        self.write(|_, state, vault| {
            check_label_free(state, &meta.label, None)?;
            let row = vault.seal_row(&id, 1, &meta, &secret);
            Ok(Change {
                upserts: vec![(row, meta)],
                ..Change::default()
            })
        })?;
        Ok(id)
    }

    /// Adds many keys in one transaction (imports): all or none. Same rules as [`Vault::add`].
    pub fn add_many(
        &mut self,
        items: Vec<(KeyMeta, Credentials)>,
    ) -> Result<Vec<RecordId>, VaultError> {
        let mut prepared = Vec::with_capacity(items.len());
        let mut labels = HashSet::new();
        for (mut meta, creds) in items {
            check_meta(&meta)?;
            check_credentials(&creds)?;
            if !labels.insert(meta.label.trim().to_lowercase()) {
                return Err(VaultError::DuplicateLabel(meta.label.trim().to_owned()));
            }
            meta.api_key_hint = coffre_secret::mask(creds.api_key.expose());
            meta.key_type = creds.key_type;
            meta.updated_at = Utc::now();
            let id = uuid::Uuid::new_v4().to_string();
            let secret = secret_part::encode(&creds, &[]);
            prepared.push((id, meta, secret));
        }
        let ids = prepared.iter().map(|(id, ..)| id.clone()).collect();
        self.write(|_, state, vault| {
            let mut upserts = Vec::with_capacity(prepared.len());
            for (id, meta, secret) in prepared {
                check_label_free(state, &meta.label, None)?;
                upserts.push((vault.seal_row(&id, 1, &meta, &secret), meta));
            }
            Ok(Change {
                upserts,
                ..Change::default()
            })
        })?;
        Ok(ids)
    }

    /// Replaces a record's metadata. The label must stay unique; the vault keeps its own fields
    /// (`api_key_hint`, `key_type`, `history`, `created_at`) and sets `updated_at`.
    pub fn update_meta(&mut self, id: &str, mut meta: KeyMeta) -> Result<(), VaultError> {
        check_meta(&meta)?;
        self.write(|conn, state, vault| {
            let current = state
                .records
                .get(id)
                .ok_or_else(|| VaultError::NotFound(id.to_owned()))?;
            check_label_free(state, &meta.label, Some(id))?;
            meta.api_key_hint = current.meta.api_key_hint.clone();
            meta.key_type = current.meta.key_type;
            meta.history = current.meta.history.clone();
            meta.created_at = current.meta.created_at;
            meta.updated_at = Utc::now();
            vault.reseal(conn, state, id, meta, None)
        })
    }

    /// Deletes a record and its credentials.
    pub fn remove(&mut self, id: &str) -> Result<(), VaultError> {
        self.write(|_, state, _| {
            if !state.records.contains_key(id) {
                return Err(VaultError::NotFound(id.to_owned()));
            }
            Ok(Change {
                delete: Some(id.to_owned()),
                ..Change::default()
            })
        })
    }

    /// Opens the record's sealed secret part: its current credentials.
    pub fn credentials(&self, id: &str) -> Result<Credentials, VaultError> {
        Ok(self.read_secret(id)?.0)
    }

    /// The credentials this record's key replaced, oldest first (matching `meta.history`).
    pub fn previous_credentials(&self, id: &str) -> Result<Vec<Credentials>, VaultError> {
        Ok(self.read_secret(id)?.1)
    }

    /// Replaces the credentials of a key (rotation): the old ones move to the history, and the
    /// meta gains a [`RevokedKey`] entry.
    pub fn replace_credentials(&mut self, id: &str, creds: &Credentials) -> Result<(), VaultError> {
        check_credentials(creds)?;
        self.write(|conn, state, vault| {
            let current = state
                .records
                .get(id)
                .ok_or_else(|| VaultError::NotFound(id.to_owned()))?;
            let (old, mut previous) = vault.open_secret_row(conn, state, id)?;
            previous.push(old);
            let now = Utc::now();
            let mut meta = current.meta.clone();
            meta.history.push(RevokedKey {
                api_key_hint: meta.api_key_hint.clone(),
                revoked_at: now,
            });
            meta.api_key_hint = coffre_secret::mask(creds.api_key.expose());
            meta.key_type = creds.key_type;
            meta.updated_at = now;
            let secret = secret_part::encode(creds, &previous);
            vault.reseal(conn, state, id, meta, Some(secret))
        })
    }
}

fn record(id: &str, cached: &Cached) -> KeyRecord {
    KeyRecord {
        id: id.to_owned(),
        revision: cached.revision,
        meta: cached.meta.clone(),
    }
}

fn check_meta(meta: &KeyMeta) -> Result<(), VaultError> {
    let label = meta.label.trim();
    if label.is_empty() {
        return Err(VaultError::InvalidInput("the label is empty".into()));
    }
    if label.len() > 200 {
        return Err(VaultError::InvalidInput(
            "the label is longer than 200 bytes".into(),
        ));
    }
    if meta.exchange.trim().is_empty() {
        return Err(VaultError::InvalidInput("the exchange is empty".into()));
    }
    if meta.notes.len() > MAX_TEXT {
        return Err(VaultError::InvalidInput(
            "the notes are longer than 64 KiB".into(),
        ));
    }
    Ok(())
}

fn check_credentials(creds: &Credentials) -> Result<(), VaultError> {
    if creds.api_key.is_empty() || creds.secret.is_empty() {
        return Err(VaultError::InvalidInput(
            "the API key and the secret are required".into(),
        ));
    }
    if creds.api_key.len() > MAX_TEXT || creds.secret.len() > MAX_TEXT {
        return Err(VaultError::InvalidInput(
            "a credential is longer than 64 KiB".into(),
        ));
    }
    Ok(())
}

/// Labels are unique case-insensitively, ignoring surrounding blanks.
fn check_label_free(state: &State, label: &str, except: Option<&str>) -> Result<(), VaultError> {
    let wanted = label.trim().to_lowercase();
    let taken = state
        .records
        .iter()
        .any(|(id, c)| Some(id.as_str()) != except && c.meta.label.trim().to_lowercase() == wanted);
    if taken {
        return Err(VaultError::DuplicateLabel(label.trim().to_owned()));
    }
    Ok(())
}
