//! Connections to one SMTP server, opened by us and kept for reuse: the server from a URL
//! (`smtp://host:port`, `smtp://host?tls=required|opportunistic` for STARTTLS, `smtps://user:pass@host:465`
//! for TLS from the start), and lettre's SMTP client on each connection.
//!
//! Why not lettre's pooled transport: it writes the end-of-data marker (`\r\n.\r\n`) as a write of its own
//! after the message, and with Nagle's algorithm on (lettre never sets `TCP_NODELAY`) that marker waits
//! for the server's delayed acknowledgement of the message — about 40 ms for every mail, measured with
//! Postfix's `smtp-sink` on loopback, which held a campaign at 250 mails/s whatever the concurrency. Our
//! sockets set `TCP_NODELAY`; the SMTP dialogue itself is still lettre's.
//!
//! A connection idle for a moment is reused as it is; one idle longer is first asked `NOOP`, since servers
//! close idle connections. A connection that failed is dropped, never reused.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// Reused without a `NOOP` when idle no longer than this.
const FRESH: Duration = Duration::from_secs(2);
/// Closed when idle longer than this (servers close idle connections after a minute or more).
const STALE: Duration = Duration::from_secs(30);

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Security {
    /// Plain SMTP (a relay on the same machine or network).
    None,
    /// STARTTLS: when offered, or required (`?tls=required`: refuse to send without it).
    StartTls { required: bool },
    /// TLS from the first byte (`smtps://`, port 465).
    Tls,
}

/// The server a URL names.
#[derive(Clone)]
pub struct Server {
    host: String,
    port: u16,
    security: Security,
    credentials: Option<Credentials>,
}

impl std::fmt::Debug for Server {
    // Without the credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// The server of `url`, or what is wrong with it (in Swedish; never repeats a password).
    pub fn parse(url: &str) -> Result<Server, String> {
        let url = url::Url::parse(url).map_err(|e| format!("ingen giltig adress ({e})"))?;
        let (tls, default_port) = match url.scheme() {
            "smtp" => (false, 25),
            "smtps" => (true, 465),
            other => return Err(format!("okänt schema \"{other}\" (smtp eller smtps)")),
        };
        let host = match url.host() {
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            Some(host) => host.to_string(),
            None => return Err("värdnamnet saknas".into()),
        };
        let mut security = if tls { Security::Tls } else { Security::None };
        for (key, value) in url.query_pairs() {
            security = match (key.as_ref(), value.as_ref(), security) {
                ("tls", "required", Security::None) => Security::StartTls { required: true },
                ("tls", "opportunistic", Security::None) => Security::StartTls { required: false },
                ("tls", _, Security::Tls) => return Err("smtps:// använder TLS redan; ta bort ?tls=".into()),
                ("tls", other, _) => {
                    return Err(format!("okänt värde tls={other} (required eller opportunistic)"));
                }
                (other, _, _) => return Err(format!("okänd parameter \"{other}\"")),
            };
        }
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| "användarnamn och lösenord måste vara UTF-8".to_string())
        };
        let credentials = match (url.username(), url.password()) {
            ("", None) => None,
            (user, password) => Some(Credentials::new(decode(user)?, decode(password.unwrap_or(""))?)),
        };
        Ok(Server {
            host,
            port: url.port().unwrap_or(default_port),
            security,
            credentials,
        })
    }
}

/// Open connections to one server, shared by every sender of a process.
pub struct Pool {
    server: Server,
    /// Per SMTP step (connecting, greeting, each command).
    timeout: Duration,
    /// At most this many idle connections are kept.
    keep: usize,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
    hello: ClientId,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let idle = self.idle.lock().map_or(0, |idle| idle.len());
        f.debug_struct("Pool")
            .field("server", &self.server)
            .field("timeout", &self.timeout)
            .field("idle", &idle)
            .finish_non_exhaustive()
    }
}

impl Pool {
    pub fn new(server: Server, timeout: Duration, keep: usize) -> Pool {
        Pool {
            server,
            timeout,
            keep: keep.max(1),
            idle: Mutex::new(Vec::new()),
            hello: ClientId::default(),
        }
    }

    /// An idle connection that still answers, or a new one; give it back with [`Pool::put`] after a
    /// success.
    pub async fn take(&self) -> Result<AsyncSmtpConnection, Failure> {
        loop {
            let parked = self.idle.lock().ok().and_then(|mut idle| idle.pop());
            let Some((mut connection, since)) = parked else {
                break;
            };
            let idle_for = since.elapsed();
            if idle_for > STALE {
                connection.abort().await;
                continue;
            }
            if idle_for <= FRESH
                || tokio::time::timeout(self.timeout, connection.test_connected())
                    .await
                    .unwrap_or(false)
            {
                return Ok(connection);
            }
            connection.abort().await;
        }
        self.connect().await
    }

    /// Keeps a connection that just sent a mail for the next one (or closes it when enough are kept).
    pub async fn put(&self, connection: AsyncSmtpConnection) {
        if connection.has_broken() {
            return;
        }
        let surplus = match self.idle.lock() {
            Ok(mut idle) if idle.len() < self.keep => {
                idle.push((connection, Instant::now()));
                None
            }
            _ => Some(connection),
        };
        if let Some(mut connection) = surplus {
            let _ = tokio::time::timeout(self.timeout, connection.quit()).await;
        }
    }

    /// The time one step may take.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, Failure> {
        let server = &self.server;
        let step = |what: &'static str| move |_| Failure::Timeout(what);
        let tcp = tokio::time::timeout(
            self.timeout,
            TcpStream::connect((server.host.as_str(), server.port)),
        )
        .await
        .map_err(step("anslutningen"))?
        .map_err(Failure::Io)?;
        tcp.set_nodelay(true).map_err(Failure::Io)?;
        let stream: Box<dyn AsyncTokioStream> = match server.security {
            Security::Tls => Box::new(
                tokio::time::timeout(self.timeout, tls(tcp, &server.host))
                    .await
                    .map_err(step("TLS-handskakningen"))??,
            ),
            _ => Box::new(tcp),
        };
        let mut connection = tokio::time::timeout(
            self.timeout,
            AsyncSmtpConnection::connect_with_transport(stream, &self.hello),
        )
        .await
        .map_err(step("hälsningen"))?
        .map_err(Failure::Smtp)?;
        if let Security::StartTls { required } = server.security {
            if connection.can_starttls() {
                let parameters = TlsParameters::new(server.host.clone()).map_err(Failure::Smtp)?;
                tokio::time::timeout(self.timeout, connection.starttls(parameters, &self.hello))
                    .await
                    .map_err(step("STARTTLS"))?
                    .map_err(Failure::Smtp)?;
            } else if required {
                connection.abort().await;
                return Err(Failure::NoStartTls);
            }
        }
        if let Some(credentials) = &server.credentials {
            tokio::time::timeout(
                self.timeout,
                connection.auth(&[Mechanism::Plain, Mechanism::Login], credentials),
            )
            .await
            .map_err(step("inloggningen"))?
            .map_err(Failure::Smtp)?;
        }
        Ok(connection)
    }
}

/// Why no connection could be had.
#[derive(Debug)]
pub enum Failure {
    Io(io::Error),
    Timeout(&'static str),
    Smtp(lettre::transport::smtp::Error),
    NoStartTls,
}

/// TLS from the first byte, with the web's root certificates (as lettre's own `smtps://`).
async fn tls(tcp: TcpStream, host: &str) -> Result<Tls, Failure> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Failure::Io(io::Error::other(e)))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from(host.to_string())
        .map_err(|e| Failure::Io(io::Error::new(io::ErrorKind::InvalidInput, e)))?;
    let stream = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(Failure::Io)?;
    Ok(Tls(stream))
}

/// A TLS stream as lettre's client takes it.
#[derive(Debug)]
struct Tls(tokio_rustls::client::TlsStream<TcpStream>);

impl AsyncTokioStream for Tls {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.0.get_ref().0.peer_addr()
    }
}

impl AsyncRead for Tls {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_read(cx, buf)
    }
}

impl AsyncWrite for Tls {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().0).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_the_server_and_its_security() {
        let s = Server::parse("smtp://127.0.0.1:2525").unwrap();
        assert_eq!(
            (s.host.as_str(), s.port, s.security),
            ("127.0.0.1", 2525, Security::None)
        );
        let s = Server::parse("smtp://relay.example.se?tls=required").unwrap();
        assert_eq!((s.port, s.security), (25, Security::StartTls { required: true }));
        let s = Server::parse("smtps://anna:hemligt%21@mail.example.se").unwrap();
        assert_eq!((s.port, s.security), (465, Security::Tls));
        assert!(s.credentials.is_some());
        assert!(!format!("{s:?}").contains("hemligt"), "{s:?}");
        for (bad, says) in [
            ("http://x", "okänt schema"),
            ("smtp://x?tls=ja", "okänt värde"),
            ("smtps://x?tls=required", "använder TLS redan"),
            ("smtp://x?port=1", "okänd parameter"),
            ("smtp:///", "värdnamnet saknas"),
            ("inte en adress", "ingen giltig adress"),
        ] {
            let error = Server::parse(bad).unwrap_err();
            assert!(error.contains(says), "{bad}: {error}");
        }
    }
}
