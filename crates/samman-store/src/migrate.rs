//! Migrations compiled into the binary: each backend lists its own SQL files (`migrations/sqlite/`,
//! `migrations/postgres/`), and [`run`] applies the missing ones at `open`, recording them in sqlx's
//! `_sqlx_migrations` table. Nodes or processes starting together migrate once: on PostgreSQL sqlx takes
//! an advisory lock; on SQLite (where sqlx locks nothing) the whole run is one `BEGIN IMMEDIATE`
//! transaction, so a second process waits and then finds the migrations applied (the SQLite backend
//! retries the few lock races SQLite answers at once instead of waiting).

use std::borrow::Cow;

use sqlx::AnyPool;
use sqlx::SqlSafeStr;
use sqlx::migrate::{MigrateError, Migration, MigrationType, Migrator};

/// One migration: version, description, SQL.
pub(crate) type Step = (i64, &'static str, &'static str);

/// Applies the steps not yet applied to the database behind `pool`, inside a transaction opened with
/// `begin` when one is given.
pub(crate) async fn run(
    pool: &AnyPool,
    steps: &[Step],
    begin: Option<&'static str>,
) -> Result<(), MigrateError> {
    let migrations = steps
        .iter()
        .map(|&(version, description, sql)| {
            Migration::new(
                version,
                Cow::Borrowed(description),
                MigrationType::Simple,
                sql.into_sql_str(),
                false,
            )
        })
        .collect();
    let migrator = Migrator::with_migrations(migrations);
    match begin {
        Some(begin) => {
            let mut tx = pool.begin_with(begin).await?;
            migrator.run(&mut *tx).await?;
            tx.commit().await?;
        }
        None => migrator.run(pool).await?,
    }
    Ok(())
}
