//! How queued emails leave the server: SMTP (lettre) with `--smtp-url`, otherwise a log line.
//! Logs name an email by its outbox id only: recipients at DEBUG, never its body or link.

use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::store::OutboxEmail;

/// How queued emails leave the server.
#[derive(Clone)]
pub enum Mailer {
    /// Log the message and mark it sent (development, demos, tests).
    Log,
    /// Deliver over SMTP.
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: lettre::message::Mailbox,
    },
}

impl Mailer {
    /// SMTP from a URL such as `smtp://localhost:1025` (plain SMTP: this build has no TLS).
    pub fn smtp(url: &str, from: &str) -> anyhow::Result<Mailer> {
        // Messages show the URL with its password masked.
        let shown = crate::logging::url_for_logs(url);
        let rest = url.strip_prefix("smtp://").ok_or_else(|| {
            anyhow::anyhow!(
                "--smtp-url {shown:?}: use smtp://[user:password@]host[:port] (this build has no TLS)"
            )
        })?;
        let rest = rest.trim_end_matches('/');
        let (credentials, host_port) = match rest.rsplit_once('@') {
            Some((creds, host_port)) => (Some(creds), host_port),
            None => (None, rest),
        };
        let (host, port) = match host_port.rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse::<u16>()
                    .map_err(|_| anyhow::anyhow!("--smtp-url {shown:?}: bad port {port:?}"))?,
            ),
            None => (host_port, 25),
        };
        if host.is_empty() {
            anyhow::bail!("--smtp-url {shown:?}: no host");
        }
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port);
        if let Some(creds) = credentials {
            let (user, password) = creds.split_once(':').unwrap_or((creds, ""));
            builder =
                builder.credentials(lettre::transport::smtp::authentication::Credentials::new(
                    user.to_owned(),
                    password.to_owned(),
                ));
        }
        let transport = builder.build();
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
