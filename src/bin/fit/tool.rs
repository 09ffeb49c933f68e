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
use std::io::{self, BufReader, Read, Write as _};
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
  best_apr           the lowest offered annual rate, as a fraction 0.1357 -> bestApr
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_args(&args) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
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
    let file = File::open(&options.path)
        .map_err(|e| format!("cannot open {}: {e}", options.path))?;
    let orders = read_orders(BufReader::new(file)).map_err(|e| e.to_string())?;
    let n = orders.len();
    let positives = orders.chose.iter().filter(|&&c| c).count();
    if positives == 0 || positives == n {
        return Err(format!(
            "all {n} rows have chose_instalments = {}: a model of the choice needs both 0 and 1",
            u8::from(positives == n)
        ));
    }
    let n_fit = fit_rows(n, options.holdout)?;
    let k = orders.features.len();
    let (x_fit, x_hold) = orders.x.split_at(n_fit * k);
    let (y_fit, y_hold) = orders.chose.split_at(n_fit);

    let started = std::time::Instant::now();
    let weights = fit(x_fit, y_fit, &orders.features)?;
    let fit_time = started.elapsed();

    let scores: Vec<f64> = x_hold
        .chunks_exact(k)
        .map(|row| linear_predictor(&weights, row))
        .collect();
    let share = |y: &[bool]| 100.0 * y.iter().filter(|&&c| c).count() as f64 / y.len() as f64;
    eprintln!(
        "fit rows: {n_fit} ({:.1}% chose instalments)",
        share(y_fit)
    );
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
                "0" => Ok(0.0),
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

fn header_columns(header: &csv::ByteRecord) -> Result<Columns, ReadError> {
    let names: Vec<&str> = header
        .iter()
        .enumerate()
        .map(|(i, b)| {
            std::str::from_utf8(b)
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

/// Reads the orders in one pass, record by record, keeping only the features. Every bad row is
/// counted (the first `MAX_LISTED` are described) and the read fails if there is any.
///
/// Fields are trimmed of spaces; quoted fields, CRLF line ends and a UTF-8 byte-order mark are
/// read as spreadsheets write them. Blank lines are skipped.
fn read_orders<R: Read>(input: R) -> Result<Orders, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let has_header = reader
        .read_byte_record(&mut record)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if !has_header {
        return Err(ReadError::Empty);
    }
    let columns = header_columns(&record)?;
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
    let mut currency = Currency::parse("CNY", "currency").map_err(|e| ReadError::Io(e.message.clone()))?;
    let mut row = Vec::with_capacity(orders.features.len());
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(ReadError::Io(e.to_string())),
        }
        let line = record.position().map_or(0, |p| p.line());
        row.clear();
        match parse_row(&record, &columns, &mut currency, &mut row) {
            Ok(chose) if total == 0 => {
                orders.x.extend_from_slice(&row);
                orders.chose.push(chose);
            }
            Ok(_) => {}
            Err(problems) => {
                total += 1;
                if listed.len() < MAX_LISTED {
                    listed.push((line, problems.join("; ")));
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
    record: &csv::ByteRecord,
    columns: &Columns,
    currency: &mut Currency,
    row: &mut Vec<f64>,
) -> Result<bool, Vec<String>> {
    if record.len() != columns.width {
        return Err(vec![format!(
            "{} fields, but the header has {}",
            record.len(),
            columns.width
        )]);
    }
    let mut problems = Vec::new();
    let cell = |i: usize| -> Result<&str, String> {
        let bytes = record.get(i).unwrap_or_default();
        std::str::from_utf8(bytes).map_err(|_| format!("column {} is not UTF-8 text", i + 1))
    };
    let text = |i: usize, problems: &mut Vec<String>| match cell(i) {
        Ok(s) => Some(s),
        Err(e) => {
            problems.push(e);
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
        if !(*s > 1e-12 * m.abs().max(1.0)) {
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
    // Class 1 (chose instalments) is the larger label, which linfa-logistic makes the positive
    // class: the intercept and params are the log-odds of choosing instalments.
    let model = LogisticRegression::default()
        .alpha(0.0)
        .max_iterations(1000)
        .gradient_tolerance(1e-9 * n as f64)
        .fit(&dataset)
        .map_err(|e| format!("the fit failed: {e}"))?;
    let b = model.intercept();
    let w = model.params();

    // The mean score (gradient of the mean log-likelihood) at the fit, per standardised
    // coefficient: zero at the maximum.
    let mut score = vec![0.0; k + 1];
    for (row, &c) in z.rows().into_iter().zip(chose) {
        let eta = b + row.dot(w);
        let r = f64::from(u8::from(c)) - logistic(eta);
        score[0] += r / n as f64;
        for (s, v) in score.iter_mut().skip(1).zip(row) {
            *s += r * v / n as f64;
        }
    }
    let worst = score.iter().fold(0.0_f64, |a, s| a.max(s.abs()));
    if !(worst < 1e-6) || !b.is_finite() || w.iter().any(|v| !v.is_finite()) {
        return Err(format!(
            "the fit did not converge (largest mean score {worst:.2e}); a feature that \
             separates the two choices perfectly has no finite maximum-likelihood weight"
        ));
    }

    let mut weights = vec![b; k + 1];
    for j in 0..k {
        let wj = w.get(j).copied().unwrap_or(0.0) / scale[j];
        weights[j + 1] = wj;
        weights[0] -= wj * mean[j];
    }
    Ok(weights)
}

fn logistic(eta: f64) -> f64 {
    1.0 / (1.0 + (-eta).exp())
}

/// The model's log-odds for one row: `weights[0]` is the intercept.
fn linear_predictor(weights: &[f64], row: &[f64]) -> f64 {
    weights.first().copied().unwrap_or(0.0)
        + weights.iter().skip(1).zip(row).map(|(w, v)| w * v).sum::<f64>()
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
