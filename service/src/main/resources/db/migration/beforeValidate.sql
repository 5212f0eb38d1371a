-- V30-V37 once defined the insights functions and triggers that R__insights_rollups.sql and R__store_deletion.sql
-- now keep in one place, so those files changed after databases had applied them. On such a database this
-- realigns exactly those eight checksums, from the old files' to the new files' (nothing else matches), so
-- Flyway's validation keeps catching any other edit of an applied migration. A no-op on every later run.
do $$
begin
    if to_regclass('flyway_schema_history') is not null then
        update flyway_schema_history h set checksum = c.new_checksum
        from (values ('30', -912693720, 875221528), ('31', 2070085689, 453305161), ('32', 731647364, -808907331),
                     ('33', -1648420908, -1932233674), ('34', 1074433441, 1145416707), ('35', -1983146237, -1035507749),
                     ('36', -1000204197, -1684741116), ('37', -1617391317, 799476266)) c(version, old_checksum, new_checksum)
        where h.version = c.version and h.checksum = c.old_checksum;
    end if;
end
$$;
