-- When the current access token was issued: renewal starts once most of its lifetime is spent.
alter table tenants add column access_token_issued_at timestamptz;

-- Pending OAuth installs. A state is single-use (deleted when the callback consumes it), short-lived, and bound
-- both to the user who started the install and to their browser (hash of a nonce kept in a cookie).
create table oauth_states (
    state         text primary key,
    user_id       uuid        not null references users (id) on delete cascade,
    shop_domain   text        not null,
    browser_hash  bytea       not null,
    expires_at    timestamptz not null
);
create index oauth_states_expiry_idx on oauth_states (expires_at);
