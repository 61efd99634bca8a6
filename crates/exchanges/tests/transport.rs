//! What a check refuses to do with a key in transit, against hostile servers on loopback: follow a
//! redirect, read an endless reply, or send the key over plain http to another host.

use coffre_exchanges::{Checker, RetryPolicy};
use coffre_model::{Credentials, DiagnosisKind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn binance_creds() -> Credentials {
    Credentials {
        api_key: "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A".into(),
        secret: "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j".into(),
        passphrase: None,
        key_type: Default::default(),
    }
}

fn no_retries() -> Checker {
    Checker::new().with_retry_policy(RetryPolicy {
        max_retries: 0,
        base_delay: Duration::from_millis(1),
        max_wait: Duration::from_millis(1),
    })
}

/// A server answering every request with `reply(n)` (n = requests so far), counting them.
async fn serve(reply: fn(&str) -> Vec<u8>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let count = seen.clone();
    let base = url.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            let answer = reply(&base);
            tokio::spawn(async move {
                let mut buf = [0u8; 8192];
                let _ = socket.read(&mut buf).await;
                let _ = socket.write_all(&answer).await;
            });
        }
    });
    (url, seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redirect_is_reported_with_its_target_and_the_target_gets_nothing() {
    let (target, target_seen) =
        serve(|_| b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}".to_vec()).await;
    // The redirecting server points at the target (the port is passed through an env-free static).
    static TARGET: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TARGET.set(target.clone()).unwrap();
    let (exchange, _) = serve(|_| {
        format!(
            "HTTP/1.1 302 Found\r\nlocation: {}/steal?key=1\r\ncontent-length: 0\r\n\r\n",
            TARGET.get().unwrap()
        )
        .into_bytes()
    })
    .await;
    let report = no_retries()
        .check("binance", &binance_creds(), Some(&exchange))
        .await;
    assert!(!report.ok);
    let diagnosis = report.diagnosis.expect("a diagnosis");
    assert_eq!(diagnosis.exchange_code.as_deref(), Some("redirect"));
    let said = diagnosis.exchange_message.unwrap_or_default();
    assert!(said.contains(&target), "names where it pointed: {said}");
    assert!(!said.contains("steal"), "scheme and host only: {said}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        target_seen.load(Ordering::SeqCst),
        0,
        "nothing followed the redirect"
    );
}

fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: usize = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

#[tokio::test(flavor = "multi_thread")]
async fn an_endless_reply_is_cut_off_with_a_diagnosis() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 8192];
                let _ = socket.read(&mut buf).await;
                let _ = socket
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n")
                    .await;
                let block = vec![b' '; 64 * 1024];
                // Up to 4 GiB, far past the cap: the client must hang up long before.
                for _ in 0..65_536 {
                    if socket.write_all(&block).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    let before = resident_bytes();
    let report = no_retries()
        .check("binance", &binance_creds(), Some(&url))
        .await;
    let grown = resident_bytes().saturating_sub(before);
    let diagnosis = report.diagnosis.expect("a diagnosis");
    assert_eq!(diagnosis.kind, DiagnosisKind::ExchangeUnavailable);
    assert_eq!(diagnosis.exchange_code.as_deref(), Some("reply_too_large"));
    assert!(grown < 100 * 1024 * 1024, "memory grew by {grown} bytes");
}

#[tokio::test(flavor = "multi_thread")]
async fn plain_http_to_another_host_is_refused_before_sending() {
    let report = no_retries()
        .check("binance", &binance_creds(), Some("http://exchange.invalid"))
        .await;
    let diagnosis = report.diagnosis.expect("a diagnosis");
    assert_eq!(diagnosis.exchange_code.as_deref(), Some("insecure_url"));
    assert!(diagnosis
        .exchange_message
        .unwrap_or_default()
        .contains("exchange.invalid"));
}
