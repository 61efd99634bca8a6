//! The CSV import: header `exchange,label,api_key,secret,passphrase,platforms,notes` (exactly these
//! columns in this order), one key per row, platforms separated by `;`. A multi-line PEM secret is a
//! quoted field, as spreadsheets write it.

use super::{check_row, finish, ImportError, ImportedKey, Location, RawRow};

/// The required header, in order.
pub const COLUMNS: [&str; 7] = [
    "exchange",
    "label",
    "api_key",
    "secret",
    "passphrase",
    "platforms",
    "notes",
];

/// Separates platform ids inside the `platforms` column (`;` because `,` is the column separator).
pub const PLATFORM_SEPARATOR: char = ';';

/// Reads and validates every row of a CSV import.
pub fn parse(input: &[u8]) -> Result<Vec<ImportedKey>, Vec<ImportError>> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(input);
    let header_ok = match reader.headers() {
        Ok(header) => {
            header.len() == COLUMNS.len()
                && header
                    .iter()
                    .zip(COLUMNS)
                    .all(|(got, want)| got.trim().eq_ignore_ascii_case(want))
        }
        Err(_) => false,
    };
    if !header_ok {
        return Err(vec![ImportError::new(
            Location::Line(1),
            None,
            "missing_column",
            format!("the first line must be the header {}", COLUMNS.join(",")),
        )]);
    }

    let mut keys = Vec::new();
    let mut errors = Vec::new();
    let mut record = ::csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                // csv's own messages carry positions and counts, never field contents, but the
                // wording is ours so that stays true whatever csv prints in future versions.
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(ImportError::new(
                    Location::Line(line),
                    None,
                    "bad_file",
                    "this line is not valid CSV (wrong number of columns, or not UTF-8)",
                ));
                break;
            }
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // a blank row left by a spreadsheet
        }
        let passphrase = &record[4];
        let row = RawRow {
            location: Location::Line(line),
            exchange: &record[0],
            label: &record[1],
            api_key: &record[2],
            secret: &record[3],
            passphrase: (!passphrase.is_empty()).then_some(passphrase),
            platforms: split_platforms(&record[5]),
            notes: &record[6],
        };
        if let Some(key) = check_row(row, &mut errors) {
            keys.push(key);
        }
    }
    finish(keys, errors)
}

fn split_platforms(field: &str) -> Vec<String> {
    field
        .split(PLATFORM_SEPARATOR)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}
