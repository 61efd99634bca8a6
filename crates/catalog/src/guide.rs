//! The checklist a trader follows on the exchange's key page, composed from data: the exchange's
//! own steps and box labels, and what the platform requires on, off and about IP addresses.

use crate::catalog::Catalog;
use crate::exchange::{Action, Exchange, ExpiryCondition, GuideStep, Permission};
use crate::messages::Messages;
#[cfg(test)]
use crate::platform::Credential;
use crate::platform::{IpPolicy, ResolvedProfile};
use crate::text::fill;
use serde::Serialize;
use ts_rs::TS;

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChecklistItem {
    // `Action` (exchange.rs) derives no `TS`: its serde names, checked against it by tests/ipc.
    #[ts(type = r#""enable" | "disable" | "info""#)]
    pub action: Action,
    pub text: String,
    /// Something to know, not to do (an exchange's expiry rule): not a numbered, tickable step.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub note: bool,
}

impl Catalog {
    /// The checklist for creating a key on `exchange` for `platform`, in `lang`. An unknown
    /// exchange gets the generic `other` checklist; an unknown platform the default profile.
    pub fn guide(&self, exchange: &str, platform: Option<&str>, lang: &str) -> Vec<ChecklistItem> {
        let entry = self.exchange_or_other(exchange);
        let known_platform = platform.and_then(|id| self.platform(id));
        let profile = self
            .profile(exchange, known_platform.map(|p| p.id.as_str()))
            .expect("the default profile always resolves");
        let platform_name = match known_platform {
            Some(p) => p.name.get(lang).to_owned(),
            None => Messages::render(&self.messages().guide, "any_platform", lang, &[]),
        };
        let params = [
            ("exchange", entry.name.as_str()),
            ("platform", platform_name.as_str()),
        ];
        let step = |s: &GuideStep| ChecklistItem {
            action: s.action,
            text: fill(s.text.get(lang), &params),
            note: false,
        };

        let mut items: Vec<ChecklistItem> = profile.steps_before.iter().map(step).collect();
        if !profile.replaces_exchange_start {
            items.extend(entry.guide.before.iter().map(step));
        }
        items.extend(self.boxes(entry, &profile, lang));

        let has_no_ip_rule = entry.expiry.iter().any(|r| r.when.needs_no_ip());
        let restrict = match profile.ip_whitelist {
            IpPolicy::Required | IpPolicy::Recommended => true,
            IpPolicy::Optional => has_no_ip_rule,
            IpPolicy::Forbidden => false,
        };
        if restrict {
            items.extend(entry.guide.ip_on.iter().map(step));
        } else {
            if profile.ip_whitelist == IpPolicy::Forbidden {
                items.extend(entry.guide.ip_off.iter().map(step));
            }
            items.extend(
                entry
                    .expiry
                    .iter()
                    .filter(|r| r.when.needs_no_ip())
                    .map(|r| note(fill(r.text.get(lang), &params))),
            );
        }
        items.extend(
            entry
                .expiry
                .iter()
                .filter(|r| r.when == ExpiryCondition::Inactive)
                .chain(&profile.expiry)
                .map(|r| note(fill(r.text.get(lang), &params))),
        );
        items.extend(entry.guide.after.iter().map(step));
        items.extend(profile.steps_after.iter().map(step));
        items
    }

    /// Tick lines for what the platform needs, untick lines for what it refuses or does not need.
    fn boxes(
        &self,
        exchange: &Exchange,
        profile: &ResolvedProfile,
        lang: &str,
    ) -> Vec<ChecklistItem> {
        let guide = &self.messages().guide;
        let mut items: Vec<ChecklistItem> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let mut add = |action: Action, label: &str, items: &mut Vec<ChecklistItem>| {
            if seen.iter().any(|s| s == label) {
                return;
            }
            seen.push(label.to_owned());
            let template = if action == Action::Enable {
                "enable"
            } else {
                "disable"
            };
            items.push(ChecklistItem {
                action,
                text: Messages::render(guide, template, lang, &[("label", label)]),
                note: false,
            });
        };
        for permission in Permission::ALL {
            if profile.required_on.contains(&permission) {
                for label in exchange.labels(permission) {
                    add(Action::Enable, label.get(lang), &mut items);
                }
            }
        }
        for permission in Permission::ALL {
            if profile.required_off.contains(&permission)
                || profile.advised_off.contains(&permission)
            {
                for label in exchange.labels(permission) {
                    add(Action::Disable, label.get(lang), &mut items);
                }
            }
        }
        for label in &exchange.extra_off {
            add(Action::Disable, label.get(lang), &mut items);
        }
        items
    }
}

/// An expiry rule the trader should know about while creating the key.
fn note(text: String) -> ChecklistItem {
    ChecklistItem {
        action: Action::Info,
        text,
        note: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;

    fn lines(items: &[ChecklistItem], action: Action) -> Vec<&str> {
        items
            .iter()
            .filter(|i| i.action == action)
            .map(|i| i.text.as_str())
            .collect()
    }

    #[test]
    fn every_guide_is_complete_in_every_language() {
        let c = catalog();
        let platforms: Vec<Option<&str>> = std::iter::once(None)
            .chain(c.platforms().iter().map(|p| Some(p.id.as_str())))
            .collect();
        for exchange in c.exchanges() {
            for platform in &platforms {
                for lang in ["en", "fr", "vi"] {
                    let items = c.guide(&exchange.id, *platform, lang);
                    let at = format!("{} × {platform:?} in {lang}", exchange.id);
                    assert!(
                        !lines(&items, Action::Enable).is_empty(),
                        "{at}: nothing to tick"
                    );
                    assert!(
                        items.iter().all(|i| !i.text.contains('{')),
                        "{at}: unfilled placeholder"
                    );
                }
            }
        }
    }

    #[test]
    fn binance_default_guide_ticks_reading_and_trading_and_leaves_withdrawals_off() {
        let items = catalog().guide("binance", None, "en");
        assert_eq!(
            lines(&items, Action::Enable),
            [
                "Tick “Enable Reading”.",
                "Tick “Enable Spot & Margin Trading”.",
                "Select “Restrict access to trusted IPs only (Recommended)” and add the IP addresses given by the platform."
            ]
        );
        assert!(lines(&items, Action::Disable).contains(&"Leave “Enable Withdrawals” unticked."));
    }

    #[test]
    fn crypty_ghost_on_binance_is_read_only_in_the_guides_french_words() {
        let items = catalog().guide("binance", Some("crypty-ghost"), "fr");
        assert_eq!(
            lines(&items, Action::Enable)[0],
            "Cochez «\u{a0}Permettre la lecture\u{a0}»."
        );
        let off = lines(&items, Action::Disable);
        assert!(
            off.contains(&"Laissez «\u{a0}Activer le trading Spot et sur marge\u{a0}» décoché.")
        );
        assert!(off.contains(&"Laissez «\u{a0}Activer les retraits\u{a0}» décoché."));
        assert!(items[0]
            .text
            .contains("«\u{a0}Générée par le système\u{a0}»"));
        assert!(items
            .last()
            .unwrap()
            .text
            .contains("«\u{a0}Access Key\u{a0}»"));
    }

    #[test]
    fn smartradex_asks_for_no_ip_restriction_and_explains_the_expiry() {
        let items = catalog().guide("binance", Some("smartradex"), "fr");
        let text: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
        assert!(text.iter().any(
            |t| t.starts_with("Laissez «\u{a0}Sans restriction (moins sûr)\u{a0}» sélectionné")
        ));
        assert!(text.iter().any(|t| t.contains("30 jours")));
        assert!(text.iter().any(|t| t.contains("3 mois")));
        assert!(lines(&items, Action::Disable).contains(&"Laissez «\u{a0}Activer les prêts sur marge, les remboursements et les transferts\u{a0}» décoché."));
        assert!(
            text.iter()
                .all(|t| !t.contains("votre profil → Gestion API")),
            "sub-account keys start elsewhere"
        );
    }

    /// Binance's Vietnamese announcement of the 30-day rule names the box “Kích hoạt Giao dịch
    /// Spot & Margin”: the checklist and the expiry note say the same words.
    #[test]
    fn binance_in_vietnamese_names_the_trading_box_as_binance_does() {
        let items = catalog().guide("binance", Some("smartradex"), "vi");
        assert!(
            lines(&items, Action::Enable).contains(&"Chọn “Kích hoạt Giao dịch Spot & Margin”.")
        );
        let notes: Vec<&str> = items
            .iter()
            .filter(|i| i.note)
            .map(|i| i.text.as_str())
            .collect();
        assert!(
            notes
                .iter()
                .any(|t| t.contains("“Kích hoạt Giao dịch Spot & Margin”")),
            "{notes:?}"
        );
        assert!(items
            .iter()
            .all(|i| !i.text.contains("Cho phép giao dịch Spot")));
    }

    #[test]
    fn cryptocom_on_bitsgap_follows_the_vietnamese_guide() {
        let items = catalog().guide("cryptocom", Some("bitsgap"), "vi");
        let on = lines(&items, Action::Enable);
        assert_eq!(
            on[..2],
            ["Chọn “Có thể đọc”.", "Chọn “Cho phép Giao dịch”."]
        );
        assert!(on[2].starts_with("“Danh sách IP trắng” (danh sách IP tin cậy)"));
        assert!(items[0].text.contains("Crypto.com"));
    }

    #[test]
    fn whitebit_on_bitsgap_unticks_everything_the_french_guide_lists() {
        let items = catalog().guide("whitebit", Some("bitsgap"), "fr");
        assert_eq!(
            lines(&items, Action::Disable),
            [
                "Laissez «\u{a0}Retrait\u{a0}» décoché.",
                "Laissez «\u{a0}Transfert de solde\u{a0}» décoché.",
                "Laissez «\u{a0}Dépôt\u{a0}» décoché.",
                "Laissez «\u{a0}Codes\u{a0}» décoché."
            ]
        );
        let on = lines(&items, Action::Enable);
        assert!(on.contains(&"Cochez «\u{a0}Gestion d’ordres\u{a0}»."));
        assert!(on.iter().any(|t| t.contains("toggle")));
    }

    /// Issue 14: the expiry rules are things to know, not steps; every other line is a step.
    #[test]
    fn expiry_rules_are_notes_and_everything_else_is_a_step() {
        let items = catalog().guide("binance", Some("smartradex"), "en");
        let notes: Vec<&str> = items
            .iter()
            .filter(|i| i.note)
            .map(|i| i.text.as_str())
            .collect();
        assert!(!notes.is_empty(), "{items:?}");
        assert!(
            notes
                .iter()
                .all(|t| t.contains("30 days") || t.contains("3 months")),
            "{notes:?}"
        );
        assert!(items
            .iter()
            .filter(|i| i.action != Action::Info)
            .all(|i| !i.note));
        assert!(items
            .iter()
            .any(|i| !i.note && i.text.starts_with("Click “Save”")));
        let json = serde_json::to_value(&items[0]).unwrap();
        assert!(
            json.get("note").is_none(),
            "a step carries no `note`: {json}"
        );
    }

    #[test]
    fn unknown_exchange_gets_the_generic_guide() {
        let items = catalog().guide("mexc", Some("nosuchplatform"), "en");
        assert!(items[0]
            .text
            .starts_with("On the exchange, open API management"));
    }

    #[test]
    fn platform_form_fields_follow_the_exchange_passphrase() {
        let c = catalog();
        let fields = |exchange: &str| -> Vec<Credential> {
            c.profile(exchange, Some("bitsgap"))
                .unwrap()
                .fields
                .iter()
                .map(|f| f.credential)
                .collect()
        };
        assert_eq!(fields("binance"), [Credential::ApiKey, Credential::Secret]);
        assert_eq!(
            fields("okx"),
            [
                Credential::ApiKey,
                Credential::Secret,
                Credential::Passphrase
            ]
        );
    }

    #[test]
    fn on_a_small_catalog_the_checklist_is_the_exchange_boxes_and_the_platform_needs() {
        let items = crate::fixture::small_catalog().guide("acme", Some("tidy"), "en");
        let text: Vec<(Action, &str)> = items.iter().map(|i| (i.action, i.text.as_str())).collect();
        assert_eq!(
            text,
            [
                (Action::Enable, "Tick “Read”."),
                (Action::Enable, "Tick “Trade”."),
                (Action::Disable, "Leave “Withdraw” unticked."),
                (Action::Info, "Add Tidy's IPs."),
            ]
        );
    }
}
