//! Measures how far this computer's clock is from the exchange's, so that a refused timestamp is
//! reported as clock skew (with the offset) instead of as a bad key or signature.

use crate::transport::{self, SignedRequest};
use crate::venue::Venue;

/// Local clock minus exchange clock, in ms, from the exchange's public time endpoint. The local
/// time is taken at the middle of the round trip, which cancels symmetric network delay.
pub(crate) async fn offset_ms(
    client: &reqwest::Client,
    venue: &dyn Venue,
    base_url: &str,
) -> Option<i64> {
    let path = venue.time_path()?;
    let sent = chrono::Utc::now().timestamp_millis();
    let reply = transport::send(client, base_url, SignedRequest::get(path.to_owned()))
        .await
        .ok()?;
    let received = chrono::Utc::now().timestamp_millis();
    if !(200..300).contains(&reply.status) {
        return None;
    }
    let server = venue.parse_server_time_ms(&reply.body).ok()?;
    Some(midpoint(sent, received) - server)
}

fn midpoint(sent: i64, received: i64) -> i64 {
    sent + (received - sent) / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midpoint_is_between_send_and_receive() {
        assert_eq!(midpoint(1_000, 1_300), 1_150);
        assert_eq!(midpoint(1_000, 1_000), 1_000);
    }
}
