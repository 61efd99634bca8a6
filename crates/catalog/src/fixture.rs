//! A small hand-written catalog for tests: one exchange with a known shape and a no-IP rule, two
//! platforms, so a test can say exactly which data leads to its answer.

use crate::catalog::{Catalog, MESSAGES_TOML};

/// `acme`: keys `ak_` + 16 hex, secrets 32 letters and digits; reports read, trading,
/// withdrawals and IP restriction; deletes trading keys without an IP whitelist after 90 days.
pub(crate) const EXCHANGES: &str = r##"
[[exchange]]
id = "acme"
name = "Acme"
key_types = ["hmac"]
reports_permissions = true
reported = ["read", "spot_trade", "withdraw", "ip_restricted"]
base_url = "https://api.acme.example"
badge_color = "#123456"
fields.api_key.label = { en = "Key", fr = "Clé", vi = "Khóa" }
fields.secret.label = { en = "Secret", fr = "Secret", vi = "Bí mật" }
formats.api_key = [{ charset = "hex", min_len = 19, max_len = 19, prefix = "ak_" }]
formats.secret = [{ charset = "alnum", min_len = 32, max_len = 32 }]
permission_labels = [
  { permission = "read", label = { en = "Read", fr = "Lire", vi = "Đọc" } },
  { permission = "spot_trade", label = { en = "Trade", fr = "Trader", vi = "Giao dịch" } },
  { permission = "withdraw", label = { en = "Withdraw", fr = "Retirer", vi = "Rút" } },
]
[[exchange.expiry]]
id = "acme-no-ip"
when = "no_ip_whitelist"
applies_to = ["spot_trade"]
days = 90
effect = "key_deleted"
confirmed = true
text = { en = "Acme deletes trading keys without an IP whitelist after 90 days.", fr = "Acme supprime après 90 jours les clés de trading sans liste d'IP.", vi = "Acme xóa khóa giao dịch không có danh sách IP sau 90 ngày." }
source = "test"
[[exchange.guide.ip_on]]
text = { en = "Add {platform}'s IPs.", fr = "Ajoutez les IP de {platform}.", vi = "Thêm IP của {platform}." }
[[exchange.guide.ip_off]]
text = { en = "Leave IPs open.", fr = "Laissez les IP ouvertes.", vi = "Để IP mở." }

[[exchange]]
id = "other"
name = "Other exchange"
key_types = ["hmac"]
reports_permissions = false
badge_color = "#654321"
fields.api_key.label = { en = "API key", fr = "Clé API", vi = "Khóa API" }
fields.secret.label = { en = "Secret", fr = "Secret", vi = "Bí mật" }
[[exchange.guide.ip_on]]
text = { en = "Add {platform}'s IPs.", fr = "Ajoutez les IP de {platform}.", vi = "Thêm IP của {platform}." }
[[exchange.guide.ip_off]]
text = { en = "Leave IPs open.", fr = "Laissez les IP ouvertes.", vi = "Để IP mở." }
"##;

/// `tidy` trades and refuses withdrawals, IP whitelist recommended; `payout` needs withdrawals,
/// which have no reason code of their own when missing.
pub(crate) const PLATFORMS: &str = r#"
[default]
exchange = "*"
required_on = ["read", "spot_trade"]
ip_whitelist = "recommended"

[[platform]]
id = "tidy"
name = "Tidy"
kind = "bot"
exchanges = ["acme"]
[[platform.profiles]]
exchange = "*"
required_on = ["read", "spot_trade"]
required_off = ["withdraw"]
ip_whitelist = "recommended"

[[platform]]
id = "payout"
name = "Payout"
kind = "platform"
exchanges = ["*"]
[[platform.profiles]]
exchange = "*"
required_on = ["read", "withdraw"]
ip_whitelist = "optional"
"#;

/// The small catalog, with the shipped sentences.
pub(crate) fn small_catalog() -> Catalog {
    Catalog::from_toml(EXCHANGES, PLATFORMS, MESSAGES_TOML)
        .unwrap_or_else(|e| panic!("the test catalog is invalid: {e}"))
}
