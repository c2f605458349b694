//! `channel-desk-cli`: the desk's configuration as bundles, the template linter and the bundle
//! schema, from a terminal or CI, on the same data folder as the app (`CHANNEL_DESK_DATA_DIR`,
//! else the platform's app-data folder). Errors go to stderr, in English, with the app's codes.

mod text;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use channel_desk_core::bundle::{self, Bundle, ImportMode, ImportProgress};
use channel_desk_core::environments::{EnvColour, Environments};
use channel_desk_core::error::{Error, Result};
use channel_desk_core::secrets::Secret;
use channel_desk_core::template::LintSeverity;
use channel_desk_core::{desk, Desk};
use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;

#[derive(Parser)]
#[command(name = "channel-desk-cli", version, about = "Channel Desk's configuration, from the command line")]
struct Cli {
    /// The environment to work on, instead of the current one.
    #[arg(long, global = true)]
    env: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes the desk's whole configuration as a bundle, without secrets unless asked.
    Export {
        /// The file to write; standard output when left out.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Adds the accounts' secrets, sealed with a passphrase: CHANNEL_DESK_PASSPHRASE, or
        /// typed twice at a prompt.
        #[arg(long)]
        with_secrets: bool,
    },
    /// What importing a bundle would change: `diff FILE` from the desk to FILE, `diff A B` from
    /// bundle file A to bundle file B.
    Diff {
        a: PathBuf,
        b: Option<PathBuf>,
        /// JSON on standard output, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Imports a bundle file into the desk, all or nothing: with --dry-run, only says what it
    /// would change; with --apply, applies it. Secrets in the bundle are kept in the keyring when
    /// CHANNEL_DESK_PASSPHRASE (or the prompt) opens them.
    #[command(group(clap::ArgGroup::new("how").required(true).args(["dry_run", "apply"])))]
    Import {
        bundle: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        apply: bool,
        /// Also removes what the desk has and the bundle lacks; without it, the import merges.
        #[arg(long)]
        replace: bool,
        #[arg(long)]
        json: bool,
    },
    /// Lints the templates of a bundle file, or of the desk; exits with 1 when a template has an error.
    Lint {
        bundle: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Prints the bundle format's JSON Schema.
    Schema,
    /// The desk's environments: each its own database, keyring entries and Twilio accounts.
    #[command(subcommand)]
    Env(EnvCommand),
}

#[derive(Subcommand)]
enum EnvCommand {
    /// Lists the environments; `*` marks the current one.
    List,
    /// Creates an environment with an empty desk.
    Create {
        name: String,
        #[arg(long, default_value = "blue", value_parser = colour)]
        colour: EnvColour,
    },
    /// Makes an environment the current one, for the app and this tool.
    Use { name: String },
}

/// A colour as the environments file writes it: grey, blue, green, amber, red or purple.
fn colour(value: &str) -> std::result::Result<EnvColour, String> {
    serde_json::from_value(serde_json::Value::String(value.to_owned()))
        .map_err(|_| "one of grey, blue, green, amber, red, purple".to_owned())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command, cli.env.as_deref()).await {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error[{}]: {}", code_of(&err), err.message);
            for more in &err.more {
                eprintln!("error[{}]: {}", code_of(more), more.message);
            }
            ExitCode::FAILURE
        }
    }
}

fn code_of(err: &Error) -> String {
    serde_json::to_value(err.code).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

async fn run(command: Command, env: Option<&str>) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let open = || open(env);
    match command {
        Command::Export { output, with_secrets } => {
            let desk = open().await?;
            let bundle = match with_secrets {
                true => desk.export_with_secrets(&new_passphrase()?).await?,
                false => desk.bundles.export().await?,
            };
            let bytes = bundle.to_canonical();
            match output {
                Some(path) => std::fs::write(&path, bytes).map_err(|e| Error::write_file(&path, &e))?,
                None => out.write_all(&bytes).map_err(|e| Error::write_file(Path::new("-"), &e))?,
            }
        }
        Command::Diff { a, b, json } => {
            let (from, to) = match b {
                Some(b) => (read(&a)?, read(&b)?),
                None => (open().await?.bundles.export().await?, read(&a)?),
            };
            let changes = bundle::diff(&from, &to);
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&changes).expect("a diff serializes")).ok();
            } else {
                text::diff(&mut out, &changes);
            }
        }
        Command::Import { bundle, dry_run, replace, json, .. } => {
            let (desk, incoming) = (open().await?, read(&bundle)?);
            let mode = if replace { ImportMode::Replace } else { ImportMode::Merge };
            let changes = if dry_run {
                bundle::diff(&desk.bundles.export().await?, &incoming)
            } else {
                let passphrase = match incoming.secrets {
                    Some(_) => Some(passphrase()?),
                    None => None,
                };
                let cancel = CancellationToken::new();
                let on_ctrl_c = cancel.clone();
                tokio::spawn(async move {
                    if tokio::signal::ctrl_c().await.is_ok() {
                        on_ctrl_c.cancel();
                    }
                });
                let terminal = std::io::stderr().is_terminal();
                let on_progress = |p: ImportProgress| {
                    if terminal {
                        eprint!("\rwritten {} of {} entities (Ctrl-C cancels, writing nothing)", p.written, p.total);
                    }
                };
                let outcome = desk.import_bundle(&incoming, mode, passphrase.as_ref(), &on_progress, &cancel).await?;
                if terminal {
                    eprintln!();
                }
                if outcome.cancelled {
                    eprintln!("Cancelled: nothing was imported.");
                    return Ok(ExitCode::from(130));
                }
                outcome.changes
            };
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&changes).expect("a diff serializes")).ok();
            } else {
                text::import(&mut out, &changes, mode, dry_run);
            }
        }
        Command::Lint { bundle, json } => {
            let bundle = match bundle {
                Some(path) => read(&path)?,
                None => open().await?.bundles.export().await?,
            };
            let found = bundle::lint(&bundle);
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&found).expect("findings serialize")).ok();
            } else {
                text::lint(&mut out, &found);
            }
            let errors = found.iter().flat_map(|l| &l.findings).any(|f| f.severity == LintSeverity::Error);
            if errors {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Schema => {
            out.write_all(Bundle::json_schema().as_bytes()).ok();
        }
        Command::Env(command) => {
            let envs = Environments::at(&desk::data_dir()?);
            match command {
                EnvCommand::List => {}
                EnvCommand::Create { name, colour } => drop(envs.create(&name, colour)?),
                EnvCommand::Use { name } => drop(envs.select(&name)?),
            }
            text::environments(&mut out, &envs.list()?);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The desk of the environment named `env`, or of the current one.
async fn open(env: Option<&str>) -> Result<Desk> {
    let envs = Environments::at(&desk::data_dir()?);
    let dir = match env {
        Some(name) => envs.find(name)?.dir,
        None => envs.current()?.dir,
    };
    Desk::open(&dir).await
}

/// The passphrase that opens a bundle's secrets: from the environment, or typed.
fn passphrase() -> Result<Secret> {
    match std::env::var(PASSPHRASE_ENV) {
        Ok(passphrase) => Ok(Secret::new(passphrase)),
        Err(_) => prompt("Passphrase of the bundle's secrets: "),
    }
}

/// The passphrase to seal secrets with: from the environment, or typed twice, never from an
/// argument (which other users can read in the process list).
fn new_passphrase() -> Result<Secret> {
    if let Ok(passphrase) = std::env::var(PASSPHRASE_ENV) {
        return Ok(Secret::new(passphrase));
    }
    let typed = prompt("Passphrase for the secrets: ")?;
    if prompt("The same passphrase again: ")?.expose() != typed.expose() {
        return Err(Error::passphrases_differ());
    }
    Ok(typed)
}

const PASSPHRASE_ENV: &str = "CHANNEL_DESK_PASSPHRASE";

fn prompt(text: &str) -> Result<Secret> {
    rpassword::prompt_password(text).map(Secret::new).map_err(|e| Error::read_file(Path::new("/dev/tty"), &e))
}

fn read(path: &Path) -> Result<Bundle> {
    let bytes = std::fs::read(path).map_err(|e| Error::read_file(path, &e))?;
    Bundle::parse(&bytes)
}
