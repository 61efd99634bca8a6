//! Two processes (here: two connections) on one vault: contention is `Busy`, and changes made by
//! another handle are picked up rather than overwritten; a password change by one cuts the other off.

use coffre_vault::Vault;

use crate::support::*;

#[test]
fn a_second_writer_gets_busy_while_another_holds_the_write_lock() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    vault.add(meta("first"), &creds(1)).unwrap();

    let other = raw(&path);
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = vault.add(meta("second"), &creds(2)).unwrap_err();
    assert_eq!(err.code(), "vault_busy");
    other.execute_batch("ROLLBACK").unwrap();

    vault.add(meta("second"), &creds(2)).unwrap();
    let vault = Vault::unlock(&path, &password()).unwrap();
    assert_eq!(vault.list().unwrap().len(), 2);
}

#[test]
fn changes_by_another_handle_are_seen_and_kept() {
    let (_dir, path) = temp_vault_path();
    let mut a = create_weak(&path);
    let mut b = Vault::unlock(&path, &password()).unwrap();
    let x = a.add(meta("x"), &creds(1)).unwrap();
    let y = b.add(meta("y"), &creds(2)).unwrap();
    // b picked up x before adding y; a picks up y before its next change.
    assert_eq!(b.list().unwrap().len(), 2);
    assert_eq!(a.credentials(&y).unwrap(), creds(2));
    assert_eq!(
        a.add(meta("Y"), &creds(3)).unwrap_err().code(),
        "duplicate_label"
    );
    a.remove(&y).unwrap();
    assert_eq!(b.get(&y).unwrap_err().code(), "not_found");
    assert_eq!(b.credentials(&x).unwrap(), creds(1));
    // A password change by one handle cuts the other off: the data key it holds is no longer
    // the vault's, so it can neither read nor write until it unlocks with the new password.
    a.change_password(&"new".into(), None).unwrap();
    assert_eq!(
        b.add(meta("z"), &creds(4)).unwrap_err().code(),
        "wrong_password"
    );
    assert_eq!(b.list().unwrap_err().code(), "wrong_password");
    let mut b = Vault::unlock(&path, &"new".into()).unwrap();
    b.add(meta("z"), &creds(4)).unwrap();
    assert_eq!(a.list().unwrap().len(), 2);
    let reopened = Vault::unlock(&path, &"new".into()).unwrap();
    assert_eq!(reopened.list().unwrap().len(), 2);
}
