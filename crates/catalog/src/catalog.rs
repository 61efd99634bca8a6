//! The catalog: everything Coffre knows, loaded from the data files, and the lookups the judging
//! code asks it. Loading is in `load`, the data's consistency rules in `checks`.

mod checks;
mod load;
#[cfg(test)]
mod tests;

pub use load::catalog;
#[cfg(test)]
pub(crate) use load::{EXCHANGES_TOML, MESSAGES_TOML, PLATFORMS_TOML};

use crate::exchange::{Exchange, ExpiryRule};
use crate::messages::Messages;
use crate::platform::{Platform, PlatformKind, Profile, ResolvedProfile};
use crate::text::Name;

/// Everything Coffre knows, loaded from the data files.
#[derive(Debug, Clone)]
pub struct Catalog {
    exchanges: Vec<Exchange>,
    platforms: Vec<Platform>,
    default_profile: Profile,
    messages: Messages,
}

/// Why the data files cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{file}: {source}")]
    Parse {
        file: &'static str,
        #[source]
        source: toml::de::Error,
    },
    #[error("catalog data is inconsistent:\n  {}", .0.join("\n  "))]
    Invalid(Vec<String>),
}

impl Catalog {
    /// All exchanges, `other` last.
    pub fn exchanges(&self) -> &[Exchange] {
        &self.exchanges
    }

    /// One exchange by ccxt id.
    pub fn exchange(&self, id: &str) -> Option<&Exchange> {
        self.exchanges.iter().find(|e| e.id == id)
    }

    /// The exchange entry to use for any id: its own, or `other` for exchanges Coffre does not know.
    pub fn exchange_or_other(&self, id: &str) -> &Exchange {
        self.exchange(id)
            .or_else(|| self.exchange("other"))
            .expect("validated catalog has an `other` exchange")
    }

    /// All platforms and bots.
    pub fn platforms(&self) -> &[Platform] {
        &self.platforms
    }

    /// One platform by id (`bitsgap`, `crypty-ghost`, …).
    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }

    /// The profile used when no platform is named (safe defaults for a trading key).
    pub fn default_profile(&self) -> &Profile {
        &self.default_profile
    }

    /// The sentence tables.
    pub fn messages(&self) -> &Messages {
        &self.messages
    }

    /// The requirements of `platform` (or the safe defaults when `None`) for keys of `exchange`.
    /// `None` when the platform id is unknown.
    pub fn profile(&self, exchange: &str, platform: Option<&str>) -> Option<ResolvedProfile> {
        let needs_passphrase = self.exchange_or_other(exchange).needs_passphrase();
        match platform {
            Some(id) => Some(self.platform(id)?.profile_for(exchange, needs_passphrase)),
            None => {
                // The defaults merge like any platform's `*` profile, so they get a stand-in
                // platform rather than a second merging path.
                let mut default = self.default_profile().clone();
                default.exchange = "*".to_owned();
                let stand_in = Platform {
                    id: String::new(),
                    name: Name::Same(String::new()),
                    kind: PlatformKind::Platform,
                    exchanges: vec!["*".to_owned()],
                    notes: Vec::new(),
                    profiles: vec![default],
                    sources: Vec::new(),
                    auto_type: Default::default(),
                };
                Some(stand_in.profile_for(exchange, needs_passphrase))
            }
        }
    }

    /// An expiry rule by id, from the exchange (`other` for unknown ids) or from the platform's
    /// profiles, which may state rules of their own.
    pub fn expiry_rule(&self, exchange: &str, platform: &str, id: &str) -> Option<&ExpiryRule> {
        let from_exchange = self.exchange_or_other(exchange).expiry.iter();
        let from_platform = self
            .platform(platform)
            .into_iter()
            .flat_map(|p| p.profiles.iter().flat_map(|profile| profile.expiry.iter()));
        from_exchange.chain(from_platform).find(|r| r.id == id)
    }
}
