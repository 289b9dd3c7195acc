//! Migrations compiled into the binary: each backend lists its own SQL files (`migrations/sqlite/`,
//! `migrations/postgres/`), and [`run`] applies the missing ones at `open`, recording them in sqlx's
//! `_sqlx_migrations` table. On PostgreSQL sqlx takes an advisory lock, so nodes starting together
//! migrate once.

use std::borrow::Cow;

use sqlx::AnyPool;
use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

use crate::model::StoreError;

/// One migration: version, description, SQL.
pub(crate) type Step = (i64, &'static str, &'static str);

/// Applies the steps not yet applied to the database behind `pool`.
pub(crate) async fn run(pool: &AnyPool, steps: &[Step]) -> Result<(), StoreError> {
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
    Migrator::with_migrations(migrations).run(pool).await?;
    Ok(())
}
