namespace Tally.Ledger.Sqlite;

/// <summary>The embedded ledger's tables. Versioned by <c>PRAGMA user_version</c>; each step runs once, in order.</summary>
internal static class SqliteSchema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE users (
            user_id       TEXT PRIMARY KEY,
            username      TEXT NOT NULL COLLATE NOCASE UNIQUE,
            password_hash TEXT NOT NULL,
            created_at    TEXT NOT NULL
        );
        CREATE TABLE polls (
            poll_id           TEXT PRIMARY KEY,
            owner_id          TEXT NOT NULL,
            title             TEXT NOT NULL,
            description       TEXT,
            start_time        TEXT,
            end_time          TEXT,
            results_visibility TEXT NOT NULL,
            allow_vote_change INTEGER NOT NULL,
            created_at        TEXT NOT NULL,
            closed_at         TEXT
        );
        CREATE TABLE poll_options (
            poll_id   TEXT NOT NULL,
            option_id INTEGER NOT NULL,
            text      TEXT NOT NULL,
            PRIMARY KEY (poll_id, option_id)
        ) WITHOUT ROWID;
        CREATE TABLE poll_regions (
            poll_id  TEXT NOT NULL,
            position INTEGER NOT NULL,
            region   TEXT NOT NULL,
            PRIMARY KEY (poll_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE vote_records (
            vote_id      TEXT PRIMARY KEY,
            poll_id      TEXT NOT NULL,
            voter_id     TEXT NOT NULL,
            option_id    INTEGER NOT NULL,
            region       TEXT,
            timestamp    TEXT NOT NULL,
            ip_address   TEXT,
            user_agent   TEXT,
            is_retracted INTEGER NOT NULL DEFAULT 0,
            retracted_at TEXT
        );
        -- The one authority on "one live vote per voter per poll".
        CREATE UNIQUE INDEX vote_records_one_live_vote ON vote_records (poll_id, voter_id) WHERE is_retracted = 0;
        CREATE TABLE idempotency_keys (
            voter_id    TEXT NOT NULL,
            key         TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            vote_id     TEXT NOT NULL,
            poll_id     TEXT NOT NULL,
            option_id   INTEGER NOT NULL,
            region      TEXT,
            recorded_at TEXT NOT NULL,
            sequence    INTEGER NOT NULL,
            PRIMARY KEY (voter_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE audit_log (
            audit_id   INTEGER PRIMARY KEY,
            at         TEXT NOT NULL,
            actor      TEXT NOT NULL,
            action     TEXT NOT NULL,
            poll_id    TEXT,
            vote_id    TEXT,
            ip_address TEXT,
            user_agent TEXT,
            detail     TEXT
        );
        -- Append-only. The sequence is assigned under SQLite's single writer lock, so commit order is sequence order, without gaps.
        CREATE TABLE events (
            sequence    INTEGER PRIMARY KEY,
            type        TEXT NOT NULL,
            poll_id     TEXT NOT NULL,
            payload     TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        """,
        """
        -- Admins granted at run time; a revoked grant keeps its row (flagged), as everything in the ledger does.
        CREATE TABLE admin_grants (
            voter_id   TEXT PRIMARY KEY,
            granted_by TEXT NOT NULL,
            granted_at TEXT NOT NULL,
            revoked_by TEXT,
            revoked_at TEXT
        ) WITHOUT ROWID;
        -- One-off facts about this ledger, such as which data migrations have run.
        CREATE TABLE ledger_settings (
            name  TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
        """
        -- Recounts as reported (the report is JSON, written by RecountReport); kept like everything else in the ledger.
        CREATE TABLE recounts (
            recount_id   TEXT PRIMARY KEY,
            poll_id      TEXT NOT NULL,
            requested_by TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            sequence     INTEGER NOT NULL,
            report       TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
        """
        -- One poll's events in order, to repair that poll's views without reading the whole log.
        CREATE INDEX events_by_poll ON events (poll_id, sequence);
        """,
        """
        -- Who retracted a vote and why, when an admin did (a voter's own retraction leaves both null).
        ALTER TABLE vote_records ADD COLUMN retracted_by TEXT;
        ALTER TABLE vote_records ADD COLUMN retraction_reason TEXT;
        -- Admins' Idempotency-Keys: the request's fingerprint and the answer it got, replayed to a repeat.
        CREATE TABLE admin_idempotency_keys (
            actor       TEXT NOT NULL,
            key         TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            answer      TEXT NOT NULL,
            at          TEXT NOT NULL,
            PRIMARY KEY (actor, key)
        ) WITHOUT ROWID;
        -- Admins' stops on voting; a lifted block keeps its row.
        CREATE TABLE blocks (
            block_id  TEXT PRIMARY KEY,
            target    TEXT NOT NULL,
            value     TEXT NOT NULL,
            poll_id   TEXT,
            placed_at TEXT NOT NULL,
            until     TEXT,
            placed_by TEXT NOT NULL,
            reason    TEXT NOT NULL,
            lifted_at TEXT,
            lifted_by TEXT
        ) WITHOUT ROWID;
        """,
        """
        -- The key ring protecting browser sessions' anti-forgery tokens (Data Protection's XML elements, by name).
        CREATE TABLE session_keys (
            name       TEXT PRIMARY KEY,
            xml        TEXT NOT NULL,
            created_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
        """
        -- A key points at the vote it was answered with instead of copying it: a replay reads the vote's poll, option,
        -- region and time from vote_records (the same values: key and vote were written in one transaction). Smaller rows
        -- keep more of this voter-ordered table in the writer's cache.
        CREATE TABLE idempotency_keys_lean (
            voter_id    TEXT NOT NULL,
            key         TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            vote_id     TEXT NOT NULL,
            sequence    INTEGER NOT NULL,
            PRIMARY KEY (voter_id, key)
        ) WITHOUT ROWID;
        INSERT INTO idempotency_keys_lean (voter_id, key, fingerprint, vote_id, sequence)
            SELECT voter_id, key, fingerprint, vote_id, sequence FROM idempotency_keys;
        DROP TABLE idempotency_keys;
        ALTER TABLE idempotency_keys_lean RENAME TO idempotency_keys;
        """,
    ];
}
