//! An exchange said no: the classified `Refusal`, and the readings several exchanges share (HTTP
//! status alone, `{"code": …, "msg": …}` bodies, rate limits) when their own code tables run out.

use crate::parse::int;
use crate::transport::Reply;
use coffre_model::DiagnosisKind;

/// An exchange said no, in its own words, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub kind: DiagnosisKind,
    pub code: Option<String>,
    pub message: Option<String>,
}

impl Refusal {
    pub fn new(kind: DiagnosisKind, code: impl ToString, message: impl ToString) -> Self {
        Refusal {
            kind,
            code: Some(code.to_string()).filter(|c| !c.is_empty()),
            message: Some(message.to_string()).filter(|m| !m.is_empty()),
        }
    }
}

/// What an HTTP status means when the body carries no code the exchange's table knows.
pub(crate) fn by_status(reply: &Reply) -> Option<Refusal> {
    let kind = match reply.status {
        200..=299 => return None,
        429 | 418 => DiagnosisKind::RateLimited {
            retry_after_s: reply.retry_after_s,
        },
        500..=599 => DiagnosisKind::ExchangeUnavailable,
        401 => DiagnosisKind::InvalidKey,
        403 => DiagnosisKind::PermissionMissing,
        _ => DiagnosisKind::ExchangeUnavailable,
    };
    Some(Refusal {
        kind,
        code: Some(format!("HTTP {}", reply.status)),
        message: short(&reply.body),
    })
}

/// The kind an HTTP status names, for a code the exchange's own table does not know.
pub(crate) fn kind_by_status(reply: &Reply) -> DiagnosisKind {
    by_status(reply)
        .map(|r| r.kind)
        .unwrap_or(DiagnosisKind::ExchangeUnavailable)
}

/// A refused reply of the exchanges that answer `{"code": …, "msg": …}` (OKX, KuCoin, Bitget).
pub(crate) struct CodedRefusal {
    pub code: String,
    pub msg: String,
}

/// Reads a `{"code": …, "msg": …}` reply whose success code is `success`: `Ok(())` for a 2xx reply
/// with that code or none, `Err(Some(_))` for any other code (a JSON number counts as its digits),
/// `Err(None)` for a failed reply without a code (its HTTP status then tells what happened).
pub(crate) fn coded_reply(reply: &Reply, success: &str) -> Result<(), Option<CodedRefusal>> {
    let value: serde_json::Value = serde_json::from_str(&reply.body).unwrap_or_default();
    let code = value["code"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| int(&value["code"]).map(|c| c.to_string()));
    if (200..300).contains(&reply.status) && code.as_deref().unwrap_or(success) == success {
        return Ok(());
    }
    Err(code.filter(|c| c != success).map(|code| CodedRefusal {
        code,
        msg: value["msg"].as_str().unwrap_or_default().to_owned(),
    }))
}

/// A body excerpt for support, cut so a large HTML error page does not end up in the report.
pub(crate) fn short(body: &str) -> Option<String> {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(trimmed.chars().take(200).collect())
}

pub(crate) fn rate_limited(reply: &Reply) -> DiagnosisKind {
    DiagnosisKind::RateLimited {
        retry_after_s: reply.retry_after_s,
    }
}

/// The offset placeholder is filled in by the checker from its time probe.
pub(crate) const CLOCK_SKEW: DiagnosisKind = DiagnosisKind::ClockSkew { offset_ms: 0 };
