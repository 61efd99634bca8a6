//! Checks every imported row the way a paste into the app is checked, so a file cannot bring in
//! what the add form would refuse.

use coffre_model::Credentials;

/// One refused field: which one, a stable code and an English sentence (never the value).
pub(crate) struct FieldProblem {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

/// Validates one row's credentials for `exchange`.
pub(crate) fn credentials(
    exchange: &str,
    api_key: &str,
    secret: &str,
    passphrase: Option<&str>,
) -> Result<Credentials, Vec<FieldProblem>> {
    coffre_catalog::paste::validate(exchange, api_key, secret, passphrase).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| FieldProblem {
                field: field_name(e.field()),
                code: e.code(),
                message: e.to_string(),
            })
            .collect()
    })
}

fn field_name(field: coffre_catalog::paste::Field) -> &'static str {
    use coffre_catalog::paste::Field;
    match field {
        Field::ApiKey => "api_key",
        Field::Secret => "secret",
        Field::Passphrase => "passphrase",
    }
}
