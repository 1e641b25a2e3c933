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
    let (delimiter, skipped_lines, body) = delimiter_of(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    let mut count = 0;
    let mut record = csv::StringRecord::new();
    // The line and spreadsheet row the next record starts on if no blank line comes first.
    let (mut next_line, mut next_row) = (1u64, 1 + skipped_lines);
    // Reading from a byte slice of valid UTF-8 cannot fail; an unterminated quote runs to the end.
    while let Ok(true) = reader.read_record(&mut record) {
        let start = record.position().map_or(next_line, |p| p.line());
        let number = next_row + usize::try_from(start.saturating_sub(next_line)).unwrap_or(0);
        let breaks: usize = record.iter().map(|cell| cell.matches('\n').count()).sum();
        next_line = start + breaks as u64 + 1;
        next_row = number + 1;
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

/// The delimiter, from Excel's `sep=` line when there is one (the line is then skipped: the
/// second value is how many rows it took), else the candidate that occurs most often outside
/// quotes on the header line (ties go to the comma).
fn delimiter_of(text: &str) -> (Delimiter, usize, &str) {
    let first_line = text.lines().next().unwrap_or_default();
    if let Some(sep) = first_line.trim().strip_prefix("sep=") {
        let found = Delimiter::ALL
            .into_iter()
            .find(|d| sep.as_bytes() == [d.byte()]);
        if let Some(delimiter) = found {
            let body = text.split_once('\n').map_or("", |(_, rest)| rest);
            return (delimiter, 1, body);
        }
    }
    let counts = header_delimiter_counts(text);
    let best = Delimiter::ALL
        .into_iter()
        .zip(counts)
        .fold((Delimiter::Comma, 0), |best, (d, n)| {
            if n > best.1 { (d, n) } else { best }
        });
    (best.0, 0, text)
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
