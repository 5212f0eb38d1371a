package io.storefront.identity;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Users {

    record StoredUser(UUID id, String email, String passwordHash) {}

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Relies on the unique index on lower(email): two racing registrations cannot both win. */
    void insert(UUID id, String email, String passwordHash) {
        jdbc.sql("insert into users (id, email, password_hash) values (?, ?, ?)")
                .params(id, email, passwordHash)
                .update();
    }

    Optional<StoredUser> findByEmail(String email) {
        return jdbc.sql("select id, email, password_hash from users where lower(email) = lower(?)")
                .param(email)
                .query(StoredUser.class)
                .optional();
    }

    Optional<StoredUser> findById(UUID id) {
        return jdbc.sql("select id, email, password_hash from users where id = ?")
                .param(id)
                .query(StoredUser.class)
                .optional();
    }
}
