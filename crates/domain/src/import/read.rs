//! Splitting the text into rows of cells: the delimiter detected from the header line, RFC 4180
//! quoting by the `csv` crate, and each row numbered as a spreadsheet shows it.

use super::Delimiter;

/// One row of the file that has at least one non-blank cell.
#[derive(Debug)]
pub(super) struct Record {
    /// The row's number in a spreadsheet: 1 is the first row of the file, blank lines count,
    /// and a cell with line breaks stays one row.
    pub number: usize,
    pub cells: Vec<String>,
}

/// The rows of the file (blank ones skipped), read with the detected delimiter, and how many
/// there are in all. Only the first `keep` rows are kept: beyond a limit, counting is enough.
pub(super) struct Records {
    pub delimiter: Delimiter,
    pub rows: Vec<Record>,
    pub count: usize,
}

/// Reads every non-blank row of `text`, keeping the first `keep`.
pub(super) fn read_records(text: &str, keep: usize) -> Records {
    let (delimiter, body) = delimiter_of(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    let mut count = 0;
    let mut record = csv::StringRecord::new();
    // The csv crate skips blank lines silently, so they are counted from where the last record
    // ended (its byte offset) to where this one's content begins.
    let (mut end, mut next_row) = (0usize, 1usize);
    // Reading from a byte slice of valid UTF-8 cannot fail; an unterminated quote runs to the end.
    while let Ok(true) = reader.read_record(&mut record) {
        let number = next_row + blank_lines(body.as_bytes(), end);
        next_row = number + 1;
        end = usize::try_from(reader.position().byte()).unwrap_or(body.len());
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        count += 1;
        if rows.len() < keep {
            let cells = record.iter().map(str::to_owned).collect();
            rows.push(Record { number, cells });
        }
    }
    Records {
        delimiter,
        rows,
        count,
    }
}

/// How many line breaks (CRLF, LF or CR) come before the next record's content from byte
/// `from`: the blank lines a spreadsheet shows as empty rows. A record ending in CR leaves its
/// LF behind, which is no blank line.
fn blank_lines(text: &[u8], from: usize) -> usize {
    let run = &text[from.min(text.len())..];
    let run = &run[..run
        .iter()
        .position(|b| !matches!(b, b'\r' | b'\n'))
        .unwrap_or(run.len())];
    let run = match run.strip_prefix(b"\n") {
        Some(rest) if from > 0 && text[from - 1] == b'\r' => rest,
        _ => run,
    };
    run.len() - run.windows(2).filter(|pair| pair == b"\r\n").count()
}

/// The delimiter and the text to read: from Excel's `sep=` line when there is one (the line is
/// then skipped, as Excel hides it), else the candidate that occurs most often outside quotes
/// on the header line (ties go to the comma).
fn delimiter_of(text: &str) -> (Delimiter, &str) {
    let first_line = text.lines().next().unwrap_or_default();
    if let Some(sep) = first_line.trim().strip_prefix("sep=") {
        let found = Delimiter::ALL
            .into_iter()
            .find(|d| sep.as_bytes() == [d.byte()]);
        if let Some(delimiter) = found {
            let body = text.split_once('\n').map_or("", |(_, rest)| rest);
            return (delimiter, body);
        }
    }
    let counts = header_delimiter_counts(text);
    let best =
        Delimiter::ALL
            .into_iter()
            .zip(counts)
            .fold((Delimiter::Comma, 0), |best, (d, n)| {
                if n > best.1 { (d, n) } else { best }
            });
    (best.0, text)
}

/// How often each of [`Delimiter::ALL`] occurs outside quotes before the header row ends.
fn header_delimiter_counts(text: &str) -> [usize; 3] {
    let mut counts = [0; 3];
    let mut quoted = false;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if quoted => {}
            _ => {
                if let Some(i) = Delimiter::ALL.iter().position(|d| d.byte() == byte) {
                    counts[i] += 1;
                }
            }
        }
    }
    counts
}
