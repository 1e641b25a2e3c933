//! An SMTP sink on loopback for tests: accepts (or refuses, when told to) every message and keeps
//! what each DATA carried, so tests count deliveries by Message-ID; it can refuse a recipient as
//! a real server does, quoting the address.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A running sink; dropping it leaves the task running until the test's runtime ends.
#[derive(Clone)]
pub struct SmtpSink(Arc<Inner>);

struct Inner {
    port: u16,
    refusing: AtomicBool,
    refused: AtomicU64,
    /// Held before answering a message's final dot (a slow server).
    delay: Mutex<Duration>,
    messages: Mutex<Vec<String>>,
    /// Addresses refused at RCPT TO with a 550 that quotes them.
    refused_recipients: Mutex<Vec<String>>,
}

impl SmtpSink {
    /// Listens on a free loopback port, accepting.
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let sink = SmtpSink(Arc::new(Inner {
            port: listener.local_addr().unwrap().port(),
            refusing: AtomicBool::new(false),
            refused: AtomicU64::new(0),
            delay: Mutex::new(Duration::ZERO),
            messages: Mutex::new(Vec::new()),
            refused_recipients: Mutex::new(Vec::new()),
        }));
        let serving = sink.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serving.clone().session(socket));
            }
        });
        sink
    }

    /// The URL to give the server (`--smtp-url`).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.0.port)
    }

    /// Refuses (421 at the greeting) or accepts new connections.
    pub fn set_refusing(&self, refusing: bool) {
        self.0.refusing.store(refusing, Ordering::SeqCst);
    }

    /// Refuses `address` at RCPT TO (550, quoting it) from now on.
    pub fn refuse_recipient(&self, address: &str) {
        self.0
            .refused_recipients
            .lock()
            .unwrap()
            .push(address.to_ascii_uppercase());
    }

    /// Waits this long before accepting each message.
    pub fn set_delay(&self, delay: Duration) {
        *self.0.delay.lock().unwrap() = delay;
    }

    /// How many connections were refused.
    pub fn refused(&self) -> u64 {
        self.0.refused.load(Ordering::SeqCst)
    }

    /// Every accepted message (headers and body, lines joined with `\n`).
    pub fn messages(&self) -> Vec<String> {
        self.0.messages.lock().unwrap().clone()
    }

    /// The Message-ID of every accepted message, in arrival order.
    pub fn message_ids(&self) -> Vec<String> {
        self.messages()
            .iter()
            .map(|m| {
                m.lines()
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        name.eq_ignore_ascii_case("message-id")
                            .then(|| value.trim().to_owned())
                    })
                    .unwrap_or_else(|| panic!("a message without a Message-ID: {m}"))
            })
            .collect()
    }

    async fn session(self, socket: TcpStream) {
        let (read, mut write) = socket.into_split();
        if self.0.refusing.load(Ordering::SeqCst) {
            self.0.refused.fetch_add(1, Ordering::SeqCst);
            let _ = write
                .write_all(b"421 4.3.2 fake outage, try again later\r\n")
                .await;
            return;
        }
        let mut lines = BufReader::new(read).lines();
        if write.write_all(b"220 sink ESMTP\r\n").await.is_err() {
            return;
        }
        let mut data = String::new();
        let mut in_data = false;
        while let Ok(Some(line)) = lines.next_line().await {
            if in_data {
                if line == "." {
                    in_data = false;
                    let delay = *self.0.delay.lock().unwrap();
                    tokio::time::sleep(delay).await;
                    self.0
                        .messages
                        .lock()
                        .unwrap()
                        .push(std::mem::take(&mut data));
                    if write.write_all(b"250 2.0.0 queued\r\n").await.is_err() {
                        return;
                    }
                } else {
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                    data.push('\n');
                }
                continue;
            }
            let command = line.to_ascii_uppercase();
            let refused_recipient = command.starts_with("RCPT")
                && self
                    .0
                    .refused_recipients
                    .lock()
                    .unwrap()
                    .iter()
                    .any(|a| command.contains(a.as_str()));
            let refusal;
            let reply: &[u8] = if refused_recipient {
                let address = line.split_once(':').map_or("", |(_, a)| a.trim());
                refusal = format!("550 5.1.1 {address}: no such user here\r\n");
                refusal.as_bytes()
            } else if command.starts_with("EHLO") || command.starts_with("HELO") {
                b"250 sink\r\n"
            } else if command.starts_with("DATA") {
                in_data = true;
                b"354 go ahead\r\n"
            } else if command.starts_with("QUIT") {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            } else {
                b"250 ok\r\n"
            };
            if write.write_all(reply).await.is_err() {
                return;
            }
        }
    }
}
