//! `scs-check flavor-name`: the verdict on each name, one per argument or per line of stdin.

use std::ffi::OsString;
use std::fmt;
use std::io::{self, BufRead, BufReader, BufWriter, Write};

use clap::ValueEnum;
use scs_validators::flavor_name::official::OfficialVerdict;
use scs_validators::flavor_name::{assess, Assessment, Compliance, ExtraSpecs, SpecKey, SpecValue};
use scs_validators::{Finding, Severity};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::{Failure, Passed};

/// At most this many `scs:diskN-type` keys are printed per name.
const DISK_KEY_LIMIT: u32 = 1024;

/// Arguments of `scs-check flavor-name`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Text output is one line per name: `valid NAME`, `valid NAME (canonical: …)`, \
`tolerated NAME (v3: …)`, `invalid NAME: <where and what>` or `not-scs NAME`; a name that is empty or has \
spaces or control characters is shown quoted. Warnings go to stderr.

Exit status: 0 if no name is invalid, 1 otherwise, 2 on a usage error or unreadable input.")]
pub struct Args {
    /// Names to check; without any, one name per line of standard input (each line exactly as
    /// given, only the line feed removed).
    names: Vec<OsString>,
    /// Output format: `text`, `json` (one array) or `jsonl` (one object per line).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also print what a valid name promises, in English.
    #[arg(long)]
    describe: bool,
}

/// Output formats of `flavor-name`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One readable line per name.
    Text,
    /// A JSON array of one object per name.
    Json,
    /// One JSON object per line and name.
    Jsonl,
}

/// Runs the subcommand; `Ok(true)` if no name is invalid.
pub fn run(args: &Args) -> Result<Passed, Failure> {
    let mut printer = Printer {
        out: BufWriter::new(io::stdout().lock()),
        format: args.format,
        describe: args.describe,
        count: 0,
        passed: true,
    };
    printer.begin().map_err(Failure::stdout)?;
    if args.names.is_empty() {
        let mut input = BufReader::with_capacity(1 << 16, io::stdin().lock());
        let mut line = Vec::new();
        loop {
            // Before reading may block, make sure everything answered so far is out.
            if !input.buffer().contains(&b'\n') {
                printer.out.flush().map_err(Failure::stdout)?;
            }
            line.clear();
            let n = input
                .read_until(b'\n', &mut line)
                .map_err(|e| Failure::Input {
                    file: "<stdin>".to_owned(),
                    problem: format!("cannot read: {e}"),
                })?;
            if n == 0 {
                break;
            }
            if line.last() == Some(&b'\n') {
                line.pop();
            }
            printer
                .name(&String::from_utf8_lossy(&line))
                .map_err(Failure::stdout)?;
        }
    } else {
        for name in &args.names {
            printer
                .name(&name.to_string_lossy())
                .map_err(Failure::stdout)?;
        }
    }
    printer.end().map_err(Failure::stdout)?;
    Ok(printer.passed)
}

/// Writes the answers as they come.
struct Printer<W: Write> {
    /// Standard output, buffered.
    out: W,
    /// The output format.
    format: Format,
    /// Whether to add the prose description.
    describe: bool,
    /// Names answered so far.
    count: u64,
    /// Whether no name so far was invalid.
    passed: bool,
}

impl<W: Write> Printer<W> {
    /// Starts the output (the `[` of the JSON array).
    fn begin(&mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out.write_all(b"[")?;
        }
        Ok(())
    }

    /// Answers one name.
    fn name(&mut self, input: &str) -> io::Result<()> {
        let assessment = assess(input);
        if matches!(assessment.compliance, Compliance::Invalid(_)) {
            self.passed = false;
        }
        match self.format {
            Format::Text => self.text(input, &assessment)?,
            Format::Json => {
                self.out
                    .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(
                    &mut self.out,
                    &Record::new(input, &assessment, self.describe),
                )?;
            }
            Format::Jsonl => {
                serde_json::to_writer(
                    &mut self.out,
                    &Record::new(input, &assessment, self.describe),
                )?;
                self.out.write_all(b"\n")?;
            }
        }
        self.count += 1;
        Ok(())
    }

    /// The text line(s) for one name on stdout, its warnings on stderr.
    fn text(&mut self, input: &str, a: &Assessment) -> io::Result<()> {
        let shown = Shown(input);
        match &a.compliance {
            Compliance::NotScs => writeln!(self.out, "not-scs {shown}")?,
            Compliance::Valid(name) => {
                let canonical = name.to_string();
                if canonical == input {
                    writeln!(self.out, "valid {shown}")?;
                } else {
                    writeln!(self.out, "valid {shown} (canonical: {canonical})")?;
                }
            }
            Compliance::Tolerated(name) => writeln!(self.out, "tolerated {shown} (v3: {name})")?,
            Compliance::Invalid(error) => {
                writeln!(self.out, "invalid {shown}: {}", error.detail())?
            }
        }
        if self.describe {
            if let Some(name) = a.compliance.name() {
                writeln!(self.out, "    {}", name.describe())?;
            }
        }
        // The error is on stdout already; the warnings go to stderr, after this name's line.
        let mut warnings = a
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Error)
            .peekable();
        if warnings.peek().is_some() {
            self.out.flush()?;
            let mut err = io::stderr().lock();
            for finding in warnings {
                // A closed stderr does not stop the answers on stdout.
                let _ = writeln!(err, "{finding}");
            }
        }
        Ok(())
    }

    /// Ends the output (the `]` of the JSON array) and flushes it.
    fn end(&mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

/// A name as shown in text output: as is, or quoted (Rust string syntax) if it is empty or has
/// whitespace, control characters or a double quote, which would be invisible or ambiguous.
struct Shown<'a>(&'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = !self.0.is_empty()
            && !self
                .0
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '"');
        if plain {
            f.write_str(self.0)
        } else {
            write!(f, "{:?}", self.0)
        }
    }
}

/// The JSON object for one name (json and jsonl output), keys in this order.
#[derive(Serialize)]
struct Record<'a> {
    /// The name as given.
    input: &'a str,
    /// `valid`, `tolerated`, `invalid` or `not-scs`.
    verdict: &'static str,
    /// What the official suite reports.
    official: OfficialVerdict,
    /// The canonical v3 spelling (valid or tolerated names only).
    canonical: Option<String>,
    /// The short form.
    short: Option<String>,
    /// The v1 spelling.
    v1: Option<String>,
    /// The extra specs the name implies.
    extra_specs: Option<SpecsObject>,
    /// Whether `scs:diskN-type` keys were left out of `extra_specs`.
    extra_specs_truncated: bool,
    /// The parse error of an invalid name.
    error: Option<String>,
    /// The findings of the syntax check on this name.
    findings: &'a [Finding],
    /// The prose (only with `--describe`; null unless valid or tolerated).
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
}

impl<'a> Record<'a> {
    /// The record of `input`.
    fn new(input: &'a str, a: &'a Assessment, describe: bool) -> Self {
        let name = a.compliance.name();
        let specs = name.map(|n| n.extra_specs());
        Record {
            input,
            verdict: a.compliance.verdict(),
            official: a.official,
            canonical: name.map(|n| n.to_string()),
            short: name.map(|n| n.shorten().to_string()),
            v1: name.map(|n| n.v1().to_string()),
            extra_specs: specs.map(SpecsObject),
            extra_specs_truncated: specs.is_some_and(|s| s.disk_count() > DISK_KEY_LIMIT),
            error: match &a.compliance {
                Compliance::Invalid(e) => Some(e.to_string()),
                _ => None,
            },
            findings: &a.findings,
            description: describe.then(|| name.map(|n| n.describe().to_string())),
        }
    }
}

/// The extra specs as a JSON object in the official key order, with at most
/// [`DISK_KEY_LIMIT`] `scs:diskN-type` keys.
struct SpecsObject(ExtraSpecs);

impl Serialize for SpecsObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let specs = &self.0;
        let mut map = s.serialize_map(None)?;
        // `cpus`, `ram`, `scs:cpu-type` and `disk`: everything before the first disk-type or
        // name key.
        for (key, value) in specs
            .iter()
            .take_while(|(key, _)| !matches!(key, SpecKey::DiskType(_) | SpecKey::Name(_)))
        {
            map.serialize_entry(&key, &value)?;
        }
        for (key, kind) in specs.disk_types().take(DISK_KEY_LIMIT as usize) {
            map.serialize_entry(&key, &SpecValue::Text(kind.extra_spec()))?;
        }
        for (n, variant) in (1..).zip(specs.names()) {
            map.serialize_entry(&SpecKey::Name(n), &SpecValue::Name(variant))?;
        }
        map.end()
    }
}
