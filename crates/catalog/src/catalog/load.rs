//! Loading the catalog: the data files embedded at build time, parsed strictly and checked once,
//! behind [`catalog()`] for the app and the CLI, or from any text with [`Catalog::from_toml`].

use super::{Catalog, CatalogError};
use crate::exchange::Exchange;
use crate::platform::{Platform, Profile};
use serde::Deserialize;
use std::sync::OnceLock;

pub(crate) const EXCHANGES_TOML: &str = include_str!("../../data/exchanges.toml");
pub(crate) const PLATFORMS_TOML: &str = include_str!("../../data/platforms.toml");
pub(crate) const MESSAGES_TOML: &str = include_str!("../../data/messages.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExchangesFile {
    exchange: Vec<Exchange>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlatformsFile {
    /// The profile used when the trader names no platform.
    default: Profile,
    platform: Vec<Platform>,
}

/// The catalog built from the embedded data, loaded on first use.
///
/// # Panics
/// If the embedded data is invalid; `embedded_catalog_is_valid` keeps that from shipping.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::from_toml(EXCHANGES_TOML, PLATFORMS_TOML, MESSAGES_TOML)
            .unwrap_or_else(|e| panic!("embedded catalog data is invalid: {e}"))
    })
}

impl Catalog {
    /// Parses and validates the three data files.
    pub fn from_toml(
        exchanges: &str,
        platforms: &str,
        messages: &str,
    ) -> Result<Catalog, CatalogError> {
        let exchanges: ExchangesFile =
            toml::from_str(exchanges).map_err(|source| CatalogError::Parse {
                file: "exchanges.toml",
                source,
            })?;
        let platforms: PlatformsFile =
            toml::from_str(platforms).map_err(|source| CatalogError::Parse {
                file: "platforms.toml",
                source,
            })?;
        let messages = toml::from_str(messages).map_err(|source| CatalogError::Parse {
            file: "messages.toml",
            source,
        })?;
        let catalog = Catalog {
            exchanges: exchanges.exchange,
            platforms: platforms.platform,
            default_profile: platforms.default,
            messages,
        };
        let problems = catalog.problems();
        if problems.is_empty() {
            Ok(catalog)
        } else {
            Err(CatalogError::Invalid(problems))
        }
    }
}
