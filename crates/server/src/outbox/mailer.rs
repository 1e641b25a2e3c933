//! How queued emails leave the server: SMTP (lettre; TLS by rustls, the Mozilla roots built in)
//! with `--smtp-url`, otherwise a log line. Logs name an email by its outbox id only: recipients
//! at DEBUG, never its body or link.

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::store::OutboxEmail;

/// How queued emails leave the server.
#[derive(Clone)]
pub enum Mailer {
    /// Log the message and mark it sent (development, demos, tests).
    Log,
    /// Deliver over SMTP.
    Smtp {
        // Boxed: with TLS parameters the transport is large, and the enum is moved around.
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        from: lettre::message::Mailbox,
    },
}

impl Mailer {
    /// SMTP from `--smtp-url` (see [`SmtpEndpoint::parse`]) and `--smtp-from`.
    pub fn smtp(url: &str, from: &str) -> anyhow::Result<Mailer> {
        let endpoint = SmtpEndpoint::parse(url)?;
        let transport = Box::new(endpoint.transport()?);
        let from = from
            .parse()
            .map_err(|e| anyhow::anyhow!("--smtp-from {from:?}: {e}"))?;
        Ok(Mailer::Smtp { transport, from })
    }

    /// Sends one email (or logs it).
    pub async fn deliver(&self, email: &OutboxEmail) -> anyhow::Result<()> {
        match self {
            Mailer::Log => {
                tracing::info!(
                    id = email.id,
                    "activation email not sent (no --smtp-url): marked sent"
                );
                tracing::debug!(id = email.id, to = %email.recipients.join(", "), "activation email recipients");
                Ok(())
            }
            Mailer::Smtp { transport, from } => {
                let mut builder = Message::builder()
                    .message_id(Some(message_id(email, from.email.domain())))
                    .from(from.clone())
                    .subject(email.subject.clone());
                for to in &email.recipients {
                    builder = builder.to(to
                        .parse()
                        .map_err(|e| anyhow::anyhow!("recipient {to:?}: {e}"))?);
                }
                let message = builder.body(email.body.clone())?;
                transport.send(message).await?;
                tracing::info!(
                    id = email.id,
                    attempt = email.attempts + 1,
                    "activation email sent"
                );
                tracing::debug!(id = email.id, to = %email.recipients.join(", "), "activation email recipients");
                Ok(())
            }
        }
    }
}

/// The Message-ID of an outbox row: the same on every attempt (a receiver, or a test, recognises a
/// second delivery after a crash between the send and its record), distinct per row and database.
pub fn message_id(email: &OutboxEmail, domain: &str) -> String {
    let queued: String = email
        .created_at
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    format!("<activation.{}.{queued}@{domain}>", email.id)
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// `smtp://host`: none (a relay on the same host or network).
    Plain,
    /// `smtp://host?tls=required`: STARTTLS, and no sending if the server does not offer it.
    StartTls,
    /// `smtps://host`: TLS from the first byte (implicit TLS).
    Tls,
}

/// Where and how emails are delivered, read from `--smtp-url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpEndpoint {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// User and password (percent-decoded).
    pub credentials: Option<(String, String)>,
}

impl SmtpEndpoint {
    /// `smtp://[user:password@]host[:port]` (plain, port 25), `smtp://…?tls=required` (STARTTLS,
    /// port 587) or `smtps://…` (TLS, port 465). Errors never show the password.
    pub fn parse(url: &str) -> anyhow::Result<SmtpEndpoint> {
        let shown = crate::logging::url_for_logs(url);
        let usage = "use smtp://[user:password@]host[:port], smtp://host?tls=required (STARTTLS) \
                     or smtps://host (TLS)";
        let parsed = url::Url::parse(url)
            .map_err(|e| anyhow::anyhow!("--smtp-url {shown}: {e}: {usage}"))?;
        let tls = parsed
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let (security, default_port) = match (parsed.scheme(), tls.as_deref()) {
            ("smtp", None) => (SmtpSecurity::Plain, 25),
            ("smtp", Some("required")) => (SmtpSecurity::StartTls, 587),
            ("smtps", None | Some("required")) => (SmtpSecurity::Tls, 465),
            (_, Some(other)) => anyhow::bail!(
                "--smtp-url {shown}: tls={other} is not known (only tls=required): {usage}"
            ),
            (scheme, None) => anyhow::bail!("--smtp-url {shown}: {scheme}:// is not SMTP: {usage}"),
        };
        if let Some((key, _)) = parsed.query_pairs().find(|(k, _)| k != "tls") {
            anyhow::bail!("--smtp-url {shown}: the parameter {key} is not known: {usage}");
        }
        let host = match parsed.host_str() {
            Some(host) if !host.is_empty() => host.trim_matches(['[', ']']).to_owned(),
            _ => anyhow::bail!("--smtp-url {shown}: no host: {usage}"),
        };
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        let credentials = (!parsed.username().is_empty()).then(|| {
            (
                decode(parsed.username()),
                decode(parsed.password().unwrap_or("")),
            )
        });
        Ok(SmtpEndpoint {
            host,
            port: parsed.port().unwrap_or(default_port),
            security,
            credentials,
        })
    }

    /// The lettre transport for this endpoint.
    pub fn transport(&self) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
        let builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host);
        let tls = || {
            TlsParameters::new(self.host.clone())
                .map_err(|e| anyhow::anyhow!("--smtp-url: TLS for {}: {e}", self.host))
        };
        let mut builder = match self.security {
            SmtpSecurity::Plain => builder,
            SmtpSecurity::StartTls => builder.tls(Tls::Required(tls()?)),
            SmtpSecurity::Tls => builder.tls(Tls::Wrapper(tls()?)),
        }
        .port(self.port);
        if let Some((user, password)) = &self.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_smtp_keeps_port_25_and_its_credentials() {
        let e = SmtpEndpoint::parse("smtp://mailer:p%40ss@relay.internal:2525").unwrap();
        assert_eq!(
            e,
            SmtpEndpoint {
                host: "relay.internal".into(),
                port: 2525,
                security: SmtpSecurity::Plain,
                credentials: Some(("mailer".into(), "p@ss".into())),
            }
        );
        assert_eq!(SmtpEndpoint::parse("smtp://localhost").unwrap().port, 25);
    }

    #[test]
    fn smtps_is_implicit_tls_on_465() {
        let e = SmtpEndpoint::parse("smtps://u:pw@smtp.example.com").unwrap();
        assert_eq!(e.security, SmtpSecurity::Tls);
        assert_eq!(e.port, 465);
        assert!(e.transport().is_ok());
    }

    #[test]
    fn tls_required_is_starttls_on_587() {
        let e = SmtpEndpoint::parse("smtp://smtp.example.com?tls=required").unwrap();
        assert_eq!(e.security, SmtpSecurity::StartTls);
        assert_eq!(e.port, 587);
        assert_eq!(e.credentials, None);
        let e = SmtpEndpoint::parse("smtp://smtp.example.com:2587/?tls=required").unwrap();
        assert_eq!((e.security, e.port), (SmtpSecurity::StartTls, 2587));
        assert!(e.transport().is_ok());
    }

    #[test]
    fn unknown_schemes_and_parameters_are_refused_without_the_password() {
        for (url, says) in [
            ("http://u:secret@mail.example.com", "http:// is not SMTP"),
            (
                "smtp://u:secret@mail.example.com?tls=opportunistic",
                "tls=opportunistic is not known",
            ),
            (
                "smtp://u:secret@mail.example.com?starttls=1",
                "the parameter starttls is not known",
            ),
            ("smtp://u:secret@", "host"),
        ] {
            let e = SmtpEndpoint::parse(url).unwrap_err().to_string();
            assert!(e.contains(says), "{url}: {e}");
            assert!(!e.contains("secret"), "{url}: the password is shown: {e}");
        }
    }
}
