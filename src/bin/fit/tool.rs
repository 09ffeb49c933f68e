//! The fit tool itself (native only; src/bin/fit.rs is the entry point).
//!
//! Reads the orders in one streaming pass, keeping only the numeric features; fits an
//! unregularised maximum-likelihood logistic regression (with an intercept) on all rows but the
//! last `--holdout` fraction in file order; prints the weights as `LikelihoodWeights` JSON on
//! standard output and the hold-out AUC and row counts on standard error. README.md, section
//! "Calibrating the likelihood", is the merchant's guide.
//!
//! Exit status: 0 on success, 1 when the data cannot be fitted (bad rows, one class, ...), 2 on a
//! usage error.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write as _};
use std::process::ExitCode;

use instalment_guard::engine::money::Currency;
use linfa::prelude::{Dataset, Fit};
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2};

const USAGE: &str = "\
Usage: instalment-guard-fit ORDERS.csv [--holdout FRACTION]

Fits the reminder's likelihood weights (a logistic model of whether a shopper chooses an
instalment plan) to a merchant's order history, and prints them as LikelihoodWeights JSON.

ORDERS.csv has a header row. Required columns:
  amount_minor       the order amount in minor units (an integer > 0; cents, fen, ...)
  chose_instalments  1 if the shopper paid in instalments, else 0
Optional columns (each one present adds its feature to the model):
  currency           ISO 4217 code of the amount (default CNY); only converts to major units
  interest_free      1 if an interest-free plan was offered, else 0      -> interestFree
  best_apr           the lowest nominal APR offered, as a fraction 0.1357 -> bestApr
                     (0 when an interest-free plan was offered, as the guard does)
  durable            1 if the cart holds a durable good, else 0          -> durable
  prior_instalment   +1, -1 or 0: the shopper's earlier choice, if known -> priorInstalment
Columns may come in any order; other columns are ignored.

Options:
  --holdout FRACTION  the last FRACTION of the rows, in file order, is held out of the fit
                      and used to measure the AUC (default 0.3; strictly between 0 and 1)
  -h, --help          print this help

Standard output: the weights, e.g. {\"intercept\": -7.94, \"lnAmount\": 1.15}
Standard error: the row counts, the share that chose instalments and the hold-out AUC.
";

/// How many bad rows are listed one by one; the rest are counted.
const MAX_LISTED: usize = 20;

pub fn main() -> ExitCode {
    // args_os, not args: std::env::args panics on an argument that is not UTF-8.
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect();
    let parsed = args
        .map_err(|a| format!("arguments must be UTF-8 text, got {a:?}"))
        .and_then(|args| parse_args(&args));
    let options = match parsed {
        Ok(Command::Help) => {
            // Not print!, which panics when standard output is closed.
            let mut out = io::stdout().lock();
            return match out.write_all(USAGE.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::FAILURE,
            };
        }
        Ok(Command::Fit(options)) => options,
        Err(message) => {
            eprintln!("instalment-guard-fit: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("instalment-guard-fit: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options) -> Result<(), String> {
    let file =
        File::open(&options.path).map_err(|e| format!("cannot open {}: {e}", options.path))?;
    let orders = read_orders(BufReader::new(file)).map_err(|e| e.to_string())?;
    let n = orders.len();
    let positives = orders.chose.iter().filter(|&&c| c).count();
    if positives == 0 || positives == n {
        return Err(format!(
            "all {n} rows have chose_instalments = {}: a model of the choice needs both 0 and 1",
            u8::from(positives == n)
        ));
    }
    let (fit_part, hold) = split(&orders, options.holdout)?;
    let n_fit = fit_part.chose.len();
    let (x_fit, y_fit) = (fit_part.x, fit_part.chose);
    let (x_hold, y_hold) = (hold.x, hold.chose);
    let k = orders.features.len();

    let started = std::time::Instant::now();
    let weights = fit(x_fit, y_fit, &orders.features)?;
    let fit_time = started.elapsed();

    let scores: Vec<f64> = x_hold
        .chunks_exact(k)
        .map(|row| linear_predictor(&weights, row))
        .collect();
    let share = |y: &[bool]| 100.0 * y.iter().filter(|&&c| c).count() as f64 / y.len() as f64;
    eprintln!("fit rows: {n_fit} ({:.1}% chose instalments)", share(y_fit));
    eprintln!(
        "hold-out rows: {} ({:.1}% chose instalments)",
        y_hold.len(),
        share(y_hold)
    );
    match auc(&scores, y_hold) {
        Some(a) => eprintln!("hold-out AUC: {a:.4}"),
        None => eprintln!(
            "hold-out AUC: undefined (every hold-out row made the same choice; shuffle the \
             file or change --holdout to measure it)"
        ),
    }
    eprintln!("fit time: {:.3} s", fit_time.as_secs_f64());
    let mut out = io::stdout().lock();
    writeln!(out, "{}", weights_json(&orders.features, &weights))
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write the weights: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Arguments

#[derive(Debug, PartialEq)]
struct Options {
    path: String,
    holdout: f64,
}

#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Fit(Options),
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut path = None;
    let mut holdout = 0.3;
    let mut flags_done = false;
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        i += 1;
        let value = if flags_done || !arg.starts_with('-') || arg == "-" {
            if path.replace(arg.clone()).is_some() {
                return Err(format!("one ORDERS.csv only; \"{arg}\" is a second"));
            }
            continue;
        } else if arg == "--" {
            flags_done = true;
            continue;
        } else if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        } else if arg == "--holdout" {
            i += 1;
            args.get(i - 1)
                .ok_or("--holdout needs a value, such as --holdout 0.3")?
                .as_str()
        } else if let Some(v) = arg.strip_prefix("--holdout=") {
            v
        } else {
            return Err(format!("unknown option \"{arg}\""));
        };
        holdout = match value.trim().parse::<f64>() {
            Ok(h) if h > 0.0 && h < 1.0 => h,
            _ => {
                return Err(format!(
                    "--holdout must be a fraction strictly between 0 and 1, got \"{value}\""
                ))
            }
        };
    }
    let path = path.ok_or("no ORDERS.csv given")?;
    Ok(Command::Fit(Options { path, holdout }))
}

/// How many rows, from the top, the fit uses: all but the last `holdout` fraction (rounded to
/// the nearest row), leaving at least one row on each side.
fn fit_rows(n: usize, holdout: f64) -> Result<usize, String> {
    if n < 2 {
        return Err(format!(
            "{n} row(s): a fit and a hold-out need at least one row each"
        ));
    }
    let held = ((n as f64 * holdout).round() as usize).clamp(1, n - 1);
    Ok(n - held)
}

/// Some of the orders' rows: their features (row-major) and choices.
#[derive(Debug, PartialEq)]
struct Part<'a> {
    x: &'a [f64],
    chose: &'a [bool],
}

/// The rows the fit uses (all but the last `holdout` fraction, in file order) and the hold-out.
fn split(orders: &Orders, holdout: f64) -> Result<(Part<'_>, Part<'_>), String> {
    let n_fit = fit_rows(orders.len(), holdout)?;
    let (x_fit, x_hold) = orders.x.split_at(n_fit * orders.features.len());
    let (y_fit, y_hold) = orders.chose.split_at(n_fit);
    Ok((
        Part {
            x: x_fit,
            chose: y_fit,
        },
        Part {
            x: x_hold,
            chose: y_hold,
        },
    ))
}

// ---------------------------------------------------------------------------------------------
// Reading the orders

/// A feature of the model: its column in the CSV (none for the amount, which is derived from
/// `amount_minor` and `currency`) and its key in the weights JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Feature {
    LnAmount,
    InterestFree,
    BestApr,
    Durable,
    PriorInstalment,
}

impl Feature {
    /// Every feature, in the order of the weights JSON.
    const ALL: [Feature; 5] = [
        Feature::LnAmount,
        Feature::InterestFree,
        Feature::BestApr,
        Feature::Durable,
        Feature::PriorInstalment,
    ];

    fn key(self) -> &'static str {
        match self {
            Feature::LnAmount => "lnAmount",
            Feature::InterestFree => "interestFree",
            Feature::BestApr => "bestApr",
            Feature::Durable => "durable",
            Feature::PriorInstalment => "priorInstalment",
        }
    }

    fn column(self) -> &'static str {
        match self {
            Feature::LnAmount => "amount_minor",
            Feature::InterestFree => "interest_free",
            Feature::BestApr => "best_apr",
            Feature::Durable => "durable",
            Feature::PriorInstalment => "prior_instalment",
        }
    }

    /// The feature's value from its cell, or what is wrong with the cell.
    fn parse(self, cell: &str) -> Result<f64, String> {
        let column = self.column();
        match self {
            // Not a cell of its own: read from amount_minor and currency in parse_row.
            Feature::LnAmount => Err("amount_minor is read with its currency".to_string()),
            Feature::InterestFree | Feature::Durable => match cell {
                "0" => Ok(0.0),
                "1" => Ok(1.0),
                _ => Err(format!("{column} must be 0 or 1, got \"{cell}\"")),
            },
            Feature::PriorInstalment => match cell {
                "0" | "+0" | "-0" => Ok(0.0),
                "1" | "+1" => Ok(1.0),
                "-1" => Ok(-1.0),
                _ => Err(format!("{column} must be +1, -1 or 0, got \"{cell}\"")),
            },
            Feature::BestApr => match cell.parse::<f64>() {
                Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
                // A rate written as a percentage would fit a weight 100 times too small for
                // the guard, which passes fractions; so it is refused rather than guessed.
                Ok(r) if r > 1.0 && r.is_finite() => Err(format!(
                    "best_apr must be a fraction (0.1357 for 13.57%), got \"{cell}\""
                )),
                _ => Err(format!(
                    "best_apr must be a fraction between 0 and 1, got \"{cell}\""
                )),
            },
        }
    }
}

/// The orders as the fit needs them: one row of features per order, row-major, and the choice.
#[derive(Debug)]
struct Orders {
    /// The model's features, `lnAmount` first, then those the file has, in `Feature::ALL` order.
    features: Vec<Feature>,
    /// `len() * features.len()` values.
    x: Vec<f64>,
    chose: Vec<bool>,
}

impl Orders {
    fn len(&self) -> usize {
        self.chose.len()
    }
}

#[derive(Debug)]
enum ReadError {
    Io(String),
    Empty,
    Header(String),
    /// The first bad rows (line number, what is wrong), and how many there are in all.
    Rows {
        listed: Vec<(u64, String)>,
        total: usize,
    },
    NoRows,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read the orders: {e}"),
            ReadError::Empty => write!(
                f,
                "the file is empty: it needs a header row with amount_minor and \
                 chose_instalments, then one row per order"
            ),
            ReadError::Header(e) => write!(f, "header row: {e}"),
            ReadError::NoRows => write!(f, "the file has a header but no orders"),
            ReadError::Rows { listed, total } => {
                write!(f, "{total} bad row(s); nothing was fitted")?;
                for (line, problem) in listed {
                    write!(f, "\n  line {line}: {problem}")?;
                }
                if *total > listed.len() {
                    write!(f, "\n  ... and {} more", total - listed.len())?;
                }
                Ok(())
            }
        }
    }
}

/// Where each column the tool reads sits in a row.
struct Columns {
    width: usize,
    amount: usize,
    chose: usize,
    currency: Option<usize>,
    /// The optional features the file has, with their column index.
    optional: Vec<(Feature, usize)>,
}

fn header_columns(header: &Fields) -> Result<Columns, ReadError> {
    let names: Vec<&str> = (0..header.len())
        .map(|i| {
            header
                .text(i)
                .map_err(|_| ReadError::Header(format!("column {} is not UTF-8 text", i + 1)))
        })
        .collect::<Result<_, _>>()?;
    let find = |name: &str| -> Result<Option<usize>, ReadError> {
        let mut at = names.iter().enumerate().filter(|(_, n)| **n == name);
        match (at.next(), at.next()) {
            (Some((i, _)), None) => Ok(Some(i)),
            (None, _) => Ok(None),
            (Some(_), Some(_)) => Err(ReadError::Header(format!(
                "column {name} appears more than once"
            ))),
        }
    };
    let required = |name: &str| -> Result<usize, ReadError> {
        find(name)?.ok_or_else(|| {
            ReadError::Header(format!(
                "no column {name} (it needs amount_minor and chose_instalments; it has {})",
                names.join(",")
            ))
        })
    };
    let amount = required("amount_minor")?;
    let chose = required("chose_instalments")?;
    let currency = find("currency")?;
    let mut optional = Vec::new();
    for feature in Feature::ALL.into_iter().skip(1) {
        if let Some(i) = find(feature.column())? {
            optional.push((feature, i));
        }
    }
    Ok(Columns {
        width: names.len(),
        amount,
        chose,
        currency,
        optional,
    })
}

/// One line's fields, split by csv-core (so quoted fields are unquoted as RFC 4180 says) into
/// buffers that are reused from line to line.
struct Fields {
    splitter: csv_core::Reader,
    bytes: Vec<u8>,
    ends: Vec<usize>,
    count: usize,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            // Reader::new, not Reader::default: csv-core's Default leaves its DFA unbuilt, and
            // that reader finds no fields at all.
            splitter: csv_core::Reader::new(),
            bytes: Vec::new(),
            ends: Vec::new(),
            count: 0,
        }
    }

    fn split(&mut self, line: &[u8]) {
        self.splitter.reset();
        // Unquoting never lengthens a field, and there is at most one field more than commas;
        // the buffers still grow below if csv-core asks for more.
        self.bytes.resize(line.len() + 1, 0);
        self.ends
            .resize(line.iter().filter(|&&b| b == b',').count() + 1, 0);
        let (mut read, mut written, mut ended) = (0, 0, 0);
        loop {
            let (result, nin, nout, nend) = self.splitter.read_record(
                line.get(read..).unwrap_or_default(),
                self.bytes.get_mut(written..).unwrap_or_default(),
                self.ends.get_mut(ended..).unwrap_or_default(),
            );
            (read, written, ended) = (read + nin, written + nout, ended + nend);
            match result {
                // An empty input after the line is how csv-core is told the record is complete.
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    self.bytes.resize(self.bytes.len() * 2, 0)
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    self.ends.resize(self.ends.len() * 2, 0)
                }
                csv_core::ReadRecordResult::Record | csv_core::ReadRecordResult::End => break,
            }
        }
        self.count = ended;
    }

    fn len(&self) -> usize {
        self.count
    }

    /// Field `i` as text, without the spaces around it.
    fn text(&self, i: usize) -> Result<&str, std::str::Utf8Error> {
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1).copied().unwrap_or(0),
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        std::str::from_utf8(self.bytes.get(start..end).unwrap_or_default()).map(str::trim)
    }
}

/// Reads the next line that is not blank into `line` (without its line end) and returns its
/// 1-based number, or `None` at the end of the input.
fn next_line<R: BufRead>(
    input: &mut R,
    line: &mut Vec<u8>,
    number: &mut u64,
) -> Result<Option<u64>, ReadError> {
    loop {
        line.clear();
        if input
            .read_until(b'\n', line)
            .map_err(|e| ReadError::Io(e.to_string()))?
            == 0
        {
            return Ok(None);
        }
        *number += 1;
        if *number == 1 && line.starts_with(b"\xEF\xBB\xBF") {
            line.drain(..3);
        }
        while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            line.pop();
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            return Ok(Some(*number));
        }
    }
}

/// Reads the orders in one pass, line by line, keeping only the features. Every bad row is
/// counted (the first `MAX_LISTED` are described) and the read fails if there is any.
///
/// Blank lines are skipped; a UTF-8 byte-order mark, CRLF line ends, quoted fields and spaces
/// around fields are read as spreadsheets write them. A quoted field cannot hold a line break
/// (no column the tool reads has one): each line is one row.
fn read_orders<R: BufRead>(mut input: R) -> Result<Orders, ReadError> {
    let mut line = Vec::new();
    let mut number = 0;
    let mut fields = Fields::new();
    if next_line(&mut input, &mut line, &mut number)?.is_none() {
        return Err(ReadError::Empty);
    }
    fields.split(&line);
    let columns = header_columns(&fields)?;
    let mut features = vec![Feature::LnAmount];
    features.extend(columns.optional.iter().map(|(f, _)| *f));

    let mut orders = Orders {
        features,
        x: Vec::new(),
        chose: Vec::new(),
    };
    let mut listed = Vec::new();
    let mut total = 0;
    // Most files hold one currency: the last one read is kept rather than looked up per row.
    let mut currency =
        Currency::parse("CNY", "currency").map_err(|e| ReadError::Io(e.message.clone()))?;
    let mut row = Vec::with_capacity(orders.features.len());
    while let Some(at) = next_line(&mut input, &mut line, &mut number)? {
        fields.split(&line);
        row.clear();
        match parse_row(&fields, &columns, &mut currency, &mut row) {
            Ok(chose) if total == 0 => {
                orders.x.extend_from_slice(&row);
                orders.chose.push(chose);
            }
            Ok(_) => {}
            Err(problems) => {
                total += 1;
                if listed.len() < MAX_LISTED {
                    listed.push((at, problems.join("; ")));
                }
            }
        }
    }
    if total > 0 {
        return Err(ReadError::Rows { listed, total });
    }
    if orders.chose.is_empty() {
        return Err(ReadError::NoRows);
    }
    Ok(orders)
}

/// Reads one order into `row` (its features) and returns its choice, or every problem it has.
fn parse_row(
    fields: &Fields,
    columns: &Columns,
    currency: &mut Currency,
    row: &mut Vec<f64>,
) -> Result<bool, Vec<String>> {
    if fields.len() != columns.width {
        return Err(vec![format!(
            "{} fields, but the header has {}",
            fields.len(),
            columns.width
        )]);
    }
    let mut problems = Vec::new();
    let text = |i: usize, problems: &mut Vec<String>| match fields.text(i) {
        Ok(s) => Some(s),
        Err(_) => {
            problems.push(format!("column {} is not UTF-8 text", i + 1));
            None
        }
    };

    if let Some(i) = columns.currency {
        if let Some(code) = text(i, &mut problems) {
            if code != currency.code() {
                match Currency::parse(code, "currency") {
                    Ok(c) => *currency = c,
                    Err(e) => problems.push(e.message.clone()),
                }
            }
        }
    }
    let amount = text(columns.amount, &mut problems).and_then(|s| match s.parse::<u64>() {
        Ok(a) if a > 0 => Some(a),
        _ => {
            problems.push(format!(
                "amount_minor must be a whole number of minor units above 0, got \"{s}\""
            ));
            None
        }
    });
    let chose = text(columns.chose, &mut problems).and_then(|s| match s {
        "0" => Some(false),
        "1" => Some(true),
        _ => {
            problems.push(format!("chose_instalments must be 0 or 1, got \"{s}\""));
            None
        }
    });
    if let Some(a) = amount {
        // ln(a / 10^e) written as a difference, so no division rounds before the log.
        row.push((a as f64).ln() - f64::from(currency.exponent()) * std::f64::consts::LN_10);
    }
    for &(feature, i) in &columns.optional {
        if let Some(s) = text(i, &mut problems) {
            match feature.parse(s) {
                Ok(v) => row.push(v),
                Err(e) => problems.push(e),
            }
        }
    }
    match chose {
        Some(c) if problems.is_empty() => Ok(c),
        _ => Err(problems),
    }
}

// ---------------------------------------------------------------------------------------------
// The fit

/// The unregularised maximum-likelihood logistic fit of `chose` on the features `x` (row-major,
/// `features.len()` per row). Returns the intercept followed by one weight per feature.
///
/// linfa-logistic's L-BFGS is run on standardised features (each centred on its mean and divided
/// by its standard deviation) and the weights are mapped back: the maximum of the likelihood is
/// the same model either way, and the solver converges in far fewer steps when lnAmount (around
/// 5) and the 0/1 features share one scale. The result is checked for convergence, so a fit that
/// did not reach the maximum is an error, not a set of weights.
fn fit(x: &[f64], chose: &[bool], features: &[Feature]) -> Result<Vec<f64>, String> {
    let k = features.len();
    let n = chose.len();
    if n == 0 || x.len() != n * k {
        return Err("no rows to fit".to_string());
    }
    for (label, name) in [(false, 0), (true, 1)] {
        if chose.iter().all(|&c| c != label) {
            return Err(format!(
                "none of the {n} fit rows has chose_instalments = {name}: the fit needs both; \
                 shuffle the file or change --holdout"
            ));
        }
    }
    let mut mean = vec![0.0; k];
    let mut scale = vec![0.0; k];
    for row in x.chunks_exact(k) {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += v / n as f64;
        }
    }
    for row in x.chunks_exact(k) {
        for ((s, v), m) in scale.iter_mut().zip(row).zip(&mean) {
            *s += (v - m) * (v - m) / n as f64;
        }
    }
    for ((s, f), m) in scale.iter_mut().zip(features).zip(&mean) {
        *s = s.sqrt();
        if s.is_nan() || *s <= 1e-12 * m.abs().max(1.0) {
            return Err(format!(
                "{} is the same on every fit row, so its weight cannot be told apart from the \
                 intercept; drop the column {}",
                f.key(),
                f.column()
            ));
        }
    }
    let z = Array2::from_shape_fn((n, k), |(i, j)| {
        (x.get(i * k + j).copied().unwrap_or(0.0) - mean[j]) / scale[j]
    });
    let y: Array1<usize> = chose.iter().map(|&c| usize::from(c)).collect();
    let dataset = Dataset::new(z.clone(), y);
    let model = LogisticRegression::default()
        .alpha(0.0)
        .max_iterations(1000)
        .gradient_tolerance(1e-9 * n as f64)
        .fit(&dataset)
        .map_err(|e| format!("the fit failed: {e}"))?;
    // linfa-logistic 0.8 models the log-odds of its "positive" class, which is the MORE FREQUENT
    // label, not the larger one (its doc says "larger by PartialOrd"; its code compares counts),
    // and the first one seen on a tie. The weights must be the log-odds of choosing instalments
    // (class 1) whatever the merchant's share, so they change sign when class 0 was positive.
    let sign = if model.labels().pos.class == 1 {
        1.0
    } else {
        -1.0
    };
    let b = sign * model.intercept();
    let w = model.params().mapv(|v| sign * v);

    // The mean score (gradient of the mean log-likelihood) at the fit, per standardised
    // coefficient: zero at the maximum.
    let mut score = vec![0.0; k + 1];
    for (row, &c) in z.rows().into_iter().zip(chose) {
        let eta = b + row.dot(&w);
        let r = f64::from(u8::from(c)) - logistic(eta);
        score[0] += r / n as f64;
        for (s, v) in score.iter_mut().skip(1).zip(row) {
            *s += r * v / n as f64;
        }
    }
    let worst = score.iter().fold(0.0_f64, |a, s| a.max(s.abs()));
    if worst.is_nan() || worst >= 1e-6 || !b.is_finite() || w.iter().any(|v| !v.is_finite()) {
        return Err(format!(
            "the fit did not converge (largest mean score {worst:.2e})"
        ));
    }

    let mut weights = vec![b; k + 1];
    for (j, f) in features.iter().enumerate() {
        let standardised = w.get(j).copied().unwrap_or(0.0);
        let wj = standardised / scale[j];
        weights[j + 1] = wj;
        weights[0] -= wj * mean[j];
        // Where a feature separates the choices (every durable order chose instalments, say),
        // the likelihood has no maximum: the weight runs off and stops wherever the solver's
        // tolerance is met. No shopper is that predictable, so such a weight is refused: past
        // 10 per standard deviation (odds times 22,000) or, for the 0/1 and ±1 features, past
        // 15 per unit (odds times 3 million). The marketplace slope is 1.15 per unit of lnAmount,
        // about 1.2 per standard deviation.
        let unit_limit = match f {
            Feature::InterestFree | Feature::Durable | Feature::PriorInstalment => 15.0,
            Feature::LnAmount | Feature::BestApr => f64::INFINITY,
        };
        if standardised.abs() > 10.0 || wj.abs() > unit_limit {
            return Err(format!(
                "{} separates the choices (nearly) perfectly in the fit rows, so it has no \
                 finite maximum-likelihood weight (the solver stopped at {wj:.1}); check that \
                 column, or drop it",
                f.key()
            ));
        }
    }
    Ok(weights)
}

fn logistic(eta: f64) -> f64 {
    1.0 / (1.0 + (-eta).exp())
}

/// The model's log-odds for one row: `weights[0]` is the intercept.
fn linear_predictor(weights: &[f64], row: &[f64]) -> f64 {
    weights.first().copied().unwrap_or(0.0)
        + weights
            .iter()
            .skip(1)
            .zip(row)
            .map(|(w, v)| w * v)
            .sum::<f64>()
}

/// The area under the ROC curve as the Mann–Whitney statistic: the share of (chose, did not
/// choose) pairs in which the one that chose has the higher score, ties counted as half. `None`
/// when one class is missing. Scores are compared as log-odds, which do not saturate to equal
/// probabilities at the extremes.
fn auc(scores: &[f64], chose: &[bool]) -> Option<f64> {
    let mut pairs: Vec<(f64, bool)> = scores.iter().copied().zip(chose.iter().copied()).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let positives = pairs.iter().filter(|p| p.1).count() as f64;
    let negatives = pairs.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return None;
    }
    // Sum of the positives' ranks (1-based), each run of equal scores sharing its mean rank.
    let mut rank_sum = 0.0;
    let mut start = 0;
    while start < pairs.len() {
        let score = pairs[start].0;
        let end = pairs[start..]
            .iter()
            .position(|p| p.0.total_cmp(&score).is_ne())
            .map_or(pairs.len(), |len| start + len);
        let mean_rank = (start + 1 + end) as f64 / 2.0;
        rank_sum += mean_rank * pairs[start..end].iter().filter(|p| p.1).count() as f64;
        start = end;
    }
    Some((rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives))
}

/// The weights as `LikelihoodWeights` JSON: the intercept, then one key per feature the file has.
/// Numbers are written in Rust's shortest round-trip form, so the JSON holds the full f64.
fn weights_json(features: &[Feature], weights: &[f64]) -> String {
    let mut s = String::from("{");
    let keys = std::iter::once("intercept").chain(features.iter().map(|f| f.key()));
    for (i, (key, w)) in keys.zip(weights).enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        let _ = write!(s, "{sep}\"{key}\": {w:?}");
    }
    s.push('}');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Orders, ReadError> {
        read_orders(text.as_bytes())
    }

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    // --- AUC ----------------------------------------------------------------------------------

    #[test]
    fn auc_of_hand_counted_cases() {
        let (t, f) = (true, false);
        // Every positive above every negative, and the reverse.
        assert_eq!(auc(&[1.0, 2.0, 3.0, 4.0], &[f, f, t, t]), Some(1.0));
        assert_eq!(auc(&[1.0, 2.0, 3.0, 4.0], &[t, t, f, f]), Some(0.0));
        // Positives {2, 3}, negatives {1, 2}: pairs (2,1) 1, (2,2) ½, (3,1) 1, (3,2) 1 → 3.5 / 4.
        assert_eq!(auc(&[1.0, 2.0, 2.0, 3.0], &[f, t, f, t]), Some(0.875));
        // The same in another order: the statistic does not depend on the input order.
        assert_eq!(auc(&[3.0, 2.0, 1.0, 2.0], &[t, f, f, t]), Some(0.875));
        // All tied: every pair is half.
        assert_eq!(auc(&[5.0; 5], &[t, f, f, t, f]), Some(0.5));
        // Positives {1, 3, 3}, negatives {3, 0}: vs 3: 0 + ½ + ½, vs 0: 1 + 1 + 1 → 4 / 6.
        let a = auc(&[1.0, 3.0, 3.0, 3.0, 0.0], &[t, t, t, f, f]).unwrap();
        assert!((a - 4.0 / 6.0).abs() < 1e-15, "{a}");
    }

    #[test]
    fn auc_is_undefined_with_one_class() {
        assert_eq!(auc(&[1.0, 2.0], &[true, true]), None);
        assert_eq!(auc(&[1.0, 2.0], &[false, false]), None);
        assert_eq!(auc(&[], &[]), None);
    }

    #[test]
    fn auc_matches_counting_every_pair() {
        // Scores with many ties (20 distinct values over 300 rows) against the O(n²) definition.
        let mut rng = SplitMix(7);
        let scores: Vec<f64> = (0..300).map(|_| (rng.next() % 20) as f64).collect();
        let chose: Vec<bool> = (0..300).map(|_| rng.next() % 3 == 0).collect();
        let (mut wins, mut pairs) = (0.0, 0.0);
        for (s1, _) in scores.iter().zip(&chose).filter(|(_, &c)| c) {
            for (s0, _) in scores.iter().zip(&chose).filter(|(_, &c)| !c) {
                pairs += 1.0;
                wins += if s1 > s0 {
                    1.0
                } else if s1 == s0 {
                    0.5
                } else {
                    0.0
                };
            }
        }
        let a = auc(&scores, &chose).unwrap();
        assert!((a - wins / pairs).abs() < 1e-12, "{a} vs {}", wins / pairs);
    }

    // --- Reading ------------------------------------------------------------------------------

    #[test]
    fn every_bad_row_is_reported_by_line_with_what_is_wrong() {
        let text = "amount_minor,chose_instalments,currency\n\
                    1000,1,CNY\n\
                    abc,1,CNY\n\
                    1000,2,CNY\n\
                    \n\
                    1000,0\n\
                    -5,0,CNY\n\
                    0,1,CNY\n\
                    12.5,0,CNY\n\
                    1000,1,XYZ\n\
                    1000,1,cny\n\
                    0,7,RMB\n\
                    2000,0,JPY\n";
        let Err(ReadError::Rows { listed, total }) = read(text) else {
            panic!("bad rows were accepted");
        };
        assert_eq!(total, 9);
        let lines: Vec<u64> = listed.iter().map(|(l, _)| *l).collect();
        // Line 5 is blank (skipped), so line 6 is the short row.
        assert_eq!(lines, [3, 4, 6, 7, 8, 9, 10, 11, 12]);
        let says = |line: u64, what: &str| {
            let (_, problem) = listed.iter().find(|(l, _)| *l == line).unwrap();
            assert!(problem.contains(what), "line {line}: {problem}");
        };
        says(
            3,
            "amount_minor must be a whole number of minor units above 0, got \"abc\"",
        );
        says(4, "chose_instalments must be 0 or 1, got \"2\"");
        says(6, "2 fields, but the header has 3");
        says(7, "\"-5\"");
        says(8, "got \"0\"");
        says(9, "\"12.5\"");
        says(10, "\"XYZ\"");
        says(11, "capitals");
        // Every problem of a row, not just its first.
        says(12, "amount_minor");
        says(12, "chose_instalments");
        says(12, "RMB");

        let message = ReadError::Rows { listed, total }.to_string();
        assert!(message.starts_with("9 bad row(s)"), "{message}");
        assert!(
            message.contains("\n  line 4: chose_instalments"),
            "{message}"
        );
    }

    #[test]
    fn the_listing_stops_at_twenty_and_counts_the_rest() {
        let mut text = String::from("amount_minor,chose_instalments\n");
        for i in 0..25 {
            text.push_str(if i % 2 == 0 { "1000,1\n" } else { "1000,x\n" });
            text.push_str("nope,0\n");
        }
        let err = read(&text).unwrap_err();
        let ReadError::Rows { listed, total } = &err else {
            panic!("{err:?}");
        };
        assert_eq!((listed.len(), *total), (20, 37));
        assert_eq!(listed.first().map(|l| l.0), Some(3));
        let message = err.to_string();
        assert!(message.ends_with("\n  ... and 17 more"), "{message}");
        assert_eq!(message.matches("\n  line ").count(), 20);
    }

    #[test]
    fn optional_cells_are_checked() {
        let text =
            "amount_minor,chose_instalments,interest_free,best_apr,durable,prior_instalment\n\
                    1000,1,2,0.1,1,0\n\
                    1000,1,1,13.57,1,0\n\
                    1000,1,1,-0.1,1,0\n\
                    1000,1,1,NaN,yes,+2\n\
                    1000,1,1,0.1,1,+1\n";
        let Err(ReadError::Rows { listed, total }) = read(text) else {
            panic!("bad rows were accepted");
        };
        assert_eq!(total, 4);
        assert!(listed[0].1.contains("interest_free must be 0 or 1"));
        assert!(listed[1].1.contains("a fraction (0.1357 for 13.57%)"));
        assert!(listed[2].1.contains("between 0 and 1, got \"-0.1\""));
        assert!(listed[3].1.contains("\"NaN\""));
        assert!(listed[3].1.contains("durable must be 0 or 1, got \"yes\""));
        assert!(listed[3]
            .1
            .contains("prior_instalment must be +1, -1 or 0, got \"+2\""));
    }

    #[test]
    fn header_columns_in_any_order_unknown_ones_ignored() {
        let text = "order_id,durable,chose_instalments,note,amount_minor,best_apr\n\
                    A1,1,1,hello,250000,0.1357\n\
                    A2,0,0,,1999,0\n";
        let orders = read(text).unwrap();
        assert_eq!(
            orders.features,
            [Feature::LnAmount, Feature::BestApr, Feature::Durable]
        );
        assert_eq!(orders.chose, [true, false]);
        let expect = [(2500.0f64).ln(), 0.1357, 1.0, (19.99f64).ln(), 0.0, 0.0];
        for (got, want) in orders.x.iter().zip(expect) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
    }

    #[test]
    fn header_errors_are_clear() {
        let missing = read("amount,chose_instalments\n100,1\n")
            .unwrap_err()
            .to_string();
        assert!(missing.contains("no column amount_minor"), "{missing}");
        assert!(
            missing.contains("it has amount,chose_instalments"),
            "{missing}"
        );
        let missing = read("amount_minor\n100\n").unwrap_err().to_string();
        assert!(missing.contains("no column chose_instalments"), "{missing}");
        let twice = read("amount_minor,chose_instalments,amount_minor\n1,1,1\n")
            .unwrap_err()
            .to_string();
        assert!(
            twice.contains("amount_minor appears more than once"),
            "{twice}"
        );
        assert!(matches!(read(""), Err(ReadError::Empty)));
        assert!(matches!(read("\n\n"), Err(ReadError::Empty)));
        assert!(matches!(
            read("amount_minor,chose_instalments\n"),
            Err(ReadError::NoRows)
        ));
        // A file of numbers only has no header: its first row is taken for one and refused.
        let numbers = read("100,1\n200,0\n").unwrap_err().to_string();
        assert!(numbers.contains("no column amount_minor"), "{numbers}");
    }

    #[test]
    fn spreadsheet_exports_are_read() {
        // A byte-order mark, CRLF line ends, quoted fields and spaces around them.
        let text =
            "\u{feff}\"amount_minor\",\"chose_instalments\"\r\n\"1000\" , 1\r\n 2000,\"0\"\r\n";
        let orders = read(text).unwrap();
        assert_eq!(orders.chose, [true, false]);
        assert!((orders.x[0] - 10f64.ln()).abs() < 1e-12);
        assert!((orders.x[1] - 20f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn amounts_become_major_units_by_their_currency() {
        let text = "currency,amount_minor,chose_instalments\n\
                    CNY,123456,1\n\
                    JPY,123456,0\n\
                    KWD,123456,1\n\
                    BRL,123456,0\n";
        let orders = read(text).unwrap();
        let expect = [1234.56f64, 123456.0, 123.456, 1234.56].map(f64::ln);
        for (got, want) in orders.x.iter().zip(expect) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
        // Without the column the amounts are CNY.
        let cny = read("amount_minor,chose_instalments\n123456,1\n").unwrap();
        assert!((cny.x[0] - 1234.56f64.ln()).abs() < 1e-12);
    }

    // --- Splitting, arguments, output --------------------------------------------------------

    #[test]
    fn the_hold_out_is_the_last_fraction_in_file_order() {
        // Ten orders whose amounts count up, so each row's place in the file can be read back.
        let mut text = String::from("amount_minor,chose_instalments\n");
        for i in 1..=10 {
            text.push_str(&format!("{}00,{}\n", i, i % 2));
        }
        let orders = read(&text).unwrap();
        let place = |x: &[f64]| -> Vec<u32> { x.iter().map(|v| v.exp().round() as u32).collect() };
        let (fit_part, hold) = split(&orders, 0.3).unwrap();
        assert_eq!(place(fit_part.x), [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(place(hold.x), [8, 9, 10]);
        assert_eq!(hold.chose, [false, true, false]);
        let (fit_part, hold) = split(&orders, 0.75).unwrap();
        assert_eq!((fit_part.chose.len(), hold.chose.len()), (2, 8)); // 7.5 rounds to 8
                                                                      // At least one row on each side, however small the fraction.
        assert_eq!(fit_rows(10, 0.01), Ok(9));
        assert_eq!(fit_rows(10, 0.99), Ok(1));
        assert_eq!(fit_rows(73_972, 0.3), Ok(51_780));
        assert!(fit_rows(1, 0.3).is_err());
    }

    #[test]
    fn arguments() {
        let fit = |path: &str, holdout: f64| {
            Ok(Command::Fit(Options {
                path: path.into(),
                holdout,
            }))
        };
        assert_eq!(parse_args(&strings(&["a.csv"])), fit("a.csv", 0.3));
        assert_eq!(
            parse_args(&strings(&["--holdout", "0.25", "a.csv"])),
            fit("a.csv", 0.25)
        );
        assert_eq!(
            parse_args(&strings(&["a.csv", "--holdout=0.5"])),
            fit("a.csv", 0.5)
        );
        assert_eq!(parse_args(&strings(&["--", "-a.csv"])), fit("-a.csv", 0.3));
        assert_eq!(
            parse_args(&strings(&["a.csv", "--help"])),
            Ok(Command::Help)
        );
        assert_eq!(parse_args(&strings(&["-h"])), Ok(Command::Help));
        for (args, says) in [
            (&["a.csv", "--verbose"][..], "unknown option \"--verbose\""),
            (&["a.csv", "-x"][..], "unknown option \"-x\""),
            (&[][..], "no ORDERS.csv"),
            (&["a.csv", "b.csv"][..], "one ORDERS.csv only"),
            (&["a.csv", "--holdout"][..], "needs a value"),
            (&["a.csv", "--holdout", "0"][..], "strictly between 0 and 1"),
            (&["a.csv", "--holdout", "1"][..], "strictly between 0 and 1"),
            (
                &["a.csv", "--holdout", "NaN"][..],
                "strictly between 0 and 1",
            ),
            (&["a.csv", "--holdout=30%"][..], "got \"30%\""),
        ] {
            let err = parse_args(&strings(args)).unwrap_err();
            assert!(err.contains(says), "{args:?}: {err}");
        }
    }

    #[test]
    fn the_json_lists_only_the_features_the_file_has() {
        let orders = read("durable,amount_minor,chose_instalments\n100,1,1\n").unwrap_err();
        assert!(matches!(orders, ReadError::Rows { .. })); // durable = 100 is refused
        let orders = read("durable,amount_minor,chose_instalments\n1,100,1\n").unwrap();
        let json = weights_json(&orders.features, &[-7.94, 1.15, 0.5]);
        assert_eq!(
            json,
            r#"{"intercept": -7.94, "lnAmount": 1.15, "durable": 0.5}"#
        );
        let all = weights_json(&Feature::ALL, &[1.0, 2.0, 3.0, 4.0, 5.0, 1e-7]);
        let value: serde_json::Value = serde_json::from_str(&all).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(
            keys.len(),
            6,
            "intercept, lnAmount, interestFree, bestApr, durable, priorInstalment: {all}"
        );
        assert_eq!(value["priorInstalment"], 1e-7);
        assert_eq!(
            weights_json(
                &[Feature::LnAmount],
                &[-4.541195405336001, 1.149658608984694]
            ),
            r#"{"intercept": -4.541195405336001, "lnAmount": 1.149658608984694}"#
        );
    }

    // --- The fit ------------------------------------------------------------------------------

    /// SplitMix64: a small deterministic generator, so the synthetic data is the same every run.
    struct SplitMix(u64);

    impl SplitMix {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// Uniform in [0, 1).
        fn uniform(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// Orders with every optional column, drawn from a logistic model with the given weights
    /// (intercept, lnAmount, interestFree, bestApr, durable, priorInstalment).
    fn synthetic_csv(rows: usize, weights: &[f64; 6], seed: u64) -> String {
        let mut rng = SplitMix(seed);
        let mut text = String::from(
            "amount_minor,interest_free,best_apr,durable,prior_instalment,chose_instalments\n",
        );
        for _ in 0..rows {
            // Amounts log-uniform from 50 to 20,000 yuan, in fen.
            let minor = (100.0 * (50f64.ln() + rng.uniform() * 400f64.ln()).exp()).round();
            let interest_free = u8::from(rng.uniform() < 0.4);
            let apr = (rng.uniform() * 0.24 * 1e4).round() / 1e4;
            let durable = u8::from(rng.uniform() < 0.3);
            let prior = (rng.next() % 3) as i8 - 1;
            let features = [
                (minor / 100.0).ln(),
                f64::from(interest_free),
                apr,
                f64::from(durable),
                f64::from(prior),
            ];
            let p = logistic(linear_predictor(weights, &features));
            let chose = u8::from(rng.uniform() < p);
            text.push_str(&format!(
                "{minor},{interest_free},{apr},{durable},{prior:+},{chose}\n"
            ));
        }
        text
    }

    /// Newton–Raphson on the log-likelihood, independently of linfa: the maximum-likelihood
    /// weights and their standard errors (square roots of the inverse Fisher information).
    fn newton(x: &[f64], y: &[bool], k: usize) -> (Vec<f64>, Vec<f64>) {
        let d = k + 1;
        let mut beta = vec![0.0; d];
        let mut inverse = vec![0.0; d * d];
        for _ in 0..30 {
            let mut info = vec![0.0; d * d];
            let mut score = vec![0.0; d];
            for (row, &c) in x.chunks_exact(k).zip(y) {
                let v: Vec<f64> = std::iter::once(1.0).chain(row.iter().copied()).collect();
                let p = logistic(linear_predictor(&beta, row));
                for a in 0..d {
                    score[a] += (f64::from(u8::from(c)) - p) * v[a];
                    for b in 0..d {
                        info[a * d + b] += p * (1.0 - p) * v[a] * v[b];
                    }
                }
            }
            inverse = invert(&info, d);
            for a in 0..d {
                beta[a] += (0..d).map(|b| inverse[a * d + b] * score[b]).sum::<f64>();
            }
        }
        let se = (0..d).map(|a| inverse[a * d + a].sqrt()).collect();
        (beta, se)
    }

    /// Gauss–Jordan inverse with partial pivoting, for the small information matrix.
    fn invert(m: &[f64], d: usize) -> Vec<f64> {
        let mut a = m.to_vec();
        let mut inv: Vec<f64> = (0..d * d)
            .map(|i| f64::from(u8::from(i % (d + 1) == 0)))
            .collect();
        for col in 0..d {
            let pivot = (col..d)
                .max_by(|&i, &j| a[i * d + col].abs().total_cmp(&a[j * d + col].abs()))
                .unwrap();
            for j in 0..d {
                a.swap(col * d + j, pivot * d + j);
                inv.swap(col * d + j, pivot * d + j);
            }
            let p = a[col * d + col];
            for j in 0..d {
                a[col * d + j] /= p;
                inv[col * d + j] /= p;
            }
            for i in (0..d).filter(|&i| i != col) {
                let f = a[i * d + col];
                for j in 0..d {
                    a[i * d + j] -= f * a[col * d + j];
                    inv[i * d + j] -= f * inv[col * d + j];
                }
            }
        }
        inv
    }

    #[test]
    fn a_fit_recovers_the_weights_the_data_was_drawn_from() {
        let truth = [-6.0, 0.7, 1.2, -4.0, 0.6, 0.9];
        let orders = read(&synthetic_csv(4000, &truth, 2024)).unwrap();
        assert_eq!(orders.features, Feature::ALL);
        // A minority choosing instalments, the case in which linfa-logistic's positive class is
        // 0 (see fit()), so this also checks the sign.
        let share = orders.chose.iter().filter(|&&c| c).count() as f64 / 4000.0;
        assert!((0.2..0.5).contains(&share), "{share}");
        let weights = fit(&orders.x, &orders.chose, &orders.features).unwrap();
        let (mle, se) = newton(&orders.x, &orders.chose, orders.features.len());
        for i in 0..truth.len() {
            // linfa reaches the maximum itself: the convergence check in fit() bounds the mean
            // score by 1e-6 on the standardised scale, which moves a weight by about
            // 1e-6 / (p(1-p) · sd) ≤ 1e-4 here (bestApr, sd 0.07, is the widest).
            assert!(
                (weights[i] - mle[i]).abs() < 1e-4,
                "weight {i}: linfa {} vs Newton {}",
                weights[i],
                mle[i]
            );
            // And the maximum is near the truth: within 4 standard errors, a band a correct
            // fit leaves with probability 6e-5 per weight (the data is fixed, so this either
            // always passes or always fails; a wrong sign or scale misses it by far).
            assert!(
                (mle[i] - truth[i]).abs() < 4.0 * se[i],
                "weight {i}: {} vs true {} (se {})",
                mle[i],
                truth[i],
                se[i]
            );
        }
    }

    #[test]
    fn the_weights_are_the_log_odds_of_choosing_instalments() {
        // linfa-logistic's positive class is the more frequent one; chose = 1 must give a
        // positive slope when larger orders choose instalments more, whichever class is the
        // majority, and every weight must flip with the labels.
        let truth = [-4.0, 0.8, 0.0, 0.0, 0.0, 0.0];
        let text = synthetic_csv(3000, &truth, 11);
        let orders = read(&text).unwrap();
        let w = fit(&orders.x, &orders.chose, &orders.features).unwrap();
        assert!(w[1] > 0.5, "{w:?}");
        let flipped: Vec<bool> = orders.chose.iter().map(|c| !c).collect();
        let v = fit(&orders.x, &flipped, &orders.features).unwrap();
        for (a, b) in w.iter().zip(&v) {
            assert!((a + b).abs() < 1e-4, "{w:?} vs {v:?}");
        }
        // Equal counts, where linfa-logistic takes the first label it sees as positive: the
        // same positive slope whether the file starts with a 0 or a 1.
        let text = "amount_minor,chose_instalments\n100,0\n200,0\n300,1\n400,0\n\
                    500,1\n600,0\n700,1\n800,1\n";
        let zero_first = read(text).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        let one_first = read(&lines.join("\n")).unwrap();
        assert_eq!(one_first.chose.first(), Some(&true));
        let (mle, _) = newton(&zero_first.x, &zero_first.chose, 1);
        assert!(mle[1] > 0.5, "{mle:?}");
        for orders in [zero_first, one_first] {
            let w = fit(&orders.x, &orders.chose, &orders.features).unwrap();
            for (a, b) in w.iter().zip(&mle) {
                assert!((a - b).abs() < 1e-4, "{w:?} vs Newton {mle:?}");
            }
        }
    }

    #[test]
    fn a_fit_that_cannot_be_made_says_why() {
        let rows = |lines: &[&str]| {
            let text = format!(
                "amount_minor,durable,chose_instalments\n{}\n",
                lines.join("\n")
            );
            read(&text).unwrap()
        };
        // A column with one value everywhere.
        let flat = rows(&["100,1,1", "200,1,0", "300,1,1", "400,1,0"]);
        let err = fit(&flat.x, &flat.chose, &flat.features).unwrap_err();
        assert!(
            err.contains("durable is the same on every fit row"),
            "{err}"
        );
        // Amounts that separate the choices: no finite maximum.
        let separated = rows(&["100,0,0", "200,1,0", "300,0,1", "400,1,1"]);
        let err = fit(&separated.x, &separated.chose, &separated.features).unwrap_err();
        assert!(err.contains("lnAmount separates the choices"), "{err}");
        // A rare 0/1 column whose every 1 chose instalments: quasi-separation.
        let mut lines: Vec<String> = (0..200)
            .map(|i| format!("{},0,{}", 1000 + 37 * i, (i * 7 % 10 < 4) as u8))
            .collect();
        lines.extend((0..5).map(|i| format!("{},1,1", 2000 + i)));
        let text = format!(
            "amount_minor,durable,chose_instalments\n{}\n",
            lines.join("\n")
        );
        let quasi = read(&text).unwrap();
        let err = fit(&quasi.x, &quasi.chose, &quasi.features).unwrap_err();
        assert!(err.contains("durable separates the choices"), "{err}");
        // One class in the fit rows.
        let one = rows(&["100,0,1", "200,1,1"]);
        let err = fit(&one.x, &one.chose, &one.features).unwrap_err();
        assert!(err.contains("chose_instalments = 0"), "{err}");
    }
}
