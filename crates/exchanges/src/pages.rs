//! Balances an exchange hands out a page at a time (Coinbase keeps one account per currency, so
//! a real user has several pages): the first page, then each page its predecessor points to,
//! each request signed on its own, up to a cap that a looping or endless listing cannot pass.

use crate::checker::{Checker, Failure};
use crate::refusal::Refusal;
use crate::transport::Reply;
use crate::venue::Venue;
use coffre_model::{Credentials, DiagnosisKind};

/// The most pages read for one check: 20 pages of 250 accounts is far beyond any real account.
pub(crate) const MAX_BALANCE_PAGES: usize = 20;

impl Checker {
    /// Every page of the key's balances, first page first.
    pub(crate) async fn balance_pages(
        &self,
        venue: &dyn Venue,
        base: &str,
        host: &str,
        creds: &Credentials,
    ) -> Result<Vec<Reply>, Failure> {
        let first = self
            .call(venue, base, host, |ctx| venue.balance_request(creds, ctx))
            .await?;
        let mut pages = vec![first];
        let mut cursors: Vec<String> = Vec::new();
        loop {
            let last = &pages[pages.len() - 1];
            let Some(cursor) = venue
                .next_balance_page(&last.body)
                .map_err(Failure::unexpected)?
            else {
                return Ok(pages);
            };
            // A cursor seen before would only loop; past the cap the listing does not end.
            if pages.len() >= MAX_BALANCE_PAGES || cursors.contains(&cursor) {
                return Err(Failure::from(too_many_pages(venue, pages.len())));
            }
            let reply = self
                .call(venue, base, host, |ctx| {
                    venue.balance_page_request(creds, ctx, &cursor)
                })
                .await?;
            cursors.push(cursor);
            pages.push(reply);
        }
    }
}

fn too_many_pages(venue: &dyn Venue, read: usize) -> Refusal {
    Refusal {
        kind: DiagnosisKind::ExchangeUnavailable,
        code: Some("too_many_pages".to_owned()),
        message: Some(format!(
            "{} still listed more balances after {read} pages; Coffre stopped reading them",
            venue.name()
        )),
    }
}
