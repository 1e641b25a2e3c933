//! The built server binary as a child process, for the tests that need a real process (killed,
//! restarted, two at once, refusing to start, its log read), and a free loopback port.

use std::io::BufRead;
use std::net::SocketAddr;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A loopback port nobody listens on right now (for an address that must refuse connections).
/// A server under test binds port 0 instead and says which port it got (`ServerProcess`).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .unwrap()
        .port()
}

/// The server binary on `127.0.0.1:0` with `args` (`--db …` and the rest), logging warnings only.
fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args(["--bind", "127.0.0.1:0"])
        .args(args)
        .env("RUST_LOG", "warn");
    command
}

/// Runs the server binary with `args` until it exits (for arguments it must refuse): its exit
/// status and output.
pub fn run_server_to_exit(args: &[&str]) -> Output {
    command(args).output().expect("the server binary runs")
}

/// A running server process, killed when dropped.
pub struct ServerProcess {
    pub child: Child,
    /// The address it listens on.
    pub addr: SocketAddr,
}

impl ServerProcess {
    /// Starts the server binary with `args` and waits (up to a minute) until it prints the address
    /// it listens on: by then its database is migrated (and seeded, with `--seed-demo`). Its
    /// stderr is the test's.
    pub fn start(args: &[&str]) -> ServerProcess {
        Self::spawn(command(args), args, None)
    }

    /// Starts the server binary like [`ServerProcess::start`] with `RUST_LOG=filter`, keeping
    /// every line it writes to stdout and stderr (its log) in the returned [`CapturedLog`].
    pub fn start_logged(args: &[&str], filter: &str) -> (ServerProcess, CapturedLog) {
        let log = CapturedLog::default();
        let mut command = command(args);
        command.env("RUST_LOG", filter).stderr(Stdio::piped());
        (Self::spawn(command, args, Some(log.clone())), log)
    }

    fn spawn(mut command: Command, args: &[&str], log: Option<CapturedLog>) -> ServerProcess {
        if log.is_none() {
            command.stderr(Stdio::inherit());
        }
        let mut child = command
            .stdout(Stdio::piped())
            .spawn()
            .expect("the server binary starts");
        let stdout = child.stdout.take().unwrap();
        if let (Some(log), Some(stderr)) = (&log, child.stderr.take()) {
            log.drain(stderr);
        }
        let (tx, rx) = std::sync::mpsc::channel();
        // Reads the address, then keeps draining so the server never blocks on a full pipe.
        let kept = log.clone();
        let reader = std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.strip_prefix("Customers app: http://") {
                    let addr = rest.trim_end_matches("/customers").parse::<SocketAddr>();
                    let _ = tx.send(addr.expect("the printed address parses"));
                }
                if let Some(log) = &kept {
                    log.0.lock().unwrap().lines.push(line);
                }
            }
        });
        if let Some(log) = &log {
            log.0.lock().unwrap().readers.push(reader);
        }
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(addr) => ServerProcess { child, addr },
            Err(e) => {
                let _ = child.kill();
                let exit = child.wait();
                panic!(
                    "the server {args:?} printed no address ({e}; exit: {exit:?}); its stderr is above"
                );
            }
        }
    }

    /// SIGKILL: no shutdown code runs.
    pub fn kill_9(&mut self) {
        self.child.kill().expect("SIGKILL is delivered");
        self.child.wait().expect("the killed server is reaped");
    }

    /// SIGTERM (a graceful stop), and the exit status once it has stopped.
    pub fn terminate(&mut self) -> ExitStatus {
        self.sigterm();
        self.child.wait().expect("the stopped server is reaped")
    }

    /// SIGTERM, without waiting for the server to stop (it drains first).
    pub fn sigterm(&mut self) {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "SIGTERM is delivered");
    }

    /// A GET over a new connection: the status and the body (`Err`: no connection).
    pub fn get(&self, path: &str, token: &str) -> std::io::Result<(u16, String)> {
        http_get(self.addr, path, token)
    }
}

/// A GET to `addr` over a new connection: the status and the body (`Err`: no connection).
pub fn http_get(addr: SocketAddr, path: &str, token: &str) -> std::io::Result<(u16, String)> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let auth = if token.is_empty() {
        String::new()
    } else {
        format!("Authorization: Bearer {token}\r\n")
    };
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {}\r\n{auth}Connection: close\r\n\r\n",
        addr
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {response:?}"));
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a server process wrote to stdout and stderr, line by line (the two interleaved).
#[derive(Clone, Default)]
pub struct CapturedLog(Arc<Mutex<Captured>>);

#[derive(Default)]
struct Captured {
    lines: Vec<String>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl CapturedLog {
    fn drain(&self, pipe: impl std::io::Read + Send + 'static) {
        let log = self.clone();
        let reader = std::thread::spawn(move || {
            for line in std::io::BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                log.0.lock().unwrap().lines.push(line);
            }
        });
        self.0.lock().unwrap().readers.push(reader);
    }

    /// Every line so far.
    pub fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().lines.clone()
    }

    /// Every line, once the process has exited and its pipes are read to the end.
    pub fn finished(&self) -> Vec<String> {
        let readers = std::mem::take(&mut self.0.lock().unwrap().readers);
        for reader in readers {
            reader.join().expect("a log reader thread ends");
        }
        self.lines()
    }
}
