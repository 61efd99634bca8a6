use super::*;
use coffre_catalog::text::Name;

fn field(credential: Credential) -> FormField {
    FormField {
        credential,
        label: Name::Same(String::new()),
    }
}

fn creds(secret: &str, passphrase: Option<&str>) -> Credentials {
    Credentials {
        api_key: SecretString::from("KEY"),
        secret: SecretString::from(secret),
        passphrase: passphrase.map(SecretString::from),
        key_type: Default::default(),
    }
}

const FORM: [Credential; 3] = [
    Credential::ApiKey,
    Credential::Secret,
    Credential::Passphrase,
];

fn form() -> Vec<FormField> {
    FORM.into_iter().map(field).collect()
}

/// What the strokes spell, separators as `<tab>` / `<return>`.
fn spelled(strokes: &[Stroke]) -> String {
    strokes
        .iter()
        .map(|s| match s {
            Stroke::Text { value, .. } => value.expose().to_owned(),
            Stroke::Key(FieldSeparator::Tab) => "<tab>".into(),
            Stroke::Key(FieldSeparator::Return) => "<return>".into(),
        })
        .collect()
}

#[test]
fn fields_in_form_order_with_the_separator_between() {
    let strokes = plan_strokes(&form(), &creds("SEC", Some("PASS")), FieldSeparator::Tab).unwrap();
    assert_eq!(spelled(&strokes), "KEY<tab>SEC<tab>PASS");
    let reversed: Vec<_> = [Credential::Secret, Credential::ApiKey]
        .into_iter()
        .map(field)
        .collect();
    let strokes = plan_strokes(&reversed, &creds("SEC", None), FieldSeparator::Return).unwrap();
    assert_eq!(spelled(&strokes), "SEC<return>KEY");
}

#[test]
fn a_key_without_passphrase_skips_its_field_and_ends_on_the_secret() {
    let strokes = plan_strokes(&form(), &creds("SEC", None), FieldSeparator::Tab).unwrap();
    assert_eq!(spelled(&strokes), "KEY<tab>SEC");
}

#[test]
fn a_pem_secret_is_refused_with_its_reason() {
    let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----\n";
    let err = plan_strokes(&form(), &creds(pem, None), FieldSeparator::Tab)
        .err()
        .unwrap();
    assert_eq!(err, AutoTypeError::MultiLine { field: "secret" });
    assert!(err.to_string().contains("line break"));
    assert!(!err.to_string().contains("MC4CAQ"));
    let crlf = plan_strokes(&form(), &creds("a\r\nb", None), FieldSeparator::Tab);
    assert!(matches!(crlf, Err(AutoTypeError::MultiLine { .. })));
    let tab = plan_strokes(&form(), &creds("a\tb", None), FieldSeparator::Tab);
    assert!(matches!(tab, Err(AutoTypeError::Unprintable { .. })));
}

#[test]
fn non_ascii_is_planned_as_is_for_the_layout_to_decide() {
    let strokes = plan_strokes(&form(), &creds("clé-ñ-€", None), FieldSeparator::Tab).unwrap();
    assert_eq!(spelled(&strokes), "KEY<tab>clé-ñ-€");
}

#[test]
fn titles_match_name_or_domain_case_insensitively() {
    let patterns = vec!["Bitsgap".to_owned(), "bitsgap.com".to_owned()];
    assert!(title_matches(
        "My Exchanges | BITSGAP — Mozilla Firefox",
        &patterns
    ));
    assert!(title_matches(
        "app.bitsgap.com/exchanges - Chromium",
        &patterns
    ));
    assert!(!title_matches("3Commas — Mozilla Firefox", &patterns));
    assert!(!title_matches("", &patterns));
    assert!(!title_matches("anything", &[" ".to_owned()]));
}

#[test]
fn coffre_and_its_terminal_never_match() {
    let patterns = vec!["Bitsgap".to_owned()];
    assert!(!title_matches("Coffre — Bitsgap", &patterns));
    assert!(!title_matches(
        "me@host: coffre type binance-bot --platform bitsgap",
        &patterns
    ));
}

#[test]
fn every_platform_with_a_form_has_window_titles() {
    for p in catalog().platforms() {
        let has_form = !p.profile_for("binance", true).fields.is_empty();
        let titles = &p.auto_type.window_titles;
        assert!(
            p.id == "ccxt-script" || (has_form && !titles.is_empty()),
            "{} has no window titles",
            p.id
        );
        assert!(titles.iter().all(|t| !t.trim().is_empty()), "{}", p.id);
    }
}

/// A keyboard that records what it would type.
struct Recorder {
    title: Option<String>,
    typed: String,
}

impl Keyboard for Recorder {
    fn focused_window_title(&mut self) -> Result<Option<String>, AutoTypeError> {
        Ok(self.title.clone())
    }
    fn check(&mut self, _: &[Stroke]) -> Result<(), AutoTypeError> {
        Ok(())
    }
    fn type_strokes(&mut self, strokes: &[Stroke]) -> Result<(), AutoTypeError> {
        self.typed = spelled(strokes);
        Ok(())
    }
}

fn bitsgap_plan() -> TypingPlan {
    TypingPlan {
        platform_name: "Bitsgap".into(),
        window_titles: vec!["Bitsgap".into()],
        strokes: plan_strokes(&form(), &creds("SEC", None), FieldSeparator::Tab).unwrap(),
    }
}

#[test]
fn types_into_the_platform_window_only() {
    let plan = bitsgap_plan();
    let mut kb = Recorder {
        title: Some("Bitsgap — Mozilla Firefox".into()),
        typed: String::new(),
    };
    let report = type_into(&mut kb, &plan).unwrap();
    assert_eq!(kb.typed, "KEY<tab>SEC");
    assert_eq!(report.fields, [StepField::ApiKey, StepField::Secret]);

    let mut other = Recorder {
        title: Some("Inbox — Thunderbird".into()),
        typed: String::new(),
    };
    let err = type_into(&mut other, &plan).unwrap_err();
    assert!(err.to_string().contains("\"Inbox — Thunderbird\""), "{err}");
    assert_eq!(other.typed, "");

    let mut none = Recorder {
        title: None,
        typed: String::new(),
    };
    let err = type_into(&mut none, &plan).unwrap_err();
    assert!(matches!(err, AutoTypeError::NoFocusedWindow { .. }));
    assert_eq!(none.typed, "");
}

#[test]
fn a_platform_without_a_form_or_unknown_is_refused() {
    assert!(matches!(
        platform("ccxt-script"),
        Err(CoreError::AutoType(AutoTypeError::NoForm { .. }))
    ));
    assert!(matches!(platform("nope"), Err(CoreError::InvalidInput(_))));
    assert!(platform("bitsgap").is_ok());
}

#[test]
fn a_stop_during_the_countdown_types_nothing() {
    let plan = bitsgap_plan();
    let mut kb = Recorder {
        title: Some("Bitsgap".into()),
        typed: String::new(),
    };
    let err = type_after(&mut kb, &plan, 0, |_| false).unwrap_err();
    assert_eq!(err, AutoTypeError::Stopped);
    assert_eq!(kb.typed, "");
    let mut ticks = Vec::new();
    type_after(&mut kb, &plan, 0, |left| {
        ticks.push(left);
        true
    })
    .unwrap();
    assert_eq!((ticks, kb.typed.as_str()), (vec![0], "KEY<tab>SEC"));
}
