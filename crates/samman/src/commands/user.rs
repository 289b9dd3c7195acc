//! `samman user add EMAIL --role admin|editor [--body ID]... | list | remove EMAIL`, each with
//! `[--data DIR | --database URL]`: the editor's accounts, for the first account and for scripts.
//!
//! The password is read from standard input (one line; on a terminal without echo) and is never printed
//! or logged; only its argon2id hash is stored.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, bail};
use samman_domain::Bodies;
use samman_store::{NewUser, Role, Store};

use super::location;
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Create an account; the password is read from standard input.
    Add {
        /// The account's e-mail address (its sign-in name).
        email: String,
        /// admin (everything) or editor (the bodies given with --body).
        #[arg(long, value_enum)]
        role: RoleArg,
        /// A body the editor may write (repeat for several).
        #[arg(long, value_name = "ID")]
        body: Vec<String>,
        #[command(flatten)]
        location: location::Args,
    },
    /// List the accounts with their roles and bodies.
    List {
        #[command(flatten)]
        location: location::Args,
    },
    /// Remove an account and end its sessions.
    Remove {
        email: String,
        #[command(flatten)]
        location: location::Args,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum RoleArg {
    Admin,
    Editor,
}

pub fn run(args: Args, bodies: &Bodies) -> anyhow::Result<Outcome> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("kan inte starta körmiljön")?;
    runtime.block_on(async {
        match args.action {
            Action::Add {
                email,
                role,
                body: chosen,
                location,
            } => {
                let role = match role {
                    RoleArg::Admin => Role::Admin,
                    RoleArg::Editor => Role::Editor,
                };
                check_bodies(role, &chosen, bodies)?;
                let password = read_password()?;
                let store = open(&location).await?;
                let user = add(store.as_ref(), &email, &password, role, chosen).await?;
                eprintln!("samman: kontot {} ({}) är skapat", user.email, user.role.as_str());
            }
            Action::List { location } => {
                let store = open(&location).await?;
                let users = store.editor().users().await.context("kontona kunde inte läsas")?;
                let mut out = std::io::stdout().lock();
                for user in users {
                    writeln!(
                        out,
                        "{}\t{}\t{}",
                        user.email,
                        user.role.as_str(),
                        user.bodies.join(",")
                    )?;
                }
            }
            Action::Remove { email, location } => {
                let store = open(&location).await?;
                match store.editor().remove_user(&email).await {
                    Ok(()) => eprintln!("samman: kontot {} är borttaget", email.trim().to_lowercase()),
                    Err(samman_store::StoreError::NotFound) => bail!("det finns inget konto för {email}"),
                    Err(e) => return Err(e).context("kontot kunde inte tas bort"),
                }
            }
        }
        Ok(Outcome::Success)
    })
}

async fn open(location: &location::Args) -> anyhow::Result<std::sync::Arc<dyn Store>> {
    let (place, _) = location.location();
    samman_store::open(&place)
        .await
        .with_context(|| format!("kan inte öppna databasen ({})", location.shown()))
}

/// An editor needs a body, and every body must be configured.
fn check_bodies(role: Role, chosen: &[String], bodies: &Bodies) -> anyhow::Result<()> {
    if role == Role::Editor && chosen.is_empty() {
        bail!("en redaktör behöver minst ett organ: ange --body ID");
    }
    for id in chosen {
        if !bodies.bodies.iter().any(|b| &b.id == id) {
            let known: Vec<&str> = bodies.bodies.iter().map(|b| b.id.as_str()).collect();
            bail!("--body {id}: inget sådant organ (finns: {})", known.join(", "));
        }
    }
    Ok(())
}

/// Creates an account with `password` hashed (argon2id).
pub async fn add(
    store: &dyn Store,
    email: &str,
    password: &str,
    role: Role,
    bodies: Vec<String>,
) -> anyhow::Result<samman_store::User> {
    let password = password.to_string();
    let password_hash =
        tokio::task::spawn_blocking(move || samman_server::editor::auth::hash_password(&password))
            .await?
            .map_err(anyhow::Error::msg)?;
    let user = NewUser {
        email: email.to_string(),
        password_hash,
        role,
        bodies,
    };
    Ok(store.editor().add_user(user).await?)
}

/// One line from standard input, without echo on a terminal.
fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    let mut line = String::new();
    if terminal {
        eprint!("Lösenord: ");
        let old = rustix::termios::tcgetattr(&stdin).context("kan inte läsa terminalens inställningar")?;
        let mut quiet = old.clone();
        quiet.local_modes.remove(rustix::termios::LocalModes::ECHO);
        rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &quiet)
            .context("kan inte stänga av eko")?;
        let read = stdin.lock().read_line(&mut line);
        let _ = rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &old);
        eprintln!();
        read.context("kunde inte läsa lösenordet")?;
    } else {
        stdin
            .lock()
            .read_line(&mut line)
            .context("kunde inte läsa lösenordet från standard in")?;
    }
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        bail!("inget lösenord på standard in (skriv det på en rad)");
    }
    Ok(password)
}
