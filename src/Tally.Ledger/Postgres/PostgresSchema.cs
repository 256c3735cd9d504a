namespace Tally.Ledger.Postgres;

/// <summary>
/// The PostgreSQL ledger's tables, mirroring the embedded ledger's. Versioned in <c>schema_migrations</c>; each step
/// runs once, in order (see <see cref="PostgresMigrations"/>). Instants are bigint UTC ticks: see <see cref="PostgresValues.Ticks"/>.
/// </summary>
internal static class PostgresSchema
{
    public static readonly string[] Migrations =
    [
        """
        -- Shows a stored instant (UTC ticks) as a timestamptz, for people reading the tables.
        CREATE FUNCTION tally_time(ticks bigint) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN to_timestamp((ticks - 621355968000000000) / 10000000.0);

        CREATE TABLE users (
            user_id       text PRIMARY KEY,
            username      text NOT NULL,
            password_hash text NOT NULL,
            created_at    bigint NOT NULL
        );
        -- Usernames are unique whatever their case; lookups use the same expression.
        CREATE UNIQUE INDEX users_username_key ON users (lower(username));

        CREATE TABLE polls (
            poll_id            uuid PRIMARY KEY,
            owner_id           text NOT NULL,
            title              text NOT NULL,
            description        text,
            start_time         bigint,
            end_time           bigint,
            results_visibility text NOT NULL,
            allow_vote_change  boolean NOT NULL,
            created_at         bigint NOT NULL,
            closed_at          bigint
        );
        CREATE TABLE poll_options (
            poll_id   uuid NOT NULL,
            option_id integer NOT NULL,
            text      text NOT NULL,
            PRIMARY KEY (poll_id, option_id)
        );
        CREATE TABLE poll_regions (
            poll_id  uuid NOT NULL,
            position integer NOT NULL,
            region   text NOT NULL,
            PRIMARY KEY (poll_id, position)
        );

        CREATE TABLE vote_records (
            vote_id      uuid PRIMARY KEY,
            poll_id      uuid NOT NULL,
            voter_id     text NOT NULL,
            option_id    integer NOT NULL,
            region       text,
            timestamp    bigint NOT NULL,
            ip_address   text,
            user_agent   text,
            is_retracted boolean NOT NULL DEFAULT false,
            retracted_at bigint
        );
        -- The one authority on "one live vote per voter per poll".
        CREATE UNIQUE INDEX vote_records_one_live_vote ON vote_records (poll_id, voter_id) WHERE NOT is_retracted;

        CREATE TABLE idempotency_keys (
            voter_id    text NOT NULL,
            key         text NOT NULL,
            fingerprint text NOT NULL,
            vote_id     uuid NOT NULL,
            poll_id     uuid NOT NULL,
            option_id   integer NOT NULL,
            region      text,
            recorded_at bigint NOT NULL,
            sequence    bigint NOT NULL,
            PRIMARY KEY (voter_id, key)
        );

        CREATE TABLE audit_log (
            audit_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at         bigint NOT NULL,
            actor      text NOT NULL,
            action     text NOT NULL,
            poll_id    uuid,
            vote_id    uuid,
            ip_address text,
            user_agent text,
            detail     text
        );

        -- Append-only. Sequences come from event_head, whose row lock every writer holds from taking its numbers to its
        -- COMMIT: commit order is sequence order, and a rollback gives its numbers back (PostgresEventAppender).
        CREATE TABLE events (
            sequence    bigint PRIMARY KEY,
            type        text NOT NULL,
            poll_id     uuid NOT NULL,
            payload     jsonb NOT NULL,
            recorded_at bigint NOT NULL
        );
        CREATE TABLE event_head (
            only_row      boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            last_sequence bigint NOT NULL
        );
        INSERT INTO event_head (only_row, last_sequence) VALUES (true, 0);
        """,
        """
        -- Admins granted at run time; a revoked grant keeps its row (flagged), as everything in the ledger does.
        CREATE TABLE admin_grants (
            voter_id   text PRIMARY KEY,
            granted_by text NOT NULL,
            granted_at bigint NOT NULL,
            revoked_by text,
            revoked_at bigint
        );
        -- One-off facts about this ledger, such as which data migrations have run.
        CREATE TABLE ledger_settings (
            name  text PRIMARY KEY,
            value text NOT NULL
        );
        """,
        """
        -- Recounts as reported (the report is JSON, written by RecountReport); kept like everything else in the ledger.
        CREATE TABLE recounts (
            recount_id   uuid PRIMARY KEY,
            poll_id      uuid NOT NULL,
            requested_by text NOT NULL,
            requested_at bigint NOT NULL,
            sequence     bigint NOT NULL,
            report       jsonb NOT NULL
        );
        """,
        """
        -- Projector leader epochs, taken by the elected node while it holds the projector lock, so no two terms
        -- share one and none is handed out twice, whatever happens to the views.
        CREATE SEQUENCE projector_epochs;
        """,
        """
        -- One poll's events in order, to repair that poll's views without reading the whole log.
        CREATE INDEX events_by_poll ON events (poll_id, sequence);
        """,
        """
        -- Who retracted a vote and why, when an admin did (a voter's own retraction leaves both null).
        ALTER TABLE vote_records ADD COLUMN retracted_by text;
        ALTER TABLE vote_records ADD COLUMN retraction_reason text;
        -- Admins' Idempotency-Keys: the request's fingerprint and the answer it got, replayed to a repeat.
        CREATE TABLE admin_idempotency_keys (
            actor       text NOT NULL,
            key         text NOT NULL,
            fingerprint text NOT NULL,
            answer      jsonb NOT NULL,
            at          bigint NOT NULL,
            PRIMARY KEY (actor, key)
        );
        -- Admins' stops on voting; a lifted block keeps its row.
        CREATE TABLE blocks (
            block_id  uuid PRIMARY KEY,
            target    text NOT NULL,
            value     text NOT NULL,
            poll_id   uuid,
            placed_at bigint NOT NULL,
            until     bigint,
            placed_by text NOT NULL,
            reason    text NOT NULL,
            lifted_at bigint,
            lifted_by text
        );
        """,
        """
        -- The key ring protecting browser sessions' anti-forgery tokens (Data Protection's XML elements, by name), shared
        -- by every node on this ledger.
        CREATE TABLE session_keys (
            name       text PRIMARY KEY,
            xml        text NOT NULL,
            created_at bigint NOT NULL
        );
        """,
        """
        -- A key points at the vote it answered instead of copying it: a replay reads the poll, option, region and time
        -- from that vote's row, which is kept (flagged, never deleted) whatever happens to the vote. Rows written before
        -- keep their copies' bytes until rewritten (DROP COLUMN does not rewrite the table), unread.
        ALTER TABLE idempotency_keys DROP COLUMN poll_id, DROP COLUMN option_id, DROP COLUMN region, DROP COLUMN recorded_at;
        """,
    ];
}
