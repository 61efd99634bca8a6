//! TLS for the mocks whose real clients only speak https (Coinbase: ccxt writes the JWT's `uri`
//! claim from an `https://` URL). Each start makes a fresh certificate authority, in memory only,
//! and a server certificate it signs for `127.0.0.1` and `localhost`; clients are handed the
//! authority's certificate (PEM) and trust it for loopback only. Its private key never leaves
//! this process, so the certificate is worthless once the mock stops.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::net::TcpListener;
use tokio::sync::watch;

/// The server side of the mocks' TLS, and the authority clients must trust for it.
pub(crate) struct Tls {
    /// PEM of the self-made authority (what a client adds as its only root for loopback).
    pub authority_pem: String,
    acceptor: tokio_rustls::TlsAcceptor,
}

fn tls_error(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("cannot make the mock's TLS certificate: {e}"))
}

impl Tls {
    /// A new authority and loopback server certificate (ECDSA P-256, what rcgen makes by default).
    pub fn generate() -> io::Result<Tls> {
        let authority_key = KeyPair::generate().map_err(tls_error)?;
        let mut authority = CertificateParams::default();
        authority.distinguished_name = name("Coffre mock exchanges (this run only)");
        authority.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        authority.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let authority = authority.self_signed(&authority_key).map_err(tls_error)?;

        let server_key = KeyPair::generate().map_err(tls_error)?;
        let mut server = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".into()])
            .map_err(tls_error)?;
        server.distinguished_name = name("127.0.0.1");
        server.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        // OpenSSL's strict mode (Python 3.13's default) wants the issuer's key identifier.
        server.use_authority_key_identifier_extension = true;
        let server = server
            .signed_by(&server_key, &authority, &authority_key)
            .map_err(tls_error)?;

        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
        let chain = vec![
            CertificateDer::from(server.der().to_vec()),
            CertificateDer::from(authority.der().to_vec()),
        ];
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(tls_error)?;
        Ok(Tls {
            authority_pem: authority.pem(),
            acceptor: tokio_rustls::TlsAcceptor::from(Arc::new(config)),
        })
    }

    /// Serves `app` over TLS on `listener` until `stopped` turns true. Each connection is its own
    /// task; the peer address reaches handlers as axum's `ConnectInfo`, as with `axum::serve`.
    pub async fn serve(
        &self,
        listener: TcpListener,
        app: axum::Router,
        mut stopped: watch::Receiver<bool>,
    ) {
        loop {
            let accepted = tokio::select! {
                accepted = listener.accept() => accepted,
                _ = stopped.wait_for(|s| *s) => return,
            };
            let Ok((stream, peer)) = accepted else {
                continue;
            };
            let acceptor = self.acceptor.clone();
            let app = app.clone();
            tokio::spawn(async move {
                // A client that gives up during the handshake (or distrusts us) is its business.
                let Ok(stream) = acceptor.accept(stream).await else {
                    return;
                };
                let app = app.layer(axum::Extension(axum::extract::ConnectInfo::<SocketAddr>(
                    peer,
                )));
                let service = hyper_util::service::TowerToHyperService::new(app);
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    }
}

fn name(common_name: &str) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, common_name);
    name
}
