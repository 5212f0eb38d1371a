-- The demo store's simulated shop is a function of its seed and of the instant its history ends at (plus the live
-- activity after it, itself a function of time). Keeping that instant lets a restart rebuild the same shop, so
-- the next sync finds every order it already holds instead of a shop whose orders moved or vanished.
create table demo_shops (
    shop_domain   text        primary key,
    history_until timestamptz not null
);
