//! The store's conformance suite: every case is written once (in `cases`) and run against SQLite (in a
//! temporary directory) and PostgreSQL (a throw-away database; see `common`). A backend passes when it
//! behaves exactly as the `Store` trait documents.

#[macro_use]
mod common;

use common::Db;

conformance!(
    save_is_an_upsert_and_unchanged_is_a_no_op,
    revisions_keep_the_whole_history,
    drafts_unpublished_and_embargoed_meetings_are_not_public,
    expected_revision_detects_conflicts,
    change_counter_moves_with_every_change_and_only_then,
    public_lists_are_ordered_and_paginated,
    hostile_and_unicode_text_round_trips,
    refuses_what_it_cannot_store,
    the_shipped_example_round_trips,
    concurrent_writers_lose_nothing,
    readers_never_fail_while_another_store_writes,
    subscribers_learn_of_changes_made_anywhere,
);

mod cases;
use cases::*;
